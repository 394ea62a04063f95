// What the compiler needs to know about each instruction, by name: stack effects (for stack depth
// and the borrow analysis), inline cache sizes, jump and exit classes. Opcode numbers, stack
// effects and cache sizes come from @skein/bytecode's generated metadata for every instruction it
// defines. For CPython 3.14 instructions it does not define yet, the fallback tables below (from
// CPython's metadata) let code generation, listings and tests run; assembly refuses them.
//
// Where Skein's instruction set differs from CPython 3.14 (GET_ITER/FOR_ITER/POP_ITER carry a
// second "index or NULL" slot, as in 3.15) the fallback follows packages/bytecode/defs.
import {
  INLINE_CACHE_ENTRIES,
  numPopped as metaPopped,
  numPushed as metaPushed,
  Opcode,
  PseudoOpcode,
} from "@skein/bytecode";

const OPCODES: Readonly<Record<string, number>> = Opcode;
const PSEUDO: Readonly<Record<string, number>> = PseudoOpcode;

/** The opcode number of a real instruction in Skein's instruction set, or undefined. */
export function opcodeOf(op: string): number | undefined {
  return OPCODES[op];
}

/** Whether Skein's instruction set (real or pseudo) defines `op`. */
export function inInstructionSet(op: string): boolean {
  return OPCODES[op] !== undefined || PSEUDO[op] !== undefined;
}

const FALLBACK_CACHES: Readonly<Record<string, number>> = {
  BINARY_OP: 5,
  CALL: 3,
  CALL_KW: 3,
  COMPARE_OP: 1,
  CONTAINS_OP: 1,
  FOR_ITER: 1,
  JUMP_BACKWARD: 1,
  LOAD_ATTR: 9,
  LOAD_GLOBAL: 4,
  LOAD_SUPER_ATTR: 1,
  POP_JUMP_IF_FALSE: 1,
  POP_JUMP_IF_TRUE: 1,
  POP_JUMP_IF_NONE: 1,
  POP_JUMP_IF_NOT_NONE: 1,
  SEND: 1,
  STORE_ATTR: 4,
  STORE_SUBSCR: 1,
  TO_BOOL: 3,
  UNPACK_SEQUENCE: 1,
};

/** Inline cache units after `op`. */
const cacheSizes = new Map<string, number>();

export function cacheSize(op: string): number {
  let n = cacheSizes.get(op);
  if (n === undefined) {
    const code = OPCODES[op];
    n = code !== undefined ? (INLINE_CACHE_ENTRIES[code] ?? 0) : (FALLBACK_CACHES[op] ?? 0);
    cacheSizes.set(op, n);
  }
  return n;
}

/** Stack slots an iterator occupies in a `for` loop (GET_ITER's outputs). */
export const ITER_SLOTS: number = 2;

type Effect = readonly [
  popped: number | ((oparg: number) => number),
  pushed: number | ((oparg: number) => number),
];

