import { DebugStackRefs, StackRefError } from "@skein/stackref";
import { describe, expect, it } from "vitest";

function fakeHeap(throwOnProblem = false) {
  const i32 = new Int32Array(1024);
  const freed: number[] = [];
  const ops = { i32, dealloc: (a: number) => freed.push(a) };
  return { i32, freed, refs: new DebugStackRefs(ops, { captureSites: true, throwOnProblem }) };
}
const A = 64;

describe("debug stack references", () => {
  it("a balanced program reports nothing", () => {
    const { i32, freed, refs } = fakeHeap();
    i32[A >> 2] = 1;
    const r = refs.fromSteal(A);
    const d = refs.dup(r);
    refs.close(d);
    refs.close(r);
    expect(freed).toEqual([A]);
    expect(refs.problems()).toEqual([]);
    expect(refs.leaks()).toEqual([]);
  });

  it("catches a double close, naming where the object was last closed", () => {
    const { i32, refs } = fakeHeap();
    i32[A >> 2] = 1;
    const r = refs.fromSteal(A);
    refs.close(r);
    refs.close(r);
    const [problem] = refs.problems();
    expect(problem?.kind).toBe("double-close");
    expect(problem?.addr).toBe(A);
    expect(problem?.previousSite).toContain("close");
    expect(i32[A >> 2]).toBe(0);
  });

  it("throws at once when asked to", () => {
    const { i32, refs } = fakeHeap(true);
    i32[A >> 2] = 1;
    const r = refs.fromSteal(A);
    refs.close(r);
    expect(() => refs.close(r)).toThrow(StackRefError);
  });

  it("reports a reference left open, with its site", () => {
    const { i32, refs } = fakeHeap();
    i32[A >> 2] = 1;
    refs.fromNew(A);
    const leaks = refs.leaks();
    expect(leaks).toHaveLength(1);
    expect(leaks[0]?.kind).toBe("leak");
    expect(leaks[0]?.site).toContain("fromNew");
    expect(leaks[0]?.site).toContain("debug.test.ts");
  });

  it("reports a close through a borrow that outlived its object", () => {
    const { i32, refs } = fakeHeap();
    i32[A >> 2] = 1;
    const owner = refs.fromSteal(A);
    const borrowed = refs.borrow(A);
    refs.close(owner);
    refs.close(borrowed);
    expect(refs.problems().map((p) => p.kind)).toEqual(["dangling-borrow"]);
  });

  it("stealing into the heap takes the reference off the ledger", () => {
    const { i32, refs } = fakeHeap();
    i32[A >> 2] = 1;
    const r = refs.fromSteal(A);
    expect(refs.steal(r)).toBe(A);
    expect(refs.leaks()).toEqual([]);
    refs.reset();
    expect(refs.problems()).toEqual([]);
  });
});
