// The instructions added with the bytecode issue: their Tier1Env methods, as functions of the
// thread state (ThreadState delegates to them in its marked block). Semantics go through the
// ObjectSpace (cells, slices and sets included).
import {
  callSpecial,
  cellGet,
  cellSet,
  codeData,
  excField,
  isDict,
  isList,
  isTuple,
  layout,
  listAppend,
  listFromRefs,
  listItemsBase,
  listLength,
  newCell,
  newSetOfType,
  newSlice,
  setAdd as setAddItem,
  setUpdate as setUpdateFrom,
  superGetAttr,
  tupleFromRefs,
  tupleItem,
  tupleLength,
  typeLookup,
  UnaryOp,
} from "@skein/objects";
import { ERROR, NULL, type StackRef, TAG_INT, TAG_MASK, tagInt } from "@skein/stackref";
import {
  FRAME_BUILTINS,
  FRAME_CODE,
  FRAME_FUNC,
  FRAME_GLOBALS,
  FRAME_HEADER,
  FRAME_LOCALS,
} from "./frame-layout.js";
import { stopIterationError } from "./generators.js";
import type { ThreadState } from "./thread-state.js";

const {
  CODE_ARGCOUNT,
  CODE_FLAGS,
  CODE_KWONLY,
  CODE_NAMES,
  CODE_POSONLY,
  EXC_TRACEBACK,
  FUNC_ANNOTATIONS,
  FUNC_CLOSURE,
  FUNC_CODE,
  FUNC_DEFAULTS,
  FUNC_KWDEFAULTS,
  FUNC_QUALNAME,
  TUPLE_ITEMS,
} = layout;

const CO_VARARGS = 0x4;
const CO_VARKEYWORDS = 0x8;
const CO_FAST_FREE = 0x80;

/** Bound method fields (objects' classes.ts; checked by test/ops.test.ts). */
const METHOD_FUNC = 8;
const METHOD_SELF = 12;

const SPECIAL_METHOD_NAMES = ["__enter__", "__exit__", "__aenter__", "__aexit__"];

// ---- helpers ----

function codeOf(ts: ThreadState, frame: number): number {
  return ts.i32[(frame + FRAME_CODE) >> 2]!;
}

function nameAt(ts: ThreadState, frame: number, index: number): StackRef {
  const i32 = ts.i32;
  const names = i32[(codeOf(ts, frame) + CODE_NAMES) >> 2]! & ~TAG_MASK;
  return i32[((names + TUPLE_ITEMS) >> 2) + index]!;
}

function typeName(ts: ThreadState, v: StackRef): string {
  return ts.s.typeOf(v).name;
}

function isError(ts: ThreadState, type: keyof ThreadState["s"]["b"]): boolean {
  const s = ts.s;
  return s.curexc !== NULL && s.isInstance(s.curexc, s.b[type]!);
}

function clearError(ts: ThreadState): void {
  ts.refs.close(ts.s.fetchException());
}

function typeRef(ts: ThreadState, v: StackRef): StackRef {
  return ts.s.typeAddrOf(v) | 1;
}

function intRef(ts: ThreadState, n: number): StackRef {
  return n >= -(2 ** 29) && n < 2 ** 29 ? tagInt(n) : ts.s.newInt(n);
}

/** Look up `key` in a mapping: a new reference, NULL when absent, ERROR. */
function mappingLookup(ts: ThreadState, mapping: StackRef, key: StackRef): StackRef {
  const s = ts.s;
  if (isDict(s, mapping)) {
    const v = s.dictGetItem(mapping, key);
    return v === NULL || v === ERROR ? v : ts.refs.asOwned(v);
  }
  const v = s.getItem(mapping, key);
  if (v === ERROR && isError(ts, "KeyError")) {
    clearError(ts);
    return NULL;
  }
  return v;
}

// ---- attributes ----

export function loadAttr(ts: ThreadState, frame: number, index: number, owner: StackRef): StackRef {
  return ts.s.getAttr(owner, nameAt(ts, frame, index));
}

export function loadMethod(
  ts: ThreadState,
  frame: number,
  index: number,
  owner: StackRef,
  selfSlot: number,
): StackRef {
  const s = ts.s;
  const name = nameAt(ts, frame, index);
  const i32 = ts.i32;
  i32[selfSlot] = NULL;
  if ((owner & TAG_MASK) === TAG_INT) return s.getAttr(owner, name);
  const t = s.typeOf(owner);
  // Only where getattr is the generic lookup: a class without its own __getattribute__.
  if (!t.heap || t.slots.getattr !== undefined) return s.getAttr(owner, name);
  const hook = typeLookup(s, t, "__getattribute__");
  if (hook !== null && hook.kind === "value") return s.getAttr(owner, name);
  const found = typeLookup(s, t, s.strValue(name));
  if (found === null || found.kind !== "value" || s.typeOf(found.ref) !== s.b.function) {
    return s.getAttr(owner, name);
  }
  // A function on the class, unless the instance's own dict has the name.
  if (t.dictOffset !== 0) {
    const d = i32[((owner & ~TAG_MASK) + t.dictOffset) >> 2]!;
    if (d !== NULL) {
      const v = s.dictGetItem(d, name);
      if (v === ERROR) return ERROR;
      if (v !== NULL) return ts.refs.asOwned(v);
    }
  }
  i32[selfSlot] = ts.refs.asOwned(owner);
  return ts.refs.asOwned(found.ref);
}

export function loadSuperAttr(
  ts: ThreadState,
  frame: number,
  oparg: number,
  globalSuper: StackRef,
  cls: StackRef,
  self: StackRef,
  selfSlot: number,
): StackRef {
  const s = ts.s;
  const name = nameAt(ts, frame, oparg >> 2);
  if (oparg & 1) ts.i32[selfSlot] = NULL;
  if ((globalSuper & ~TAG_MASK) === s.b.super.addr && s.typeOf(cls).isSubtypeOf(s.b.type)) {
    // The builtin super: no super object, the lookup starts after cls in self's MRO.
    return superGetAttr(s, s.typeFromAddr(cls & ~TAG_MASK), self, s.strValue(name));
  }
  const sup = s.call(globalSuper, oparg & 2 ? [cls, self] : []);
  if (sup === ERROR) return ERROR;
  const r = s.getAttr(sup, name);
  ts.refs.close(sup);
  return r;
}

export function storeAttr(
  ts: ThreadState,
  frame: number,
  index: number,
  owner: StackRef,
  value: StackRef,
): number {
  return ts.s.setAttr(owner, nameAt(ts, frame, index), value);
}

