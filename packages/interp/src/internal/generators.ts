// Generators and coroutines (CPython's Objects/genobject.c and the generator parts of
// Python/ceval.c and bytecodes.c).
//
// A generator object owns its frame: RETURN_GENERATOR copies the frame's header and localsplus out
// of the data stack into the object (after the generator's own fields, at GEN_FRAME), and the frame
// then runs in place there, as CPython 3.11+ runs `gi_iframe`. Frames need not be contiguous: the
// loop only follows FRAME_PREVIOUS, and a frame the generator's code calls goes on the data stack
// as usual. Resuming links the frame to its caller (FRAME_PREVIOUS):
// - SEND and FOR_ITER of a generator or coroutine push its frame like a call and stay in the same
//   dispatch loop (CPython's SEND_GEN/FOR_ITER_GEN); GEN_RETURN_IP remembers where the caller
//   continues when the generator returns instead of yielding (the END_SEND or END_FOR);
// - `send`, `throw`, `close`, `next()` and the iternext slot resume it from host code in a nested
//   loop, with the frame marked FRAME_OWNED_BY_HOST for that run.
// YIELD_VALUE sets the state to suspended and leaves the frame through LEAVE_FRAME; the thread
// state's popFrame sees FRAME_OWNED_BY_GENERATOR and calls leaveGenFrame, which either suspends the
// frame (its references are made heap-safe so that the collector may trust the generator's
// traverse) or clears it when the generator returned or raised.
import { DEOPT, Opcode } from "@skein/bytecode";
import {
  codeData,
  excField,
  isException,
  isExceptionType,
  layout,
  newException,
  type ObjectSpace,
  type PyType,
  setExcField,
  tupleFromRefs,
  tupleItem,
  tupleLength,
  typeLookup,
  writeUnraisable,
} from "@skein/objects";
import { ERROR, NULL, type StackRef, TAG_INT, TAG_MASK } from "@skein/stackref";
import {
  FRAME_CODE,
  FRAME_FLAGS,
  FRAME_FUNC,
  FRAME_GLOBALS,
  FRAME_HEADER,
  FRAME_INSTR,
  FRAME_IP,
  FRAME_OWNED_BY_GENERATOR,
  FRAME_OWNED_BY_HOST,
  FRAME_PREVIOUS,
  FRAME_SP,
} from "./frame-layout.js";
import type { ThreadState } from "./thread-state.js";

const {
  CODE_BYTECODE,
  CODE_FLAGS,
  CODE_FRAMESIZE,
  CODE_NLOCALSPLUS,
  EXC_ARGS,
  EXC_CAUSE,
  EXC_CONTEXT,
  EXC_SUPPRESS_CONTEXT,
  EXC_TRACEBACK,
  FUNC_NAME,
  FUNC_QUALNAME,
} = layout;

// The generator object: [refcnt][type][state][name][qualname][exc][return ip][pad][frame...].
/** CPython's gi_frame_state (the FRAME_* values below). */
export const GEN_STATE = 8;
/** `__name__` and `__qualname__` (owned str). */
export const GEN_NAME = 12;
export const GEN_QUALNAME = 16;
/** The exception the generator is handling while suspended (gi_exc_state), owned, or None. */
export const GEN_EXC = 20;
/** u16 index where an inline caller (SEND, FOR_ITER) continues when the generator returns. */
export const GEN_RETURN_IP = 24;
/** The frame (8-aligned): header, localsplus, then the evaluation stack. */
export const GEN_FRAME = 32;

// CPython 3.14's frame states.
export const FRAME_CREATED = -3;
export const FRAME_SUSPENDED = -2;
export const FRAME_SUSPENDED_YIELD_FROM = -1;
export const FRAME_EXECUTING = 0;
export const FRAME_COMPLETED = 1;
export const FRAME_CLEARED = 4;

const CO_GENERATOR = 0x20;
const CO_COROUTINE = 0x80;
const CO_ITERABLE_COROUTINE = 0x100;
const CO_ASYNC_GENERATOR = 0x200;

// The result kinds of a resumption from host code (CPython's PySendResult).
const PYGEN_RETURN = 0;
const PYGEN_ERROR = -1;
const PYGEN_NEXT = 1;

export interface GenTypes {
  readonly generator: PyType;
  readonly coroutine: PyType;
  readonly asyncGenerator: PyType;
  readonly wrapper: PyType;
  readonly frame: PyType;
}

const typesOf = new WeakMap<ObjectSpace, GenTypes>();

/** The generator types of a space (made by installGenerators). */
export function genTypes(s: ObjectSpace): GenTypes {
  return typesOf.get(s)!;
}

const addrOf = (ref: StackRef): number => ref & ~TAG_MASK;

function kindName(s: ObjectSpace, gen: number): string {
  const t = s.typeAddrOf(gen);
  const g = genTypes(s);
  if (t === g.coroutine.addr) return "coroutine";
  if (t === g.asyncGenerator.addr) return "async generator";
  return "generator";
}

// ---- the exception state of generators -----------------------------------------------------

/**
 * The exception being handled, as sys.exception() sees it (CPython's
 * _PyErr_GetTopmostException): the innermost non-None entry of the chain of handled exceptions,
 * whose outer entries are saved in ts.excStack while generators run.
 */
export function topmostException(ts: ThreadState): StackRef {
  const none = ts.s.None;
  const e = ts.excInfo;
  if (e !== none && e !== NULL) return e;
  const stack = ts.excStack;
  for (let i = stack.length - 1; i >= 0; i--) {
    const v = stack[i]!;
    if (v !== none && v !== NULL) return v;
  }
  return none;
}

/** Link a generator's frame in as the running frame after `previous` (state EXECUTING). */
function linkFrame(ts: ThreadState, gen: number, previous: number): number {
  const i32 = ts.i32;
  const gf = gen + GEN_FRAME;
  i32[(gen + GEN_STATE) >> 2] = FRAME_EXECUTING;
  i32[(gf + FRAME_PREVIOUS) >> 2] = previous;
  // The generator's own handled exception becomes the innermost entry of the chain.
  ts.excStack.push(ts.excInfo);
  ts.excInfo = i32[(gen + GEN_EXC) >> 2]!;
  i32[(gen + GEN_EXC) >> 2] = ts.s.None;
  ts.pyDepth++;
  ts.currentFrame = gf;
  return gf;
}

