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
  /**
   * Numeric binary operators (CPython's nb_* slots): `a op b`. `reflected` is true when the slot
   * is called for the right operand's type (builtin slots check both operands' types and may
   * ignore it; classes call `__radd__` on `b` then).
   */
  binop?: (a: StackRef, b: StackRef, nb: number, reflected: boolean) => StackRef;
  unary?: (self: StackRef, op: number) => StackRef;
  getattr?: (self: StackRef, name: StackRef) => StackRef;
  /** Store, or delete when `value` is NULL. */
  setattr?: (self: StackRef, name: StackRef, value: StackRef) => number;
  /** tp_new through vectorcall: `self` is the type object. */
  new?: VectorCall;
  /** tp_init through vectorcall: `self` is the new instance; 0 or -1. */
  init?: (self: StackRef, args: number, nargs: number, kwnames: StackRef) => number;
  /** tp_descr_get: `self.__get__(obj, type)`; obj may be NULL. */
  descrGet?: (self: StackRef, obj: StackRef, type: StackRef) => StackRef;
  /** tp_descr_set: `self.__set__(obj, value)`, or `__delete__` when value is NULL; 0 or -1. */
  descrSet?: (self: StackRef, obj: StackRef, value: StackRef) => number;
}

/** A builtin data descriptor (CPython's getset): computed attributes of builtin types. */
export interface GetSet {
  /** A `__slots__` field's (a member descriptor's): its byte offset in the instance. */
  readonly offset?: number;
  get(self: StackRef): StackRef;
  /** Store, or delete when value is NULL; absent for read-only attributes. */
  set?: (self: StackRef, value: StackRef) => number;
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
  /** Class methods and static callables of builtin types (`dict.fromkeys`, `int.from_bytes`). */
  readonly classMethods = new Map<string, VectorCall>();
  /** Computed attributes of builtin types (`__class__`, `args`, `__name__`...). */
  readonly getsets = new Map<string, GetSet>();
  /** Plain attributes of builtin types (`__hash__ = None` of mutable containers, `__doc__`). */
  readonly attrs = new Map<string, StackRef>();
  /** The names in `methods` that are slot wrappers (`int.__add__`), not method descriptors. */
  readonly slotWrappers = new Set<string>();
  /** Descriptor objects made for this builtin type's methods and getsets, by name. */
  readonly descriptors = new Map<string, number>();
  /** The module name shown in reprs (`builtins` for builtin types). */
  module = "builtins";
  qualname: string;
  /** All bases, in order (`base` is the first, the one whose layout instances extend). */
  bases: PyType[] = [];
  /** A class defined in Python: its namespace lives in `dict` (a heap dict reference). */
  heap = false;
  dict: StackRef = 1;
  /** Instance size in bytes, and where an instance keeps its `__dict__` (0: none). */
  basicSize = 8;
  /**
   * Where an instance keeps its `__dict__`: 0 none; > 0 a byte offset; < 0 the negated logical
   * offset of a class over a variable-size builtin (the slot follows the variable part: see
   * `fieldDelta`).
   */
  dictOffset = 0;
  /** The builtin type whose instance layout and slots this type's instances start with. */
  builtin: PyType;
  /**
   * Variable-size builtins (int, tuple, bytes): the bytes an instance's builtin part takes,
   * header included, rounded up to 4. A class over one keeps its own fields after that part.
   */
  varSize: ((addr: number) => number) | null = null;

  constructor(name: string, base: PyType | null, slots: TypeSlots) {
    this.name = name;
    this.qualname = name;
    this.base = base;
    this.slots = slots;
    this.builtin = this;
    if (base !== null) this.bases = [base];
  }

  /**
   * How far the fields a class adds after its builtin part sit from their logical offsets
   * (`basicSize` counts the builtin part at its fixed size) in the instance at `addr`.
   */
  fieldDelta(addr: number): number {
    const b = this.builtin;
    return b.varSize === null ? 0 : b.varSize(addr) - b.basicSize;
  }

  isSubtypeOf(other: PyType): boolean {
    return this === other || this.mro.includes(other);
  }
}
