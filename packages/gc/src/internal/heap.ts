// The heap: one WebAssembly.Memory reserved at its limit and never grown, an allocator of
// 8-byte-aligned blocks (size-class pages with intrusive free lists, and runs of whole pages for
// large blocks), object headers, and reference-count deallocation through the object's type.
import { DEFERRED_BIAS, IMMORTAL_REFCNT, type RefcountOps } from "@skein/stackref";
import {
  ALIGN,
  DEFAULT_HEAP_LIMIT,
  GC_FINALIZED,
  GC_FLAG_MASK,
  GC_HEADER_SIZE,
  GC_HEADS,
  GC_HEADS_ADDR,
  GC_PREV,
  GC_WEAKREFS,
  MAX_HEAP_LIMIT,
  MIN_HEAP_LIMIT,
  OB_REFCNT,
  OB_TYPE,
  PAGE_SHIFT,
  PAGE_SIZE,
  POISON_BYTE,
  POISON_WORD,
  TYPE_INFO_INDEX,
} from "./layout.js";
import { CLASS_COUNT, CLASS_SIZES, SMALL_MAX, sizeClassOf } from "./size-classes.js";

export interface HeapOptions {
  /** Bytes reserved for the heap; allocations past it fail. Default 1 GiB, at most 2 GiB. */
  readonly limit?: number;
  /** Poison freed memory and check it on reuse; check refcounts in `decref`. */
  readonly debug?: boolean;
}

/** Calls `visit` once for each reference an object holds (owned pointers, ints, NULL alike). */
export type Visit = (ref: number) => void;

/** What the heap knows about a type: registered by `@skein/objects` (or by tests). */
export interface TypeInfo {
  /** A name for statistics and error messages. */
  readonly name: string;
  /**
   * Whether objects of this type carry the GC header in front of them. Set once, before the
   * first object of the type is allocated (`Heap.setTypeHooks` may turn it on later).
   */
  gc: boolean;
  /**
   * Release what the object owns (close its references) and free it, usually with
   * `heap.freeObject(addr)`. Called when the refcount reaches zero.
   */
  dealloc(addr: number): void;
  /**
   * CPython's tp_traverse: visit every reference the object owns (counted references only: a
   * reference visited but not counted would make the collector free a live object). Objects of
   * `gc` types with a traverse are tracked by the cycle collector from their allocation.
   */
  traverse?: ((addr: number, visit: Visit) => void) | undefined;
  /** CPython's tp_clear: drop the references that can form cycles, leaving the object valid. */
  clear?: ((addr: number) => void) | undefined;
  /**
   * CPython's tp_finalize (`__del__`): called once per object, before it is freed (with a
   * temporary count, so it may resurrect the object) or by the collector. Only for `gc` types.
   */
  finalize?: ((addr: number) => void) | undefined;
  /**
   * Objects of this type use deferred reference counting from their allocation (DESIGN.md
   * section 2: modules, classes): their count carries DEFERRED_BIAS, stack references to them
   * carry the non-owning tag, and only the cycle collector frees them. Only for tracked types.
   */
  deferred?: boolean | undefined;
  /**
   * Whether a tracked object of this type can leave the collector's lists for good because it
   * can never be part of a cycle (CPython's _PyTuple_MaybeUntrack: a tuple of atoms). The
   * collector asks at the start of each collection.
   */
  untrackable?: ((addr: number) => boolean) | undefined;
}

/** The hooks a type may receive after it was registered (`Heap.setTypeHooks`). */
export interface TypeHooks {
  readonly gc?: boolean;
  readonly deferred?: boolean;
  readonly untrackable?: (addr: number) => boolean;
  readonly traverse?: (addr: number, visit: Visit) => void;
  readonly clear?: (addr: number) => void;
  readonly finalize?: ((addr: number) => void) | undefined;
}

/** Live objects and bytes of one registered type. */
export interface TypeStats {
  readonly name: string;
  readonly objects: number;
  readonly bytes: number;
}

export interface HeapStats {
  readonly limit: number;
  /** Bytes of pages handed to the allocator so far (the high-water mark of the heap). */
  readonly committedBytes: number;
  readonly liveBlocks: number;
  readonly liveBytes: number;
  readonly peakLiveBytes: number;
  readonly allocations: number;
  readonly frees: number;
  readonly liveObjects: number;
  /** Objects made immortal (they stay live by design: singletons, interned strings, types). */
  readonly immortalObjects: number;
  readonly byType: readonly TypeStats[];
}

