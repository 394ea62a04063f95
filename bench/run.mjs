#!/usr/bin/env node
// The benchmark harness.
// - Micro-benchmarks of the packages (bench/micro/*.mjs) run in this process: ns per operation.
// - Python programs run as processes under each Skein configuration (every tier the CLI accepts,
//   with and without specialization) and, where installed, CPython 3.13 and PyPy, several times
//   in alternation:
//     * bench/*.py, written here; each prints a `checksum` line that must match CPython's;
//     * when PYPERFORMANCE_DIR points at a pyperformance checkout, its unmodified
//       bm_*/run_benchmark.py files for the same workloads, with bench/pyperf_shim/pyperf.py on
//       PYTHONPATH standing in for pyperf (a fixed number of loops, see PYPERFORMANCE_LOOPS).
//   A program that fails (non-zero exit, timeout, missing or wrong checksum) is reported with the
//   last line of its error and left out of the geometric means. Medians, ratios to CPython 3.13,
//   start-up time (an empty program) and peak memory (/usr/bin/time) go to
//   bench/results/latest.{json,md,svg}.
// Usage: npm run bench [-- OPTIONS]
//   --runs N          runs per program and implementation (default 5)
//   --only A,B        only programs whose name contains one of these (start-up is always run)
//   --impl A,B        only these implementations (names as in the report, e.g. cpython-3.13,skein)
//   --timeout S       seconds before a run is killed and reported as failed (default 120)
//   --out DIR         write latest.{json,md,svg} there (default bench/results)
//   --no-micro        skip the micro-benchmarks
//   --no-pyperformance  ignore PYPERFORMANCE_DIR
//   --no-compile      skip compile throughput (bench/compile-throughput.mjs; with --only, it runs
//                     only when one of the names is "compile")
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { compileThroughput, compileThroughputMarkdown } from "./compile-throughput.mjs";
import { skeinStats, statsMarkdown } from "./skein-stats.mjs";

const benchDir = resolve(import.meta.dirname);
const root = resolve(benchDir, "..");
const shimDir = join(benchDir, "pyperf_shim");
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  if (i >= 0 && args[i + 1] !== undefined) return args[i + 1];
  const inline = args.find((a) => a.startsWith(`${name}=`));
  return inline ? inline.slice(name.length + 1) : fallback;
};
const list = (text) =>
  text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
const RUNS = Math.max(1, Number(option("--runs", "5")));
const resultsDir = resolve(option("--out", join(benchDir, "results")));
const TIMEOUT_S = Number(option("--timeout", "120"));
const only = list(option("--only", ""));
const implFilter = list(option("--impl", ""));
const REFERENCE = "cpython-3.13";
const STARTUP = "(startup)";
// Issue #7: `skein` on an empty program starts within this many milliseconds (wall time, median).
const STARTUP_TARGET_MS = 150;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const geomean = (xs) => Math.exp(xs.reduce((a, x) => a + Math.log(x), 0) / xs.length);
const isTTY = process.stderr.isTTY;
const t0All = Date.now();

// ---- micro-benchmarks ----
async function runMicro() {
  const rows = [];
  const OPS = 2_000_000;
  for (const file of readdirSync(join(benchDir, "micro")).filter((f) => f.endsWith(".mjs"))) {
    let cases;
    let module;
    try {
      module = await import(pathToFileURL(join(benchDir, "micro", file)).href);
      cases = module.setup();
    } catch (e) {
      process.stderr.write(`  micro ${file}: failed to load: ${e.message.split("\n")[0]}\n`);
      rows.push({ suite: file.replace(".mjs", ""), name: "(load)", error: String(e.message) });
      continue;
    }
    for (const [name, fn] of Object.entries(cases)) {
      try {
        fn(OPS / 10);
        const times = [];
        for (let r = 0; r < 7; r++) {
          const t0 = process.hrtime.bigint();
          fn(OPS);
          times.push(Number(process.hrtime.bigint() - t0) / OPS);
        }
        rows.push({ suite: file.replace(".mjs", ""), name, nsPerOp: median(times) });
        process.stderr.write(`  micro ${file}: ${name}: ${median(times).toFixed(2)} ns/op\n`);
      } catch (e) {
        rows.push({ suite: file.replace(".mjs", ""), name, error: String(e.message) });
        process.stderr.write(`  micro ${file}: ${name}: failed: ${e.message.split("\n")[0]}\n`);
      }
    }
    // A suite may name ratios to report (`RATIOS`: case -> baseline case) and the most a ratio may
    // be (`TARGET`: { max, cases }).
    const suite = file.replace(".mjs", "");
    const ns = (name) => rows.find((r) => r.suite === suite && r.name === name)?.nsPerOp;
    for (const [name, base] of Object.entries(module.RATIOS ?? {})) {
      const row = rows.find((r) => r.suite === suite && r.name === name);
      if (row?.nsPerOp === undefined || ns(base) === undefined) continue;
      row.ratio = row.nsPerOp / ns(base);
      row.baseline = base;
      if (module.TARGET?.cases.includes(name)) row.target = module.TARGET.max;
    }
  }
  return rows;
}

