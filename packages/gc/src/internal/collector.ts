// The cycle collector: CPython 3.13's generational trial deletion (Python/gc.c) over the objects
// the heap tracks. Generation lists live in linear memory ([gc_next][gc_prev | flags] headers in
// front of each object); during a collection gc_prev holds the object's gc_refs above the flags.
// Roots the refcounts cannot show (non-owning references on the interpreter's stacks) come from
// root providers; weak references and finalizers are handled by CPython's rules and order.
import { DEFERRED_BIAS, IMMORTAL_REFCNT } from "@skein/stackref";
import type { Heap, TypeInfo, Visit } from "./heap.js";
import {
  GC_COLLECTING,
  GC_FINALIZED,
  GC_FLAG_MASK,
  GC_HEADER_SIZE,
  GC_REFS_SHIFT,
  GC_WEAKREFS,
  OB_TYPE,
  TYPE_INFO_INDEX,
} from "./layout.js";

export const NUM_GENERATIONS = 3;

/** Something that holds references the refcounts do not show: the interpreter's frames. */
export interface RootProvider {
  /** Visit every reference held (any tag: NULL, ints, owned and non-owning pointers). */
  visitRoots(visit: Visit): void;
}

/** Weak-reference support, installed by the object model (`@skein/objects`' weakref.ts). */
export interface WeakrefSupport {
  /** Whether `addr` is a weak reference object (cleared first when it is garbage itself). */
  isWeakref(addr: number): boolean;
  /** Clear the weak reference `wr` (it no longer refers to anything); its callback stays. */
  clearRef(wr: number): void;
  /**
   * Clear every weak reference to `addr` without calling callbacks; `withCallback` receives each
   * cleared weak reference that has a callback, in the order CPython would call them.
   */
  clearAll(addr: number, withCallback: (wr: number) => void): void;
  /** Call the callback of the cleared weak reference `wr` with it (errors are reported, not raised). */
  callCallback(wr: number): void;
}

/** What one generation's statistics hold (gc.get_stats()). */
export interface GenerationStats {
  collections: number;
  collected: number;
  uncollectable: number;
}

export interface CollectionInfo {
  readonly generation: number;
  readonly collected: number;
  readonly uncollectable: number;
}

export type CollectorCallback = (phase: "start" | "stop", info: CollectionInfo) => void;

export interface CollectorStats {
  readonly generations: readonly GenerationStats[];
  readonly collections: number;
  /** Pause of the longest collection, in milliseconds. */
  readonly maxPauseMs: number;
  readonly totalPauseMs: number;
  readonly lastPauseMs: number;
  /** Deferred objects freed as reference counting would have freed them (see releaseDeferred). */
  readonly deferredFreed: number;
}

/** gc.DEBUG_SAVEALL: garbage goes to gc.garbage instead of being freed. */
export const DEBUG_SAVEALL = 32;

export class Collector {
  readonly heap: Heap;
  readonly thresholds = [2000, 10, 10];
  /** Counts of generations 1 and 2 (generation 0's count is the heap's `gcYoungCount`). */
  private readonly olderCounts = [0, 0, 0];
  private enabled = true;
  private collecting = false;
  private scheduled = false;
  private longLivedTotal = 0;
  private longLivedPending = 0;
  /** Collect at every safe point (the interpreter's spill discipline under test). */
  stress = false;
  private stressTick = 0;
  debugFlags = 0;

  readonly roots: RootProvider[] = [];
  weakrefs: WeakrefSupport | null = null;
  /** Asks the interpreter for a safe point (it sets a bit of its eval breaker). */
  requestSafePoint: (() => void) | null = null;
  /** gc.callbacks, called around each collection. */
  readonly callbacks: CollectorCallback[] = [];
  /**
   * The attribute dict an object keeps for its instance attributes (0 if none). CPython 3.13
   * keeps those values inline in the object and materializes no dict, so a garbage instance's dict
   * that nothing else refers to is not counted in what collect() returns.
   */
  managedDict: ((addr: number) => number) | null = null;
  /** Receives each garbage object when DEBUG_SAVEALL is set (gc.garbage owns a reference). */
  saveGarbage: ((addr: number) => void) | null = null;

  private readonly genStats: GenerationStats[] = [];
  private collections = 0;
  private maxPauseMs = 0;
  private totalPauseMs = 0;
  private lastPauseMs = 0;
  private deferredFreed = 0;

