// The names an instruction body may use (defs/bytecodes.ts). Only for type-checking: the code
// generator maps each to the dispatch loop's locals, to inline code, or to imports.
import type { StackRef } from "@skein/stackref";
import type { Executor } from "../src/jit.js";
import type { Tier1Env } from "../src/tier1-env.js";

export {
  addTaggedInts,
  ERROR,
  isError,
  isNull,
  isTaggedInt,
  mulTaggedInts,
  NULL,
  same,
  subTaggedInts,
  tagInt,
  untagInt,
} from "@skein/stackref";

/** The instruction's argument (with EXTENDED_ARG prefixes applied). */
export declare const oparg: number;
/** The running frame's byte address. */
export declare const frame: number;
/** The heap. */
export declare const i32: Int32Array;
export declare const u16: Uint16Array;
/** u16 index of this instruction, and of the next one after its inline caches. */
export declare const thisInstr: number;
export declare const nextInstr: number;
/** The thread state. */
export declare const ts: Tier1Env;
/** Element 0 is nonzero when something is pending (the thread state's eval breaker). */
export declare const evalBreaker: Int32Array;
/** Tier 2 only: the executor whose trace is running. */
export declare const executor: Executor;
/** Non-owning references to None, True, False. */
export declare const PY_NONE: StackRef;
export declare const PY_TRUE: StackRef;
export declare const PY_FALSE: StackRef;

// Reference operations (`ts.refs.*`; close and xclose escape, the others do not).
export declare function dup(ref: StackRef): StackRef;
export declare function close(ref: StackRef): void;
export declare function xclose(ref: StackRef): void;
export declare function makeHeapSafe(ref: StackRef): StackRef;

// Macros, expanded by the generator per target.
/** Tier 1: re-dispatch as the family head. Tier 2: leave the trace. */
export declare function DEOPT_IF(cond: boolean): void;
/** A side exit (tier 1: as DEOPT_IF). */
export declare function EXIT_IF(cond: boolean): void;
/** Go to the error path if `cond`: live stack items stay for the unwinder, dead ones go. */
export declare function ERROR_IF(cond: boolean): void;
/** Go to the error path. */
export declare function ERROR_NO_POP(): never;
/** Unwind the current exception without adding a traceback entry (RERAISE, bare raise). */
export declare function GOTO_EXCEPTION_UNWIND(): never;
/** `x` was consumed (moved elsewhere): it leaves the stack without a close. */
export declare function DEAD(x: StackRef): void;
/** Close every input still on the stack (top first). */
export declare function DECREF_INPUTS(): void;
/** Move the instruction pointer by `n` code units from the next instruction. */
export declare function JUMPBY(n: number): void;
/** Spill everything to memory and publish the stack pointer here. */
export declare function SYNC_SP(): void;
/** End the instruction now, leaving the stack as the live items make it. */
export declare function DISPATCH(): never;
/** Re-dispatch this instruction (its opcode was rewritten) with the same oparg. */
export declare function DISPATCH_SAME_OPARG(): never;
export declare function GETLOCAL(i: number): StackRef;
/** Write a local without closing the old value. */
export declare function SETLOCAL_NO_CLOSE(i: number, v: StackRef): void;
/** Switch the loop to `newFrame` after this instruction's inputs are popped. */
export declare function ENTER_FRAME(newFrame: number): never;
/** Pop this frame and return `retval` to the caller's stack (or to host code). */
export declare function LEAVE_FRAME(retval: StackRef): never;
/** Handle the eval breaker if set (signals, GC, pending calls, a loop switch). */
export declare function CHECK_EVAL_BREAKER(): void;
/**
 * After a call that ran an executor or decided to switch dispatch loops (loop bodies only):
 * `code` 0 resumes `ts.resumeFrame` at its published instruction pointer, a negative `code`
 * unwinds the exception set in `ts.resumeFrame` from its published instruction, and a positive
 * one returns SWITCH_LOOP so the other dispatch loop resumes `ts.resumeFrame`.
 */
export declare function RESUME_FRAME(code: number): never;
/** Tier 2 only: continue at the uop the trace's `jump` names (its loop head). */
export declare function JUMP_TO_TOP(): never;
/** The adaptive counter in a cache entry has reached zero. */
export declare function ADAPTIVE_COUNTER_TRIGGERS(counter: number): boolean;
/** Count down the adaptive counter at u16 index `slot`. */
export declare function ADVANCE_ADAPTIVE_COUNTER(slot: number): void;
/** Make the error path report instruction `instr` (a u16 index) as the one that raised. */
export declare function SET_FRAME_INSTR(instr: number): void;

// Specializations read objects directly: the heap as f64, type addresses the loop reads once,
// and field offsets (@skein/objects' layout, FRAME_* of @skein/interp's frame layout).
export declare const f64: Float64Array;
/** The address of the float type object. */
export declare const FLOAT_TYPE: number;
export declare const FLOAT_VALUE: number;
export declare const DICT_KEYS: number;
export declare const DICT_VERSION: number;
export declare const KEYS_LOG2: number;
export declare const KEYS_NENTRIES: number;
export declare const KEYS_HEADER: number;
export declare const ENTRY_SIZE: number;
export declare const ENTRY_KEY: number;
export declare const ENTRY_VALUE: number;
export declare const FUNC_CODE: number;
export declare const FUNC_VERSION: number;
export declare const CODE_ARGCOUNT: number;
export declare const CODE_NAMES: number;
export declare const TUPLE_ITEMS: number;
export declare const FRAME_CODE: number;
export declare const FRAME_GLOBALS: number;
export declare const FRAME_BUILTINS: number;
export declare const FRAME_INSTR: number;
export declare const FRAME_IP: number;
export declare const TYPE_VERSION: number;
export declare const LIST_LENGTH: number;
export declare const LIST_ITEMS: number;
export declare const TUPLE_LENGTH: number;
export declare const RANGEITER_NEXT: number;
export declare const RANGEITER_STEP: number;
export declare const RANGEITER_LEFT: number;
/** The addresses of the list, tuple and range iterator types (read once by the loops). */
export declare const LIST_TYPE: number;
export declare const TUPLE_TYPE: number;
export declare const RANGEITER_TYPE: number;
