// The gc module (CPython's Modules/gcmodule.c) over the collector of @skein/gc: collect, the
// thresholds and counts, the tracked objects and their referents, freeze, callbacks, garbage.
import { type Collector, DEBUG_SAVEALL } from "@skein/gc";
import { collectorOf } from "@skein/interp";
import {
  intToSafeNumber,
  isInt,
  listAppend,
  listFromRefs,
  listItemsBase,
  listLength,
  type ObjectSpace,
  parseArgs,
  tupleFromRefs,
  tupleLength,
  writeUnraisable,
} from "@skein/objects";
import { ERROR, NULL, type StackRef, TAG_MASK } from "@skein/stackref";
import { ModuleBuilder } from "../module-util.js";
import type { Stdlib } from "../runtime.js";

const DEBUG_FLAGS: [string, number][] = [
  ["DEBUG_STATS", 1],
  ["DEBUG_COLLECTABLE", 2],
  ["DEBUG_UNCOLLECTABLE", 4],
  ["DEBUG_SAVEALL", DEBUG_SAVEALL],
  ["DEBUG_LEAK", 2 | 4 | DEBUG_SAVEALL],
];

/** A generation argument: an int in 0..2, or null with the error set. */
function generationArg(s: ObjectSpace, v: StackRef, fname: string): number | null {
  if (!isInt(s, v)) {
    s.raise(s.b.TypeError, `'${s.typeOf(v).name}' object cannot be interpreted as an integer`);
    return null;
  }
  const g = intToSafeNumber(s, v);
  if (g === null || g < 0 || g > 2) {
    s.raise(
      s.b.ValueError,
      fname === "collect"
        ? "invalid generation"
        : "generation parameter must be less than the number of available generations (3)",
    );
    return null;
  }
  return g;
}

/** Fill the gc module's namespace (the stdlib registry's initializer). */
export function initGc(rt: Stdlib, m: ModuleBuilder): void {
  const collector = collectorOf(rt.s);
  if (collector === null) {
    rt.s.raise(rt.s.b.ImportError, "the cycle collector is not enabled in this engine");
    m.failed = true;
    return;
  }
  fillGcModule(rt.s, m, collector);
}

/** The gc module for a space and collector, without the stdlib registry (owned module). */
export function createGcModule(s: ObjectSpace, collector: Collector, module: StackRef): void {
  fillGcModule(s, new ModuleBuilder(s, module), collector);
}

const listsOf = new WeakMap<Collector, { callbacks: StackRef; garbage: StackRef }>();

/**
 * gc.callbacks and gc.garbage: one pair per collector, immortal (they live in the interpreter's
 * state in CPython), connected to the collector once.
 */
function collectorLists(s: ObjectSpace, collector: Collector) {
  const known = listsOf.get(collector);
  if (known !== undefined) return known;
  const cbList = s.newList([]);
  const garbageList = s.newList([]);
  s.heap.makeImmortal(cbList);
  s.heap.makeImmortal(garbageList);
  const lists = { callbacks: cbList | 1, garbage: garbageList | 1 };
  listsOf.set(collector, lists);
  collector.saveGarbage = (addr) => {
    // listAppend takes a reference: gc.garbage owns one of its own.
    if (listAppend(s, garbageList, s.refs.asOwned(addr)) < 0) s.refs.close(s.fetchException());
  };
  collector.callbacks.push((phase, info) => {
    if (listLength(s, cbList) === 0) return;
    const d = s.newDict();
    if (d === ERROR) return;
    for (const [k, v] of [
      ["generation", info.generation],
      ["collected", info.collected],
      ["uncollectable", info.uncollectable],
    ] as const) {
      s.dictSetStr(d, k, (v << 2) | 3);
    }
    const p = s.newStr(phase);
    // Call each callback of a snapshot of the list (a callback may change it).
    const n = listLength(s, cbList);
    const base = listItemsBase(s, cbList);
    const fns: StackRef[] = [];
    for (let i = 0; i < n; i++) fns.push(s.refs.asOwned(s.i32[base + i]!));
    for (const f of fns) {
      const saved = s.fetchException();
      const r = s.call(f, [p, d]);
      // An error is reported as unraisable ("Exception ignored in: <callback>"), as CPython does.
      if (r === ERROR) writeUnraisable(s, "Exception ignored in", f, saved);
      else {
        s.refs.close(r);
        s.curexc = saved;
      }
      s.refs.close(f);
    }
    s.refs.close(p);
    s.refs.close(d);
  });
  return lists;
}