export function deleteAttr(ts: ThreadState, frame: number, index: number, owner: StackRef): number {
  return ts.s.setAttr(owner, nameAt(ts, frame, index), NULL);
}

export function loadSpecial(ts: ThreadState, owner: StackRef, index: number): StackRef {
  const s = ts.s;
  const name = SPECIAL_METHOD_NAMES[index]!;
  const r = s.getAttr(owner, s.intern(name));
  if (r === ERROR && isError(ts, "AttributeError")) {
    clearError(ts);
    const async = index >= 2 ? "asynchronous " : "";
    const missed = index % 2 === 1 ? ` (missed ${name} method)` : "";
    return s.raise(
      s.b.TypeError,
      `'${typeName(ts, owner)}' object does not support the ${async}context manager protocol${missed}`,
    );
  }
  return r;
}

// ---- names ----

function deleteFrom(ts: ThreadState, dict: number, name: StackRef, global: boolean): number {
  const s = ts.s;
  if (dict === 0) {
    s.raise(s.b.SystemError, `no locals when deleting ${s.strValue(name)}`);
    return -1;
  }
  const err = s.setItem(dict, name, NULL);
  if (err < 0 && isError(ts, "KeyError")) {
    clearError(ts);
    s.raise(s.b.NameError, `name '${s.strValue(name)}' is not defined`);
  }
  void global;
  return err;
}

export function deleteName(ts: ThreadState, frame: number, index: number): number {
  return deleteFrom(ts, ts.i32[(frame + FRAME_LOCALS) >> 2]!, nameAt(ts, frame, index), false);
}

export function deleteGlobal(ts: ThreadState, frame: number, index: number): number {
  return deleteFrom(ts, ts.i32[(frame + FRAME_GLOBALS) >> 2]!, nameAt(ts, frame, index), true);
}

export function loadFromDictOrGlobals(
  ts: ThreadState,
  frame: number,
  index: number,
  dict: StackRef,
): StackRef {
  const s = ts.s;
  const i32 = ts.i32;
  const name = nameAt(ts, frame, index);
  const v = mappingLookup(ts, dict, name);
  if (v !== NULL) return v;
  for (const d of [i32[(frame + FRAME_GLOBALS) >> 2]!, i32[(frame + FRAME_BUILTINS) >> 2]!]) {
    const g = mappingLookup(ts, d, name);
    if (g !== NULL) return g;
  }
  return s.raise(s.b.NameError, `name '${s.strValue(name)}' is not defined`);
}

export function loadLocals(ts: ThreadState, frame: number): StackRef {
  const locals = ts.i32[(frame + FRAME_LOCALS) >> 2]!;
  if (locals === 0) return ts.s.raise(ts.s.b.SystemError, "no locals found");
  return ts.refs.asOwned(locals | 1);
}

/** SETUP_ANNOTATIONS: give the body's namespace an empty `__annotations__` unless it has one. */
export function setupAnnotations(ts: ThreadState, frame: number): number {
  const s = ts.s;
  const locals = ts.i32[(frame + FRAME_LOCALS) >> 2]!;
  if (locals === 0) {
    s.raise(s.b.SystemError, "no locals found when setting up annotations");
    return -1;
  }
  const name = s.intern("__annotations__");
  const v = mappingLookup(ts, locals | 1, name);
  if (v === ERROR) return -1;
  if (v !== NULL) {
    ts.refs.close(v);
    return 0;
  }
  const d = s.newDict();
  if (d === ERROR) return -1;
  const err = s.setItem(locals | 1, name, d);
  ts.refs.close(d);
  return err;
}

export function loadCommonConstant(ts: ThreadState, frame: number, index: number): StackRef {
  const s = ts.s;
  switch (index) {
    case 0:
      return s.b.AssertionError.addr | 1;
    case 1:
      return s.b.NotImplementedError.addr | 1;
    case 2:
      return s.b.tuple.addr | 1;
    case 3:
    case 4: {
      const name = index === 3 ? "all" : "any";
      const v = mappingLookup(ts, ts.i32[(frame + FRAME_BUILTINS) >> 2]!, s.intern(name));
      return v === NULL ? s.raise(s.b.NameError, `name '${name}' is not defined`) : v;
    }
    case 5:
      return s.b.list.addr | 1;
    case 6:
      return s.b.set!.addr | 1;
  }
  return s.raise(s.b.SystemError, `bad LOAD_COMMON_CONSTANT oparg ${index}`);
}

export function loadBuildClass(ts: ThreadState, frame: number): StackRef {
  const s = ts.s;
  const v = mappingLookup(ts, ts.i32[(frame + FRAME_BUILTINS) >> 2]!, s.intern("__build_class__"));
  return v === NULL ? s.raise(s.b.NameError, "__build_class__ not found") : v;
}

// ---- cells ----

function localsBase(frame: number): number {
  return (frame + FRAME_HEADER) >> 2;
}

/** The error of reading an empty cell: free variables and cells word it differently. */
function unboundDeref(ts: ThreadState, frame: number, index: number): void {
  const s = ts.s;
  const data = codeData(s, codeOf(ts, frame));
  const name = data.localsplusNames[index]!;
  if ((data.localsplusKinds[index]! & CO_FAST_FREE) !== 0) {
    s.raise(
      s.b.NameError,
      `cannot access free variable '${name}' where it is not associated with a value in enclosing scope`,
    );
  } else {
    s.raise(
      s.b.UnboundLocalError,
      `cannot access local variable '${name}' where it is not associated with a value`,
    );
  }
}

export function makeCell(ts: ThreadState, frame: number, index: number): number {
  const i32 = ts.i32;
  const at = localsBase(frame) + index;
  const initial = i32[at]!;
  const cell = newCell(ts.s, initial);
  if (cell === ERROR) return -1;
  i32[at] = cell;
  ts.refs.xclose(initial);
  return 0;
}

export function copyFreeVars(ts: ThreadState, frame: number, n: number): void {
  const i32 = ts.i32;
  const func = i32[(frame + FRAME_FUNC) >> 2]!;
  if (func === NULL || func === 0) return;
  const closure = i32[((func & ~TAG_MASK) + FUNC_CLOSURE) >> 2]!;
  if (closure === NULL || closure === 0) return;
  const nlocalsplus = codeData(ts.s, codeOf(ts, frame)).localsplusNames.length;
  const base = localsBase(frame) + nlocalsplus - n;
  for (let i = 0; i < n; i++) i32[base + i] = ts.refs.asOwned(tupleItem(ts.s, closure, i));
}

