// The golden corpus: every program under tests/python/ (and examples/) runs in-process, one
// engine per program, and must print what CPython 3.13 printed (the .expected files, made by
// scripts/regen-golden.mjs) and exit with the same status. Afterwards the heap must hold no object
// the program created. Every program runs with specialization on and with the trace recorder on
// (jit=uops, low thresholds); a fixed sample also runs with specialization off, with the debug stack
// references, and under gc stress with and without traces (SKEIN_TEST_FULL=1 runs everything
// everywhere).
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { createEngine, type EngineOptions } from "@skein/engine";
import { describe, expect, it } from "vitest";
import { parseExpected } from "./expected.mjs";

const root = resolve(import.meta.dirname, "..", "..");
const full = process.env.SKEIN_TEST_FULL === "1";

function* programs(dir: string): Generator<string> {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* programs(path);
    else if (name.endsWith(".py")) yield path;
  }
}

// Programs under tests/python/pending/ need something Skein does not have yet: they are listed as
// todo (with their CPython output ready) and move out of pending/ when they pass.
const pendingDir = join(root, "tests", "python", "pending");
const everything = [...programs(join(root, "tests", "python")), ...programs(join(root, "examples"))];
const all = everything.filter((p) => !p.startsWith(pendingDir));
const pending = everything.filter((p) => p.startsWith(pendingDir));
// A program that starts with this line prints what the specializer installed (dis with
// adaptive=True), as CPython 3.13 does: it runs only where tier 1 specializes and runs every loop
// itself (not with specialization off, not under jit=uops).
const ADAPTIVE_ONLY = "# golden: specializing tier 1 only";
const portable = all.filter((p) => !readFileSync(p, "utf8").startsWith(ADAPTIVE_ONLY));
// A fixed sample for the slower configurations: every third program, in a stable order.
const sample = full ? portable : portable.filter((_, i) => i % 3 === 0);

interface Outcome {
  stdout: string;
  stderr: string;
  exitCode: number;
  leaked: number;
  refProblems: string[];
}

function runProgram(path: string, options: EngineOptions): Outcome {
  let stdout = "";
  let stderr = "";
  const engine = createEngine({
    heapLimit: "256M",
    ...options,
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
  });
  const baseline = engine.liveObjects();
  const { exitCode } = engine.runMain(readFileSync(path, "utf8"), relative(root, path));
  const debug = engine.debugRefs;
  const refProblems = debug
    ? [...debug.problems(), ...debug.leaks()].map((p) => `${p.kind} of ${p.addr} at ${p.site}`)
    : [];
  return { stdout, stderr, exitCode, leaked: engine.liveObjects() - baseline, refProblems };
}

function check(path: string, options: EngineOptions): void {
  const expected = parseExpected(readFileSync(path.replace(/\.py$/, ".expected"), "utf8"));
  const outcome = runProgram(path, options);
  expect(outcome.stdout).toBe(expected.stdout);
  expect(outcome.exitCode, outcome.stderr).toBe(expected.status);
  // Mortal objects the program left alive. It may go below zero: objects that existed before
  // the program and that it made immortal (interned names of the modules it imported) leave the
  // mortal count; what matters is that nothing the program made is still alive.
  expect(outcome.leaked, "objects left alive after the program").toBeLessThanOrEqual(0);
  expect(outcome.refProblems).toEqual([]);
}

describe("golden programs (specializing tier 1)", () => {
  for (const path of all) it(relative(root, path), () => check(path, {}));
  for (const path of pending) it.todo(relative(root, path));
});

describe("golden programs (specialization off)", () => {
  for (const path of sample) it(relative(root, path), () => check(path, { specialize: false }));
});

describe("golden programs (debug stack references and heap poisoning)", () => {
  for (const path of sample) {
    it(relative(root, path), () => check(path, { debugRefs: true, heapDebug: true }));
  }
});

describe("golden programs (gc stress: a collection at every safe point)", () => {
  for (const path of sample) it(relative(root, path), () => check(path, { gcStress: true }));
});

// Tier 2: thresholds so low that nearly every loop is recorded and nearly every side exit grows a
// linked trace, so the traces run most of each program.
const eagerJit: EngineOptions = {
  jit: "uops",
  jitSettings: { threshold: 4, sideExitThreshold: 2 },
};

describe("golden programs (jit=uops: traces run by the reference tier-2 interpreter)", () => {
  for (const path of portable) it(relative(root, path), () => check(path, eagerJit));
});

describe("golden programs (jit=uops with the debug stack references)", () => {
  for (const path of sample) {
    it(relative(root, path), () => check(path, { ...eagerJit, debugRefs: true }));
  }
});

describe("golden programs (jit=uops under gc stress)", () => {
  for (const path of sample) {
    it(relative(root, path), () => check(path, { ...eagerJit, gcStress: true }));
  }
});