/** A function of no arguments, with CPython's errors for arguments given anyway. */
function noArgs(s: ObjectSpace, m: ModuleBuilder, name: string, body: () => StackRef): void {
  m.fn(name, (_self, _args, nargs, kwnames) => {
    if (kwnames !== NULL && tupleLength(s, kwnames) > 0)
      return s.raise(s.b.TypeError, `gc.${name}() takes no keyword arguments`);
    if (nargs !== 0)
      return s.raise(s.b.TypeError, `gc.${name}() takes no arguments (${nargs} given)`);
    return body();
  });
}

/** A function of exactly one positional argument (borrowed). */
function oneArg(
  s: ObjectSpace,
  m: ModuleBuilder,
  name: string,
  body: (arg: StackRef) => StackRef,
): void {
  m.fn(name, (_self, args, nargs, kwnames) => {
    if (kwnames !== NULL && tupleLength(s, kwnames) > 0)
      return s.raise(s.b.TypeError, `gc.${name}() takes no keyword arguments`);
    if (nargs !== 1) {
      return s.raise(s.b.TypeError, `gc.${name}() takes exactly one argument (${nargs} given)`);
    }
    return body(s.i32[args]!);
  });
}

/** A C int argument: TypeError for non-ints, OverflowError past 32 bits; null with the error set. */
function cInt(s: ObjectSpace, v: StackRef): number | null {
  if (!isInt(s, v)) {
    s.raise(s.b.TypeError, `'${s.typeOf(v).name}' object cannot be interpreted as an integer`);
    return null;
  }
  const n = intToSafeNumber(s, v);
  if (n === null) {
    // (Past 2**53: CPython's message for what does not fit a C long.)
    s.raise(s.b.OverflowError, "Python int too large to convert to C long");
    return null;
  }
  if (n > 0x7fff_ffff || n < -0x8000_0000) {
    s.raise(
      s.b.OverflowError,
      n < 0 ? "signed integer is less than minimum" : "signed integer is greater than maximum",
    );
    return null;
  }
  return n;
}

/**
 * The references an object holds as gc.get_referents reports them: its traverse, except that a
 * dict whose keys are all exact str reports only its values (CPython visits no keys of such a
 * table, which it keeps apart).
 */
function referentsOf(
  s: ObjectSpace,
  collector: Collector,
  o: number,
  visit: (r: StackRef) => void,
): void {
  if (s.typeAddrOf(o) === s.b.dict.addr) {
    let unicode = true;
    // A dict's traverse visits each entry's key, then its value.
    const keys: StackRef[] = [];
    const values: StackRef[] = [];
    let k = 0;
    collector.referents(o, (r) => {
      if ((k++ & 1) === 0) keys.push(r);
      else values.push(r);
    });
    for (const key of keys) {
      if (key !== NULL && ((key & 3) === 3 || s.typeAddrOf(key) !== s.b.str.addr)) unicode = false;
    }
    if (unicode) {
      for (const v of values) visit(v);
      return;
    }
  }
  collector.referents(o, visit);
}

/**
 * Whether CPython 3.13 would have `o` tracked: a dict only while it holds something that may be
 * tracked (MAINTAIN_TRACKING: dicts start untracked), other objects as the collector tracks them.
 */
function isTrackedAsCPython(s: ObjectSpace, collector: Collector, o: number): boolean {
  if (!s.heap.isTracked(o)) return false;
  if (s.typeAddrOf(o) !== s.b.dict.addr) return true;
  let found = false;
  collector.referents(o, (r) => {
    if (!found && (r & 3) !== 3 && r !== NULL && s.heap.isTracked(r & ~TAG_MASK)) found = true;
  });
  return found;
}