/** Thrown only in debug mode when freed memory was written to: a bug in Skein. */
export class HeapCorruptionError extends Error {}

const LARGE_HEAD = 255;
const LARGE_TAIL = 254;
/** Deallocations nest this deep on the host stack before the rest are queued (CPython's trashcan). */
const DEALLOC_NEST_LIMIT = 50;

/** The typed-array views of the heap's memory. The memory never grows, so they never detach. */
export class HeapViews {
  readonly memory: WebAssembly.Memory;
  readonly buffer: ArrayBuffer;
  readonly u8: Uint8Array;
  readonly u16: Uint16Array;
  readonly i32: Int32Array;
  readonly u32: Uint32Array;
  readonly f64: Float64Array;

  constructor(memory: WebAssembly.Memory) {
    this.memory = memory;
    this.buffer = memory.buffer;
    this.u8 = new Uint8Array(this.buffer);
    this.u16 = new Uint16Array(this.buffer);
    this.i32 = new Int32Array(this.buffer);
    this.u32 = new Uint32Array(this.buffer);
    this.f64 = new Float64Array(this.buffer);
  }
}

export class Heap implements RefcountOps {
  readonly limit: number;
  readonly debug: boolean;
  readonly views: HeapViews;
  /** The i32 view (also `views.i32`): `RefcountOps` wants it as a field. */
  readonly i32: Int32Array;
  readonly u8: Uint8Array;

  private readonly pageCount: number;
  /** Per page: 0 free or never used, a size class, LARGE_HEAD or LARGE_TAIL. */
  private readonly pageClass: Uint8Array;
  /** Per LARGE_HEAD page: the run length in pages. */
  private readonly pageRun: Int32Array;
  /** First page never handed out. */
  private nextPage: number;
  /** Free runs of pages: start -> length, and end (exclusive) -> start, for coalescing. */
  private readonly freeRuns = new Map<number, number>();
  private readonly freeRunEnds = new Map<number, number>();

  // Per size class: head of the free list (0 = empty), and the bump range of its current page.
  private readonly freeHead: Int32Array;
  private readonly bumpNext: Int32Array;
  private readonly bumpEnd: Int32Array;

  private readonly types: TypeInfo[] = [];
  private readonly typeObjects: number[] = [];
  private readonly typeBytes: number[] = [];
  private readonly typeAddrs: number[] = [];

  private allocations = 0;
  private frees = 0;
  private liveBlocks = 0;
  private liveBytes = 0;
  private peakLiveBytes = 0;

  private immortalObjects = 0;
  private deallocDepth = 0;
  private readonly pendingDealloc: number[] = [];

  // ---- cycle-collector tracking (the collector itself is in collector.ts) ----
  /** Address of the list heads of the generations and the collector's working lists. */
  readonly gcHeads: number;
  /** Tracked allocations minus deallocations since the last collection (generation 0's count). */
  gcYoungCount = 0;
  /** `gcYoungCount` above this schedules a collection (Infinity while disabled or collecting). */
  gcTrigger = Number.POSITIVE_INFINITY;
  /** Called when `gcYoungCount` passes `gcTrigger`: the collector asks for a safe point. */
  onGcThreshold: (() => void) | null = null;
  /** Called before an object carrying GC_WEAKREFS is freed: clear its weak references. */
  onWeakrefsCleared: ((addr: number) => void) | null = null;
  /** Called for each type registered from now on (so the object model can add its hooks). */
  onTypeRegistered: ((typeAddr: number, info: TypeInfo) => void) | null = null;

