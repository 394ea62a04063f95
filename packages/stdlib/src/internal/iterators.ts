// The builtin iterator types: enumerate, zip, map, filter, reversed. Each keeps its state in a
// small GC-tracked object; the JavaScript side only holds the slot functions.
import {
  callSpecial,
  collect,
  intFromNumber,
  noKeywords,
  type ObjectSpace,
  type PyType,
  parseArgs,
  tupleFromRefs,
} from "@skein/objects";
import { ERROR, NULL, type StackRef } from "@skein/stackref";

// Layout shared by these iterators: [header][a][b][c][d]; the meaning of each word per type.
const F0 = 8;
const F1 = 12;
const F2 = 16;
const SIZE = 24;

type Define = (name: string, type: PyType) => void;

export function installIterators(s: ObjectSpace, define: Define): void {
  const i32 = s.i32;
  const refs = s.refs;
  const field = (self: StackRef, f: number) => i32[((self & ~3) + f) >> 2]!;
  const closeFields = (addr: number, fields: number[]) => {
    for (const f of fields) refs.close(i32[(addr + f) >> 2]!);
    s.heap.freeObject(addr);
  };
  const alloc = (type: PyType, a: StackRef, b: StackRef, c: StackRef): StackRef => {
    const addr = s.allocObject(type, SIZE);
    if (addr === 0) {
      refs.close(a);
      refs.close(b);
      refs.close(c);
      return ERROR;
    }
    i32[(addr + F0) >> 2] = a;
    i32[(addr + F1) >> 2] = b;
    i32[(addr + F2) >> 2] = c;
    return addr;
  };
  const selfIter = (self: StackRef) => refs.dup(self);

  // enumerate: F0 iterator, F1 next index (an int reference)
  const enumerate: PyType = s.newStaticType(
    "enumerate",
    s.objectType,
    {
      dealloc: (a) => closeFields(a, [F0, F1]),
      iter: selfIter,
      iternext: (self) => {
        const v = s.iterNext(field(self, F0));
        if (v === NULL || v === ERROR) return v;
        const index = field(self, F1);
        const next = s.binaryOp(index, intFromNumber(s, 1), 0);
        if (next === ERROR) {
          refs.close(v);
          return ERROR;
        }
        i32[((self & ~3) + F1) >> 2] = next;
        return tupleFromRefs(s, [index, v]);
      },
      new: (_t, args, nargs, kwnames) => {
        const a = parseArgs(
          s,
          "enumerate",
          { names: ["iterable", "start"], required: 1 },
          args,
          nargs,
          kwnames,
        );
        if (a === null) return ERROR;
        const it = s.getIter(a[0]!);
        if (it === ERROR) return ERROR;
        return alloc(enumerate, it, a[1] === NULL ? 3 : refs.asOwned(a[1]!), NULL);
      },
    },
    { gc: true },
  );
  define("enumerate", enumerate);

  // zip: F0 tuple of iterators, F1 strict flag (tagged int)
  const zip: PyType = s.newStaticType(
    "zip",
    s.objectType,
    {
      dealloc: (a) => closeFields(a, [F0]),
      iter: selfIter,
      iternext: (self) => {
        const its = collect(s, field(self, F0));
        if (its === null) return ERROR;
        const values: StackRef[] = [];
        let result: StackRef = NULL;
        for (const it of its) {
          const v = s.iterNext(it);
          if (v === ERROR) {
            result = ERROR;
            break;
          }
          if (v === NULL) break;
          values.push(v);
        }
        if (result !== ERROR && values.length === its.length && its.length > 0) {
          result = tupleFromRefs(s, values);
        } else {
          for (const v of values) refs.close(v);
          if (result !== ERROR && field(self, F1) >> 2 === 1 && values.length !== its.length) {
            const which = values.length + 1;
            result =
              values.length === 0
                ? s.raise(s.b.ValueError, `zip() argument ${which + 1} is shorter than argument 1`)
                : s.raise(
                    s.b.ValueError,
                    `zip() argument ${which} is shorter than argument${which === 2 ? "" : "s"} 1${which > 2 ? `-${which - 1}` : ""}`,
                  );
          }
        }
        for (const it of its) refs.close(it);
        return result;
      },
      new: (_t, args, nargs, kwnames) => {
        const kw = parseArgs(
          s,
          "zip",
          { names: ["*strict"], required: 0 },
          args + nargs,
          0,
          kwnames,
        );
        if (kw === null) return ERROR;
        const strict = kw[0] === NULL ? 0 : s.isTrue(kw[0]!);
        if (strict < 0) return ERROR;
        const its: StackRef[] = [];
        for (let i = 0; i < nargs; i++) {
          const it = s.getIter(i32[args + i]!);
          if (it === ERROR) {
            for (const made of its) refs.close(made);
            return ERROR;
          }
          its.push(it);
        }
        const t = tupleFromRefs(s, its);
        if (t === ERROR) return ERROR;
        return alloc(zip, t, (strict << 2) | 3, NULL);
      },
    },
    { gc: true },
  );
  define("zip", zip);

  // map: F0 function, F1 tuple of iterators
  const map: PyType = s.newStaticType(
    "map",
    s.objectType,
    {
      dealloc: (a) => closeFields(a, [F0, F1]),
      iter: selfIter,
      iternext: (self) => {
        const its = collect(s, field(self, F1));
        if (its === null) return ERROR;
        const values: StackRef[] = [];
        let result: StackRef = NULL;
        for (const it of its) {
          const v = s.iterNext(it);
          if (v === NULL || v === ERROR) {
            result = v;
            break;
          }
          values.push(v);
        }
        if (values.length === its.length) result = s.call(field(self, F0), values);
        for (const v of values) refs.close(v);
        for (const it of its) refs.close(it);
        return result;
      },
      new: (_t, args, nargs, kwnames) => {
        if (!noKeywords(s, "map", kwnames)) return ERROR;
        if (nargs < 2) return s.raise(s.b.TypeError, "map() must have at least two arguments.");
        const its: StackRef[] = [];
        for (let i = 1; i < nargs; i++) {
          const it = s.getIter(i32[args + i]!);
          if (it === ERROR) {
            for (const made of its) refs.close(made);
            return ERROR;
          }
          its.push(it);
        }
        const t = tupleFromRefs(s, its);
        if (t === ERROR) return ERROR;
        return alloc(map, refs.asOwned(i32[args]!), t, NULL);
      },
    },
    { gc: true },
  );
  define("map", map);

  // filter: F0 function (None for truth), F1 iterator
  const filter: PyType = s.newStaticType(
    "filter",
    s.objectType,
    {
      dealloc: (a) => closeFields(a, [F0, F1]),
      iter: selfIter,
      iternext: (self) => {
        const fn = field(self, F0);
        for (;;) {
          const v = s.iterNext(field(self, F1));
          if (v === NULL || v === ERROR) return v;
          let t: number;
          if (fn === s.None) t = s.isTrue(v);
          else {
            const r = s.call(fn, [v]);
            t = r === ERROR ? -1 : s.isTrue(r);
            if (r !== ERROR) refs.close(r);
          }
          if (t === 1) return v;
          refs.close(v);
          if (t < 0) return ERROR;
        }
      },
      new: (_t, args, nargs, kwnames) => {
        if (!noKeywords(s, "filter", kwnames)) return ERROR;
        if (nargs !== 2) return s.raise(s.b.TypeError, `filter expected 2 arguments, got ${nargs}`);
        const it = s.getIter(i32[args + 1]!);
        if (it === ERROR) return ERROR;
        return alloc(filter, refs.asOwned(i32[args]!), it, NULL);
      },
    },
    { gc: true },
  );
  define("filter", filter);

  // reversed: F0 sequence, F1 next index (tagged int, -1 when done)
  const reversed: PyType = s.newStaticType(
    "reversed",
    s.objectType,
    {
      dealloc: (a) => closeFields(a, [F0]),
      iter: selfIter,
      iternext: (self) => {
        const index = field(self, F1) >> 2;
        if (index < 0) return NULL;
        i32[((self & ~3) + F1) >> 2] = ((index - 1) << 2) | 3;
        return s.getItem(field(self, F0), (index << 2) | 3);
      },
      new: (_t, args, nargs, kwnames) => {
        if (!noKeywords(s, "reversed", kwnames)) return ERROR;
        if (nargs !== 1) {
          return s.raise(s.b.TypeError, `reversed expected 1 argument, got ${nargs}`);
        }
        const seq = i32[args]!;
        // The object's own __reversed__ first (dict, enums, classes), then the sequence protocol.
        const own = callSpecial(s, seq, "__reversed__", []);
        if (own !== NULL) return own;
        const slots = s.typeOf(seq).slots;
        if (slots.getitem === undefined || slots.len === undefined || s.typeOf(seq) === s.b.dict) {
          return s.raise(s.b.TypeError, `'${s.typeOf(seq).name}' object is not reversible`);
        }
        const n = s.length(seq);
        if (n < 0) return ERROR;
        return alloc(reversed, refs.asOwned(seq), ((n - 1) << 2) | 3, NULL);
      },
    },
    { gc: true },
  );
  define("reversed", reversed);
}
