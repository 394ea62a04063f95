// The thread state: everything the generated dispatch loops call (Tier1Env), frames on the data
// stack, the handled-exception stack, recursion accounting, and calls into Python from host code.
import type { Tier1Env } from "@skein/bytecode";
import {
  addTraceback,
  CompareOp,
  cellGet,
  codeData,
  excField,
  isException,
  isExceptionType,
  isTuple,
  layout,
  listAppend,
  listFromRefs,
  NB,
  newDict,
  newException,
  newFloat,
  newFunction,
  type ObjectSpace,
  setContains,
  setExcField,
  tupleFromRefs,
  tupleItem,
  tupleLength,
  UnaryOp,
} from "@skein/objects";
import { ERROR, NULL, type StackRef, type StackRefOps, TAG_INT, TAG_MASK } from "@skein/stackref";
import { SWITCH_LOOP } from "../generated/tier1.gen.js";
import { loadCode } from "./code-loader.js";
import { backoff } from "./counters.js";
import {
  binaryDunderOf,
  checkDunderResult,
  compareDunderOf,
  compareShimOparg,
  dunderShimUnit,
  forIterEnd,
  iterNextDunderOf,
  iterNextShimUnit,
  SHIM_AFTER_INPLACE,
  SHIM_INIT,
  SHIM_ITER_NEXT,
} from "./dunders.js";
import {
  FRAME_BUILTINS,
  FRAME_CODE,
  FRAME_FLAGS,
  FRAME_FUNC,
  FRAME_GLOBALS,
  FRAME_HEADER,
  FRAME_INSTR,
  FRAME_IP,
  FRAME_LOCALS,
  FRAME_OWNED_BY_GENERATOR,
  FRAME_OWNED_BY_HOST,
  FRAME_PREVIOUS,
  FRAME_SHIM,
  FRAME_SP,
} from "./frame-layout.js";
import * as gens from "./generators.js";
import { type JitHooks, RESUME_CONTINUE } from "./jit-hooks.js";
import * as ops from "./ops.js";
import type { Specializer } from "./specialize.js";
import {
  dictLacksStr,
  initShimUnit,
  isBoundMethodExact,
  isClassOfVersion,
  isMethodOfVersion,
} from "./specialized.js";

const {
  BUILTIN_JS,
  BUILTIN_SELF,
  STR_LENGTH,
  CODE_ARGCOUNT,
  CODE_BYTECODE,
  CODE_CONSTS,
  CODE_FLAGS,
  CODE_FRAMESIZE,
  CODE_KWONLY,
  CODE_NAMES,
  CODE_NLOCALSPLUS,
  EXC_CAUSE,
  EXC_CONTEXT,
  EXC_SUPPRESS_CONTEXT,
  EXC_TRACEBACK,
  FUNC_BUILTINS,
  FUNC_CODE,
  FUNC_DEFAULTS,
  FUNC_GLOBALS,
  FUNC_QUALNAME,
  LIST_ITEMS,
  LIST_LENGTH,
  TUPLE_ITEMS,
  TUPLE_LENGTH,
} = layout;

const CO_VARARGS = 0x4;
const CO_NESTED = 0x10;
const CO_FAST_CELL = 0x40;
const CO_FAST_FREE = 0x80;
const CO_VARKEYWORDS = 0x8;

export interface ThreadOptions {
  /** Python frames deep before RecursionError (sys.getrecursionlimit()). */
  readonly recursionLimit?: number;
  /** Host re-entries (a builtin calling back into Python) deep before RecursionError. */
  readonly hostRecursionLimit?: number;
  /** Bytes of the data stack that holds the frames. */
  readonly dataStackBytes?: number;
  /**
   * The eval breaker word, usually on a SharedArrayBuffer so another thread can set
   * EVAL_INTERRUPT (SIGINT) while Python runs.
   */
  readonly evalBreaker?: Int32Array;
}

/** The generated loop runs one frame (and every Python frame it calls) to completion. */
export type RunLoop = (ts: ThreadState, entryFrame: number) => StackRef;

export class ThreadState implements Tier1Env {
  readonly s: ObjectSpace;
  readonly i32: Int32Array;
  readonly u16: Uint16Array;
  readonly refs: StackRefOps;
  readonly evalBreaker: Int32Array;
  readonly noneRef: StackRef;
  readonly trueRef: StackRef;
  readonly falseRef: StackRef;
  resumeFrame = 0;
  /** Tier 2 (Tier2Env): the frame that is current when the uop interpreter returns. */
  tier2Frame = 0;
  /** Tier 2 (Tier2Env): uops the uop interpreter ran (statistics). */
  tier2UopsExecuted = 0;

  recursionLimit: number;
  readonly hostRecursionLimit: number;
  /** Python frames currently on the data stack. */
  pyDepth = 0;
  /** Nested entries of the dispatch loop from host code. */
  hostDepth = 0;
  /** The exception being handled (sys.exception()): an owned reference, or None. */
  excInfo: StackRef;
  /** The innermost frame running (0 when none). */
  currentFrame = 0;

  private readonly dataEnd: number;
  /** End of the innermost frame: where the next frame goes. */
  private dataTop: number;
  private loop: RunLoop | null = null;

  constructor(s: ObjectSpace, options: ThreadOptions = {}) {
    this.s = s;
    this.i32 = s.i32;
    this.u16 = s.u16;
    this.refs = s.refs;
    this.evalBreaker = options.evalBreaker ?? new Int32Array(new SharedArrayBuffer(4));
    this.noneRef = s.None;
    this.trueRef = s.True;
    this.falseRef = s.False;
    this.functionType = s.b.function.addr;
    this.excInfo = s.None;
    this.recursionLimit = options.recursionLimit ?? 1000;
    this.hostRecursionLimit = options.hostRecursionLimit ?? hostRecursionLimitFor(V8_STACK_BYTES);
    const bytes = options.dataStackBytes ?? 16 * 1024 * 1024;
    const start = s.heap.alloc(bytes);
    if (start === 0) throw new Error("the heap is too small for the interpreter's data stack");
    this.dataEnd = start + bytes;
    this.dataTop = start;
    gens.installGenerators(this);
  }

  /** Install the generated dispatch loops, normal and tracing (the interpreter does this once). */
  setLoop(loop: RunLoop, tracingLoop: RunLoop = loop): void {
    this.loop = loop;
    this.tracingLoop = tracingLoop;
  }

  // ---- frames ----

  private raiseRecursion(): void {
    this.s.raise(this.s.b.RecursionError, "maximum recursion depth exceeded");
  }

  /**
   * Lay out a new frame for `code` at the top of the data stack, its first `nargs` locals moved
   * from slots `first..` and the others NULL. Returns its address, or 0 with RecursionError set
   * (the arguments are then left where they are).
   */
  private allocFrame(code: number, previous: number, first = 0, nargs = 0): number {
    const i32 = this.i32;
    const words = i32[(code + CODE_FRAMESIZE) >> 2]!;
    const frame = this.dataTop;
    if (frame + 4 * words > this.dataEnd || this.pyDepth >= this.recursionLimit) {
      this.raiseRecursion();
      return 0;
    }
    this.pyDepth++;
    this.dataTop = frame + 4 * words;
    const nlocalsplus = i32[(code + CODE_NLOCALSPLUS) >> 2]!;
    const locals = (frame + FRAME_HEADER) >> 2;
    for (let i = 0; i < nargs; i++) i32[locals + i] = i32[first + i]!;
    for (let i = nargs; i < nlocalsplus; i++) i32[locals + i] = NULL;
    const start = i32[(code + CODE_BYTECODE) >> 2]!;
    i32[(frame + FRAME_CODE) >> 2] = code;
    i32[(frame + FRAME_LOCALS) >> 2] = 0;
    i32[(frame + FRAME_FUNC) >> 2] = NULL;
    i32[(frame + FRAME_PREVIOUS) >> 2] = previous;
    i32[(frame + FRAME_IP) >> 2] = start;
    i32[(frame + FRAME_INSTR) >> 2] = start;
    i32[(frame + FRAME_SP) >> 2] = locals + nlocalsplus;
    i32[(frame + FRAME_FLAGS) >> 2] = 0;
    this.currentFrame = frame;
    return frame;
  }

