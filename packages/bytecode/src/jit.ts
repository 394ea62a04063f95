// The interfaces the JIT parts share: the uop trace IR, executors and their exits, and the
// `Frontend` and `Backend` contracts. Types, a few constants and the trace's readers only, like
// vercel/ai's provider package: @skein/tracer implements a Frontend, @skein/interp implements the
// reference Backend (the generated tier-2 uop interpreter), @skein/jit-wasm another Backend, and
// @skein/engine wires them. Nothing here touches the heap.

/**
 * A trace's uops are packed in one array of int32 words, `UOP_WORDS` words per uop (CPython's
 * array of `_PyUOpInstruction`): a recorder writes them straight into its buffer and hands over a
 * copy, and a backend reads them without an object per uop. `UopWord` names the words. (A plain
 * array of small integers, not an `Int32Array`: V8 copies one of those on its heap, while a typed
 * array of more than 64 bytes gets a buffer outside it, which costs a microsecond to make.)
 *
 * `operand0..2` hold the uop's inline-cache fields in the order its stack-effect string declares
 * them (`type_version/2, owner -- owner` puts the version in `operand0`), copied from the code
 * object when the instruction was recorded, or values the recorder saw (an instruction pointer). A
 * cache field of size 1 is a u16, of size 2 a u32 (heap addresses too): operands are unsigned, so
 * read one of size 2 as `word >>> 0`.
 */
export const UOP_WORDS = 8;
export const UopWord = {
  /** A `Uop` id (`Uop._GUARD_TYPE_VERSION`...) or, for a uop that is also a bytecode, its id. */
  opcode: 0,
  oparg: 1,
  /**
   * The tier-1 instruction this uop was lowered from, as the loops address instructions: the
   * u16 index in the heap of its first code unit (an EXTENDED_ARG prefix included), in the code
   * object of the frame that is current when the uop runs. Errors and deopts resume there.
   */
  target: 2,
  /** Index of the exit of a uop that may leave the trace (a guard), otherwise -1. */
  exit: 3,
  /** For `_JUMP_TO_TOP` and in-trace jumps: the uop index to continue at; otherwise 0. */
  jump: 4,
  operand0: 5,
  operand1: 6,
  operand2: 7,
} as const;

/** One uop of a trace as an object: what `traceUops` reads and `packTrace` takes. */
export interface TraceUop {
  opcode: number;
  oparg: number;
  target: number;
  exit: number;
  jump: number;
  operand0: number;
  operand1: number;
  operand2: number;
}

/** How an exit leaves the trace (CPython's `_DEOPT`, `_EXIT_TRACE`, `_DYNAMIC_EXIT`). */
export const ExitKind = {
  /** Resume tier 1 at the exit's target; never warms (the instruction deoptimizes itself). */
  Deopt: 0,
  /** A side exit: resume tier 1 at the target; warms up, and once hot records a linked trace. */
  Side: 1,
  /**
   * The next instruction could not be known when recording (a return to an unknown caller, a
   * dynamic call target): resume at the frame's own instruction pointer, and enter an executor
   * installed there if there is one.
   */
  Dynamic: 2,
  /** The end of a trace that stopped without closing its loop (too long, reached another trace). */
  End: 3,
} as const;
export type ExitKind = (typeof ExitKind)[keyof typeof ExitKind];

/**
 * A trace's exit records (CPython's `_PyExitData`) are packed like its uops, `EXIT_WORDS` words
 * each; `ExitWord` names them. The first three are fixed when the trace is recorded, the last two
 * change as the executor runs.
 */
export const EXIT_WORDS = 5;
export const ExitWord = {
  /** How it leaves (`ExitKind`). */
  kind: 0,
  /** The code object (heap address) of the frame that is current when the exit is taken. */
  code: 1,
  /** The instruction (u16 heap index) tier 1 resumes at (`Dynamic` reads the frame instead). */
  target: 2,
  /** Takes left before the exit counts as hot (the driver sets and backs it off). */
  temperature: 3,
  /** Executions of this exit (statistics). */
  count: 4,
} as const;

