// Dependencies and invalidation, in the style of CPython's test_opt.py: a trace depends on the
// classes, functions and globals it relied on while recording; changing one invalidates the
// executors that depend on it, also one that is running (it leaves at its next _CHECK_VALIDITY).
import {
  DependencyKind,
  EXIT_WORDS,
  type Executor,
  ExitWord,
  traceUops,
  Uop,
} from "@skein/bytecode";
import { createEngine } from "@skein/engine";
import { uopName } from "@skein/tracer";
import { describe, expect, it } from "vitest";
import { run, tier1Output } from "./harness.js";

const dependsOn = (e: Executor, kind: DependencyKind) =>
  e.trace.dependencies.some((d) => d.kind === kind);

describe("invalidation", () => {
  it("invalidates an executor that reads a global when the global is assigned", () => {
    const src = `
K = 1
def f(n):
    t = 0
    for i in range(n):
        t += K
    return t
print(f(1000))
`;
    const r = run(src);
    const before = r.executors("f");
    expect(before.length).toBe(1);
    expect(dependsOn(before[0]!, DependencyKind.KeysVersion)).toBe(true);
    const invalidated = r.engine.jit!.stats.executors_invalidated;
    r.engine.run("K = 2");
    expect(before[0]!.valid).toBe(false);
    expect(r.engine.jit!.stats.executors_invalidated).toBe(invalidated + 1);
    expect(r.executors("f").length).toBe(0);
    r.engine.run("print(f(1000))");
    expect(r.out).toBe(tier1Output(`${src}K = 2\nprint(f(1000))\n`));
  });

  it("invalidates an executor that calls a function when its __code__ is assigned", () => {
    const src = `
def g(x):
    return x + 1
def h(x):
    return x + 10
def f(n):
    t = 0
    for i in range(n):
        t = g(t)
    return t
print(f(1000))
`;
    const r = run(src);
    const before = r.executors("f");
    expect(before.length).toBe(1);
    expect(traceUops(before[0]!.trace).map((u) => uopName(u.opcode))).toContain(
      "_CHECK_FUNCTION_VERSION",
    );
    expect(dependsOn(before[0]!, DependencyKind.FunctionVersion)).toBe(true);
    const invalidated = r.engine.jit!.stats.executors_invalidated;
    r.engine.run("g.__code__ = h.__code__");
    expect(before[0]!.valid).toBe(false);
    expect(r.engine.jit!.stats.executors_invalidated).toBeGreaterThan(invalidated);
    r.engine.run("print(f(1000))");
    expect(r.out).toBe("1000\n10000\n");
  });

  it("invalidates an executor that calls a function when its __defaults__ are assigned", () => {
    const src = `
def d(x, y=3):
    return x + y
def f(n):
    t = 0
    for i in range(n):
        t = d(t)
    return t
print(f(1000))
`;
    const r = run(src);
    const before = r.executors("f");
    expect(before.length).toBe(1);
    r.engine.run("d.__defaults__ = (5,)");
    expect(before[0]!.valid).toBe(false);
    r.engine.run("print(f(1000))");
    expect(r.out).toBe("3000\n5000\n");
  });

  it("makes a running executor leave at its next _CHECK_VALIDITY when a global it reads changes", () => {
    // bump runs from host code (sorted's key function), inside the CALL of the running trace;
    // the list says when it assigns the global (storing into a list changes no dict).
    const src = `
K = 1
when = [-1]
def bump(i):
    global K
    if i == when[0]:
        K = 2
    return i
def f(n):
    t = 0
    for i in range(n):
        t += K
        sorted((i,), key=bump)
    return t
print(f(1000))
`;
    const r = run(src);
    const [executor] = r.executors("f");
    expect(executor).toBeDefined();
    const invalidated = r.engine.jit!.stats.executors_invalidated;
    r.engine.run("when[0] = 500\nprint(f(1000))");
    expect(r.out).toBe(tier1Output(`${src}when[0] = 500\nprint(f(1000))\n`));
    expect(executor!.valid).toBe(false);
    expect(r.engine.jit!.stats.executors_invalidated).toBeGreaterThan(invalidated);
    // It left through the validity check after the call, not through a guard.
    const trace = executor!.trace;
    const checks = traceUops(trace).filter((u) => u.opcode === Uop._CHECK_VALIDITY);
    const taken = (exit: number) => trace.exits[exit * EXIT_WORDS + ExitWord.count]!;
    expect(checks.some((u) => taken(u.exit) > 0)).toBe(true);
  });

  it("stops watching a dict that keeps changing: the executors then rely on their guards", () => {
    // The loop assigns the global it reads: each new executor invalidates itself, until the
    // globals have changed too often to be watched.
    const src = `
N = 0
def f(n):
    global N
    for i in range(n):
        N = N + 1
    return N
print(f(20000))
`;
    const r = run(src);
    expect(r.out).toBe(tier1Output(src));
    const stats = r.engine.jit!.stats;
    expect(stats.executors_invalidated).toBeGreaterThan(0);
    expect(stats.executors_invalidated).toBeLessThanOrEqual(6);
    expect(r.executors("f").length).toBe(1);
    expect(r.executors("f")[0]!.entries).toBeGreaterThan(0);
  });

  it("does not watch anything when the JIT is off", () => {
    let out = "";
    const engine = createEngine({ stdout: (t) => (out += t) });
    engine.run("K = 1\ndef f():\n    return K\nfor i in range(100):\n    f()\nK = 2\nprint(f())\n");
    expect(engine.jit).toBeFalsy();
    expect(out).toBe("2\n");
  });
});