  /**
   * Bind `nargs` arguments (owned, in slots `first..`) to the parameters of function `func`
   * (owned), in a new frame after `previous`. Every reference is consumed, also on failure.
   */
  private bindFrame(
    previous: number,
    func: StackRef,
    first: number,
    nargs: number,
    general = true,
  ): number {
    const s = this.s;
    const i32 = this.i32;
    const f = func & ~TAG_MASK;
    const code = i32[(f + FUNC_CODE) >> 2]! & ~TAG_MASK;
    if (general && i32[(code + CODE_KWONLY) >> 2]! > 0) {
      // Keyword-only parameters need their defaults (or a TypeError): the general binder.
      const pos: StackRef[] = [];
      for (let i = 0; i < nargs; i++) pos.push(i32[first + i]!);
      return ops.bindAndPush(this, previous, func, pos, [], []);
    }
    const argcount = i32[(code + CODE_ARGCOUNT) >> 2]!;
    const frame = this.allocFrame(code, previous, first, Math.min(nargs, argcount));
    if (frame === 0) {
      this.closeSlots(first, nargs);
      this.refs.close(func);
      return 0;
    }
    i32[(frame + FRAME_FUNC) >> 2] = func;
    i32[(frame + FRAME_GLOBALS) >> 2] = i32[(f + FUNC_GLOBALS) >> 2]! & ~TAG_MASK;
    i32[(frame + FRAME_BUILTINS) >> 2] = i32[(f + FUNC_BUILTINS) >> 2]! & ~TAG_MASK;
    const locals = (frame + FRAME_HEADER) >> 2;
    const kwonly = i32[(code + CODE_KWONLY) >> 2]!;
    const flags = i32[(code + CODE_FLAGS) >> 2]!;
    let next = argcount + kwonly;
    if ((flags & CO_VARARGS) !== 0) {
      const extra: StackRef[] = [];
      for (let i = argcount; i < nargs; i++) extra.push(this.refs.steal(i32[first + i]!));
      const t = tupleFromRefs(s, extra);
      if (t === ERROR) return this.failBind(frame);
      i32[locals + next++] = t;
    } else if (nargs > argcount) {
      for (let i = argcount; i < nargs; i++) this.refs.close(i32[first + i]!);
      this.tooManyPositional(func, argcount, nargs);
      return this.failBind(frame);
    }
    if ((flags & CO_VARKEYWORDS) !== 0) {
      const d = newDict(s);
      if (d === ERROR) return this.failBind(frame);
      i32[locals + next] = d;
    }
    if (nargs < argcount && !this.fillDefaults(func, code, locals, nargs, argcount)) {
      return this.failBind(frame);
    }
    return frame;
  }

  private failBind(frame: number): number {
    this.popFrame(frame);
    return 0;
  }

  /** Fill the parameters after the given arguments from the function's defaults. */
  private fillDefaults(
    func: StackRef,
    code: number,
    locals: number,
    nargs: number,
    argcount: number,
  ): boolean {
    const s = this.s;
    const i32 = this.i32;
    const defaults = i32[((func & ~TAG_MASK) + FUNC_DEFAULTS) >> 2]!;
    const ndefaults = defaults === NULL ? 0 : tupleLength(s, defaults);
    const firstDefault = argcount - ndefaults;
    const missing: string[] = [];
    for (let i = nargs; i < argcount; i++) {
      if (i >= firstDefault) {
        i32[locals + i] = this.refs.asOwned(tupleItem(s, defaults, i - firstDefault));
      } else {
        missing.push(`'${codeData(s, code).localsplusNames[i]}'`);
      }
    }
    if (missing.length === 0) return true;
    const list =
      missing.length === 1
        ? missing[0]
        : `${missing.slice(0, -1).join(", ")}${missing.length > 2 ? "," : ""} and ${missing.at(-1)}`;
    s.raise(
      s.b.TypeError,
      `${this.funcName(func)}() missing ${missing.length} required positional argument${
        missing.length === 1 ? "" : "s"
      }: ${list}`,
    );
    return false;
  }

  private tooManyPositional(func: StackRef, argcount: number, nargs: number): void {
    const s = this.s;
    const defaults = this.i32[((func & ~TAG_MASK) + FUNC_DEFAULTS) >> 2]!;
    const ndefaults = defaults === NULL ? 0 : tupleLength(s, defaults);
    const takes =
      ndefaults > 0
        ? `from ${argcount - ndefaults} to ${argcount} positional arguments`
        : `${argcount} positional argument${argcount === 1 ? "" : "s"}`;
    s.raise(
      s.b.TypeError,
      `${this.funcName(func)}() takes ${takes} but ${nargs} ${nargs === 1 ? "was" : "were"} given`,
    );
  }

  private funcName(func: StackRef): string {
    return this.s.strValue(this.i32[((func & ~TAG_MASK) + FUNC_QUALNAME) >> 2]!);
  }

  private closeSlots(first: number, n: number): void {
    for (let i = 0; i < n; i++) this.refs.close(this.i32[first + i]!);
  }

  pushFrame(frame: number, callable: StackRef, first: number, nargs: number): number {
    return this.bindFrame(frame, callable, first, nargs);
  }

  /** Push a frame binding only positional parameters (the general binder's last step). */
  pushFramePositional(frame: number, callable: StackRef, first: number, nargs: number): number {
    return this.bindFrame(frame, callable, first, nargs, false);
  }

  codeStart(frame: number): number {
    return this.i32[(this.i32[(frame + FRAME_CODE) >> 2]! + CODE_BYTECODE) >> 2]!;
  }

  popFrame(frame: number): void {
    const i32 = this.i32;
    const flags = i32[(frame + FRAME_FLAGS) >> 2]!;
    if ((flags & FRAME_OWNED_BY_GENERATOR) !== 0) {
      gens.leaveGenFrame(this, frame);
      return;
    }
    const code = i32[(frame + FRAME_CODE) >> 2]!;
    const locals = (frame + FRAME_HEADER) >> 2;
    const sp = i32[(frame + FRAME_SP) >> 2]!;
    const nlocalsplus = i32[(code + CODE_NLOCALSPLUS) >> 2]!;
    const end = Math.max(sp, locals + nlocalsplus);
    // Clear each slot before closing it: a finalizer may look at the frame.
    for (let i = end - 1; i >= locals; i--) {
      const v = i32[i]!;
      i32[i] = NULL;
      this.refs.close(v);
    }
    const func = i32[(frame + FRAME_FUNC) >> 2]!;
    i32[(frame + FRAME_FUNC) >> 2] = NULL;
    this.refs.close(func);
    this.dataTop = frame;
    if ((flags & FRAME_SHIM) === 0) this.pyDepth--;
    this.currentFrame = i32[(frame + FRAME_PREVIOUS) >> 2]!;
  }

  /** Zero-argument super(): `__class__` and the first argument of the innermost Python frame. */
  superArgs(): [StackRef, StackRef] | null {
    const s = this.s;
    const i32 = this.i32;
    const frame = this.currentFrame;
    if (frame === 0) {
      s.raise(s.b.RuntimeError, "super(): no current frame");
      return null;
    }
    const code = i32[(frame + FRAME_CODE) >> 2]!;
    const data = codeData(s, code);
    const locals = (frame + FRAME_HEADER) >> 2;
    if (
      i32[(code + CODE_ARGCOUNT) >> 2]! === 0 &&
      (i32[(code + CODE_FLAGS) >> 2]! & CO_VARARGS) === 0
    ) {
      s.raise(s.b.RuntimeError, "super(): no arguments");
      return null;
    }
    let first = i32[locals]!;
    // The first argument may live in a cell (a method whose self is captured by a closure).
    if ((data.localsplusKinds[0]! & CO_FAST_CELL) !== 0 && first !== NULL)
      first = cellGet(s, first);
    if (first === NULL) {
      s.raise(s.b.RuntimeError, "super(): arg[0] deleted");
      return null;
    }
    const index = data.localsplusNames.indexOf("__class__");
    if (index < 0 || (data.localsplusKinds[index]! & CO_FAST_FREE) === 0) {
      s.raise(s.b.RuntimeError, "super(): __class__ cell not found");
      return null;
    }
    const cell = i32[locals + index]!;
    const cls = cell === NULL ? NULL : cellGet(s, cell);
    if (cls === NULL) {
      s.raise(s.b.RuntimeError, "super(): empty __class__ cell");
      return null;
    }
    return [cls, first];
  }

  // ---- entering the loop from host code ----

  /** Run a code object (module or class body or exec) with these namespaces (borrowed). */
  runCode(code: StackRef, globals: StackRef, builtins: StackRef, locals: StackRef): StackRef {
    const i32 = this.i32;
    const frame = this.allocFrame(code & ~TAG_MASK, this.currentFrame);
    if (frame === 0) return ERROR;
    i32[(frame + FRAME_GLOBALS) >> 2] = globals & ~TAG_MASK;
    i32[(frame + FRAME_BUILTINS) >> 2] = builtins & ~TAG_MASK;
    i32[(frame + FRAME_LOCALS) >> 2] = locals === NULL ? 0 : locals & ~TAG_MASK;
    return this.runHostFrame(frame);
  }

