// itertools: every iterator of CPython 3.13's module as a type whose state lives in JavaScript
// (the references it holds are owned and released when the iterator dies).
import {
  collect,
  intToBigInt,
  isInt,
  NB,
  type ObjectSpace,
  type PyType,
  parseArgs,
  SideTable,
  tupleFromRefs,
  tupleItem,
  tupleLength,
} from "@skein/objects";
import { ERROR, NULL, type StackRef, TAG_MASK } from "@skein/stackref";
import type { ModuleBuilder } from "../module-util.js";
import type { Stdlib } from "../runtime.js";

/** The JavaScript state of an iterator. */
interface IterState {
  /** The next item (new reference), NULL when exhausted, ERROR on error. */
  next(): StackRef;
  /** Release the references it holds. */
  dispose(): void;
  repr?(): StackRef;
}

const ITER_JS = 8;
const ITER_SIZE = 12;

type Make = (s: ObjectSpace, args: number, nargs: number, kwnames: StackRef) => IterState | null;

function kwCount(s: ObjectSpace, kwnames: StackRef): number {
  return kwnames === NULL ? 0 : tupleLength(s, kwnames);
}

function noKw(s: ObjectSpace, name: string, kwnames: StackRef): boolean {
  if (kwCount(s, kwnames) > 0) {
    s.raise(s.b.TypeError, `${name}() takes no keyword arguments`);
    return false;
  }
  return true;
}

function asIndexNumber(s: ObjectSpace, v: StackRef, message: string): number | null {
  if (!isInt(s, v)) {
    s.raise(s.b.ValueError, message);
    return null;
  }
  const n = intToBigInt(s, v);
  if (n < 0n || n > 9223372036854775807n) {
    s.raise(s.b.ValueError, message);
    return null;
  }
  return Number(n);
}

/** An owned iterator over `iterable`, or ERROR. */
function iterOf(s: ObjectSpace, iterable: StackRef): StackRef {
  return s.getIter(iterable);
}