export function loadDeref(ts: ThreadState, frame: number, index: number): StackRef {
  const cell = ts.i32[localsBase(frame) + index]!;
  const v = cell === NULL ? NULL : cellGet(ts.s, cell);
  if (v === NULL) {
    unboundDeref(ts, frame, index);
    return ERROR;
  }
  return ts.refs.asOwned(v);
}

export function storeDeref(ts: ThreadState, frame: number, index: number, value: StackRef): number {
  const cell = ts.i32[localsBase(frame) + index]!;
  cellSet(ts.s, cell, value);
  ts.refs.close(value);
  return 0;
}

export function deleteDeref(ts: ThreadState, frame: number, index: number): number {
  const cell = ts.i32[localsBase(frame) + index]!;
  if (cell === NULL || cellGet(ts.s, cell) === NULL) {
    unboundDeref(ts, frame, index);
    return -1;
  }
  cellSet(ts.s, cell, NULL);
  return 0;
}

export function loadFromDictOrDeref(
  ts: ThreadState,
  frame: number,
  index: number,
  dict: StackRef,
): StackRef {
  const name = codeData(ts.s, codeOf(ts, frame)).localsplusNames[index]!;
  const v = mappingLookup(ts, dict, ts.s.intern(name));
  if (v !== NULL) return v;
  return loadDeref(ts, frame, index);
}

// ---- operators, subscripts, slices ----

export function unaryInvert(ts: ThreadState, value: StackRef): StackRef {
  return ts.s.unaryOp(value, UnaryOp.INVERT);
}

export function deleteItem(ts: ThreadState, container: StackRef, sub: StackRef): number {
  return ts.s.setItem(container, sub, NULL);
}

export function buildSlice(ts: ThreadState, first: number, n: number): StackRef {
  const i32 = ts.i32;
  return newSlice(ts.s, i32[first]!, i32[first + 1]!, n === 3 ? i32[first + 2]! : ts.s.None);
}

export function binarySlice(
  ts: ThreadState,
  container: StackRef,
  start: StackRef,
  stop: StackRef,
): StackRef {
  const slice = newSlice(ts.s, start, stop, ts.s.None);
  if (slice === ERROR) return ERROR;
  const r = ts.s.getItem(container, slice);
  ts.refs.close(slice);
  return r;
}

export function storeSlice(
  ts: ThreadState,
  container: StackRef,
  start: StackRef,
  stop: StackRef,
  value: StackRef,
): number {
  const slice = newSlice(ts.s, start, stop, ts.s.None);
  if (slice === ERROR) return -1;
  const r = ts.s.setItem(container, slice, value);
  ts.refs.close(slice);
  return r;
}

export function getLen(ts: ThreadState, obj: StackRef): StackRef {
  const n = ts.s.length(obj);
  return n < 0 ? ERROR : intRef(ts, n);
}

// ---- calls ----

/** A bound method's function and self: @noescape helpers for CALL's method expansion. */
export function isBoundMethod(ts: ThreadState, callable: StackRef): boolean {
  return (callable & TAG_MASK) !== TAG_INT && ts.s.typeAddrOf(callable) === ts.s.b.method.addr;
}

export function methodFunc(ts: ThreadState, method: StackRef): StackRef {
  return ts.refs.asOwned(ts.i32[((method & ~TAG_MASK) + METHOD_FUNC) >> 2]!);
}

export function methodSelf(ts: ThreadState, method: StackRef): StackRef {
  return ts.refs.asOwned(ts.i32[((method & ~TAG_MASK) + METHOD_SELF) >> 2]!);
}

export function callKw(
  ts: ThreadState,
  callable: StackRef,
  first: number,
  total: number,
  kwnames: StackRef,
): StackRef {
  const nkw = tupleLength(ts.s, kwnames);
  return ts.s.callVector(callable, first, total - nkw, kwnames);
}

function funcName(ts: ThreadState, func: StackRef): string {
  return ts.s.strValue(ts.i32[((func & ~TAG_MASK) + FUNC_QUALNAME) >> 2]!);
}

function andList(names: string[]): string {
  const quoted = names.map((n) => `'${n}'`);
  if (quoted.length === 1) return quoted[0]!;
  return `${quoted.slice(0, -1).join(", ")}${quoted.length > 2 ? "," : ""} and ${quoted.at(-1)}`;
}

/**
 * Bind owned positional arguments and owned keyword values (named by `kwNames`) to the
 * parameters of Python function `func` (owned) in a new frame after `frame`. Consumes every
 * reference, also on failure. The new frame, or 0 with the exception set.
 */
