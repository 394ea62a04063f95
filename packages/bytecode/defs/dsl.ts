// The definition language of defs/bytecodes.ts. These functions are never called: the code
// generator (codegen/parse-defs.ts) reads the calls with the TypeScript compiler API. The types
// below only make the definitions type-check, including `$.name` against the stack effect string.

/** Options CPython writes as annotations before `op`/`inst`. */
export interface OpOptions {
  /** No side effects: the optimizer may fold or remove it. */
  readonly pure?: boolean;
  /** Restrict to one tier. */
  readonly tier?: 1 | 2;
  /** The `_SPECIALIZE_*` uop of a family head (tier 1 only). */
  readonly specializing?: boolean;
  /** A guard uop (for the optimizer's guard elimination). */
  readonly guard?: boolean;
  /** Tier 2: constant-oparg copies 0..N-1. */
  readonly replicate?: number;
  /** Tier 2: no _SET_IP needed before this uop. */
  readonly noSaveIp?: boolean;
  /**
   * Tier 2: in traces this uop stands for the named tier-1 uop (CPython's `replaced`); several
   * uops replacing the same one replace it by their sequence, in definition order.
   */
  readonly replaces?: `_${string}`;
}

/** Options of an instruction (inst or macro): V8 size control. */
export interface InstOptions {
  /** Always inline the body in the dispatch loops (hot generic instructions). */
  readonly hot?: boolean;
}

// A type-level reader of the stack effect string, so that `$.x` is checked against it.
type Trim<S extends string> = S extends ` ${infer R}`
  ? Trim<R>
  : S extends `${infer R} `
    ? Trim<R>
    : S;
type Items<S extends string> = S extends `${infer A},${infer B}`
  ? [Trim<A>, ...Items<B>]
  : Trim<S> extends ""
    ? []
    : [Trim<S>];
type ItemName<S extends string> = S extends `${infer N}/${string}`
  ? N
  : S extends `${infer N}[${string}`
    ? N
    : S;
type Names<S extends string> = S extends `${infer I}--${infer O}`
  ? ItemName<Items<I>[number]> | ItemName<Items<O>[number]>
  : never;

/**
 * The stack items and cache entries of a uop body. A scalar item is a StackRef local; a
 * variable-length item (`args[oparg]`) is the i32 index of its first slot.
 */
export type Stack<S extends string> = { [K in Exclude<Names<S>, "unused">]: number };

/** A micro-op: `op("_NAME", "inputs -- outputs", ($) => { ... })`. */
export declare function op<const S extends string>(
  name: `_${string}`,
  effect: S,
  body: ($: Stack<S>) => void,
  options?: OpOptions,
): void;

/** A bytecode with its own body (also usable as a uop in macros). */
export declare function inst<const S extends string>(
  name: string,
  effect: S,
  body: ($: Stack<S>) => void,
  options?: OpOptions & InstOptions,
): void;

/** A bytecode made of uops and cache skips: `macro("NAME", "_A + unused/1 + _B")`. */
export declare function macro(name: string, parts: string, options?: InstOptions): void;

/** A specialization family: the head and its specialized members. */
export declare function family(head: string, members: readonly string[]): void;

/** A compiler-only instruction replaced by one of `targets` before assembly. */
export declare function pseudo(
  name: string,
  effect: string,
  targets: readonly string[],
  options?: { readonly flags?: readonly PseudoFlag[] },
): void;

export type PseudoFlag = "HAS_ARG" | "HAS_JUMP" | "HAS_LOCAL" | "HAS_NO_SAVE_IP";
