import { Heap } from "@skein/gc";
import {
  CompareOp,
  createObjectSpace,
  dictGetItem,
  dictLength,
  dictSetItem,
  floatRepr,
  intToBigInt,
  listAppend,
  NB,
  newDict,
  newList,
} from "@skein/objects";
import { ERROR, NULL, ReleaseStackRefs, tagInt } from "@skein/stackref";
import { describe, expect, it } from "vitest";

function space() {
  const heap = new Heap({ limit: 64 * 1024 * 1024 });
  const s = createObjectSpace(heap, new ReleaseStackRefs(heap));
  return { heap, s };
}

function reprOf(s: ReturnType<typeof space>["s"], ref: number): string {
  const r = s.repr(ref);
  expect(r).not.toBe(ERROR);
  const text = s.strValue(r);
  s.refs.close(r);
  return text;
}

describe("ints", () => {
  it("stay tagged in 30 bits and box beyond, with exact arithmetic", () => {
    const { s } = space();
    const big = s.binaryOp(tagInt(1 << 28), tagInt(1 << 28), NB.MULTIPLY);
    expect(big & 3).toBe(0);
    expect(intToBigInt(s, big)).toBe(1n << 56n);
    const sq = s.binaryOp(big, big, NB.MULTIPLY);
    expect(reprOf(s, sq)).toBe((1n << 112n).toString());
    expect(reprOf(s, s.binaryOp(tagInt(-7), tagInt(2), NB.FLOOR_DIVIDE))).toBe("-4");
    expect(reprOf(s, s.binaryOp(tagInt(-7), tagInt(2), NB.REMAINDER))).toBe("1");
    expect(reprOf(s, s.binaryOp(tagInt(7), tagInt(-2), NB.REMAINDER))).toBe("-1");
    expect(reprOf(s, s.binaryOp(tagInt(2), tagInt(-1), NB.POWER))).toBe("0.5");
    expect(reprOf(s, s.binaryOp(tagInt(1), tagInt(3), NB.TRUE_DIVIDE))).toBe("0.3333333333333333");
    s.refs.close(big);
    s.refs.close(sq);
  });

  it("raise ZeroDivisionError and TypeError with CPython's messages", () => {
    const { s } = space();
    expect(s.binaryOp(tagInt(1), tagInt(0), NB.FLOOR_DIVIDE)).toBe(ERROR);
    const exc = s.fetchException();
    expect(s.typeOf(exc).name).toBe("ZeroDivisionError");
    expect(s.strText(exc)).toBe("integer division or modulo by zero");
    s.refs.close(exc);
    const str = s.newStr("a");
    expect(s.binaryOp(tagInt(1), str, NB.ADD)).toBe(ERROR);
    expect(s.strText(s.curexc)).toBe("unsupported operand type(s) for +: 'int' and 'str'");
    s.refs.close(str);
  });

  it("hash like CPython", () => {
    const { s } = space();
    expect(s.hashExact(tagInt(-1))).toBe(-2n);
    const big = s.newInt(2n ** 61n);
    expect(s.hashExact(big)).toBe(1n);
    const t = s.newTuple([tagInt(1), tagInt(2)]);
    expect(s.hashExact(t)).toBe(-3550055125485641917n);
    const f = s.newFloat(1.5);
    expect(s.hashExact(f)).toBe(1152921504606846977n);
    for (const r of [big, t, f]) s.refs.close(r);
  });
});

describe("floats", () => {
  it("repr as CPython", () => {
    const cases: [number, string][] = [
      [1, "1.0"],
      [0.1, "0.1"],
      [1e16, "1e+16"],
      [1e15, "1000000000000000.0"],
      [1e-5, "1e-05"],
      [0.0001, "0.0001"],
      [-0, "-0.0"],
      [Number.POSITIVE_INFINITY, "inf"],
      [Number.NaN, "nan"],
      [1.5e300, "1.5e+300"],
      [123456789.123, "123456789.123"],
    ];
    for (const [v, text] of cases) expect(floatRepr(v)).toBe(text);
  });
});

describe("strings", () => {
  it("count code points and repr with Python's quotes", () => {
    const { s } = space();
    const emoji = s.newStr("a😀b");
    expect(s.length(emoji)).toBe(3);
    expect(reprOf(s, emoji)).toBe("'a😀b'");
    const q = s.newStr("it's\n");
    expect(reprOf(s, q)).toBe('"it\'s\\n"');
    const c = s.getItem(emoji, tagInt(1));
    expect(s.strValue(c)).toBe("😀");
    for (const r of [emoji, q, c]) s.refs.close(r);
  });
});

describe("containers", () => {
  it("list append, repr, compare, and free everything", () => {
    const { s, heap } = space();
    const before = heap.stats().liveObjects;
    const list = newList(s);
    for (let i = 0; i < 100; i++) expect(listAppend(s, list, tagInt(i))).toBe(0);
    listAppend(s, list, s.newStr("x"));
    expect(s.length(list)).toBe(101);
    expect(reprOf(s, list).endsWith("98, 99, 'x']")).toBe(true);
    const other = newList(s);
    expect(s.richCompareBool(list, other, CompareOp.GT)).toBe(1);
    s.refs.close(list);
    s.refs.close(other);
    expect(heap.stats().liveObjects).toBe(before);
  });

  it("dict keeps insertion order through resizes and deletions", () => {
    const { s, heap } = space();
    const before = heap.stats().liveObjects;
    const d = newDict(s);
    for (let i = 0; i < 1000; i++) {
      const k = s.newStr(`k${i}`);
      expect(dictSetItem(s, d, k, tagInt(i))).toBe(0);
      s.refs.close(k);
    }
    expect(dictLength(s, d)).toBe(1000);
    const k5 = s.newStr("k5");
    expect(dictGetItem(s, d, k5)).toBe(tagInt(5));
    expect(s.setItem(d, k5, NULL)).toBe(0);
    expect(dictGetItem(s, d, k5)).toBe(NULL);
    s.refs.close(k5);
    const small = newDict(s);
    dictSetItem(s, small, tagInt(2), tagInt(20));
    dictSetItem(s, small, tagInt(1), tagInt(10));
    expect(reprOf(s, small)).toBe("{2: 20, 1: 10}");
    s.refs.close(d);
    s.refs.close(small);
    expect(heap.stats().liveObjects).toBe(before);
  });

  it("raises MemoryError at the heap limit instead of crashing", () => {
    const heap = new Heap({ limit: 4 * 1024 * 1024 });
    const s = createObjectSpace(heap, new ReleaseStackRefs(heap));
    const list = newList(s);
    let failed = false;
    for (let i = 0; i < 2_000_000 && !failed; i++) {
      const f = s.newFloat(i);
      if (f === ERROR || listAppend(s, list, f) < 0) failed = true;
    }
    expect(failed).toBe(true);
    expect(s.typeOf(s.curexc).name).toBe("MemoryError");
    s.refs.close(list);
  });
});

describe("int boundaries", () => {
  it("stays exact when a double-path result passes 2**53", () => {
    const { s } = space();
    const a = s.newInt(6000000000000001);
    const b = s.newInt(6000000000000000);
    const sum = s.binaryOp(a, b, NB.ADD);
    expect(intToBigInt(s, sum)).toBe(12000000000000001n);
    const diff = s.binaryOp(s.newInt(-6000000000000001), b, NB.SUBTRACT);
    expect(intToBigInt(s, diff)).toBe(-12000000000000001n);
    for (const r of [a, b, sum, diff]) s.refs.close(r);
  });
});