function fillGcModule(s: ObjectSpace, m: ModuleBuilder, collector: Collector): void {
  const none = () => s.None;
  const lists = collectorLists(s, collector);
  const { callbacks, garbage } = lists;
  m.ref("callbacks", callbacks);
  m.ref("garbage", garbage);

  m.fn("collect", (_self, args, nargs, kwnames) => {
    const a = parseArgs(s, "collect", { names: ["generation"], required: 0 }, args, nargs, kwnames);
    if (a === null) return ERROR;
    let g = 2;
    if (a[0] !== NULL) {
      const v = generationArg(s, a[0]!, "collect");
      if (v === null) return ERROR;
      g = v;
    }
    return s.newInt(collector.collect(g));
  });
  noArgs(s, m, "enable", () => {
    collector.enable();
    return none();
  });
  noArgs(s, m, "disable", () => {
    collector.disable();
    return none();
  });
  noArgs(s, m, "isenabled", () => s.bool(collector.isEnabled));
  noArgs(s, m, "get_count", () =>
    tupleFromRefs(
      s,
      collector.counts().map((c) => s.newInt(c)),
    ),
  );
  noArgs(s, m, "get_threshold", () =>
    tupleFromRefs(
      s,
      collector.thresholds.map((t) => s.newInt(t)),
    ),
  );
  m.fn("set_threshold", (_self, args, nargs, kwnames) => {
    if (kwnames !== NULL && tupleLength(s, kwnames) > 0)
      return s.raise(s.b.TypeError, "gc.set_threshold() takes no keyword arguments");
    if (nargs < 1 || nargs > 3) {
      return s.raise(s.b.TypeError, "gc.set_threshold requires 1 to 3 arguments");
    }
    const t: number[] = [];
    for (let i = 0; i < nargs; i++) {
      const v = cInt(s, s.i32[args + i]!);
      if (v === null) return ERROR;
      t.push(v);
    }
    collector.setThresholds(t[0]!, t[1], t[2]);
    return none();
  });
  noArgs(s, m, "get_debug", () => s.newInt(collector.debugFlags));
  oneArg(s, m, "set_debug", (v) => {
    const flags = cInt(s, v);
    if (flags === null) return ERROR;
    collector.debugFlags = flags;
    return none();
  });
  m.fn("get_objects", (_self, args, nargs, kwnames) => {
    const a = parseArgs(
      s,
      "get_objects",
      { names: ["generation"], required: 0 },
      args,
      nargs,
      kwnames,
    );
    if (a === null) return ERROR;
    let g: number | undefined;
    if (a[0] !== NULL && a[0] !== s.None) {
      if (!isInt(s, a[0]!)) {
        return s.raise(
          s.b.TypeError,
          `argument should be integer or None, not '${s.typeOf(a[0]!).name}'`,
        );
      }
      const v = intToSafeNumber(s, a[0]!);
      if (v === null || v >= 3) {
        return s.raise(
          s.b.ValueError,
          "generation parameter must be less than the number of available generations (3)",
        );
      }
      // A negative generation means all of them, as CPython's get_objects.
      if (v >= 0) g = v;
    }
    return listFromRefs(
      s,
      collector.objects(g).map((o) => s.refs.asOwned(o)),
    );
  });
  m.fn("get_referents", (_self, args, nargs, kwnames) => {
    if (kwnames !== NULL && tupleLength(s, kwnames) > 0)
      return s.raise(s.b.TypeError, "gc.get_referents() takes no keyword arguments");
    const out: StackRef[] = [];
    for (let i = 0; i < nargs; i++) {
      const o = s.i32[args + i]!;
      if ((o & 3) === 3 || !s.heap.isTracked(o & ~TAG_MASK)) continue;
      referentsOf(s, collector, o & ~TAG_MASK, (r) => {
        if (r !== NULL && r !== ERROR) out.push(s.refs.asOwned(r));
      });
    }
    return listFromRefs(s, out);
  });
  m.fn("get_referrers", (_self, args, nargs, kwnames) => {
    if (kwnames !== NULL && tupleLength(s, kwnames) > 0)
      return s.raise(s.b.TypeError, "gc.get_referrers() takes no keyword arguments");
    const targets = new Set<number>();
    for (let i = 0; i < nargs; i++) targets.add(s.i32[args + i]! & ~1);
    const out: StackRef[] = [];
    for (const o of collector.objects()) {
      if (o === (lists.callbacks & ~TAG_MASK)) continue;
      let hit = false;
      referentsOf(s, collector, o, (r) => {
        if (!hit && (r & 3) !== 3 && targets.has(r & ~1)) hit = true;
      });
      if (hit) out.push(s.refs.asOwned(o));
    }
    return listFromRefs(s, out);
  });
  oneArg(s, m, "is_tracked", (o) =>
    s.bool((o & 3) !== 3 && isTrackedAsCPython(s, collector, o & ~TAG_MASK)),
  );
  oneArg(s, m, "is_finalized", (o) =>
    s.bool((o & 3) !== 3 && collector.isFinalized(o & ~TAG_MASK)),
  );
  noArgs(s, m, "freeze", () => {
    collector.freeze();
    return none();
  });
  noArgs(s, m, "unfreeze", () => {
    collector.unfreeze();
    return none();
  });
  noArgs(s, m, "get_freeze_count", () => s.newInt(collector.freezeCount()));
  noArgs(s, m, "get_stats", () => {
    const items: StackRef[] = [];
    for (const g of collector.stats().generations) {
      const d = s.newDict();
      if (d === ERROR) return ERROR;
      s.dictSetStr(d, "collections", s.newInt(g.collections));
      s.dictSetStr(d, "collected", s.newInt(g.collected));
      s.dictSetStr(d, "uncollectable", s.newInt(g.uncollectable));
      items.push(d);
    }
    return listFromRefs(s, items);
  });
  for (const [name, v] of DEBUG_FLAGS) m.int(name, v);
}
