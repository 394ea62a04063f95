// Code objects, functions, builtin functions and modules.
import { ERROR, NULL, type StackRef, TAG_MASK } from "@skein/stackref";
import type { Builtins } from "./builtins-types.js";
import { genericGetAttrOrNull } from "./classes.js";
import { defaultRepr } from "./core.js";
import {
  BUILTIN_JS,
  BUILTIN_MODULE,
  BUILTIN_SELF,
  BUILTIN_SIZE,
  CODE_ARGCOUNT,
  CODE_BYTECODE,
  CODE_CONSTS,
  CODE_FLAGS,
  CODE_FRAMESIZE,
  CODE_JS,
  CODE_KWONLY,
  CODE_NAMES,
  CODE_NLOCALS,
  CODE_NLOCALSPLUS,
  CODE_NUNITS,
  CODE_POSONLY,
  CODE_SIZE,
  CODE_STACKSIZE,
  FUNC_ANNOTATIONS,
  FUNC_BUILTINS,
  FUNC_CLOSURE,
  FUNC_CODE,
  FUNC_DEFAULTS,
  FUNC_DICT,
  FUNC_DOC,
  FUNC_GLOBALS,
  FUNC_KWDEFAULTS,
  FUNC_MODULE,
  FUNC_NAME,
  FUNC_QUALNAME,
  FUNC_SIZE,
  FUNC_VERSION,
  MODULE_DICT,
  MODULE_NAME,
  MODULE_SIZE,
} from "./layout.js";
import type { ObjectSpace } from "./space.js";
import { tupleLength } from "./tuple.js";
import type { PyType, VectorCall } from "./type.js";

/** An entry of a code object's exception table (CPython's format, in code units). */
export interface ExceptionTableEntry {
  readonly start: number;
  readonly end: number;
  readonly target: number;
  readonly depth: number;
  readonly lasti: boolean;
}

/** The parts of a code object that live in JavaScript. */
export interface CodeData {
  readonly name: string;
  readonly qualname: string;
  readonly filename: string;
  readonly firstLineno: number;
  readonly localsplusNames: readonly string[];
  readonly localsplusKinds: Uint8Array;
  /** Per code unit: [line, endLine, col, endCol] (4 entries each, -1 when unknown). */
  readonly positions: Int32Array;
  readonly exceptionTable: readonly ExceptionTableEntry[];
  /** Whatever the creator keeps with it (the interpreter keeps its CodeUnit). */
  readonly source?: unknown;
}

export interface NewCodeArgs {
  readonly data: CodeData;
  readonly bytecode: Uint16Array;
  /** Owned references, stolen. */
  readonly consts: StackRef;
  readonly names: StackRef;
  readonly argcount: number;
  readonly posonlyargcount: number;
  readonly kwonlyargcount: number;
  readonly nlocals: number;
  readonly stacksize: number;
  readonly flags: number;
  /** Words of a frame's header (the interpreter's FRAME_HEADER / 4). */
  readonly frameHeaderWords: number;
}

/** A new code object; its bytecode is copied into linear memory (the specializer rewrites it). */
export function newCode(s: ObjectSpace, a: NewCodeArgs): StackRef {
  const addr = s.allocObject(s.b.code, CODE_SIZE);
  if (addr === 0) return ERROR;
  const units = a.bytecode.length;
  const block = s.heap.alloc(Math.max(2 * units, 8));
  if (block === 0) {
    s.heap.freeObject(addr);
    return s.noMemory();
  }
  s.u16.set(a.bytecode, block >> 1);
  const i32 = s.i32;
  const nlocalsplus = a.data.localsplusNames.length;
  i32[(addr + CODE_BYTECODE) >> 2] = block >> 1;
  i32[(addr + CODE_NUNITS) >> 2] = units;
  i32[(addr + CODE_CONSTS) >> 2] = a.consts;
  i32[(addr + CODE_NAMES) >> 2] = a.names;
  i32[(addr + CODE_NLOCALSPLUS) >> 2] = nlocalsplus;
  i32[(addr + CODE_STACKSIZE) >> 2] = a.stacksize;
  i32[(addr + CODE_ARGCOUNT) >> 2] = a.argcount;
  i32[(addr + CODE_FLAGS) >> 2] = a.flags;
  i32[(addr + CODE_JS) >> 2] = s.codes.add(a.data);
  i32[(addr + CODE_POSONLY) >> 2] = a.posonlyargcount;
  i32[(addr + CODE_KWONLY) >> 2] = a.kwonlyargcount;
  i32[(addr + CODE_NLOCALS) >> 2] = a.nlocals;
  i32[(addr + CODE_FRAMESIZE) >> 2] = a.frameHeaderWords + nlocalsplus + a.stacksize;
  return addr;
}

export function codeData(s: ObjectSpace, code: StackRef): CodeData {
  return s.codes.get(s.i32[((code & ~TAG_MASK) + CODE_JS) >> 2]!);
}