  constructor(options: HeapOptions = {}) {
    const requested = options.limit ?? DEFAULT_HEAP_LIMIT;
    if (!Number.isFinite(requested) || requested < MIN_HEAP_LIMIT || requested > MAX_HEAP_LIMIT) {
      throw new RangeError(
        `heap limit must be between ${MIN_HEAP_LIMIT} and ${MAX_HEAP_LIMIT} bytes, got ${requested}`,
      );
    }
    this.pageCount = Math.floor(requested / PAGE_SIZE);
    this.limit = this.pageCount * PAGE_SIZE;
    this.debug = options.debug ?? false;
    // Reserve the whole limit now: growing would detach every view (DESIGN.md section 2).
    const memory = new WebAssembly.Memory({ initial: this.pageCount, maximum: this.pageCount });
    this.views = new HeapViews(memory);
    this.i32 = this.views.i32;
    this.u8 = this.views.u8;
    this.pageClass = new Uint8Array(this.pageCount);
    this.pageRun = new Int32Array(this.pageCount);
    // Page 0 is never handed out, so that address 0 is NULL and small addresses are invalid.
    this.nextPage = 1;
    this.freeHead = new Int32Array(CLASS_COUNT);
    this.bumpNext = new Int32Array(CLASS_COUNT);
    this.bumpEnd = new Int32Array(CLASS_COUNT);
    this.gcHeads = GC_HEADS_ADDR;
    for (let h = 0; h < GC_HEADS; h++) this.gcListInit(this.gcHeads + 8 * h);
  }

  // ---- blocks ----

  /** An uninitialized block of at least `size` bytes, 8-aligned; 0 if the heap is full. */
  alloc(size: number): number {
    if (size <= 0) size = ALIGN;
    let addr: number;
    let bytes: number;
    if (size <= SMALL_MAX) {
      const cls = sizeClassOf(size);
      bytes = CLASS_SIZES[cls]!;
      addr = this.freeHead[cls]!;
      if (addr !== 0) {
        this.freeHead[cls] = this.i32[(addr + 4) >> 2]!;
        if (this.debug) this.checkPoison(addr, bytes);
      } else {
        addr = this.bumpNext[cls]!;
        if (addr === 0 || addr + bytes > this.bumpEnd[cls]!) {
          const page = this.takePages(1);
          if (page === 0) return 0;
          this.pageClass[page] = cls;
          addr = page << PAGE_SHIFT;
          this.bumpEnd[cls] = addr + PAGE_SIZE;
        }
        this.bumpNext[cls] = addr + bytes;
      }
    } else {
      const pages = Math.ceil(size / PAGE_SIZE);
      const page = this.takePages(pages);
      if (page === 0) return 0;
      this.pageClass[page] = LARGE_HEAD;
      for (let p = page + 1; p < page + pages; p++) this.pageClass[p] = LARGE_TAIL;
      this.pageRun[page] = pages;
      addr = page << PAGE_SHIFT;
      bytes = pages * PAGE_SIZE;
    }
    this.allocations++;
    this.liveBlocks++;
    this.liveBytes += bytes;
    if (this.liveBytes > this.peakLiveBytes) this.peakLiveBytes = this.liveBytes;
    return addr;
  }

  /** A block of at least `size` bytes filled with zeros; 0 if the heap is full. */
  allocZeroed(size: number): number {
    const addr = this.alloc(size);
    if (addr !== 0) this.u8.fill(0, addr, addr + this.blockSize(addr));
    return addr;
  }

  /** The usable size of an allocated block. */
  blockSize(addr: number): number {
    const page = addr >>> PAGE_SHIFT;
    const cls = this.pageClass[page]!;
    if (cls === LARGE_HEAD) return this.pageRun[page]! * PAGE_SIZE;
    return CLASS_SIZES[cls]!;
  }

  /** Return a block to its free list (or its pages to the free runs). */
  free(addr: number): void {
    const page = addr >>> PAGE_SHIFT;
    const cls = this.pageClass[page]!;
    let bytes: number;
    if (cls === LARGE_HEAD) {
      const pages = this.pageRun[page]!;
      bytes = pages * PAGE_SIZE;
      if (this.debug) this.u8.fill(POISON_BYTE, addr, addr + bytes);
      for (let p = page; p < page + pages; p++) this.pageClass[p] = 0;
      this.releasePages(page, pages);
    } else if (cls !== 0 && cls !== LARGE_TAIL && (addr & (ALIGN - 1)) === 0) {
      bytes = CLASS_SIZES[cls]!;
      if (this.debug) this.u8.fill(POISON_BYTE, addr, addr + bytes);
      this.i32[(addr + 4) >> 2] = this.freeHead[cls]!;
      this.freeHead[cls] = addr;
    } else {
      throw new HeapCorruptionError(`free of an address that is not an allocated block: ${addr}`);
    }
    this.frees++;
    this.liveBlocks--;
    this.liveBytes -= bytes;
  }

