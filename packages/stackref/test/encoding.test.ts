import {
  addressOf,
  addTaggedInts,
  asBorrowed,
  ERROR,
  fitsSmallInt,
  isError,
  isNonOwningPointer,
  isNull,
  isNullOrInt,
  isOwned,
  isPointer,
  isTaggedInt,
  mulTaggedInts,
  NULL,
  SMALL_INT_MAX,
  SMALL_INT_MIN,
  same,
  subTaggedInts,
  tagInt,
  tagIntChecked,
  untagInt,
} from "@skein/stackref";
import { describe, expect, it } from "vitest";

const OWNED = 4096;
const BORROWED = 4096 | 1;

describe("tags", () => {
  it("classifies every kind of reference", () => {
    const cases: [number, string][] = [
      [OWNED, "owned"],
      [BORROWED, "borrowed"],
      [tagInt(7), "int"],
      [tagInt(-7), "int"],
      [NULL, "null"],
      [ERROR, "error"],
    ];
    for (const [ref, kind] of cases) {
      expect(isOwned(ref)).toBe(kind === "owned");
      expect(isNonOwningPointer(ref)).toBe(kind === "borrowed");
      expect(isTaggedInt(ref)).toBe(kind === "int");
      expect(isNull(ref)).toBe(kind === "null");
      expect(isError(ref)).toBe(kind === "error");
      expect(isPointer(ref)).toBe(kind === "owned" || kind === "borrowed");
      expect(isNullOrInt(ref)).toBe(kind === "null" || kind === "int");
    }
  });

  it("recovers addresses and compares across ownership", () => {
    expect(addressOf(OWNED)).toBe(4096);
    expect(addressOf(BORROWED)).toBe(4096);
    expect(same(OWNED, BORROWED)).toBe(true);
    expect(same(OWNED, 4104)).toBe(false);
    expect(asBorrowed(OWNED)).toBe(BORROWED);
    expect(asBorrowed(BORROWED)).toBe(BORROWED);
    expect(asBorrowed(tagInt(3))).toBe(tagInt(3));
    expect(asBorrowed(NULL)).toBe(NULL);
  });
});

describe("tagged ints", () => {
  it("round-trips the whole 30-bit range", () => {
    for (const v of [0, 1, -1, 42, -42, SMALL_INT_MAX, SMALL_INT_MIN, 12345678, -98765432]) {
      expect(fitsSmallInt(v)).toBe(true);
      expect(untagInt(tagInt(v))).toBe(v);
      expect(isTaggedInt(tagInt(v))).toBe(true);
    }
  });

  it("refuses values outside the range", () => {
    for (const v of [SMALL_INT_MAX + 1, SMALL_INT_MIN - 1, 2 ** 40, 0.5]) {
      expect(fitsSmallInt(v)).toBe(false);
    }
    expect(tagIntChecked(SMALL_INT_MAX + 1)).toBe(ERROR);
    expect(tagIntChecked(SMALL_INT_MIN)).toBe(tagInt(SMALL_INT_MIN));
  });

  it("checks overflow in arithmetic", () => {
    expect(untagInt(addTaggedInts(tagInt(2), tagInt(3)))).toBe(5);
    expect(addTaggedInts(tagInt(SMALL_INT_MAX), tagInt(1))).toBe(ERROR);
    expect(untagInt(subTaggedInts(tagInt(2), tagInt(3)))).toBe(-1);
    expect(subTaggedInts(tagInt(SMALL_INT_MIN), tagInt(1))).toBe(ERROR);
    expect(untagInt(mulTaggedInts(tagInt(-300), tagInt(300)))).toBe(-90000);
    expect(mulTaggedInts(tagInt(1 << 20), tagInt(1 << 10))).toBe(ERROR);
  });
});