/** An exit's fixed words as an object: what `traceExits` reads and `packTrace` takes. */
export interface TraceExit {
  readonly kind: ExitKind;
  readonly code: number;
  readonly target: number;
}

/** A recorded (and possibly optimized) trace, before a backend compiles it. */
export interface Trace {
  /** The code object and instruction where the trace starts (an `ENTER_EXECUTOR` or an exit). */
  readonly code: number;
  readonly start: number;
  /** The uops, `UOP_WORDS` int32 words each (`uops.length / UOP_WORDS` of them). */
  readonly uops: readonly number[];
  /** The exit records, `EXIT_WORDS` int32 words each. */
  readonly exits: number[];
  /**
   * The executor each exit is linked to once a trace was recorded from it (or the executor a
   * trace's end reached); null until the first link is made.
   */
  links: (Executor | null)[] | null;
  /**
   * What the trace depends on: type versions, dict-keys versions and function versions it
   * guarded on or assumed (`Dependency` kind, value). Changing one invalidates the executor.
   */
  readonly dependencies: readonly Dependency[];
  /** How many exits deep this trace is in a chain of side-exit traces (0 for a root trace). */
  readonly chainDepth: number;
}

/** The number of uops of `trace`. */
export function traceLength(trace: Trace): number {
  return trace.uops.length / UOP_WORDS;
}

/** The number of exits of `trace`. */
export function exitCount(trace: Trace): number {
  return trace.exits.length / EXIT_WORDS;
}

/** The uops of `trace` as objects (for dumps and tests; backends read the words). */
export function traceUops(trace: Trace): TraceUop[] {
  const w = trace.uops;
  return Array.from({ length: traceLength(trace) }, (_, i) => {
    const at = i * UOP_WORDS;
    return {
      opcode: w[at]!,
      oparg: w[at + UopWord.oparg]!,
      target: w[at + UopWord.target]!,
      exit: w[at + UopWord.exit]!,
      jump: w[at + UopWord.jump]!,
      operand0: w[at + UopWord.operand0]! >>> 0,
      operand1: w[at + UopWord.operand1]! >>> 0,
      operand2: w[at + UopWord.operand2]! >>> 0,
    };
  });
}

/** The fixed words of `trace`'s exits as objects. */
export function traceExits(trace: Trace): TraceExit[] {
  const w = trace.exits;
  return Array.from({ length: exitCount(trace) }, (_, e) => ({
    kind: w[e * EXIT_WORDS] as ExitKind,
    code: w[e * EXIT_WORDS + ExitWord.code]!,
    target: w[e * EXIT_WORDS + ExitWord.target]!,
  }));
}

/** A trace made of objects (a frontend that builds one uop at a time, tests). */
export function packTrace(parts: {
  readonly code: number;
  readonly start: number;
  readonly uops: readonly TraceUop[];
  readonly exits: readonly TraceExit[];
  readonly dependencies?: readonly Dependency[];
  readonly chainDepth?: number;
}): Trace {
  const uops = parts.uops.flatMap((u) =>
    [u.opcode, u.oparg, u.target, u.exit, u.jump, u.operand0, u.operand1, u.operand2].map(
      (word) => word | 0,
    ),
  );
  const exits = parts.exits.flatMap((e) => [e.kind, e.code, e.target, 0, 0]);
  return {
    code: parts.code,
    start: parts.start,
    uops,
    exits,
    links: null,
    dependencies: parts.dependencies ?? [],
    chainDepth: parts.chainDepth ?? 0,
  };
}

export const DependencyKind = { TypeVersion: 0, KeysVersion: 1, FunctionVersion: 2 } as const;
export type DependencyKind = (typeof DependencyKind)[keyof typeof DependencyKind];
export interface Dependency {
  readonly kind: DependencyKind;
  /** The object whose version matters (a type, a dict, a function), by heap address. */
  readonly object: number;
}