  private readonly i32: Int32Array;
  private readonly types: readonly TypeInfo[];
  private objs: number[] = [];
  private readonly work: number[] = [];
  /** The garbage's counts before finalizers run (reused between collections). */
  private counts32 = new Int32Array(0);
  private countsLength = 0;
  private readonly visitDecref: Visit;
  private readonly visitRoot: Visit;
  private readonly visitKeepDeferred: Visit;
  private readonly visitReach: Visit;

  constructor(heap: Heap) {
    this.heap = heap;
    this.i32 = heap.i32;
    this.types = heap.registeredTypes();
    for (let g = 0; g < NUM_GENERATIONS; g++) {
      this.genStats.push({ collections: 0, collected: 0, uncollectable: 0 });
    }
    const i32 = this.i32;
    // visit_decref: a reference internal to the collected set.
    this.visitDecref = (ref) => {
      // Only counted references were counted (CPython's _PyGC_VisitStackRef).
      if ((ref & 3) !== 0) return;
      const g = this.collectingHeader(ref);
      if (g !== 0) i32[(g + 4) >> 2]! -= 1 << GC_REFS_SHIFT;
    };
    // A non-owning reference on a stack (deferred or borrowed) keeps its object alive.
    this.visitRoot = (ref) => {
      if ((ref & 3) !== 1) return;
      const g = this.collectingHeader(ref);
      if (g !== 0) i32[(g + 4) >> 2]! += 1 << GC_REFS_SHIFT;
    };
    // A non-owning stack reference to a deferred object whose count is zero keeps it.
    this.visitKeepDeferred = (ref) => {
      if ((ref & 3) !== 1) return;
      const g = this.collectingHeader(ref);
      if (g !== 0) i32[(g + 4) >> 2]! &= ~GC_COLLECTING;
    };
    // visit_reachable: what a reachable object refers to is reachable.
    this.visitReach = (ref) => {
      if ((ref & 3) === 3 || ref === 1) return;
      const g = this.collectingHeader(ref);
      if (g !== 0) {
        i32[(g + 4) >> 2]! &= ~GC_COLLECTING;
        this.work.push(g + GC_HEADER_SIZE);
      }
    };
    heap.onGcThreshold = () => this.schedule();
    this.updateTrigger();
  }

  // ---- the public face (the gc module's functions) ----

  get isEnabled(): boolean {
    return this.enabled;
  }

  enable(): void {
    this.enabled = true;
    this.updateTrigger();
    if (this.stress) this.requestSafePoint?.();
  }

  disable(): void {
    this.enabled = false;
    this.updateTrigger();
  }

  get isCollecting(): boolean {
    return this.collecting;
  }

  setThresholds(t0: number, t1?: number, t2?: number): void {
    this.thresholds[0] = t0;
    if (t1 !== undefined) this.thresholds[1] = t1;
    if (t2 !== undefined) this.thresholds[2] = t2;
    this.updateTrigger();
  }

  /** gc.get_count(): (generation 0, 1, 2). */
  counts(): [number, number, number] {
    return [this.heap.gcYoungCount, this.olderCounts[1]!, this.olderCounts[2]!];
  }

  /** The list head of generation `g` (3 is the permanent generation of gc.freeze()). */
  generationHead(g: number): number {
    return this.heap.gcHeads + 8 * g;
  }

  /** Every tracked object of generation `g`, or of all generations (not the permanent one). */
  objects(generation?: number): number[] {
    const out: number[] = [];
    const i32 = this.i32;
    for (let g = 0; g < NUM_GENERATIONS; g++) {
      if (generation !== undefined && g !== generation) continue;
      const head = this.generationHead(g);
      for (let h = i32[head >> 2]!; h !== head; h = i32[h >> 2]!) {
        const addr = h + GC_HEADER_SIZE;
        if ((i32[addr >> 2]! & IMMORTAL_REFCNT) === 0) out.push(addr);
      }
    }
    return out;
  }

  /**
   * The references counted to every tracked object (deferred biases left out): with the heap's
   * live object count, what a refleak check watches (CPython's sys.gettotalrefcount, restricted
   * to containers).
   */
  trackedReferences(): number {
    const i32 = this.i32;
    let total = 0;
    for (let g = 0; g <= NUM_GENERATIONS; g++) {
      const head = this.generationHead(g);
      for (let h = i32[head >> 2]!; h !== head; h = i32[h >> 2]!) {
        const addr = h + GC_HEADER_SIZE;
        if ((i32[addr >> 2]! & IMMORTAL_REFCNT) === 0) total += this.heap.countedReferences(addr);
      }
    }
    return total;
  }

