// The interpreter's frames as roots of the cycle collector: deferred references on the stacks keep
// their objects alive (and only the stack scan does), and the debug loops poison the published
// stack pointer so that a collection at a point without a spill fails loudly.
import { createEngine } from "@skein/engine";
import { describe, expect, it } from "vitest";
import { FrameRoots, UnpublishedStackError } from "../src/internal/roots.js";

function engineWithOutput(options: Parameters<typeof createEngine>[0] = {}) {
  let out = "";
  const engine = createEngine({
    heapLimit: "64M",
    ...options,
    stdout: (t) => {
      out += t;
    },
  });
  return { engine, output: () => out };
}

/** The object bound to global `name` of the engine's `__main__`. */
function globalAddr(engine: ReturnType<typeof createEngine>, name: string): number {
  const globals = (engine as unknown as { mainGlobals(): number }).mainGlobals();
  return engine.space.dictGetStr(globals, name) & ~3;
}

describe("deferred reference counting", () => {
  it("gives modules, classes and functions that are not nested the bias, closures not", () => {
    const { engine } = engineWithOutput();
    engine.run(
      [
        "import math",
        "def f(): return 1",
        "class C: pass",
        "def outer():",
        "    def inner(): return 2",
        "    return inner",
        "g = outer()",
        "lam = lambda: 3",
      ].join("\n"),
    );
    const heap = engine.heap;
    expect(heap.isDeferred(globalAddr(engine, "f"))).toBe(true);
    expect(heap.isDeferred(globalAddr(engine, "C"))).toBe(true);
    expect(heap.isDeferred(globalAddr(engine, "math"))).toBe(true);
    expect(heap.isDeferred(globalAddr(engine, "lam"))).toBe(true);
    expect(heap.isDeferred(globalAddr(engine, "g"))).toBe(false);
  });

  it("loads them without touching their counts (LOAD_GLOBAL, generic and specialized)", () => {
    const { engine, output } = engineWithOutput();
    engine.run(
      [
        "import sys",
        "def f(): return 1",
        "class C: pass",
        "def loop():",
        "    for _ in range(1000):",
        "        f(); C; sys",
      ].join("\n"),
    );
    const heap = engine.heap;
    const addrs = ["f", "C", "sys"].map((n) => globalAddr(engine, n));
    const before = addrs.map((a) => heap.refcount(a));
    engine.run("loop()");
    expect(addrs.map((a) => heap.refcount(a))).toEqual(before);
    engine.run("print(sys.getrefcount(f))");
    expect(output()).toBe("2\n"); // the globals' entry and the argument, as CPython
  });
});

// `victim` is only on driver()'s stack (a deferred reference pushed by LOAD_GLOBAL) while its
// global is deleted and a collection runs inside a nested call.
const VICTIM = `
import gc, weakref
def victim():
    pass
wr = weakref.ref(victim)
def drop():
    global victim
    del victim
    gc.collect()
    return wr() is None
def pick(a, b):
    return b
def driver():
    return pick(victim, drop())
print("freed while on the stack:", driver())
`;

describe("the stacks as roots", () => {
  it("keep an object referenced only by a deferred reference on a waiting frame's stack", () => {
    const { engine, output } = engineWithOutput();
    engine.run(VICTIM);
    expect(output()).toBe("freed while on the stack: False\n");
  });

  it("are what keeps it: without the frame roots the collector frees it", () => {
    const { engine, output } = engineWithOutput();
    const roots = engine.collector.roots;
    const frames = roots.findIndex((r) => r instanceof FrameRoots);
    expect(frames).toBeGreaterThanOrEqual(0);
    roots.splice(frames, 1);
    engine.run(VICTIM);
    expect(output()).toBe("freed while on the stack: True\n");
  });
});

describe("the poisoned stack pointer (debug loops)", () => {
  // A collection from a helper the generated code calls without a spill (LOAD_GLOBAL_MODULE's
  // stackRefFromHeap is @noescape): a missing spill, simulated.
  const PROGRAM = "def f(): return 1\ndef loop():\n    for _ in range(100): f()\nloop()";

  function collectInsideNoEscapeHelper(engine: ReturnType<typeof createEngine>): void {
    const ts = engine.interp.ts;
    const original = ts.stackRefFromHeap.bind(ts);
    ts.stackRefFromHeap = (value) => {
      engine.collector.collect(0);
      return original(value);
    };
  }

  it("makes a collection without a spill fail loudly", () => {
    const { engine } = engineWithOutput({ debugRefs: true });
    collectInsideNoEscapeHelper(engine);
    expect(() => engine.run(PROGRAM)).toThrow(UnpublishedStackError);
  });

  it("is written only by the debug loops", () => {
    const { engine } = engineWithOutput();
    collectInsideNoEscapeHelper(engine);
    expect(() => engine.run(PROGRAM)).not.toThrow();
  });

  it("is published again at every escape: the corpus-style program runs under it", () => {
    const { engine, output } = engineWithOutput({ debugRefs: true, gcStress: true });
    engine.run(VICTIM);
    expect(output()).toBe("freed while on the stack: False\n");
  });
});
