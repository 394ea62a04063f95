// range and its iterator. The range holds int references; the iterator counts in doubles, which
// are exact for every range whose bounds fit in 53 bits (larger ones raise OverflowError).
import { ERROR, NULL, type StackRef, TAG_MASK } from "@skein/stackref";
import type { Builtins } from "./builtins-types.js";
import { intFromBigInt, intFromNumber, intToBigInt, intToSafeNumber, isInt } from "./int.js";
import {
  RANGE_LENGTH,
  RANGE_SIZE,
  RANGE_START,
  RANGE_STEP,
  RANGE_STOP,
  RANGEITER_LEFT,
  RANGEITER_NEXT,
  RANGEITER_SIZE,
  RANGEITER_STEP,
} from "./layout.js";
import { noArgs, oneArg } from "./method-args.js";
import type { ObjectSpace } from "./space.js";
import { CompareOp } from "./type.js";

function rangeLength(start: bigint, stop: bigint, step: bigint): bigint {
  if (step > 0n) return start < stop ? (stop - start - 1n) / step + 1n : 0n;
  return start > stop ? (start - stop - 1n) / -step + 1n : 0n;
}

/** range(start, stop, step) from three ints (borrowed). */
export function newRange(
  s: ObjectSpace,
  start: StackRef,
  stop: StackRef,
  step: StackRef,
): StackRef {
  const st = intToBigInt(s, step);
  if (st === 0n) return s.raise(s.b.ValueError, "range() arg 3 must not be zero");
  const length = intFromBigInt(s, rangeLength(intToBigInt(s, start), intToBigInt(s, stop), st));
  if (length === ERROR) return ERROR;
  const addr = s.allocObject(s.b.range, RANGE_SIZE);
  if (addr === 0) {
    s.refs.close(length);
    return ERROR;
  }
  const i32 = s.i32;
  i32[(addr + RANGE_START) >> 2] = s.refs.asOwned(start);
  i32[(addr + RANGE_STOP) >> 2] = s.refs.asOwned(stop);
  i32[(addr + RANGE_STEP) >> 2] = s.refs.asOwned(step);
  i32[(addr + RANGE_LENGTH) >> 2] = length;
  return addr;
}

function field(s: ObjectSpace, r: StackRef, f: number): StackRef {
  return s.i32[((r & ~TAG_MASK) + f) >> 2]!;
}

