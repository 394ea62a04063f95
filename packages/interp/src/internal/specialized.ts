// Helpers of the specialized instructions (defs/specialized.ts) that are too long to inline in the
// loops. ThreadState delegates to them in one line each. None of them escapes.
import { type CodeUnit, Opcode } from "@skein/bytecode";
import { layout, type ObjectSpace } from "@skein/objects";
import type { StackRef } from "@skein/stackref";

const {
  CODE_ARGCOUNT,
  DICT_KEYS,
  ENTRY_HASH_HI,
  ENTRY_HASH_LO,
  ENTRY_KEY,
  ENTRY_SIZE,
  FUNC_CODE,
  FUNC_VERSION,
  KEYS_HEADER,
  KEYS_LOG2,
  STR_FLAGS,
  STR_HASH,
  STR_HASHED,
  TYPE_VERSION,
} = layout;

/**
 * Whether dict `dict` certainly lacks the str `name`: CPython's probe sequence over the index
 * table, answering false on the name itself and on any other key with the same hash (comparing
 * those could run Python code), and when the name's hash is not cached yet.
 */
export function dictLacksStr(i32: Int32Array, dict: number, name: StackRef): boolean {
  const str = name & ~3;
  if ((i32[(str + STR_FLAGS) >> 2]! & STR_HASHED) === 0) return false;
  const lo = i32[(str + STR_HASH) >> 2]!;
  const hi = lo >> 31;
  const keys = i32[((dict & ~3) + DICT_KEYS) >> 2]!;
  const log2 = i32[(keys + KEYS_LOG2) >> 2]!;
  const mask = (1 << log2) - 1;
  const indices = (keys + KEYS_HEADER) >> 2;
  const entries = keys + KEYS_HEADER + (4 << log2);
  let i = lo & mask;
  let plo = lo;
  let phi = hi;
  for (;;) {
    const ix = i32[indices + i]!;
    if (ix === -1) return true;
    if (ix >= 0) {
      const e = entries + ENTRY_SIZE * ix;
      if (i32[(e + ENTRY_HASH_LO) >> 2] === lo && i32[(e + ENTRY_HASH_HI) >> 2] === hi) {
        return false;
      }
      if ((i32[(e + ENTRY_KEY) >> 2]! & ~1) === (name & ~1)) return false;
    }
    plo = (plo >>> 5) | (phi << 27);
    phi = phi >>> 5;
    i = (i * 5 + (plo >>> 0) + 1) & mask;
  }
}

/** A bound method's function (classes.ts's method layout: [func][self]). */
const METHOD_FUNC = 8;

/** CALL_BOUND_METHOD_GENERAL's guard: see Tier1Env.isMethodOfVersion. */
export function isMethodOfVersion(s: ObjectSpace, callable: StackRef, version: number): boolean {
  if ((callable & 3) === 3 || s.typeAddrOf(callable) !== s.b.method.addr) return false;
  const f = s.i32[((callable & ~3) + METHOD_FUNC) >> 2]!;
  if ((f & 3) === 3 || s.typeAddrOf(f) !== s.b.function.addr) return false;
  return s.i32[((f & ~3) + FUNC_VERSION) >> 2]! >>> 0 === version;
}

/** CALL_BOUND_METHOD_EXACT_ARGS's guard: see Tier1Env.isBoundMethodExact. */
export function isBoundMethodExact(
  s: ObjectSpace,
  callable: StackRef,
  version: number,
  nargs: number,
): boolean {
  if (!isMethodOfVersion(s, callable, version)) return false;
  const i32 = s.i32;
  const f = i32[((callable & ~3) + METHOD_FUNC) >> 2]!;
  return i32[((i32[((f & ~3) + FUNC_CODE) >> 2]! & ~3) + CODE_ARGCOUNT) >> 2] === nargs;
}

/** CALL_ALLOC_AND_ENTER_INIT's guard: a class of metatype `type` whose version is `version`. */
export function isClassOfVersion(s: ObjectSpace, callable: StackRef, version: number): boolean {
  if ((callable & 3) === 3 || s.typeAddrOf(callable) !== s.b.type.addr) return false;
  return s.i32[((callable & ~3) + TYPE_VERSION) >> 2]! >>> 0 === version;
}

/**
 * The code of the frame CALL_ALLOC_AND_ENTER_INIT pushes under `__init__`'s (CPython's
 * _Py_InitCleanup): the instance waits on its stack; `__init__`'s result lands above it, is
 * checked to be None, and the instance is returned.
 */
export function initShimUnit(): CodeUnit {
  return shimUnit(
    "__init__",
    "<init shim>",
    new Uint16Array([Opcode.EXIT_INIT_CHECK, Opcode.RETURN_VALUE]),
    2,
  );
}

/** The code of an interpreter's shim frame: `code`, no locals, no arguments, no positions. */
export function shimUnit(
  name: string,
  filename: string,
  code: Uint16Array,
  stacksize: number,
  exceptionTable: CodeUnit["exceptionTable"] = [],
): CodeUnit {
  return {
    kind: "code",
    name,
    qualname: name,
    filename,
    firstLineno: 0,
    argcount: 0,
    posonlyargcount: 0,
    kwonlyargcount: 0,
    flags: 0,
    code,
    consts: [],
    names: [],
    localsplusNames: [],
    localsplusKinds: new Uint8Array(0),
    stacksize,
    positions: new Int32Array(4 * code.length).fill(-1),
    exceptionTable,
  };
}