// ---- instructions ----------------------------------------------------------------------------

/** RETURN_GENERATOR: a new generator, coroutine or async generator owning the frame's contents. */
export function makeGenerator(ts: ThreadState, frame: number, next: number): StackRef {
  const s = ts.s;
  const i32 = ts.i32;
  const refs = ts.refs;
  const code = i32[(frame + FRAME_CODE) >> 2]!;
  const flags = i32[(code + CODE_FLAGS) >> 2]!;
  const g = genTypes(s);
  const type =
    (flags & CO_COROUTINE) !== 0
      ? g.coroutine
      : (flags & CO_ASYNC_GENERATOR) !== 0
        ? g.asyncGenerator
        : g.generator;
  const words = i32[(code + CODE_FRAMESIZE) >> 2]!;
  const gen = s.allocObject(type, GEN_FRAME + 4 * words);
  if (gen === 0) return ERROR;
  const func = i32[(frame + FRAME_FUNC) >> 2]!;
  const f = addrOf(func);
  i32[(gen + GEN_STATE) >> 2] = FRAME_CREATED;
  i32[(gen + GEN_NAME) >> 2] = refs.asOwned(i32[(f + FUNC_NAME) >> 2]!);
  i32[(gen + GEN_QUALNAME) >> 2] = refs.asOwned(i32[(f + FUNC_QUALNAME) >> 2]!);
  i32[(gen + GEN_EXC) >> 2] = s.None;
  i32[(gen + GEN_RETURN_IP) >> 2] = 0;
  i32[(gen + 28) >> 2] = 0;
  const gf = gen + GEN_FRAME;
  const nlocalsplus = i32[(code + CODE_NLOCALSPLUS) >> 2]!;
  const from = frame >> 2;
  const headerWords = FRAME_HEADER >> 2;
  i32.copyWithin(gf >> 2, from, from + headerWords + nlocalsplus);
  // The frame's references move into the generator: the data-stack frame keeps none.
  i32.fill(NULL, from + headerWords, from + headerWords + nlocalsplus);
  i32[(frame + FRAME_FUNC) >> 2] = NULL;
  const locals = (gf + FRAME_HEADER) >> 2;
  for (let i = locals; i < locals + nlocalsplus; i++) i32[i] = refs.makeHeapSafe(i32[i]!);
  i32[(gf + FRAME_FUNC) >> 2] = refs.makeHeapSafe(func);
  i32[(gf + FRAME_PREVIOUS) >> 2] = 0;
  i32[(gf + FRAME_FLAGS) >> 2] = FRAME_OWNED_BY_GENERATOR;
  i32[(gf + FRAME_IP) >> 2] = next;
  i32[(gf + FRAME_INSTR) >> 2] = next;
  // not a spill: the new generator frame's empty stack.
  i32[(gf + FRAME_SP) >> 2] = locals + nlocalsplus;
  return gen;
}

/** YIELD_VALUE: the running generator suspends (oparg 1: inside `yield from`/`await`). */
export function genYield(ts: ThreadState, frame: number, oparg: number, next: number): void {
  const i32 = ts.i32;
  i32[(frame - GEN_FRAME + GEN_STATE) >> 2] = FRAME_SUSPENDED + (oparg & 1);
  i32[(frame + FRAME_IP) >> 2] = next;
}

/**
 * The thread state's popFrame for a generator's frame: suspend it after a yield, or clear it when
 * the generator returned or raised. Restores the caller's exception state and current frame.
 */
export function leaveGenFrame(ts: ThreadState, frame: number): void {
  const i32 = ts.i32;
  const refs = ts.refs;
  const gen = frame - GEN_FRAME;
  const state = i32[(gen + GEN_STATE) >> 2]!;
  const previous = i32[(frame + FRAME_PREVIOUS) >> 2]!;
  const hostOwned = (i32[(frame + FRAME_FLAGS) >> 2]! & FRAME_OWNED_BY_HOST) !== 0;
  const own = ts.excInfo;
  ts.excInfo = ts.excStack.pop() ?? ts.s.None;
  ts.pyDepth--;
  ts.currentFrame = previous;
  i32[(frame + FRAME_FLAGS) >> 2] = FRAME_OWNED_BY_GENERATOR;
  i32[(frame + FRAME_PREVIOUS) >> 2] = 0;
  if (state < FRAME_EXECUTING) {
    // Suspended by YIELD_VALUE: keep everything, heap-safe (deferred and borrowed references
    // on a suspended frame are not roots of the collector).
    i32[(gen + GEN_EXC) >> 2] = own;
    i32[(frame + FRAME_INSTR) >> 2] = i32[(frame + FRAME_IP) >> 2]!;
    const sp = i32[(frame + FRAME_SP) >> 2]!;
    for (let i = (frame + FRAME_HEADER) >> 2; i < sp; i++) i32[i] = refs.makeHeapSafe(i32[i]!);
    return;
  }
  // Returned (the caller continues at GEN_RETURN_IP) or raised (the caller unwinds).
  i32[(gen + GEN_STATE) >> 2] = FRAME_CLEARED;
  if (!hostOwned && previous !== 0) {
    i32[(previous + FRAME_IP) >> 2] = i32[(gen + GEN_RETURN_IP) >> 2]!;
  }
  refs.close(own);
  clearFrame(ts, frame);
}

/** Close a generator frame's locals, stack and function. */
function clearFrame(ts: ThreadState, frame: number): void {
  const i32 = ts.i32;
  const refs = ts.refs;
  const code = i32[(frame + FRAME_CODE) >> 2]!;
  const locals = (frame + FRAME_HEADER) >> 2;
  const sp = i32[(frame + FRAME_SP) >> 2]!;
  const end = Math.max(sp, locals + i32[(code + CODE_NLOCALSPLUS) >> 2]!);
  // not a spill: the cleared frame has an empty stack.
  i32[(frame + FRAME_SP) >> 2] = locals;
  for (let i = end - 1; i >= locals; i--) {
    const v = i32[i]!;
    i32[i] = NULL;
    refs.close(v);
  }
  const func = i32[(frame + FRAME_FUNC) >> 2]!;
  i32[(frame + FRAME_FUNC) >> 2] = NULL;
  refs.close(func);
}

