// The interpreter's roots for the cycle collector: every frame on the data stack, scanned from its
// header's references through its locals up to its published stack pointer (FRAME_SP). Owned
// references there are counted anyway; deferred and borrowed ones are what the refcounts cannot
// show. The collector skips NULL and tagged ints itself. Collections run only at safe points
// (the eval breaker, or an escaping call such as gc.collect()), where every FRAME_SP is published.
import { Collector, type RootProvider, type Visit } from "@skein/gc";
import {
  formatException,
  installTraverse,
  instanceDict,
  layout,
  type ObjectSpace,
  setUnraisableHandler,
  weakrefsOf,
} from "@skein/objects";
import { ERROR, NULL, TAG_MASK } from "@skein/stackref";
import {
  FRAME_BUILTINS,
  FRAME_CODE,
  FRAME_FLAGS,
  FRAME_FUNC,
  FRAME_GLOBALS,
  FRAME_HEADER,
  FRAME_INSTR,
  FRAME_LOCALS,
  FRAME_OWNED_BY_GENERATOR,
  FRAME_PREVIOUS,
  FRAME_SP,
  FRAME_SP_POISON,
} from "./frame-layout.js";
import type { Interpreter } from "./interpreter.js";
import { EVAL_GC, type ThreadState } from "./thread-state.js";

/** A collection found a frame whose stack pointer was not published: a bug in Skein. */
export class UnpublishedStackError extends Error {}

/** Visit the references of one frame (on the data stack, or owned by a generator). */
export function visitFrame(i32: Int32Array, frame: number, visit: Visit): void {
  const sp = i32[(frame + FRAME_SP) >> 2]!;
  if (sp === FRAME_SP_POISON) {
    // The debug loops poison FRAME_SP between escapes: something collected without a spill.
    throw new UnpublishedStackError(
      `Skein bug: a collection scanned frame ${frame} at instruction ${i32[(frame + FRAME_INSTR) >> 2]} while its stack pointer was unpublished (a missing spill)`,
    );
  }
  visit(i32[(frame + FRAME_FUNC) >> 2]!);
  // Raw borrowed addresses in the header: roots as non-owning references.
  for (const off of [FRAME_CODE, FRAME_GLOBALS, FRAME_BUILTINS, FRAME_LOCALS]) {
    const a = i32[(frame + off) >> 2]!;
    if (a !== 0) visit(a | 1);
  }
  for (let i = (frame + FRAME_HEADER) >> 2; i < sp; i++) visit(i32[i]!);
}

/** The frames of one thread, innermost first, as a root provider. */
export class FrameRoots implements RootProvider {
  readonly ts: ThreadState;

  constructor(ts: ThreadState) {
    this.ts = ts;
  }

  visitRoots(visit: Visit): void {
    const i32 = this.ts.i32;
    // Only frames below the data stack's top are live (a stale currentFrame must not be read).
    const top = this.ts["dataTop"];
    // A generator's running frame lives in the generator object, outside the data stack.
    const live = (frame: number): boolean =>
      frame < top || (i32[(frame + FRAME_FLAGS) >> 2]! & FRAME_OWNED_BY_GENERATOR) !== 0;
    for (let frame = this.ts.currentFrame; frame !== 0 && live(frame); ) {
      visitFrame(i32, frame, visit);
      const previous = i32[(frame + FRAME_PREVIOUS) >> 2]!;
      if (previous === frame) break;
      frame = previous;
    }
  }
}

/**
 * Connect a collector to a thread: its frames become roots, a collection that allocation
 * schedules sets EVAL_GC in the eval breaker, and the breaker's handler runs it.
 */
export function attachCollector(ts: ThreadState, collector: Collector): FrameRoots {
  const roots = new FrameRoots(ts);
  collector.roots.push(roots);
  const breaker = ts.evalBreaker;
  collector.requestSafePoint = () => {
    Atomics.or(breaker, 0, EVAL_GC);
  };
  ts.gcSafePoint = () => collector.atSafePoint();
  if (collector.pending) collector.requestSafePoint();
  return roots;
}

