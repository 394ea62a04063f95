// What the generated tier-1 loops need from the thread state. `@skein/interp` implements it
// (its `Tier1ThreadState` extends this interface); the instruction bodies in defs/ call it as `ts.x`.
//
// Conventions (CPython's protocol):
// - A method returning a StackRef returns a new (owned or non-owning) reference, or ERROR after
//   setting the thread's current exception. A method returning a number returns -1 on error
//   (exception set) unless it says otherwise.
// - Inputs are borrowed unless the method says it steals them; the body closes borrowed inputs.
// - Every method escapes (may run Python code, allocate, free, collect) unless its doc carries
//   `@noescape`: the code generator reads these tags (codegen/analyzer.ts), so before a call to an
//   escaping method the generated code has written the live stack to memory and published the
//   frame's stack pointer (FRAME_SP) and current instruction (FRAME_INSTR).
// - `@opargConst`, `@opargName`, `@opargLocal` mark methods whose index argument is the oparg of
//   an instruction that reads co_consts, co_names or a local: they make the generator set
//   HAS_CONST, HAS_NAME and HAS_LOCAL on the instructions that call them.
// - Slot arguments ("first", "dest") are i32 indexes into the heap view of consecutive stack slots.
import type { StackRef, StackRefOps } from "@skein/stackref";

export interface Tier1Env {
  /** The heap's views; the loop reads them once per call (the heap never grows). */
  readonly i32: Int32Array;
  readonly u16: Uint16Array;
  /** The reference operations (release or debug variant); the loop reads it once per call. */
  readonly refs: StackRefOps;
  /** Element 0 is nonzero when something is pending (signals, GC, JIT results, loop switch). */
  readonly evalBreaker: Int32Array;
  /** Non-owning references to the immortal singletons. */
  readonly noneRef: StackRef;
  readonly trueRef: StackRef;
  readonly falseRef: StackRef;
  /** Written by the loop when it returns SWITCH_LOOP: the frame the other loop resumes. */
  resumeFrame: number;

  // --- frames and control ---------------------------------------------------------------------
  /**
   * Handle what the eval breaker flagged. 0: continue; -1: error (exception set); 1: switch
   * dispatch loops (the loop publishes its state and returns SWITCH_LOOP).
   */
  handlePending(frame: number): number;
  /**
   * Push a frame for the Python function `callable` called with `nargs` arguments in the slots
   * `first..first+nargs`. Steals `callable` and the arguments (closing them on failure). The new
   * frame has FRAME_PREVIOUS = frame, FRAME_IP at its first instruction and FRAME_SP at its empty
   * stack. Returns its address, or 0 with the exception set. It must allocate the new frame past
   * the caller's whole frame (its stack area above the published sp stays untouched).
   */
  pushFrame(frame: number, callable: StackRef, first: number, nargs: number): number;
  /** @noescape u16 index of the first code unit of the frame's code (lasti is relative to it). */
  codeStart(frame: number): number;
  /** Release a frame the loop leaves: close its locals and its stack below FRAME_SP. */
  popFrame(frame: number): void;
  /**
   * Find the exception handler for FRAME_INSTR in the frame's exception table (FRAME_SP and
   * FRAME_INSTR are published, the current exception is set). With `addTraceback`, first add the
   * frame to the exception's traceback. If a handler covers the instruction: close the stack down
   * to its depth, push lasti (tagInt of FRAME_INSTR's offset from codeStart, when the entry asks) and the exception, publish
   * FRAME_SP and return the handler's u16 index. Otherwise return -1.
   */
  handleException(frame: number, addTraceback: boolean): number;

  // --- constants, names, locals ---------------------------------------------------------------
  /** @noescape @opargConst A non-owning reference to co_consts[index] of the frame's code. */
  loadConst(frame: number, index: number): StackRef;
  /** @opargName LOAD_NAME: locals, then globals, then builtins; NameError when missing. */
  loadName(frame: number, index: number): StackRef;
  /** @opargName STORE_NAME: store into the frame's locals mapping (borrows `value`). */
  storeName(frame: number, index: number, value: StackRef): number;
  /** @opargName LOAD_GLOBAL's lookup of co_names[index]: globals then builtins; NameError. */
  loadGlobal(frame: number, index: number): StackRef;
  /** @opargName STORE_GLOBAL (borrows `value`). */
  storeGlobal(frame: number, index: number, value: StackRef): number;
  /** @opargLocal Set UnboundLocalError for local `index` of the frame's code. */
  raiseUnboundLocal(frame: number, index: number): void;

