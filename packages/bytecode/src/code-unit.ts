// The heap-free code object the compiler emits and the interpreter turns into a heap code object.
// Field meanings are CPython's (co_* attributes); see README.md.

/** CPython's code flags (co_flags). */
export const CodeFlag = {
  CO_OPTIMIZED: 0x1,
  CO_NEWLOCALS: 0x2,
  CO_VARARGS: 0x4,
  CO_VARKEYWORDS: 0x8,
  CO_NESTED: 0x10,
  CO_GENERATOR: 0x20,
  CO_NOFREE: 0x40,
  CO_COROUTINE: 0x80,
  CO_ITERABLE_COROUTINE: 0x100,
  CO_ASYNC_GENERATOR: 0x200,
  CO_HAS_DOCSTRING: 0x4000000,
  CO_METHOD: 0x8000000,
} as const;

/** Kinds of localsplus entries (CPython's CO_FAST_*; a cell may also be a local or an argument). */
export const LocalKind = {
  CO_FAST_HIDDEN: 0x10,
  CO_FAST_LOCAL: 0x20,
  CO_FAST_CELL: 0x40,
  CO_FAST_FREE: 0x80,
} as const;

/** A constant of co_consts. */
export type ConstValue =
  | null
  | boolean
  | string
  | { readonly kind: "int"; readonly value: bigint }
  | { readonly kind: "float"; readonly value: number }
  | { readonly kind: "complex"; readonly real: number; readonly imag: number }
  | { readonly kind: "bytes"; readonly value: Uint8Array }
  | { readonly kind: "tuple"; readonly items: readonly ConstValue[] }
  | { readonly kind: "frozenset"; readonly items: readonly ConstValue[] }
  | { readonly kind: "ellipsis" }
  | CodeUnit;

/** One entry of the exception table (CPython's co_exceptiontable, decoded). */
export interface ExceptionTableEntry {
  /** Code-unit range [start, end) covered, in code units from the start of `code`. */
  readonly start: number;
  readonly end: number;
  /** Handler, in code units. */
  readonly target: number;
  /** Stack depth (above localsplus) to pop down to before pushing the exception. */
  readonly depth: number;
  /** Push the raising instruction (lasti) before the exception. */
  readonly lasti: boolean;
}

export interface CodeUnit {
  readonly kind: "code";
  readonly name: string;
  readonly qualname: string;
  readonly filename: string;
  readonly firstLineno: number;
  readonly argcount: number;
  readonly posonlyargcount: number;
  readonly kwonlyargcount: number;
  /** CodeFlag bits. */
  readonly flags: number;
  /** Code units (opcode in the low byte, oparg in the high byte), inline caches included. */
  readonly code: Uint16Array;
  readonly consts: readonly ConstValue[];
  readonly names: readonly string[];
  readonly localsplusNames: readonly string[];
  /** LocalKind bits per localsplus entry. */
  readonly localsplusKinds: Uint8Array;
  /** Maximum evaluation stack depth. */
  readonly stacksize: number;
  /** Per code unit: line, endLine, col, endCol (-1 for none); length 4 * code.length. */
  readonly positions: Int32Array;
  readonly exceptionTable: readonly ExceptionTableEntry[];
}
