// The builtins module: CPython 3.13's builtin functions with their keyword arguments and error
// messages, and the builtin types and exceptions under their names.

import {
  asciiText,
  CompareOp,
  callIndex,
  callSpecial,
  checkArgCount,
  collect,
  EXCEPTION_NAMES,
  floatValue,
  formatObject,
  intFromBigInt,
  intPowMod,
  intToBigInt,
  isFloat,
  isInt,
  isStr,
  listFromRefs,
  moduleDict,
  NB,
  newModule,
  noKeywords,
  type ObjectSpace,
  type PyType,
  parseArgs,
  sortRefs,
  strLength,
  strValue,
  tupleItem,
  tupleLength,
  typeLookup,
  type VectorCall,
} from "@skein/objects";
import { ERROR, NULL, type StackRef } from "@skein/stackref";
import { installRuntimeBuiltins } from "./builtins-runtime.js";
import { writeHost } from "./host-write.js";
import { installIterators } from "./iterators.js";
import type { Stdlib } from "./runtime.js";
import { installSiteBuiltins } from "./site.js";

/** Where the builtins write: the engine's sinks. */
export interface BuiltinsHost {
  writeStdout(text: string): void;
  writeStderr(text: string): void;
}

/** Define the builtin functions of the `builtins` module; returns the module (owned). */
export function createBuiltinsModule(
  s: ObjectSpace,
  host: BuiltinsHost,
  rt: Stdlib | null = null,
): StackRef {
  const module = newModule(s, "builtins");
  if (module === ERROR) throw new Error("cannot create the builtins module");
  const dict = moduleDict(s, module);
  const define = (name: string, impl: VectorCall) => {
    const f = s.newBuiltin(name, impl, module);
    s.dictSetStr(dict, name, f);
    s.refs.close(f);
  };
  const defineType = (name: string, type: PyType) => s.dictSetStr(dict, name, type.addr | 1);
  const b = s.b;
  for (const name of [
    "int",
    "float",
    "str",
    "bool",
    "list",
    "tuple",
    "dict",
    "object",
    "type",
    "range",
    "set",
    "frozenset",
    "slice",
    "super",
    "property",
    "classmethod",
    "staticmethod",
    "bytes",
    "bytearray",
    "complex",
    "memoryview",
  ]) {
    if (b[name] !== undefined) defineType(name, b[name]!);
  }
  for (const name of EXCEPTION_NAMES) defineType(name, b[name]!);
  defineType("EnvironmentError", b.OSError!);
  defineType("IOError", b.OSError!);
  s.dictSetStr(dict, "None", s.None);
  s.dictSetStr(dict, "True", s.True);
  s.dictSetStr(dict, "False", s.False);
  s.dictSetStr(dict, "Ellipsis", s.Ellipsis);
  s.dictSetStr(dict, "NotImplemented", s.NotImplemented);
  s.dictSetStr(dict, "__debug__", s.True);
  installIterators(s, defineType);
  installSiteBuiltins(s, dict);
  if (rt !== null) installRuntimeBuiltins(s, define, rt);

  const i32 = s.i32;
  const close = (r: StackRef) => s.refs.close(r);

  define("print", (_self, args, nargs, kwnames) => {
    const kw = parseArgs(
      s,
      "print",
      { names: ["*sep", "*end", "*file", "*flush"], required: 0 },
      args + nargs,
      0,
      kwnames,
    );
    if (kw === null) return ERROR;
    const texts = (ref: StackRef, what: string, fallback: string): string | null => {
      if (ref === NULL || ref === s.None) return fallback;
      if (!isStr(s, ref)) {
        s.raise(s.b.TypeError, `${what} must be None or a string, not ${s.typeOf(ref).name}`);
        return null;
      }
      return strValue(s, ref);
    };
    const sep = texts(kw[0]!, "sep", " ");
    const end = texts(kw[1]!, "end", "\n");
    if (sep === null || end === null) return ERROR;
    const parts: string[] = [];
    for (let i = 0; i < nargs; i++) {
      const t = s.strText(i32[args + i]!);
      if (t === null) return ERROR;
      parts.push(t);
    }
    const text = parts.join(sep) + end;
    let file = kw[2]!;
    if (file === NULL || file === s.None) {
      // sys.stdout, unless it is still the host's stream (or sys was never imported).
      file = rt === null ? NULL : rt.sysStdout();
      if (file === ERROR) return ERROR;
      if (file === NULL) {
        return writeHost(s, (t) => host.writeStdout(t), text) ? s.None : ERROR;
      }
      if (file === s.None) return s.None;
    }
    const write = s.getAttr(file, s.intern("write"));
    if (write === ERROR) return ERROR;
    const str = s.newStr(text);
    const r = s.call(write, [str]);
    close(str);
    close(write);
    if (r === ERROR) return ERROR;
    close(r);
    return s.None;
  });

  define("len", (_self, args, nargs, kwnames) => {
    if (!noKeywords(s, "len", kwnames) || !checkArgCount(s, "len", nargs, 1, 1)) return ERROR;
    const n = s.length(i32[args]!);
    return n < 0 ? ERROR : s.newInt(n);
  });

  define("repr", (_self, args, nargs, kwnames) => {
    if (!noKeywords(s, "repr", kwnames) || !checkArgCount(s, "repr", nargs, 1, 1)) return ERROR;
    return s.repr(i32[args]!);
  });

  define("ascii", (_self, args, nargs, kwnames) => {
    if (!noKeywords(s, "ascii", kwnames)) return ERROR;
    if (nargs !== 1) {
      return s.raise(b.TypeError, `ascii() takes exactly one argument (${nargs} given)`);
    }
    const text = asciiText(s, i32[args]!);
    return text === null ? ERROR : s.newStr(text);
  });

  define("format", (_self, args, nargs, kwnames) => {
    if (!noKeywords(s, "format", kwnames) || !checkArgCount(s, "format", nargs, 1, 2)) return ERROR;
    let spec = "";
    if (nargs === 2) {
      const f = i32[args + 1]!;
      if (!isStr(s, f)) {
        return s.raise(b.TypeError, `format() argument 2 must be str, not ${s.typeOf(f).name}`);
      }
      spec = strValue(s, f);
    }
    return formatObject(s, i32[args]!, spec);
  });

  define("abs", (_self, args, nargs, kwnames) => {
    if (!noKeywords(s, "abs", kwnames) || !checkArgCount(s, "abs", nargs, 1, 1)) return ERROR;
    const x = i32[args]!;
    if (isInt(s, x)) {
      const v = intToBigInt(s, x);
      return intFromBigInt(s, v < 0n ? -v : v);
    }
    if (isFloat(s, x)) return s.newFloat(Math.abs(floatValue(s, x)));
    const r = callSpecial(s, x, "__abs__", []);
    if (r !== NULL) return r;
    return s.raise(s.b.TypeError, `bad operand type for abs(): '${s.typeOf(x).name}'`);
  });

  const minmax =
    (name: "min" | "max", op: number): VectorCall =>
    (_self, args, nargs, kwnames) => {
      const kw = parseArgs(
        s,
        name,
        { names: ["*key", "*default"], required: 0 },
        args + nargs,
        0,
        kwnames,
      );
      if (kw === null) return ERROR;
      const [key, dflt] = kw as [StackRef, StackRef];
      let items: StackRef[] | null;
      if (nargs === 0) {
        return s.raise(s.b.TypeError, `${name} expected at least 1 argument, got 0`);
      }
      if (nargs === 1) {
        items = collect(s, i32[args]!);
        if (items === null) return ERROR;
      } else {
        if (dflt !== NULL) {
          return s.raise(
            s.b.TypeError,
            `Cannot specify a default for ${name}() with multiple positional arguments`,
          );
        }
        items = [];
        for (let i = 0; i < nargs; i++) items.push(s.refs.asOwned(i32[args + i]!));
      }
      if (items.length === 0) {
        if (dflt !== NULL) return s.refs.asOwned(dflt);
        return s.raise(s.b.ValueError, `${name}() iterable argument is empty`);
      }
      let best = NULL;
      let bestKey = NULL;
      let failed = false;
      for (const item of items) {
        const k = key === NULL || key === s.None ? s.refs.asOwned(item) : s.call(key, [item]);
        if (k === ERROR) {
          failed = true;
          break;
        }
        if (best === NULL) {
          best = item;
          bestKey = k;
          continue;
        }
        const better = s.richCompareBool(k, bestKey, op);
        if (better < 0) {
          close(k);
          failed = true;
          break;
        }
        if (better === 1) {
          close(bestKey);
          best = item;
          bestKey = k;
        } else close(k);
      }
      if (bestKey !== NULL) close(bestKey);
      const result = failed ? ERROR : s.refs.asOwned(best);
      for (const item of items) close(item);
      return result;
    };
  define("min", minmax("min", CompareOp.LT));
  define("max", minmax("max", CompareOp.GT));

  define("sum", (_self, args, nargs, kwnames) => {
    const a = parseArgs(
      s,
      "sum",
      { names: ["iterable", "start"], required: 1, positionalOnly: 1 },
      args,
      nargs,
      kwnames,
    );
    if (a === null) return ERROR;
    const start = a[1]!;
    if (start !== NULL && isStr(s, start)) {
      return s.raise(s.b.TypeError, "sum() can't sum strings [use ''.join(seq) instead]");
    }
    const it = s.getIter(a[0]!);
    if (it === ERROR) return ERROR;
    let total = start === NULL ? 3 : s.refs.asOwned(start); // 3 is the tagged int 0
    for (;;) {
      // Floats are added with Neumaier's compensated summation, as CPython 3.12+ does.
      if (s.typeOf(total) === s.b.float) {
        let f = floatValue(s, total);
        let c = 0;
        let pending: StackRef = NULL;
        for (;;) {
          const v = s.iterNext(it);
          if (v === NULL) break;
          if (v === ERROR) {
            close(total);
            close(it);
            return ERROR;
          }
          let x: number;
          if (s.typeOf(v) === s.b.float) {
            x = floatValue(s, v);
            close(v);
          } else if ((v & 3) === 3) x = v >> 2;
          else {
            pending = v;
            break;
          }
          const sum = f + x;
          if (Math.abs(f) >= Math.abs(x)) c += f - sum + x;
          else c += x - sum + f;
          f = sum;
        }
        if (c !== 0 && Number.isFinite(c)) f += c;
        close(total);
        total = s.newFloat(f);
        if (pending === NULL) break;
        const next = s.binaryOp(total, pending, NB.ADD);
        close(pending);
        close(total);
        if (next === ERROR) {
          close(it);
          return ERROR;
        }
        total = next;
        continue;
      }
      const v = s.iterNext(it);
      if (v === NULL) break;
      if (v === ERROR) {
        close(total);
        close(it);
        return ERROR;
      }
      const next = s.binaryOp(total, v, NB.ADD);
      close(v);
      close(total);
      if (next === ERROR) {
        close(it);
        return ERROR;
      }
      total = next;
    }
    close(it);
    return total;
  });

  define("isinstance", (_self, args, nargs, kwnames) => {
    if (!noKeywords(s, "isinstance", kwnames)) return ERROR;
    if (!checkArgCount(s, "isinstance", nargs, 2, 2)) return ERROR;
    const r = isInstanceOf(s, i32[args]!, i32[args + 1]!, "isinstance");
    return r < 0 ? ERROR : s.bool(r === 1);
  });

  define("issubclass", (_self, args, nargs, kwnames) => {
    if (!noKeywords(s, "issubclass", kwnames)) return ERROR;
    if (!checkArgCount(s, "issubclass", nargs, 2, 2)) return ERROR;
    const r = isSubclassOf(s, i32[args]!, i32[args + 1]!);
    return r < 0 ? ERROR : s.bool(r === 1);
  });

  define("iter", (_self, args, nargs, kwnames) => {
    if (!noKeywords(s, "iter", kwnames) || !checkArgCount(s, "iter", nargs, 1, 1)) return ERROR;
    return s.getIter(i32[args]!);
  });

  define("aiter", (_self, args, nargs, kwnames) => {
    if (!noKeywords(s, "aiter", kwnames) || !checkArgCount(s, "aiter", nargs, 1, 1)) return ERROR;
    const x = i32[args]!;
    const r = callSpecial(s, x, "__aiter__", []);
    if (r !== NULL) return r;
    return s.raise(s.b.TypeError, `'${s.typeOf(x).name}' object is not an async iterable`);
  });

  // anext(iterator[, default]): the awaitable of __anext__; with a default, a coroutine that
  // returns the default when the iterator is exhausted (a small Python function, compiled per
  // call so that nothing outlives the program).
  define("anext", (_self, args, nargs, kwnames) => {
    if (!noKeywords(s, "anext", kwnames) || !checkArgCount(s, "anext", nargs, 1, 2)) return ERROR;
    const it = i32[args]!;
    const awaitable = callSpecial(s, it, "__anext__", []);
    if (awaitable === NULL) {
      return s.raise(s.b.TypeError, `'${s.typeOf(it).name}' object is not an async iterator`);
    }
    if (awaitable === ERROR || nargs === 1 || rt === null) return awaitable;
    const unit = rt.compileSource(
      "async def anext_default(awaitable, default):\n" +
        "    try:\n        return await awaitable\n" +
        "    except StopAsyncIteration:\n        return default\n",
      "<anext>",
      "exec",
    );
    const ns = unit === null ? ERROR : s.newDict();
    let result: StackRef = ERROR;
    if (unit !== null && ns !== ERROR) {
      const r = rt.runUnit(unit, ns, ns);
      if (r !== ERROR) {
        s.refs.close(r);
        const f = s.dictGetStr(ns, "anext_default");
        if (f > NULL) {
          const fn = s.refs.asOwned(f);
          // Drop the namespace's reference to the function (no cycle through its globals).
          if (s.setItem(ns, s.intern("anext_default"), NULL) < 0) s.refs.close(s.fetchException());
          result = s.call(fn, [awaitable, i32[args + 1]!]);
          s.refs.close(fn);
        }
      }
      s.refs.close(ns);
    }
    s.refs.close(awaitable);
    return result;
  });

  define("next", (_self, args, nargs, kwnames) => {
    if (!noKeywords(s, "next", kwnames) || !checkArgCount(s, "next", nargs, 1, 2)) return ERROR;
    const it = i32[args]!;
    if (s.typeOf(it).slots.iternext === undefined) {
      return s.raise(s.b.TypeError, `'${s.typeOf(it).name}' object is not an iterator`);
    }
    // A builtin __next__ method (generators) raises StopIteration with the return value, which
    // the iternext slot's protocol (NULL when exhausted) drops.
    const own = s.typeOf(it).methods.get("__next__");
    if (own !== undefined) {
      const r = own(it, args, 0, NULL);
      if (r !== ERROR || nargs !== 2 || !s.isInstance(s.curexc, s.b.StopIteration)) return r;
      s.refs.close(s.fetchException());
      return s.refs.asOwned(i32[args + 1]!);
    }
    const v = s.iterNext(it);
    if (v !== NULL) return v;
    if (nargs === 2) return s.refs.asOwned(i32[args + 1]!);
    const stop = s.call(s.b.StopIteration.addr | 1, []);
    if (stop !== ERROR) s.setException(stop);
    return ERROR;
  });

  define("sorted", (_self, args, nargs, kwnames) => {
    const a = parseArgs(
      s,
      "sorted",
      { names: ["iterable", "*key", "*reverse"], required: 1, positionalOnly: 1 },
      args,
      nargs,
      kwnames,
    );
    if (a === null) return ERROR;
    const items = collect(s, a[0]!);
    if (items === null) return ERROR;
    const reverse = a[2] === NULL ? 0 : s.isTrue(a[2]!);
    if (reverse < 0 || !sortRefs(s, items, a[1]!, reverse === 1)) {
      for (const item of items) close(item);
      return ERROR;
    }
    return listFromRefs(s, items);
  });

  define("chr", (_self, args, nargs, kwnames) => {
    if (!noKeywords(s, "chr", kwnames) || !checkArgCount(s, "chr", nargs, 1, 1)) return ERROR;
    const x = i32[args]!;
    if (!isInt(s, x)) {
      return s.raise(
        s.b.TypeError,
        `'${s.typeOf(x).name}' object cannot be interpreted as an integer`,
      );
    }
    const v = intToBigInt(s, x);
    if (v < 0n || v > 0x10ffffn) return s.raise(s.b.ValueError, "chr() arg not in range(0x110000)");
    return s.charStr(String.fromCodePoint(Number(v)));
  });

  define("ord", (_self, args, nargs, kwnames) => {
    if (!noKeywords(s, "ord", kwnames) || !checkArgCount(s, "ord", nargs, 1, 1)) return ERROR;
    const x = i32[args]!;
    if (!isStr(s, x)) {
      return s.raise(
        s.b.TypeError,
        `ord() expected string of length 1, but ${s.typeOf(x).name} found`,
      );
    }
    const n = strLength(s, x);
    if (n !== 1) {
      return s.raise(s.b.TypeError, `ord() expected a character, but string of length ${n} found`);
    }
    return s.newInt(strValue(s, x).codePointAt(0)!);
  });

  const radix =
    (name: string, base: number, prefix: string): VectorCall =>
    (_self, args, nargs, kwnames) => {
      if (!noKeywords(s, name, kwnames) || !checkArgCount(s, name, nargs, 1, 1)) return ERROR;
      const x = i32[args]!;
      // An int, or an object whose __index__ gives one.
      const index = isInt(s, x) ? NULL : callIndex(s, x);
      if (index === ERROR) return ERROR;
      if (!isInt(s, x) && index === NULL) {
        return s.raise(
          s.b.TypeError,
          `'${s.typeOf(x).name}' object cannot be interpreted as an integer`,
        );
      }
      const v = intToBigInt(s, index === NULL ? x : index);
      if (index !== NULL) s.refs.close(index);
      const text = (v < 0n ? -v : v).toString(base);
      return s.newStr(`${v < 0n ? "-" : ""}${prefix}${text}`);
    };
  define("hex", radix("hex", 16, "0x"));
  define("oct", radix("oct", 8, "0o"));
  define("bin", radix("bin", 2, "0b"));

  // divmod(a, b): a's __divmod__, then b's __rdivmod__ (b's first when its type derives from
  // a's), as the nb_divmod slot dispatches.
  define("divmod", (_self, args, nargs, kwnames) => {
    if (!noKeywords(s, "divmod", kwnames) || !checkArgCount(s, "divmod", nargs, 2, 2)) return ERROR;
    const [a, b] = [i32[args]!, i32[args + 1]!];
    const [at, bt] = [s.typeOf(a), s.typeOf(b)];
    const attempts: [StackRef, string, StackRef][] = [[a, "__divmod__", b]];
    if (bt !== at) {
      const reflected: [StackRef, string, StackRef] = [b, "__rdivmod__", a];
      if (bt.isSubtypeOf(at)) attempts.unshift(reflected);
      else attempts.push(reflected);
    }
    for (const [self, name, other] of attempts) {
      const r = callSpecial(s, self, name, [other]);
      if (r !== NULL && r !== s.NotImplemented) return r;
    }
    return s.raise(
      s.b.TypeError,
      `unsupported operand type(s) for divmod(): '${at.name}' and '${bt.name}'`,
    );
  });

  define("pow", (_self, args, nargs, kwnames) => {
    const a = parseArgs(
      s,
      "pow",
      { names: ["base", "exp", "mod"], required: 2 },
      args,
      nargs,
      kwnames,
    );
    if (a === null) return ERROR;
    if (a[2] === NULL || a[2] === s.None) return s.binaryOp(a[0]!, a[1]!, NB.POWER);
    const [base, exp, mod] = [a[0]!, a[1]!, a[2]!];
    if (isInt(s, base) && isInt(s, exp) && isInt(s, mod)) {
      return intPowMod(s, intToBigInt(s, base), intToBigInt(s, exp), intToBigInt(s, mod));
    }
    // CPython's ternary_op: of a class's methods only the base's __pow__ takes a modulus (three-
    // argument power never calls __rpow__); a float among the operands refuses the modulus.
    if (s.typeOf(base).heap) {
      const r = callSpecial(s, base, "__pow__", [exp, mod]);
      if (r === ERROR || (r !== NULL && r !== s.NotImplemented)) return r;
    }
    const types = [base, exp, mod].map((x) => s.typeOf(x));
    if (types.some((t) => t.isSubtypeOf(s.b.float))) {
      return s.raise(
        s.b.TypeError,
        "pow() 3rd argument not allowed unless all arguments are integers",
      );
    }
    return s.raise(
      s.b.TypeError,
      `unsupported operand type(s) for ** or pow(): ${types.map((t) => `'${t.name}'`).join(", ")}`,
    );
  });

  define("hash", (_self, args, nargs, kwnames) => {
    if (!noKeywords(s, "hash", kwnames) || !checkArgCount(s, "hash", nargs, 1, 1)) return ERROR;
    const h = s.hashExact(i32[args]!);
    return h === null ? ERROR : s.newInt(h);
  });

  define("id", (_self, args, nargs, kwnames) => {
    if (!noKeywords(s, "id", kwnames) || !checkArgCount(s, "id", nargs, 1, 1)) return ERROR;
    const x = i32[args]!;
    // Tagged ints have no address: give them a stable id outside the heap's range.
    return s.newInt((x & 3) === 3 ? 2 ** 32 + (x >> 2) * 8 : x & ~3);
  });

  const anyAll =
    (name: string, want: number): VectorCall =>
    (_self, args, nargs, kwnames) => {
      if (!noKeywords(s, name, kwnames) || !checkArgCount(s, name, nargs, 1, 1)) return ERROR;
      const it = s.getIter(i32[args]!);
      if (it === ERROR) return ERROR;
      for (;;) {
        const v = s.iterNext(it);
        if (v === NULL) break;
        if (v === ERROR) {
          close(it);
          return ERROR;
        }
        const t = s.isTrue(v);
        close(v);
        if (t < 0) {
          close(it);
          return ERROR;
        }
        if (t === want) {
          close(it);
          return s.bool(want === 1);
        }
      }
      close(it);
      return s.bool(want !== 1);
    };
  define("any", anyAll("any", 1));
  define("all", anyAll("all", 0));

  define("callable", (_self, args, nargs, kwnames) => {
    if (!noKeywords(s, "callable", kwnames) || !checkArgCount(s, "callable", nargs, 1, 1))
      return ERROR;
    return s.bool(s.typeOf(i32[args]!).slots.call !== undefined);
  });

  define("round", (_self, args, nargs, kwnames) => {
    const a = parseArgs(
      s,
      "round",
      { names: ["number", "ndigits"], required: 1 },
      args,
      nargs,
      kwnames,
    );
    if (a === null) return ERROR;
    // The number's own __round__ (int's and float's round half to even).
    const x = a[0]!;
    const r = callSpecial(s, x, "__round__", a[1] === NULL ? [] : [a[1]!]);
    if (r !== NULL) return r;
    return s.raise(s.b.TypeError, `type ${s.typeOf(x).name} doesn't define __round__ method`);
  });

  return module;
}

