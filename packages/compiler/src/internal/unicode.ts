// Character classes Python defines through the Unicode database, answered by the host's ICU, except
// that code points CPython 3.13's Unicode 15.1 leaves unassigned stay unassigned (the host may know
// a newer Unicode).
import { UNASSIGNED_RANGES } from "../generated/unicode-unassigned.gen.js";

const XID_START = /^[\p{XID_Start}_]$/u;
const XID_CONTINUE = /^\p{XID_Continue}$/u;
// Python's str.isprintable: false for Cc, Cf, Cs, Co, Cn, Zl, Zp and Zs except the space.
const NON_PRINTABLE = /^[\p{C}\p{Z}]$/u;

let unassignedStarts: Int32Array | null = null;
let unassignedEnds: Int32Array | null = null;

/** Whether Unicode 15.1 (CPython 3.13's unicodedata) has no character at `cp`. */
export function isUnassigned(cp: number): boolean {
  if (unassignedStarts === null || unassignedEnds === null) {
    const pairs = UNASSIGNED_RANGES.split(" ");
    unassignedStarts = new Int32Array(pairs.length);
    unassignedEnds = new Int32Array(pairs.length);
    let end = 0;
    pairs.forEach((pair, i) => {
      const [gap, length] = pair.split(",") as [string, string];
      const start = end + Number.parseInt(gap, 36);
      end = start + Number.parseInt(length, 36);
      unassignedStarts![i] = start;
      unassignedEnds![i] = end;
    });
  }
  let lo = 0;
  let hi = unassignedStarts.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cp < unassignedStarts[mid]!) hi = mid - 1;
    else if (cp > unassignedEnds[mid]!) lo = mid + 1;
    else return true;
  }
  return false;
}

export function isIdentifierStart(cp: number): boolean {
  if (cp < 128) return (cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122) || cp === 95;
  return XID_START.test(String.fromCodePoint(cp)) && !isUnassigned(cp);
}

export function isIdentifierContinue(cp: number): boolean {
  if (cp < 128)
    return (cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122) || cp === 95 || (cp >= 48 && cp <= 57);
  return XID_CONTINUE.test(String.fromCodePoint(cp)) && !isUnassigned(cp);
}

export function isPrintable(cp: number): boolean {
  if (cp < 128) return cp >= 32 && cp < 127;
  if (cp >= 0xd800 && cp < 0xe000) return false;
  return !NON_PRINTABLE.test(String.fromCodePoint(cp)) && !isUnassigned(cp);
}