  // --- operators ------------------------------------------------------------------------------
  /** BINARY_OP's generic form: `oparg` is CPython's NB_* number (NB_SUBSCR = 26 subscripts). */
  binaryOp(lhs: StackRef, rhs: StackRef, oparg: number): StackRef;
  /** Rich comparison; `op` is Py_LT..Py_GE (0..5). */
  compareOp(left: StackRef, right: StackRef, op: number): StackRef;
  unaryNegative(value: StackRef): StackRef;
  /** PyObject_IsTrue: 1, 0, or -1 on error. */
  toBool(value: StackRef): number;
  /** `item in container`: 1, 0, or -1 on error. */
  containsOp(container: StackRef, item: StackRef): number;
  /** STORE_SUBSCR: container[sub] = value (borrows all three); 0 or -1. */
  setItem(container: StackRef, sub: StackRef, value: StackRef): number;

  // --- iteration ------------------------------------------------------------------------------
  /** @noescape An exact list or tuple (iterated by index, CPython 3.14's virtual iterators). */
  isListOrTuple(value: StackRef): boolean;
  /** iter(value). */
  getIter(value: StackRef): StackRef;
  /** @noescape Item `index` of an exact list or tuple (a new reference), or NULL past the end. */
  iterSequenceItem(seq: StackRef, index: number): StackRef;
  /** next(iter): a new reference; NULL when exhausted (StopIteration cleared); ERROR. */
  iterNext(iter: StackRef): StackRef;

  // --- calls and functions --------------------------------------------------------------------
  /** @noescape A Python function object (CALL pushes a frame for it instead of recursing). */
  isPyFunction(callable: StackRef): boolean;
  /** Call `callable` with `nargs` positional arguments in slots `first..` (all borrowed). */
  call(callable: StackRef, first: number, nargs: number): StackRef;
  /** MAKE_FUNCTION: a function from the code object with the frame's globals (borrows code). */
  makeFunction(frame: number, code: StackRef): StackRef;

  // --- building -------------------------------------------------------------------------------
  /** A list of the `n` items in slots `first..`; steals them (closes them on failure). */
  buildList(first: number, n: number): StackRef;
  /** A tuple of the `n` items in slots `first..`; steals them (closes them on failure). */
  buildTuple(first: number, n: number): StackRef;
  /** A dict of the `n` key/value pairs in slots `first..`; steals them (closes them on failure). */
  buildMap(first: number, n: number): StackRef;
  /** list.append(value) for LIST_APPEND; steals `value`. 0 or -1. */
  listAppend(list: StackRef, value: StackRef): number;
  /**
   * UNPACK_SEQUENCE: write the `n` items of `seq` as new references to slots `dest..dest+n-1`,
   * last item at `dest`, first at `dest+n-1` (CPython's order). `dest` is seq's own slot, so write
   * it last. Steals `seq`. 0, or -1 (items written so far closed).
   */
  unpackSequence(seq: StackRef, n: number, dest: number): number;

  // --- exceptions -----------------------------------------------------------------------------
  /**
   * RAISE_VARARGS: raise `exc` (NULL for a bare `raise`) with `cause` (or NULL). Steals both.
   * Returns 1 when it re-raised the active exception (the loop unwinds without a new traceback
   * entry), 0 when it set a new exception.
   */
  doRaise(exc: StackRef, cause: StackRef): number;
  /** Set the current exception to `exc` (steals) for RERAISE. */
  reraise(exc: StackRef): void;
  /**
   * @noescape PUSH_EXC_INFO: make `exc` (a new reference is taken) the handled exception and
   * return the previous one (an owned reference, or None).
   */
  pushExcInfo(exc: StackRef): StackRef;
  /** POP_EXCEPT: restore the handled exception to `value` (None for none); steals it. */
  popExcept(value: StackRef): void;
  /** CHECK_EXC_MATCH: 1/0 whether `exc` matches `type` (a class or tuple), -1 on error. */
  checkExcMatch(exc: StackRef, type: StackRef): number;

  // --- specialization -------------------------------------------------------------------------
  /**
   * @noescape Specialize the BINARY_OP at u16 index `instr` for these operands: rewrite its
   * opcode to a family member, or back off its counter (cache unit 0).
   */
  specializeBinaryOp(instr: number, lhs: StackRef, rhs: StackRef, oparg: number): void;

  // --- tracing (used only by runTier1Tracing) -------------------------------------------------
  /** Called before each instruction runs in the tracing loop, with the stack published. */
  recordInstruction(frame: number, instr: number, sp: number): void;
}
