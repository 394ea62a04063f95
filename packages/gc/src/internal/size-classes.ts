// Size classes for blocks up to SMALL_MAX bytes: 8-byte steps up to 512, then four classes per
// doubling up to 32 KiB. Larger blocks are runs of whole pages.
import { ALIGN } from "./layout.js";

export const SMALL_STEP_MAX = 512;
export const SMALL_MAX = 32768;

function buildClasses(): number[] {
  const sizes: number[] = [0]; // class 0 means "not a small-class page"
  for (let s = ALIGN; s <= SMALL_STEP_MAX; s += ALIGN) sizes.push(s);
  for (let base = SMALL_STEP_MAX; base < SMALL_MAX; base *= 2) {
    for (let q = 1; q <= 4; q++) sizes.push(base + (base / 4) * q);
  }
  return sizes;
}

/** Block size of each class; index 0 is unused. */
export const CLASS_SIZES: readonly number[] = buildClasses();
export const CLASS_COUNT = CLASS_SIZES.length;

// Lookup of the class of a request, in steps of 8 bytes up to SMALL_MAX.
const classOfUnits = new Uint8Array(SMALL_MAX / ALIGN + 1);
{
  let cls = 1;
  for (let units = 1; units <= SMALL_MAX / ALIGN; units++) {
    while (CLASS_SIZES[cls]! < units * ALIGN) cls++;
    classOfUnits[units] = cls;
  }
}

/** The size class for a request of `size` bytes (1 <= size <= SMALL_MAX). */
export function sizeClassOf(size: number): number {
  return classOfUnits[(size + ALIGN - 1) >>> 3]!;
}