export function initItertools(_rt: Stdlib, m: ModuleBuilder): void {
  const s = m.s;
  const i32 = s.i32;
  const table = new SideTable<IterState>();
  const close = (r: StackRef) => s.refs.xclose(r);
  const stateOf = (self: StackRef) => table.get(i32[((self & ~TAG_MASK) + ITER_JS) >> 2]!);

  const define = (name: string, make: Make): PyType => {
    const t = s.newStaticType(name, s.b.object, {
      dealloc: (addr) => {
        const index = i32[(addr + ITER_JS) >> 2]!;
        const st = table.get(index);
        table.remove(index);
        st.dispose();
        s.heap.freeObject(addr);
      },
      new: (cls, args, nargs, kwnames) => {
        const st = make(s, args, nargs, kwnames);
        if (st === null) return ERROR;
        const o = s.allocObject(s.typeFromAddr(cls & ~TAG_MASK), ITER_SIZE);
        if (o === 0) {
          st.dispose();
          return ERROR;
        }
        i32[(o + ITER_JS) >> 2] = table.add(st);
        return o;
      },
      iter: (self) => s.refs.asOwned(self),
      iternext: (self) => stateOf(self).next(),
      repr: (self) => {
        const st = stateOf(self);
        if (st.repr !== undefined) return st.repr();
        const id = (self & ~TAG_MASK).toString(16).padStart(12, "0");
        return s.newStr(`<itertools.${name} object at 0x${id}>`);
      },
    });
    t.module = "itertools";
    m.ref(name, t.addr | 1);
    return t;
  };

  /** The next item of an owned iterator, NULL at the end, ERROR on error. */
  const nextOf = (it: StackRef) => s.iterNext(it);

  define("count", (s, args, nargs, kwnames) => {
    const a = parseArgs(
      s,
      "count",
      { names: ["start", "step"], required: 0 },
      args,
      nargs,
      kwnames,
    );
    if (a === null) return null;
    let cur = a[0] === NULL ? s.newInt(0) : s.refs.asOwned(a[0]!);
    const step = a[1] === NULL ? s.newInt(1) : s.refs.asOwned(a[1]!);
    for (const v of [cur, step]) {
      const t = s.typeOf(v);
      if (!t.isSubtypeOf(s.b.int) && !t.isSubtypeOf(s.b.float) && !t.heap) {
        close(cur);
        close(step);
        s.raise(s.b.TypeError, "a number is required");
        return null;
      }
    }
    return {
      next: () => {
        const r = s.refs.asOwned(cur);
        const n = s.binaryOp(cur, step, NB.ADD);
        if (n === ERROR) {
          close(r);
          return ERROR;
        }
        close(cur);
        cur = n;
        return r;
      },
      dispose: () => {
        close(cur);
        close(step);
      },
      repr: () => {
        const rc = s.repr(cur);
        const rs = s.repr(step);
        if (rc === ERROR || rs === ERROR) return ERROR;
        const stepIsOne = (step & 3) === 3 && step >> 2 === 1;
        const text = stepIsOne
          ? `count(${s.strValue(rc)})`
          : `count(${s.strValue(rc)}, ${s.strValue(rs)})`;
        close(rc);
        close(rs);
        return s.newStr(text);
      },
    };
  });

  define("repeat", (s, args, nargs, kwnames) => {
    const a = parseArgs(
      s,
      "repeat",
      { names: ["object", "times"], required: 1 },
      args,
      nargs,
      kwnames,
    );
    if (a === null) return null;
    let times = -1;
    if (a[1] !== NULL) {
      if (!isInt(s, a[1]!)) {
        s.raise(
          s.b.TypeError,
          `'${s.typeOf(a[1]!).name}' object cannot be interpreted as an integer`,
        );
        return null;
      }
      times = Math.max(0, Number(intToBigInt(s, a[1]!)));
    }
    const obj = s.refs.asOwned(a[0]!);
    return {
      next: () => {
        if (times === 0) return NULL;
        if (times > 0) times--;
        return s.refs.asOwned(obj);
      },
      dispose: () => close(obj),
      repr: () => {
        const r = s.repr(obj);
        if (r === ERROR) return ERROR;
        const text = times < 0 ? `repeat(${s.strValue(r)})` : `repeat(${s.strValue(r)}, ${times})`;
        close(r);
        return s.newStr(text);
      },
    };
  });

  define("cycle", (s, args, nargs, kwnames) => {
    if (!noKw(s, "cycle", kwnames)) return null;
    if (nargs !== 1) {
      s.raise(s.b.TypeError, `cycle expected 1 argument, got ${nargs}`);
      return null;
    }
    let it = iterOf(s, i32[args]!);
    if (it === ERROR) return null;
    const saved: StackRef[] = [];
    let pos = 0;
    return {
      next: () => {
        if (it !== NULL) {
          const v = nextOf(it);
          if (v === ERROR) return ERROR;
          if (v !== NULL) {
            saved.push(s.refs.asOwned(v));
            return v;
          }
          close(it);
          it = NULL;
        }
        if (saved.length === 0) return NULL;
        const v = saved[pos]!;
        pos = (pos + 1) % saved.length;
        return s.refs.asOwned(v);
      },
      dispose: () => {
        close(it);
        for (const v of saved) close(v);
      },
    };
  });

  define("accumulate", (s, args, nargs, kwnames) => {
    const a = parseArgs(
      s,
      "accumulate",
      { names: ["iterable", "func", "*initial"], required: 1 },
      args,
      nargs,
      kwnames,
    );
    if (a === null) return null;
    const it = iterOf(s, a[0]!);
    if (it === ERROR) return null;
    const func = a[1] === NULL || a[1] === s.None ? NULL : s.refs.asOwned(a[1]!);
    let total = NULL;
    let initial = a[2] === NULL || a[2] === s.None ? NULL : s.refs.asOwned(a[2]!);
    return {
      next: () => {
        if (initial !== NULL) {
          total = initial;
          initial = NULL;
          return s.refs.asOwned(total);
        }
        const v = nextOf(it);
        if (v === NULL || v === ERROR) return v;
        if (total === NULL) {
          total = v;
          return s.refs.asOwned(v);
        }
        const n = func === NULL ? s.binaryOp(total, v, NB.ADD) : s.call(func, [total, v]);
        close(v);
        if (n === ERROR) return ERROR;
        close(total);
        total = n;
        return s.refs.asOwned(n);
      },
      dispose: () => {
        close(it);
        close(func);
        close(total);
        close(initial);
      },
    };
  });

  const chainOver = (sources: StackRef): IterState => {
    // `sources` is an owned iterator of iterables.
    let outer = sources;
    let active = NULL;
    return {
      next: () => {
        for (;;) {
          if (active === NULL) {
            if (outer === NULL) return NULL;
            const src = nextOf(outer);
            if (src === ERROR) return ERROR;
            if (src === NULL) {
              close(outer);
              outer = NULL;
              return NULL;
            }
            active = iterOf(s, src);
            close(src);
            if (active === ERROR) {
              active = NULL;
              return ERROR;
            }
          }
          const v = nextOf(active);
          if (v !== NULL) return v;
          close(active);
          active = NULL;
        }
      },
      dispose: () => {
        close(outer);
        close(active);
      },
    };
  };
  const chain = define("chain", (s, args, nargs, kwnames) => {
    if (!noKw(s, "chain", kwnames)) return null;
    const items: StackRef[] = [];
    for (let i = 0; i < nargs; i++) items.push(s.refs.asOwned(i32[args + i]!));
    const t = tupleFromRefs(s, items);
    if (t === ERROR) return null;
    const it = iterOf(s, t);
    close(t);
    return it === ERROR ? null : chainOver(it);
  });
  chain.classMethods.set("from_iterable", (cls, args, nargs) => {
    if (nargs !== 1) {
      return s.raise(
        s.b.TypeError,
        `chain.from_iterable() takes exactly one argument (${nargs} given)`,
      );
    }
    const it = iterOf(s, i32[args]!);
    if (it === ERROR) return ERROR;
    const o = s.allocObject(s.typeFromAddr(cls & ~TAG_MASK), ITER_SIZE);
    if (o === 0) {
      close(it);
      return ERROR;
    }
    i32[(o + ITER_JS) >> 2] = table.add(chainOver(it));
    return o;
  });

  define("compress", (s, args, nargs, kwnames) => {
    const a = parseArgs(
      s,
      "compress",
      { names: ["data", "selectors"], required: 2 },
      args,
      nargs,
      kwnames,
    );
    if (a === null) return null;
    const data = iterOf(s, a[0]!);
    if (data === ERROR) return null;
    const sel = iterOf(s, a[1]!);
    if (sel === ERROR) {
      close(data);
      return null;
    }
    return {
      next: () => {
        for (;;) {
          const d = nextOf(data);
          if (d === NULL || d === ERROR) return d;
          const f = nextOf(sel);
          if (f === NULL || f === ERROR) {
            close(d);
            return f;
          }
          const t = s.isTrue(f);
          close(f);
          if (t < 0) {
            close(d);
            return ERROR;
          }
          if (t === 1) return d;
          close(d);
        }
      },
      dispose: () => {
        close(data);
        close(sel);
      },
    };
  });

  const predicateIter =
    (name: string, mode: "dropwhile" | "takewhile" | "filterfalse"): Make =>
    (s, args, nargs, kwnames) => {
      if (!noKw(s, name, kwnames)) return null;
      if (nargs !== 2) {
        s.raise(s.b.TypeError, `${name} expected 2 arguments, got ${nargs}`);
        return null;
      }
      const pred = s.refs.asOwned(i32[args]!);
      const it = iterOf(s, i32[args + 1]!);
      if (it === ERROR) {
        close(pred);
        return null;
      }
      let done = false;
      return {
        next: () => {
          for (;;) {
            if (done && mode === "takewhile") return NULL;
            const v = nextOf(it);
            if (v === NULL || v === ERROR) return v;
            if (done && mode === "dropwhile") return v;
            let t: number;
            if (mode === "filterfalse" && pred === s.None) t = s.isTrue(v);
            else {
              const r = s.call(pred, [v]);
              if (r === ERROR) {
                close(v);
                return ERROR;
              }
              t = s.isTrue(r);
              close(r);
            }
            if (t < 0) {
              close(v);
              return ERROR;
            }
            if (mode === "filterfalse") {
              if (t === 0) return v;
              close(v);
              continue;
            }
            if (mode === "takewhile") {
              if (t === 1) return v;
              close(v);
              done = true;
              return NULL;
            }
            if (t === 0) {
              done = true;
              return v;
            }
            close(v);
          }
        },
        dispose: () => {
          close(pred);
          close(it);
        },
      };
    };
  define("dropwhile", predicateIter("dropwhile", "dropwhile"));
  define("takewhile", predicateIter("takewhile", "takewhile"));
  define("filterfalse", predicateIter("filterfalse", "filterfalse"));

  define("starmap", (s, args, nargs, kwnames) => {
    if (!noKw(s, "starmap", kwnames)) return null;
    if (nargs !== 2) {
      s.raise(s.b.TypeError, `starmap expected 2 arguments, got ${nargs}`);
      return null;
    }
    const func = s.refs.asOwned(i32[args]!);
    const it = iterOf(s, i32[args + 1]!);
    if (it === ERROR) {
      close(func);
      return null;
    }
    return {
      next: () => {
        const v = nextOf(it);
        if (v === NULL || v === ERROR) return v;
        const items = collect(s, v);
        close(v);
        if (items === null) return ERROR;
        const r = s.call(func, items);
        for (const x of items) close(x);
        return r;
      },
      dispose: () => {
        close(func);
        close(it);
      },
    };
  });

  define("islice", (s, args, nargs, kwnames) => {
    if (!noKw(s, "islice", kwnames)) return null;
    if (nargs < 2 || nargs > 4) {
      s.raise(
        s.b.TypeError,
        nargs < 2
          ? `islice expected at least 2 arguments, got ${nargs}`
          : `islice expected at most 4 arguments, got ${nargs}`,
      );
      return null;
    }
    const message = "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.";
    let start = 0;
    let stop = -1;
    let step = 1;
    if (nargs === 2) {
      const v = i32[args + 1]!;
      if (v !== s.None) {
        const n = asIndexNumber(s, v, message);
        if (n === null) return null;
        stop = n;
      }
    } else {
      const a1 = i32[args + 1]!;
      const a2 = i32[args + 2]!;
      const startMsg = "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.";
      if (a1 !== s.None) {
        const n = asIndexNumber(s, a1, startMsg);
        if (n === null) return null;
        start = n;
      }
      if (a2 !== s.None) {
        const n = asIndexNumber(s, a2, startMsg);
        if (n === null) return null;
        stop = n;
      }
      if (nargs === 4 && i32[args + 3] !== s.None) {
        const v = i32[args + 3]!;
        const n = isInt(s, v) ? Number(intToBigInt(s, v)) : -1;
        if (n < 1) {
          s.raise(s.b.ValueError, "Step for islice() must be a positive integer or None.");
          return null;
        }
        step = n;
      }
    }
    let it = iterOf(s, i32[args]!);
    if (it === ERROR) return null;
    let index = 0;
    let nextWanted = start;
    return {
      next: () => {
        if (it === NULL) return NULL;
        for (;;) {
          if (stop >= 0 && nextWanted >= stop) {
            // Consume up to stop, as CPython does, then finish.
            while (index < stop) {
              const v = nextOf(it);
              if (v === ERROR) return ERROR;
              if (v === NULL) break;
              close(v);
              index++;
            }
            close(it);
            it = NULL;
            return NULL;
          }
          const v = nextOf(it);
          if (v === NULL || v === ERROR) {
            if (v === NULL) {
              close(it);
              it = NULL;
            }
            return v;
          }
          const i = index++;
          if (i === nextWanted) {
            nextWanted += step;
            return v;
          }
          close(v);
        }
      },
      dispose: () => close(it),
    };
  });

  define("pairwise", (s, args, nargs, kwnames) => {
    if (!noKw(s, "pairwise", kwnames)) return null;
    if (nargs !== 1) {
      s.raise(s.b.TypeError, `pairwise expected 1 argument, got ${nargs}`);
      return null;
    }
    const it = iterOf(s, i32[args]!);
    if (it === ERROR) return null;
    let old = NULL;
    return {
      next: () => {
        if (old === NULL) {
          old = nextOf(it);
          if (old === NULL || old === ERROR) {
            const r = old;
            old = NULL;
            return r;
          }
        }
        const v = nextOf(it);
        if (v === NULL || v === ERROR) return v;
        const pair = tupleFromRefs(s, [old, s.refs.asOwned(v)]);
        old = v;
        return pair;
      },
      dispose: () => {
        close(it);
        close(old);
      },
    };
  });

  define("zip_longest", (s, args, nargs, kwnames) => {
    const kw = parseArgs(
      s,
      "zip_longest",
      { names: ["*fillvalue"], required: 0 },
      args + nargs,
      0,
      kwnames,
    );
    if (kw === null) return null;
    const fill = kw[0] === NULL ? s.None : s.refs.asOwned(kw[0]!);
    const its: StackRef[] = [];
    for (let i = 0; i < nargs; i++) {
      const it = iterOf(s, i32[args + i]!);
      if (it === ERROR) {
        for (const x of its) close(x);
        close(fill);
        return null;
      }
      its.push(it);
    }
    let active = its.length;
    return {
      next: () => {
        if (its.length === 0 || active === 0) return NULL;
        const items: StackRef[] = [];
        for (let i = 0; i < its.length; i++) {
          const it = its[i]!;
          let v: StackRef = NULL;
          if (it !== NULL) {
            v = nextOf(it);
            if (v === ERROR) {
              for (const x of items) close(x);
              return ERROR;
            }
            if (v === NULL) {
              close(it);
              its[i] = NULL;
              active--;
              if (active === 0) {
                for (const x of items) close(x);
                return NULL;
              }
            }
          }
          items.push(v === NULL ? s.refs.asOwned(fill) : v);
        }
        return tupleFromRefs(s, items);
      },
      dispose: () => {
        for (const x of its) close(x);
        close(fill);
      },
    };
  });

  const groupbyType = define("groupby", (s, args, nargs, kwnames) => {
    const a = parseArgs(
      s,
      "groupby",
      { names: ["iterable", "key"], required: 1 },
      args,
      nargs,
      kwnames,
    );
    if (a === null) return null;
    const it = iterOf(s, a[0]!);
    if (it === ERROR) return null;
    const key = a[1] === NULL || a[1] === s.None ? NULL : s.refs.asOwned(a[1]!);
    // Groups are lists materialized on demand (the grouper sees the same items).
    let pending = NULL;
    let pendingKey = NULL;
    let exhausted = false;
    const keyOf = (v: StackRef) => (key === NULL ? s.refs.asOwned(v) : s.call(key, [v]));
    return {
      next: () => {
        if (pending === NULL) {
          if (exhausted) return NULL;
          const v = nextOf(it);
          if (v === NULL || v === ERROR) {
            exhausted = true;
            return v;
          }
          const k = keyOf(v);
          if (k === ERROR) {
            close(v);
            return ERROR;
          }
          pending = v;
          pendingKey = k;
        }
        const groupKey = pendingKey;
        const items: StackRef[] = [pending];
        pending = NULL;
        pendingKey = NULL;
        for (;;) {
          const v = nextOf(it);
          if (v === ERROR) {
            for (const x of items) close(x);
            close(groupKey);
            return ERROR;
          }
          if (v === NULL) {
            exhausted = true;
            break;
          }
          const k = keyOf(v);
          if (k === ERROR) {
            close(v);
            for (const x of items) close(x);
            close(groupKey);
            return ERROR;
          }
          const eq = s.richCompareBool(k, groupKey, 2);
          if (eq < 0) {
            close(v);
            close(k);
            for (const x of items) close(x);
            close(groupKey);
            return ERROR;
          }
          if (eq === 1) {
            items.push(v);
            close(k);
          } else {
            pending = v;
            pendingKey = k;
            break;
          }
        }
        const list = s.newList(items);
        if (list === ERROR) {
          close(groupKey);
          return ERROR;
        }
        const group = s.getIter(list);
        close(list);
        if (group === ERROR) {
          close(groupKey);
          return ERROR;
        }
        return tupleFromRefs(s, [groupKey, group]);
      },
      dispose: () => {
        close(it);
        close(key);
        close(pending);
        close(pendingKey);
      },
    };
  });
  void groupbyType;

  define("tee", (s) => {
    s.raise(s.b.TypeError, "cannot create 'itertools._tee' instances");
    return null;
  });
  m.fn("tee", (_self, args, nargs, kwnames) => {
    if (!noKw(s, "tee", kwnames)) return ERROR;
    if (nargs < 1 || nargs > 2) {
      return s.raise(s.b.TypeError, `tee expected at most 2 arguments, got ${nargs}`);
    }
    let n = 2;
    if (nargs === 2) {
      const v = i32[args + 1]!;
      if (!isInt(s, v)) {
        return s.raise(
          s.b.TypeError,
          `'${s.typeOf(v).name}' object cannot be interpreted as an integer`,
        );
      }
      n = Number(intToBigInt(s, v));
      if (n < 0) return s.raise(s.b.ValueError, "n must be >= 0");
    }
    const it = iterOf(s, i32[args]!);
    if (it === ERROR) return ERROR;
    // A shared buffer: each tee'd iterator reads from its own position.
    const shared = { it, buffer: [] as StackRef[], base: 0, positions: [] as number[], live: n };
    const outs: StackRef[] = [];
    const teeType = s.typeOf(it);
    void teeType;
    for (let k = 0; k < n; k++) {
      shared.positions.push(0);
      const state: IterState = {
        next: () => {
          const pos = shared.positions[k]!;
          const idx = pos - shared.base;
          if (idx < shared.buffer.length) {
            shared.positions[k] = pos + 1;
            return s.refs.asOwned(shared.buffer[idx]!);
          }
          if (shared.it === NULL) return NULL;
          const v = nextOf(shared.it);
          if (v === NULL || v === ERROR) return v;
          shared.buffer.push(s.refs.asOwned(v));
          shared.positions[k] = pos + 1;
          return v;
        },
        dispose: () => {
          shared.live--;
          if (shared.live === 0) {
            close(shared.it);
            shared.it = NULL;
            for (const v of shared.buffer) close(v);
            shared.buffer = [];
          }
        },
      };
      const o = s.allocObject(teeObject, ITER_SIZE);
      if (o === 0) {
        state.dispose();
        for (const x of outs) close(x);
        return ERROR;
      }
      i32[(o + ITER_JS) >> 2] = table.add(state);
      outs.push(o);
    }
    if (n === 0) close(it);
    return tupleFromRefs(s, outs);
  });
  const teeObject = s.types.find((t) => t.name === "tee" && t.module === "itertools")!;
  s.dictSetStr(m.dict, "_tee", teeObject.addr | 1);

  // ---- combinatorics: pools materialized as tuples of owned references ----
  const poolOf = (v: StackRef): StackRef[] | null => collect(s, v);
  const indexIter = (pool: StackRef[], advance: () => number[] | null): IterState => ({
    next: () => {
      const idx = advance();
      if (idx === null) return NULL;
      return tupleFromRefs(
        s,
        idx.map((i) => s.refs.asOwned(pool[i]!)),
      );
    },
    dispose: () => {
      for (const v of pool) close(v);
    },
  });
  const rArg = (v: StackRef, name: string): number | null => {
    if (!isInt(s, v)) {
      s.raise(s.b.TypeError, `Expected int as r`);
      return null;
    }
    const r = Number(intToBigInt(s, v));
    if (r < 0) {
      s.raise(s.b.ValueError, "r must be non-negative");
      return null;
    }
    void name;
    return r;
  };

  define("product", (s, args, nargs, kwnames) => {
    const kw = parseArgs(
      s,
      "product",
      { names: ["*repeat"], required: 0 },
      args + nargs,
      0,
      kwnames,
    );
    if (kw === null) return null;
    let repeat = 1;
    if (kw[0] !== NULL) {
      if (!isInt(s, kw[0]!)) {
        s.raise(
          s.b.TypeError,
          `'${s.typeOf(kw[0]!).name}' object cannot be interpreted as an integer`,
        );
        return null;
      }
      repeat = Number(intToBigInt(s, kw[0]!));
      if (repeat < 0) {
        s.raise(s.b.ValueError, "repeat argument cannot be negative");
        return null;
      }
    }
    const pools: StackRef[][] = [];
    for (let i = 0; i < nargs; i++) {
      const p = poolOf(i32[args + i]!);
      if (p === null) {
        for (const q of pools) for (const v of q) close(v);
        return null;
      }
      pools.push(p);
    }
    const all: StackRef[][] = [];
    for (let r = 0; r < repeat; r++) all.push(...pools);
    const flat: StackRef[] = [];
    const offsets: number[] = [];
    for (const p of all) {
      offsets.push(flat.length);
      for (const v of p) flat.push(s.refs.asOwned(v));
    }
    for (const q of pools) for (const v of q) close(v);
    const sizes = all.map((p) => p.length);
    let indices: number[] | null = null;
    let done = sizes.some((n) => n === 0);
    return indexIter(flat, () => {
      if (done) return null;
      if (indices === null) indices = sizes.map(() => 0);
      else {
        let i = sizes.length - 1;
        for (; i >= 0; i--) {
          indices[i]!++;
          if (indices[i]! < sizes[i]!) break;
          indices[i] = 0;
        }
        if (i < 0) {
          done = true;
          return null;
        }
      }
      return indices.map((x, k) => offsets[k]! + x);
    });
  });

  define("permutations", (s, args, nargs, kwnames) => {
    const a = parseArgs(
      s,
      "permutations",
      { names: ["iterable", "r"], required: 1 },
      args,
      nargs,
      kwnames,
    );
    if (a === null) return null;
    const pool = poolOf(a[0]!);
    if (pool === null) return null;
    const n = pool.length;
    let r = n;
    if (a[1] !== NULL && a[1] !== s.None) {
      const v = rArg(a[1]!, "permutations");
      if (v === null) {
        for (const x of pool) close(x);
        return null;
      }
      r = v;
    }
    const indices = [...Array(n).keys()];
    const cycles = Array.from({ length: r }, (_, i) => n - i);
    let first = true;
    let done = r > n;
    return indexIter(pool, () => {
      if (done) return null;
      if (first) {
        first = false;
        return indices.slice(0, r);
      }
      for (let i = r - 1; i >= 0; i--) {
        cycles[i]!--;
        if (cycles[i] === 0) {
          const moved = indices.splice(i, 1)[0]!;
          indices.push(moved);
          cycles[i] = n - i;
        } else {
          const j = cycles[i]!;
          const t = indices[i]!;
          indices[i] = indices[n - j]!;
          indices[n - j] = t;
          return indices.slice(0, r);
        }
      }
      done = true;
      return null;
    });
  });

  const combos =
    (name: string, withReplacement: boolean): Make =>
    (s, args, nargs, kwnames) => {
      const a = parseArgs(s, name, { names: ["iterable", "r"], required: 2 }, args, nargs, kwnames);
      if (a === null) return null;
      const pool = poolOf(a[0]!);
      if (pool === null) return null;
      const r = rArg(a[1]!, name);
      if (r === null) {
        for (const x of pool) close(x);
        return null;
      }
      const n = pool.length;
      const indices = withReplacement ? Array(r).fill(0) : [...Array(r).keys()];
      let first = true;
      let done = withReplacement ? n === 0 && r > 0 : r > n;
      return indexIter(pool, () => {
        if (done) return null;
        if (first) {
          first = false;
          return indices.slice();
        }
        let i = r - 1;
        if (withReplacement) {
          while (i >= 0 && indices[i] === n - 1) i--;
          if (i < 0) {
            done = true;
            return null;
          }
          const v = indices[i]! + 1;
          for (let j = i; j < r; j++) indices[j] = v;
        } else {
          while (i >= 0 && indices[i] === i + n - r) i--;
          if (i < 0) {
            done = true;
            return null;
          }
          indices[i]!++;
          for (let j = i + 1; j < r; j++) indices[j] = indices[j - 1]! + 1;
        }
        return indices.slice();
      });
    };
  define("combinations", combos("combinations", false));
  define("combinations_with_replacement", combos("combinations_with_replacement", true));

  define("batched", (s, args, nargs, kwnames) => {
    const a = parseArgs(
      s,
      "batched",
      { names: ["iterable", "n", "*strict"], required: 2 },
      args,
      nargs,
      kwnames,
    );
    if (a === null) return null;
    if (!isInt(s, a[1]!)) {
      s.raise(
        s.b.TypeError,
        `'${s.typeOf(a[1]!).name}' object cannot be interpreted as an integer`,
      );
      return null;
    }
    const n = Number(intToBigInt(s, a[1]!));
    if (n < 1) {
      s.raise(s.b.ValueError, "n must be at least one");
      return null;
    }
    const strict = a[2] !== NULL && s.isTrue(a[2]!) === 1;
    const it = iterOf(s, a[0]!);
    if (it === ERROR) return null;
    return {
      next: () => {
        const items: StackRef[] = [];
        while (items.length < n) {
          const v = nextOf(it);
          if (v === ERROR) {
            for (const x of items) close(x);
            return ERROR;
          }
          if (v === NULL) break;
          items.push(v);
        }
        if (items.length === 0) return NULL;
        if (strict && items.length < n) {
          for (const x of items) close(x);
          return s.raise(s.b.ValueError, "batched(): incomplete batch");
        }
        return tupleFromRefs(s, items);
      },
      dispose: () => close(it),
    };
  });
  void tupleItem;
}