// ---- implementations ----
const hasTime = existsSync("/usr/bin/time");
const skeinCli = join(root, "packages", "engine", "dist", "cli.js");
const RSS_MARK = "SKEIN_BENCH_MAXRSS_KIB";

function implementations() {
  const impls = [];
  const probe = (cmd, argv) =>
    spawnSync(cmd, [...argv, "-c", "pass"], { timeout: 30_000 }).status === 0;
  // The interpreter's own executable, not a pyenv shim (a shell script that would add its own
  // start-up time to every run).
  const executable = (cmd, env = {}) => {
    const r = spawnSync(cmd, ["-c", "import sys; print(sys.executable)"], {
      env: { ...process.env, ...env },
      encoding: "utf8",
      timeout: 30_000,
    });
    return r.status === 0 && r.stdout.trim() ? r.stdout.trim() : null;
  };
  const cpython = executable("python3.13", { PYENV_VERSION: "3.13.0" });
  if (cpython) impls.push({ name: REFERENCE, cmd: cpython, args: [], env: {} });
  const pypy = executable("pypy3");
  if (pypy) impls.push({ name: "pypy3", cmd: pypy, args: [], env: {} });
  // Every tier the CLI accepts today (a tier that does not exist yet is refused with exit 2).
  const skein = (name, extra) => ({
    name,
    cmd: process.execPath,
    args: [skeinCli, ...extra],
    env: {},
  });
  for (const tier of ["off", "uops", "wasm"]) {
    const xs = ["-X", `jit=${tier}`];
    if (tier !== "off" && !probe(process.execPath, [skeinCli, ...xs])) continue;
    const label = tier === "off" ? "skein" : `skein-${tier}`;
    impls.push(skein(label, tier === "off" ? [] : xs));
    if (tier === "off") impls.push(skein("skein-nospec", ["-X", "specialize=off"]));
  }
  return impls.filter((i) => implFilter.length === 0 || implFilter.includes(i.name));
}

// ---- programs ----
// pyperformance benchmarks for the workloads written here, with loop counts that make each run
// take a few hundred milliseconds under CPython 3.13 on the project's machines.
const PYPERFORMANCE_LOOPS = {
  richards: 4,
  nbody: 3,
  float: 3,
  fannkuch: 1,
  spectral_norm: 2,
  nqueens: 2,
  chaos: 3,
  deltablue: 50,
  raytrace: 1,
  go: 3,
  hexiom: 40,
  unpack_sequence: 20000,
  generators: 10,
  coroutines: 20,
};

function pyperformanceBenchmarksDir(dir) {
  for (const candidate of [
    join(dir, "pyperformance", "data-files", "benchmarks"),
    join(dir, "data-files", "benchmarks"),
    dir,
  ]) {
    if (existsSync(candidate) && readdirSync(candidate).some((f) => f.startsWith("bm_"))) {
      return candidate;
    }
  }
  return null;
}

