// One extra run of a program under a Skein tier with `-X stats`, summarized for the report: the
// specialization hit rate of tier 1 (pystats' hits / (hits + misses) over every family) and, with
// the trace recorder on, the fraction of instructions whose work ran inside traces, the traces
// made and entered, and the aborts by reason. Timed runs never collect statistics (counting
// instructions runs every frame in the tracing loop), so this run is separate.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The committed floors on the fraction of instructions in traces (trace-floors.json). */
const FLOORS = JSON.parse(
  readFileSync(new URL("./trace-floors.json", import.meta.url), "utf8"),
).floors;

export function skeinStats(impl, program, timeoutMs) {
  const dir = mkdtempSync(join(tmpdir(), "skein-stats-"));
  const path = join(dir, "stats.json");
  try {
    const r = spawnSync(impl.cmd, [...impl.args, "-X", `stats=${path}`, program.path], {
      cwd: program.cwd,
      env: { ...process.env, ...impl.env, ...program.env },
      stdio: "ignore",
      timeout: timeoutMs,
    });
    if (r.status !== 0) return null;
    return summarize(JSON.parse(readFileSync(path, "utf8")));
  } catch {
    return null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function summarize(stats) {
  let hits = 0;
  let misses = 0;
  for (const family of Object.values(stats.interp?.specialization ?? {})) {
    hits += family.hits ?? 0;
    misses += family.misses ?? 0;
  }
  const out = { hitRate: hits + misses > 0 ? hits / (hits + misses) : null };
  const t = stats.tracer;
  if (t && t.tier !== "off") {
    out.fractionInTraces = t.fraction_in_traces ?? null;
    out.tracesCreated = t.traces_created;
    out.tracesEntered = t.traces_executed;
    out.aborts = t.aborts;
  }
  return out;
}

/** The report's section: one row per benchmark and Skein tier. */
export function statsMarkdown(results, impls) {
  const rows = [];
  for (const r of results) {
    for (const impl of impls) {
      const s = r.impls[impl]?.stats;
      if (!s) continue;
      const pct = (x) => (x === null || x === undefined ? "-" : `${(100 * x).toFixed(1)}%`);
      const aborts = s.aborts
        ? Object.entries(s.aborts)
            .map(([k, v]) => `${k} ${v}`)
            .join(", ") || "none"
        : "-";
      const floor = FLOORS[r.benchmark];
      const below =
        s.fractionInTraces !== undefined && floor !== undefined && s.fractionInTraces < floor
          ? ` (BELOW ITS FLOOR ${pct(floor)})`
          : "";
      rows.push(
        `| ${r.benchmark} | ${impl} | ${pct(s.hitRate)} | ${pct(s.fractionInTraces)}${below} | ${s.tracesCreated ?? "-"} | ${s.tracesEntered ?? "-"} | ${aborts} |`,
      );
    }
  }
  if (rows.length === 0) return [];
  return [
    "",
    "## Specialization and traces (one extra run with `-X stats`)",
    "",
    "| benchmark | tier | specialization hit rate | instructions in traces | traces made | traces entered | aborts |",
    "|---|---|---:|---:|---:|---:|---|",
    ...rows,
  ];
}
