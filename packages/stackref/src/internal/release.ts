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
    if ((ref & TAG_MASK) !== TAG_BORROWED || ref === NULL) return ref;
    const addr = ref & ~TAG_MASK;
    const i = addr >> 2;
    const rc = this.i32[i]!;
    if ((rc & IMMORTAL_REFCNT) !== 0) return ref;
    this.i32[i] = rc + 1;
    return addr;
  }

  asOwned(ref: StackRef): StackRef {
    const tag = ref & TAG_MASK;
    if (tag === TAG_OWNED) {
      this.i32[ref >> 2]!++;
      return ref;
    }
    if (tag !== TAG_BORROWED || ref === NULL) return ref;
    const addr = ref & ~TAG_MASK;
    const rc = this.i32[addr >> 2]!;
    if ((rc & IMMORTAL_REFCNT) !== 0) return ref;
    this.i32[addr >> 2] = rc + 1;
    return addr;
  }

  steal(ref: StackRef): StackRef {
    return this.makeHeapSafe(ref);
  }
}