export function bindAndPush(
  ts: ThreadState,
  frame: number,
  func: StackRef,
  pos: StackRef[],
  kwNames: string[],
  kwValues: StackRef[],
): number {
  const s = ts.s;
  const i32 = ts.i32;
  const refs = ts.refs;
  const f = func & ~TAG_MASK;
  const code = i32[(f + FUNC_CODE) >> 2]! & ~TAG_MASK;
  const argcount = i32[(code + CODE_ARGCOUNT) >> 2]!;
  const posonly = i32[(code + CODE_POSONLY) >> 2]!;
  const kwonly = i32[(code + CODE_KWONLY) >> 2]!;
  const flags = i32[(code + CODE_FLAGS) >> 2]!;
  const names = codeData(s, code).localsplusNames;
  const name = funcName(ts, func);
  const params: StackRef[] = new Array(argcount + kwonly).fill(NULL);
  const extras: StackRef[] = [];
  const kwExtra: [string, StackRef][] = [];
  const owned: StackRef[] = [];
  const bail = (message: string): number => {
    for (const v of params) if (v !== NULL) refs.close(v);
    for (const v of extras) refs.close(v);
    for (const [, v] of kwExtra) refs.close(v);
    for (const v of owned) refs.close(v);
    refs.close(func);
    s.raise(s.b.TypeError, message);
    return 0;
  };
  for (let i = 0; i < pos.length; i++) {
    if (i < argcount) params[i] = pos[i]!;
    else if ((flags & CO_VARARGS) !== 0) extras.push(pos[i]!);
    else owned.push(pos[i]!);
  }
  if (owned.length > 0) {
    const given = pos.length;
    return bail(
      `${name}() takes ${argcount} positional argument${argcount === 1 ? "" : "s"} but ${given} ${
        given === 1 ? "was" : "were"
      } given`,
    );
  }
  const posonlyPassed: string[] = [];
  for (let k = 0; k < kwNames.length; k++) {
    const kw = kwNames[k]!;
    const value = kwValues[k]!;
    let j = -1;
    for (let p = posonly; p < argcount + kwonly; p++) {
      if (names[p] === kw) {
        j = p;
        break;
      }
    }
    if (j >= 0) {
      if (params[j] !== NULL) {
        owned.push(value, ...kwValues.slice(k + 1));
        return bail(`${name}() got multiple values for argument '${kw}'`);
      }
      params[j] = value;
    } else if ((flags & CO_VARKEYWORDS) !== 0) {
      kwExtra.push([kw, value]);
    } else {
      owned.push(value, ...kwValues.slice(k + 1));
      if (names.slice(0, posonly).includes(kw)) posonlyPassed.push(kw);
      if (posonlyPassed.length > 0) {
        return bail(
          `${name}() got some positional-only arguments passed as keyword arguments: '${posonlyPassed.join(", ")}'`,
        );
      }
      return bail(`${name}() got an unexpected keyword argument '${kw}'`);
    }
  }
  // Defaults for the positional parameters, kwdefaults for the keyword-only ones.
  const defaults = i32[(f + FUNC_DEFAULTS) >> 2]!;
  const ndefaults = defaults === NULL || defaults === 0 ? 0 : tupleLength(s, defaults);
  const missingPos: string[] = [];
  for (let i = 0; i < argcount; i++) {
    if (params[i] !== NULL) continue;
    const d = i - (argcount - ndefaults);
    if (d >= 0) params[i] = refs.asOwned(tupleItem(s, defaults, d));
    else missingPos.push(names[i]!);
  }
  if (missingPos.length > 0) {
    const n = missingPos.length;
    return bail(
      `${name}() missing ${n} required positional argument${n === 1 ? "" : "s"}: ${andList(missingPos)}`,
    );
  }
  const kwdefaults = i32[(f + FUNC_KWDEFAULTS) >> 2]!;
  const missingKw: string[] = [];
  for (let i = argcount; i < argcount + kwonly; i++) {
    if (params[i] !== NULL) continue;
    const v =
      kwdefaults === NULL || kwdefaults === 0
        ? NULL
        : mappingLookup(ts, kwdefaults, s.intern(names[i]!));
    if (v === ERROR) return bail("bad keyword defaults");
    if (v !== NULL) params[i] = v;
    else missingKw.push(names[i]!);
  }
  if (missingKw.length > 0) {
    const n = missingKw.length;
    return bail(
      `${name}() missing ${n} required keyword-only argument${n === 1 ? "" : "s"}: ${andList(missingKw)}`,
    );
  }
  // Stage the positional vector past where the new frame goes, then bind it as CALL does.
  const staged = ts.stagingIndex(code);
  const vector = [...params.slice(0, argcount), ...extras];
  if (!ts.hasStackRoom(staged + vector.length)) {
    for (const v of params.slice(argcount)) if (v !== NULL) refs.close(v);
    for (const [, v] of kwExtra) refs.close(v);
    for (const v of vector) refs.close(v);
    refs.close(func);
    s.raise(s.b.RecursionError, "maximum recursion depth exceeded");
    return 0;
  }
  for (let i = 0; i < vector.length; i++) i32[staged + i] = vector[i]!;
  const newFrame = ts.pushFramePositional(frame, func, staged, vector.length);
  if (newFrame === 0) {
    for (const v of params.slice(argcount)) if (v !== NULL) refs.close(v);
    for (const [, v] of kwExtra) refs.close(v);
    return 0;
  }
  const locals = (newFrame + FRAME_HEADER) >> 2;
  for (let i = argcount; i < argcount + kwonly; i++) i32[locals + i] = params[i]!;
  if ((flags & CO_VARKEYWORDS) !== 0) {
    const d = i32[locals + argcount + kwonly + ((flags & CO_VARARGS) !== 0 ? 1 : 0)]!;
    let err = 0;
    for (const [k, v] of kwExtra) {
      if (err === 0 && s.setItem(d, s.intern(k), v) < 0) err = -1;
      refs.close(v);
    }
    if (err < 0) {
      ts.popFrame(newFrame);
      return 0;
    }
  }
  return newFrame;
}

export function pushFrameKw(
  ts: ThreadState,
  frame: number,
  callable: StackRef,
  first: number,
  total: number,
  kwnames: StackRef,
): number {
  const s = ts.s;
  const i32 = ts.i32;
  const nkw = tupleLength(s, kwnames);
  const npos = total - nkw;
  const pos: StackRef[] = [];
  const values: StackRef[] = [];
  const names: string[] = [];
  for (let i = 0; i < npos; i++) pos.push(i32[first + i]!);
  for (let k = 0; k < nkw; k++) {
    values.push(i32[first + npos + k]!);
    names.push(s.strValue(tupleItem(s, kwnames, k)));
  }
  ts.refs.close(kwnames);
  return bindAndPush(ts, frame, callable, pos, names, values);
}

/** The items of an iterable as owned references, or null; TypeError as CPython words it. */
function starArgs(ts: ThreadState, func: StackRef, callargs: StackRef): StackRef[] | null {
  const s = ts.s;
  if (isTuple(s, callargs) || isList(s, callargs)) {
    const n = s.length(callargs);
    const out: StackRef[] = [];
    for (let i = 0; i < n; i++) out.push(ts.iterSequenceItem(callargs, i));
    return out;
  }
  const it = s.getIter(callargs);
  if (it === ERROR) {
    if (isError(ts, "TypeError")) {
      clearError(ts);
      s.raise(
        s.b.TypeError,
        `${calleeName(ts, func)} argument after * must be an iterable, not ${typeName(ts, callargs)}`,
      );
    }
    return null;
  }
  const out: StackRef[] = [];
  for (;;) {
    const v = ts.iterNext(it);
    if (v === NULL) break;
    if (v === ERROR) {
      for (const o of out) ts.refs.close(o);
      ts.refs.close(it);
      return null;
    }
    out.push(v);
  }
  ts.refs.close(it);
  return out;
}

function calleeName(ts: ThreadState, func: StackRef): string {
  if (ts.isPyFunction(func)) return `${funcName(ts, func)}()`;
  return typeName(ts, func);
}