/** A generator or coroutine (exact type) that SEND/FOR_ITER may resume in the same loop. */
export function isResumableGen(ts: ThreadState, value: StackRef): boolean {
  if ((value & TAG_MASK) === TAG_INT) return false;
  const t = ts.s.typeAddrOf(value);
  if (t !== ts.genTypeAddr && t !== ts.coroTypeAddr) return false;
  return ts.i32[(addrOf(value) + GEN_STATE) >> 2]! < FRAME_EXECUTING;
}

/**
 * SEND/FOR_ITER of a resumable generator: push `value` (stolen) on its stack and link its frame
 * after `frame`; when it returns, the caller continues at `returnIp`. The frame, or 0.
 */
export function pushGenFrame(
  ts: ThreadState,
  frame: number,
  gen: StackRef,
  value: StackRef,
  returnIp: number,
): number {
  const i32 = ts.i32;
  if (ts.pyDepth >= ts.recursionLimit) {
    ts.refs.close(value);
    ts.s.raise(ts.s.b.RecursionError, "maximum recursion depth exceeded");
    return 0;
  }
  const g = addrOf(gen);
  const gf = g + GEN_FRAME;
  const sp = i32[(gf + FRAME_SP) >> 2]!;
  i32[sp] = ts.refs.makeHeapSafe(value);
  // not a spill: the value sent into the suspended frame.
  i32[(gf + FRAME_SP) >> 2] = sp + 1;
  i32[(g + GEN_RETURN_IP) >> 2] = returnIp;
  return linkFrame(ts, g, frame);
}

let sendReturned = false;

/** Whether the last `send` ended with the receiver returning (StopIteration) rather than yielding. */
export function lastSendReturned(): boolean {
  return sendReturned;
}

/** SEND's generic path: receiver.send(v) (next() for None), with StopIteration's value. */
export function send(ts: ThreadState, receiver: StackRef, v: StackRef): StackRef {
  const s = ts.s;
  sendReturned = false;
  let r: StackRef;
  const t = s.typeOf(receiver);
  if (isGenObject(s, receiver)) {
    r = sendEx(ts, addrOf(receiver), v, false, false);
    if (lastResult === PYGEN_RETURN) sendReturned = true;
    return r;
  }
  if (v === s.None && t.slots.iternext !== undefined && !t.heap) {
    r = s.iterNext(receiver);
    if (r === NULL) {
      sendReturned = true;
      return s.None;
    }
  } else {
    // A class's __next__ is called as a method, so that its StopIteration keeps the value.
    r = callMethod(
      s,
      receiver,
      v === s.None && t.slots.iternext !== undefined ? "__next__" : "send",
      v === s.None && t.slots.iternext !== undefined ? [] : [v],
    );
  }
  if (r === ERROR && s.isInstance(s.curexc, s.b.StopIteration)) {
    const exc = s.fetchException();
    const value = stopIterationValue(s, exc);
    ts.refs.close(exc);
    sendReturned = true;
    return value;
  }
  return r;
}

/** StopIteration's value (a new reference): its first argument, or None. */
export function stopIterationValue(s: ObjectSpace, exc: StackRef): StackRef {
  const args = excField(s, exc, EXC_ARGS);
  if (args === NULL || tupleLength(s, args) === 0) return s.None;
  return s.refs.asOwned(tupleItem(s, args, 0));
}

function callMethod(
  s: ObjectSpace,
  obj: StackRef,
  name: string,
  args: readonly StackRef[],
): StackRef {
  const m = s.getAttr(obj, s.intern(name));
  if (m === ERROR) return ERROR;
  const r = s.call(m, args);
  s.refs.close(m);
  return r;
}

/** GET_YIELD_FROM_ITER: generators (and coroutines, in coroutine code) as they are, else iter(). */
export function getYieldFromIter(ts: ThreadState, frame: number, iterable: StackRef): StackRef {
  const s = ts.s;
  const t = s.typeAddrOf(iterable);
  if (t === ts.coroTypeAddr) {
    const flags = ts.i32[(ts.i32[(frame + FRAME_CODE) >> 2]! + CODE_FLAGS) >> 2]!;
    if ((flags & (CO_COROUTINE | CO_ITERABLE_COROUTINE)) === 0) {
      return s.raise(
        s.b.TypeError,
        "cannot 'yield from' a coroutine object in a non-coroutine generator",
      );
    }
    return ts.refs.asOwned(iterable);
  }
  if (t === ts.genTypeAddr) return ts.refs.asOwned(iterable);
  return s.getIter(iterable);
}

/** The subiterator a generator suspended in `yield from`/`await` delegates to (new), or NULL. */
function yieldFrom(ts: ThreadState, gen: number): StackRef {
  const i32 = ts.i32;
  if (i32[(gen + GEN_STATE) >> 2] !== FRAME_SUSPENDED_YIELD_FROM) return NULL;
  const sp = i32[(gen + GEN_FRAME + FRAME_SP) >> 2]!;
  return ts.refs.asOwned(i32[sp - 1]!);
}

/** CPython's _PyCoro_GetAwaitableIter: the iterator `await o` drives, or ERROR. */
function awaitableIter(ts: ThreadState, o: StackRef, oparg: number): StackRef {
  const s = ts.s;
  const t = s.typeAddrOf(o);
  if (t === ts.coroTypeAddr) return ts.refs.asOwned(o);
  if (t === ts.genTypeAddr) {
    const code = ts.i32[(addrOf(o) + GEN_FRAME + FRAME_CODE) >> 2]!;
    if ((ts.i32[(code + CODE_FLAGS) >> 2]! & CO_ITERABLE_COROUTINE) !== 0) {
      return ts.refs.asOwned(o);
    }
  }
  const type = s.typeOf(o);
  const found = typeLookup(s, type, "__await__");
  if (found === null) {
    const name = type.name;
    if (oparg === 1) {
      return s.raise(
        s.b.TypeError,
        `'async with' received an object from __aenter__ that does not implement __await__: ${name}`,
      );
    }
    if (oparg === 2) {
      return s.raise(
        s.b.TypeError,
        `'async with' received an object from __aexit__ that does not implement __await__: ${name}`,
      );
    }
    return s.raise(s.b.TypeError, `object ${name} can't be used in 'await' expression`);
  }
  const r = callMethod(s, o, "__await__", []);
  if (r === ERROR) return ERROR;
  const rt = s.typeAddrOf(r);
  if (rt === ts.coroTypeAddr) {
    ts.refs.close(r);
    return s.raise(s.b.TypeError, "__await__() returned a coroutine");
  }
  if (s.typeOf(r).slots.iternext === undefined) {
    const name = s.typeOf(r).name;
    ts.refs.close(r);
    return s.raise(s.b.TypeError, `__await__() returned non-iterator of type '${name}'`);
  }
  return r;
}