/** A trace that a backend made runnable. */
export interface Executor {
  readonly id: number;
  readonly trace: Trace;
  /** False once a dependency changed: it leaves at its next `_CHECK_VALIDITY` and is not entered. */
  valid: boolean;
  /** For an executor installed with `ENTER_EXECUTOR`: the instruction it replaced. */
  readonly originalOpcode: number;
  readonly originalOparg: number;
  /** The backend's compiled form (a closure, a Wasm instance...). */
  compiled: unknown;
  /** Times entered (statistics and the cold sweep). */
  entries: number;
  /** Set by the sweeper; cleared on entry. An executor still cold at the next sweep is freed. */
  cold: boolean;
}

/**
 * What a backend's executor returns: `EXIT_ERROR` when a Python exception is set (the frame's
 * published instruction is where it was raised), otherwise the index of the exit it took. In both
 * cases the current frame, its published stack pointer and instruction pointer are exactly what
 * tier 1 would have at that instruction, and the frame is `ExecutionHost.currentFrame`.
 */
export const EXIT_ERROR = -1;

/** What the interpreter gives a backend to run executors against. */
export interface ExecutionHost {
  /** The frame that is current after an executor returns. */
  currentFrame: number;
  /** Uops executed so far; a backend adds to it when it counts (statistics). */
  uopsExecuted?: number;
}

/** Runs executors. `@skein/interp` provides the reference uop interpreter. */
export interface Backend {
  readonly name: string;
  /**
   * Make an executor for a trace; returns null when this backend cannot run it (the trace is then
   * dropped, and the attempt counts as failed).
   */
  compile(trace: Trace, id: number, originalOpcode: number, originalOparg: number): Executor | null;
  /**
   * Run `executor` on `frame` whose stack pointer (an i32 index into the heap) is `sp`: the frame's
   * instruction pointer is at the trace's start. Returns an exit index or `EXIT_ERROR`.
   */
  execute(executor: Executor, host: ExecutionHost, frame: number, sp: number): number;
}

/** Why recording stopped without a trace, or how a trace ended (statistics keys). */
export type AbortReason =
  | "trace_too_long"
  | "trace_too_short"
  | "inner_loop"
  | "unsupported"
  | "deopt_during_recording"
  | "no_progress"
  | "exception"
  | "frame_too_deep"
  | "returned_to_host"
  | "recursion"
  /** A class, global or function the trace relies on changed while it was being recorded. */
  | "dependency_changed";

/** How a recording ended: a trace (linked to the ENTER_EXECUTOR at `link`, or 0), or an abort. */
export type RecordingEnd =
  | { readonly kind: "trace"; readonly trace: Trace; readonly link: number; readonly why: string }
  | { readonly kind: "abort"; readonly reason: AbortReason; readonly detail?: string };

/**
 * A trace frontend (the recorder of @skein/tracer, or another one a researcher writes): told where
 * a recording starts, then shown every instruction before it runs, with the frame and the stack
 * top, until it says the recording ended. Addresses are heap addresses and u16 code indexes.
 */
export interface Frontend {
  readonly name: string;
  /** Start recording at instruction `start` of `frame` (a loop head, or a side exit's target). */
  begin(frame: number, start: number, chainDepth: number): void;
  /** The instruction at `instr` is about to run: null to go on, or how the recording ended. */
  step(frame: number, instr: number, sp: number): RecordingEnd | null;
  /**
   * Execution left the recording for host code before the next step (the frame it runs in returned
   * or yielded to a host caller, such as a builtin iterating a generator, or an exception
   * propagated out of it): how the recording ends. The recorder keeps the trace up to the
   * instruction that left, which then runs in tier 1.
   */
  stop(): RecordingEnd;
}
