#!/usr/bin/env node
// The benchmark harness.
// - Micro-benchmarks of the packages (bench/micro/*.mjs) run in this process: ns per operation.
// - Python programs (bench/*.py, and PYPERFORMANCE_DIR's benchmarks later) run as processes under
//   each Skein configuration and, where installed, CPython 3.13 and PyPy, several times in
//   alternation; each must print the same checksum everywhere. Medians, ratios to CPython 3.13,
//   start-up time and peak memory go to bench/results/latest.{json,md,svg}.
// Usage: npm run bench [-- --runs N] [-- --only NAME] [-- --no-micro]
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const benchDir = resolve(import.meta.dirname);
const root = resolve(benchDir, "..");
const resultsDir = join(benchDir, "results");
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const RUNS = Number(option("--runs", "5"));
const only = option("--only", "");

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const geomean = (xs) => Math.exp(xs.reduce((a, x) => a + Math.log(x), 0) / xs.length);

// ---- micro-benchmarks ----
async function runMicro() {
  const rows = [];
  const OPS = 2_000_000;
  for (const file of readdirSync(join(benchDir, "micro")).filter((f) => f.endsWith(".mjs"))) {
    const cases = (await import(pathToFileURL(join(benchDir, "micro", file)).href)).setup();
    for (const [name, fn] of Object.entries(cases)) {
      fn(OPS / 10);
      const times = [];
      for (let r = 0; r < 7; r++) {
        const t0 = process.hrtime.bigint();
        fn(OPS);
        times.push(Number(process.hrtime.bigint() - t0) / OPS);
      }
      rows.push({ suite: file.replace(".mjs", ""), name, nsPerOp: median(times) });
      process.stderr.write(`  micro ${file}: ${name}: ${median(times).toFixed(2)} ns/op\n`);
    }
  }
  return rows;
}

// ---- Python programs ----
const hasTime = existsSync("/usr/bin/time");
const skeinCli = join(root, "packages", "engine", "dist", "cli.js");

function implementations() {
  const impls = [];
  const cpython = spawnSync("python3.13", ["-c", "print(1)"], {
    env: { ...process.env, PYENV_VERSION: "3.13.0" },
  });
  if (cpython.status === 0) {
    impls.push({ name: "cpython-3.13", cmd: "python3.13", args: [], env: { PYENV_VERSION: "3.13.0" } });
  }
  if (spawnSync("pypy3", ["-c", "print(1)"]).status === 0) {
    impls.push({ name: "pypy3", cmd: "pypy3", args: [], env: {} });
  }
  impls.push({ name: "skein", cmd: process.execPath, args: [skeinCli], env: {} });
  impls.push({
    name: "skein-nospec",
    cmd: process.execPath,
    args: [skeinCli, "-X", "specialize=off"],
    env: {},
  });
  return impls;
}

function runOnce(impl, file) {
  const cmd = hasTime ? "/usr/bin/time" : impl.cmd;
  const argv = hasTime ? ["-f", "%M", impl.cmd, ...impl.args, file] : [...impl.args, file];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, argv, {
    env: { ...process.env, ...impl.env },
    encoding: "utf8",
    timeout: 600_000,
    cwd: benchDir,
  });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const stderrLines = r.stderr.trim().split("\n");
  const peakKiB = hasTime ? Number(stderrLines.at(-1)) : Number.NaN;
  const checksum = r.stdout.split("\n").filter((l) => l.startsWith("checksum")).join("|");
  return { seconds, peakKiB, checksum, status: r.status, stderr: r.stderr };
}

function runPrograms() {
  const impls = implementations();
  const files = readdirSync(benchDir)
    .filter((f) => f.endsWith(".py") && f.includes(only))
    .sort();
  const emptyFile = join(resultsDir, "empty.py");
  writeFileSync(emptyFile, "");
  const results = [];
  for (const file of ["(startup)", ...files]) {
    const path = file === "(startup)" ? emptyFile : join(benchDir, file);
    const samples = Object.fromEntries(impls.map((i) => [i.name, []]));
    const memory = Object.fromEntries(impls.map((i) => [i.name, []]));
    const checksums = {};
    const failures = {};
    for (let r = 0; r < RUNS; r++) {
      for (const impl of impls) {
        if (failures[impl.name]) continue;
        const out = runOnce(impl, path);
        if (out.status !== 0) {
          failures[impl.name] = out.stderr.trim().split("\n").slice(-2).join(" / ");
          continue;
        }
        samples[impl.name].push(out.seconds);
        memory[impl.name].push(out.peakKiB);
        checksums[impl.name] = out.checksum;
      }
      process.stderr.write(`\r  ${file}: run ${r + 1}/${RUNS}   `);
    }
    process.stderr.write("\n");
    const row = { benchmark: file, impls: {} };
    const reference = checksums["cpython-3.13"];
    for (const impl of impls) {
      const times = samples[impl.name];
      row.impls[impl.name] = failures[impl.name]
        ? { error: failures[impl.name] }
        : {
            median: median(times),
            min: Math.min(...times),
            peakMiB: median(memory[impl.name]) / 1024,
            checksumOk: reference === undefined || checksums[impl.name] === reference,
          };
    }
    results.push(row);
  }
  return { impls: impls.map((i) => i.name), results };
}

