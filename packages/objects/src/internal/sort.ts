// A stable merge sort over references that compares only with `<`, as list.sort does, and stops
// at the first comparison that raises.

import { ERROR, NULL, type StackRef } from "@skein/stackref";
import type { ObjectSpace } from "./space.js";
import { CompareOp } from "./type.js";

/**
 * Sort `items` in place (keys from `key` when it is not NULL/None). Returns false with the
 * exception set; the items are then in some order, all still present.
 */
export function sortRefs(
  s: ObjectSpace,
  items: StackRef[],
  key: StackRef,
  reverse: boolean,
): boolean {
  if (reverse) items.reverse();
  let keys = items;
  const useKey = key !== NULL && key !== s.None;
  if (useKey) {
    keys = [];
    for (const item of items) {
      const k = s.call(key, [item]);
      if (k === ERROR) {
        for (const made of keys) s.refs.close(made);
        return false;
      }
      keys.push(k);
    }
  }
  const order = items.map((_, i) => i);
  let failed = false;
  // a "less than" b, or false after an error (the sort then finishes without comparing).
  const less = (a: number, b: number): boolean => {
    if (failed) return false;
    const r = s.richCompareBool(keys[a]!, keys[b]!, CompareOp.LT);
    if (r < 0) failed = true;
    return r === 1;
  };
  const scratch = order.slice();
  const mergeSort = (lo: number, hi: number): void => {
    if (hi - lo < 2) return;
    const mid = (lo + hi) >>> 1;
    mergeSort(lo, mid);
    mergeSort(mid, hi);
    if (!less(order[mid]!, order[mid - 1]!)) return; // already in order
    let i = lo;
    let j = mid;
    let k = lo;
    while (i < mid && j < hi) {
      // Take from the right only when it is strictly less: stability.
      if (less(order[j]!, order[i]!)) scratch[k++] = order[j++]!;
      else scratch[k++] = order[i++]!;
    }
    while (i < mid) scratch[k++] = order[i++]!;
    while (j < hi) scratch[k++] = order[j++]!;
    for (let t = lo; t < hi; t++) order[t] = scratch[t]!;
  };
  mergeSort(0, items.length);
  const sorted = order.map((i) => items[i]!);
  for (let i = 0; i < items.length; i++) items[i] = sorted[i]!;
  if (useKey) for (const k of keys) s.refs.close(k);
  if (reverse) items.reverse();
  return !failed;
}