  private runHostFrame(frame: number): StackRef {
    if (this.hostDepth >= this.hostRecursionLimit) {
      this.popFrame(frame);
      this.raiseRecursion();
      return ERROR;
    }
    this.i32[(frame + FRAME_FLAGS) >> 2] = FRAME_OWNED_BY_HOST;
    // The loop pops every frame it leaves (the host-owned one too), which restores currentFrame.
    this.hostDepth++;
    try {
      return this.runLoops(frame);
    } finally {
      this.hostDepth--;
    }
  }

  /**
   * Run a function's code with `locals` (borrowed) as its namespace mapping: the body of a class
   * (`__build_class__`). Its closure is the function's, so a class nested in a function sees the
   * function's variables. The body's return value, or ERROR.
   */
  runFunctionWithLocals(func: StackRef, locals: StackRef): StackRef {
    const i32 = this.i32;
    const f = func & ~TAG_MASK;
    const code = i32[(f + FUNC_CODE) >> 2]! & ~TAG_MASK;
    const frame = this.allocFrame(code, this.currentFrame);
    if (frame === 0) return ERROR;
    i32[(frame + FRAME_FUNC) >> 2] = this.refs.asOwned(func);
    i32[(frame + FRAME_GLOBALS) >> 2] = i32[(f + FUNC_GLOBALS) >> 2]! & ~TAG_MASK;
    i32[(frame + FRAME_BUILTINS) >> 2] = i32[(f + FUNC_BUILTINS) >> 2]! & ~TAG_MASK;
    i32[(frame + FRAME_LOCALS) >> 2] = locals & ~TAG_MASK;
    return this.runHostFrame(frame);
  }

  /** Runtime.callVector: call anything; Python functions run in a new host-owned frame. */
  callVector(callable: StackRef, args: number, nargs: number, kwnames: StackRef): StackRef {
    if (!this.isPyFunction(callable)) return this.s.callVector(callable, args, nargs, kwnames);
    const nkw = kwnames === NULL ? 0 : tupleLength(this.s, kwnames);
    if (nkw > 0) {
      const pos: StackRef[] = [];
      const values: StackRef[] = [];
      const names: string[] = [];
      for (let i = 0; i < nargs; i++) pos.push(this.refs.asOwned(this.i32[args + i]!));
      for (let k = 0; k < nkw; k++) {
        values.push(this.refs.asOwned(this.i32[args + nargs + k]!));
        names.push(this.s.strValue(tupleItem(this.s, kwnames, k)));
      }
      const frame = ops.bindAndPush(
        this,
        this.currentFrame,
        this.refs.asOwned(callable),
        pos,
        names,
        values,
      );
      if (frame === 0) return ERROR;
      return this.runHostFrame(frame);
    }
    // New references to the (borrowed) arguments, staged for the new frame.
    const staged = this.stagingFor(callable & ~TAG_MASK, nargs);
    if (staged === 0) return ERROR;
    for (let i = 0; i < nargs; i++) this.i32[staged + i] = this.refs.asOwned(this.i32[args + i]!);
    const frame = this.bindFrame(this.currentFrame, this.refs.asOwned(callable), staged, nargs);
    if (frame === 0) return ERROR;
    return this.runHostFrame(frame);
  }

  // ---- exceptions ----

  handleException(frame: number, withTraceback: boolean): number {
    const s = this.s;
    const i32 = this.i32;
    const code = i32[(frame + FRAME_CODE) >> 2]!;
    const start = i32[(code + CODE_BYTECODE) >> 2]!;
    const offset = i32[(frame + FRAME_INSTR) >> 2]! - start;
    const data = codeData(s, code);
    const exc = s.curexc;
    if (withTraceback && exc !== NULL && (i32[(frame + FRAME_FLAGS) >> 2]! & FRAME_SHIM) === 0) {
      this.chainContext(exc);
      const line = data.positions[4 * offset];
      addTraceback(
        s,
        exc,
        code,
        line === undefined || line < 0 ? data.firstLineno : line,
        offset * 2,
      );
    }
    for (const entry of data.exceptionTable) {
      if (offset < entry.start || offset >= entry.end) continue;
      const base = ((frame + FRAME_HEADER) >> 2) + i32[(code + CODE_NLOCALSPLUS) >> 2]!;
      let sp = i32[(frame + FRAME_SP) >> 2]!;
      while (sp > base + entry.depth) {
        sp--;
        const v = i32[sp]!;
        i32[sp] = NULL;
        this.refs.close(v);
      }
      if (entry.lasti) i32[sp++] = (offset << 2) | TAG_INT;
      i32[sp++] = s.fetchException();
      i32[(frame + FRAME_SP) >> 2] = sp;
      return start + entry.target;
    }
    return -1;
  }

  /** Implicit chaining: an exception raised while another is handled gets it as __context__. */
  private chainContext(exc: StackRef): void {
    const s = this.s;
    const handled = gens.topmostException(this);
    if (handled === s.None || handled === NULL || (handled & ~1) === (exc & ~1)) return;
    if (excField(s, exc, EXC_CONTEXT) !== NULL) return;
    // Avoid a cycle: cut the chain where it would come back to exc.
    // Floyd's cycle detection, as CPython: do not hang on a pre-existing cycle.
    let o = handled;
    let slow = o;
    let toggle = false;
    while (o !== NULL && o !== s.None) {
      const next = excField(s, o, EXC_CONTEXT);
      if ((next & ~1) === (exc & ~1)) {
        setExcField(s, o, EXC_CONTEXT, NULL);
        break;
      }
      o = next;
      if ((o & ~1) === (slow & ~1)) break;
      if (toggle) slow = excField(s, slow, EXC_CONTEXT);
      toggle = !toggle;
    }
    setExcField(s, exc, EXC_CONTEXT, handled);
  }

  doRaise(exc: StackRef, cause: StackRef): number {
    const s = this.s;
    if (exc === NULL) {
      const active = gens.topmostException(this);
      if (active === s.None || active === NULL) {
        s.raise(s.b.RuntimeError, "No active exception to reraise");
        return 0;
      }
      s.setException(this.refs.asOwned(active));
      return 1;
    }
    let value = exc;
    if (s.typeOf(exc) === s.b.type) {
      const type = s.typeFromAddr(exc & ~TAG_MASK);
      if (!isExceptionType(s, type)) {
        this.refs.close(exc);
        this.refs.xclose(cause);
        s.raise(s.b.TypeError, "exceptions must derive from BaseException");
        return 0;
      }
      value = s.call(exc, []);
      this.refs.close(exc);
      if (value === ERROR) {
        this.refs.xclose(cause);
        return 0;
      }
    } else if (!isException(s, exc)) {
      this.refs.close(exc);
      this.refs.xclose(cause);
      s.raise(s.b.TypeError, "exceptions must derive from BaseException");
      return 0;
    }
    if (cause !== NULL) {
      let causeValue = cause;
      if (s.typeOf(cause) === s.b.type) {
        causeValue = s.call(cause, []);
        this.refs.close(cause);
        if (causeValue === ERROR) {
          this.refs.close(value);
          return 0;
        }
      } else if (cause !== s.None && !isException(s, cause)) {
        this.refs.close(cause);
        this.refs.close(value);
        s.raise(s.b.TypeError, "exception causes must derive from BaseException");
        return 0;
      }
      setExcField(s, value, EXC_CAUSE, causeValue);
      this.i32[((value & ~TAG_MASK) + EXC_SUPPRESS_CONTEXT) >> 2] = 1;
      this.refs.close(causeValue);
    }
    s.setException(this.refs.steal(value));
    return 0;
  }

  reraise(exc: StackRef): void {
    this.s.setException(this.refs.steal(exc));
  }

  pushExcInfo(exc: StackRef): StackRef {
    const previous = this.excInfo;
    this.excInfo = this.refs.asOwned(exc);
    return previous;
  }

  popExcept(value: StackRef): void {
    const old = this.excInfo;
    this.excInfo = this.refs.steal(value);
    this.refs.close(old);
  }

