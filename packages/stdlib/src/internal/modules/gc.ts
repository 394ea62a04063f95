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
    if (listAppend(s, garbageList, addr) < 0) s.refs.close(s.fetchException());
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
      if (r === ERROR) s.refs.close(s.fetchException());
      else s.refs.close(r);
      s.curexc = saved;
      s.refs.close(f);
    }
    s.refs.close(p);
    s.refs.close(d);
  });
  return lists;
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
  m.fn("enable", () => {
    collector.enable();
    return none();
  });
  m.fn("disable", () => {
    collector.disable();
    return none();
  });
  m.fn("isenabled", () => s.bool(collector.isEnabled));
  m.fn("get_count", () =>
    tupleFromRefs(
      s,
      collector.counts().map((c) => s.newInt(c)),
    ),
  );
  m.fn("get_threshold", () =>
    tupleFromRefs(
      s,
      collector.thresholds.map((t) => s.newInt(t)),
    ),
  );
  m.fn("set_threshold", (_self, args, nargs) => {
    if (nargs < 1 || nargs > 3) {
      return s.raise(
        s.b.TypeError,
        nargs < 1
          ? "set_threshold() takes at least 1 argument (0 given)"
          : `set_threshold() takes at most 3 arguments (${nargs} given)`,
      );
    }
    const t: number[] = [];
    for (let i = 0; i < nargs; i++) {
      const v = s.i32[args + i]!;
      if (!isInt(s, v)) {
        return s.raise(
          s.b.TypeError,
          `'${s.typeOf(v).name}' object cannot be interpreted as an integer`,
        );
      }
      t.push(intToSafeNumber(s, v) ?? 0);
    }
    collector.setThresholds(t[0]!, t[1], t[2]);
    return none();
  });
  m.fn("get_debug", () => s.newInt(collector.debugFlags));
  m.fn("set_debug", (_self, args, nargs) => {
    if (nargs !== 1 || !isInt(s, s.i32[args]!)) {
      return s.raise(s.b.TypeError, "set_debug() takes exactly one integer argument");
    }
    collector.debugFlags = intToSafeNumber(s, s.i32[args]!) ?? 0;
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
      const v = generationArg(s, a[0]!, "get_objects");
      if (v === null) return ERROR;
      g = v;
    }
    return listFromRefs(
      s,
      collector.objects(g).map((o) => s.refs.asOwned(o)),
    );
  });
  m.fn("get_referents", (_self, args, nargs) => {
    const out: StackRef[] = [];
    for (let i = 0; i < nargs; i++) {
      const o = s.i32[args + i]!;
      if ((o & 3) === 3) continue;
      collector.referents(o & ~TAG_MASK, (r) => {
        if (r !== NULL && r !== ERROR) out.push(s.refs.asOwned(r));
      });
    }
    return listFromRefs(s, out);
  });
  m.fn("get_referrers", (_self, args, nargs) => {
    const targets = new Set<number>();
    for (let i = 0; i < nargs; i++) targets.add(s.i32[args + i]! & ~1);
    const out: StackRef[] = [];
    for (const o of collector.objects()) {
      if (o === (lists.callbacks & ~TAG_MASK)) continue;
      let hit = false;
      collector.referents(o, (r) => {
        if (!hit && (r & 3) !== 3 && targets.has(r & ~1)) hit = true;
      });
      if (hit) out.push(s.refs.asOwned(o));
    }
    return listFromRefs(s, out);
  });
  m.fn("is_tracked", (_self, args, nargs) => {
    if (nargs !== 1)
      return s.raise(s.b.TypeError, `is_tracked() takes exactly one argument (${nargs} given)`);
    const o = s.i32[args]!;
    return s.bool((o & 3) !== 3 && s.heap.isTracked(o & ~TAG_MASK));
  });
  m.fn("is_finalized", (_self, args, nargs) => {
    if (nargs !== 1)
      return s.raise(s.b.TypeError, `is_finalized() takes exactly one argument (${nargs} given)`);
    const o = s.i32[args]!;
    return s.bool((o & 3) !== 3 && collector.isFinalized(o & ~TAG_MASK));
  });
  m.fn("freeze", () => {
    collector.freeze();
    return none();
  });
  m.fn("unfreeze", () => {
    collector.unfreeze();
    return none();
  });
  m.fn("get_freeze_count", () => s.newInt(collector.freezeCount()));
  m.fn("get_stats", () => {
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