const E: Record<string, Effect> = {
  NOP: [0, 0],
  NOT_TAKEN: [0, 0],
  CACHE: [0, 0],
  EXTENDED_ARG: [0, 0],
  RESUME: [0, 0],
  LOAD_FAST: [0, 1],
  LOAD_FAST_BORROW: [0, 1],
  LOAD_FAST_CHECK: [0, 1],
  LOAD_FAST_AND_CLEAR: [0, 1],
  LOAD_FAST_LOAD_FAST: [0, 2],
  LOAD_FAST_BORROW_LOAD_FAST_BORROW: [0, 2],
  STORE_FAST: [1, 0],
  STORE_FAST_LOAD_FAST: [1, 1],
  STORE_FAST_STORE_FAST: [2, 0],
  DELETE_FAST: [0, 0],
  LOAD_CONST: [0, 1],
  LOAD_SMALL_INT: [0, 1],
  LOAD_COMMON_CONSTANT: [0, 1],
  POP_TOP: [1, 0],
  PUSH_NULL: [0, 1],
  COPY: [(n) => n, (n) => n + 1],
  SWAP: [(n) => n, (n) => n],
  LOAD_NAME: [0, 1],
  STORE_NAME: [1, 0],
  DELETE_NAME: [0, 0],
  LOAD_GLOBAL: [0, (n) => 1 + (n & 1)],
  STORE_GLOBAL: [1, 0],
  DELETE_GLOBAL: [0, 0],
  LOAD_DEREF: [0, 1],
  STORE_DEREF: [1, 0],
  DELETE_DEREF: [0, 0],
  LOAD_FROM_DICT_OR_DEREF: [1, 1],
  LOAD_FROM_DICT_OR_GLOBALS: [1, 1],
  LOAD_LOCALS: [0, 1],
  MAKE_CELL: [0, 0],
  COPY_FREE_VARS: [0, 0],
  LOAD_ATTR: [1, (n) => 1 + (n & 1)],
  STORE_ATTR: [2, 0],
  DELETE_ATTR: [1, 0],
  LOAD_SUPER_ATTR: [3, (n) => 1 + (n & 1)],
  LOAD_SPECIAL: [1, 2],
  UNARY_NEGATIVE: [1, 1],
  UNARY_NOT: [1, 1],
  UNARY_INVERT: [1, 1],
  BINARY_OP: [2, 1],
  BINARY_SLICE: [3, 1],
  STORE_SLICE: [4, 0],
  STORE_SUBSCR: [3, 0],
  DELETE_SUBSCR: [2, 0],
  COMPARE_OP: [2, 1],
  IS_OP: [2, 1],
  CONTAINS_OP: [2, 1],
  TO_BOOL: [1, 1],
  POP_JUMP_IF_FALSE: [1, 0],
  POP_JUMP_IF_TRUE: [1, 0],
  POP_JUMP_IF_NONE: [1, 0],
  POP_JUMP_IF_NOT_NONE: [1, 0],
  JUMP_FORWARD: [0, 0],
  JUMP_BACKWARD: [0, 0],
  JUMP_BACKWARD_NO_INTERRUPT: [0, 0],
  GET_ITER: [1, ITER_SLOTS],
  FOR_ITER: [ITER_SLOTS, ITER_SLOTS + 1],
  END_FOR: [1, 0],
  POP_ITER: [ITER_SLOTS, 0],
  GET_LEN: [1, 2],
  CALL: [(n) => n + 2, 1],
  CALL_KW: [(n) => n + 3, 1],
  CALL_FUNCTION_EX: [4, 1],
  CALL_INTRINSIC_1: [1, 1],
  CALL_INTRINSIC_2: [2, 1],
  MAKE_FUNCTION: [1, 1],
  SET_FUNCTION_ATTRIBUTE: [2, 1],
  RETURN_VALUE: [1, 1],
  RETURN_GENERATOR: [0, 1],
  YIELD_VALUE: [1, 1],
  SEND: [2, 2],
  END_SEND: [2, 1],
  GET_AWAITABLE: [1, 1],
  GET_AITER: [1, 1],
  GET_ANEXT: [1, 2],
  GET_YIELD_FROM_ITER: [1, 1],
  CLEANUP_THROW: [3, 2],
  END_ASYNC_FOR: [2, 0],
  BUILD_LIST: [(n) => n, 1],
  BUILD_TUPLE: [(n) => n, 1],
  BUILD_SET: [(n) => n, 1],
  BUILD_MAP: [(n) => n * 2, 1],
  BUILD_STRING: [(n) => n, 1],
  BUILD_SLICE: [(n) => n, 1],
  LIST_APPEND: [(n) => n + 1, (n) => n],
  LIST_EXTEND: [(n) => n + 1, (n) => n],
  SET_ADD: [(n) => n + 1, (n) => n],
  SET_UPDATE: [(n) => n + 1, (n) => n],
  MAP_ADD: [(n) => n + 2, (n) => n],
  DICT_UPDATE: [(n) => n + 1, (n) => n],
  DICT_MERGE: [(n) => n + 4, (n) => n + 3],
  UNPACK_SEQUENCE: [1, (n) => n],
  UNPACK_EX: [1, (n) => (n & 0xff) + (n >> 8) + 1],
  RAISE_VARARGS: [(n) => n, 0],
  PUSH_EXC_INFO: [1, 2],
  POP_EXCEPT: [1, 0],
  CHECK_EXC_MATCH: [2, 2],
  CHECK_EG_MATCH: [2, 2],
  RERAISE: [(n) => n + 1, (n) => n],
  WITH_EXCEPT_START: [5, 6],
  LOAD_BUILD_CLASS: [0, 1],
  IMPORT_NAME: [2, 1],
  IMPORT_FROM: [1, 2],
  CONVERT_VALUE: [1, 1],
  FORMAT_SIMPLE: [1, 1],
  FORMAT_WITH_SPEC: [2, 1],
  SETUP_ANNOTATIONS: [0, 0],
  MATCH_CLASS: [3, 1],
  MATCH_MAPPING: [1, 2],
  MATCH_SEQUENCE: [1, 2],
  MATCH_KEYS: [2, 3],
  // Pseudo-instructions (replaced before assembly).
  JUMP: [0, 0],
  JUMP_NO_INTERRUPT: [0, 0],
  JUMP_IF_FALSE: [1, 1],
  JUMP_IF_TRUE: [1, 1],
  SETUP_FINALLY: [0, 1],
  SETUP_CLEANUP: [0, 2],
  SETUP_WITH: [0, 1],
  POP_BLOCK: [0, 0],
  LOAD_CLOSURE: [0, 1],
  STORE_FAST_MAYBE_NULL: [1, 0],
};