  checkExcMatch(exc: StackRef, type: StackRef): number {
    const s = this.s;
    const candidates: StackRef[] = [];
    if (isTuple(s, type)) {
      for (let i = 0; i < tupleLength(s, type); i++) candidates.push(tupleItem(s, type, i));
    } else candidates.push(type);
    for (const c of candidates) {
      if (s.typeOf(c) !== s.b.type || !isExceptionType(s, s.typeFromAddr(c & ~TAG_MASK))) {
        s.raise(
          s.b.TypeError,
          "catching classes that do not inherit from BaseException is not allowed",
        );
        return -1;
      }
    }
    const t = s.typeOf(exc);
    for (const c of candidates) if (t.isSubtypeOf(s.typeFromAddr(c & ~TAG_MASK))) return 1;
    return 0;
  }

  /** Traceback of the current exception so far (for the engine). */
  currentTraceback(): StackRef {
    return this.s.curexc === NULL ? NULL : excField(this.s, this.s.curexc, EXC_TRACEBACK);
  }

  // ---- constants and names ----

  loadConst(frame: number, index: number): StackRef {
    const i32 = this.i32;
    const consts = i32[(i32[(frame + FRAME_CODE) >> 2]! + CODE_CONSTS) >> 2]! & ~TAG_MASK;
    const v = i32[((consts + TUPLE_ITEMS) >> 2) + index]!;
    return (v & TAG_MASK) === 0 ? v | 1 : v;
  }

  private name(frame: number, index: number): StackRef {
    const i32 = this.i32;
    const names = i32[(i32[(frame + FRAME_CODE) >> 2]! + CODE_NAMES) >> 2]! & ~TAG_MASK;
    return i32[((names + TUPLE_ITEMS) >> 2) + index]!;
  }

  private nameError(name: StackRef): StackRef {
    const s = this.s;
    return s.raise(s.b.NameError, `name '${s.strValue(name)}' is not defined`);
  }

  /**
   * Look `name` up in dict `d` (an address): a new stack reference (deferred for functions,
   * classes and modules), NULL if absent, ERROR.
   */
  private lookup(d: number, name: StackRef): StackRef {
    const v = this.s.dictGetItem(d, name);
    return v === NULL || v === ERROR ? v : this.stackRefFromHeap(v);
  }

  stackRefFromHeap(value: StackRef): StackRef {
    // CPython's PyStackRef_FromPyObjectNew: deferred and immortal objects get the tag, no count.
    return (value & TAG_MASK) === TAG_INT ? value : this.refs.fromNew(value & ~TAG_MASK);
  }

  loadName(frame: number, index: number): StackRef {
    const i32 = this.i32;
    const name = this.name(frame, index);
    const locals = i32[(frame + FRAME_LOCALS) >> 2]!;
    for (const d of [
      locals,
      i32[(frame + FRAME_GLOBALS) >> 2]!,
      i32[(frame + FRAME_BUILTINS) >> 2]!,
    ]) {
      if (d === 0) continue;
      const v = this.lookup(d, name);
      if (v !== NULL) return v;
    }
    return this.nameError(name);
  }

  storeName(frame: number, index: number, value: StackRef): number {
    const i32 = this.i32;
    const locals = i32[(frame + FRAME_LOCALS) >> 2]!;
    const name = this.name(frame, index);
    if (locals === 0) {
      this.s.raise(this.s.b.SystemError, `no locals found when storing ${this.s.strValue(name)}`);
      return -1;
    }
    return this.s.setItem(locals, name, value);
  }

  loadGlobal(frame: number, index: number): StackRef {
    const i32 = this.i32;
    const name = this.name(frame, index);
    const g = this.lookup(i32[(frame + FRAME_GLOBALS) >> 2]!, name);
    if (g !== NULL) return g;
    const b = this.lookup(i32[(frame + FRAME_BUILTINS) >> 2]!, name);
    if (b !== NULL) return b;
    return this.nameError(name);
  }

  storeGlobal(frame: number, index: number, value: StackRef): number {
    return this.s.setItem(this.i32[(frame + FRAME_GLOBALS) >> 2]!, this.name(frame, index), value);
  }

  raiseUnboundLocal(frame: number, index: number): void {
    const s = this.s;
    const name = codeData(s, this.i32[(frame + FRAME_CODE) >> 2]!).localsplusNames[index];
    s.raise(
      s.b.UnboundLocalError,
      `cannot access local variable '${name}' where it is not associated with a value`,
    );
  }

  // ---- operators ----

  binaryOp(lhs: StackRef, rhs: StackRef, oparg: number): StackRef {
    return this.s.binaryOp(lhs, rhs, oparg);
  }

  compareOp(left: StackRef, right: StackRef, op: number): StackRef {
    return this.s.richCompare(left, right, op);
  }

  unaryNegative(value: StackRef): StackRef {
    return this.s.unaryOp(value, UnaryOp.NEGATIVE);
  }

  toBool(value: StackRef): number {
    return this.s.isTrue(value);
  }

  containsOp(container: StackRef, item: StackRef): number {
    return this.s.contains(container, item);
  }

  setItem(container: StackRef, sub: StackRef, value: StackRef): number {
    return this.s.setItem(container, sub, value);
  }

  // ---- iteration ----

  isListOrTuple(value: StackRef): boolean {
    if ((value & TAG_MASK) === TAG_INT) return false;
    const t = this.s.typeAddrOf(value);
    return t === this.s.b.list.addr || t === this.s.b.tuple.addr;
  }

  getIter(value: StackRef): StackRef {
    return this.s.getIter(value);
  }

  iterSequenceItem(seq: StackRef, index: number): StackRef {
    const i32 = this.i32;
    const addr = seq & ~TAG_MASK;
    if (this.s.typeAddrOf(seq) === this.s.b.list.addr) {
      if (index >= i32[(addr + LIST_LENGTH) >> 2]!) return NULL;
      return this.refs.asOwned(i32[(i32[(addr + LIST_ITEMS) >> 2]! >> 2) + index]!);
    }
    if (index >= i32[(addr + TUPLE_LENGTH) >> 2]!) return NULL;
    return this.refs.asOwned(i32[((addr + TUPLE_ITEMS) >> 2) + index]!);
  }

  iterNext(iter: StackRef): StackRef {
    const s = this.s;
    const v = s.iterNext(iter);
    if (v === ERROR && s.isInstance(s.curexc, s.b.StopIteration)) {
      this.refs.close(s.fetchException());
      return NULL;
    }
    return v;
  }

  // ---- calls and functions ----

  isPyFunction(callable: StackRef): boolean {
    return (
      (callable & TAG_MASK) !== TAG_INT &&
      this.i32[((callable & ~TAG_MASK) + 4) >> 2] === this.functionType
    );
  }
  /** The function type's address (read once: every call checks it). */
  private readonly functionType: number;

  call(callable: StackRef, first: number, nargs: number): StackRef {
    return this.s.callVector(callable, first, nargs, NULL);
  }

  makeFunction(frame: number, code: StackRef): StackRef {
    const i32 = this.i32;
    const f = newFunction(
      this.s,
      code,
      i32[(frame + FRAME_GLOBALS) >> 2]!,
      i32[(frame + FRAME_BUILTINS) >> 2]!,
    );
    // A function that is not nested gets deferred reference counting (DESIGN.md section 2); a
    // closure made in a loop stays counted so that it dies on time.
    if (f !== ERROR && (i32[((code & ~TAG_MASK) + CODE_FLAGS) >> 2]! & CO_NESTED) === 0) {
      this.s.heap.makeDeferred(f);
    }
    return f;
  }

  // ---- building ----

  private takeSlots(first: number, n: number): StackRef[] {
    const items: StackRef[] = [];
    for (let i = 0; i < n; i++) items.push(this.refs.steal(this.i32[first + i]!));
    return items;
  }

  buildList(first: number, n: number): StackRef {
    return listFromRefs(this.s, this.takeSlots(first, n));
  }

  buildTuple(first: number, n: number): StackRef {
    return tupleFromRefs(this.s, this.takeSlots(first, n));
  }

  buildMap(first: number, n: number): StackRef {
    const s = this.s;
    const d = newDict(s);
    const items = this.takeSlots(first, 2 * n);
    let result = d;
    if (d !== ERROR) {
      for (let i = 0; i < n; i++) {
        if (s.setItem(d, items[2 * i]!, items[2 * i + 1]!) < 0) {
          this.refs.close(d);
          result = ERROR;
          break;
        }
      }
    }
    for (const item of items) this.refs.close(item);
    return result;
  }

  listAppend(list: StackRef, value: StackRef): number {
    return listAppend(this.s, list, this.refs.steal(value));
  }