/** GET_AWAITABLE: the iterator to await, refusing a coroutine that is being awaited already. */
export function getAwaitable(ts: ThreadState, iterable: StackRef, oparg: number): StackRef {
  const r = awaitableIter(ts, iterable, oparg);
  if (r === ERROR) return ERROR;
  if (ts.s.typeAddrOf(r) === ts.coroTypeAddr) {
    const yf = yieldFrom(ts, addrOf(r));
    if (yf !== NULL) {
      ts.refs.close(yf);
      ts.refs.close(r);
      return ts.s.raise(ts.s.b.RuntimeError, "coroutine is being awaited already");
    }
  }
  return r;
}

/** GET_AITER: obj.__aiter__(), which must have __anext__. */
export function getAIter(ts: ThreadState, obj: StackRef): StackRef {
  const s = ts.s;
  const type = s.typeOf(obj);
  if (typeLookup(s, type, "__aiter__") === null) {
    return s.raise(
      s.b.TypeError,
      `'async for' requires an object with __aiter__ method, got ${type.name}`,
    );
  }
  const r = callMethod(s, obj, "__aiter__", []);
  if (r === ERROR) return ERROR;
  if (typeLookup(s, s.typeOf(r), "__anext__") === null) {
    const name = s.typeOf(r).name;
    ts.refs.close(r);
    return s.raise(
      s.b.TypeError,
      `'async for' received an object from __aiter__ that does not implement __anext__: ${name}`,
    );
  }
  return r;
}

/** GET_ANEXT: the awaitable of aiter.__anext__(). */
export function getANext(ts: ThreadState, aiter: StackRef): StackRef {
  const s = ts.s;
  const type = s.typeOf(aiter);
  if (typeLookup(s, type, "__anext__") === null) {
    return s.raise(
      s.b.TypeError,
      `'async for' requires an iterator with __anext__ method, got ${type.name}`,
    );
  }
  const next = callMethod(s, aiter, "__anext__", []);
  if (next === ERROR) return ERROR;
  const r = awaitableIter(ts, next, 0);
  if (r === ERROR) {
    if (s.isInstance(s.curexc, s.b.TypeError)) {
      s.refs.close(s.fetchException());
      s.raise(
        s.b.TypeError,
        `'async for' received an invalid object from __anext__: ${s.typeOf(next).name}`,
      );
    }
  }
  ts.refs.close(next);
  return r;
}

/**
 * CLEANUP_THROW: the value of a StopIteration `exc` (a new reference); otherwise NULL after making
 * `exc` the current exception again.
 */
export function cleanupThrow(ts: ThreadState, exc: StackRef): StackRef {
  const s = ts.s;
  if (s.isInstance(exc, s.b.StopIteration)) return stopIterationValue(s, exc);
  s.setException(ts.refs.asOwned(exc));
  return NULL;
}

/** END_ASYNC_FOR: 1 when `exc` is StopAsyncIteration; else 0 with it re-raised. */
export function endAsyncFor(ts: ThreadState, exc: StackRef): number {
  const s = ts.s;
  if (s.isInstance(exc, s.b.StopAsyncIteration)) return 1;
  s.setException(ts.refs.asOwned(exc));
  return 0;
}

/**
 * INTRINSIC_STOPITERATION_ERROR (PEP 479): the exception that the handler around a generator's
 * body re-raises. A StopIteration (or an async generator's StopAsyncIteration) becomes a
 * RuntimeError caused by it; anything else is returned as it is (a new reference).
 */
export function stopIterationError(ts: ThreadState, frame: number, exc: StackRef): StackRef {
  const s = ts.s;
  const flags = ts.i32[(ts.i32[(frame + FRAME_CODE) >> 2]! + CODE_FLAGS) >> 2]!;
  let msg: string | null = null;
  if (s.isInstance(exc, s.b.StopIteration)) {
    msg =
      (flags & CO_ASYNC_GENERATOR) !== 0
        ? "async generator raised StopIteration"
        : (flags & CO_COROUTINE) !== 0
          ? "coroutine raised StopIteration"
          : "generator raised StopIteration";
  } else if ((flags & CO_ASYNC_GENERATOR) !== 0 && s.isInstance(exc, s.b.StopAsyncIteration)) {
    msg = "async generator raised StopAsyncIteration";
  }
  if (msg === null) return ts.refs.asOwned(exc);
  const m = s.newStr(msg);
  if (m === ERROR) return ERROR;
  const error = s.call(s.b.RuntimeError.addr | 1, [m]);
  ts.refs.close(m);
  if (error === ERROR) return ERROR;
  setExcField(s, error, EXC_CAUSE, exc);
  setExcField(s, error, EXC_CONTEXT, exc);
  ts.i32[(addrOf(error) + EXC_SUPPRESS_CONTEXT) >> 2] = 1;
  return error;
}

// ---- resuming from host code (CPython's gen_send_ex2) -----------------------------------------

let lastResult = PYGEN_NEXT;

function isGenObject(s: ObjectSpace, o: StackRef): boolean {
  if ((o & TAG_MASK) === TAG_INT) return false;
  const t = s.typeAddrOf(o);
  const g = genTypes(s);
  return t === g.generator.addr || t === g.coroutine.addr || t === g.asyncGenerator.addr;
}

/**
 * Resume `gen` with `arg` (borrowed; NULL from next()) or, with `exc`, with the current exception
 * raised at its suspension point. Sets lastResult: PYGEN_NEXT with the yielded value,
 * PYGEN_RETURN with the returned value, PYGEN_ERROR with ERROR (an exception set, or none when
 * next() found it exhausted).
 */