  /** The references `addr` holds, through its type's traverse (gc.get_referents). */
  referents(addr: number, visit: Visit): void {
    if ((this.i32[addr >> 2]! & IMMORTAL_REFCNT) !== 0) return;
    const info = this.infoOf(addr);
    if (info.gc && info.traverse !== undefined) info.traverse(addr, visit);
  }

  /** gc.freeze(): every tracked object moves to the permanent generation. */
  freeze(): void {
    const perm = this.generationHead(3);
    for (let g = 0; g < NUM_GENERATIONS; g++) this.heap.gcListMerge(this.generationHead(g), perm);
    this.heap.gcYoungCount = 0;
  }

  /** gc.unfreeze(): the permanent generation returns to the oldest one. */
  unfreeze(): void {
    this.heap.gcListMerge(this.generationHead(3), this.generationHead(2));
  }

  freezeCount(): number {
    return this.heap.gcListSize(this.generationHead(3));
  }

  isFinalized(addr: number): boolean {
    if (!this.hasHeader(addr)) return false;
    return (this.i32[(addr - 4) >> 2]! & GC_FINALIZED) !== 0;
  }

  stats(): CollectorStats {
    return {
      generations: this.genStats.map((g) => ({ ...g })),
      collections: this.collections,
      maxPauseMs: this.maxPauseMs,
      totalPauseMs: this.totalPauseMs,
      lastPauseMs: this.lastPauseMs,
      deferredFreed: this.deferredFreed,
    };
  }

  // ---- scheduling ----

  private updateTrigger(): void {
    const t0 = this.thresholds[0]!;
    this.heap.gcTrigger =
      this.enabled && !this.collecting && t0 > 0 ? t0 : Number.POSITIVE_INFINITY;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.requestSafePoint?.();
  }

  /** Whether a collection waits for the next safe point (or stress mode wants one at each). */
  get pending(): boolean {
    return this.scheduled || this.stress;
  }

  /**
   * Called by the interpreter at a safe point (every frame's stack pointer is published): run
   * the collection that allocation scheduled, or, in stress mode, one at every safe point.
   */
  atSafePoint(): void {
    this.scheduled = false;
    if (this.collecting) return;
    if (this.stress) {
      // Automatic collections only: a program that disabled the collector counts on that.
      if (!this.enabled) return;
      this.stressTick++;
      this.collect((this.stressTick & 63) === 0 ? 2 : 0);
      this.requestSafePoint?.();
      return;
    }
    if (this.enabled) this.collectGenerations();
  }

  /** CPython's gc_collect_generations: the oldest generation whose count passed its threshold. */
  collectGenerations(): number {
    for (let i = NUM_GENERATIONS - 1; i >= 0; i--) {
      const count = i === 0 ? this.heap.gcYoungCount : this.olderCounts[i]!;
      if (count > this.thresholds[i]!) {
        // Full collections only when enough long-lived objects wait (issue #4074's heuristic).
        if (i === NUM_GENERATIONS - 1 && this.longLivedPending < this.longLivedTotal / 4) continue;
        return this.collect(i);
      }
    }
    return 0;
  }

  // ---- a collection ----