/** The keywords of a ** mapping: names and owned values, or null. */
function starStarArgs(
  ts: ThreadState,
  func: StackRef,
  kwargs: StackRef,
): { names: string[]; values: StackRef[] } | null {
  const s = ts.s;
  const names: string[] = [];
  const values: StackRef[] = [];
  if (kwargs === NULL) return { names, values };
  if (!isDict(s, kwargs)) {
    s.raise(
      s.b.TypeError,
      `${calleeName(ts, func)} argument after ** must be a mapping, not ${typeName(ts, kwargs)}`,
    );
    return null;
  }
  const keys = s.getIter(kwargs);
  if (keys === ERROR) return null;
  for (;;) {
    const k = ts.iterNext(keys);
    if (k === NULL) break;
    const v = k === ERROR ? ERROR : mappingLookup(ts, kwargs, k);
    if (k === ERROR || v === ERROR || v === NULL) {
      if (k !== ERROR) ts.refs.close(k);
      for (const o of values) ts.refs.close(o);
      ts.refs.close(keys);
      return null;
    }
    if (s.typeOf(k) !== s.b.str) {
      s.raise(s.b.TypeError, "keywords must be strings");
      ts.refs.close(k);
      ts.refs.close(v);
      for (const o of values) ts.refs.close(o);
      ts.refs.close(keys);
      return null;
    }
    names.push(s.strValue(k));
    values.push(v);
    ts.refs.close(k);
  }
  ts.refs.close(keys);
  return { names, values };
}

export function pushFrameEx(
  ts: ThreadState,
  frame: number,
  func: StackRef,
  callargs: StackRef,
  kwargs: StackRef,
): number {
  const pos = starArgs(ts, func, callargs);
  ts.refs.close(callargs);
  const kw = pos === null ? null : starStarArgs(ts, func, kwargs);
  ts.refs.xclose(kwargs);
  if (pos === null || kw === null) {
    if (pos !== null) for (const v of pos) ts.refs.close(v);
    ts.refs.close(func);
    return 0;
  }
  return bindAndPush(ts, frame, func, pos, kw.names, kw.values);
}

export function callFunctionEx(
  ts: ThreadState,
  func: StackRef,
  callargs: StackRef,
  kwargs: StackRef,
): StackRef {
  const s = ts.s;
  const pos = starArgs(ts, func, callargs);
  if (pos === null) return ERROR;
  const kw = starStarArgs(ts, func, kwargs);
  if (kw === null) {
    for (const v of pos) ts.refs.close(v);
    return ERROR;
  }
  let kwnames = NULL;
  if (kw.names.length > 0) {
    kwnames = tupleFromRefs(
      s,
      kw.names.map((n) => s.intern(n)),
    );
  }
  const r = kwnames === ERROR ? ERROR : s.call(func, [...pos, ...kw.values], kwnames);
  for (const v of pos) ts.refs.close(v);
  for (const v of kw.values) ts.refs.close(v);
  if (kwnames !== ERROR) ts.refs.xclose(kwnames);
  return r;
}

export function setFunctionAttribute(
  ts: ThreadState,
  func: StackRef,
  attr: StackRef,
  flag: number,
): void {
  const i32 = ts.i32;
  const f = func & ~TAG_MASK;
  let offset = -1;
  if (flag === 1) offset = FUNC_DEFAULTS;
  else if (flag === 2) offset = FUNC_KWDEFAULTS;
  else if (flag === 4 || flag === 16) offset = FUNC_ANNOTATIONS;
  else if (flag === 8) offset = FUNC_CLOSURE;
  if (offset < 0) {
    ts.refs.close(attr);
    return;
  }
  const old = i32[(f + offset) >> 2]!;
  i32[(f + offset) >> 2] = ts.refs.makeHeapSafe(ts.refs.steal(attr));
  if (old !== NULL && old !== 0) ts.refs.close(old);
}

// ---- intrinsics, with, __init__ ----

/**
 * INTRINSIC_PRINT, the echo of an expression statement in "single" mode (the REPL): what
 * sys.displayhook does by default. Nothing for None; otherwise builtins._ = value and the repr
 * goes through the builtin print, so it reaches sys.stdout like any output.
 */
function interactivePrint(ts: ThreadState, frame: number, value: StackRef): StackRef {
  const s = ts.s;
  if ((value & ~TAG_MASK) === (s.None & ~TAG_MASK)) return s.None;
  const builtins = ts.i32[(frame + FRAME_BUILTINS) >> 2]!;
  if (s.setItem(builtins, s.intern("_"), value) !== 0) return ERROR;
  const text = s.repr(value);
  if (text === ERROR) return ERROR;
  const print = s.dictGetItem(builtins, s.intern("print"));
  if (print === NULL || print === ERROR) {
    ts.refs.close(text);
    return print === NULL ? s.raise(s.b.RuntimeError, "lost builtins.print") : ERROR;
  }
  const r = s.call(print, [text]);
  ts.refs.close(text);
  if (r === ERROR) return ERROR;
  ts.refs.close(r);
  return s.None;
}

export function callIntrinsic1(
  ts: ThreadState,
  frame: number,
  value: StackRef,
  which: number,
): StackRef {
  const s = ts.s;
  switch (which) {
    case 1:
      return interactivePrint(ts, frame, value);
    case 2:
      return importStar(ts, frame, value);
    case 3:
      return stopIterationError(ts, frame, value);
    case 5:
      return s.unaryOp(value, UnaryOp.POSITIVE);
    case 6: {
      const n = listLength(s, value);
      const base = listItemsBase(s, value);
      const items: StackRef[] = [];
      for (let i = 0; i < n; i++) items.push(ts.refs.asOwned(ts.i32[base + i]!));
      return tupleFromRefs(s, items);
    }
    case 7:
    case 8:
    case 9:
    case 10:
    case 11:
      return callTypingHelper(ts, frame, TYPING_INTRINSICS_1[which - 7]!, [value]);
  }
  return s.raise(s.b.SystemError, `CALL_INTRINSIC_1 ${which} is not supported yet`);
}

// PEP 695 (`def f[T]`, `class C[T]`, `type X = ...`): the objects are typing's, made by its
// _intrinsic_* functions (typing is imported through the frame's __import__).
const TYPING_INTRINSICS_1 = [
  "_intrinsic_typevar",
  "_intrinsic_paramspec",
  "_intrinsic_typevartuple",
  "_intrinsic_subscript_generic",
  "_intrinsic_typealias",
];
const TYPING_INTRINSICS_2: Record<number, string> = {
  2: "_intrinsic_typevar_with_bound",
  3: "_intrinsic_typevar_with_constraints",
  4: "_intrinsic_set_function_type_params",
  5: "_intrinsic_set_typeparam_default",
};

