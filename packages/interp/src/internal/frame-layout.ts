// The layout of an interpreter frame on the data stack (linear memory). All offsets are bytes
// from the frame's address; the frame is 8-aligned. After the fixed header come `localsplus`
// (locals, then cells and free variables) and then the evaluation stack, one i32 reference each.

/** The code object (a borrowed reference: the function or the caller keeps it alive). */
export const FRAME_CODE = 0;
/** The globals dict. */
export const FRAME_GLOBALS = 4;
/** The builtins dict. */
export const FRAME_BUILTINS = 8;
/** The locals mapping for module and class bodies (LOAD_NAME/STORE_NAME), else 0. */
export const FRAME_LOCALS = 12;
/** The function object being run (owned), or 0 for module code. */
export const FRAME_FUNC = 16;
/** The calling frame, or 0. */
export const FRAME_PREVIOUS = 20;
/** Index (in 16-bit code units of the heap) of the next instruction to run, when not running. */
export const FRAME_IP = 24;
/** The published stack pointer: i32 index of the first free stack slot. */
export const FRAME_SP = 28;
/**
 * What the debug loops write to FRAME_SP while an instruction holds stack values in locals (until
 * it publishes for an escape), so that a collection scanning a stale stack pointer fails loudly.
 */
export const FRAME_SP_POISON = -0x2bad_5b;
/** u16 index of the instruction the frame is running (for tracebacks and exception tables). */
export const FRAME_INSTR = 32;
/** Flags: FRAME_OWNED_BY_HOST marks a frame entered from host code (the loop returns there). */
export const FRAME_FLAGS = 36;
/** Size of the header; localsplus starts here. */
export const FRAME_HEADER = 40;

export const FRAME_OWNED_BY_HOST = 1;
/**
 * The frame lives inside a generator or coroutine object (generators.ts), not on the data stack:
 * popFrame suspends or clears it there instead of releasing data-stack memory.
 */
export const FRAME_OWNED_BY_GENERATOR = 2;
/**
 * A shim frame of the interpreter's (under `__init__`'s or an operator method's frame): like
 * CPython's, it does not count against the recursion limit.
 */
export const FRAME_SHIM = 4;