  /**
   * Resize a block, keeping its first min(old, new) bytes. Returns the new address, or 0 if the
   * heap is full, in which case the old block is untouched.
   */
  realloc(addr: number, size: number): number {
    if (addr === 0) return this.alloc(size);
    const old = this.blockSize(addr);
    // Keep the block when the new size fits and would not leave most of it unused.
    if (size <= old && size > old / 2) return addr;
    const moved = this.alloc(size);
    if (moved === 0) return 0;
    this.u8.copyWithin(moved, addr, addr + Math.min(old, size));
    this.free(addr);
    return moved;
  }

  private takePages(count: number): number {
    for (const [start, length] of this.freeRuns) {
      if (length < count) continue;
      this.freeRuns.delete(start);
      this.freeRunEnds.delete(start + length);
      if (length > count) this.addFreeRun(start + count, length - count);
      return start;
    }
    if (this.nextPage + count > this.pageCount) return 0;
    const start = this.nextPage;
    this.nextPage += count;
    return start;
  }

  private releasePages(start: number, count: number): void {
    const before = this.freeRunEnds.get(start);
    if (before !== undefined) {
      const len = this.freeRuns.get(before)!;
      this.freeRuns.delete(before);
      this.freeRunEnds.delete(start);
      start = before;
      count += len;
    }
    const afterLen = this.freeRuns.get(start + count);
    if (afterLen !== undefined) {
      this.freeRuns.delete(start + count);
      this.freeRunEnds.delete(start + count + afterLen);
      count += afterLen;
    }
    if (start + count === this.nextPage) {
      this.nextPage = start;
      return;
    }
    this.addFreeRun(start, count);
  }

  private addFreeRun(start: number, count: number): void {
    this.freeRuns.set(start, count);
    this.freeRunEnds.set(start + count, start);
  }

  private checkPoison(addr: number, bytes: number): void {
    const u8 = this.u8;
    for (let i = addr; i < addr + bytes; i++) {
      if (i >= addr + 4 && i < addr + 8) continue; // the free-list link
      if (u8[i] !== POISON_BYTE) {
        throw new HeapCorruptionError(`freed block at ${addr} was written at offset ${i - addr}`);
      }
    }
  }

  // ---- objects ----

  /**
   * Register a type: `typeAddr` is the type object, whose word at TYPE_INFO_INDEX receives the
   * index of `info`. Returns that index.
   */
  registerType(typeAddr: number, info: TypeInfo): number {
    const index = this.types.length;
    this.types.push(info);
    this.typeObjects.push(0);
    this.typeBytes.push(0);
    this.typeAddrs.push(typeAddr);
    this.i32[(typeAddr + TYPE_INFO_INDEX) >> 2] = index;
    this.onTypeRegistered?.(typeAddr, info);
    return index;
  }

  /**
   * Give a registered type its collector hooks. Turning `gc` on is allowed only while the type
   * has no objects allocated through `allocObject` (its existing objects have no GC header).
   */
  setTypeHooks(typeAddr: number, hooks: TypeHooks): void {
    const index = this.i32[(typeAddr + TYPE_INFO_INDEX) >> 2]!;
    const info = this.types[index]!;
    if (hooks.gc === true && !info.gc) {
      if (this.typeObjects[index] !== 0) {
        throw new Error(`type ${info.name} already has objects without a GC header`);
      }
      info.gc = true;
    }
    if (hooks.traverse !== undefined) info.traverse = hooks.traverse;
    if (hooks.clear !== undefined) info.clear = hooks.clear;
    if ("finalize" in hooks) info.finalize = hooks.finalize;
    if (hooks.deferred !== undefined) info.deferred = hooks.deferred;
    if (hooks.untrackable !== undefined) info.untrackable = hooks.untrackable;
  }

  /** Every registered type's address and info (the collector's statistics and the gc module). */
  registeredTypes(): readonly TypeInfo[] {
    return this.types;
  }

  /** The registered information of the type object at `typeAddr`. */
  typeInfoOfType(typeAddr: number): TypeInfo {
    return this.types[this.i32[(typeAddr + TYPE_INFO_INDEX) >> 2]!]!;
  }

  /** The registered information of the type of object `addr`. */
  typeInfoOf(addr: number): TypeInfo {
    const type = this.i32[(addr + OB_TYPE) >> 2]!;
    return this.types[this.i32[(type + TYPE_INFO_INDEX) >> 2]!]!;
  }

