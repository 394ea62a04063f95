// Which specialized forms a function's live bytecode holds after it warms up, and that a guard
// failing often enough sends an instruction back through its head to another member.
import { createEngine } from "@skein/engine";
import { describe, expect, it } from "vitest";
import { setup } from "./engine-setup.js";

interface FamilyStats {
  successes: number;
  specialized: Record<string, number>;
  failureKinds: Record<string, number>;
}

const PROGRAM = `
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)

def mix(a, b):
    return a * b + a - b, a < b

scale = 3
def g(x):
    return len([x]) + scale

def divmod_(a, b):
    return a // b, a % b, a // -b, -a % b

def mixed(a, n):
    return a * n + n / 2 - a / 4.0

for i in range(100):
    mixed(1.5, i)
    divmod_(i + 7, 3)
    fib(5)
    mix(1.5, 2.0)
    g(i)
`;

const ATTRS = `
import math
class P:
    K = 5
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def norm(self):
        return self.x * self.x + self.y * self.y

class S:
    __slots__ = ("a",)
    def get(self):
        return 3

def use(p, s):
    p.y = 2
    return p.x + p.norm() + s.get() + math.floor(1.5) + P.K

def use_x(p):
    return p.x

def call_bound(f):
    return f()

for i in range(100):
    use(P(1, 2), S())
    use_x(P(1, 2))
    call_bound(P(1, 2).norm)
`;
const USE_RESULT = 1 + 5 + 3 + 1 + 5;

const BOOLS = `
class O:
    pass

def truth(x):
    if x:
        return 1
    return 0

def truths(a, b, c, d, e):
    return truth(a) + truth(b) + truth(c) + truth(d) + truth(e)

def each(b, i, n, l, o):
    r = 0
    if b:
        r += 1
    if i:
        r += 2
    if n:
        r += 4
    if l:
        r += 8
    if o:
        r += 16
    return r

for k in range(100):
    each(True, k, None, [k], O())
`;

const SEQS = `
def seqs(n):
    l = [0] * 10
    t = (1, 2, 3)
    s = 0
    for i in range(n):
        l[i % 10] = i
        s += l[(i + 3) % 10] + t[i % 3]
        pr = (i, s)
        a, b = pr
        x, y, z = t
        p, q = [a, b]
        s += a - b + x + z + q
    for v in l:
        s += v
    for v in t:
        s += v
    return s

def seqs2(l, t, d):
    s = 0
    for v in l:
        s += v + l[0]
    for v in t:
        s += v
    return s + d[0] + l[2] - 1

for i in range(100):
    seqs(20)
    seqs2([1, 2, 3], (4, 5, 6), {0: 1})
`;
const SEQS_20 = 538;

const SIBLINGS = `
class Base:
    def __init__(self, v):
        self.v = v
    def get(self):
        return self.v

class A(Base):
    def get(self):
        return self.v + 1

class B(Base):
    def get(self):
        return self.v + 2

def read(o):
    return o.v

def call_get(o):
    return o.get()

objs = [A(1), B(2)]
for i in range(300):
    read(objs[i % 2])
    call_get(objs[i % 2])
`;

const CALLS = `
class V:
    def __init__(self, x, y=0):
        self.x = x
        self.y = y

class Bad:
    def __init__(self):
        return 1

def make(i):
    v = V(i)
    v.z = i
    return v

def builtins_(l, d):
    n = len(l)
    l.append(n)
    d[n % 3] = n
    return isinstance(l, list), type(d) is dict, abs(-n), d[n % 3], "a,b".split(",")

def general(a, b=2, *rest):
    return a + b + len(rest)

def call_general(i):
    return general(i) + general(i, 1, 2, 3)

def conv(i):
    return int(i) + len(range(i))

def strs(a, b):
    return a + b, a == b, a != b, not a

def bits(a, b):
    return a & b, a | b, a ^ b, a >> 2, b << 3

for i in range(100):
    make(i)
    builtins_([], {})
    call_general(i)
    conv(i)
    strs("x", "y")
    bits(i, 6)
`;

