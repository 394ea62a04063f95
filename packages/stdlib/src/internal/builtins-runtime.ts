// The builtins that need the interpreter, the compiler or the import system: __build_class__,
// __import__, exec, eval, compile, globals, locals, vars, dir, the attribute functions, format,
// ascii, input, open, and clear refusals for breakpoint and help.

import { frameLayout } from "@skein/interp";
import {
  asciiText,
  callSpecial,
  cellGet,
  cellSet,
  codeData,
  collect,
  dictGetItem,
  dictNextEntry,
  entryKey,
  formatObject,
  intToBigInt,
  isDict,
  isInt,
  isStr,
  layout,
  listFromRefs,
  newClass,
  type ObjectSpace,
  parseArgs,
  sortRefs,
  strValue,
  tupleFromRefs,
  tupleItem,
  tupleLength,
  type VectorCall,
} from "@skein/objects";
import { ERROR, NULL, type StackRef, TAG_MASK } from "@skein/stackref";
import { writeHost } from "./host-write.js";
import type { Stdlib } from "./runtime.js";

const { FRAME_CODE, FRAME_GLOBALS, FRAME_HEADER, FRAME_LOCALS } = frameLayout;
const CO_FAST_LOCAL = 0x20;
const CO_FAST_CELL = 0x40;
const CO_FAST_FREE = 0x80;

/** The innermost Python frame (the caller of a builtin), or 0. */
function callerFrame(rt: Stdlib): number {
  return rt.interp.ts.currentFrame;
}

/** The caller's globals (borrowed), or NULL outside any frame. */
export function callerGlobals(rt: Stdlib): StackRef {
  const f = callerFrame(rt);
  return f === 0 ? NULL : rt.s.i32[(f + FRAME_GLOBALS) >> 2]! | 1;
}

/** locals() of the caller: its locals mapping, or a new dict of its fast locals. New reference. */
export function callerLocals(rt: Stdlib): StackRef {
  const s = rt.s;
  const i32 = s.i32;
  const f = callerFrame(rt);
  if (f === 0) return s.newDict();
  const mapping = i32[(f + FRAME_LOCALS) >> 2]!;
  if (mapping !== 0) return s.refs.asOwned(mapping | 1);
  const code = i32[(f + FRAME_CODE) >> 2]!;
  const data = codeData(s, code);
  const d = s.newDict();
  if (d === ERROR) return ERROR;
  const base = (f + FRAME_HEADER) >> 2;
  for (let i = 0; i < data.localsplusNames.length; i++) {
    const kind = data.localsplusKinds[i]!;
    let v = i32[base + i]!;
    if (v === NULL) continue;
    if ((kind & (CO_FAST_CELL | CO_FAST_FREE)) !== 0) {
      if (s.typeOf(v) !== s.b.cell) {
        if ((kind & CO_FAST_LOCAL) === 0) continue;
      } else {
        v = cellGet(s, v);
        if (v === NULL) continue;
      }
    }
    if (s.dictSetStr(d, data.localsplusNames[i]!, v) < 0) {
      s.refs.close(d);
      return ERROR;
    }
  }
  return d;
}

function typeName(s: ObjectSpace, v: StackRef): string {
  return s.typeOf(v).name;
}

/** A str name argument of getattr/setattr/... */
function attrName(s: ObjectSpace, fname: string, v: StackRef): boolean {
  if (isStr(s, v)) return true;
  s.raise(s.b.TypeError, `${fname}(): attribute name must be string, not '${typeName(s, v)}'`);
  return false;
}

/** Run a class body (the function made by the compiler) with `ns` as its locals. */
function runClassBody(rt: Stdlib, func: StackRef, ns: StackRef): StackRef {
  const ts = rt.interp.ts as unknown as {
    runFunctionWithLocals?: (f: StackRef, locals: StackRef) => StackRef;
  };
  if (ts.runFunctionWithLocals !== undefined) return ts.runFunctionWithLocals(func, ns);
  // Until the interpreter offers that hook: run the body's code directly (free variables of a
  // class nested in a function are then unavailable).
  const s = rt.s;
  const i32 = s.i32;
  const f = func & ~TAG_MASK;
  const code = i32[(f + layout.FUNC_CODE) >> 2]!;
  const globals = i32[(f + layout.FUNC_GLOBALS) >> 2]!;
  const builtins = i32[(f + layout.FUNC_BUILTINS) >> 2]!;
  return rt.interp.run(code, globals, builtins, ns);
}