function programs(notes) {
  const wanted = (name) => only.length === 0 || only.some((o) => name.includes(o));
  const out = [];
  const emptyFile = join(resultsDir, "empty.py");
  writeFileSync(emptyFile, "");
  out.push({ name: STARTUP, kind: "startup", path: emptyFile, cwd: benchDir, env: {} });
  for (const f of readdirSync(benchDir)
    .filter((f) => f.endsWith(".py"))
    .sort()) {
    const name = f.replace(/\.py$/, "");
    if (wanted(name)) {
      out.push({ name, kind: "own", path: join(benchDir, f), cwd: benchDir, env: {} });
    }
  }
  // bench/micro/*.py: one operation of the object model each, timed against CPython like the rest.
  const microDir = join(benchDir, "micro");
  for (const f of readdirSync(microDir)
    .filter((f) => f.endsWith(".py"))
    .sort()) {
    const name = `micro/${f.replace(/\.py$/, "")}`;
    if (wanted(name))
      out.push({ name, kind: "own", path: join(microDir, f), cwd: benchDir, env: {} });
  }
  const { PYPERFORMANCE_DIR: ppDir, PYTHONPATH: inheritedPath } = process.env;
  if (ppDir && !flag("--no-pyperformance")) {
    const dir = pyperformanceBenchmarksDir(resolve(ppDir));
    if (dir === null) {
      notes.push(`PYPERFORMANCE_DIR=${ppDir} holds no bm_* benchmarks; pyperformance skipped`);
    } else {
      const pythonPath = [shimDir, inheritedPath].filter(Boolean).join(":");
      for (const [bm, loops] of Object.entries(PYPERFORMANCE_LOOPS)) {
        const name = `pyperf/${bm}`;
        if (!wanted(name)) continue;
        const path = join(dir, `bm_${bm}`, "run_benchmark.py");
        if (!existsSync(path)) {
          notes.push(`${name}: ${path} is missing in this pyperformance checkout`);
          continue;
        }
        out.push({
          name,
          kind: "pyperformance",
          path,
          cwd: join(dir, `bm_${bm}`),
          env: { PYTHONPATH: pythonPath, PYPERF_SHIM_LOOPS: String(loops) },
        });
      }
    }
  }
  return out;
}

// ---- one run ----
function lastErrorLine(stderr) {
  const lines = stderr
    .split("\n")
    .map((l) => l.trimEnd())
    .filter(
      (l) =>
        l.trim() !== "" &&
        !l.startsWith(RSS_MARK) &&
        !l.startsWith("Command exited with non-zero status") &&
        !l.startsWith("Command terminated by signal"),
    );
  // A JavaScript crash ends with its stack: report the message above the frames instead.
  while (lines.length > 1 && (/^\s+at /.test(lines.at(-1)) || /^Node\.js v/.test(lines.at(-1)))) {
    lines.pop();
  }
  return lines.at(-1)?.trim() ?? "";
}

function runOnce(impl, program) {
  const command = hasTime ? "/usr/bin/time" : impl.cmd;
  const argv = hasTime
    ? ["-f", `${RSS_MARK} %M`, impl.cmd, ...impl.args, program.path]
    : [...impl.args, program.path];
  return new Promise((resolvePromise) => {
    const t0 = process.hrtime.bigint();
    // Its own process group, so a timeout kills the program and not only /usr/bin/time.
    const child = spawn(command, argv, {
      env: { ...process.env, ...impl.env, ...program.env },
      cwd: program.cwd,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d) => {
      if (stdout.length < 1_000_000) stdout += d;
    });
    child.stderr.setEncoding("utf8").on("data", (d) => {
      stderr = (stderr + d).slice(-100_000);
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        child.kill("SIGKILL");
      }
    }, TIMEOUT_S * 1000);
    const finish = (status, signal, spawnError) => {
      clearTimeout(timer);
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      const rss = stderr.split("\n").find((l) => l.startsWith(RSS_MARK));
      const peakKiB = rss ? Number(rss.slice(RSS_MARK.length)) : Number.NaN;
      let error = null;
      if (spawnError) error = `could not start: ${spawnError.message}`;
      else if (timedOut) error = `timed out after ${TIMEOUT_S} s`;
      else if (status !== 0) {
        const last = lastErrorLine(stderr);
        error = `exit ${status ?? signal}${last ? `: ${last}` : ""}`;
      }
      const checksum =
        program.kind === "pyperformance"
          ? stdout
              .split("\n")
              .filter((l) => l.startsWith("pyperf-shim: "))
              .map((l) => l.split(":").slice(0, 2).join(":"))
              .join("|")
          : stdout
              .split("\n")
              .filter((l) => l.startsWith("checksum"))
              .join("|");
      if (!error && program.kind !== "startup" && checksum === "") {
        error =
          program.kind === "pyperformance"
            ? "no `pyperf-shim:` result line in the output"
            : "no `checksum` line in the output";
      }
      // `metric NAME VALUE` lines: figures a program measures about itself (gc pauses).
      const metrics = {};
      for (const line of stdout.split("\n")) {
        const m = /^metric (\S+) (-?[\d.]+(?:e[-+]?\d+)?)$/.exec(line.trim());
        if (m) metrics[m[1]] = Number(m[2]);
      }
      resolvePromise({ seconds, peakKiB, checksum, error, metrics });
    };
    child.on("error", (e) => finish(null, null, e));
    child.on("close", (status, signal) => finish(status, signal, null));
  });
}

