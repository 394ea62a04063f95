import {
  createEngine,
  EngineConfigError,
  PyHandle,
  PythonError,
  parseCommandLine,
  parseSize,
} from "@skein/engine";
import { describe, expect, it } from "vitest";

function capture(options: Parameters<typeof createEngine>[0] = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const engine = createEngine({
    heapLimit: "64M",
    ...options,
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
  });
  return { engine, out: () => out.join(""), err: () => err.join("") };
}

describe("running programs", () => {
  it("prints, and leaves nothing alive", () => {
    const { engine, out } = capture();
    const before = engine.liveObjects();
    engine.run("x = [0, 1, 4, 9, 16]\nprint(x, sum(x))");
    expect(out()).toBe("[0, 1, 4, 9, 16] 30\n");
    engine.dispose();
    // dispose() also frees what start-up made (the site module and its exit/quit objects).
    expect(engine.liveObjects()).toBeLessThanOrEqual(before);
  });

  it("throws a PythonError carrying the type, message and traceback", () => {
    const { engine } = capture();
    let caught: unknown;
    try {
      engine.run("def f(x):\n    return 1 // x\nf(0)\n", "prog.py");
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(PythonError);
    const error = caught as PythonError;
    expect(error.type).toBe("ZeroDivisionError");
    expect(error.pyMessage).toBe("integer division or modulo by zero");
    expect(error.traceback).toBe(
      [
        "Traceback (most recent call last):",
        '  File "prog.py", line 3, in <module>',
        "    f(0)",
        '  File "prog.py", line 2, in f',
        "    return 1 // x",
        "ZeroDivisionError: integer division or modulo by zero",
        "",
      ].join("\n"),
    );
  });

  it("runs a script with CPython's exit statuses", () => {
    const { engine, out, err } = capture();
    expect(engine.runMain("print('a')\nraise SystemExit(3)\n").exitCode).toBe(3);
    expect(engine.runMain("raise SystemExit\n").exitCode).toBe(0);
    expect(engine.runMain("1 +\n", "bad.py").exitCode).toBe(1);
    expect(err()).toContain('File "bad.py", line 1');
    expect(err()).toContain("SyntaxError: invalid syntax");
    expect(out()).toBe("a\n");
  });

  it("turns deep recursion into RecursionError", () => {
    const { engine } = capture();
    expect(() => engine.run("def f(n):\n    return f(n + 1)\nf(0)\n")).toThrow(
      /RecursionError: maximum recursion depth exceeded/,
    );
    // The engine still works afterwards.
    expect(() => engine.run("print(1)")).not.toThrow();
  });

  it("raises MemoryError at the heap limit and keeps the host alive", () => {
    const { engine } = capture({ heapLimit: "32M" });
    expect(() => engine.run("x = [0]\nwhile True:\n    x = x + x\n")).toThrow(/MemoryError/);
    expect(() => engine.run("print(2)")).not.toThrow();
  });

  it("ends a program that exceeds its time limit with TimeoutError, even one that catches it", () => {
    const { engine, err } = capture({ timeLimit: 200 });
    const looping =
      "while True:\n    try:\n        while True:\n            pass\n    except TimeoutError:\n        pass\n";
    const r = engine.runMain(looping);
    expect(r.exitCode).toBe(1);
    expect(err()).toContain("TimeoutError: the program exceeded its time limit of 200 ms");
    // The next call gets a time limit of its own.
    expect(() => engine.run("print(sum(range(10)))")).not.toThrow();
    expect(() => engine.run("while True: pass")).toThrow(/TimeoutError/);
  });

  it("keeps two engines independent", () => {
    const a = capture();
    const b = capture();
    a.engine.run("x = 1\nprint(x)");
    b.engine.run("print(2)");
    expect(a.out()).toBe("1\n");
    expect(b.out()).toBe("2\n");
  });

  it("refuses tiers that do not exist yet", () => {
    expect(() => createEngine({ jit: "wasm" })).toThrow(EngineConfigError);
  });
});

describe("calling Python from JavaScript", () => {
  it("keeps __main__ between runs and converts values both ways", () => {
    const { engine } = capture();
    const before = engine.liveObjects();
    engine.run(
      "def scale(xs, k):\n    out = []\n    for x in xs:\n        out = out + [x * k]\n    return out\n",
    );
    engine.run("data = {'a': (1, 2.5), 'b': None, 'c': [True, 'z']}\nbig = 2 ** 70\n");
    expect(engine.call("scale", [1, 2, 3], 10)).toEqual([10, 20, 30]);
    expect(engine.get("data")).toEqual(
      new Map<unknown, unknown>([
        ["a", [1, 2.5]],
        ["b", null],
        ["c", [true, "z"]],
      ]),
    );
    expect(engine.get("big")).toBe(2n ** 70n);
    expect(engine.eval("len(data) + 1")).toBe(4);
    expect(engine.get("missing")).toBeUndefined();
    expect(engine.call("scale", new Map([["k", 1]]), 2)).toEqual(["kk"]);
    engine.dispose();
    // dispose() also frees what start-up made (the site module and its exit/quit objects).
    expect(engine.liveObjects()).toBeLessThanOrEqual(before);
  });

  it("gives other objects as handles that must be released", () => {
    const { engine } = capture();
    const before = engine.liveObjects();
    engine.run(
      "class Box:\n    def __init__(self, v):\n        self.v = v\n    def get(self):\n        return self.v\n\ndef plus_one(b):\n    return b.get() + 1\n",
    );
    const box = engine.eval("Box(41)");
    expect(box).toBeInstanceOf(PyHandle);
    const handle = box as PyHandle;
    expect(handle.type).toBe("Box");
    expect(engine.call("plus_one", handle)).toBe(42);
    handle.release();
    expect(() => handle.ref).toThrow(/released/);
    engine.dispose();
    // dispose() also frees what start-up made (the site module and its exit/quit objects).
    expect(engine.liveObjects()).toBeLessThanOrEqual(before);
  });

  it("raises Python errors as PythonError", () => {
    const { engine } = capture();
    expect(() => engine.eval("1 / 0")).toThrow(PythonError);
    expect(() => engine.call("nothing")).toThrow(/NameError/);
    expect(() => engine.eval("(")).toThrow(/SyntaxError/);
  });
});

describe("command line", () => {
  it("parses like python", () => {
    const c = parseCommandLine(["-X", "heap-limit=64M", "prog.py", "a", "-b"], {});
    expect(c.mode).toBe("file");
    expect(c.argv).toEqual(["prog.py", "a", "-b"]);
    expect(c.heapLimit).toBe(64 * 1024 * 1024);
    expect(parseCommandLine(["-c", "print(1)", "x"], {}).argv).toEqual(["-c", "x"]);
    expect(parseCommandLine([], { SKEIN_JIT: "uops" }).jit).toBe("uops");
    expect(() => parseCommandLine(["-X", "jit=fast"], {})).toThrow(/jit=fast/);
    expect(parseSize("1G")).toBe(1024 ** 3);
  });
});