function kwPairs(s: ObjectSpace, args: number, nargs: number, kwnames: StackRef) {
  const out: [string, StackRef][] = [];
  const n = kwnames === NULL ? 0 : tupleLength(s, kwnames);
  for (let i = 0; i < n; i++) {
    out.push([strValue(s, tupleItem(s, kwnames, i)), s.i32[args + nargs + i]!]);
  }
  return out;
}

/** Call `f(*positional, **kw)` with borrowed references. */
function callWithKw(
  s: ObjectSpace,
  f: StackRef,
  positional: readonly StackRef[],
  kw: readonly [string, StackRef][],
): StackRef {
  if (kw.length === 0) return s.call(f, positional);
  const names = tupleFromRefs(
    s,
    kw.map(([k]) => s.intern(k)),
  );
  if (names === ERROR) return ERROR;
  const r = s.call(f, [...positional, ...kw.map(([, v]) => v)], names);
  s.refs.close(names);
  return r;
}

export function installRuntimeBuiltins(
  s: ObjectSpace,
  define: (name: string, impl: VectorCall) => void,
  rt: Stdlib,
): void {
  const i32 = s.i32;
  const close = (r: StackRef) => s.refs.close(r);

  define("__build_class__", (_self, args, nargs, kwnames) => {
    if (nargs < 2) return s.raise(s.b.TypeError, "__build_class__: not enough arguments");
    const func = i32[args]!;
    const name = i32[args + 1]!;
    if (s.typeOf(func) !== s.b.function) {
      return s.raise(s.b.TypeError, "__build_class__: func must be a function");
    }
    if (!isStr(s, name)) return s.raise(s.b.TypeError, "__build_class__: name is not a string");
    let meta: StackRef = NULL;
    const kw: [string, StackRef][] = [];
    for (const [k, v] of kwPairs(s, args, nargs, kwnames)) {
      if (k === "metaclass") meta = v;
      else kw.push([k, v]);
    }
    const origBases: StackRef[] = [];
    for (let i = 2; i < nargs; i++) origBases.push(i32[args + i]!);
    // __mro_entries__ (PEP 560): non-class bases substitute classes.
    const bases: StackRef[] = [];
    let changed = false;
    for (const b of origBases) {
      if (s.typeOf(b).isSubtypeOf(s.b.type)) {
        bases.push(s.refs.asOwned(b));
        continue;
      }
      const me = s.getAttr(b, s.intern("__mro_entries__"));
      if (me === ERROR) {
        if (!s.isInstance(s.curexc, s.b.AttributeError)) {
          for (const x of bases) close(x);
          return ERROR;
        }
        close(s.fetchException());
        bases.push(s.refs.asOwned(b));
        continue;
      }
      const orig = tupleFromRefs(
        s,
        origBases.map((x) => s.refs.asOwned(x)),
      );
      const entries = s.call(me, [orig]);
      close(orig);
      close(me);
      if (entries === ERROR) {
        for (const x of bases) close(x);
        return ERROR;
      }
      if (s.typeOf(entries) !== s.b.tuple) {
        close(entries);
        for (const x of bases) close(x);
        return s.raise(s.b.TypeError, "__mro_entries__ must return a tuple");
      }
      for (let j = 0; j < tupleLength(s, entries); j++) {
        bases.push(s.refs.asOwned(tupleItem(s, entries, j)));
      }
      close(entries);
      changed = true;
    }
    const basesTuple = tupleFromRefs(s, bases);
    if (basesTuple === ERROR) return ERROR;
    // The metaclass: the explicit one, else the most derived metaclass of the bases.
    let winner =
      meta !== NULL ? meta : bases.length > 0 ? s.typeAddrOf(bases[0]!) | 1 : s.b.type.addr | 1;
    if (s.typeOf(winner).isSubtypeOf(s.b.type)) {
      let wt = s.typeFromAddr(winner & ~TAG_MASK);
      for (const b of bases) {
        const bt = s.typeOf(b);
        if (wt.isSubtypeOf(bt)) continue;
        if (bt.isSubtypeOf(wt)) {
          wt = bt;
          continue;
        }
        close(basesTuple);
        return s.raise(
          s.b.TypeError,
          "metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses of all its bases",
        );
      }
      winner = wt.addr | 1;
    }
    // __prepare__
    let ns: StackRef;
    const prep = s.typeOf(winner).isSubtypeOf(s.b.type)
      ? s.getAttr(winner, s.intern("__prepare__"))
      : ERROR;
    if (prep === ERROR) {
      if (s.hasException()) close(s.fetchException());
      ns = s.newDict();
    } else {
      ns = callWithKw(s, prep, [name, basesTuple], kw);
      close(prep);
    }
    if (ns === ERROR) {
      close(basesTuple);
      return ERROR;
    }
    const cell = runClassBody(rt, func, ns);
    if (cell === ERROR) {
      close(ns);
      close(basesTuple);
      return ERROR;
    }
    if (changed) {
      const orig = tupleFromRefs(
        s,
        origBases.map((x) => s.refs.asOwned(x)),
      );
      s.setItem(ns, s.intern("__orig_bases__"), orig);
      close(orig);
    }
    let cls: StackRef;
    if (winner === (s.b.type.addr | 1) && kw.length === 0 && isDict(s, ns)) {
      cls = newClass(s, s.b.type, strValue(s, name), basesTuple, ns);
    } else cls = callWithKw(s, winner, [name, basesTuple, ns], kw);
    // The __class__ cell of methods using super() holds the new class.
    if (cls !== ERROR && cell !== s.None && s.typeOf(cell) === s.b.cell) {
      if (cellGet(s, cell) === NULL) cellSet(s, cell, cls);
    }
    close(cell);
    close(ns);
    close(basesTuple);
    return cls;
  });

  define("__import__", (_self, args, nargs, kwnames) => {
    const a = parseArgs(
      s,
      "__import__",
      { names: ["name", "globals", "locals", "fromlist", "level"], required: 1 },
      args,
      nargs,
      kwnames,
    );
    if (a === null) return ERROR;
    const [name, globals, , fromlist, level] = a as StackRef[];
    if (!isStr(s, name!)) {
      return s.raise(
        s.b.TypeError,
        `__import__() argument 1 must be str, not ${typeName(s, name!)}`,
      );
    }
    let lv = 0;
    if (level !== NULL) {
      if (!isInt(s, level!)) {
        return s.raise(
          s.b.TypeError,
          `'${typeName(s, level!)}' object cannot be interpreted as an integer`,
        );
      }
      lv = Number(intToBigInt(s, level!));
    }
    return rt.importModule(strValue(s, name!), globals!, fromlist!, lv);
  });

  /** The code of exec/eval's first argument: a code object, or source compiled in `mode`. */
  const codeOf = (fname: string, src: StackRef, mode: "exec" | "eval"): StackRef => {
    if (s.typeOf(src) === s.b.code) return s.refs.asOwned(src);
    if (!isStr(s, src)) {
      return s.raise(s.b.TypeError, `${fname}() arg 1 must be a string, bytes or code object`);
    }
    let text = strValue(s, src);
    if (mode === "eval") text = text.replace(/^[ \t]+/, "");
    const unit = rt.compileSource(text, "<string>", mode);
    if (unit === null) return ERROR;
    return rt.interp.loadCode(unit);
  };

  const execOrEval =
    (fname: "exec" | "eval"): VectorCall =>
    (_self, args, nargs, kwnames) => {
      const a = parseArgs(
        s,
        fname,
        {
          names:
            fname === "exec"
              ? ["source", "globals", "locals", "*closure"]
              : ["source", "globals", "locals"],
          required: 1,
          positionalOnly: 3,
        },
        args,
        nargs,
        kwnames,
      );
      if (a === null) return ERROR;
      let [src, globals, locals] = a as [StackRef, StackRef, StackRef];
      if (globals === s.None) globals = NULL;
      if (locals === s.None) locals = NULL;
      if (globals !== NULL && !isDict(s, globals)) {
        return s.raise(
          s.b.TypeError,
          fname === "exec"
            ? `exec() globals must be a dict, not ${typeName(s, globals)}`
            : `globals must be a real dict; try eval(expr, {}, mapping)`,
        );
      }
      let ownedLocals = NULL;
      if (globals === NULL) {
        globals = callerGlobals(rt);
        if (globals === NULL) return s.raise(s.b.SystemError, `${fname}(): no current frame`);
        if (locals === NULL) {
          ownedLocals = callerLocals(rt);
          if (ownedLocals === ERROR) return ERROR;
          locals = ownedLocals;
        }
      } else if (locals === NULL) locals = globals;
      const code = codeOf(fname, src, fname);
      if (code === ERROR) {
        s.refs.xclose(ownedLocals);
        return ERROR;
      }
      const r = rt.runCode(code, globals, locals);
      close(code);
      s.refs.xclose(ownedLocals);
      if (r === ERROR) return ERROR;
      if (fname === "exec") {
        close(r);
        return s.None;
      }
      return r;
    };
  define("exec", execOrEval("exec"));
  define("eval", execOrEval("eval"));

  define("compile", (_self, args, nargs, kwnames) => {
    const a = parseArgs(
      s,
      "compile",
      {
        names: [
          "source",
          "filename",
          "mode",
          "flags",
          "dont_inherit",
          "optimize",
          "*_feature_version",
        ],
        required: 3,
      },
      args,
      nargs,
      kwnames,
    );
    if (a === null) return ERROR;
    const [src, filename, mode] = a as [StackRef, StackRef, StackRef];
    if (!isStr(s, mode)) {
      return s.raise(
        s.b.TypeError,
        `compile() argument 'mode' must be str, not ${typeName(s, mode)}`,
      );
    }
    const m = strValue(s, mode);
    if (m !== "exec" && m !== "eval" && m !== "single") {
      return s.raise(s.b.ValueError, "compile() mode must be 'exec', 'eval' or 'single'");
    }
    if (!isStr(s, filename)) {
      return s.raise(
        s.b.TypeError,
        `compile() argument 'filename' must be str, not ${typeName(s, filename)}`,
      );
    }
    // An AST, bytes, or PyCF_ONLY_AST / PyCF_ALLOW_TOP_LEVEL_AWAIT: the ast module's _compile.
    const flagsRef = a[3] !== undefined && a[3] !== NULL ? a[3] : s.newInt(0);
    const flags = isInt(s, flagsRef) ? intToBigInt(s, flagsRef) : 0n;
    if (!isStr(s, src) || (flags & 0x2400n) !== 0n) {
      const ast = rt.importModule("ast", NULL, NULL, 0);
      if (ast === ERROR) return ERROR;
      const hook = s.getAttr(ast, s.intern("_compile"));
      close(ast);
      if (hook === ERROR) return ERROR;
      const r = s.call(hook, [src, filename, mode, flagsRef]);
      close(hook);
      return r;
    }
    const unit = rt.compileSource(strValue(s, src), strValue(s, filename), m);
    if (unit === null) return ERROR;
    return rt.interp.loadCode(unit);
  });

  define("globals", (_self, _args, nargs, kwnames) => {
    if (nargs !== 0 || (kwnames !== NULL && tupleLength(s, kwnames) > 0)) {
      return s.raise(s.b.TypeError, `globals() takes no arguments (${nargs} given)`);
    }
    const g = callerGlobals(rt);
    return g === NULL ? s.newDict() : s.refs.asOwned(g);
  });

  define("locals", (_self, _args, nargs, kwnames) => {
    if (nargs !== 0 || (kwnames !== NULL && tupleLength(s, kwnames) > 0)) {
      return s.raise(s.b.TypeError, `locals() takes no arguments (${nargs} given)`);
    }
    return callerLocals(rt);
  });

  define("vars", (_self, args, nargs, kwnames) => {
    if (kwnames !== NULL && tupleLength(s, kwnames) > 0) {
      return s.raise(s.b.TypeError, "vars() takes no keyword arguments");
    }
    if (nargs > 1) return s.raise(s.b.TypeError, `vars expected at most 1 argument, got ${nargs}`);
    if (nargs === 0) return callerLocals(rt);
    const r = s.getAttr(i32[args]!, s.intern("__dict__"));
    if (r === ERROR && s.isInstance(s.curexc, s.b.AttributeError)) {
      close(s.fetchException());
      return s.raise(s.b.TypeError, "vars() argument must have __dict__ attribute");
    }
    return r;
  });

  define("dir", (_self, args, nargs, kwnames) => {
    if (kwnames !== NULL && tupleLength(s, kwnames) > 0) {
      return s.raise(s.b.TypeError, "dir() takes no keyword arguments");
    }
    if (nargs > 1) return s.raise(s.b.TypeError, `dir expected at most 1 argument, got ${nargs}`);
    let names: StackRef[];
    if (nargs === 0) {
      const d = callerLocals(rt);
      if (d === ERROR) return ERROR;
      names = dictKeys(s, d);
      close(d);
    } else {
      const r = dirOf(s, i32[args]!);
      if (r === null) return ERROR;
      names = r;
    }
    if (!sortRefs(s, names, NULL, false)) {
      for (const n of names) close(n);
      return ERROR;
    }
    return listFromRefs(s, names);
  });

  define("getattr", (_self, args, nargs, kwnames) => {
    if (kwnames !== NULL && tupleLength(s, kwnames) > 0) {
      return s.raise(s.b.TypeError, "getattr() takes no keyword arguments");
    }
    if (nargs < 2)
      return s.raise(s.b.TypeError, `getattr expected at least 2 arguments, got ${nargs}`);
    if (nargs > 3)
      return s.raise(s.b.TypeError, `getattr expected at most 3 arguments, got ${nargs}`);
    if (!attrName(s, "getattr", i32[args + 1]!)) return ERROR;
    const r = s.getAttr(i32[args]!, i32[args + 1]!);
    if (r === ERROR && nargs === 3 && s.isInstance(s.curexc, s.b.AttributeError)) {
      close(s.fetchException());
      return s.refs.asOwned(i32[args + 2]!);
    }
    return r;
  });

  define("hasattr", (_self, args, nargs, kwnames) => {
    if (kwnames !== NULL && tupleLength(s, kwnames) > 0) {
      return s.raise(s.b.TypeError, "hasattr() takes no keyword arguments");
    }
    if (nargs !== 2) return s.raise(s.b.TypeError, `hasattr expected 2 arguments, got ${nargs}`);
    if (!attrName(s, "hasattr", i32[args + 1]!)) return ERROR;
    const r = s.getAttr(i32[args]!, i32[args + 1]!);
    if (r === ERROR) {
      if (!s.isInstance(s.curexc, s.b.AttributeError)) return ERROR;
      close(s.fetchException());
      return s.False;
    }
    close(r);
    return s.True;
  });

  define("setattr", (_self, args, nargs, kwnames) => {
    if (kwnames !== NULL && tupleLength(s, kwnames) > 0) {
      return s.raise(s.b.TypeError, "setattr() takes no keyword arguments");
    }
    if (nargs !== 3) return s.raise(s.b.TypeError, `setattr expected 3 arguments, got ${nargs}`);
    if (!attrName(s, "setattr", i32[args + 1]!)) return ERROR;
    return s.setAttr(i32[args]!, i32[args + 1]!, i32[args + 2]!) < 0 ? ERROR : s.None;
  });

  define("delattr", (_self, args, nargs, kwnames) => {
    if (kwnames !== NULL && tupleLength(s, kwnames) > 0) {
      return s.raise(s.b.TypeError, "delattr() takes no keyword arguments");
    }
    if (nargs !== 2) return s.raise(s.b.TypeError, `delattr expected 2 arguments, got ${nargs}`);
    if (!attrName(s, "delattr", i32[args + 1]!)) return ERROR;
    return s.setAttr(i32[args]!, i32[args + 1]!, NULL) < 0 ? ERROR : s.None;
  });

  define("format", (_self, args, nargs, kwnames) => {
    const a = parseArgs(
      s,
      "format",
      { names: ["value", "format_spec"], required: 1, positionalOnly: 2 },
      args,
      nargs,
      kwnames,
    );
    if (a === null) return ERROR;
    const spec = a[1]!;
    if (spec !== NULL && !isStr(s, spec)) {
      return s.raise(s.b.TypeError, `format() argument 2 must be str, not ${typeName(s, spec)}`);
    }
    return formatObject(s, a[0]!, spec === NULL ? "" : strValue(s, spec));
  });

  define("ascii", (_self, args, nargs, kwnames) => {
    if (kwnames !== NULL && tupleLength(s, kwnames) > 0) {
      return s.raise(s.b.TypeError, "ascii() takes no keyword arguments");
    }
    if (nargs !== 1) {
      return s.raise(s.b.TypeError, `ascii() takes exactly one argument (${nargs} given)`);
    }
    const t = asciiText(s, i32[args]!);
    return t === null ? ERROR : s.newStr(t);
  });

  define("input", (_self, args, nargs, kwnames) => {
    if (kwnames !== NULL && tupleLength(s, kwnames) > 0) {
      return s.raise(s.b.TypeError, "input() takes no keyword arguments");
    }
    if (nargs > 1) return s.raise(s.b.TypeError, `input expected at most 1 argument, got ${nargs}`);
    if (nargs === 1) {
      const p = s.strText(i32[args]!);
      if (p === null) return ERROR;
      if (!writeHost(s, (t) => rt.host.writeStdout(t), p)) return ERROR;
    }
    const read = rt.caps.readLine;
    if (read === undefined) return rt.denied("reading standard input");
    const line = read();
    if (line === null) return s.raise(s.b.EOFError, "EOF when reading a line");
    return s.newStr(line.replace(/\r?\n$/, ""));
  });

  define("open", (_self, args, nargs, kwnames) => {
    const a = parseArgs(
      s,
      "open",
      {
        names: ["file", "mode", "buffering", "encoding", "errors", "newline", "closefd", "opener"],
        required: 1,
      },
      args,
      nargs,
      kwnames,
    );
    if (a === null) return ERROR;
    const [file, mode] = a as [StackRef, StackRef];
    const m = mode === NULL ? "r" : isStr(s, mode) ? strValue(s, mode) : null;
    if (m === null) {
      return s.raise(s.b.TypeError, `open() argument 'mode' must be str, not ${typeName(s, mode)}`);
    }
    if (!isStr(s, file)) {
      return s.raise(
        s.b.TypeError,
        `expected str, bytes or os.PathLike object, not ${typeName(s, file)}`,
      );
    }
    const path = strValue(s, file);
    if (/[wax+]/.test(m)) return rt.denied(`writing '${path}'`);
    if (m.includes("b")) {
      return s.raise(s.b.NotImplementedError!, "binary files are not supported yet");
    }
    const text = rt.readFile(path, true);
    if (text === undefined) return ERROR;
    if (text === null) {
      const exc = s.raise(s.b.FileNotFoundError!, `[Errno 2] No such file or directory: '${path}'`);
      return exc;
    }
    return rt.openText(path, text);
  });

  const refuse =
    (name: string, why: string): VectorCall =>
    () =>
      s.raise(s.b.RuntimeError, `${name}() is not available in Skein: ${why}`);
  define("breakpoint", refuse("breakpoint", "there is no debugger"));
  define("help", refuse("help", "there is no interactive help"));
}

function dictKeys(s: ObjectSpace, d: StackRef): StackRef[] {
  const out: StackRef[] = [];
  let pos = 0;
  for (;;) {
    const e = dictNextEntry(s, d, pos);
    if (e === 0) break;
    pos = s.iterPos;
    out.push(s.refs.asOwned(entryKey(s, e)));
  }
  return out;
}

/** dir(obj): `__dir__` of a class, else the names of the object's dict and its type's MRO. */
/** The names of dir(obj): what its type's __dir__ returns (object's, type's, module's...). */
function dirOf(s: ObjectSpace, obj: StackRef): StackRef[] | null {
  const r = callSpecial(s, obj, "__dir__", []);
  if (r === ERROR) return null;
  if (r === NULL) {
    s.raise(s.b.TypeError, "object does not provide __dir__");
    return null;
  }
  const items = collect(s, r);
  s.refs.close(r);
  return items;
}

export { dictGetItem };
