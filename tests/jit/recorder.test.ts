// Tests in the style of CPython's test_opt.py: run a loop until it is traced, then look at the
// uops its executor holds, and at what happens when the assumptions change.
import { traceUops } from "@skein/bytecode";
import { createEngine } from "@skein/engine";
import { Recorder, uopName } from "@skein/tracer";
import { describe, expect, it } from "vitest";
import { run, tier1Output } from "./harness.js";

describe("trace recording", () => {
  it("traces a hot range loop with int arithmetic and closes it with _JUMP_TO_TOP", () => {
    const src = `
def f(n):
    total = 0
    for i in range(n):
        total += i * 2
    return total
print(f(1000))
`;
    const r = run(src);
    expect(r.out).toBe(tier1Output(src));
    const uops = r.uops("f");
    expect(uops).toContain("_JUMP_TO_TOP");
    expect(uops).toContain("_GUARD_NOT_EXHAUSTED_RANGE");
    expect(uops.some((u) => u.startsWith("_BINARY_OP_") || u.startsWith("BINARY_OP"))).toBe(true);
    expect(r.engine.jit!.stats.traces_executed).toBeGreaterThan(0);
  });

  it("turns the branch taken into a guard, and a hot side exit into a linked trace", () => {
    const src = `
def f(n):
    a = b = c = 0
    for i in range(n):
        if i < 300:
            a += 1
        else:
            b += 1
        c += a
    return a, b, c
print(f(2000))
`;
    const r = run(src);
    expect(r.out).toBe(tier1Output(src));
    const uops = r.uops("f");
    expect(uops.some((u) => u === "_GUARD_IS_TRUE_POP" || u === "_GUARD_IS_FALSE_POP")).toBe(true);
    expect(r.engine.jit!.stats.linked_traces).toBeGreaterThan(0);
    const chained = r.executors("f").filter((e) => e.trace.chainDepth > 0);
    expect(chained.length).toBeGreaterThan(0);
  });

  it("follows a call into a Python function and its return, with a guard on where it went", () => {
    const src = `
def g(x):
    return x + 1
def f(n):
    t = 0
    for i in range(n):
        t = g(t)
    return t
print(f(1000))
`;
    const r = run(src);
    expect(r.out).toBe(tier1Output(src));
    const uops = r.uops("f");
    expect(uops.filter((u) => u === "_GUARD_IP").length).toBeGreaterThanOrEqual(2);
    expect(uops).toContain("_JUMP_TO_TOP");
  });

  it("invalidates an executor whose class changed", () => {
    const src = `
class P:
    def __init__(self):
        self.x = 1
def f(p, n):
    t = 0
    for i in range(n):
        t += p.x
    return t
p = P()
print(f(p, 1000))
`;
    const r = run(src);
    expect(r.out).toBe(tier1Output(src));
    const before = r.executors("f");
    expect(before.length).toBeGreaterThan(0);
    expect(before.every((e) => e.valid)).toBe(true);
    r.engine.run("P.y = 2");
    expect(before.some((e) => !e.valid)).toBe(true);
    expect(r.engine.jit!.stats.executors_invalidated).toBeGreaterThan(0);
    r.engine.run("print(f(p, 1000))");
  });

  it("follows a generator's yield into its caller, below the frame where recording started", () => {
    const src = `
def gen(n):
    for i in range(n):
        yield i * i
def f(n):
    s = 0
    for v in gen(n):
        s += v
    return s
print(f(3000))
`;
    const r = run(src);
    expect(r.out).toBe(tier1Output(src));
    // Recorded from the generator's loop: the yield returns to f, whose code the trace goes on with.
    const uops = r.uops("gen");
    const y = uops.indexOf("YIELD_VALUE");
    expect(y).toBeGreaterThan(0);
    expect(uops[y + 1]).toBe("_GUARD_IP");
    expect(uops.slice(y)).toContain("_BINARY_OP_ADD_INT");
  });

  it("keeps the trace up to a yield to host code (a generator that sum() iterates)", () => {
    const src = `
def gen(n):
    for i in range(n):
        j = i * 3
        if j & 1:
            j = j + 1
        yield j
t = 0
for k in range(30):
    t += sum(gen(200))
print(t)
`;
    const r = run(src);
    expect(r.out).toBe(tier1Output(src));
    // The yield returns to sum(), host code: the trace ends before it, with an exit there.
    const traces = r.executors("gen").map((e) => traceUops(e.trace).map((u) => uopName(u.opcode)));
    const root = traces.find((uops) => uops.includes("_ITER_NEXT_RANGE_TIER_TWO"));
    expect(root).toBeDefined();
    expect(root!.at(-1)).toBe("_EXIT_TRACE");
    expect(root).not.toContain("YIELD_VALUE");
    expect(root).toContain("_BINARY_OP_MULTIPLY_INT");
    expect(r.engine.jit!.stats.traces_executed).toBeGreaterThan(100);
  });

  it("records from a generator's resume point after a hot yield to host code", () => {
    // The loop's head is right before the yield: the part after it (k += 1, the test) runs only
    // when sum() resumes the generator, so it gets a trace installed at the RESUME after the yield.
    const src = `
def count_up(n):
    k = 0
    while k < n:
        yield k
        k += 1
t = 0
for i in range(40):
    t += sum(count_up(100))
print(t)
`;
    const r = run(src);
    expect(r.out).toBe(tier1Output(src));
    const resumed = r
      .executors("count_up")
      .find((e) => traceUops(e.trace).some((u) => uopName(u.opcode) === "_TIER2_RESUME_CHECK"));
    expect(resumed).toBeDefined();
    const uops = traceUops(resumed!.trace).map((u) => uopName(u.opcode));
    expect(uops).toContain("_BINARY_OP_ADD_INT");
    // Entered at (nearly) every resumption once it was made: 40 generators of 100 values.
    expect(resumed!.entries).toBeGreaterThan(1000);
  });

  it("makes progress when a trace over a RESUME leaves from its first instruction", () => {
    // Under gc stress the eval breaker is always set: the RESUME's check in the trace installed
    // at a generator's resume point always fails, back to that very ENTER_EXECUTOR.
    const src = `
def count_up(n):
    k = 0
    while k < n:
        yield k
        k += 1
print([sum(count_up(30)) for i in range(20)], sum(x * x for x in range(50)))
`;
    let out = "";
    const engine = createEngine({
      jit: "uops",
      jitSettings: { threshold: 4, sideExitThreshold: 2 },
      gcStress: true,
      // A thread that kept entering the trace would end in a TimeoutError, not hang the test run.
      timeLimit: 30_000,
      stdout: (t) => {
        out += t;
      },
    });
    engine.run(src);
    expect(out).toBe(tier1Output(src));
    expect(engine.jit!.stats.deopts).toBeGreaterThan(0);
  });

  it("follows object creation into __init__ and back", () => {
    const src = `
class P:
    def __init__(self, x):
        self.x = x
def f(n):
    t = 0
    for i in range(n):
        p = P(i)
        t += p.x
    return t
print(f(1000))
`;
    const r = run(src);
    expect(r.out).toBe(tier1Output(src));
    const uops = r.uops("f");
    expect(uops).toContain("_ALLOC_AND_ENTER_INIT");
    expect(uops).toContain("EXIT_INIT_CHECK");
    expect(uops.filter((u) => u === "RETURN_VALUE").length).toBeGreaterThanOrEqual(2);
    expect(uops).toContain("_JUMP_TO_TOP");
  });

  it("keeps the state exact when a trace's code raises", () => {
    const src = `
def f(xs):
    t = 0
    for x in xs:
        t += 10 // x
    return t
import traceback
try:
    f([1] * 500 + [0])
except ZeroDivisionError as e:
    print(type(e).__name__, e)
    print(traceback.format_exc())
print(f([2] * 800))
`;
    expect(run(src).out).toBe(tier1Output(src));
  });
  it("makes a running executor leave at its next validity check when its class changes", () => {
    const src = `
class C:
    k = 1
def bump(i):
    if i == 500:
        C.k = 2
def f(n):
    c = C()
    t = 0
    for i in range(n):
        t += c.k
        bump(i)
    return t
print(f(1000))
`;
    const r = run(src);
    expect(r.out).toBe(tier1Output(src));
    expect(r.engine.jit!.stats.executors_invalidated).toBeGreaterThan(0);
  });

  it("sweeps executors that were not entered since the last sweep, restoring the jump", () => {
    const src = `
def f(n):
    t = 0
    for i in range(n):
        t += i
    return t
print(f(1000))
`;
    const r = run(src);
    const jit = r.engine.jit!;
    expect(r.executors("f").length).toBe(1);
    jit.sweep();
    expect(r.executors("f").length).toBe(1);
    jit.sweep();
    expect(r.executors("f").length).toBe(0);
    expect(jit.stats.executors_swept).toBe(1);
    // The loop runs again in tier 1 and is recorded again.
    r.engine.run("print(f(1000))");
    expect(r.executors("f").length).toBe(1);
  });

  it("bounds chains of side-exit traces", () => {
    const src = `
def f(n):
    t = 0
    for i in range(n):
        m = i % 7
        if m == 0:
            t += 1
        elif m == 1:
            t += 2
        elif m == 2:
            t += 3
        elif m == 3:
            t += 4
        elif m == 4:
            t += 5
        elif m == 5:
            t += 6
        else:
            t += 7
    return t
print(f(5000))
`;
    const r = run(src, { maxChainDepth: 2 });
    expect(r.out).toBe(tier1Output(src));
    const depths = r.executors("f").map((e) => e.trace.chainDepth);
    expect(Math.max(...depths)).toBeLessThanOrEqual(2);
    expect(depths.some((d) => d > 0)).toBe(true);
  });
  it("takes another frontend through the Frontend interface", () => {
    let begun = 0;
    let stepped = 0;
    const engine = createEngine({
      jit: "uops",
      jitSettings: { threshold: 16 },
      stdout: () => {},
      frontend: {
        name: "counting",
        begin(frame, start, depth) {
          begun++;
          inner.begin(frame, start, depth);
        },
        step(frame, instr, sp) {
          stepped++;
          return inner.step(frame, instr, sp);
        },
      },
    });
    const inner = new Recorder(engine.interp.ts, {
      maxLength: 800,
      minInstructions: 3,
      maxFrameDepth: 8,
    });
    engine.run("t = 0\nfor i in range(1000):\n    t += i\n");
    expect(begun).toBeGreaterThan(0);
    expect(stepped).toBeGreaterThan(0);
    expect(engine.jit!.stats.traces_created).toBeGreaterThan(0);
  });
  it("drops the executors of a code object that is freed", () => {
    const src = `
ns = {}
exec("def f(n):\\n    t = 0\\n    for i in range(n):\\n        t += i\\n    return t\\n", ns)
print(ns["f"](1000))
`;
    const r = run(src);
    expect(r.out).toBe("499500\n");
    expect(r.executors("f").length).toBe(1);
    const before = r.engine.jit!.stats.executors_invalidated;
    r.engine.run("del ns\nimport gc\ngc.collect()");
    expect(r.executors("f").length).toBe(0);
    expect(r.engine.jit!.stats.executors_invalidated).toBe(before + 1);
    r.engine.run("print(sum(i for i in range(3000)))");
  });
  it("follows a property's getter, which tier 1 runs in a frame of its own", () => {
    const src = `
class Box:
    def __init__(self, v):
        self._v = v
    @property
    def v(self):
        return self._v + 1
def f(b, n):
    t = 0
    for i in range(n):
        t += b.v
    return t
print(f(Box(2), 1000))
`;
    const r = run(src);
    expect(r.out).toBe(tier1Output(src));
    const uops = r.uops("f");
    expect(uops.some((u) => u.includes("PROPERTY"))).toBe(true);
    expect(uops).toContain("RETURN_VALUE");
    expect(uops).toContain("_JUMP_TO_TOP");
  });

  it("follows a call into a custom __add__, __eq__ and __getitem__, through the shim and back", () => {
    const src = `
class V:
    def __init__(self, x):
        self.x = x
    def __add__(self, other):
        return V(self.x + other.x)
    def __eq__(self, other):
        return self.x == other.x
    def __getitem__(self, i):
        return self.x * i
def f(n):
    t = V(0)
    one = V(1)
    same = 0
    for i in range(n):
        t = t + one
        if t == t:
            same += t[2]
    return t.x, same
print(f(1000))
`;
    const r = run(src);
    expect(r.out).toBe(tier1Output(src));
    const [root] = r.executors("f");
    const uops = traceUops(root!.trace).map((u) => uopName(u.opcode));
    // The operator pushes the method's frame over the shim's; the trace goes on in __add__'s
    // code (the int add of self.x + other.x, the class call to __init__), returns to the shim,
    // whose CHECK_DUNDER_RESULT hands the result back to f, and closes the loop.
    const add = uops.indexOf("_BINARY_OP_PY_DUNDER");
    expect(add).toBeGreaterThan(0);
    expect(uops[add + 1]).toBe("_GUARD_IP");
    const check = uops.indexOf("CHECK_DUNDER_RESULT");
    expect(uops.slice(add, check)).toContain("_BINARY_OP_ADD_INT");
    expect(uops.slice(add, check)).toContain("_ALLOC_AND_ENTER_INIT");
    expect(uops).toContain("_COMPARE_OP_PY_DUNDER");
    expect(uops.filter((u) => u === "CHECK_DUNDER_RESULT").length).toBe(2);
    // __getitem__ has no shim: its frame returns straight to f.
    expect(uops.filter((u) => u === "_BINARY_OP_PY_DUNDER").length).toBe(2);
    expect(uops.at(-1)).toBe("_JUMP_TO_TOP");
    expect(r.engine.jit!.stats.traces_executed).toBeGreaterThan(0);
  });

  it("records from a hot loop exit past the loop, guarding that the iterator is exhausted", () => {
    const src = `
def nearest(xs, k):
    best = None
    for x in xs:
        if x > k:
            best = x
    return best
def f(n):
    xs = [1, 5, 9]
    t = 0
    for i in range(n):
        t += nearest(xs, i % 7) or 0
    return t
print(f(3000))
`;
    const r = run(src);
    expect(r.out).toBe(tier1Output(src));
    // nearest's loop runs 3 times per call: its trace leaves at the loop's exit every call, the
    // exit warms, and the trace recorded from it guards the exhaustion, returns to f and goes on.
    const exitTraces = r.executors("nearest").filter((e) => e.trace.chainDepth > 0);
    const uops = exitTraces.flatMap((e) => traceUops(e.trace).map((u) => uopName(u.opcode)));
    expect(uops).toContain("_GUARD_EXHAUSTED_LIST");
    expect(uops).toContain("RETURN_VALUE");
    expect(r.engine.jit!.stats.linked_traces).toBeGreaterThan(0);
  });
});