function sendEx(
  ts: ThreadState,
  gen: number,
  arg: StackRef,
  exc: boolean,
  closing: boolean,
): StackRef {
  const s = ts.s;
  const i32 = ts.i32;
  const state = i32[(gen + GEN_STATE) >> 2]!;
  lastResult = PYGEN_ERROR;
  if (state === FRAME_CREATED && !exc && arg !== NULL && arg !== s.None) {
    return s.raise(
      s.b.TypeError,
      `can't send non-None value to a just-started ${kindName(s, gen)}`,
    );
  }
  if (state === FRAME_EXECUTING) {
    return s.raise(s.b.ValueError, `${kindName(s, gen)} already executing`);
  }
  if (state >= FRAME_COMPLETED) {
    if (s.typeAddrOf(gen) === ts.coroTypeAddr && !closing) {
      return s.raise(s.b.RuntimeError, "cannot reuse already awaited coroutine");
    }
    if (arg !== NULL && !exc) {
      lastResult = PYGEN_RETURN;
      return s.None;
    }
    return ERROR;
  }
  if (ts.hostDepth >= ts.hostRecursionLimit || ts.pyDepth >= ts.recursionLimit) {
    return s.raise(s.b.RecursionError, "maximum recursion depth exceeded");
  }
  const gf = gen + GEN_FRAME;
  const sp = i32[(gf + FRAME_SP) >> 2]!;
  i32[sp] = ts.refs.asOwned(arg === NULL ? s.None : arg);
  // not a spill: the value sent into the suspended frame.
  i32[(gf + FRAME_SP) >> 2] = sp + 1;
  const saved = ts.currentFrame;
  linkFrame(ts, gen, saved);
  i32[(gf + FRAME_FLAGS) >> 2] = FRAME_OWNED_BY_GENERATOR | FRAME_OWNED_BY_HOST;
  if (exc) {
    // Raise at the suspension point, as the loop's error path would: CPython looks the handler
    // up at the instruction before the resume point (the YIELD_VALUE, covered by the handler of
    // `yield from`; a new generator's RETURN_GENERATOR is covered by none).
    i32[(gf + FRAME_INSTR) >> 2] = i32[(gf + FRAME_IP) >> 2]! - 1;
    const handler = ts.handleException(gf, true);
    if (handler < 0) {
      ts.popFrame(gf);
      ts.currentFrame = saved;
      return ERROR;
    }
    i32[(gf + FRAME_IP) >> 2] = handler;
  }
  ts.hostDepth++;
  let r: StackRef;
  try {
    r = ts.runLoops(gf);
  } finally {
    ts.hostDepth--;
    ts.currentFrame = saved;
  }
  if (r === ERROR) return ERROR;
  lastResult = i32[(gen + GEN_STATE) >> 2]! < FRAME_EXECUTING ? PYGEN_NEXT : PYGEN_RETURN;
  return r;
}

/** Raise StopIteration for a returned value (steals it). */
function raiseStop(s: ObjectSpace, value: StackRef, async = false): StackRef {
  if (async) {
    s.refs.close(value);
    return s.raise(s.b.StopAsyncIteration, "");
  }
  if (value === s.None) {
    const e = newException(s, s.b.StopIteration, s.emptyTuple | 1);
    if (e !== ERROR) s.setException(e);
    return ERROR;
  }
  s.raiseWithValue(s.b.StopIteration, value);
  s.refs.close(value);
  return ERROR;
}

/** gen.send(arg). */
export function genSend(ts: ThreadState, gen: StackRef, arg: StackRef): StackRef {
  const r = sendEx(ts, addrOf(gen), arg, false, false);
  if (lastResult === PYGEN_RETURN) return raiseStop(ts.s, r);
  return r;
}

/** The iternext slot: the next value, or NULL when exhausted (no exception set). */
export function genIterNext(ts: ThreadState, gen: StackRef): StackRef {
  const r = sendEx(ts, addrOf(gen), NULL, false, false);
  if (lastResult === PYGEN_RETURN) {
    // Skein's iternext protocol: exhausted is NULL without an exception (the value of a
    // StopIteration only matters to `yield from` and SEND, which take it from sendEx).
    ts.refs.close(r);
    return NULL;
  }
  if (r === ERROR && ts.s.curexc === NULL) return NULL;
  return r;
}

/** Close a subiterator of `yield from` (CPython's gen_close_iter): 0 or -1. */
function closeIter(ts: ThreadState, yf: StackRef): number {
  const s = ts.s;
  if (isGenObject(s, yf)) {
    const r = genClose(ts, yf);
    if (r === ERROR) return -1;
    ts.refs.close(r);
    return 0;
  }
  const m = s.getAttr(yf, s.intern("close"));
  if (m === ERROR) {
    if (s.isInstance(s.curexc, s.b.AttributeError)) {
      ts.refs.close(s.fetchException());
      return 0;
    }
    return -1;
  }
  const r = s.call(m, []);
  ts.refs.close(m);
  if (r === ERROR) return -1;
  ts.refs.close(r);
  return 0;
}

/** gen.close(): GeneratorExit at the suspension point; the return value (3.13) or None. */
export function genClose(ts: ThreadState, genRef: StackRef): StackRef {
  const s = ts.s;
  const i32 = ts.i32;
  const gen = addrOf(genRef);
  const state = i32[(gen + GEN_STATE) >> 2]!;
  if (state === FRAME_CREATED) {
    i32[(gen + GEN_STATE) >> 2] = FRAME_CLEARED;
    clearFrame(ts, gen + GEN_FRAME);
    return s.None;
  }
  if (state >= FRAME_COMPLETED) return s.None;
  let err = 0;
  const yf = yieldFrom(ts, gen);
  if (yf !== NULL) {
    i32[(gen + GEN_STATE) >> 2] = FRAME_EXECUTING;
    err = closeIter(ts, yf);
    i32[(gen + GEN_STATE) >> 2] = state;
    ts.refs.close(yf);
  }
  // RESUME after a YIELD_VALUE at exception depth 1: only the generated StopIteration handler
  // would run, so the frame is simply cleared.
  const ip = i32[(gen + GEN_FRAME + FRAME_IP) >> 2]!;
  const word = ts.u16[ip]!;
  if ((DEOPT[word & 255] ?? word & 255) === Opcode.RESUME && (word >> 8) & 4 && err === 0) {
    i32[(gen + GEN_STATE) >> 2] = FRAME_CLEARED;
    const own = i32[(gen + GEN_EXC) >> 2]!;
    i32[(gen + GEN_EXC) >> 2] = s.None;
    ts.refs.close(own);
    clearFrame(ts, gen + GEN_FRAME);
    return s.None;
  }
  if (err === 0) {
    const e = newException(s, s.b.GeneratorExit, s.emptyTuple | 1);
    if (e === ERROR) return ERROR;
    s.setException(e);
  }
  const r = sendEx(ts, gen, s.None, true, true);
  if (r !== ERROR && lastResult === PYGEN_RETURN) return r; // 3.13: close() returns the value
  if (r !== ERROR) {
    const kind = kindName(s, gen);
    ts.refs.close(r);
    return s.raise(
      s.b.RuntimeError,
      kind === "async generator"
        ? "async generator ignored GeneratorExit"
        : `${kind} ignored GeneratorExit`,
    );
  }
  if (s.isInstance(s.curexc, s.b.GeneratorExit)) {
    ts.refs.close(s.fetchException());
    return s.None;
  }
  if (s.isInstance(s.curexc, s.b.StopIteration)) {
    const e = s.fetchException();
    const v = stopIterationValue(s, e);
    ts.refs.close(e);
    return v;
  }
  return ERROR;
}

