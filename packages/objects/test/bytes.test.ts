// bytes and bytearray against CPython 3.13's outcomes (test/cases/bytes.json, written by
// scripts/regen-bytes-complex-cases.py), with no leaked objects.
import { newBytes } from "@skein/objects";
import { describe, expect, it } from "vitest";
import { type Cases, runCall, runFunction, runMethod, runOperator } from "./bytes-complex-cases.js";
import { leakOf, loadCases, space } from "./cases.js";

const cases = loadCases<Cases>("bytes") as unknown as Cases;

describe("bytes and bytearray as CPython 3.13", () => {
  it.each(
    cases.methods.map(
      (c) => [`${JSON.stringify(c.receiver)}.${c.method}${JSON.stringify(c.args)}`, c] as const,
    ),
  )("%s", (_, c) => {
    const { heap, s } = space();
    let got: [unknown, string] = ["", ""];
    const leak = leakOf(heap, () => {
      got = runMethod(s, c);
    });
    expect(got[0]).toEqual(c.result);
    if (c.after !== undefined) expect(got[1]).toBe(c.after);
    expect(leak).toBe(0);
  });
  it.each(
    cases.operators.map(
      (c) => [`${JSON.stringify(c.left)} ${c.op} ${JSON.stringify(c.right)}`, c] as const,
    ),
  )("%s", (_, c) => {
    const { heap, s } = space();
    let got: unknown = "";
    const leak = leakOf(heap, () => {
      got = runOperator(s, c);
    });
    expect(got).toEqual(c.result);
    expect(leak).toBe(0);
  });
  it.each(cases.functions.map((c) => [`${c.fn}(${JSON.stringify(c.value)})`, c] as const))(
    "%s",
    (_, c) => {
      const { heap, s } = space();
      let got: unknown = "";
      const leak = leakOf(heap, () => {
        got = runFunction(s, c);
      });
      expect(got).toEqual(c.result);
      expect(leak).toBe(0);
    },
  );
  it.each(
    cases.calls.map((c) => [`${JSON.stringify(c.callee)}${JSON.stringify(c.args)}`, c] as const),
  )("%s", (_, c) => {
    const { heap, s } = space();
    let got: unknown = "";
    const leak = leakOf(heap, () => {
      got = runCall(s, c);
    });
    expect(got).toEqual(c.result);
    expect(leak).toBe(0);
  });
});

describe("bytes hashing (randomized in CPython: only consistency is specified)", () => {
  it("is stable, equal for equal contents, 0 for b''", () => {
    const { heap, s } = space();
    const leak = leakOf(heap, () => {
      const a = newBytes(s, new TextEncoder().encode("hello"));
      const b = newBytes(s, new TextEncoder().encode("hello"));
      const e = newBytes(s, new Uint8Array(0));
      expect(s.hashExact(a)).toBe(s.hashExact(b));
      expect(s.hashExact(a)).toBe(s.hashExact(a));
      expect(s.hashExact(e)).toBe(0n);
      for (const r of [a, b, e]) s.refs.close(r);
    });
    expect(leak).toBe(0);
  });
});