  /**
   * Collect generation `generation` and the younger ones. Returns how many objects were found
   * unreachable (collected plus uncollectable), as gc.collect() does; 0 while one runs already.
   */
  collect(generation = NUM_GENERATIONS - 1): number {
    if (this.collecting) return 0;
    const heap = this.heap;
    this.collecting = true;
    this.updateTrigger();
    const start = performance.now();
    let pausedMs = 0;
    let m = 0;
    try {
      if (this.callbacks.length > 0) {
        const t = performance.now();
        this.invokeCallbacks("start", { generation, collected: 0, uncollectable: 0 });
        pausedMs += performance.now() - t;
      }
      for (let i = 0; i <= generation; i++) this.releaseDeferred(this.generationHead(i));
      for (let i = 0; i < generation; i++) {
        heap.gcListMerge(this.generationHead(i), this.generationHead(generation));
      }
      const young = this.generationHead(generation);
      const old = generation < NUM_GENERATIONS - 1 ? this.generationHead(generation + 1) : young;
      const unreachable = this.generationHead(4);
      const finalUnreachable = this.generationHead(5);
      this.deduceUnreachable(young, unreachable);
      if (young !== old) {
        if (generation === NUM_GENERATIONS - 2) this.longLivedPending += heap.gcListSize(young);
        heap.gcListMerge(young, old);
      } else {
        this.longLivedPending = 0;
        this.longLivedTotal = heap.gcListSize(young);
      }
      // Garbage loses deferred counting, so that clearing its cycles frees it. Its counts then
      // are kept: only Python code run by the next two steps can change them.
      const counts = this.undeferAndSnapshot(unreachable);
      // Weak references to garbage are cleared; callbacks of reachable ones run.
      m += this.handleWeakrefs(unreachable, old);
      // __del__ once per object, then whatever a finalizer resurrected survives.
      this.finalizeGarbage(unreachable);
      if (this.countsChanged(unreachable, counts)) {
        this.clearCollecting(unreachable);
        this.deduceUnreachable(unreachable, finalUnreachable);
        this.clearCollecting(unreachable);
        heap.gcListMerge(unreachable, old);
      } else {
        // Nothing gained or lost a reference: the garbage is exactly what it was.
        heap.gcListMerge(unreachable, finalUnreachable);
      }
      m += this.countGarbage(finalUnreachable);
      this.deleteGarbage(finalUnreachable, old);
      // Counts: the next generation saw one more collection of this one.
      if (generation + 1 < NUM_GENERATIONS) this.olderCounts[generation + 1]!++;
      for (let i = 0; i <= generation; i++) {
        if (i === 0) heap.gcYoungCount = 0;
        else this.olderCounts[i] = 0;
      }
      const stats = this.genStats[generation]!;
      stats.collections++;
      stats.collected += m;
      this.collections++;
    } finally {
      this.collecting = false;
      this.updateTrigger();
    }
    const pause = performance.now() - start - pausedMs;
    this.lastPauseMs = pause;
    this.totalPauseMs += pause;
    if (pause > this.maxPauseMs) this.maxPauseMs = pause;
    if (this.callbacks.length > 0) {
      this.invokeCallbacks("stop", { generation, collected: m, uncollectable: 0 });
    }
    return m;
  }

  /** How many objects of the final garbage list CPython would count (see managedDict). */
  private countGarbage(list: number): number {
    const i32 = this.i32;
    const managedDict = this.managedDict;
    let n = 0;
    for (let g = i32[list >> 2]!; g !== list; g = i32[g >> 2]!) {
      n++;
      if (managedDict === null) continue;
      const d = managedDict(g + GC_HEADER_SIZE);
      // Only its owner refers to it, and it is garbage too: it is the owner's inline values.
      if (d !== 0 && i32[d >> 2] === 1 && this.collectingHeader(d) !== 0) n--;
    }
    return n;
  }

  private invokeCallbacks(phase: "start" | "stop", info: CollectionInfo): void {
    for (const cb of [...this.callbacks]) cb(phase, info);
  }

  private infoOf(addr: number): TypeInfo {
    const i32 = this.i32;
    return this.types[i32[(i32[(addr + OB_TYPE) >> 2]! + TYPE_INFO_INDEX) >> 2]!]!;
  }

  private hasHeader(addr: number): boolean {
    return (this.i32[addr >> 2]! & IMMORTAL_REFCNT) === 0 && this.infoOf(addr).gc;
  }

  /** The GC header of the object `ref` points to when it is in the set being collected, else 0. */
  private collectingHeader(ref: number): number {
    if ((ref & 2) !== 0 || ref === 1) return 0; // ints, NULL, the error sentinel
    // (Non-owning pointers reach here only from the stacks: a heap holds immortals that way.)
    const addr = ref & ~3;
    const i32 = this.i32;
    if ((i32[addr >> 2]! & IMMORTAL_REFCNT) !== 0) return 0;
    if (!this.types[i32[(i32[(addr + OB_TYPE) >> 2]! + TYPE_INFO_INDEX) >> 2]!]!.gc) return 0;
    const g = addr - GC_HEADER_SIZE;
    return (i32[(g + 4) >> 2]! & GC_COLLECTING) !== 0 ? g : 0;
  }