/** A new function for `code` (borrowed) with `globals` and `builtins` dicts (borrowed). */
export function newFunction(
  s: ObjectSpace,
  code: StackRef,
  globals: StackRef,
  builtins: StackRef,
): StackRef {
  const addr = s.allocObject(s.b.function, FUNC_SIZE);
  if (addr === 0) return ERROR;
  const i32 = s.i32;
  const data = codeData(s, code);
  const refs = s.refs;
  i32[(addr + FUNC_CODE) >> 2] = refs.asOwned(code);
  i32[(addr + FUNC_GLOBALS) >> 2] = refs.asOwned(globals);
  i32[(addr + FUNC_BUILTINS) >> 2] = refs.asOwned(builtins);
  i32[(addr + FUNC_NAME) >> 2] = s.intern(data.name);
  i32[(addr + FUNC_QUALNAME) >> 2] = s.intern(data.qualname);
  for (const field of [
    FUNC_DEFAULTS,
    FUNC_KWDEFAULTS,
    FUNC_CLOSURE,
    FUNC_DICT,
    FUNC_MODULE,
    FUNC_ANNOTATIONS,
  ]) {
    i32[(addr + field) >> 2] = NULL;
  }
  i32[(addr + FUNC_DOC) >> 2] = s.None;
  i32[(addr + FUNC_VERSION) >> 2] = s.nextFunctionVersion();
  return addr;
}

/** The compiler's localsplus kind bit of a free variable (CPython's CO_FAST_FREE). */
const CO_FAST_FREE = 0x80;

/**
 * `func.__code__ = code` (CPython's func_set_code): the code must have as many free variables as
 * the function has closure cells. The function gets a new version. The old code stays alive as
 * long as the function: frames of the function that are running or suspended borrow it (and own
 * the function).
 */
export function setFunctionCode(s: ObjectSpace, func: StackRef, code: StackRef): number {
  if (code === NULL || (code & 3) === 3 || s.typeAddrOf(code) !== s.b.code.addr) {
    s.raise(s.b.TypeError, "__code__ must be set to a code object");
    return -1;
  }
  const i32 = s.i32;
  const f = func & ~TAG_MASK;
  const closure = i32[(f + FUNC_CLOSURE) >> 2]!;
  const nclosure = closure === NULL ? 0 : tupleLength(s, closure);
  const nfree = codeData(s, code).localsplusKinds.filter((k) => (k & CO_FAST_FREE) !== 0).length;
  if (nclosure !== nfree) {
    const name = s.strValue(i32[(f + FUNC_NAME) >> 2]!);
    s.raise(
      s.b.ValueError,
      `${name}() requires a code object with ${nclosure} free vars, not ${nfree}`,
    );
    return -1;
  }
  const retired = s.retiredCode.get(f);
  if (retired === undefined) s.retiredCode.set(f, [i32[(f + FUNC_CODE) >> 2]!]);
  else retired.push(i32[(f + FUNC_CODE) >> 2]!);
  i32[(f + FUNC_CODE) >> 2] = s.refs.asOwned(code);
  s.modifiedFunction(f);
  return 0;
}

/** The JavaScript half of a builtin function. */
export interface BuiltinData {
  readonly name: string;
  readonly impl: VectorCall;
  /** Qualified name prefix for methods (`list.append`), empty for functions. */
  readonly owner: string;
}

/** A builtin function object; `self` (borrowed, or NULL) is passed to the implementation. */
export function newBuiltin(
  s: ObjectSpace,
  name: string,
  impl: VectorCall,
  self: StackRef = NULL,
  owner = "",
  type: PyType = s.b.builtin_function_or_method,
): StackRef {
  const addr = s.allocObject(type, BUILTIN_SIZE);
  if (addr === 0) return ERROR;
  const i32 = s.i32;
  i32[(addr + BUILTIN_JS) >> 2] = s.builtins.add({ name, impl, owner });
  i32[(addr + BUILTIN_SELF) >> 2] = s.refs.asOwned(self);
  i32[(addr + BUILTIN_MODULE) >> 2] = NULL;
  return addr;
}

export function builtinData(s: ObjectSpace, ref: StackRef): BuiltinData {
  return s.builtins.get(s.i32[((ref & ~TAG_MASK) + BUILTIN_JS) >> 2]!);
}

/** A module object named `name` with a fresh dict holding `__name__`. */
export function newModule(s: ObjectSpace, name: string): StackRef {
  const addr = s.allocObject(s.b.module, MODULE_SIZE);
  if (addr === 0) return ERROR;
  const dict = s.newDict();
  if (dict === ERROR) {
    s.heap.freeObject(addr);
    return ERROR;
  }
  const nameRef = s.intern(name);
  s.i32[(addr + MODULE_DICT) >> 2] = dict;
  s.i32[(addr + MODULE_NAME) >> 2] = nameRef;
  if (s.dictSetStr(dict, "__name__", nameRef) < 0) {
    s.refs.close(addr);
    return ERROR;
  }
  return addr;
}

