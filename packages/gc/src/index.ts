export {
  Heap,
  HeapCorruptionError,
  type HeapOptions,
  type HeapStats,
  HeapViews,
  type TypeInfo,
  type TypeStats,
} from "./internal/heap.js";
export {
  ALIGN,
  DEFAULT_HEAP_LIMIT,
  GC_HEADER_SIZE,
  GC_NEXT,
  GC_PREV,
  MAX_HEAP_LIMIT,
  MIN_HEAP_LIMIT,
  OB_REFCNT,
  OB_TYPE,
  OBJECT_HEADER_SIZE,
  PAGE_SIZE,
  POISON_WORD,
  TYPE_INFO_INDEX,
} from "./internal/layout.js";
export { CLASS_SIZES, SMALL_MAX, sizeClassOf } from "./internal/size-classes.js";