  /**
   * CPython's deduce_unreachable: afterwards `list` holds what is reachable from outside it (or
   * from the roots), with COLLECTING cleared, and `unreachable` the rest, with COLLECTING set.
   */
  private deduceUnreachable(list: number, unreachable: number): void {
    const heap = this.heap;
    const i32 = this.i32;
    const types = this.types;
    const objs = this.objs;
    objs.length = 0;
    // update_refs: gc_refs = the refcount (without a deferred bias); immortals and what can never
    // be in a cycle (untrack_tuples) leave the lists.
    for (let g = i32[list >> 2]!; g !== list; ) {
      const next = i32[g >> 2]!;
      const addr = g + GC_HEADER_SIZE;
      if ((i32[addr >> 2]! & IMMORTAL_REFCNT) !== 0) heap.gcListRemove(g);
      else {
        const untrackable =
          types[i32[(i32[(addr + OB_TYPE) >> 2]! + TYPE_INFO_INDEX) >> 2]!]!.untrackable;
        if (untrackable?.(addr)) heap.gcListRemove(g);
        else objs.push(addr);
      }
      g = next;
    }
    for (let k = 0; k < objs.length; k++) {
      const addr = objs[k]!;
      let rc = i32[addr >> 2]!;
      if ((rc & DEFERRED_BIAS) !== 0) rc -= DEFERRED_BIAS;
      const p = (addr - 4) >> 2;
      i32[p] = (rc << GC_REFS_SHIFT) | (i32[p]! & (GC_FINALIZED | GC_WEAKREFS)) | GC_COLLECTING;
    }
    // subtract_refs: references from inside the set do not keep anything alive.
    const decref = this.visitDecref;
    for (let k = 0; k < objs.length; k++) {
      const addr = objs[k]!;
      const info = types[i32[(i32[(addr + OB_TYPE) >> 2]! + TYPE_INFO_INDEX) >> 2]!]!;
      info.traverse?.(addr, decref);
    }
    // The stacks: non-owning references there are roots too.
    for (const provider of this.roots) provider.visitRoots(this.visitRoot);
    // move_unreachable: propagate reachability from what has references from outside.
    const work = this.work;
    work.length = 0;
    for (let k = 0; k < objs.length; k++) {
      const p = (objs[k]! - 4) >> 2;
      if (i32[p]! >> GC_REFS_SHIFT > 0) {
        i32[p]! &= ~GC_COLLECTING;
        work.push(objs[k]!);
      }
    }
    const reach = this.visitReach;
    while (work.length > 0) {
      const addr = work.pop()!;
      const info = types[i32[(i32[(addr + OB_TYPE) >> 2]! + TYPE_INFO_INDEX) >> 2]!]!;
      info.traverse?.(addr, reach);
    }
    // Rebuild both lists (gc_prev held gc_refs), in the original order.
    heap.gcListInit(list);
    for (let k = 0; k < objs.length; k++) {
      const addr = objs[k]!;
      const g = addr - GC_HEADER_SIZE;
      const flags = i32[(g + 4) >> 2]! & GC_FLAG_MASK;
      i32[(g + 4) >> 2] = flags;
      heap.gcListAppend(g, (flags & GC_COLLECTING) !== 0 ? unreachable : list);
    }
    objs.length = 0;
  }

  /**
   * Deferred objects whose count is zero and that no stack refers to: reference counting would
   * have freed them at their last decref (CPython's GIL build defers nothing), so they are freed
   * that way now, before the collection proper, and are not counted as garbage.
   */
  private releaseDeferred(list: number): void {
    const i32 = this.i32;
    const candidates = this.objs;
    candidates.length = 0;
    for (let g = i32[list >> 2]!; g !== list; g = i32[g >> 2]!) {
      if (i32[(g + GC_HEADER_SIZE) >> 2] === DEFERRED_BIAS) {
        i32[(g + 4) >> 2]! |= GC_COLLECTING;
        candidates.push(g + GC_HEADER_SIZE);
      }
    }
    if (candidates.length === 0) return;
    for (const provider of this.roots) provider.visitRoots(this.visitKeepDeferred);
    const dead: number[] = [];
    for (const addr of candidates) {
      const p = (addr - 4) >> 2;
      if ((i32[p]! & GC_COLLECTING) !== 0) dead.push(addr);
      i32[p]! &= ~GC_COLLECTING;
    }
    candidates.length = 0;
    for (const addr of dead) {
      // A finalizer or weakref callback run by an earlier free may have referred to it again.
      if (i32[addr >> 2] !== DEFERRED_BIAS) continue;
      i32[addr >> 2] = 0;
      this.deferredFreed++;
      this.heap.dealloc(addr);
    }
  }

