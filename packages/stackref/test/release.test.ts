import {
  DEFERRED_BIAS,
  IMMORTAL_REFCNT,
  isDeferred,
  isHeapSafe,
  isImmortal,
  NULL,
  ReleaseStackRefs,
  tagInt,
} from "@skein/stackref";
import { describe, expect, it } from "vitest";

// A fake heap: objects are 8-byte slots of an Int32Array; dealloc records the address.
function fakeHeap() {
  const i32 = new Int32Array(1024);
  const freed: number[] = [];
  const ops = { i32, dealloc: (a: number) => freed.push(a) };
  return { i32, freed, refs: new ReleaseStackRefs(ops) };
}
const A = 64;

describe("release stack references", () => {
  it("fromNew increfs a mortal object and close deallocates at zero", () => {
    const { i32, freed, refs } = fakeHeap();
    i32[A >> 2] = 1;
    const r = refs.fromNew(A);
    expect(r).toBe(A);
    expect(i32[A >> 2]).toBe(2);
    refs.close(r);
    expect(i32[A >> 2]).toBe(1);
    refs.close(refs.fromSteal(A));
    expect(freed).toEqual([A]);
  });

  it("dup and close touch only owned references", () => {
    const { i32, freed, refs } = fakeHeap();
    i32[A >> 2] = 1;
    const borrowed = refs.borrow(A);
    expect(refs.dup(borrowed)).toBe(borrowed);
    refs.close(borrowed);
    expect(i32[A >> 2]).toBe(1);
    const owned = refs.dup(A);
    expect(i32[A >> 2]).toBe(2);
    refs.close(owned);
    for (const r of [NULL, tagInt(5), tagInt(-5)]) {
      expect(refs.dup(r)).toBe(r);
      refs.close(r);
      refs.xclose(r);
    }
    expect(i32[A >> 2]).toBe(1);
    expect(freed).toEqual([]);
  });

  it("immortal and deferred objects get non-owning references", () => {
    const { i32, refs } = fakeHeap();
    i32[A >> 2] = IMMORTAL_REFCNT;
    i32[(A + 8) >> 2] = DEFERRED_BIAS + 1;
    expect(isImmortal(i32, A)).toBe(true);
    expect(isDeferred(i32, A + 8)).toBe(true);
    expect(isDeferred(i32, A)).toBe(false);
    expect(refs.fromNew(A)).toBe(A | 1);
    expect(refs.fromNew(A + 8)).toBe((A + 8) | 1);
    expect(i32[A >> 2]).toBe(IMMORTAL_REFCNT);
    expect(i32[(A + 8) >> 2]).toBe(DEFERRED_BIAS + 1);
  });

  it("makeHeapSafe owns borrowed and deferred refs but leaves immortals tagged", () => {
    const { i32, refs } = fakeHeap();
    i32[A >> 2] = 1;
    i32[(A + 8) >> 2] = IMMORTAL_REFCNT;
    i32[(A + 16) >> 2] = DEFERRED_BIAS + 1;
    const b = refs.borrow(A);
    expect(isHeapSafe(i32, b)).toBe(false);
    const safe = refs.makeHeapSafe(b);
    expect(safe).toBe(A);
    expect(i32[A >> 2]).toBe(2);
    expect(isHeapSafe(i32, safe)).toBe(true);
    const imm = refs.borrow(A + 8);
    expect(isHeapSafe(i32, imm)).toBe(true);
    expect(refs.makeHeapSafe(imm)).toBe(imm);
    expect(refs.makeHeapSafe(refs.fromNew(A + 16))).toBe(A + 16);
    expect(i32[(A + 16) >> 2]).toBe(DEFERRED_BIAS + 2);
    for (const r of [NULL, tagInt(9), A]) expect(refs.makeHeapSafe(r)).toBe(r);
    expect(refs.steal(A)).toBe(A);
  });
});

describe("asOwned", () => {
  it("gives a new strong reference for any pointer and leaves the original valid", () => {
    const { i32, refs } = fakeHeap();
    i32[A >> 2] = 1;
    i32[(A + 8) >> 2] = IMMORTAL_REFCNT;
    expect(refs.asOwned(A)).toBe(A);
    expect(i32[A >> 2]).toBe(2);
    expect(refs.asOwned(refs.borrow(A))).toBe(A);
    expect(i32[A >> 2]).toBe(3);
    expect(refs.asOwned((A + 8) | 1)).toBe((A + 8) | 1);
    expect(i32[(A + 8) >> 2]).toBe(IMMORTAL_REFCNT);
    for (const r of [NULL, tagInt(4)]) expect(refs.asOwned(r)).toBe(r);
  });
});
