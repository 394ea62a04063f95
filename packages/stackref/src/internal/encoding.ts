// The reference encoding shared by the evaluation stack, the heap and compiled traces.
//
// A reference is an i32:
//   ....000   owned pointer: the holder owns one count of the object at that address
//   ....001   non-owning pointer: borrowed, deferred or immortal; dup and close touch nothing
//   ....011   tagged small int: the value is `ref >> 2` (30-bit signed)
//   1         NULL (a null pointer with the non-owning tag, so close and dup skip it)
//   2         the error sentinel returned by helpers that have set the current exception
// Objects are 8-byte aligned, so bit 2 of a pointer is always 0.

/** A stack reference (or a reference stored in the heap: the encoding is the same). */
export type StackRef = number;

export const TAG_MASK = 3;
export const TAG_OWNED = 0;
export const TAG_BORROWED = 1;
export const TAG_ERROR = 2;
export const TAG_INT = 3;

export const NULL: StackRef = 1;
export const ERROR: StackRef = 2;

/** Tagged ints hold 30-bit signed values. */
export const SMALL_INT_MIN = -(2 ** 29);
export const SMALL_INT_MAX = 2 ** 29 - 1;

// The refcount word of the object header: [refcnt:i32][type:i32].
// Immortal objects have bit 30 set; deferred objects carry a bias of bit 29 that decrements can
// never remove, so only the cycle collector frees them. Either bit means "stack refs to this
// object carry the non-owning tag".
export const IMMORTAL_REFCNT = 0x4000_0000;
export const DEFERRED_BIAS = 0x2000_0000;
export const NON_OWNING_BITS = IMMORTAL_REFCNT | DEFERRED_BIAS;

/** The refcount operations the heap provides: its i32 view and the deallocator. */
export interface RefcountOps {
  /** The heap's Int32Array view; the refcount of object `a` is `i32[a >> 2]`. */
  readonly i32: Int32Array;
  /** Called when an owned reference drops a count to zero. */
  dealloc(addr: number): void;
}

/** The operations on references; the release and debug variants both implement it. */
export interface StackRefOps {
  /** A new owned reference to a live object (increfs unless immortal or deferred). */
  fromNew(addr: number): StackRef;
  /** Adopt a count the caller already owns (from an allocation or a heap slot being emptied). */
  fromSteal(addr: number): StackRef;
  /** A non-owning reference to an object that outlives it. */
  borrow(addr: number): StackRef;
  /** Another reference to the same value; increfs only for owned pointers. */
  dup(ref: StackRef): StackRef;
  /** Give up the reference; decrefs (and may deallocate) only for owned pointers. NULL is allowed. */
  close(ref: StackRef): void;
  /** Close, accepting NULL (identical to close, since NULL carries the non-owning tag). */
  xclose(ref: StackRef): void;
  /** The same reference made safe to store in the heap: owned, immortal or a tagged int. */
  makeHeapSafe(ref: StackRef): StackRef;
  /** Transfer an owned reference into a heap slot: heap-safe, and consumed from the stack. */
  steal(ref: StackRef): StackRef;
  /**
   * A new strong, heap-safe reference to the value of `ref`, which stays valid (what a container
   * stores for a borrowed argument): increfs any mortal object, owned or not.
   */
  asOwned(ref: StackRef): StackRef;
}

export function isOwned(ref: StackRef): boolean {
  return (ref & TAG_MASK) === TAG_OWNED;
}

export function isNonOwningPointer(ref: StackRef): boolean {
  return (ref & TAG_MASK) === TAG_BORROWED && ref !== NULL;
}

export function isNull(ref: StackRef): boolean {
  return ref === NULL;
}

export function isError(ref: StackRef): boolean {
  return ref === ERROR;
}

export function isTaggedInt(ref: StackRef): boolean {
  return (ref & TAG_MASK) === TAG_INT;
}

export function isNullOrInt(ref: StackRef): boolean {
  return ref === NULL || (ref & TAG_MASK) === TAG_INT;
}

/** A pointer reference (owned or not), not NULL, not the error sentinel, not an int. */
export function isPointer(ref: StackRef): boolean {
  return (ref & TAG_ERROR) === 0 && ref > NULL;
}

/** The object address behind a pointer reference. */
export function addressOf(ref: StackRef): number {
  return ref & ~TAG_MASK;
}

/** Two references to the same value, whatever their ownership. */
export function same(a: StackRef, b: StackRef): boolean {
  return (a & ~1) === (b & ~1);
}

/** A non-owning copy of a reference (the owner keeps its count). */
export function asBorrowed(ref: StackRef): StackRef {
  return (ref & TAG_MASK) === TAG_OWNED ? ref | TAG_BORROWED : ref;
}

export function fitsSmallInt(v: number): boolean {
  return v >= SMALL_INT_MIN && v <= SMALL_INT_MAX && Math.floor(v) === v;
}

/** Tag an integer known to fit in 30 bits. */
export function tagInt(v: number): StackRef {
  return (v << 2) | TAG_INT;
}

/** The value of a tagged int. */
export function untagInt(ref: StackRef): number {
  return ref >> 2;
}

/** Tag `v` if it fits, else return ERROR so the caller boxes it. */
export function tagIntChecked(v: number): StackRef {
  return v >= SMALL_INT_MIN && v <= SMALL_INT_MAX ? (v << 2) | TAG_INT : ERROR;
}

/** Add two tagged ints; ERROR on overflow of the 30-bit range. */
export function addTaggedInts(a: StackRef, b: StackRef): StackRef {
  return tagIntChecked((a >> 2) + (b >> 2));
}

/** Subtract two tagged ints; ERROR on overflow. */
export function subTaggedInts(a: StackRef, b: StackRef): StackRef {
  return tagIntChecked((a >> 2) - (b >> 2));
}

/** Multiply two tagged ints; ERROR on overflow (products of 30-bit values are exact in f64). */
export function mulTaggedInts(a: StackRef, b: StackRef): StackRef {
  return tagIntChecked((a >> 2) * (b >> 2));
}
