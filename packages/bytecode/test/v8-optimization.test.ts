// The generated tier-1 loops are optimized by V8 after warm-up (DESIGN.md, "What V8 in Node 20
// imposes"): a child process runs a hot Python function through the interpreter's sources, in the
// normal loop and in the tracing loop (a JIT driver that records forever), then asks V8 with
// %GetOptimizationStatus whether the loop function is TurboFan code.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { REPO_DIR } from "../codegen/main.js";

// V8's optimization status bits (src/runtime/runtime.h, OptimizationStatus).
const IS_FUNCTION = 1 << 0;
const OPTIMIZED = 1 << 4;
const TURBOFANNED = 1 << 6;

const dir = mkdtempSync(join(tmpdir(), "skein-v8-"));
const packages = join(REPO_DIR, "packages");

// Resolve @skein/* to the packages' sources (as vitest does), so no build is needed.
writeFileSync(
  join(dir, "hook.mjs"),
  `import { pathToFileURL } from "node:url";
export async function resolve(specifier, context, next) {
  const m = /^@skein\\/([a-z0-9-]+)$/.exec(specifier);
  if (m) return next(pathToFileURL(${JSON.stringify(packages)} + "/" + m[1] + "/src/index.ts").href, context);
  return next(specifier, context);
}
`,
);
writeFileSync(
  join(dir, "register.mjs"),
  `import { register } from "node:module";\nregister("./hook.mjs", import.meta.url);\n`,
);
writeFileSync(
  join(dir, "script.mts"),
  `import { createEngine } from "@skein/engine";
import { backoff } from "@skein/interp";
import * as loops from ${JSON.stringify(pathToFileURL(join(packages, "interp/src/generated/tier1.gen.ts")).href)};
const tracing = process.argv[2] === "tracing";
const engine = createEngine({ heapLimit: "256M", stdout: () => {} });
const u16 = engine.space.u16;
if (tracing) {
  // A driver that keeps the tracing loop running and records nothing.
  engine.interp.ts.jit = {
    shouldTrace: () => true,
    record: () => 0,
    backedge: (_frame: number, instr: number) => {
      u16[instr + 1] = backoff(0xffff);
      return 0;
    },
    enter: () => {
      throw new Error("no executors here");
    },
    hostReturn: () => {},
  } as never;
}
engine.run("def f(n):\\n    t = 0\\n    for i in range(n):\\n        t += i * 2 % 7\\n    return t\\n");
const status = new Function("f", "return %GetOptimizationStatus(f);") as (f: unknown) => number;
// Concurrent compilations finish in the background; a deopt on a new path recompiles.
const settle = new Function("%WaitForBackgroundOptimization();") as () => void;
// Many entries of the loop (each run enters it anew), each with a hot Python loop inside, until
// TurboFan code is installed (a busy machine compiles in the background slowly) or 40 rounds.
const loop = tracing ? loops.runTier1Tracing : loops.runTier1;
const optimized = () => (status(loop) & ${OPTIMIZED | TURBOFANNED}) === ${OPTIMIZED | TURBOFANNED};
let rounds = 0;
for (; rounds < 40; rounds++) {
  for (let k = 0; k < 100; k++) engine.run("f(300)");
  settle();
  if (optimized()) break;
}
// V8 may have left the function itself in baseline code after a late deopt on a path it had no
// feedback for, while the hot loop keeps running in its OSR code (the loop is optimized, but not
// the function entry that %GetOptimizationStatus reports). Then ask for the whole function once
// more, with the feedback of the warm-up: it must compile (not too big, no bailout) and stay
// TurboFan code over more runs of the same program (no deopt loop).
let asked = false;
if (!optimized()) {
  asked = true;
  const optimizeNext = new Function("f", "%OptimizeFunctionOnNextCall(f);") as (f: unknown) => void;
  optimizeNext(loop);
  for (let k = 0; k < 200; k++) engine.run("f(300)");
  settle();
}
console.log(JSON.stringify({ status: status(loop), rounds, asked }));
`,
);

function optimizationStatus(loop: "normal" | "tracing"): number {
  const out = execFileSync(
    process.execPath,
    [
      "--allow-natives-syntax",
      "--import",
      "tsx",
      "--import",
      pathToFileURL(join(dir, "register.mjs")).href,
      join(dir, "script.mts"),
      loop,
    ],
    { cwd: REPO_DIR, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
  );
  const line = out.trim().split("\n").at(-1)!;
  return (JSON.parse(line) as { status: number }).status;
}

describe("V8 optimizes the generated loops after warm-up", () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  for (const loop of ["normal", "tracing"] as const) {
    it(`the ${loop} loop is TurboFan code`, () => {
      const status = optimizationStatus(loop);
      expect(status & IS_FUNCTION).toBeTruthy();
      expect(status & OPTIMIZED, `status ${status}`).toBeTruthy();
      expect(status & TURBOFANNED, `status ${status}`).toBeTruthy();
    });
  }
});