  unpackSequence(seq: StackRef, n: number, dest: number): number {
    const s = this.s;
    const i32 = this.i32;
    const items: StackRef[] = [];
    if (this.isListOrTuple(seq)) {
      const len = this.s.length(seq);
      if (len !== n) {
        this.refs.close(seq);
        s.raise(
          s.b.ValueError,
          len < n
            ? `not enough values to unpack (expected ${n}, got ${len})`
            : `too many values to unpack (expected ${n}, got ${len})`,
        );
        return -1;
      }
      for (let i = 0; i < n; i++) items.push(this.iterSequenceItem(seq, i));
    } else {
      const it = s.getIter(seq);
      if (it === ERROR) {
        if (s.isInstance(s.curexc, s.b.TypeError)) {
          s.raise(s.b.TypeError, `cannot unpack non-iterable ${s.typeOf(seq).name} object`);
        }
        this.refs.close(seq);
        return -1;
      }
      let failed = false;
      for (;;) {
        const v = this.iterNext(it);
        if (v === NULL) break;
        if (v === ERROR) {
          failed = true;
          break;
        }
        items.push(v);
        if (items.length > n) {
          s.raise(s.b.ValueError, `too many values to unpack (expected ${n})`);
          failed = true;
          break;
        }
      }
      this.refs.close(it);
      if (!failed && items.length < n) {
        s.raise(s.b.ValueError, `not enough values to unpack (expected ${n}, got ${items.length})`);
        failed = true;
      }
      if (failed) {
        for (const v of items) this.refs.close(v);
        this.refs.close(seq);
        return -1;
      }
    }
    this.refs.close(seq);
    for (let i = 0; i < n; i++) i32[dest + n - 1 - i] = items[i]!;
    return 0;
  }

  // ---- specialization ----

  specializeBinaryOp(instr: number, lhs: StackRef, rhs: StackRef, oparg: number): void {
    this.specializer.binaryOp(instr, lhs, rhs, oparg);
  }

  /** Installed by the interpreter (it knows the generated opcode ids). */
  specializer: {
    binaryOp(instr: number, lhs: StackRef, rhs: StackRef, oparg: number): void;
  } = { binaryOp: () => {} };

  // ---- the eval breaker and tracing ----

  /** Runs a scheduled collection at this safe point (set by roots.ts attachCollector). */
  gcSafePoint: (() => void) | null = null;

  handlePending(_frame: number): number {
    const s = this.s;
    const flags = Atomics.exchange(this.evalBreaker, 0, 0);
    if ((flags & EVAL_GC) !== 0) this.gcSafePoint?.();
    if ((flags & EVAL_INTERRUPT) !== 0) {
      s.setException(s.call(s.b.KeyboardInterrupt.addr | 1, []));
      return -1;
    }
    if ((flags & EVAL_TIMEOUT) !== 0) {
      Atomics.or(this.evalBreaker, 0, EVAL_TIMEOUT);
      s.raise(s.b.TimeoutError!, this.timeoutMessage);
      return -1;
    }
    return 0;
  }

  /** The message of the TimeoutError raised when the embedder's time limit runs out. */
  timeoutMessage = "the program exceeded its time limit";

  // ---- the JIT driver (jit-hooks.ts) ----

  /** The tracing frontend and its executors; null when the JIT is off. */
  jit: JitHooks | null = null;
  /** The dispatch loop that reports each instruction to the recorder (set with setLoop). */
  private tracingLoop: RunLoop | null = null;

  jitBackedge(frame: number, instr: number, target: number): number {
    const jit = this.jit;
    if (jit !== null) return jit.backedge(frame, instr, target);
    // No JIT: back the counter off as far as it goes (one call per 4096 iterations at most).
    this.u16[instr + 1] = backoff(0xffff);
    return RESUME_CONTINUE;
  }

  /**
   * Executions by opcode (as found in the instruction when it ran), when counting is on: the
   * tracing loop then runs even with nobody recording, and the normal loop stays untouched.
   */
  instructionCounts: Float64Array | null = null;

  recordInstruction(frame: number, instr: number, sp: number): number {
    const jit = this.jit;
    const counts = this.instructionCounts;
    if (counts === null) return jit === null ? 1 : jit.record(frame, instr, sp);
    const r = jit?.shouldTrace(this.hostDepth) ? jit.record(frame, instr, sp) : 0;
    // An instruction the recorder stops at runs in the next loop, which counts it.
    if (r === 0) counts[this.u16[instr]! & 0xff]!++;
    return r;
  }

  enterExecutor(frame: number, instr: number, oparg: number): number {
    this.resumeFrame = frame;
    const jit = this.jit;
    if (jit === null) throw new Error("Skein bug: ENTER_EXECUTOR without a JIT driver");
    return jit.enter(frame, instr, oparg);
  }

  /**
   * Run the dispatch loops from `frame` until its host-owned frame returns: the normal loop, or
   * the tracing loop while a recording is active; SWITCH_LOOP hands over between them mid-frame.
   */
  runLoops(frame: number): StackRef {
    const jit = this.jit;
    const depth = this.hostDepth;
    const counting = this.instructionCounts !== null;
    let r = (counting || jit?.shouldTrace(depth) ? this.tracingLoop! : this.loop!)(this, frame);
    while (r === SWITCH_LOOP) {
      const loop = counting || jit?.shouldTrace(depth) ? this.tracingLoop! : this.loop!;
      r = loop(this, this.resumeFrame);
    }
    if (jit !== null) jit.hostReturn(this.hostDepth);
    return r;
  }

  // ---- generators and coroutines (generators.ts) ----
  /** Handled exceptions of the callers of running generators, innermost last (owned). */
  excStack: StackRef[] = [];
  genTypeAddr = 0;
  coroTypeAddr = 0;
  makeGenerator(frame: number, next: number): StackRef {
    return gens.makeGenerator(this, frame, next);
  }
  genYield(frame: number, oparg: number, next: number): void {
    gens.genYield(this, frame, oparg, next);
  }
  isResumableGen(value: StackRef): boolean {
    return gens.isResumableGen(this, value);
  }
  pushGenFrame(frame: number, gen: StackRef, value: StackRef, returnIp: number): number {
    return gens.pushGenFrame(this, frame, gen, value, returnIp);
  }
  send(receiver: StackRef, value: StackRef): StackRef {
    return gens.send(this, receiver, value);
  }
  /** The exception being handled, as sys.exception() sees it (across running generators). */
  topmostException(): StackRef {
    return gens.topmostException(this);
  }
  lastSendReturned(): boolean {
    return gens.lastSendReturned();
  }
  getYieldFromIter(frame: number, iterable: StackRef): StackRef {
    return gens.getYieldFromIter(this, frame, iterable);
  }
  getAwaitable(iterable: StackRef, oparg: number): StackRef {
    return gens.getAwaitable(this, iterable, oparg);
  }
  getAIter(obj: StackRef): StackRef {
    return gens.getAIter(this, obj);
  }
  getANext(aiter: StackRef): StackRef {
    return gens.getANext(this, aiter);
  }
  cleanupThrow(exc: StackRef): StackRef {
    return gens.cleanupThrow(this, exc);
  }
  endAsyncFor(exc: StackRef): number {
    return gens.endAsyncFor(this, exc);
  }

  // ---- instructions added with the bytecode issue (ops.ts) ----

