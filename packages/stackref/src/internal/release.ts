// The release variant of the reference operations: branch-light, no allocation, inlinable.
import {
  IMMORTAL_REFCNT,
  NON_OWNING_BITS,
  NULL,
  type RefcountOps,
  type StackRef,
  type StackRefOps,
  TAG_BORROWED,
  TAG_MASK,
  TAG_OWNED,
} from "./encoding.js";

/** makeHeapSafe over a refcount view: own a borrowed mortal reference (both variants use it). */
export function makeHeapSafeIn(i32: Int32Array, ref: StackRef): StackRef {
  if ((ref & TAG_MASK) !== TAG_BORROWED || ref === NULL) return ref;
  const addr = ref & ~TAG_MASK;
  const rc = i32[addr >> 2]!;
  if ((rc & IMMORTAL_REFCNT) !== 0) return ref;
  i32[addr >> 2] = rc + 1;
  return addr;
}

/** asOwned over a refcount view: a new strong reference to any value (both variants use it). */
export function asOwnedIn(i32: Int32Array, ref: StackRef): StackRef {
  if ((ref & TAG_MASK) === TAG_OWNED) {
    i32[ref >> 2]!++;
    return ref;
  }
  return makeHeapSafeIn(i32, ref);
}

/** The release reference operations over a heap's refcounts. */
export class ReleaseStackRefs implements StackRefOps {
  readonly i32: Int32Array;
  private readonly ops: RefcountOps;

  constructor(ops: RefcountOps) {
    this.ops = ops;
    this.i32 = ops.i32;
  }

  fromNew(addr: number): StackRef {
    const i = addr >> 2;
    const rc = this.i32[i]!;
    if ((rc & NON_OWNING_BITS) !== 0) return addr | TAG_BORROWED;
    this.i32[i] = rc + 1;
    return addr;
  }

  fromSteal(addr: number): StackRef {
    return addr;
  }

  borrow(addr: number): StackRef {
    return addr | TAG_BORROWED;
  }

  dup(ref: StackRef): StackRef {
    if ((ref & TAG_MASK) === TAG_OWNED) this.i32[ref >> 2]!++;
    return ref;
  }

  close(ref: StackRef): void {
    if ((ref & TAG_MASK) === TAG_OWNED) {
      const i = ref >> 2;
      const rc = this.i32[i]! - 1;
      this.i32[i] = rc;
      if (rc === 0) this.ops.dealloc(ref);
    }
  }

  xclose(ref: StackRef): void {
    this.close(ref);
  }

  makeHeapSafe(ref: StackRef): StackRef {
    return makeHeapSafeIn(this.i32, ref);
  }

  asOwned(ref: StackRef): StackRef {
    return asOwnedIn(this.i32, ref);
  }

  steal(ref: StackRef): StackRef {
    return this.makeHeapSafe(ref);
  }
}