  /**
   * A new object of `size` bytes (header included) whose type is `typeAddr`, with refcount 1, and
   * with a GC header in front when the type's info says so. Returns 0 if the heap is full.
   */
  allocObject(typeAddr: number, size: number): number {
    const index = this.i32[(typeAddr + TYPE_INFO_INDEX) >> 2]!;
    const info = this.types[index]!;
    const pre = info.gc ? GC_HEADER_SIZE : 0;
    const block = this.alloc(size + pre);
    if (block === 0) return 0;
    const addr = block + pre;
    const i32 = this.i32;
    let rc = 1;
    if (pre !== 0) {
      if (info.traverse !== undefined) {
        // Deferred counting only for tracked objects: the collector is what frees them.
        if (info.deferred === true) rc += DEFERRED_BIAS;
        // Track it: append to generation 0 (CPython's _PyObject_GC_Link).
        const head = this.gcHeads;
        const last = i32[(head + 4) >> 2]! & ~GC_FLAG_MASK;
        i32[block >> 2] = head;
        i32[(block + 4) >> 2] = last;
        i32[last >> 2] = block;
        i32[(head + 4) >> 2] = block | (i32[(head + 4) >> 2]! & GC_FLAG_MASK);
        if (++this.gcYoungCount > this.gcTrigger) this.onGcThreshold?.();
      } else {
        i32[block >> 2] = 0;
        i32[(block + 4) >> 2] = 0;
      }
    }
    i32[(addr + OB_REFCNT) >> 2] = rc;
    i32[(addr + OB_TYPE) >> 2] = typeAddr;
    this.typeObjects[index]!++;
    this.typeBytes[index]! += this.blockSize(block);
    return addr;
  }

  /** Free an object's memory (its type's dealloc calls this after releasing what it owns). */
  freeObject(addr: number): void {
    const index = this.i32[(this.i32[(addr + OB_TYPE) >> 2]! + TYPE_INFO_INDEX) >> 2]!;
    const gc = this.types[index]!.gc;
    const block = gc ? addr - GC_HEADER_SIZE : addr;
    if (gc && this.i32[block >> 2] !== 0) {
      this.gcListRemove(block);
      this.uncountFree(addr);
    } else if (gc && this.uncounted.size !== 0) this.uncounted.delete(addr);
    this.typeObjects[index]!--;
    this.typeBytes[index]! -= this.blockSize(block);
    if (this.debug) this.i32[addr >> 2] = POISON_WORD;
    this.free(block);
  }

  /** Deallocate an object whose count reached zero, through its type (RefcountOps). */
  dealloc(addr: number): void {
    const info = this.typeInfoOf(addr);
    // CPython's PyObject_GC_UnTrack at the start of a dealloc: Python code run from here (a
    // finalizer, a weakref callback, an item's __del__) may collect, and must not meet a dying
    // object (it would free it a second time).
    if (info.gc) this.untrackDying(addr);
    if (this.deallocDepth >= DEALLOC_NEST_LIMIT) {
      // Too deep on the host stack (a long chain): finish it from the outermost dealloc.
      this.pendingDealloc.push(addr);
      return;
    }
    this.deallocDepth++;
    try {
      this.finishDealloc(addr, info);
      if (this.deallocDepth === 1) {
        const pending = this.pendingDealloc;
        while (pending.length > 0) {
          const next = pending.pop()!;
          this.finishDealloc(next, this.typeInfoOf(next));
        }
      }
    } finally {
      this.deallocDepth--;
    }
  }

  private untrackDying(addr: number): void {
    const g = addr - GC_HEADER_SIZE;
    if (this.i32[g >> 2] === 0) return;
    this.gcListRemove(g);
    this.uncountFree(addr);
  }

  /** Objects that never counted toward generation 0 (see `uncount`). */
  private readonly uncounted = new Set<number>();

  /**
   * The tracked object `addr`, just allocated, does not count toward generation 0: CPython never
   * allocates it (an instance's attribute dict, which CPython keeps inline), so neither
   * gc.get_count() nor the collection schedule should see it.
   */
  uncount(addr: number): void {
    if (this.gcYoungCount > 0) this.gcYoungCount--;
    this.uncounted.add(addr);
  }

