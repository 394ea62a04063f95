// The floor on how much of a hot loop runs inside traces: with the default thresholds, at least 90%
// of the instructions of these loop-heavy programs must run in executors. When traces silently stop
// forming (an instruction the recorder cannot lower, a guard that always fails), this fails.
import { createEngine } from "@skein/engine";
import { describe, expect, it } from "vitest";

const HOT_LOOPS: Record<string, string> = {
  "int arithmetic over a range": `
def f(n):
    total = 0
    for i in range(n):
        total += i * 3 - (i & 7)
    return total
print(f(100000))
`,
  "while loop with branches": `
def f(n):
    i = a = b = 0
    while i < n:
        if i % 3 == 0:
            a += i
        else:
            b -= 1
        i += 1
    return a, b
print(f(100000))
`,
  "attributes and method calls on objects": `
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def norm1(self):
        return abs(self.x) + abs(self.y)
def f(n):
    p = Point(3, -4)
    t = 0
    for i in range(n):
        p.x = i
        t += p.norm1()
    return t
print(f(100000))
`,
  "list iteration with float math": `
def f(xs, rounds):
    s = 0.0
    for r in range(rounds):
        for x in xs:
            s += x * 0.5 + 1.0
    return s
print(f([float(i) for i in range(1000)], 100))
`,
};

describe("fraction of instructions run inside traces (default thresholds)", () => {
  for (const [name, source] of Object.entries(HOT_LOOPS)) {
    it(name, () => {
      let out = "";
      const engine = createEngine({
        jit: "uops",
        countInstructions: true,
        stdout: (t) => {
          out += t;
        },
      });
      engine.run(source);
      const tracer = engine.stats().tracer as { fraction_in_traces: number };
      expect(out).not.toBe("");
      expect(tracer.fraction_in_traces).toBeGreaterThanOrEqual(0.9);
    });
  }
});