export function isKnownOp(op: string): boolean {
  return E[op] !== undefined;
}

export function numPopped(op: string, oparg: number): number {
  const code = OPCODES[op] ?? PSEUDO[op];
  if (code !== undefined) {
    const n = metaPopped(code, oparg);
    if (n >= 0) return n;
  }
  const e = E[op];
  if (e === undefined) return -1;
  return typeof e[0] === "number" ? e[0] : e[0](oparg);
}

export function numPushed(op: string, oparg: number): number {
  const code = OPCODES[op] ?? PSEUDO[op];
  if (code !== undefined) {
    const n = metaPushed(code, oparg);
    if (n >= 0) return n;
  }
  const e = E[op];
  if (e === undefined) return -1;
  return typeof e[1] === "number" ? e[1] : e[1](oparg);
}

const BLOCK_PUSH = new Set(["SETUP_FINALLY", "SETUP_CLEANUP", "SETUP_WITH"]);
const UNCONDITIONAL_JUMP = new Set([
  "JUMP",
  "JUMP_NO_INTERRUPT",
  "JUMP_FORWARD",
  "JUMP_BACKWARD",
  "JUMP_BACKWARD_NO_INTERRUPT",
]);
const CONDITIONAL_JUMP = new Set([
  "POP_JUMP_IF_FALSE",
  "POP_JUMP_IF_TRUE",
  "POP_JUMP_IF_NONE",
  "POP_JUMP_IF_NOT_NONE",
]);
const JUMPS = new Set([
  ...UNCONDITIONAL_JUMP,
  ...CONDITIONAL_JUMP,
  "JUMP_IF_FALSE",
  "JUMP_IF_TRUE",
  "FOR_ITER",
  "SEND",
  "END_ASYNC_FOR",
]);
const SCOPE_EXIT = new Set(["RETURN_VALUE", "RAISE_VARARGS", "RERAISE"]);
const EVAL_BREAK = new Set([
  "JUMP",
  "JUMP_BACKWARD",
  "RESUME",
  "CALL",
  "CALL_KW",
  "CALL_FUNCTION_EX",
]);
const NO_ARG = new Set([
  "NOP",
  "NOT_TAKEN",
  "CACHE",
  "POP_TOP",
  "PUSH_NULL",
  "UNARY_NEGATIVE",
  "UNARY_NOT",
  "UNARY_INVERT",
  "BINARY_SLICE",
  "STORE_SLICE",
  "STORE_SUBSCR",
  "DELETE_SUBSCR",
  "TO_BOOL",
  "GET_ITER",
  "END_FOR",
  "POP_ITER",
  "GET_LEN",
  "CALL_FUNCTION_EX",
  "MAKE_FUNCTION",
  "RETURN_VALUE",
  "RETURN_GENERATOR",
  "END_SEND",
  "GET_AITER",
  "GET_ANEXT",
  "GET_YIELD_FROM_ITER",
  "CLEANUP_THROW",
  "PUSH_EXC_INFO",
  "POP_EXCEPT",
  "CHECK_EXC_MATCH",
  "CHECK_EG_MATCH",
  "WITH_EXCEPT_START",
  "LOAD_BUILD_CLASS",
  "LOAD_LOCALS",
  "FORMAT_SIMPLE",
  "FORMAT_WITH_SPEC",
  "SETUP_ANNOTATIONS",
  "MATCH_MAPPING",
  "MATCH_SEQUENCE",
  "MATCH_KEYS",
  "POP_BLOCK",
  "INTERPRETER_EXIT",
]);