/**
 * isinstance(obj, cls) as CPython's PyObject_IsInstance: an exact type match, a tuple of
 * classes, the metaclass's __instancecheck__ (ABCs), a union, or the MRO. 1, 0, -1.
 */
export function isInstanceOf(s: ObjectSpace, obj: StackRef, cls: StackRef, fname: string): number {
  const t = s.typeOf(obj);
  if ((cls & ~3) === t.addr) return 1;
  if (s.typeOf(cls) === s.b.tuple) return anyOf(s, cls, (c) => isInstanceOf(s, obj, c, fname));
  const hooked = metaclassCheck(s, cls, "__instancecheck__", obj);
  if (hooked !== null) return hooked;
  if (s.typeOf(cls).isSubtypeOf(s.b.type)) return t.isSubtypeOf(s.typeFromAddr(cls & ~3)) ? 1 : 0;
  const union = unionArgs(s, cls);
  if (union !== NULL) {
    if (union === ERROR) return -1;
    const r = anyOf(s, union, (c) => isInstanceOf(s, obj, c, fname));
    s.refs.close(union);
    return r;
  }
  s.raise(s.b.TypeError, `${fname}() arg 2 must be a type, a tuple of types, or a union`);
  return -1;
}

/** issubclass(derived, cls) as CPython's PyObject_IsSubclass. 1, 0, -1. */
function isSubclassOf(s: ObjectSpace, derived: StackRef, cls: StackRef): number {
  if (s.typeOf(cls) === s.b.tuple) return anyOf(s, cls, (c) => isSubclassOf(s, derived, c));
  const hooked = metaclassCheck(s, cls, "__subclasscheck__", derived);
  if (hooked !== null) return hooked;
  if (!s.typeOf(derived).isSubtypeOf(s.b.type)) {
    s.raise(s.b.TypeError, "issubclass() arg 1 must be a class");
    return -1;
  }
  if (s.typeOf(cls).isSubtypeOf(s.b.type)) {
    return s.typeFromAddr(derived & ~3).isSubtypeOf(s.typeFromAddr(cls & ~3)) ? 1 : 0;
  }
  const union = unionArgs(s, cls);
  if (union !== NULL) {
    if (union === ERROR) return -1;
    const r = anyOf(s, union, (c) => isSubclassOf(s, derived, c));
    s.refs.close(union);
    return r;
  }
  s.raise(s.b.TypeError, "issubclass() arg 2 must be a class, a tuple of classes, or a union");
  return -1;
}