  /** Generation 0's count when a tracked object goes. */
  private uncountFree(addr: number): void {
    if (this.uncounted.size !== 0 && this.uncounted.delete(addr)) return;
    if (this.gcYoungCount > 0) this.gcYoungCount--;
  }

  private finishDealloc(addr: number, info: TypeInfo): void {
    if (info.gc && (info.finalize !== undefined || this.onWeakrefsCleared !== null)) {
      if (!this.beforeDealloc(addr, info)) {
        // Resurrected by its finalizer: tracked again, in the youngest generation.
        if (info.traverse !== undefined) this.gcListAppend(addr - GC_HEADER_SIZE, this.gcHeads);
        return;
      }
    }
    info.dealloc(addr);
  }

  /**
   * Run the finalizer (once) and clear weak references before a GC object is freed, as CPython's
   * subtype_dealloc does. Returns false when the finalizer resurrected the object.
   */
  private beforeDealloc(addr: number, info: TypeInfo): boolean {
    const i32 = this.i32;
    const flags = (addr + GC_PREV) >> 2;
    if (info.finalize !== undefined && (i32[flags]! & GC_FINALIZED) === 0) {
      i32[flags]! |= GC_FINALIZED;
      i32[addr >> 2] = 1; // a temporary count while __del__ runs
      info.finalize(addr);
      const rc = i32[addr >> 2]! - 1;
      i32[addr >> 2] = rc;
      if (rc !== 0) return false; // resurrected
    }
    if ((i32[flags]! & GC_WEAKREFS) !== 0) {
      i32[flags]! &= ~GC_WEAKREFS;
      this.onWeakrefsCleared?.(addr);
    }
    return true;
  }

  // ---- GC lists: [gc_next][gc_prev | flags] headers, circular, with a head block each ----

  gcListInit(head: number): void {
    this.i32[head >> 2] = head;
    this.i32[(head + 4) >> 2] = head;
  }

  gcListIsEmpty(head: number): boolean {
    return this.i32[head >> 2] === head;
  }

  /** Unlink header `g` from its list (its flags stay). */
  gcListRemove(g: number): void {
    const i32 = this.i32;
    const prevWord = i32[(g + 4) >> 2]!;
    const prev = prevWord & ~GC_FLAG_MASK;
    const next = i32[g >> 2]!;
    i32[prev >> 2] = next;
    i32[(next + 4) >> 2] = prev | (i32[(next + 4) >> 2]! & GC_FLAG_MASK);
    i32[g >> 2] = 0;
    i32[(g + 4) >> 2] = prevWord & GC_FLAG_MASK;
  }

  /** Append unlinked header `g` to the list at `head`. */
  gcListAppend(g: number, head: number): void {
    const i32 = this.i32;
    const last = i32[(head + 4) >> 2]! & ~GC_FLAG_MASK;
    i32[g >> 2] = head;
    i32[(g + 4) >> 2] = last | (i32[(g + 4) >> 2]! & GC_FLAG_MASK);
    i32[last >> 2] = g;
    i32[(head + 4) >> 2] = g | (i32[(head + 4) >> 2]! & GC_FLAG_MASK);
  }

  /** Move every header of list `from` to the end of list `to`. */
  gcListMerge(from: number, to: number): void {
    const i32 = this.i32;
    if (i32[from >> 2] === from) return;
    const first = i32[from >> 2]!;
    const last = i32[(from + 4) >> 2]! & ~GC_FLAG_MASK;
    const toLast = i32[(to + 4) >> 2]! & ~GC_FLAG_MASK;
    i32[toLast >> 2] = first;
    i32[(first + 4) >> 2] = toLast | (i32[(first + 4) >> 2]! & GC_FLAG_MASK);
    i32[last >> 2] = to;
    i32[(to + 4) >> 2] = last | (i32[(to + 4) >> 2]! & GC_FLAG_MASK);
    this.gcListInit(from);
  }

  gcListSize(head: number): number {
    let n = 0;
    for (let g = this.i32[head >> 2]!; g !== head; g = this.i32[g >> 2]!) n++;
    return n;
  }

  /** Whether `addr` is an object the cycle collector tracks. */
  isTracked(addr: number): boolean {
    if ((this.i32[addr >> 2]! & IMMORTAL_REFCNT) !== 0) return false;
    return this.typeInfoOf(addr).gc && this.i32[(addr - GC_HEADER_SIZE) >> 2] !== 0;
  }