function ratio(row, impl) {
  const a = row.impls[impl];
  const c = row.impls["cpython-3.13"];
  if (!a || !c || a.error || c.error) return null;
  return a.median / c.median;
}

function svgChart(programs, impls) {
  const rows = programs.results.filter((r) => r.benchmark !== "(startup)");
  const skeins = impls.filter((i) => i !== "cpython-3.13");
  const barH = 14;
  const groupH = barH * skeins.length + 10;
  const width = 720;
  const left = 170;
  const maxRatio = Math.max(2, ...rows.flatMap((r) => skeins.map((i) => ratio(r, i) ?? 0)));
  const scale = (width - left - 60) / maxRatio;
  const colors = ["#4c78a8", "#f58518", "#54a24b", "#e45756"];
  let y = 30;
  let body = "";
  for (const r of rows) {
    body += `<text x="${left - 8}" y="${y + groupH / 2}" text-anchor="end" font-size="12">${r.benchmark}</text>`;
    skeins.forEach((impl, k) => {
      const v = ratio(r, impl);
      const w = v === null ? 0 : v * scale;
      body += `<rect x="${left}" y="${y + k * barH}" width="${w}" height="${barH - 2}" fill="${colors[k % 4]}"/>`;
      body += `<text x="${left + w + 4}" y="${y + k * barH + barH - 4}" font-size="10">${v === null ? "failed" : `${v.toFixed(2)}x`}</text>`;
    });
    y += groupH;
  }
  const one = left + scale;
  const legend = skeins
    .map((impl, k) => `<rect x="${left + k * 140}" y="8" width="10" height="10" fill="${colors[k % 4]}"/><text x="${left + k * 140 + 14}" y="17" font-size="11">${impl}</text>`)
    .join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${y + 20}" font-family="sans-serif">
<text x="8" y="17" font-size="12">time / CPython 3.13 (lower is faster)</text>${legend}
<line x1="${one}" y1="26" x2="${one}" y2="${y}" stroke="#888" stroke-dasharray="4 3"/>${body}
</svg>
`;
}

mkdirSync(resultsDir, { recursive: true });
const micro = flag("--no-micro") ? [] : await runMicro();
if (!existsSync(skeinCli)) {
  console.error("bench: build first (npm run build): packages/engine/dist/cli.js is missing");
  process.exit(1);
}
const programs = runPrograms();
const stamp = new Date().toISOString();
writeFileSync(join(resultsDir, "latest.json"), JSON.stringify({ stamp, runs: RUNS, micro, programs }, null, 2));
writeFileSync(join(resultsDir, "latest.svg"), svgChart(programs, programs.impls));
const impls = programs.impls;
const md = [`# Skein benchmarks (${stamp}, median of ${RUNS} runs)`, ""];
md.push(`| benchmark | ${impls.join(" | ")} | ${impls.filter((i) => i !== "cpython-3.13").map((i) => `${i} / CPython`).join(" | ")} |`);
md.push(`|---|${impls.map(() => "---:").join("|")}|${impls.filter((i) => i !== "cpython-3.13").map(() => "---:").join("|")}|`);
for (const r of programs.results) {
  const cells = impls.map((i) => {
    const v = r.impls[i];
    if (v.error) return "failed";
    return `${(v.median * 1000).toFixed(0)} ms${v.checksumOk ? "" : " (WRONG)"}, ${v.peakMiB.toFixed(0)} MiB`;
  });
  const ratios = impls.filter((i) => i !== "cpython-3.13").map((i) => {
    const v = ratio(r, i);
    return v === null ? "-" : `${v.toFixed(2)}x`;
  });
  md.push(`| ${r.benchmark} | ${cells.join(" | ")} | ${ratios.join(" | ")} |`);
}
for (const impl of impls.filter((i) => i !== "cpython-3.13")) {
  const rs = programs.results.filter((r) => r.benchmark !== "(startup)").map((r) => ratio(r, impl)).filter((v) => v !== null);
  if (rs.length > 0) md.push("", `Geometric mean of ${impl} / CPython 3.13 over ${rs.length} programs: ${geomean(rs).toFixed(2)}x`);
}
for (const r of programs.results) {
  for (const [impl, v] of Object.entries(r.impls)) {
    if (v.error) md.push(`- ${r.benchmark} failed under ${impl}: ${v.error}`);
  }
}
if (micro.length > 0) {
  md.push("", "## Micro-benchmarks", "", "| suite | operation | ns/op |", "|---|---|---:|");
  for (const m of micro) md.push(`| ${m.suite} | ${m.name} | ${m.nsPerOp.toFixed(2)} |`);
}
writeFileSync(join(resultsDir, "latest.md"), `${md.join("\n")}\n`);
console.log(md.join("\n"));