export const isBlockPush = (op: string): boolean => BLOCK_PUSH.has(op);
export const isUnconditionalJump = (op: string): boolean => UNCONDITIONAL_JUMP.has(op);
export const isConditionalJump = (op: string): boolean => CONDITIONAL_JUMP.has(op);
/** OPCODE_HAS_JUMP: the instruction may transfer control to its target. */
export const isJump = (op: string): boolean => JUMPS.has(op);
/** HAS_TARGET: jumps and block pushes. */
export const hasTarget = (op: string): boolean => JUMPS.has(op) || BLOCK_PUSH.has(op);
export const isScopeExit = (op: string): boolean => SCOPE_EXIT.has(op);
export const isTerminator = (op: string): boolean => JUMPS.has(op) || SCOPE_EXIT.has(op);
export const hasEvalBreak = (op: string): boolean => EVAL_BREAK.has(op);
export const hasArg = (op: string): boolean => !NO_ARG.has(op);

// Opargs (CPython's Include/opcode.h, pycore_intrinsics.h, pycore_ceval.h).
export const NB = {
  ADD: 0,
  AND: 1,
  FLOOR_DIVIDE: 2,
  LSHIFT: 3,
  MATRIX_MULTIPLY: 4,
  MULTIPLY: 5,
  REMAINDER: 6,
  OR: 7,
  POWER: 8,
  RSHIFT: 9,
  SUBTRACT: 10,
  TRUE_DIVIDE: 11,
  XOR: 12,
  INPLACE_ADD: 13,
  SUBSCR: 26,
} as const;

export const INTRINSIC_PRINT = 1;
export const INTRINSIC_IMPORT_STAR = 2;
export const INTRINSIC_STOPITERATION_ERROR = 3;
export const INTRINSIC_ASYNC_GEN_WRAP = 4;
export const INTRINSIC_UNARY_POSITIVE = 5;
export const INTRINSIC_LIST_TO_TUPLE = 6;
export const INTRINSIC_TYPEVAR = 7;
export const INTRINSIC_PARAMSPEC = 8;
export const INTRINSIC_TYPEVARTUPLE = 9;
export const INTRINSIC_SUBSCRIPT_GENERIC = 10;
export const INTRINSIC_TYPEALIAS = 11;
export const INTRINSIC_2_PREP_RERAISE_STAR = 1;
export const INTRINSIC_TYPEVAR_WITH_BOUND = 2;
export const INTRINSIC_TYPEVAR_WITH_CONSTRAINTS = 3;
export const INTRINSIC_SET_FUNCTION_TYPE_PARAMS = 4;
export const INTRINSIC_SET_TYPEPARAM_DEFAULT = 5;

export const CONSTANT_ASSERTIONERROR = 0;
export const CONSTANT_NOTIMPLEMENTEDERROR = 1;

export const SPECIAL_ENTER = 0;
export const SPECIAL_EXIT = 1;
export const SPECIAL_AENTER = 2;
export const SPECIAL_AEXIT = 3;

export const RESUME_AT_FUNC_START = 0;
export const RESUME_AFTER_YIELD = 1;
export const RESUME_AFTER_YIELD_FROM = 2;
export const RESUME_AFTER_AWAIT = 3;
export const RESUME_OPARG_DEPTH1_MASK = 4;

export const FVC_STR = 1;
export const FVC_REPR = 2;
export const FVC_ASCII = 3;

export const MAKE_FUNCTION_DEFAULTS = 0x01;
export const MAKE_FUNCTION_KWDEFAULTS = 0x02;
export const MAKE_FUNCTION_ANNOTATIONS = 0x04;
export const MAKE_FUNCTION_CLOSURE = 0x08;
export const MAKE_FUNCTION_ANNOTATE = 0x10;

// Code flags (Include/cpython/code.h).
export const CO_OPTIMIZED = 0x1;
export const CO_NEWLOCALS = 0x2;
export const CO_VARARGS = 0x4;
export const CO_VARKEYWORDS = 0x8;
export const CO_NESTED = 0x10;
export const CO_GENERATOR = 0x20;
export const CO_COROUTINE = 0x80;
export const CO_ITERABLE_COROUTINE = 0x100;
export const CO_ASYNC_GENERATOR = 0x200;
export const CO_HAS_DOCSTRING = 0x4000000;
export const CO_METHOD = 0x8000000;

// Kinds of localsplus slots.
export const CO_FAST_ARG_POS = 0x02;
export const CO_FAST_ARG_KW = 0x04;
export const CO_FAST_ARG_VAR = 0x08;
export const CO_FAST_HIDDEN = 0x10;
export const CO_FAST_LOCAL = 0x20;
export const CO_FAST_CELL = 0x40;
export const CO_FAST_FREE = 0x80;