function callTypingHelper(
  ts: ThreadState,
  frame: number,
  name: string,
  args: StackRef[],
): StackRef {
  const s = ts.s;
  const imp = mappingLookup(ts, ts.i32[(frame + FRAME_BUILTINS) >> 2]!, s.intern("__import__"));
  if (imp === ERROR) return ERROR;
  if (imp === NULL) return s.raise(s.b.ImportError, "__import__ not found");
  const typing = s.call(imp, [s.intern("typing"), s.None, s.None, s.None, tagInt(0)]);
  ts.refs.close(imp);
  if (typing === ERROR) return ERROR;
  const fn = s.getAttr(typing, s.intern(name));
  ts.refs.close(typing);
  if (fn === ERROR) return ERROR;
  const r = s.call(fn, args);
  ts.refs.close(fn);
  return r;
}

function importStar(ts: ThreadState, frame: number, module: StackRef): StackRef {
  const s = ts.s;
  const locals = ts.i32[(frame + FRAME_LOCALS) >> 2]!;
  if (locals === 0) return s.raise(s.b.SystemError, "no locals found during 'import *'");
  let names: StackRef[] | null = null;
  const all = s.getAttr(module, s.intern("__all__"));
  if (all !== ERROR) {
    names = [];
    const n = s.length(all);
    for (let i = 0; i < n; i++) {
      const k = s.getItem(all, intRef(ts, i));
      if (k === ERROR) break;
      names.push(k);
    }
    ts.refs.close(all);
  } else {
    clearError(ts);
    const d = s.getAttr(module, s.intern("__dict__"));
    if (d === ERROR) return ERROR;
    const it = s.getIter(d);
    names = [];
    for (;;) {
      const k = it === ERROR ? NULL : ts.iterNext(it);
      if (k === NULL || k === ERROR) break;
      if (s.strValue(k).startsWith("_")) ts.refs.close(k);
      else names.push(k);
    }
    if (it !== ERROR) ts.refs.close(it);
    ts.refs.close(d);
  }
  for (const k of names) {
    const v = s.getAttr(module, k);
    const err = v === ERROR ? -1 : s.setItem(locals, k, v);
    if (v !== ERROR) ts.refs.close(v);
    ts.refs.close(k);
    if (err < 0) return ERROR;
  }
  return s.None;
}

export function callIntrinsic2(
  ts: ThreadState,
  frame: number,
  value2: StackRef,
  value1: StackRef,
  which: number,
): StackRef {
  const helper = TYPING_INTRINSICS_2[which];
  if (helper !== undefined) return callTypingHelper(ts, frame, helper, [value2, value1]);
  return ts.s.raise(ts.s.b.SystemError, `CALL_INTRINSIC_2 ${which} is not supported yet`);
}

export function exitInitCheck(ts: ThreadState, value: StackRef): number {
  const s = ts.s;
  if (value === s.None) return 0;
  s.raise(s.b.TypeError, `__init__() should return None, not '${typeName(ts, value)}'`);
  return -1;
}

export function withExceptStart(
  ts: ThreadState,
  exitFunc: StackRef,
  exitSelf: StackRef,
  val: StackRef,
): StackRef {
  const s = ts.s;
  let tb = excField(s, val, EXC_TRACEBACK);
  if (tb === NULL || tb === 0) tb = s.None;
  const args = [typeRef(ts, val), val, tb];
  return s.call(exitFunc, exitSelf === NULL ? args : [exitSelf, ...args]);
}

// ---- building ----

export function unpackEx(
  ts: ThreadState,
  seq: StackRef,
  before: number,
  after: number,
  dest: number,
): number {
  const s = ts.s;
  const items = starArgsPlain(ts, seq);
  ts.refs.close(seq);
  if (items === null) return -1;
  if (items.length < before + after) {
    for (const v of items) ts.refs.close(v);
    s.raise(
      s.b.ValueError,
      `not enough values to unpack (expected at least ${before + after}, got ${items.length})`,
    );
    return -1;
  }
  const middle = items.slice(before, items.length - after);
  const list = listFromRefs(s, middle);
  if (list === ERROR) {
    for (const v of items.slice(0, before)) ts.refs.close(v);
    for (const v of items.slice(items.length - after)) ts.refs.close(v);
    return -1;
  }
  const out = [...items.slice(0, before), list, ...items.slice(items.length - after)];
  const n = out.length;
  for (let i = 0; i < n; i++) ts.i32[dest + n - 1 - i] = out[i]!;
  return 0;
}

function starArgsPlain(ts: ThreadState, seq: StackRef): StackRef[] | null {
  const s = ts.s;
  const it = s.getIter(seq);
  if (it === ERROR) {
    if (isError(ts, "TypeError")) {
      clearError(ts);
      s.raise(s.b.TypeError, `cannot unpack non-iterable ${typeName(ts, seq)} object`);
    }
    return null;
  }
  const out: StackRef[] = [];
  for (;;) {
    const v = ts.iterNext(it);
    if (v === NULL) break;
    if (v === ERROR) {
      for (const o of out) ts.refs.close(o);
      ts.refs.close(it);
      return null;
    }
    out.push(v);
  }
  ts.refs.close(it);
  return out;
}

export function buildSet(ts: ThreadState, first: number, n: number): StackRef {
  const s = ts.s;
  const set = newSetOfType(s, s.b.set!);
  let result = set;
  for (let i = 0; i < n; i++) {
    const v = ts.i32[first + i]!;
    if (result !== ERROR && setAddItem(s, set, v) < 0) {
      ts.refs.close(set);
      result = ERROR;
    }
    ts.refs.close(v);
  }
  return result;
}

export function buildString(ts: ThreadState, first: number, n: number): StackRef {
  const s = ts.s;
  let text = "";
  for (let i = 0; i < n; i++) text += s.strValue(ts.i32[first + i]!);
  return s.newStr(text);
}

export function setAdd(ts: ThreadState, set: StackRef, v: StackRef): number {
  return setAddItem(ts.s, set, v);
}

export function setUpdate(ts: ThreadState, set: StackRef, iterable: StackRef): number {
  return setUpdateFrom(ts.s, set, iterable);
}

export function mapAdd(ts: ThreadState, dict: StackRef, key: StackRef, value: StackRef): number {
  return ts.s.setItem(dict, key, value);
}