/** gen.throw(exc) and the deprecated gen.throw(type, value, traceback). */
export function genThrow(
  ts: ThreadState,
  genRef: StackRef,
  typ: StackRef,
  val: StackRef,
  tb: StackRef,
  closeOnGenExit = true,
): StackRef {
  const s = ts.s;
  const i32 = ts.i32;
  const gen = addrOf(genRef);
  const yf = yieldFrom(ts, gen);
  if (yf !== NULL) {
    const state = i32[(gen + GEN_STATE) >> 2]!;
    if (closeOnGenExit && isGeneratorExit(s, typ)) {
      i32[(gen + GEN_STATE) >> 2] = FRAME_EXECUTING;
      const err = closeIter(ts, yf);
      i32[(gen + GEN_STATE) >> 2] = state;
      ts.refs.close(yf);
      if (err < 0) return resultOf(ts, gen, sendEx(ts, gen, s.None, true, false));
      return throwHere(ts, gen, typ, val, tb);
    }
    let ret: StackRef;
    if (isGenObject(s, yf)) {
      // Link the frame in so that the traceback is complete.
      const gf = gen + GEN_FRAME;
      const saved = ts.currentFrame;
      i32[(gf + FRAME_PREVIOUS) >> 2] = saved;
      i32[(gen + GEN_STATE) >> 2] = FRAME_EXECUTING;
      ret = genThrow(ts, yf, typ, val, tb, closeOnGenExit);
      i32[(gen + GEN_STATE) >> 2] = state;
      i32[(gf + FRAME_PREVIOUS) >> 2] = 0;
    } else {
      const m = s.getAttr(yf, s.intern("throw"));
      if (m === ERROR) {
        if (!s.isInstance(s.curexc, s.b.AttributeError)) {
          ts.refs.close(yf);
          return ERROR;
        }
        ts.refs.close(s.fetchException());
        ts.refs.close(yf);
        return throwHere(ts, gen, typ, val, tb);
      }
      i32[(gen + GEN_STATE) >> 2] = FRAME_EXECUTING;
      const args = [typ];
      if (val !== NULL) args.push(val);
      if (tb !== NULL) args.push(tb);
      ret = s.call(m, args);
      i32[(gen + GEN_STATE) >> 2] = state;
      ts.refs.close(m);
    }
    ts.refs.close(yf);
    if (ret === ERROR) return resultOf(ts, gen, sendEx(ts, gen, s.None, true, false));
    return ret;
  }
  return throwHere(ts, gen, typ, val, tb);
}

function isGeneratorExit(s: ObjectSpace, typ: StackRef): boolean {
  if (s.typeOf(typ) === s.b.type) {
    return s.typeFromAddr(addrOf(typ)).isSubtypeOf(s.b.GeneratorExit);
  }
  return s.isInstance(typ, s.b.GeneratorExit);
}

/** The send result as a method returns it (StopIteration for a returned value). */
function resultOf(ts: ThreadState, gen: number, r: StackRef): StackRef {
  if (lastResult === PYGEN_RETURN) {
    return raiseStop(ts.s, r, ts.s.typeAddrOf(gen) === genTypes(ts.s).asyncGenerator.addr);
  }
  return r;
}

/** Normalize the exception of throw() and raise it inside the generator. */
function throwHere(
  ts: ThreadState,
  gen: number,
  typ: StackRef,
  val: StackRef,
  tb: StackRef,
): StackRef {
  const s = ts.s;
  const none = s.None;
  if (tb === none) tb = NULL;
  if (tb !== NULL && s.typeOf(tb) !== s.b.traceback) {
    return s.raise(s.b.TypeError, "throw() third argument must be a traceback object");
  }
  let exc: StackRef;
  if (s.typeOf(typ) === s.b.type && isExceptionType(s, s.typeFromAddr(addrOf(typ)))) {
    const type = s.typeFromAddr(addrOf(typ));
    if (val !== NULL && val !== none && s.isInstance(val, type)) {
      exc = ts.refs.asOwned(val);
    } else if (val === NULL || val === none) {
      exc = s.call(typ, []);
    } else if (s.typeOf(val) === s.b.tuple) {
      const items: StackRef[] = [];
      for (let i = 0; i < tupleLength(s, val); i++) items.push(tupleItem(s, val, i));
      exc = s.call(typ, items);
    } else {
      exc = s.call(typ, [val]);
    }
    if (exc === ERROR) return ERROR;
  } else if (isException(s, typ)) {
    if (val !== NULL && val !== none) {
      return s.raise(s.b.TypeError, "instance exception may not have a separate value");
    }
    exc = ts.refs.asOwned(typ);
  } else {
    return s.raise(
      s.b.TypeError,
      `exceptions must be classes or instances deriving from BaseException, not ${s.typeOf(typ).name}`,
    );
  }
  if (tb !== NULL) {
    const old = ts.i32[(addrOf(exc) + EXC_TRACEBACK) >> 2]!;
    ts.i32[(addrOf(exc) + EXC_TRACEBACK) >> 2] = ts.refs.asOwned(tb);
    ts.refs.close(old);
  }
  s.setException(exc);
  return resultOf(ts, gen, sendEx(ts, gen, none, true, false));
}

