// Predicates that read the object header (they need the heap's i32 view).
import {
  DEFERRED_BIAS,
  IMMORTAL_REFCNT,
  NULL,
  type StackRef,
  TAG_BORROWED,
  TAG_MASK,
} from "./encoding.js";

/** An immortal object: never counted, always referenced with the non-owning tag. */
export function isImmortal(i32: Int32Array, addr: number): boolean {
  return (i32[addr >> 2]! & IMMORTAL_REFCNT) !== 0;
}

/** A deferred object: its count carries a bias; only the cycle collector frees it. */
export function isDeferred(i32: Int32Array, addr: number): boolean {
  const rc = i32[addr >> 2]!;
  return (rc & IMMORTAL_REFCNT) === 0 && (rc & DEFERRED_BIAS) !== 0;
}

/** Whether the reference may be stored in the heap as it is: owned, immortal, an int, or NULL. */
export function isHeapSafe(i32: Int32Array, ref: StackRef): boolean {
  if ((ref & TAG_MASK) !== TAG_BORROWED || ref === NULL) return true;
  return (i32[(ref & ~TAG_MASK) >> 2]! & IMMORTAL_REFCNT) !== 0;
}
