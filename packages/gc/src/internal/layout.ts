// Fixed layout facts of the heap that every package above reads.

/** WebAssembly page size, and the unit in which the heap hands out pages to size classes. */
export const PAGE_SIZE = 65536;
export const PAGE_SHIFT = 16;

/** Largest heap: addresses must stay positive i32s. */
export const MAX_HEAP_LIMIT = 2 * 1024 * 1024 * 1024 - PAGE_SIZE;
/** Default heap reservation. */
export const DEFAULT_HEAP_LIMIT = 1024 * 1024 * 1024;
/** Smallest heap that can hold the reserved first page and one page of objects. */
export const MIN_HEAP_LIMIT = 4 * PAGE_SIZE;

/** Every block is a multiple of this and aligned to it. */
export const ALIGN = 8;

// Object header: [refcnt:i32][type:i32], then the payload.
export const OB_REFCNT = 0;
export const OB_TYPE = 4;
export const OBJECT_HEADER_SIZE = 8;

// GC header, in front of objects whose type is tracked by the cycle collector:
// [gc_next:i32][gc_prev:i32]. The low 3 bits of gc_prev hold flags (addresses are 8-aligned).
export const GC_HEADER_SIZE = 8;
export const GC_NEXT = -8;
export const GC_PREV = -4;
/** Flags in the low bits of gc_prev (CPython's _PyGC_PREV_MASK_FINALIZED and _COLLECTING). */
export const GC_FINALIZED = 1;
export const GC_COLLECTING = 2;
/** The object has (or had) weak references: clear them before it is freed. */
export const GC_WEAKREFS = 4;
export const GC_FLAG_MASK = 7;
/** The collector keeps gc_refs in gc_prev during a collection, above the flags. */
export const GC_REFS_SHIFT = 3;
/**
 * List heads, 8 bytes each, in the reserved page 0 (never handed out): generations 0, 1, 2, the
 * permanent generation (gc.freeze), then the collector's working lists.
 */
export const GC_HEADS = 8;
export const GC_HEADS_ADDR = 64;

/** Offset in every type object of the index of its `TypeInfo` in the heap's registry. */
export const TYPE_INFO_INDEX = 8;

/** Byte written over freed memory in debug mode. */
export const POISON_BYTE = 0xdb;
export const POISON_WORD = 0xdbdbdbdb | 0;