  private undeferAndSnapshot(list: number): Int32Array {
    const i32 = this.i32;
    const n = this.heap.gcListSize(list);
    if (this.counts32.length < n) this.counts32 = new Int32Array(n * 2);
    const out = this.counts32;
    let k = 0;
    for (let g = i32[list >> 2]!; g !== list; g = i32[g >> 2]!) {
      const p = (g + GC_HEADER_SIZE) >> 2;
      let rc = i32[p]!;
      if ((rc & DEFERRED_BIAS) !== 0) {
        rc -= DEFERRED_BIAS;
        i32[p] = rc;
      }
      out[k++] = rc;
    }
    this.countsLength = k;
    return out;
  }

  /**
   * Whether a finalizer or callback may have resurrected something: the list or a count changed
   * (CPython always recomputes reachability after finalizers; this skips it when it cannot matter).
   */
  private countsChanged(list: number, counts: Int32Array): boolean {
    const i32 = this.i32;
    const n = this.countsLength;
    let k = 0;
    for (let g = i32[list >> 2]!; g !== list; g = i32[g >> 2]!) {
      if (k >= n || counts[k++] !== i32[(g + GC_HEADER_SIZE) >> 2]) return true;
    }
    return k !== n;
  }

  private clearCollecting(list: number): void {
    const i32 = this.i32;
    for (let g = i32[list >> 2]!; g !== list; g = i32[g >> 2]!)
      i32[(g + 4) >> 2]! &= ~GC_COLLECTING;
  }

  /** CPython's handle_weakrefs: returns how many weak references died after their callback. */
  private handleWeakrefs(unreachable: number, old: number): number {
    const support = this.weakrefs;
    if (support === null) return 0;
    const heap = this.heap;
    const i32 = this.i32;
    const toCall: number[] = [];
    for (let g = i32[unreachable >> 2]!; g !== unreachable; g = i32[g >> 2]!) {
      const addr = g + GC_HEADER_SIZE;
      // A weak reference that is garbage itself is cleared, and its callback never runs.
      if (support.isWeakref(addr)) support.clearRef(addr);
      if ((i32[(g + 4) >> 2]! & GC_WEAKREFS) === 0) continue;
      i32[(g + 4) >> 2]! &= ~GC_WEAKREFS;
      support.clearAll(addr, (wr) => {
        if (this.collectingHeader(wr) !== 0) return; // the weakref is garbage too
        heap.incref(wr);
        toCall.push(wr);
      });
    }
    let freed = 0;
    for (const wr of toCall) {
      support.callCallback(wr);
      if (i32[wr >> 2] === 1) freed++;
      heap.decref(wr);
    }
    void old;
    return freed;
  }

  /** CPython's finalize_garbage: tp_finalize once per object, marked FINALIZED first. */
  private finalizeGarbage(unreachable: number): void {
    const heap = this.heap;
    const i32 = this.i32;
    const seen = this.generationHead(6);
    while (!heap.gcListIsEmpty(unreachable)) {
      const g = i32[unreachable >> 2]!;
      heap.gcListRemove(g);
      heap.gcListAppend(g, seen);
      const addr = g + GC_HEADER_SIZE;
      const info = this.infoOf(addr);
      if (info.finalize !== undefined && (i32[(g + 4) >> 2]! & GC_FINALIZED) === 0) {
        i32[(g + 4) >> 2]! |= GC_FINALIZED;
        heap.incref(addr);
        info.finalize(addr);
        heap.decref(addr);
      }
    }
    heap.gcListMerge(seen, unreachable);
  }

  /** CPython's delete_garbage: tp_clear breaks the cycles; survivors move to `old`. */
  private deleteGarbage(collectable: number, old: number): void {
    const heap = this.heap;
    const i32 = this.i32;
    while (!heap.gcListIsEmpty(collectable)) {
      const g = i32[collectable >> 2]!;
      const addr = g + GC_HEADER_SIZE;
      if ((this.debugFlags & DEBUG_SAVEALL) !== 0 && this.saveGarbage !== null) {
        // gc.garbage holds it now; it stays tracked (it may be collected once dropped from there).
        this.saveGarbage(addr);
      } else {
        const clear = this.infoOf(addr).clear;
        if (clear !== undefined) {
          heap.incref(addr);
          clear(addr);
          heap.decref(addr);
        }
      }
      if (i32[collectable >> 2] === g) {
        // Still alive (no clear, or something else holds it): it may die later.
        i32[(g + 4) >> 2]! &= ~GC_COLLECTING;
        heap.gcListRemove(g);
        heap.gcListAppend(g, old);
      }
    }
  }
}