export function moduleDict(s: ObjectSpace, module: StackRef): StackRef {
  return s.i32[((module & ~TAG_MASK) + MODULE_DICT) >> 2]!;
}

function closeFields(s: ObjectSpace, addr: number, fields: readonly number[]): void {
  for (const f of fields) s.refs.close(s.i32[(addr + f) >> 2]!);
}

export function installFunctions(s: ObjectSpace, b: Builtins): void {
  b.code = s.newStaticType("code", b.object, {
    dealloc: (addr) => {
      const i32 = s.i32;
      s.onCodeFreed?.(addr);
      s.codes.remove(i32[(addr + CODE_JS) >> 2]!);
      s.heap.free(i32[(addr + CODE_BYTECODE) >> 2]! << 1);
      closeFields(s, addr, [CODE_CONSTS, CODE_NAMES]);
      s.heap.freeObject(addr);
    },
    repr: (self) => {
      const d = codeData(s, self);
      const id = (self & ~TAG_MASK).toString(16).padStart(12, "0");
      return s.newStr(
        `<code object ${d.name} at 0x${id}, file "${d.filename}", line ${d.firstLineno}>`,
      );
    },
  });
  b.function = s.newStaticType(
    "function",
    b.object,
    {
      dealloc: (addr) => {
        closeFields(s, addr, [
          FUNC_CODE,
          FUNC_GLOBALS,
          FUNC_BUILTINS,
          FUNC_NAME,
          FUNC_QUALNAME,
          FUNC_DEFAULTS,
          FUNC_KWDEFAULTS,
          FUNC_CLOSURE,
          FUNC_DOC,
          FUNC_DICT,
          FUNC_MODULE,
          FUNC_ANNOTATIONS,
        ]);
        if (s.retiredCode.size !== 0) {
          for (const code of s.retiredCode.get(addr) ?? []) s.refs.close(code);
          s.retiredCode.delete(addr);
        }
        s.heap.freeObject(addr);
      },
      repr: (self) => {
        const id = (self & ~TAG_MASK).toString(16).padStart(12, "0");
        const qualname = s.strValue(s.i32[((self & ~TAG_MASK) + FUNC_QUALNAME) >> 2]!);
        return s.newStr(`<function ${qualname} at 0x${id}>`);
      },
      // Calls of Python functions from host code go through the interpreter.
      call: (self, args, nargs, kwnames) => s.runtimeCallVector(self, args, nargs, kwnames),
    },
    { gc: true },
  );
  b.builtin_function_or_method = s.newStaticType(
    "builtin_function_or_method",
    b.object,
    {
      dealloc: (addr) => {
        s.builtins.remove(s.i32[(addr + BUILTIN_JS) >> 2]!);
        closeFields(s, addr, [BUILTIN_SELF, BUILTIN_MODULE]);
        s.heap.freeObject(addr);
      },
      repr: (self) => {
        const d = builtinData(s, self);
        const bound = s.i32[((self & ~TAG_MASK) + BUILTIN_SELF) >> 2]!;
        if (bound === NULL || s.typeOf(bound) === s.b.module) {
          return s.newStr(`<built-in function ${d.name}>`);
        }
        const r = defaultRepr(s, bound);
        const text = `<built-in method ${d.name} of ${s.typeOf(bound).name} object at ${s.strValue(r).split(" at ")[1]}`;
        s.refs.close(r);
        return s.newStr(text);
      },
      call: (self, args, nargs, kwnames) =>
        builtinData(s, self).impl(
          s.i32[((self & ~TAG_MASK) + BUILTIN_SELF) >> 2]!,
          args,
          nargs,
          kwnames,
        ),
    },
    { gc: true },
  );
  b.module = s.newStaticType(
    "module",
    b.object,
    {
      dealloc: (addr) => {
        closeFields(s, addr, [MODULE_DICT, MODULE_NAME]);
        s.heap.freeObject(addr);
      },
      repr: (self) => {
        const name = s.strValue(s.i32[((self & ~TAG_MASK) + MODULE_NAME) >> 2]!);
        return s.newStr(`<module '${name}'>`);
      },
      getattr: (self, name) => {
        const v = s.dictGetItem(moduleDict(s, self), name);
        if (v === ERROR) return ERROR;
        if (v !== NULL) return s.refs.dup(v);
        const generic = genericGetAttrOrNull(s, self, s.strValue(name));
        if (generic !== NULL) return generic;
        const mod = s.strValue(s.i32[((self & ~TAG_MASK) + MODULE_NAME) >> 2]!);
        return s.raise(
          s.b.AttributeError,
          `module '${mod}' has no attribute '${s.strValue(name)}'`,
        );
      },
    },
    { gc: true },
  );
}