  /** Whether the data stack reaches i32 index `end` (ops.ts stages call arguments). */
  /** The i32 index just past where a new frame for `code` would end (for staging arguments). */
  stagingIndex(code: number): number {
    return (this.dataTop >> 2) + this.i32[(code + CODE_FRAMESIZE) >> 2]!;
  }
  hasStackRoom(end: number): boolean {
    return 4 * end <= this.dataEnd;
  }
  loadAttr(frame: number, index: number, owner: StackRef): StackRef {
    return ops.loadAttr(this, frame, index, owner);
  }
  loadMethod(frame: number, index: number, owner: StackRef, selfSlot: number): StackRef {
    return ops.loadMethod(this, frame, index, owner, selfSlot);
  }
  loadSuperAttr(
    frame: number,
    oparg: number,
    globalSuper: StackRef,
    cls: StackRef,
    self: StackRef,
    selfSlot: number,
  ): StackRef {
    return ops.loadSuperAttr(this, frame, oparg, globalSuper, cls, self, selfSlot);
  }
  storeAttr(frame: number, index: number, owner: StackRef, value: StackRef): number {
    return ops.storeAttr(this, frame, index, owner, value);
  }
  deleteAttr(frame: number, index: number, owner: StackRef): number {
    return ops.deleteAttr(this, frame, index, owner);
  }
  loadSpecial(owner: StackRef, index: number): StackRef {
    return ops.loadSpecial(this, owner, index);
  }
  deleteName(frame: number, index: number): number {
    return ops.deleteName(this, frame, index);
  }
  deleteGlobal(frame: number, index: number): number {
    return ops.deleteGlobal(this, frame, index);
  }
  loadFromDictOrGlobals(frame: number, index: number, dict: StackRef): StackRef {
    return ops.loadFromDictOrGlobals(this, frame, index, dict);
  }
  loadLocals(frame: number): StackRef {
    return ops.loadLocals(this, frame);
  }
  loadCommonConstant(frame: number, index: number): StackRef {
    return ops.loadCommonConstant(this, frame, index);
  }
  loadBuildClass(frame: number): StackRef {
    return ops.loadBuildClass(this, frame);
  }
  makeCell(frame: number, index: number): number {
    return ops.makeCell(this, frame, index);
  }
  copyFreeVars(frame: number, n: number): void {
    ops.copyFreeVars(this, frame, n);
  }
  loadDeref(frame: number, index: number): StackRef {
    return ops.loadDeref(this, frame, index);
  }
  storeDeref(frame: number, index: number, value: StackRef): number {
    return ops.storeDeref(this, frame, index, value);
  }
  deleteDeref(frame: number, index: number): number {
    return ops.deleteDeref(this, frame, index);
  }
  loadFromDictOrDeref(frame: number, index: number, dict: StackRef): StackRef {
    return ops.loadFromDictOrDeref(this, frame, index, dict);
  }
  unaryInvert(value: StackRef): StackRef {
    return ops.unaryInvert(this, value);
  }
  deleteItem(container: StackRef, sub: StackRef): number {
    return ops.deleteItem(this, container, sub);
  }
  buildSlice(first: number, n: number): StackRef {
    return ops.buildSlice(this, first, n);
  }
  binarySlice(container: StackRef, start: StackRef, stop: StackRef): StackRef {
    return ops.binarySlice(this, container, start, stop);
  }
  storeSlice(container: StackRef, start: StackRef, stop: StackRef, value: StackRef): number {
    return ops.storeSlice(this, container, start, stop, value);
  }
  getLen(obj: StackRef): StackRef {
    return ops.getLen(this, obj);
  }
  callKw(callable: StackRef, first: number, total: number, kwnames: StackRef): StackRef {
    return ops.callKw(this, callable, first, total, kwnames);
  }
  pushFrameKw(
    frame: number,
    callable: StackRef,
    first: number,
    total: number,
    kwnames: StackRef,
  ): number {
    return ops.pushFrameKw(this, frame, callable, first, total, kwnames);
  }
  pushFrameEx(frame: number, func: StackRef, callargs: StackRef, kwargs: StackRef): number {
    return ops.pushFrameEx(this, frame, func, callargs, kwargs);
  }
  isBoundMethod(callable: StackRef): boolean {
    return ops.isBoundMethod(this, callable);
  }
  methodFunc(method: StackRef): StackRef {
    return ops.methodFunc(this, method);
  }
  methodSelf(method: StackRef): StackRef {
    return ops.methodSelf(this, method);
  }
  callFunctionEx(func: StackRef, callargs: StackRef, kwargs: StackRef): StackRef {
    return ops.callFunctionEx(this, func, callargs, kwargs);
  }
  setFunctionAttribute(func: StackRef, attr: StackRef, flag: number): void {
    ops.setFunctionAttribute(this, func, attr, flag);
  }
  callIntrinsic1(frame: number, value: StackRef, which: number): StackRef {
    return ops.callIntrinsic1(this, frame, value, which);
  }
  callIntrinsic2(frame: number, value2: StackRef, value1: StackRef, which: number): StackRef {
    return ops.callIntrinsic2(this, frame, value2, value1, which);
  }
  exitInitCheck(value: StackRef): number {
    return ops.exitInitCheck(this, value);
  }
  withExceptStart(exitFunc: StackRef, exitSelf: StackRef, val: StackRef): StackRef {
    return ops.withExceptStart(this, exitFunc, exitSelf, val);
  }
  unpackEx(seq: StackRef, before: number, after: number, dest: number): number {
    return ops.unpackEx(this, seq, before, after, dest);
  }
  buildSet(first: number, n: number): StackRef {
    return ops.buildSet(this, first, n);
  }
  buildString(first: number, n: number): StackRef {
    return ops.buildString(this, first, n);
  }
  setAdd(set: StackRef, v: StackRef): number {
    return ops.setAdd(this, set, v);
  }
  setUpdate(set: StackRef, iterable: StackRef): number {
    return ops.setUpdate(this, set, iterable);
  }
  mapAdd(dict: StackRef, key: StackRef, value: StackRef): number {
    return ops.mapAdd(this, dict, key, value);
  }
  listExtend(list: StackRef, iterable: StackRef): number {
    return ops.listExtend(this, list, iterable);
  }
  dictUpdate(dict: StackRef, update: StackRef): number {
    return ops.dictUpdate(this, dict, update);
  }
  dictMerge(callable: StackRef, dict: StackRef, update: StackRef): number {
    return ops.dictMerge(this, callable, dict, update);
  }
  formatSimple(value: StackRef): StackRef {
    return ops.formatSimple(this, value);
  }
  formatWithSpec(value: StackRef, spec: StackRef): StackRef {
    return ops.formatWithSpec(this, value, spec);
  }
  convertValue(value: StackRef, which: number): StackRef {
    return ops.convertValue(this, value, which);
  }
  importName(frame: number, index: number, level: StackRef, fromlist: StackRef): StackRef {
    return ops.importName(this, frame, index, level, fromlist);
  }
  importFrom(frame: number, index: number, module: StackRef): StackRef {
    return ops.importFrom(this, frame, index, module);
  }
  matchMapping(subject: StackRef): boolean {
    return ops.matchMapping(this, subject);
  }
  matchSequence(subject: StackRef): boolean {
    return ops.matchSequence(this, subject);
  }
  matchKeys(subject: StackRef, keys: StackRef): StackRef {
    return ops.matchKeys(this, subject, keys);
  }
  matchClass(subject: StackRef, type: StackRef, names: StackRef, nargs: number): StackRef {
    return ops.matchClass(this, subject, type, names, nargs);
  }
  /** Free an object whose count the release loops' inlined close took to zero. */
  dealloc(addr: number): void {
    this.s.heap.dealloc(addr);
  }
  // ---- specialized instructions (specialize.ts, defs/specialized.ts) ----
  specializeCompareOp(instr: number, left: StackRef, right: StackRef, oparg: number): void {
    (this.specializer as Specializer).compareOp(instr, left, right, oparg);
  }
  specializeLoadGlobal(frame: number, instr: number, oparg: number): void {
    (this.specializer as Specializer).loadGlobal(frame, instr, oparg);
  }
  specializeCall(instr: number, callable: StackRef, selfOrNull: StackRef, oparg: number): void {
    (this.specializer as Specializer).call(instr, callable, selfOrNull, oparg, this.currentFrame);
  }
  pushFrameExactArgs(frame: number, callable: StackRef, first: number, nargs: number): number {
    // The guards proved the parameters are exactly the arguments: no binder (the hottest path of
    // calls).
    const i32 = this.i32;
    const f = callable & ~TAG_MASK;
    const newFrame = this.allocFrame(i32[(f + FUNC_CODE) >> 2]! & ~TAG_MASK, frame, first, nargs);
    if (newFrame === 0) {
      this.closeSlots(first, nargs);
      this.refs.close(callable);
      return 0;
    }
    i32[(newFrame + FRAME_FUNC) >> 2] = callable;
    i32[(newFrame + FRAME_GLOBALS) >> 2] = i32[(f + FUNC_GLOBALS) >> 2]! & ~TAG_MASK;
    i32[(newFrame + FRAME_BUILTINS) >> 2] = i32[(f + FUNC_BUILTINS) >> 2]! & ~TAG_MASK;
    return newFrame;
  }
  newFloat(value: number): StackRef {
    return newFloat(this.s, value);
  }
  specializeLoadAttr(frame: number, instr: number, owner: StackRef, oparg: number): void {
    (this.specializer as Specializer).loadAttr(frame, instr, owner, oparg);
  }
  specializeStoreAttr(frame: number, instr: number, owner: StackRef, oparg: number): void {
    (this.specializer as Specializer).storeAttr(frame, instr, owner, oparg);
  }
  dictLacksStr(dict: number, name: StackRef): boolean {
    return dictLacksStr(this.s.i32, dict, name);
  }
  dictChangedInPlace(dict: number): void {
    this.s.dictChangedInPlace(dict);
  }
  specializeStoreSubscr(instr: number, container: StackRef, sub: StackRef): void {
    (this.specializer as Specializer).storeSubscr(instr, container, sub);
  }
  specializeUnpackSequence(instr: number, seq: StackRef, oparg: number): void {
    (this.specializer as Specializer).unpackSequence(instr, seq, oparg);
  }
  specializeForIter(instr: number, iter: StackRef, nullOrIndex: StackRef): void {
    (this.specializer as Specializer).forIter(instr, iter, nullOrIndex);
  }
  specializeSend(instr: number, receiver: StackRef): void {
    (this.specializer as Specializer).send(instr, receiver);
  }
  isBoundMethodExact(callable: StackRef, version: number, nargs: number): boolean {
    return isBoundMethodExact(this.s, callable, version, nargs);
  }
  isMethodOfVersion(callable: StackRef, version: number): boolean {
    return isMethodOfVersion(this.s, callable, version);
  }
  pushGetattributeFrame(frame: number, func: number, owner: StackRef, index: number): number {
    return this.pushArgsFrame(frame, func, owner, this.refs.asOwned(this.name(frame, index)));
  }
  specializeContainsOp(instr: number, right: StackRef): void {
    (this.specializer as Specializer).containsOp(instr, right);
  }
  isExactAnySet(value: StackRef): boolean {
    if ((value & TAG_MASK) === TAG_INT) return false;
    const t = this.s.typeAddrOf(value);
    return t === this.s.b.set.addr || t === this.s.b.frozenset.addr;
  }
  dictContains(dict: StackRef, key: StackRef): number {
    const v = this.s.dictGetItem(dict, key);
    return v === ERROR ? -1 : v === NULL ? 0 : 1;
  }
  setContains(set: StackRef, key: StackRef): number {
    return setContains(this.s, set, key);
  }
  specializeToBool(instr: number, value: StackRef): void {
    (this.specializer as Specializer).toBool(instr, value);
  }
  isBuiltinFunction(callable: StackRef): boolean {
    return (
      (callable & TAG_MASK) !== TAG_INT &&
      this.s.typeAddrOf(callable) === this.s.b.builtin_function_or_method.addr
    );
  }
  /** Clear slots `first..first+n` and close what they held (top first). */
  private clearSlots(first: number, n: number): void {
    const i32 = this.i32;
    for (let i = first + n - 1; i >= first; i--) {
      const v = i32[i]!;
      i32[i] = NULL;
      this.refs.close(v);
    }
  }
  /** Call a builtin function with `nargs` positional arguments in slots `first..` (borrowed). */
  private callBuiltin(callable: StackRef, first: number, nargs: number): StackRef {
    const addr = callable & ~TAG_MASK;
    const data = this.s.builtins.get(this.i32[(addr + BUILTIN_JS) >> 2]!);
    return data.impl(this.i32[(addr + BUILTIN_SELF) >> 2]!, first, nargs, NULL);
  }
  callBuiltinSteal(callable: number, nargs: number): StackRef {
    const i32 = this.i32;
    const withSelf = i32[callable + 1] !== NULL;
    const first = withSelf ? callable + 1 : callable + 2;
    const total = withSelf ? nargs + 1 : nargs;
    const r = this.callBuiltin(i32[callable]!, first, total);
    this.clearSlots(callable, nargs + 2);
    return r;
  }
  pushPropertyFrame(frame: number, fget: number, owner: StackRef): number {
    return this.pushArgsFrame(frame, fget, owner, NULL);
  }
  /**
   * A frame for the Python function `func` (borrowed; the specializer checked its parameters)
   * with `a` and, unless NULL, `b` (both stolen) as its first locals: its address, or 0 with the
   * exception set.
   */
  private pushArgsFrame(frame: number, func: number, a: StackRef, b: StackRef): number {
    const i32 = this.i32;
    const newFrame = this.allocFrame(i32[(func + FUNC_CODE) >> 2]! & ~TAG_MASK, frame);
    if (newFrame === 0) {
      this.refs.close(a);
      this.refs.xclose(b);
      return 0;
    }
    i32[(newFrame + FRAME_HEADER) >> 2] = a;
    if (b !== NULL) i32[((newFrame + FRAME_HEADER) >> 2) + 1] = b;
    i32[(newFrame + FRAME_FUNC) >> 2] = this.refs.asOwned(func);
    i32[(newFrame + FRAME_GLOBALS) >> 2] = i32[(func + FUNC_GLOBALS) >> 2]! & ~TAG_MASK;
    i32[(newFrame + FRAME_BUILTINS) >> 2] = i32[(func + FUNC_BUILTINS) >> 2]! & ~TAG_MASK;
    return newFrame;
  }
  binaryDunderOf(left: StackRef, right: StackRef, nb: number): number {
    return binaryDunderOf(this.s, left, right, nb);
  }
  compareDunderOf(left: StackRef, right: StackRef, oparg: number): number {
    return compareDunderOf(this.s, left, right, oparg);
  }
  pushBinaryDunder(
    frame: number,
    method: number,
    left: StackRef,
    right: StackRef,
    nb: number,
  ): number {
    const shim = nb === NB.SUBSCR ? -1 : nb | ((method & 1) === 0 ? 0 : SHIM_AFTER_INPLACE);
    return this.pushDunderFrames(frame, method & ~1, left, right, shim);
  }
  pushCompareDunder(
    frame: number,
    method: number,
    left: StackRef,
    right: StackRef,
    oparg: number,
  ): number {
    return this.pushDunderFrames(frame, method, left, right, compareShimOparg(oparg));
  }
  iterNextDunderOf(iter: StackRef, nullOrIndex: StackRef): number {
    return iterNextDunderOf(this.s, iter, nullOrIndex);
  }
  pushIterNextFrames(frame: number, method: number, iter: StackRef): number {
    const shim = this.pushShimFrame(frame, SHIM_ITER_NEXT);
    if (shim === 0) return 0;
    // The argument, in the slot past the one __next__'s result will take.
    const arg = ((shim + FRAME_HEADER) >> 2) + 1;
    this.i32[arg] = this.refs.dup(iter);
    const f = this.bindFrame(shim, this.refs.dup(method | 1), arg, 1);
    if (f === 0) this.popFrame(shim);
    return f;
  }
  endLoopOnStopIteration(frame: number, exc: StackRef): boolean {
    const s = this.s;
    if (!s.typeOf(exc).isSubtypeOf(s.b.StopIteration)) {
      this.reraise(exc);
      return false;
    }
    this.refs.close(exc);
    const caller = this.i32[(frame + FRAME_PREVIOUS) >> 2]!;
    const ip = (caller + FRAME_IP) >> 2;
    this.i32[ip] = forIterEnd(this.u16, this.i32[ip]!);
    return true;
  }
  checkDunderResult(left: StackRef, right: StackRef, res: StackRef, oparg: number): StackRef {
    return checkDunderResult(this.s, left, right, res, oparg);
  }
  /**
   * The frames of an operator method (a Python function, borrowed) called with `left` and `right`
   * (stolen): the shim frame `shimOparg` keeping the operands (none when -1), then the method's.
   */
  private pushDunderFrames(
    frame: number,
    method: number,
    left: StackRef,
    right: StackRef,
    shimOparg: number,
  ): number {
    const i32 = this.i32;
    if (shimOparg < 0) {
      // The operands go to the method as they are.
      const args = this.stagingFor(method, 2);
      if (args === 0) {
        this.refs.close(left);
        this.refs.close(right);
        return 0;
      }
      i32[args] = left;
      i32[args + 1] = right;
      return this.bindFrame(frame, this.refs.dup(method | 1), args, 2);
    }
    const shim = this.pushShimFrame(frame, shimOparg);
    if (shim === 0) {
      this.refs.close(left);
      this.refs.close(right);
      return 0;
    }
    const stack = (shim + FRAME_HEADER) >> 2;
    i32[stack] = left;
    i32[stack + 1] = right;
    // not a spill: the new shim frame's stack holds the operands.
    i32[(shim + FRAME_SP) >> 2] = stack + 2;
    // The method's arguments, past the slot its result will take.
    const args = stack + 3;
    i32[args] = this.refs.dup(left);
    i32[args + 1] = this.refs.dup(right);
    const f = this.bindFrame(shim, this.refs.dup(method | 1), args, 2);
    if (f === 0) this.popFrame(shim);
    return f;
  }
  /**
   * Push an interpreter shim frame after `frame`: the shim `kind` (SHIM_INIT, SHIM_ITER_NEXT, or a
   * CHECK_DUNDER_RESULT oparg), with the caller's globals and builtins, flagged FRAME_SHIM
   * (tracebacks and sys._getframe skip it) and, like CPython's, not counted against the recursion
   * limit. Its address, or 0 with RecursionError set.
   */
  private pushShimFrame(frame: number, kind: number): number {
    const i32 = this.i32;
    const shim = this.allocFrame(this.shimCode(kind), frame);
    if (shim === 0) return 0;
    i32[(shim + FRAME_GLOBALS) >> 2] = i32[(frame + FRAME_GLOBALS) >> 2]!;
    i32[(shim + FRAME_BUILTINS) >> 2] = i32[(frame + FRAME_BUILTINS) >> 2]!;
    i32[(shim + FRAME_FLAGS) >> 2] = FRAME_SHIM;
    this.pyDepth--;
    return shim;
  }
  /** The shim codes by kind, made on first use (immortal). */
  private readonly shimCodes = new Map<number, number>();
  private shimCode(kind: number): number {
    let code = this.shimCodes.get(kind);
    if (code === undefined) {
      const unit =
        kind === SHIM_INIT
          ? initShimUnit()
          : kind === SHIM_ITER_NEXT
            ? iterNextShimUnit()
            : dunderShimUnit(kind);
      const made = loadCode(this.s, unit);
      if (made === ERROR) throw new Error(`Skein bug: the ${unit.filename} could not be made`);
      code = made & ~TAG_MASK;
      this.s.heap.makeImmortal(code);
      this.shimCodes.set(kind, code);
    }
    return code;
  }
  /**
   * Where `nargs` arguments for Python function `func` can be staged: the slots just past where
   * its frame will end (binding moves them into its parameters). 0 with RecursionError set when
   * the data stack has no room.
   */
  private stagingFor(func: number, nargs: number): number {
    const code = this.i32[(func + FUNC_CODE) >> 2]! & ~TAG_MASK;
    const staged = (this.dataTop >> 2) + this.i32[(code + CODE_FRAMESIZE) >> 2]!;
    if (4 * (staged + nargs) > this.dataEnd) {
      this.raiseRecursion();
      return 0;
    }
    return staged;
  }
  callClassSteal(callable: number, nargs: number): StackRef {
    const r = this.s.callVector(this.i32[callable]!, callable + 2, nargs, NULL);
    this.clearSlots(callable, nargs + 2);
    return r;
  }
  callLenSteal(callable: number): StackRef {
    const n = this.s.length(this.i32[callable + 2]!);
    this.clearSlots(callable, 3);
    if (n < 0) return ERROR;
    return n < 0x1fffffff ? (n << 2) | TAG_INT : this.s.newInt(n);
  }
  typeRefOf(obj: StackRef): StackRef {
    return this.refs.fromNew(this.s.typeAddrOf(obj));
  }
  callIsInstanceSteal(callable: number): StackRef {
    const s = this.s;
    const i32 = this.i32;
    const cls = i32[callable + 3]!;
    let r: StackRef;
    // A class of metatype `type` (no __instancecheck__): the MRO decides.
    if ((cls & TAG_MASK) !== TAG_INT && s.typeAddrOf(cls) === s.b.type.addr) {
      const yes = s.typeOf(i32[callable + 2]!).isSubtypeOf(s.typeFromAddr(cls & ~TAG_MASK));
      r = yes ? s.True : s.False;
    } else r = this.callBuiltin(i32[callable]!, callable + 2, 2);
    this.clearSlots(callable, 4);
    return r;
  }
  isClassOfVersion(callable: StackRef, version: number): boolean {
    return isClassOfVersion(this.s, callable, version);
  }
  allocAndEnterInit(frame: number, cls: StackRef, args: number, nargs: number): number {
    const s = this.s;
    const i32 = this.i32;
    const addr = cls & ~TAG_MASK;
    const t = s.typeFromAddr(addr);
    const init = (this.specializer as Specializer).initOf(addr);
    const obj = s.allocObject(t, t.basicSize);
    const shim = obj === 0 ? 0 : this.pushShimFrame(frame, SHIM_INIT);
    if (shim === 0) {
      if (obj !== 0) this.refs.close(obj);
      this.closeSlots(args, nargs);
      this.refs.close(cls);
      return 0;
    }
    i32.fill(NULL, (obj + 8) >> 2, (obj + t.basicSize) >> 2);
    const stack = (shim + FRAME_HEADER) >> 2;
    i32[stack] = obj;
    // not a spill: the new shim frame's stack holds the instance.
    i32[(shim + FRAME_SP) >> 2] = stack + 1;
    // The instance becomes __init__'s first argument, in the NULL slot before the arguments.
    i32[args - 1] = this.refs.dup(obj);
    this.refs.close(cls);
    const f = this.bindFrame(shim, this.refs.asOwned(init), args - 1, nargs + 1);
    if (f === 0) this.popFrame(shim);
    return f;
  }
  isExactStr(value: StackRef): boolean {
    return (value & TAG_MASK) !== TAG_INT && this.s.typeAddrOf(value) === this.s.b.str.addr;
  }
  cachedCharAt(str: StackRef, i: number): StackRef {
    return this.s.cachedCharAt(str, i);
  }
  isExactDict(value: StackRef): boolean {
    return (value & TAG_MASK) !== TAG_INT && this.s.typeAddrOf(value) === this.s.b.dict.addr;
  }
  strEqual(left: StackRef, right: StackRef): boolean {
    return (left & ~1) === (right & ~1) || this.s.strValue(left) === this.s.strValue(right);
  }
  strNonEmpty(value: StackRef): boolean {
    return this.i32[((value & ~TAG_MASK) + STR_LENGTH) >> 2] !== 0;
  }
  strConcat(left: StackRef, right: StackRef): StackRef {
    return this.s.binaryOp(left, right, NB.ADD);
  }
  dictSubscript(dict: StackRef, key: StackRef): StackRef {
    const s = this.s;
    const v = s.dictGetItem(dict, key);
    if (v === ERROR) return ERROR;
    if (v === NULL) return s.raiseKeyError(key);
    return this.stackRefFromHeap(v);
  }
  dictStore(dict: StackRef, key: StackRef, value: StackRef): number {
    return this.s.setItem(dict, key, value);
  }
  storeAttrWithHint(
    frame: number,
    owner: StackRef,
    value: StackRef,
    index: number,
    offset: number,
  ): number {
    const s = this.s;
    const slot = ((owner & ~TAG_MASK) + offset) >> 2;
    let d = this.i32[slot]!;
    if (d === NULL) {
      d = newDict(s);
      if (d === ERROR) return -1;
      // An instance's attribute dict (CPython's inline values) does not count for gc.get_count().
      s.heap.uncount(d & ~TAG_MASK);
      this.i32[slot] = d;
    }
    return s.setItem(d, this.name(frame, index), value);
  }
  get listType(): number {
    return this.s.b.list.addr;
  }
  get tupleType(): number {
    return this.s.b.tuple.addr;
  }
  get rangeIterType(): number {
    return this.s.b.range_iterator.addr;
  }
  get f64(): Float64Array {
    return this.s.f64;
  }
  get floatType(): number {
    return this.s.b.float.addr;
  }
  setupAnnotations(frame: number): number {
    return ops.setupAnnotations(this, frame);
  }
}