// ---- all runs ----
function progress(text, done) {
  const elapsed = ((Date.now() - t0All) / 1000).toFixed(0);
  const line = `  [${elapsed}s] ${text}`;
  if (isTTY) process.stderr.write(`\r\x1b[K${line}${done ? "\n" : ""}`);
  else if (done) process.stderr.write(`${line}\n`);
}

async function runPrograms(impls, progs) {
  const results = [];
  for (const [k, program] of progs.entries()) {
    const samples = Object.fromEntries(impls.map((i) => [i.name, []]));
    const memory = Object.fromEntries(impls.map((i) => [i.name, []]));
    const checksums = Object.fromEntries(impls.map((i) => [i.name, new Set()]));
    const metrics = Object.fromEntries(impls.map((i) => [i.name, {}]));
    const failures = {};
    for (let r = 0; r < RUNS; r++) {
      for (const impl of impls) {
        if (failures[impl.name]) continue;
        progress(`${k + 1}/${progs.length} ${program.name}: run ${r + 1}/${RUNS} ${impl.name}`);
        const out = await runOnce(impl, program);
        if (out.error) {
          failures[impl.name] = out.error;
          continue;
        }
        samples[impl.name].push(out.seconds);
        memory[impl.name].push(out.peakKiB);
        checksums[impl.name].add(out.checksum);
        const seen = metrics[impl.name];
        for (const [name, value] of Object.entries(out.metrics)) {
          if (seen[name] === undefined) seen[name] = [];
          seen[name].push(value);
        }
      }
    }
    const row = { benchmark: program.name, kind: program.kind, impls: {} };
    const refSums = checksums[REFERENCE];
    // No reference when CPython failed or printed different checksums in different runs.
    const reference = refSums?.size === 1 && !failures[REFERENCE] ? [...refSums][0] : undefined;
    for (const impl of impls) {
      const sums = [...checksums[impl.name]];
      if (failures[impl.name]) {
        row.impls[impl.name] = { error: failures[impl.name] };
        continue;
      }
      const times = samples[impl.name];
      let checksumOk = null; // null: nothing to compare with
      let wrong = null;
      if (program.kind !== "startup") {
        if (sums.length > 1) {
          checksumOk = false;
          wrong = `checksum changed between runs: ${sums.join(" / ")}`;
        } else if (reference !== undefined) {
          checksumOk = sums[0] === reference;
          if (!checksumOk) wrong = `printed ${sums[0]}, CPython printed ${reference}`;
        }
      }
      row.impls[impl.name] = {
        median: median(times),
        min: Math.min(...times),
        runs: times.length,
        peakMiB: median(memory[impl.name]) / 1024,
        checksum: sums[0],
        checksumOk,
        metrics: Object.fromEntries(
          Object.entries(metrics[impl.name]).map(([name, values]) => [name, median(values)]),
        ),
        ...(wrong ? { wrong } : {}),
      };
    }
    // Statistics: one extra run per Skein tier (not timed).
    for (const impl of impls) {
      const cell = row.impls[impl.name];
      if (!impl.name.startsWith("skein") || impl.name === "skein-nospec" || cell.error) continue;
      if (program.kind === "startup") continue;
      progress(`${k + 1}/${progs.length} ${program.name}: statistics ${impl.name}`);
      const stats = skeinStats(impl, program, TIMEOUT_S * 1000);
      if (stats) cell.stats = stats;
    }
    const summary = impls
      .map((i) => {
        const v = row.impls[i.name];
        if (v.error) return `${i.name} failed`;
        return `${i.name} ${(v.median * 1000).toFixed(0)} ms${v.checksumOk === false ? " WRONG" : ""}`;
      })
      .join(", ");
    progress(`${k + 1}/${progs.length} ${program.name}: ${summary}`, true);
    results.push(row);
  }
  return results;
}

