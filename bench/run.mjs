#!/usr/bin/env node
// The benchmark harness. Micro-benchmarks of the packages run in this process and report ns per
// operation (median of several runs after warm-up). Results go to bench/results/ as JSON and
// Markdown.
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const benchDir = resolve(import.meta.dirname);
const resultsDir = join(benchDir, "results");
const RUNS = 7;
const OPS = 2_000_000;

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function runMicro() {
  const rows = [];
  const files = readdirSync(join(benchDir, "micro")).filter((f) => f.endsWith(".mjs"));
  for (const file of files) {
    const mod = await import(pathToFileURL(join(benchDir, "micro", file)).href);
    const cases = mod.setup();
    for (const [name, fn] of Object.entries(cases)) {
      fn(OPS / 10); // warm up
      const times = [];
      for (let r = 0; r < RUNS; r++) {
        const t0 = process.hrtime.bigint();
        fn(OPS);
        times.push(Number(process.hrtime.bigint() - t0) / OPS);
      }
      const ns = median(times);
      process.stderr.write(`  ${file.replace(".mjs", "")}: ${name}: ${ns.toFixed(2)} ns/op\n`);
      rows.push({ suite: file.replace(".mjs", ""), name, nsPerOp: ns });
    }
  }
  return rows;
}

const micro = await runMicro();
mkdirSync(resultsDir, { recursive: true });
const stamp = new Date().toISOString();
writeFileSync(join(resultsDir, "latest.json"), JSON.stringify({ stamp, micro }, null, 2));
const md = [
  `# Skein benchmarks (${stamp})`,
  "",
  "## Micro-benchmarks",
  "",
  "| suite | operation | ns/op |",
  "|---|---|---:|",
  ...micro.map((r) => `| ${r.suite} | ${r.name} | ${r.nsPerOp.toFixed(2)} |`),
  "",
];
writeFileSync(join(resultsDir, "latest.md"), md.join("\n"));
console.log(md.join("\n"));