/** 1 when `test` holds for an item of the tuple, 0 when for none, -1 on error. */
function anyOf(s: ObjectSpace, tuple: StackRef, test: (item: StackRef) => number): number {
  const n = tupleLength(s, tuple);
  for (let i = 0; i < n; i++) {
    const r = test(tupleItem(s, tuple, i));
    if (r !== 0) return r;
  }
  return 0;
}

/**
 * The answer of the metaclass's `__instancecheck__`/`__subclasscheck__` for `cls`, or null when
 * the metaclass (a builtin one such as type) defines none.
 */
function metaclassCheck(s: ObjectSpace, cls: StackRef, name: string, arg: StackRef): number | null {
  const meta = s.typeOf(cls);
  if (!meta.heap) return null;
  const found = typeLookup(s, meta, name);
  if (found === null || found.kind !== "value") return null;
  const r = s.call(found.ref, [cls, arg]);
  if (r === ERROR) return -1;
  const truth = s.isTrue(r);
  s.refs.close(r);
  return truth;
}

/** The `__args__` of a union (`int | str`), NULL for anything else, ERROR on error. */
function unionArgs(s: ObjectSpace, cls: StackRef): StackRef {
  if (s.typeOf(cls).name !== "UnionType") return NULL;
  const args = s.getAttr(cls, s.intern("__args__"));
  if (args === ERROR) return ERROR;
  if (s.typeOf(args) !== s.b.tuple) {
    s.refs.close(args);
    return NULL;
  }
  return args;
}

export { strValue };