export function listExtend(ts: ThreadState, list: StackRef, iterable: StackRef): number {
  const s = ts.s;
  const items = starArgsPlain(ts, iterable);
  if (items === null) {
    if (isError(ts, "TypeError")) {
      clearError(ts);
      s.raise(s.b.TypeError, `Value after * must be an iterable, not ${typeName(ts, iterable)}`);
    }
    return -1;
  }
  for (const v of items) if (listAppend(s, list, v) < 0) return -1;
  return 0;
}

function mergeInto(
  ts: ThreadState,
  dict: StackRef,
  update: StackRef,
  onDuplicate: ((key: StackRef) => void) | null,
): number {
  const s = ts.s;
  if (!isDict(s, update)) {
    const keysMethod = s.getAttr(update, s.intern("keys"));
    if (keysMethod === ERROR) {
      clearError(ts);
      s.raise(s.b.TypeError, `'${typeName(ts, update)}' object is not a mapping`);
      return -1;
    }
    ts.refs.close(keysMethod);
  }
  const keys = isDict(s, update)
    ? s.getIter(update)
    : (() => {
        const m = s.getAttr(update, s.intern("keys"));
        if (m === ERROR) return ERROR;
        const ks = s.call(m, []);
        ts.refs.close(m);
        if (ks === ERROR) return ERROR;
        const it = s.getIter(ks);
        ts.refs.close(ks);
        return it;
      })();
  if (keys === ERROR) return -1;
  let result = 0;
  for (;;) {
    const k = ts.iterNext(keys);
    if (k === NULL) break;
    if (k === ERROR) {
      result = -1;
      break;
    }
    if (onDuplicate !== null) {
      const existing = mappingLookup(ts, dict, k);
      if (existing !== NULL) {
        if (existing !== ERROR) {
          ts.refs.close(existing);
          onDuplicate(k);
        }
        ts.refs.close(k);
        result = -1;
        break;
      }
    }
    const v = isDict(s, update) ? mappingLookup(ts, update, k) : s.getItem(update, k);
    const err = v === ERROR || v === NULL ? -1 : s.setItem(dict, k, v);
    if (v !== ERROR && v !== NULL) ts.refs.close(v);
    ts.refs.close(k);
    if (err < 0) {
      result = -1;
      break;
    }
  }
  ts.refs.close(keys);
  return result;
}

export function dictUpdate(ts: ThreadState, dict: StackRef, update: StackRef): number {
  return mergeInto(ts, dict, update, null);
}

export function dictMerge(
  ts: ThreadState,
  callable: StackRef,
  dict: StackRef,
  update: StackRef,
): number {
  const s = ts.s;
  if (!isDict(s, update)) {
    const m = s.getAttr(update, s.intern("keys"));
    if (m === ERROR) {
      clearError(ts);
      s.raise(
        s.b.TypeError,
        `${calleeName(ts, callable)} argument after ** must be a mapping, not ${typeName(ts, update)}`,
      );
      return -1;
    }
    ts.refs.close(m);
  }
  return mergeInto(ts, dict, update, (key) => {
    const k = s.typeOf(key) === s.b.str ? s.strValue(key) : null;
    if (k === null) s.raise(s.b.TypeError, "keywords must be strings");
    else
      s.raise(
        s.b.TypeError,
        `${calleeName(ts, callable)} got multiple values for keyword argument '${k}'`,
      );
  });
}

// ---- strings ----

export function formatWithSpec(ts: ThreadState, value: StackRef, spec: StackRef): StackRef {
  const s = ts.s;
  // __format__ of the value's type, never of the instance (a class formats as type does).
  const r = callSpecial(s, value, "__format__", [spec]);
  if (r === NULL) {
    return s.raise(s.b.TypeError, `Type ${typeName(ts, value)} doesn't define __format__`);
  }
  if (r !== ERROR && s.typeOf(r) !== s.b.str && !s.isInstance(r, s.b.str)) {
    ts.refs.close(r);
    return s.raise(s.b.TypeError, `__format__ must return a str, not ${typeName(ts, r)}`);
  }
  return r;
}

export function formatSimple(ts: ThreadState, value: StackRef): StackRef {
  const s = ts.s;
  if (s.typeOf(value) === s.b.str) return ts.refs.asOwned(value);
  return formatWithSpec(ts, value, s.intern(""));
}

export function convertValue(ts: ThreadState, value: StackRef, which: number): StackRef {
  const s = ts.s;
  if (which === 1) return s.str(value);
  if (which === 2) return s.repr(value);
  if (which === 3) {
    const r = s.repr(value);
    if (r === ERROR) return ERROR;
    const text = s.strValue(r);
    let out = "";
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      if (cp < 0x80) out += ch;
      else if (cp <= 0xff) out += `\\x${cp.toString(16).padStart(2, "0")}`;
      else if (cp <= 0xffff) out += `\\u${cp.toString(16).padStart(4, "0")}`;
      else out += `\\U${cp.toString(16).padStart(8, "0")}`;
    }
    ts.refs.close(r);
    return s.newStr(out);
  }
  return s.raise(s.b.SystemError, `bad CONVERT_VALUE oparg ${which}`);
}

// ---- imports ----

export function importName(
  ts: ThreadState,
  frame: number,
  index: number,
  level: StackRef,
  fromlist: StackRef,
): StackRef {
  const s = ts.s;
  const i32 = ts.i32;
  const imp = mappingLookup(ts, i32[(frame + FRAME_BUILTINS) >> 2]!, s.intern("__import__"));
  if (imp === ERROR) return ERROR;
  if (imp === NULL) return s.raise(s.b.ImportError, "__import__ not found");
  const locals = i32[(frame + FRAME_LOCALS) >> 2]!;
  const r = s.call(imp, [
    nameAt(ts, frame, index),
    i32[(frame + FRAME_GLOBALS) >> 2]! | 1,
    locals === 0 ? s.None : locals | 1,
    fromlist,
    level,
  ]);
  ts.refs.close(imp);
  return r;
}