// ---- report ----
const usable = (v) => v && !v.error && v.checksumOk !== false;
function ratio(row, impl) {
  const a = row.impls[impl];
  const c = row.impls[REFERENCE];
  if (!usable(a) || !usable(c)) return null;
  return a.median / c.median;
}

function escapeXml(s) {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function svgChart(results, impls) {
  const rows = results.filter((r) => r.benchmark !== STARTUP);
  const others = impls.filter((i) => i !== REFERENCE);
  const barH = 14;
  const groupH = barH * Math.max(1, others.length) + 10;
  const width = 760;
  const left = 190;
  const ratios = rows.flatMap((r) => others.map((i) => ratio(r, i) ?? 0));
  const maxRatio = Math.max(2, ...ratios.filter(Number.isFinite));
  const scale = (width - left - 70) / maxRatio;
  const colors = ["#4c78a8", "#f58518", "#54a24b", "#e45756", "#72b7b2", "#b279a2"];
  let y = 30;
  let body = "";
  for (const r of rows) {
    body += `<text x="${left - 8}" y="${y + groupH / 2}" text-anchor="end" font-size="12">${escapeXml(r.benchmark)}</text>`;
    others.forEach((impl, k) => {
      const v = ratio(r, impl);
      const w = v === null ? 0 : v * scale;
      const cell = r.impls[impl];
      const label =
        v !== null
          ? `${v.toFixed(2)}x`
          : cell?.error
            ? "failed"
            : cell?.checksumOk === false
              ? "wrong"
              : "-";
      body += `<rect x="${left}" y="${y + k * barH}" width="${w}" height="${barH - 2}" fill="${colors[k % colors.length]}"/>`;
      body += `<text x="${left + w + 4}" y="${y + k * barH + barH - 4}" font-size="10">${label}</text>`;
    });
    y += groupH;
  }
  const one = left + scale;
  const legend = others
    .map(
      (impl, k) =>
        `<rect x="${left + 60 + k * 130}" y="8" width="10" height="10" fill="${colors[k % colors.length]}"/><text x="${left + 74 + k * 130}" y="17" font-size="11">${escapeXml(impl)}</text>`,
    )
    .join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${y + 20}" font-family="sans-serif">
<text x="8" y="17" font-size="12">time / CPython 3.13 (lower is faster)</text>${legend}
<line x1="${one}" y1="26" x2="${one}" y2="${y}" stroke="#888" stroke-dasharray="4 3"/>${body}
</svg>
`;
}

function summarize(results, impls) {
  const benches = results.filter((r) => r.benchmark !== STARTUP);
  const startup = results.find((r) => r.benchmark === STARTUP);
  return impls.map((impl) => {
    const ran = benches.filter((r) => !r.impls[impl].error).length;
    const correct = benches.filter((r) => usable(r.impls[impl])).length;
    const verified = benches.filter(
      (r) => !r.impls[impl].error && r.impls[impl].checksumOk === true,
    ).length;
    const gm = (kind) => {
      const rs = benches
        .filter((r) => kind === undefined || r.kind === kind)
        .map((r) => ratio(r, impl))
        .filter((v) => v !== null);
      return rs.length > 0 ? { value: geomean(rs), count: rs.length } : null;
    };
    const s = startup?.impls[impl];
    return {
      impl,
      total: benches.length,
      ran,
      correct,
      verified,
      geomean: gm(),
      geomeanOwn: gm("own"),
      geomeanPyperformance: gm("pyperformance"),
      startupMs: s && !s.error ? s.median * 1000 : null,
      startupPeakMiB: s && !s.error ? s.peakMiB : null,
      startupWithinTarget: s && !s.error ? s.median * 1000 < STARTUP_TARGET_MS : false,
    };
  });
}

function markdown(stamp, impls, results, summary, micro, notes) {
  const others = impls.filter((i) => i !== REFERENCE);
  const hasRef = impls.includes(REFERENCE);
  const md = [`# Skein benchmarks (${stamp}, median of ${RUNS} runs, wall time per process)`, ""];
  const gmCell = (g) => (g ? `${g.value.toFixed(2)}x (${g.count})` : "-");
  md.push(
    "| implementation | ran | correct | start-up | start-up peak | geomean vs CPython 3.13 | bench/ programs | pyperformance |",
    "|---|---:|---:|---:|---:|---:|---:|---:|",
  );
  for (const s of summary) {
    const isRef = s.impl === REFERENCE;
    md.push(
      `| ${s.impl} | ${s.ran}/${s.total} | ${s.correct}/${s.total} | ${s.startupMs === null ? "failed" : `${s.startupMs.toFixed(0)} ms`} | ${s.startupPeakMiB === null || Number.isNaN(s.startupPeakMiB) ? "-" : `${s.startupPeakMiB.toFixed(0)} MiB`} | ${isRef ? "1.00x" : gmCell(s.geomean)} | ${isRef ? "1.00x" : gmCell(s.geomeanOwn)} | ${isRef ? "1.00x" : gmCell(s.geomeanPyperformance)} |`,
    );
  }
  const startupChecks = summary
    .filter((s) => s.impl.startsWith("skein"))
    .map(
      (s) =>
        `${s.impl} ${s.startupMs === null ? "failed" : `${s.startupMs.toFixed(0)} ms`} ${s.startupWithinTarget ? "(within)" : "(**ABOVE TARGET**)"}`,
    );
  if (startupChecks.length > 0) {
    md.push("", `Start-up target ${STARTUP_TARGET_MS} ms (issue #7): ${startupChecks.join(", ")}.`);
  }
  md.push(
    "",
    "Ran: exited 0 within the time limit every run. Correct: ran and printed the same checksum as" +
      " CPython 3.13 (bench/ programs) or reached the pyperf result line (pyperformance programs)." +
      " Geometric means count only programs that are correct under both implementations (their" +
      " number in parentheses).",
    "",
  );
  md.push(
    `| benchmark | ${impls.join(" | ")} |${hasRef ? ` ${others.map((i) => `${i} / CPython`).join(" | ")} |` : ""}`,
    `|---|${impls.map(() => "---:").join("|")}|${hasRef ? `${others.map(() => "---:").join("|")}|` : ""}`,
  );
  for (const r of results) {
    const cells = impls.map((i) => {
      const v = r.impls[i];
      if (v.error) return "failed";
      const mem = Number.isNaN(v.peakMiB) ? "" : `, ${v.peakMiB.toFixed(0)} MiB`;
      return `${(v.median * 1000).toFixed(0)} ms${mem}${v.checksumOk === false ? " **WRONG**" : ""}`;
    });
    const ratios = others.map((i) => {
      const v = ratio(r, i);
      return v === null ? "-" : `${v.toFixed(2)}x`;
    });
    md.push(`| ${r.benchmark} | ${cells.join(" | ")} |${hasRef ? ` ${ratios.join(" | ")} |` : ""}`);
  }
  const problems = [];
  for (const r of results) {
    for (const [impl, v] of Object.entries(r.impls)) {
      if (v.error) problems.push(`- ${r.benchmark} failed under ${impl}: ${v.error}`);
      else if (v.wrong) problems.push(`- ${r.benchmark} is wrong under ${impl}: ${v.wrong}`);
    }
  }
  if (problems.length > 0) md.push("", "## Failures", "", ...problems);
  const measured = results.filter((r) =>
    impls.some((i) => Object.keys(r.impls[i]?.metrics ?? {}).length > 0),
  );
  if (measured.length > 0) {
    md.push(
      "",
      "## Figures the programs report (`metric` lines, median of the runs)",
      "",
      `| benchmark | metric | ${impls.join(" | ")} |`,
      `|---|---|${impls.map(() => "---:").join("|")}|`,
    );
    for (const r of measured) {
      const names = [...new Set(impls.flatMap((i) => Object.keys(r.impls[i]?.metrics ?? {})))];
      for (const name of names) {
        const cells = impls.map((i) => {
          const v = r.impls[i]?.metrics?.[name];
          return v === undefined ? "-" : String(Number(v.toPrecision(4)));
        });
        md.push(`| ${r.benchmark} | ${name} | ${cells.join(" | ")} |`);
      }
    }
  }
  md.push(...statsMarkdown(results, impls));
  if (notes.length > 0) md.push("", "## Notes", "", ...notes.map((n) => `- ${n}`));
  if (micro.length > 0) {
    md.push(
      "",
      "## Micro-benchmarks",
      "",
      "| suite | operation | ns/op | ratio |",
      "|---|---|---:|---:|",
    );
    for (const m of micro) {
      const ratio = m.ratio === undefined ? "" : `${m.ratio.toFixed(2)}x ${m.baseline}`;
      md.push(
        `| ${m.suite} | ${m.name} | ${m.error ? "failed" : m.nsPerOp.toFixed(2)} | ${ratio} |`,
      );
    }
    const targeted = micro.filter((m) => m.target !== undefined);
    if (targeted.length > 0) {
      md.push(
        "",
        `Targets: ${targeted
          .map(
            (m) =>
              `${m.suite} ${m.name} ${m.ratio.toFixed(2)}x (at most ${m.target}: ${m.ratio <= m.target ? "within" : "ABOVE"})`,
          )
          .join("; ")}.`,
      );
    }
  }
  return `${md.join("\n")}\n`;
}

// ---- main ----
mkdirSync(resultsDir, { recursive: true });
if (!existsSync(skeinCli)) {
  console.error("bench: build first (npm run build): packages/engine/dist/cli.js is missing");
  process.exit(1);
}
const micro = flag("--no-micro") ? [] : await runMicro();
const notes = [];
const impls = implementations();
if (!impls.some((i) => i.name === REFERENCE)) {
  notes.push("CPython 3.13 is not installed: no ratios, checksums compared between runs only");
}
if (!hasTime) notes.push("/usr/bin/time is missing: no peak memory");
const progs = programs(notes);
process.stderr.write(
  `bench: ${progs.length} programs x ${impls.length} implementations (${impls.map((i) => i.name).join(", ")}) x ${RUNS} runs, timeout ${TIMEOUT_S} s\n`,
);
const results = await runPrograms(impls, progs);
const names = impls.map((i) => i.name);
const summary = summarize(results, names);
const compileRun =
  !flag("--no-compile") && (only.length === 0 || only.includes("compile"))
    ? await compileThroughput({ runs: RUNS })
    : undefined;
const stamp = new Date().toISOString();
writeFileSync(
  join(resultsDir, "latest.json"),
  JSON.stringify(
    {
      stamp,
      runs: RUNS,
      timeoutSeconds: TIMEOUT_S,
      impls: names,
      summary,
      micro,
      results,
      notes,
      compile: compileRun,
    },
    null,
    2,
  ),
);
writeFileSync(join(resultsDir, "latest.svg"), svgChart(results, names));
const md =
  markdown(stamp, names, results, summary, micro, notes) +
  (compileRun === undefined ? "" : `\n${compileThroughputMarkdown(compileRun).join("\n")}\n`);
writeFileSync(join(resultsDir, "latest.md"), md);
console.log(md);
