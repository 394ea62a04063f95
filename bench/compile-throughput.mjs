#!/usr/bin/env node
// Compile throughput: lines per second that @skein/compiler's compile() turns into CodeUnits,
// over the .py files of the installed CPython 3.13's Lib/ (read where they are, never copied;
// Lib/test and site-packages are left out), with CPython's own compile() on the same files as
// the reference. Each side reads all files first and times only compiling, in one process, as
// the median of several passes after a warm-up pass.
// Usage: node bench/compile-throughput.mjs [--runs N]   (run.mjs calls compileThroughput())
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const root = resolve(import.meta.dirname, "..");
const env = { ...process.env, PYENV_VERSION: "3.13.0" };

function stdlibDir() {
  try {
    return execFileSync(
      "python3.13",
      ["-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])"],
      { env, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] },
    ).trim();
  } catch {
    return null;
  }
}

function pyFiles(dir, top, out = []) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name === "site-packages" || name === "__pycache__" || (dir === top && name === "test"))
        continue;
      pyFiles(p, top, out);
    } else if (name.endsWith(".py")) out.push(p);
  }
  return out;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// CPython: compile() every file it can, report which ones and the median seconds per pass.
const CPYTHON_DRIVER = `
import sys, time, json, warnings
warnings.simplefilter("ignore")
paths = sys.stdin.read().split("\\n")
runs = int(sys.argv[1])
sources = []
for p in paths:
    try:
        with open(p, "rb") as f:
            data = f.read()
        compile(data, p, "exec")
        sources.append((p, data))
    except Exception:
        pass
times = []
for _ in range(runs):
    t0 = time.perf_counter()
    for p, data in sources:
        compile(data, p, "exec")
    times.append(time.perf_counter() - t0)
times.sort()
print(json.dumps({"ok": [p for p, _ in sources], "seconds": times[len(times) // 2]}))
`;

/** Measures both compilers; null when CPython 3.13 is not installed. */
export async function compileThroughput({ runs = 3 } = {}) {
  const lib = stdlibDir();
  if (lib === null) return null;
  const files = pyFiles(lib, lib);
  const ref = JSON.parse(
    execFileSync("python3.13", ["-c", CPYTHON_DRIVER, String(runs)], {
      env,
      input: files.join("\n"),
      encoding: "utf8",
      maxBuffer: 1 << 28,
    }),
  );
  const { compile, decodeSource } = await import(
    pathToFileURL(join(root, "packages/compiler/dist/index.js")).href
  );
  const sources = ref.ok.map((p) => [p, decodeSource(readFileSync(p))]);
  const lines = sources.reduce((n, [, src]) => n + src.split("\n").length, 0);
  // The warm-up pass also lists what Skein cannot compile.
  const failed = sources
    .filter(([p, src]) => !compile(src, p, "exec").ok)
    .map(([p]) => relative(lib, p));
  const pass = () => {
    const t0 = performance.now();
    for (const [p, src] of sources) compile(src, p, "exec");
    return (performance.now() - t0) / 1000;
  };
  const seconds = median(Array.from({ length: runs }, pass));
  return {
    files: sources.length,
    lines,
    failed,
    skeinSeconds: seconds,
    cpythonSeconds: ref.seconds,
    skeinLinesPerSecond: lines / seconds,
    cpythonLinesPerSecond: lines / ref.seconds,
  };
}

/** The report section (markdown lines). */
export function compileThroughputMarkdown(r) {
  if (r === null)
    return ["## Compile throughput", "", "CPython 3.13 is not installed: not measured."];
  const k = (x) => `${Math.round(x / 1000)}k`;
  return [
    "## Compile throughput",
    "",
    `compile() of CPython 3.13's Lib/*.py (${r.files} files, ${r.lines} lines, Lib/test left out), median pass:`,
    "",
    "| compiler | seconds | lines/s | speed vs CPython |",
    "|---|---:|---:|---:|",
    `| cpython-3.13 | ${r.cpythonSeconds.toFixed(2)} | ${k(r.cpythonLinesPerSecond)} | 1.00x |`,
    `| skein | ${r.skeinSeconds.toFixed(2)} | ${k(r.skeinLinesPerSecond)} | ${(r.cpythonSeconds / r.skeinSeconds).toFixed(2)}x |`,
    ...(r.failed.length > 0
      ? ["", `Skein failed to compile ${r.failed.length} files: ${r.failed.slice(0, 5).join(", ")}`]
      : []),
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const i = process.argv.indexOf("--runs");
  const runs = i >= 0 ? Number(process.argv[i + 1]) : 3;
  console.log(compileThroughputMarkdown(await compileThroughput({ runs })).join("\n"));
}