export interface CycleCollectorOptions {
  /** Collect at every safe point (a young collection each time, a full one every 64th). */
  readonly stress?: boolean;
  /** Where "Exception ignored in: ..." reports of `__del__` and weakref callbacks go. */
  readonly writeUnraisable?: (text: string) => void;
}

/**
 * Turn on the cycle collector for an interpreter: the types' traverse and clear hooks, weak
 * references, the thread's frames as roots and the eval-breaker safe point. Call it before any
 * class is created (right after the interpreter is made).
 */
export function enableCycleCollector(
  interp: Interpreter,
  options: CycleCollectorOptions = {},
): Collector {
  const s = interp.s;
  installTraverse(s);
  deferLongLivedTypes(s);
  const collector = new Collector(s.heap);
  collector.weakrefs = weakrefsOf(s);
  collector.stress = options.stress ?? false;
  untrackAtomTuples(s);
  collector.managedDict = (addr) => {
    const t = s.typeFromAddr(s.i32[(addr + 4) >> 2]!);
    if (!t.heap || t.dictOffset === 0) return 0;
    const d = instanceDict(s, addr, false);
    return d === NULL || d === ERROR ? 0 : d & ~TAG_MASK;
  };
  const write = options.writeUnraisable;
  if (write !== undefined) {
    setUnraisableHandler(s, (exc, context, obj) => {
      const r = s.repr(obj);
      let what = "<object repr() failed>";
      if (r === ERROR) s.refs.close(s.fetchException());
      else {
        what = s.strValue(r);
        s.refs.close(r);
      }
      write(`${context}: ${what}\n${formatException(s, exc, () => null)}`);
    });
  }
  attachCollector(interp.ts, collector);
  collectors.set(s, collector);
  return collector;
}

/**
 * Deferred reference counting (DESIGN.md section 2) for the objects that live long and are
 * loaded constantly: modules and classes (instances of `type` and of every metaclass) from their
 * allocation; functions that are not nested get it when MAKE_FUNCTION makes them. Stack
 * references to them carry the non-owning tag; only the collector frees them, after it has
 * scanned the stacks.
 */
function deferLongLivedTypes(s: ObjectSpace): void {
  const heap = s.heap;
  heap.setTypeHooks(s.b.type.addr, { deferred: true });
  heap.setTypeHooks(s.b.module.addr, { deferred: true });
  const registered = heap.onTypeRegistered;
  heap.onTypeRegistered = (typeAddr, info) => {
    registered?.(typeAddr, info);
    if (s.typeFromAddr(typeAddr).isSubtypeOf(s.b.type)) info.deferred = true;
  };
}

/**
 * Tuples that hold nothing the collector tracks leave its lists at the next collection, as
 * CPython's untrack_tuples does (gc.is_tracked((1, 2)) is False; they can never be in a cycle).
 */
function untrackAtomTuples(s: ObjectSpace): void {
  const heap = s.heap;
  const i32 = s.i32;
  const tuple = s.b.tuple.addr;
  heap.setTypeHooks(tuple, {
    untrackable: (addr) => {
      const n = i32[(addr + layout.TUPLE_LENGTH) >> 2]!;
      const base = (addr + layout.TUPLE_ITEMS) >> 2;
      for (let i = 0; i < n; i++) {
        const v = i32[base + i]!;
        if ((v & TAG_MASK) !== 0) continue; // ints, NULL, immortal objects
        if (i32[(v + 4) >> 2] === tuple ? heap.isTracked(v) : heap.typeInfoOf(v).gc) return false;
      }
      return true;
    },
  });
}

const collectors = new WeakMap<ObjectSpace, Collector>();

/** The collector enabled for a space (the gc module finds it here), or null. */
export function collectorOf(s: ObjectSpace): Collector | null {
  return collectors.get(s) ?? null;
}