const ISSUE8 = `
class S:
    __slots__ = ("a", "b")
    def __init__(self, a):
        self.a = a

class T:
    __slots__ = ("x", "b", "a")
    def __init__(self, a):
        self.a = a

class Empty:
    __slots__ = ("a", "b")

class G:
    def __init__(self):
        self.x = 5
    def __getattribute__(self, name):
        if name == "magic":
            return 42
        return object.__getattribute__(self, name)

class M:
    def m(self, a, b=2, *rest):
        return a + b + len(rest)

def slots(s, v):
    s.b = v
    return s.a + s.b

def contains(d, st, fs, x):
    return x in d, x not in st, x in fs

def getattr_(g):
    return g.magic + g.x

def bound(f):
    return f(1) + f(1, 4, 0, 0)

s = S(1)
g = G()
o = M()
d = {1: 2}
st = {1, 3}
fs = frozenset([4])
for i in range(100):
    slots(s, i)
    contains(d, st, fs, i % 5)
    getattr_(g)
    bound(o.m)
`;

describe("specialization", () => {
  it("installs the specialized forms after warm-up", () => {
    const { engine, dis } = setup(PROGRAM);
    const fib = dis("fib");
    expect(fib).toContain("COMPARE_OP_INT");
    expect(fib).toContain("BINARY_OP_SUBTRACT_INT");
    expect(fib).toContain("BINARY_OP_ADD_INT");
    expect(fib).toContain("LOAD_GLOBAL_MODULE");
    expect(fib).toContain("CALL_PY_EXACT_ARGS");
    const mix = dis("mix");
    expect(mix).toContain("BINARY_OP_MULTIPLY_FLOAT");
    expect(mix).toContain("BINARY_OP_ADD_FLOAT");
    expect(mix).toContain("BINARY_OP_SUBTRACT_FLOAT");
    expect(mix).toContain("COMPARE_OP_FLOAT");
    expect(dis("mixed")).toContain("BINARY_OP_MIXED_FLOAT");
    expect(dis("divmod_")).toContain("BINARY_OP_DIVMOD_INT");
    expect(engine.eval("divmod_(17, 5)")).toEqual([3, 2, -4, 3]);
    expect(engine.eval("divmod_(-17, 5)")).toEqual([-4, 3, 3, 2]);
    expect(() => engine.eval("divmod_(1, 0)")).toThrow(/ZeroDivisionError/);
    expect(engine.eval("mixed(1.5, 3)")).toBe(5.625);
    expect(() => engine.eval("mixed(1.5, 3) / 0")).toThrow(/ZeroDivisionError/);
    expect(() =>
      engine.run(
        "def div(a, b):\n    return a / b\nfor i in range(100):\n    div(1.0, 2)\ndiv(1.0, 0)\n",
      ),
    ).toThrow(/ZeroDivisionError/);
    const g = dis("g");
    expect(g).toContain("LOAD_GLOBAL_BUILTIN");
    expect(g).toContain("LOAD_GLOBAL_MODULE");
  });

  it("a type change deopts and re-specializes", () => {
    const { engine, dis } = setup(PROGRAM);
    // mix's operators see ints now: each float guard fails, the head runs, and after the
    // cooldown's misses the head specializes again for ints.
    engine.run("for i in range(200):\n    mix(3, 4)\n");
    const mix = dis("mix");
    expect(mix).toContain("BINARY_OP_MULTIPLY_INT");
    expect(mix).toContain("COMPARE_OP_INT");
    expect(mix).not.toContain("BINARY_OP_MULTIPLY_FLOAT");
    expect(engine.eval("mix(3, 4)")).toEqual([11, true]);
    // A global rebound to another function: LOAD_GLOBAL_MODULE still finds its entry, and
    // CALL_PY_EXACT_ARGS's version guard sends the call through the head.
    engine.run("def fib(n):\n    return -n\n");
    expect(engine.eval("fib(7)")).toBe(-7);
  });

  it("counts attempts, successes and failures by kind per family", () => {
    const { engine } = setup(`${PROGRAM}\nfor i in range(50):\n    'a' < 'b'\n    1 < 2.5\n`);
    const spec = (engine.stats().interp as { specialization: Record<string, FamilyStats> })
      .specialization;
    expect(spec.CALL!.successes).toBeGreaterThan(0);
    expect(spec.LOAD_GLOBAL!.specialized.BUILTIN).toBeGreaterThan(0);
    expect(spec.COMPARE_OP!.failureKinds["str ordering"]).toBeGreaterThan(0);
    expect(spec.COMPARE_OP!.failureKinds["mixed types"]).toBeGreaterThan(0);
  });

  it("counts deopts, misses and hits, and executions by opcode when asked", () => {
    const engine = createEngine({ heapLimit: "64M", countInstructions: true });
    engine.run(`${PROGRAM}\nfor i in range(300):\n    mix(i, 2)\n`);
    const interp = engine.stats().interp as {
      specialization: Record<
        string,
        FamilyStats & { deopts: number; misses: number; hits: number }
      >;
      instructions: Record<string, number>;
    };
    // mix's float members met ints: each deopted after the cooldown's 53 misses.
    const binary = interp.specialization.BINARY_OP!;
    expect(binary.deopts).toBeGreaterThan(0);
    expect(binary.misses).toBeGreaterThanOrEqual(53 * binary.deopts);
    expect(binary.hits).toBeGreaterThan(0);
    expect(interp.instructions.BINARY_OP_ADD_INT).toBeGreaterThan(100);
    expect(interp.instructions.RESUME).toBeGreaterThan(300);
    // Without counting, the normal loop runs and no instruction counts are kept.
    const { engine: plain } = setup(PROGRAM);
    expect((plain.stats().interp as { instructions?: unknown }).instructions).toBeUndefined();
  });

  it("attribute access: instance values, methods, modules, classes, stores", () => {
    const { engine, dis } = setup(ATTRS);
    const use = dis("use");
    expect(use).toContain("LOAD_ATTR_INSTANCE_VALUE");
    expect(use).toContain("LOAD_ATTR_METHOD_WITH_VALUES");
    expect(use).toContain("LOAD_ATTR_MODULE");
    expect(use).toContain("LOAD_ATTR_CLASS");
    expect(use).toContain("STORE_ATTR_INSTANCE_VALUE");
    expect(engine.eval("use(P(1, 2), S())")).toBe(USE_RESULT);
    expect(dis("call_bound")).toContain("CALL_BOUND_METHOD_EXACT_ARGS");
    expect(engine.eval("call_bound(P(3, 4).norm)")).toBe(25);
    // Another function behind the bound method: the version guard sends it through the head.
    expect(engine.eval("call_bound(S().get)")).toBe(3);
  });

  it("a class change deopts attribute access and it re-specializes", () => {
    const { engine, dis } = setup(ATTRS);
    // A method replaced on the class: the version guard fails and the new method is called.
    engine.run("P.norm = lambda self: 1000\nP.K = 7\n");
    expect(engine.eval("use(P(1, 2), S())")).toBe(USE_RESULT - 5 + 1000 - 5 + 7);
    engine.run("for i in range(200):\n    use(P(1, 2), S())\n");
    expect(dis("use")).toContain("LOAD_ATTR_METHOD_WITH_VALUES");
    expect(dis("use")).toContain("LOAD_ATTR_CLASS");
    // An instance attribute shadowing the method.
    engine.run("p = P(1, 2)\np.norm = lambda: -1\n");
    expect(engine.eval("use(p, S())")).toBe(USE_RESULT - 5 - 1 - 5 + 7);
    // A property added to the class takes over the instance attribute.
    engine.run("q = P(1, 2)\nP.x = property(lambda self: 100)\n");
    expect(engine.eval("q.x")).toBe(100);
    expect(engine.eval("use_x(q)")).toBe(100);
  });

  it("subscripts, unpacking and iteration", () => {
    const { engine, dis } = setup(SEQS);
    const seqs = dis("seqs");
    for (const form of [
      "BINARY_OP_SUBSCR_LIST_INT",
      "BINARY_OP_SUBSCR_TUPLE_INT",
      "STORE_SUBSCR_LIST_INT",
      "UNPACK_SEQUENCE_TWO_TUPLE",
      "UNPACK_SEQUENCE_TUPLE",
      "UNPACK_SEQUENCE_LIST",
      "FOR_ITER_RANGE",
      "FOR_ITER_LIST",
      "FOR_ITER_TUPLE",
    ]) {
      expect(seqs).toContain(form);
    }
    expect(engine.eval("seqs(20)")).toBe(SEQS_20);
    // Other types: the guards fail, the heads run them, and the instructions re-specialize.
    engine.run("for i in range(200):\n    r = seqs2(range(1, 4), (4, 5, 6), {0: 1})\n");
    expect(engine.eval("r")).toBe(27);
    const seqs2 = dis("seqs2");
    expect(seqs2).not.toContain("BINARY_OP_SUBSCR_LIST_INT");
    expect(seqs2).not.toContain("FOR_ITER_LIST");
    expect(seqs2).toContain("FOR_ITER_RANGE");
    expect(seqs2).toMatch(/BINARY_OP {2,}26/);
  });

  it("calls of classes, builtins and general Python functions; dicts, strs and bit operations", () => {
    const { engine, dis } = setup(CALLS);
    const make = dis("make");
    expect(make).toContain("CALL_ALLOC_AND_ENTER_INIT");
    expect(make).toContain("STORE_ATTR_WITH_HINT");
    expect(engine.eval("make(5).z + make(5).y + make(5).x")).toBe(10);
    const b = dis("builtins_");
    for (const form of [
      "CALL_LEN",
      "CALL_LIST_APPEND",
      "CALL_ISINSTANCE",
      "CALL_TYPE_1",
      "CALL_BUILTIN_FAST",
      "LOAD_ATTR_METHOD_NO_DICT",
      "STORE_SUBSCR_DICT",
      "BINARY_OP_SUBSCR_DICT",
    ]) {
      expect(b).toContain(form);
    }
    expect(engine.eval("builtins_([1, 2], {})")).toEqual([true, true, 2, 2, ["a", "b"]]);
    expect(dis("call_general")).toContain("CALL_PY_GENERAL");
    expect(engine.eval("call_general(1)")).toBe(3 + 4);
    expect(dis("conv")).toContain("CALL_BUILTIN_CLASS");
    expect(engine.eval("conv(3)")).toBe(6);
    const strs = dis("strs");
    expect(strs).toContain("BINARY_OP_ADD_UNICODE");
    expect(strs).toContain("COMPARE_OP_STR");
    expect(strs).toContain("TO_BOOL_STR");
    expect(engine.eval("strs('ab', 'ab')")).toEqual(["abab", true, false, false]);
    expect(engine.eval("strs('', 'b')")).toEqual(["b", false, true, true]);
    expect(dis("bits")).toContain("BINARY_OP_BITWISE_INT");
    expect(engine.eval("bits(-7, 1 << 27)")).toEqual([
      -7 & (1 << 27),
      -7 | (1 << 27),
      -7 ^ (1 << 27),
      -2,
      2 ** 30,
    ]);
    // __init__ returning a value is still a TypeError; a class gaining __new__ leaves the guard.
    expect(() => engine.run("for i in range(5):\n    Bad()\n")).toThrow(
      /should return None, not 'int'/,
    );
    engine.run("V.__new__ = lambda cls, *a: 42\n");
    expect(engine.eval("make.__code__ and V(1)")).toBe(42);
    // Another callable where len was: the identity guard sends the call through the head.
    engine.run("len = lambda x: -1\n");
    expect(engine.eval("builtins_([], {})[2]")).toBe(1);
  });

  it("a site alternating between two sibling classes stays specialized for both", () => {
    const { engine, dis } = setup(SIBLINGS);
    expect(dis("read")).toContain("LOAD_ATTR_INSTANCE_VALUE");
    const before = (engine.stats().interp as { specialization: Record<string, { deopts: number }> })
      .specialization.LOAD_ATTR!.deopts;
    engine.run("for i in range(300):\n    read(objs[i % 2])\n");
    const after = (engine.stats().interp as { specialization: Record<string, { deopts: number }> })
      .specialization.LOAD_ATTR!.deopts;
    expect(after).toBe(before);
    expect(engine.eval("read(A(7)) + read(B(8))")).toBe(15);
    // A third class deopts it; the generic method lookup still calls the right method.
    engine.run(
      "class C(Base):\n    pass\nfor i in range(200):\n    r = read(C(i)) + call_get(objs[i % 2])\n",
    );
    expect(engine.eval("r")).toBe(199 + 4);
    expect(engine.eval("call_get(C(4)) + call_get(A(4)) + call_get(B(4))")).toBe(4 + 5 + 6);
  });

  it("a property's getter runs in a frame of its own, and a new property deopts it", () => {
    const { engine, dis } = setup(
      "class C:\n    def __init__(self, v):\n        self._v = v\n    @property\n    def v(self):\n        return self._v * 2\n\ndef use(c):\n    return c.v + 1\n\nfor i in range(50):\n    use(C(i))\n",
    );
    expect(dis("use")).toContain("LOAD_ATTR_PROPERTY");
    expect(engine.eval("use(C(4))")).toBe(9);
    engine.run("C.v = property(lambda self: -1)\n");
    expect(engine.eval("use(C(4))")).toBe(0);
  });

  it("__slots__ fields, `in` on dicts and sets, __getattribute__, bound methods with defaults", () => {
    const { engine, dis } = setup(ISSUE8);
    const slots = dis("slots");
    expect(slots).toContain("LOAD_ATTR_SLOT");
    expect(slots).toContain("STORE_ATTR_SLOT");
    const contains = dis("contains");
    expect(contains).toContain("CONTAINS_OP_DICT");
    expect(contains).toContain("CONTAINS_OP_SET");
    expect(dis("getattr_")).toContain("LOAD_ATTR_GETATTRIBUTE_OVERRIDDEN");
    expect(dis("bound")).toContain("CALL_BOUND_METHOD_GENERAL");
    expect(engine.eval("slots(S(1), 10)")).toBe(11);
    expect(engine.eval("contains(d, st, fs, 1)")).toEqual([true, false, false]);
    expect(engine.eval("contains(d, st, fs, 4)")).toEqual([false, true, true]);
    expect(engine.eval("getattr_(g)")).toBe(47);
    expect(engine.eval("bound(o.m)")).toBe(3 + 7);
    // An unset field deopts to the head, which raises; a bad key raises from the member itself.
    expect(() => engine.eval("slots(Empty(), 1)")).toThrow(
      /AttributeError: 'Empty' object has no attribute 'a'/,
    );
    expect(() => engine.eval("contains(d, st, fs, [])")).toThrow(
      /TypeError: unhashable type: 'list'/,
    );
    const spec = (engine.stats().interp as { specialization: Record<string, FamilyStats> })
      .specialization;
    expect(spec.CONTAINS_OP!.specialized.DICT).toBeGreaterThan(0);
    expect(spec.CONTAINS_OP!.specialized.SET).toBeGreaterThan(0);
    expect(spec.LOAD_ATTR!.specialized.SLOT).toBeGreaterThan(0);
    expect(spec.LOAD_ATTR!.specialized.GETATTRIBUTE_OVERRIDDEN).toBeGreaterThan(0);
    expect(spec.STORE_ATTR!.specialized.SLOT).toBeGreaterThan(0);
    expect(spec.CALL!.specialized.BOUND_METHOD_GENERAL).toBeGreaterThan(0);
  });

  it("a type change deopts the new members and they re-specialize", () => {
    const { engine, dis } = setup(ISSUE8);
    const deopts = () =>
      (engine.stats().interp as { specialization: Record<string, { deopts: number }> })
        .specialization;
    // Another slotted class, its fields in another order: the version guard fails, and after
    // the cooldown the sites specialize for it (other offsets).
    engine.run("for i in range(200):\n    r = slots(T(5), i)\n");
    expect(engine.eval("r")).toBe(5 + 199);
    expect(dis("slots")).toContain("LOAD_ATTR_SLOT");
    expect(dis("slots")).toContain("STORE_ATTR_SLOT");
    expect(deopts().LOAD_ATTR!.deopts).toBeGreaterThan(0);
    expect(deopts().STORE_ATTR!.deopts).toBeGreaterThan(0);
    // The dict and the set change places: each guard fails and each site specializes again.
    engine.run("for i in range(200):\n    r = contains(st, d, fs, 3)\n");
    expect(engine.eval("r")).toEqual([true, true, false]);
    expect(deopts().CONTAINS_OP!.deopts).toBe(2);
    expect(dis("contains")).toContain("CONTAINS_OP_DICT");
    expect(dis("contains")).toContain("CONTAINS_OP_SET");
    // A list has no member: the site goes back to the generic instruction.
    engine.run("for i in range(200):\n    r = contains([3], d, [4], 3)\n");
    expect(engine.eval("r")).toEqual([true, true, false]);
    expect(dis("contains")).toMatch(/CONTAINS_OP {2,}0/);
    // A new __getattribute__ changes the class's version; the new function is called, and the
    // site specializes for it.
    engine.run(
      "G.__getattribute__ = lambda self, name: 1\nfor i in range(200):\n    r = getattr_(g)\n",
    );
    expect(engine.eval("r")).toBe(2);
    expect(dis("getattr_")).toContain("LOAD_ATTR_GETATTRIBUTE_OVERRIDDEN");
    // A method replaced on the class: the function version guard fails and the new one runs.
    engine.run(
      "M.m = lambda self, a, b=0, *rest: a - b\nfor i in range(200):\n    r = bound(o.m)\n",
    );
    expect(engine.eval("r")).toBe(1 - 4 + 1);
    expect(dis("bound")).toContain("CALL_BOUND_METHOD_GENERAL");
    expect(deopts().CALL!.deopts).toBeGreaterThan(0);
  });

  it("truth tests", () => {
    const { engine, dis } = setup(BOOLS);
    const each = dis("each");
    for (const form of ["TO_BOOL_BOOL", "TO_BOOL_INT", "TO_BOOL_NONE", "TO_BOOL_LIST"]) {
      expect(each).toContain(form);
    }
    expect(each).toContain("TO_BOOL_ALWAYS_TRUE");
    expect(engine.eval("each(False, 0, None, [], O())")).toBe(16);
    // O gains __bool__: the version guard fails and the head calls it.
    engine.run("O.__bool__ = lambda self: False\n");
    expect(engine.eval("each(True, 3, None, [1], O())")).toBe(11);
    expect(engine.eval("truth(O())")).toBe(0);
    expect(engine.eval("each(1, True, 0, 'x', 2.0)")).toBe(1 + 2 + 8 + 16);
  });

  it("str subscripts by int: a character already made, else the generic path makes it", () => {
    const { engine, dis } = setup(`
def at(s, i):
    return s[i]

out = []
for i in range(100):
    out.append(at("héllo\u20ac", i % 6))
`);
    expect(dis("at")).toContain("BINARY_OP_SUBSCR_STR_INT");
    expect(engine.eval("''.join(out[:6])")).toBe("héllo€");
    // Out of range, negative, a character outside Latin-1: deopts, with the generic results.
    expect(engine.eval("at('abc', -1)")).toBe("c");
    expect(() => engine.run("at('abc', 3)")).toThrow(/IndexError: string index out of range/);
    expect(engine.eval("at('a\u20ac', 1)")).toBe("€");
  });

  it("off: the heads stay generic", () => {
    const { dis } = setup(PROGRAM, false);
    const fib = dis("fib");
    expect(fib).not.toMatch(/COMPARE_OP_|BINARY_OP_|LOAD_GLOBAL_|CALL_PY/);
    expect(fib).toContain("COMPARE_OP ");
  });
});