/** V8's default stack on the main thread (`--stack-size`, 984 KiB on 64-bit hosts). */
const V8_STACK_BYTES = 984 * 1024;
/**
 * Host stack one re-entry of the loop from host code may take (a dunder called from a slot runs
 * through the slot, the call machinery and a new dispatch loop: about 7 KiB measured, with room
 * for heavier paths such as a key= function called from sort).
 */
const HOST_REENTRY_BYTES = 16 * 1024;
/** Host stack kept free for the host code between and after the re-entries. */
const HOST_STACK_RESERVE = 160 * 1024;

/**
 * How many nested host re-entries a host stack of `stackBytes` holds without overflowing: the
 * default of `hostRecursionLimit` is this for V8's main-thread stack; an embedder running the
 * engine on a bigger stack (the CLI's worker) passes its own.
 */
export function hostRecursionLimitFor(stackBytes: number): number {
  return Math.max(16, Math.floor((stackBytes - HOST_STACK_RESERVE) / HOST_REENTRY_BYTES));
}

/** Eval breaker bit: SIGINT arrived. */
export const EVAL_INTERRUPT = 1;
/** Eval breaker bit: the cycle collector asked for a safe point. */
export const EVAL_GC = 2;
/**
 * Eval breaker bit: the embedder's time limit ran out (set by a watchdog thread). It stays set, so
 * a program that catches the TimeoutError is interrupted again at the next check.
 */
export const EVAL_TIMEOUT = 4;

export type Tier1ThreadState = ThreadState;
export { CompareOp, newException };
