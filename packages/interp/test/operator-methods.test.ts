// Operators that call methods of Python classes: after warm-up the site holds
// BINARY_OP_SUBSCR_GETITEM, BINARY_OP_PY_DUNDER or COMPARE_OP_PY_DUNDER, the method runs in a frame
// of the interpreter's loop, and a change of operand types deopts and re-specializes.
import { describe, expect, it } from "vitest";
import { setup } from "./engine-setup.js";

const CLASSES = `
import sys
class V:
    def __init__(self, x):
        self.x = x
    def __add__(self, other):
        return V(self.x + other.x) if isinstance(other, V) else NotImplemented
    def __iadd__(self, other):
        self.x += other
        return self
    def __lt__(self, other):
        return self.x < other.x
    def __eq__(self, other):
        return sys._getframe(1).f_code.co_name
    def __getitem__(self, i):
        return self.x * i

def add(a, b):
    return a + b

def iadd(a, b):
    a += b
    return a

def less(a, b):
    if a < b:
        return 1
    return 0

def eq(a, b):
    return a == b

def item(a, i):
    return a[i]

for i in range(100):
    add(V(1), V(2))
    iadd(V(1), 2)
    less(V(1), V(2))
    eq(V(1), V(2))
    item(V(3), i)
`;

interface Family {
  specialized: Record<string, number>;
  deopts: number;
}

describe("operator methods of Python classes", () => {
  it("installs the frame-pushing forms after warm-up", () => {
    const { engine, dis } = setup(CLASSES);
    expect(dis("add")).toContain("BINARY_OP_PY_DUNDER");
    expect(dis("iadd")).toContain("BINARY_OP_PY_DUNDER");
    expect(dis("less")).toContain("COMPARE_OP_PY_DUNDER");
    expect(dis("eq")).toContain("COMPARE_OP_PY_DUNDER");
    expect(dis("item")).toContain("BINARY_OP_SUBSCR_GETITEM");
    // The method's caller is the function with the operator: the shim frame is not seen.
    expect(engine.eval("eq(V(1), V(2))")).toBe("eq");
    expect(
      engine.eval("add(V(1), V(2)).x + iadd(V(5), 1).x + less(V(1), V(2)) + item(V(3), 4)"),
    ).toBe(3 + 6 + 1 + 12);
  });

  it("a change of operand types deopts and re-specializes", () => {
    const { engine, dis } = setup(
      `${CLASSES}\nfor i in range(200):\n    add(i, 2)\n    less(i, 3)\n`,
    );
    expect(dis("add")).toContain("BINARY_OP_ADD_INT");
    expect(dis("less")).toContain("COMPARE_OP_INT");
    const spec = (engine.stats().interp as { specialization: Record<string, Family> })
      .specialization;
    expect(spec.BINARY_OP!.deopts).toBeGreaterThan(0);
    expect(spec.COMPARE_OP!.deopts).toBeGreaterThan(0);
    expect(spec.BINARY_OP!.specialized.PY_DUNDER).toBeGreaterThan(0);
    expect(spec.BINARY_OP!.specialized.SUBSCR_GETITEM).toBeGreaterThan(0);
    // Back to instances: the guard fails and the site goes back to the method.
    engine.run("for i in range(200):\n    add(V(i), V(1))\n");
    expect(dis("add")).toContain("BINARY_OP_PY_DUNDER");
  });

  it("does not specialize when the right operand's reflected method comes first", () => {
    const { dis, engine } = setup(`${CLASSES}
class Sub(V):
    def __radd__(self, other):
        return "Sub.__radd__"
for i in range(100):
    r = add(V(1), Sub(2))
`);
    expect(dis("add")).not.toContain("BINARY_OP_PY_DUNDER");
    expect(engine.eval("r")).toBe("Sub.__radd__");
  });
});