  /** Start tracking a GC object (CPython's PyObject_GC_Track); it joins generation 0. */
  track(addr: number): void {
    if (!this.typeInfoOf(addr).gc || this.isTracked(addr)) return;
    this.gcListAppend(addr - GC_HEADER_SIZE, this.gcHeads);
  }

  /**
   * Stop tracking a GC object (CPython's PyObject_GC_UnTrack). A deferred object stays tracked:
   * only the collector can free it.
   */
  untrack(addr: number): void {
    if (this.isTracked(addr) && (this.i32[addr >> 2]! & DEFERRED_BIAS) === 0) {
      this.gcListRemove(addr - GC_HEADER_SIZE);
    }
  }

  incref(addr: number): void {
    this.i32[addr >> 2]!++;
  }

  /** Drop one count of `addr`; deallocate at zero. */
  decref(addr: number): void {
    const i = addr >> 2;
    const rc = this.i32[i]! - 1;
    if (this.debug && rc < 0) {
      throw new HeapCorruptionError(`decref of a freed object at ${addr}`);
    }
    this.i32[i] = rc;
    if (rc === 0) this.dealloc(addr);
  }

  /** The raw count word (flags included). */
  refcount(addr: number): number {
    return this.i32[addr >> 2]!;
  }

  /**
   * The references counted to `addr`, without the deferred bias (what sys.getrefcount reports:
   * deferred references on the stacks are not counted); immortal objects report the flag.
   */
  countedReferences(addr: number): number {
    const rc = this.i32[addr >> 2]!;
    if ((rc & IMMORTAL_REFCNT) !== 0) return rc;
    return (rc & DEFERRED_BIAS) !== 0 ? rc - DEFERRED_BIAS : rc;
  }

  /** Whether `addr` uses deferred reference counting (freed only by the cycle collector). */
  isDeferred(addr: number): boolean {
    const rc = this.i32[addr >> 2]!;
    return (rc & IMMORTAL_REFCNT) === 0 && (rc & DEFERRED_BIAS) !== 0;
  }

  /** Make an object immortal: never counted, never freed, referenced with the non-owning tag. */
  makeImmortal(addr: number): void {
    // (A tracked object made immortal leaves the generations at the next collection.)
    if ((this.i32[addr >> 2]! & IMMORTAL_REFCNT) === 0) this.immortalObjects++;
    this.i32[addr >> 2] = IMMORTAL_REFCNT;
  }

  /**
   * Give an object deferred reference counting: a bias that only the collector removes. Only a
   * tracked object may be deferred (nothing else would ever free it); others are left counted.
   */
  makeDeferred(addr: number): void {
    const rc = this.i32[addr >> 2]!;
    if ((rc & (IMMORTAL_REFCNT | DEFERRED_BIAS)) !== 0 || !this.isTracked(addr)) return;
    this.i32[addr >> 2] = rc + DEFERRED_BIAS;
  }

  /** Whether `addr` is the address of a live object (debug mode: not poisoned, count > 0). */
  isLive(addr: number): boolean {
    if (addr <= 0 || addr >= this.limit || (addr & (ALIGN - 1)) !== 0) return false;
    return this.i32[addr >> 2]! > 0;
  }

  // ---- statistics ----

  stats(): HeapStats {
    const byType: TypeStats[] = [];
    let liveObjects = 0;
    for (let i = 0; i < this.types.length; i++) {
      const objects = this.typeObjects[i]!;
      liveObjects += objects;
      if (objects !== 0) {
        byType.push({ name: this.types[i]!.name, objects, bytes: this.typeBytes[i]! });
      }
    }
    return {
      limit: this.limit,
      committedBytes: this.nextPage * PAGE_SIZE,
      liveBlocks: this.liveBlocks,
      liveBytes: this.liveBytes,
      peakLiveBytes: this.peakLiveBytes,
      allocations: this.allocations,
      frees: this.frees,
      liveObjects,
      immortalObjects: this.immortalObjects,
      byType,
    };
  }

  /** Live object count of the type registered at `typeAddr`. */
  liveObjectsOfType(typeAddr: number): number {
    return this.typeObjects[this.i32[(typeAddr + TYPE_INFO_INDEX) >> 2]!] ?? 0;
  }
}
