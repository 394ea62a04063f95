// Type objects: a small record in linear memory (version, flags) and a PyType in JavaScript that
// holds the name, the MRO and the slot functions, as CPython's PyTypeObject holds tp_* pointers.
import type { StackRef } from "@skein/stackref";

/** Rich comparison operators, CPython's Py_LT ... Py_GE. */
export const CompareOp = { LT: 0, LE: 1, EQ: 2, NE: 3, GT: 4, GE: 5 } as const;

/** Binary operators, CPython's NB_* values (the oparg of BINARY_OP). */
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
  INPLACE_AND: 14,
  INPLACE_FLOOR_DIVIDE: 15,
  INPLACE_LSHIFT: 16,
  INPLACE_MATRIX_MULTIPLY: 17,
  INPLACE_MULTIPLY: 18,
  INPLACE_REMAINDER: 19,
  INPLACE_OR: 20,
  INPLACE_POWER: 21,
  INPLACE_RSHIFT: 22,
  INPLACE_SUBTRACT: 23,
  INPLACE_TRUE_DIVIDE: 24,
  INPLACE_XOR: 25,
  SUBSCR: 26,
} as const;

/** The operator symbol of each NB_* value, for error messages. */
export const NB_SYMBOLS: readonly string[] = [
  "+",
  "&",
  "//",
  "<<",
  "@",
  "*",
  "%",
  "|",
  "** or pow()",
  ">>",
  "-",
  "/",
  "^",
  "+=",
  "&=",
  "//=",
  "<<=",
  "@=",
  "*=",
  "%=",
  "|=",
  "**=",
  ">>=",
  "-=",
  "/=",
  "^=",
  "[]",
];

export const UnaryOp = { NEGATIVE: 0, POSITIVE: 1, INVERT: 2 } as const;

/**
 * A vectorcall: arguments are `nargs` references at i32 index `args` of the heap (borrowed by the
 * callee), followed by the keyword values named by the `kwnames` tuple (or NULL).
 */
export type VectorCall = (
  self: StackRef,
  args: number,
  nargs: number,
  kwnames: StackRef,
) => StackRef;

/**
 * Slot functions. Every one borrows its arguments. Functions returning a reference return
 * ERROR (2) with the current exception set on failure; functions returning a number return -1.
 * A binary slot may return NotImplemented.
 */
export interface TypeSlots {
  dealloc?: (addr: number) => void;
  repr?: (self: StackRef) => StackRef;
  str?: (self: StackRef) => StackRef;
  /** The hash as a number (exact for |h| < 2**53); -1 on error. */
  hash?: (self: StackRef) => number;
  richcompare?: (self: StackRef, other: StackRef, op: number) => StackRef;
  /** nb_bool: 0 or 1, -1 on error. */
  bool?: (self: StackRef) => number;
  /** sq_length / mp_length: -1 on error. */
  len?: (self: StackRef) => number;
  iter?: (self: StackRef) => StackRef;
  /** The next item, NULL when exhausted (no exception set), ERROR on error. */
  iternext?: (self: StackRef) => StackRef;
  getitem?: (self: StackRef, key: StackRef) => StackRef;
  /** Store, or delete when `value` is NULL; 0 or -1. */
  setitem?: (self: StackRef, key: StackRef, value: StackRef) => number;
  /** sq_contains: 0 or 1, -1 on error. */
  contains?: (self: StackRef, key: StackRef) => number;
  call?: VectorCall;
  /** Numeric binary operators (CPython's nb_* slots, both operand orders). */
  binop?: (a: StackRef, b: StackRef, nb: number) => StackRef;
  unary?: (self: StackRef, op: number) => StackRef;
  getattr?: (self: StackRef, name: StackRef) => StackRef;
  /** Store, or delete when `value` is NULL. */
  setattr?: (self: StackRef, name: StackRef, value: StackRef) => number;
  /** tp_new through vectorcall: `self` is the type object. */
  new?: VectorCall;
}

/** The JavaScript half of a type object. */
export class PyType {
  /** Address of the type object in the heap. */
  addr = 0;
  readonly name: string;
  base: PyType | null;
  mro: PyType[] = [];
  readonly slots: TypeSlots;
  /** Methods of builtin types, by name: `getAttr` binds them to the instance. */
  readonly methods = new Map<string, VectorCall>();
  /** The module name shown in reprs (`builtins` for builtin types). */
  module = "builtins";

  constructor(name: string, base: PyType | null, slots: TypeSlots) {
    this.name = name;
    this.base = base;
    this.slots = slots;
  }

  isSubtypeOf(other: PyType): boolean {
    return this === other || this.mro.includes(other);
  }
}