export function importFrom(
  ts: ThreadState,
  frame: number,
  index: number,
  module: StackRef,
): StackRef {
  const s = ts.s;
  const name = nameAt(ts, frame, index);
  const r = s.getAttr(module, name);
  if (r !== ERROR || !isError(ts, "AttributeError")) return r;
  clearError(ts);
  const modName = s.getAttr(module, s.intern("__name__"));
  let text = "<unknown module name>";
  if (modName !== ERROR) {
    if (s.typeOf(modName) === s.b.str) text = s.strValue(modName);
    ts.refs.close(modName);
  } else clearError(ts);
  // CPython's import_from: the file, and whether the module is still running its code.
  const strAttr = (o: StackRef, attr: string): string | null => {
    const v = s.getAttr(o, s.intern(attr));
    if (v === ERROR) {
      clearError(ts);
      return null;
    }
    const out = s.typeOf(v) === s.b.str ? s.strValue(v) : null;
    ts.refs.close(v);
    return out;
  };
  const file = strAttr(module, "__file__");
  let initializing = false;
  const spec = s.getAttr(module, s.intern("__spec__"));
  if (spec === ERROR) clearError(ts);
  else {
    const flag = s.getAttr(spec, s.intern("_initializing"));
    if (flag === ERROR) clearError(ts);
    else {
      initializing = s.isTrue(flag) === 1;
      ts.refs.close(flag);
    }
    ts.refs.close(spec);
  }
  const what = `cannot import name '${s.strValue(name)}' from`;
  s.raise(
    s.b.ImportError,
    initializing
      ? `${what} partially initialized module '${text}' (most likely due to a circular import) (${file ?? "unknown location"})`
      : `${what} '${text}' (${file ?? "unknown location"})`,
  );
  const exc = s.fetchException();
  for (const [attr, value] of [
    ["name", text],
    ["path", file],
  ] as const) {
    const v = value === null ? s.None : s.newStr(value);
    if (s.setAttr(exc, s.intern(attr), v) < 0) clearError(ts);
    ts.refs.close(v);
  }
  s.setException(exc);
  return ERROR;
}

// ---- pattern matching ----

export function matchMapping(ts: ThreadState, subject: StackRef): boolean {
  return (subject & TAG_MASK) !== TAG_INT && isDict(ts.s, subject);
}

export function matchSequence(ts: ThreadState, subject: StackRef): boolean {
  if ((subject & TAG_MASK) === TAG_INT) return false;
  const s = ts.s;
  return isList(s, subject) || isTuple(s, subject) || s.typeAddrOf(subject) === s.b.range.addr;
}

export function matchKeys(ts: ThreadState, subject: StackRef, keys: StackRef): StackRef {
  const s = ts.s;
  const n = tupleLength(s, keys);
  const values: StackRef[] = [];
  for (let i = 0; i < n; i++) {
    const v = mappingLookup(ts, subject, tupleItem(s, keys, i));
    if (v === ERROR || v === NULL) {
      for (const o of values) ts.refs.close(o);
      return v === ERROR ? ERROR : s.None;
    }
    values.push(v);
  }
  return tupleFromRefs(s, values);
}

/** Builtin types whose instances match a single positional sub-pattern themselves. */
const MATCH_SELF = new Set([
  "bool",
  "bytearray",
  "bytes",
  "dict",
  "float",
  "frozenset",
  "int",
  "list",
  "set",
  "str",
  "tuple",
]);

export function matchClass(
  ts: ThreadState,
  subject: StackRef,
  type: StackRef,
  names: StackRef,
  nargs: number,
): StackRef {
  const s = ts.s;
  if (
    (type & TAG_MASK) === TAG_INT ||
    (s.typeOf(type) !== s.b.type && !s.isInstance(type, s.b.type))
  ) {
    return s.raise(s.b.TypeError, "called match pattern must be a class");
  }
  const cls = s.typeFromAddr(type & ~TAG_MASK);
  if (!s.typeOf(subject).isSubtypeOf(cls)) return s.None;
  const attrs: StackRef[] = [];
  const seen = new Set<string>();
  const bail = (): StackRef => {
    for (const a of attrs) ts.refs.close(a);
    return ERROR;
  };
  const noMatch = (): StackRef => {
    for (const a of attrs) ts.refs.close(a);
    return s.None;
  };
  const getAttrOrNone = (name: StackRef): StackRef | null => {
    const v = s.getAttr(subject, name);
    if (v !== ERROR) return v;
    if (isError(ts, "AttributeError")) {
      clearError(ts);
      return null;
    }
    return ERROR;
  };
  if (nargs > 0) {
    const matchArgs = s.getAttr(type, s.intern("__match_args__"));
    if (matchArgs === ERROR) {
      if (!isError(ts, "AttributeError")) return ERROR;
      clearError(ts);
      if (nargs === 1 && !cls.heap && MATCH_SELF.has(cls.name)) {
        attrs.push(ts.refs.asOwned(subject));
      } else {
        const allowed = !cls.heap && MATCH_SELF.has(cls.name) ? 1 : 0;
        s.raise(
          s.b.TypeError,
          `${cls.name}() accepts ${allowed} positional sub-pattern${allowed === 1 ? "" : "s"} (${nargs} given)`,
        );
        return ERROR;
      }
    } else {
      if (!isTuple(s, matchArgs)) {
        ts.refs.close(matchArgs);
        s.raise(
          s.b.TypeError,
          `${cls.name}.__match_args__ must be a tuple (got ${typeName(ts, matchArgs)})`,
        );
        return ERROR;
      }
      const allowed = tupleLength(s, matchArgs);
      if (nargs > allowed) {
        ts.refs.close(matchArgs);
        s.raise(
          s.b.TypeError,
          `${cls.name}() accepts ${allowed} positional sub-pattern${allowed === 1 ? "" : "s"} (${nargs} given)`,
        );
        return ERROR;
      }
      for (let i = 0; i < nargs; i++) {
        const name = tupleItem(s, matchArgs, i);
        if (s.typeOf(name) !== s.b.str) {
          ts.refs.close(matchArgs);
          s.raise(
            s.b.TypeError,
            `__match_args__ elements must be strings (got ${typeName(ts, name)})`,
          );
          return bail();
        }
        seen.add(s.strValue(name));
        const v = getAttrOrNone(name);
        if (v === ERROR) {
          ts.refs.close(matchArgs);
          return bail();
        }
        if (v === null) {
          ts.refs.close(matchArgs);
          return noMatch();
        }
        attrs.push(v);
      }
      ts.refs.close(matchArgs);
    }
  }
  const nkw = tupleLength(s, names);
  for (let i = 0; i < nkw; i++) {
    const name = tupleItem(s, names, i);
    const text = s.strValue(name);
    if (seen.has(text)) {
      s.raise(s.b.TypeError, `${cls.name}() got multiple sub-patterns for attribute '${text}'`);
      return bail();
    }
    seen.add(text);
    const v = getAttrOrNone(name);
    if (v === ERROR) return bail();
    if (v === null) return noMatch();
    attrs.push(v);
  }
  return tupleFromRefs(s, attrs);
}