export function installRange(s: ObjectSpace, b: Builtins): void {
  b.range = s.newStaticType("range", b.object, {
    dealloc: (addr) => {
      for (const f of [RANGE_START, RANGE_STOP, RANGE_STEP, RANGE_LENGTH]) {
        s.refs.close(s.i32[(addr + f) >> 2]!);
      }
      s.heap.freeObject(addr);
    },
    new: (_type, args, nargs, kwnames) => {
      if (kwnames !== NULL) return s.raise(s.b.TypeError, "range() takes no keyword arguments");
      if (nargs < 1 || nargs > 3) {
        return s.raise(
          s.b.TypeError,
          nargs === 0
            ? "range expected at least 1 argument, got 0"
            : `range expected at most 3 arguments, got ${nargs}`,
        );
      }
      const i32 = s.i32;
      for (let i = 0; i < nargs; i++) {
        if (!isInt(s, i32[args + i]!)) {
          return s.raise(
            s.b.TypeError,
            `'${s.typeOf(i32[args + i]!).name}' object cannot be interpreted as an integer`,
          );
        }
      }
      const one = intFromNumber(s, 1);
      const zero = intFromNumber(s, 0);
      if (nargs === 1) return newRange(s, zero, i32[args]!, one);
      return newRange(s, i32[args]!, i32[args + 1]!, nargs === 3 ? i32[args + 2]! : one);
    },
    repr: (self) => {
      const parts = [RANGE_START, RANGE_STOP].map((f) =>
        intToBigInt(s, field(s, self, f)).toString(),
      );
      const step = intToBigInt(s, field(s, self, RANGE_STEP));
      if (step !== 1n) parts.push(step.toString());
      return s.newStr(`range(${parts.join(", ")})`);
    },
    len: (self) => {
      const n = intToSafeNumber(s, field(s, self, RANGE_LENGTH));
      if (n === null || n > 0x7fffffff) {
        s.raise(s.b.OverflowError, "Python int too large to convert to C ssize_t");
        return -1;
      }
      return n;
    },
    bool: (self) => (intToBigInt(s, field(s, self, RANGE_LENGTH)) !== 0n ? 1 : 0),
    getitem: (self, key) => {
      if (!isInt(s, key)) {
        return s.raise(
          s.b.TypeError,
          `range indices must be integers or slices, not ${s.typeOf(key).name}`,
        );
      }
      const n = intToBigInt(s, field(s, self, RANGE_LENGTH));
      let i = intToBigInt(s, key);
      if (i < 0n) i += n;
      if (i < 0n || i >= n) return s.raise(s.b.IndexError, "range object index out of range");
      const start = intToBigInt(s, field(s, self, RANGE_START));
      return intFromBigInt(s, start + i * intToBigInt(s, field(s, self, RANGE_STEP)));
    },
    contains: (self, key) => {
      if (!isInt(s, key)) return s.sequenceContains(self, key);
      const v = intToBigInt(s, key);
      const start = intToBigInt(s, field(s, self, RANGE_START));
      const stop = intToBigInt(s, field(s, self, RANGE_STOP));
      const step = intToBigInt(s, field(s, self, RANGE_STEP));
      const inside = step > 0n ? v >= start && v < stop : v <= start && v > stop;
      return inside && (v - start) % step === 0n ? 1 : 0;
    },
    iter: (self) => {
      const start = intToSafeNumber(s, field(s, self, RANGE_START));
      const step = intToSafeNumber(s, field(s, self, RANGE_STEP));
      const length = intToSafeNumber(s, field(s, self, RANGE_LENGTH));
      if (start === null || step === null || length === null) {
        return s.raise(s.b.OverflowError, "Python int too large to convert to C long");
      }
      const it = s.allocObject(s.b.range_iterator, RANGEITER_SIZE);
      if (it === 0) return ERROR;
      const f64 = s.f64;
      f64[(it + RANGEITER_NEXT) >> 3] = start;
      f64[(it + RANGEITER_STEP) >> 3] = step;
      f64[(it + RANGEITER_LEFT) >> 3] = length;
      return it;
    },
  });
  for (const [name, off] of [
    ["start", RANGE_START],
    ["stop", RANGE_STOP],
    ["step", RANGE_STEP],
  ] as const) {
    b.range.getsets.set(name, { get: (self) => s.refs.asOwned(field(s, self, off)) });
  }
  // reversed(range), count and index, from the range's arithmetic.
  const values = (self: StackRef) => ({
    start: intToBigInt(s, field(s, self, RANGE_START)),
    step: intToBigInt(s, field(s, self, RANGE_STEP)),
    length: intToBigInt(s, field(s, self, RANGE_LENGTH)),
  });
  b.range.methods.set("__reversed__", (self, _args, nargs, kwnames) => {
    if (!noArgs(s, "range.__reversed__", nargs, kwnames)) return ERROR;
    const { start, step, length } = values(self);
    const bounds = [start + (length - 1n) * step, start - step, -step].map((v) =>
      intFromBigInt(s, v),
    );
    const r = bounds.includes(ERROR) ? ERROR : newRange(s, bounds[0]!, bounds[1]!, bounds[2]!);
    for (const v of bounds) if (v !== ERROR) s.refs.close(v);
    if (r === ERROR) return ERROR;
    const it = s.getIter(r);
    s.refs.close(r);
    return it;
  });
  const position = (self: StackRef, x: StackRef): number => {
    // -1 when x is not in the range, -2 on error.
    if (isInt(s, x) && s.typeOf(x) !== s.b.bool) {
      const { start, step, length } = values(self);
      const d = intToBigInt(s, x) - start;
      if (d % step !== 0n) return -1;
      const i = d / step;
      return i >= 0n && i < length ? Number(i) : -1;
    }
    const it = s.getIter(self);
    if (it === ERROR) return -2;
    for (let i = 0; ; i++) {
      const v = s.iterNext(it);
      if (v === NULL || v === ERROR) {
        s.refs.close(it);
        return v === NULL ? -1 : -2;
      }
      const eq = s.richCompareBool(v, x, CompareOp.EQ);
      s.refs.close(v);
      if (eq !== 0) {
        s.refs.close(it);
        return eq < 0 ? -2 : i;
      }
    }
  };
  b.range.methods.set("count", (self, args, nargs, kwnames) => {
    if (!oneArg(s, "range.count", nargs, kwnames)) return ERROR;
    const x = s.i32[args]!;
    if (isInt(s, x) && s.typeOf(x) !== s.b.bool) {
      const p = position(self, x);
      return intFromNumber(s, p >= 0 ? 1 : 0);
    }
    let n = 0;
    const it = s.getIter(self);
    if (it === ERROR) return ERROR;
    for (;;) {
      const v = s.iterNext(it);
      if (v === NULL) break;
      if (v === ERROR) {
        s.refs.close(it);
        return ERROR;
      }
      const eq = s.richCompareBool(v, x, CompareOp.EQ);
      s.refs.close(v);
      if (eq < 0) {
        s.refs.close(it);
        return ERROR;
      }
      n += eq;
    }
    s.refs.close(it);
    return intFromNumber(s, n);
  });
  b.range.methods.set("index", (self, args, nargs, kwnames) => {
    if (!oneArg(s, "range.index", nargs, kwnames)) return ERROR;
    const x = s.i32[args]!;
    const p = position(self, x);
    if (p === -2) return ERROR;
    if (p >= 0) return intFromNumber(s, p);
    if (isInt(s, x)) return s.raise(s.b.ValueError, `${intToBigInt(s, x)} is not in range`);
    return s.raise(s.b.ValueError, "sequence.index(x): x not in sequence");
  });
  b.range_iterator = s.newStaticType("range_iterator", b.object, {
    iter: (self) => s.refs.dup(self),
    iternext: (self) => rangeIterNext(s, self),
  });
}

/** Next value of a range iterator, or NULL when exhausted. */
export function rangeIterNext(s: ObjectSpace, self: StackRef): StackRef {
  const it = self & ~TAG_MASK;
  const f64 = s.f64;
  const left = f64[(it + RANGEITER_LEFT) >> 3]!;
  if (left <= 0) return NULL;
  const v = f64[(it + RANGEITER_NEXT) >> 3]!;
  f64[(it + RANGEITER_NEXT) >> 3] = v + f64[(it + RANGEITER_STEP) >> 3]!;
  f64[(it + RANGEITER_LEFT) >> 3] = left - 1;
  return intFromNumber(s, v);
}