/** The finalizer of a suspended generator: close() it, reporting an error as unraisable. */
function finalizeGen(ts: ThreadState, gen: number): void {
  const s = ts.s;
  const state = ts.i32[(gen + GEN_STATE) >> 2]!;
  if (state >= FRAME_EXECUTING) return;
  if (state === FRAME_CREATED) {
    // Never started: nothing can run (CPython warns about coroutines never awaited).
    return;
  }
  const saved = s.fetchException();
  const r = genClose(ts, gen);
  if (r === ERROR) writeUnraisable(s, "Exception ignored in", gen, saved);
  else {
    ts.refs.close(r);
    s.curexc = saved;
  }
}

// ---- the types ---------------------------------------------------------------------------------

function lineOf(ts: ThreadState, frame: number): number {
  const s = ts.s;
  const code = ts.i32[(frame + FRAME_CODE) >> 2]!;
  const data = codeData(s, code);
  const offset = ts.i32[(frame + FRAME_INSTR) >> 2]! - ts.i32[(code + CODE_BYTECODE) >> 2]!;
  const line = data.positions[4 * offset];
  return line === undefined || line < 0 ? data.firstLineno : line;
}

/** Make the generator, coroutine, async generator, coroutine_wrapper and frame types. */
export function installGenerators(ts: ThreadState): GenTypes {
  const s = ts.s;
  const known = typesOf.get(s);
  if (known !== undefined) {
    ts.genTypeAddr = known.generator.addr;
    ts.coroTypeAddr = known.coroutine.addr;
    return known;
  }
  const i32 = s.i32;
  const refs = s.refs;
  const dealloc = (a: number): void => {
    if (i32[(a + GEN_STATE) >> 2]! !== FRAME_CLEARED) clearFrame(ts, a + GEN_FRAME);
    for (const off of [GEN_NAME, GEN_QUALNAME, GEN_EXC]) {
      const v = i32[(a + off) >> 2]!;
      i32[(a + off) >> 2] = NULL;
      refs.close(v);
    }
    s.heap.freeObject(a);
  };
  const make = (name: string): PyType => {
    const t = s.newStaticType(
      name,
      s.b.object,
      {
        dealloc,
        repr: (self) => {
          const id = addrOf(self).toString(16).padStart(12, "0");
          const q = s.strValue(i32[(addrOf(self) + GEN_QUALNAME) >> 2]!);
          return s.newStr(`<${name} object ${q} at 0x${id}>`);
        },
      },
      { gc: true },
    );
    s.heap.setTypeHooks(t.addr, {
      traverse: (a, visit) => {
        for (const off of [GEN_NAME, GEN_QUALNAME, GEN_EXC]) visit(i32[(a + off) >> 2]!);
        if (i32[(a + GEN_STATE) >> 2]! === FRAME_CLEARED) return;
        const gf = a + GEN_FRAME;
        // Counted references only (a running frame may hold borrowed ones; the thread's frame
        // roots cover those).
        const f = i32[(gf + FRAME_FUNC) >> 2]!;
        if ((f & TAG_MASK) === 0 && f !== 0) visit(f);
        const sp = i32[(gf + FRAME_SP) >> 2]!;
        for (let i = (gf + FRAME_HEADER) >> 2; i < sp; i++) {
          const v = i32[i]!;
          if ((v & TAG_MASK) === 0 && v !== 0) visit(v);
        }
      },
      clear: (a) => {
        if (i32[(a + GEN_STATE) >> 2]! === FRAME_EXECUTING) return;
        if (i32[(a + GEN_STATE) >> 2]! === FRAME_CLEARED) return;
        i32[(a + GEN_STATE) >> 2] = FRAME_CLEARED;
        clearFrame(ts, a + GEN_FRAME);
      },
      finalize: (a) => finalizeGen(ts, a),
    });
    t.slots.iter = (self) => refs.asOwned(self);
    return t;
  };
  const generator = make("generator");
  const coroutine = make("coroutine");
  const asyncGenerator = make("async_generator");
  generator.slots.iternext = (self) => genIterNext(ts, self);

  const throwMethod =
    (fname: string) =>
    (self: StackRef, args: number, nargs: number, kwnames: StackRef): StackRef => {
      if (kwnames !== NULL && tupleLength(s, kwnames) > 0) {
        return s.raise(s.b.TypeError, `${fname}() takes no keyword arguments`);
      }
      if (nargs < 1 || nargs > 3) {
        return s.raise(
          s.b.TypeError,
          nargs < 1
            ? `${fname} expected at least 1 argument, got 0`
            : `${fname} expected at most 3 arguments, got ${nargs}`,
        );
      }
      return genThrow(
        ts,
        self,
        i32[args]!,
        nargs > 1 ? i32[args + 1]! : NULL,
        nargs > 2 ? i32[args + 2]! : NULL,
      );
    };
  for (const t of [generator, coroutine]) {
    t.methods.set("send", (self, args, nargs) => {
      if (nargs !== 1) {
        return s.raise(s.b.TypeError, `send() takes exactly one argument (${nargs} given)`);
      }
      return genSend(ts, self, i32[args]!);
    });
    t.methods.set("throw", throwMethod("throw"));
    t.methods.set("close", (self) => genClose(ts, self));
    const prefix = t === generator ? "gi" : "cr";
    t.getsets.set(`${prefix}_running`, {
      get: (self) => s.bool(i32[(addrOf(self) + GEN_STATE) >> 2] === FRAME_EXECUTING),
    });
    t.getsets.set(`${prefix}_suspended`, {
      get: (self) =>
        s.bool(
          i32[(addrOf(self) + GEN_STATE) >> 2]! < FRAME_EXECUTING &&
            i32[(addrOf(self) + GEN_STATE) >> 2] !== FRAME_CREATED,
        ),
    });
    t.getsets.set(`${prefix}_code`, {
      get: (self) => refs.asOwned(i32[(addrOf(self) + GEN_FRAME + FRAME_CODE) >> 2]! | 1),
    });
    t.getsets.set(`${prefix}_frame`, {
      get: (self) => {
        if (i32[(addrOf(self) + GEN_STATE) >> 2]! >= FRAME_COMPLETED) return s.None;
        const f = s.allocObject(frameType, 12);
        if (f === 0) return ERROR;
        i32[(f + 8) >> 2] = refs.asOwned(self);
        return f;
      },
    });
    t.getsets.set(t === generator ? "gi_yieldfrom" : "cr_await", {
      get: (self) => {
        const yf = yieldFrom(ts, addrOf(self));
        return yf === NULL ? s.None : yf;
      },
    });
    for (const [attr, off] of [
      ["__name__", GEN_NAME],
      ["__qualname__", GEN_QUALNAME],
    ] as const) {
      t.getsets.set(attr, {
        get: (self) => refs.asOwned(i32[(addrOf(self) + off) >> 2]!),
        set: (self, v) => {
          if (v === NULL || s.typeOf(v) !== s.b.str) {
            s.raise(s.b.TypeError, `${attr} must be set to a string object`);
            return -1;
          }
          const old = i32[(addrOf(self) + off) >> 2]!;
          i32[(addrOf(self) + off) >> 2] = refs.asOwned(v);
          refs.close(old);
          return 0;
        },
      });
    }
  }
  // next(gen) keeps the return value in the StopIteration (the iternext slot cannot).
  generator.methods.set("__next__", (self) => {
    const r = sendEx(ts, addrOf(self), NULL, false, false);
    if (lastResult === PYGEN_RETURN) return raiseStop(s, r);
    if (r === ERROR && s.curexc === NULL) return raiseStop(s, s.None);
    return r;
  });
  generator.methods.set("__iter__", (self) => refs.asOwned(self));

  // coroutine.__await__(): a coroutine_wrapper iterating the coroutine.
  const wrapper = s.newStaticType(
    "coroutine_wrapper",
    s.b.object,
    {
      dealloc: (a) => {
        refs.close(i32[(a + 8) >> 2]!);
        s.heap.freeObject(a);
      },
      iter: (self) => refs.asOwned(self),
      iternext: (self) => genIterNext(ts, i32[(addrOf(self) + 8) >> 2]!),
    },
    { gc: true },
  );
  s.heap.setTypeHooks(wrapper.addr, {
    traverse: (a, visit) => visit(i32[(a + 8) >> 2]!),
  });
  coroutine.methods.set("__await__", (self) => {
    const w = s.allocObject(wrapper, 12);
    if (w === 0) return ERROR;
    i32[(w + 8) >> 2] = refs.asOwned(self);
    return w;
  });
  wrapper.methods.set("send", (self, args, nargs) => {
    if (nargs !== 1) {
      return s.raise(s.b.TypeError, `send() takes exactly one argument (${nargs} given)`);
    }
    return genSend(ts, i32[(addrOf(self) + 8) >> 2]!, i32[args]!);
  });
  wrapper.methods.set("throw", (self, args, nargs, kwnames) =>
    throwMethod("throw")(i32[(addrOf(self) + 8) >> 2]!, args, nargs, kwnames),
  );
  wrapper.methods.set("close", (self) => genClose(ts, i32[(addrOf(self) + 8) >> 2]!));
  wrapper.methods.set("__next__", (self) => {
    const r = sendEx(ts, addrOf(i32[(addrOf(self) + 8) >> 2]!), NULL, false, false);
    if (lastResult === PYGEN_RETURN) return raiseStop(s, r);
    if (r === ERROR && s.curexc === NULL) return raiseStop(s, s.None);
    return r;
  });

  // A minimal frame object for gi_frame/cr_frame: the generator's frame while it exists.
  const frameType = s.newStaticType(
    "frame",
    s.b.object,
    {
      dealloc: (a) => {
        refs.close(i32[(a + 8) >> 2]!);
        s.heap.freeObject(a);
      },
    },
    { gc: true },
  );
  s.heap.setTypeHooks(frameType.addr, {
    traverse: (a, visit) => visit(i32[(a + 8) >> 2]!),
  });
  const frameOf = (self: StackRef): number => addrOf(i32[(addrOf(self) + 8) >> 2]!) + GEN_FRAME;
  frameType.getsets.set("f_lineno", {
    get: (self) => ((lineOf(ts, frameOf(self)) << 2) | TAG_INT) as StackRef,
  });
  frameType.getsets.set("f_code", {
    get: (self) => refs.asOwned(i32[(frameOf(self) + FRAME_CODE) >> 2]! | 1),
  });
  frameType.getsets.set("f_globals", {
    get: (self) => refs.asOwned(i32[(frameOf(self) + FRAME_GLOBALS) >> 2]! | 1),
  });
  frameType.getsets.set("f_back", { get: () => s.None });
  frameType.getsets.set("f_locals", {
    get: (self) => {
      const f = frameOf(self);
      const gen = addrOf(i32[(addrOf(self) + 8) >> 2]!);
      const d = s.call(s.b.dict.addr | 1, []);
      if (d === ERROR) return ERROR;
      if (i32[(gen + GEN_STATE) >> 2]! >= FRAME_COMPLETED) return d;
      const data = codeData(s, i32[(f + FRAME_CODE) >> 2]!);
      const locals = (f + FRAME_HEADER) >> 2;
      for (let k = 0; k < data.localsplusNames.length; k++) {
        let v = i32[locals + k]!;
        if (v === NULL) continue;
        if ((data.localsplusKinds[k]! & 0xc0) !== 0) {
          // A cell or free variable: its contents.
          const cell = s.getAttr(v, s.intern("cell_contents"));
          if (cell === ERROR) {
            refs.close(s.fetchException());
            continue;
          }
          v = cell;
          if (s.setItem(d, s.intern(data.localsplusNames[k]!), v) < 0) return ERROR;
          refs.close(cell);
          continue;
        }
        if (s.setItem(d, s.intern(data.localsplusNames[k]!), v) < 0) return ERROR;
      }
      return d;
    },
  });

  // StopIteration.value: the first argument (or None).
  s.b.StopIteration.getsets.set("value", {
    get: (self) => stopIterationValue(s, self),
  });

  const g: GenTypes = { generator, coroutine, asyncGenerator, wrapper, frame: frameType };
  typesOf.set(s, g);
  ts.genTypeAddr = generator.addr;
  ts.coroTypeAddr = coroutine.addr;
  void CO_GENERATOR;
  void tupleFromRefs;
  return g;
}
