// The interfaces the JIT parts share: the uop trace IR, executors and their exits, and the
// `Frontend` and `Backend` contracts. Types and a few constants only, like vercel/ai's provider
// package: @skein/tracer implements a Frontend, @skein/interp implements the reference Backend
// (the generated tier-2 uop interpreter), @skein/jit-wasm another Backend, and @skein/engine wires
// them. Nothing here touches the heap.

/**
 * One micro-op of a trace (CPython's `_PyUOpInstruction`).
 *
 * `operand0..2` hold the uop's inline-cache fields in the order its stack-effect string declares
 * them (`type_version/2, owner -- owner` puts the version in `operand0`), copied from the code
 * object when the instruction was recorded, or values the recorder saw (a callee's function
 * version, a constant). A cache field of size 1 is a u16, of size 2 a u32 (heap addresses too).
 */
export interface TraceUop {
  /** A `Uop` id (`Uop._GUARD_TYPE_VERSION`...) or, for a uop that is also a bytecode, its id. */
  opcode: number;
  oparg: number;
  /**
   * The tier-1 instruction this uop was lowered from, as the loops address instructions: the
   * u16 index in the heap of its first code unit (an EXTENDED_ARG prefix included), in the code
   * object of the frame that is current when the uop runs. Errors and deopts resume there.
   */
  target: number;
  /** Index into `Trace.exits` for a uop that may leave the trace (a guard), otherwise -1. */
  exit: number;
  /** For `_JUMP_TO_TOP` and in-trace jumps: the uop index to continue at; otherwise 0. */
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

/** An exit record (CPython's `_PyExitData`): where the trace leaves, and what it links to. */
export interface TraceExit {
  readonly kind: ExitKind;
  /** The code object (heap address) of the frame that is current when the exit is taken. */
  readonly code: number;
  /** The instruction (u16 heap index) tier 1 resumes at (`Dynamic` reads the frame instead). */
  readonly target: number;
  /** Takes left before the exit counts as hot (the driver sets and backs it off). */
  temperature: number;
  /** The executor this exit is linked to once a trace was recorded from it. */
  executor: Executor | null;
  /** Executions of this exit (statistics). */
  count: number;
}

/** A recorded (and possibly optimized) trace, before a backend compiles it. */
export interface Trace {
  /** The code object and instruction where the trace starts (an `ENTER_EXECUTOR` or an exit). */
  readonly code: number;
  readonly start: number;
  readonly uops: TraceUop[];
  readonly exits: TraceExit[];
  /**
   * What the trace depends on: type versions, dict-keys versions and function versions it
   * guarded on or assumed (`Dependency` kind, value). Changing one invalidates the executor.
   */
  readonly dependencies: readonly Dependency[];
  /** How many exits deep this trace is in a chain of side-exit traces (0 for a root trace). */
  readonly chainDepth: number;
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
}
