// Every bytecode and micro-op of Skein, once (CPython's Python/bytecodes.c, in TypeScript).
// Read by packages/bytecode/codegen; never imported at runtime. Names, stack effects, oparg
// meanings and inline cache sizes are CPython 3.14's. See README.md for the language.
import { inst, macro, op, pseudo } from "./dsl.js";
import {
  ADAPTIVE_COUNTER_TRIGGERS,
  ADVANCE_ADAPTIVE_COUNTER,
  addTaggedInts,
  CHECK_EVAL_BREAKER,
  close,
  DEAD,
  DECREF_INPUTS,
  DEOPT_IF,
  DISPATCH,
  DISPATCH_SAME_OPARG,
  dup,
  ENTER_FRAME,
  ERROR,
  ERROR_IF,
  ERROR_NO_POP,
  EXIT_IF,
  evalBreaker,
  executor,
  FRAME_CODE,
  FRAME_INSTR,
  FRAME_IP,
  f64,
  frame,
  GETLOCAL,
  GOTO_EXCEPTION_UNWIND,
  i32,
  isNull,
  isTaggedInt,
  JUMP_TO_TOP,
  JUMPBY,
  LEAVE_FRAME,
  LIST_ITEMS,
  LIST_LENGTH,
  makeHeapSafe,
  mulTaggedInts,
  NULL,
  nextInstr,
  oparg,
  PY_FALSE,
  PY_NONE,
  PY_TRUE,
  RANGEITER_LEFT,
  RANGEITER_NEXT,
  RANGEITER_STEP,
  RESUME_FRAME,
  SET_FRAME_INSTR,
  SETLOCAL_NO_CLOSE,
  same,
  subTaggedInts,
  TUPLE_ITEMS,
  TUPLE_LENGTH,
  tagInt,
  thisInstr,
  ts,
  untagInt,
  xclose,
} from "./env.js";

// --- no-ops and control ------------------------------------------------------------------------

inst("NOP", "--", () => {}, { pure: true });

inst("NOT_TAKEN", "--", () => {}, { pure: true });

// Cache units are never executed; the dispatch loop treats CACHE as a bug, like CPython.
inst("CACHE", "--", () => {});

// The loop itself handles EXTENDED_ARG (it shifts oparg and re-dispatches the next unit).
inst("EXTENDED_ARG", "--", () => {
  void oparg;
});

op("_CHECK_PERIODIC_IF_NOT_YIELD_FROM", "--", () => {
  // RESUME_AFTER_YIELD_FROM: (oparg & 3) === 2 does not check the eval breaker.
  if ((oparg & 3) < 2) {
    CHECK_EVAL_BREAKER();
  }
});

macro("RESUME", "_CHECK_PERIODIC_IF_NOT_YIELD_FROM", { hot: true });

op("_CHECK_PERIODIC", "--", () => {
  CHECK_EVAL_BREAKER();
});

// --- locals and constants ----------------------------------------------------------------------

inst(
  "LOAD_FAST",
  "-- value",
  ($) => {
    $.value = dup(GETLOCAL(oparg));
  },
  { pure: true, replicate: 8 },
);

inst(
  "LOAD_FAST_BORROW",
  "-- value",
  ($) => {
    $.value = GETLOCAL(oparg) | 1;
  },
  { pure: true, replicate: 8 },
);

inst("LOAD_FAST_CHECK", "-- value", ($) => {
  const v = GETLOCAL(oparg);
  if (v === NULL) {
    ts.raiseUnboundLocal(frame, oparg);
    ERROR_NO_POP();
  }
  $.value = dup(v);
});

inst(
  "STORE_FAST",
  "value --",
  ($) => {
    const old = GETLOCAL(oparg);
    SETLOCAL_NO_CLOSE(oparg, $.value);
    DEAD($.value);
    xclose(old);
  },
  { replicate: 8, hot: true },
);

inst(
  "LOAD_CONST",
  "-- value",
  ($) => {
    $.value = ts.loadConst(frame, oparg);
  },
  { pure: true },
);

inst(
  "LOAD_SMALL_INT",
  "-- value",
  ($) => {
    $.value = tagInt(oparg);
  },
  { pure: true, replicate: 4 },
);

inst(
  "POP_TOP",
  "value --",
  () => {
    DECREF_INPUTS();
  },
  { hot: true },
);

inst(
  "PUSH_NULL",
  "-- res",
  ($) => {
    $.res = NULL;
  },
  { pure: true },
);

inst(
  "COPY",
  "bottom, unused[oparg-1] -- bottom, unused[oparg-1], top",
  ($) => {
    $.top = dup($.bottom);
  },
  { pure: true },
);

inst("SWAP", "bottom, unused[oparg-2], top -- top, unused[oparg-2], bottom", () => {}, {
  pure: true,
});

// --- names -------------------------------------------------------------------------------------

inst("LOAD_NAME", "-- v", ($) => {
  const r = ts.loadName(frame, oparg);
  ERROR_IF(r === ERROR);
  $.v = r;
});

inst("STORE_NAME", "v --", ($) => {
  const err = ts.storeName(frame, oparg, $.v);
  DECREF_INPUTS();
  ERROR_IF(err !== 0);
});

inst("STORE_GLOBAL", "v --", ($) => {
  const err = ts.storeGlobal(frame, oparg, $.v);
  DECREF_INPUTS();
  ERROR_IF(err !== 0);
});

op("_LOAD_GLOBAL", "-- res", ($) => {
  const r = ts.loadGlobal(frame, oparg >> 1);
  ERROR_IF(r === ERROR);
  $.res = r;
});

op("_PUSH_NULL_CONDITIONAL", "-- null[oparg & 1]", ($) => {
  if (oparg & 1) {
    i32[$.null] = NULL;
  }
});

macro(
  "LOAD_GLOBAL",
  "_SPECIALIZE_LOAD_GLOBAL + unused/1 + unused/1 + unused/1 + _LOAD_GLOBAL + _PUSH_NULL_CONDITIONAL",
  {
    hot: true,
  },
);

// --- operators ---------------------------------------------------------------------------------

inst("UNARY_NEGATIVE", "value -- res", ($) => {
  const r = ts.unaryNegative($.value);
  DECREF_INPUTS();
  ERROR_IF(r === ERROR);
  $.res = r;
});

inst(
  "UNARY_NOT",
  "value -- res",
  ($) => {
    const r = $.value === PY_FALSE ? PY_TRUE : PY_FALSE;
    DEAD($.value);
    $.res = r;
  },
  { pure: true },
);

op(
  "_SPECIALIZE_BINARY_OP",
  "counter/1, lhs, rhs -- lhs, rhs",
  ($) => {
    if (ADAPTIVE_COUNTER_TRIGGERS($.counter)) {
      ts.specializeBinaryOp(thisInstr, $.lhs, $.rhs, oparg);
      DISPATCH_SAME_OPARG();
    }
    ADVANCE_ADAPTIVE_COUNTER(thisInstr + 1);
  },
  { specializing: true, tier: 1 },
);

op("_BINARY_OP", "lhs, rhs -- res", ($) => {
  const r = ts.binaryOp($.lhs, $.rhs, oparg);
  DECREF_INPUTS();
  ERROR_IF(r === ERROR);
  $.res = r;
});

macro("BINARY_OP", "_SPECIALIZE_BINARY_OP + unused/4 + _BINARY_OP");

op(
  "_GUARD_TOS_INT",
  "value -- value",
  ($) => {
    EXIT_IF(!isTaggedInt($.value));
  },
  { guard: true },
);

op(
  "_GUARD_NOS_INT",
  "left, unused -- left, unused",
  ($) => {
    EXIT_IF(!isTaggedInt($.left));
  },
  { guard: true },
);

op(
  "_BINARY_OP_ADD_INT",
  "left, right -- res",
  ($) => {
    const r = addTaggedInts($.left, $.right);
    DEOPT_IF(r === ERROR);
    DEAD($.left);
    DEAD($.right);
    $.res = r;
  },
  { pure: true },
);

op(
  "_BINARY_OP_SUBTRACT_INT",
  "left, right -- res",
  ($) => {
    const r = subTaggedInts($.left, $.right);
    DEOPT_IF(r === ERROR);
    DEAD($.left);
    DEAD($.right);
    $.res = r;
  },
  { pure: true },
);

op(
  "_BINARY_OP_MULTIPLY_INT",
  "left, right -- res",
  ($) => {
    const r = mulTaggedInts($.left, $.right);
    DEOPT_IF(r === ERROR);
    DEAD($.left);
    DEAD($.right);
    $.res = r;
  },
  { pure: true },
);

macro("BINARY_OP_ADD_INT", "_GUARD_TOS_INT + _GUARD_NOS_INT + unused/5 + _BINARY_OP_ADD_INT");
macro(
  "BINARY_OP_SUBTRACT_INT",
  "_GUARD_TOS_INT + _GUARD_NOS_INT + unused/5 + _BINARY_OP_SUBTRACT_INT",
);
macro(
  "BINARY_OP_MULTIPLY_INT",
  "_GUARD_TOS_INT + _GUARD_NOS_INT + unused/5 + _BINARY_OP_MULTIPLY_INT",
);

// The family and its float members: defs/specialized.ts.

op("_COMPARE_OP", "left, right -- res", ($) => {
  const r = ts.compareOp($.left, $.right, oparg >> 5);
  DECREF_INPUTS();
  ERROR_IF(r === ERROR);
  if (oparg & 16) {
    const b = ts.toBool(r);
    close(r);
    ERROR_IF(b < 0);
    $.res = b ? PY_TRUE : PY_FALSE;
  } else {
    $.res = r;
  }
});

macro("COMPARE_OP", "_SPECIALIZE_COMPARE_OP + _COMPARE_OP");

op("_TO_BOOL", "value -- res", ($) => {
  const b = ts.toBool($.value);
  DECREF_INPUTS();
  ERROR_IF(b < 0);
  $.res = b ? PY_TRUE : PY_FALSE;
});

macro("TO_BOOL", "_SPECIALIZE_TO_BOOL + unused/2 + _TO_BOOL");

inst(
  "IS_OP",
  "left, right -- b",
  ($) => {
    const r = same($.left, $.right) !== (oparg === 1);
    DECREF_INPUTS();
    $.b = r ? PY_TRUE : PY_FALSE;
  },
  { hot: true },
);

op("_CONTAINS_OP", "left, right -- b", ($) => {
  const r = ts.containsOp($.right, $.left);
  DECREF_INPUTS();
  ERROR_IF(r < 0);
  $.b = (r ^ oparg) !== 0 ? PY_TRUE : PY_FALSE;
});

macro("CONTAINS_OP", "_SPECIALIZE_CONTAINS_OP + _CONTAINS_OP");

// --- jumps -------------------------------------------------------------------------------------

op("_POP_JUMP_IF_FALSE", "cond --", ($) => {
  const flag = $.cond === PY_FALSE;
  DEAD($.cond);
  if (flag) {
    JUMPBY(oparg);
  }
});

op("_POP_JUMP_IF_TRUE", "cond --", ($) => {
  const flag = $.cond === PY_TRUE;
  DEAD($.cond);
  if (flag) {
    JUMPBY(oparg);
  }
});

op(
  "_IS_NONE",
  "value -- b",
  ($) => {
    if ($.value === PY_NONE) {
      DEAD($.value);
      $.b = PY_TRUE;
    } else {
      close($.value);
      $.b = PY_FALSE;
    }
  },
  { pure: true },
);

macro("POP_JUMP_IF_FALSE", "unused/1 + _POP_JUMP_IF_FALSE", { hot: true });
macro("POP_JUMP_IF_TRUE", "unused/1 + _POP_JUMP_IF_TRUE", { hot: true });
macro("POP_JUMP_IF_NONE", "unused/1 + _IS_NONE + _POP_JUMP_IF_TRUE");
macro("POP_JUMP_IF_NOT_NONE", "unused/1 + _IS_NONE + _POP_JUMP_IF_FALSE");

inst("JUMP_FORWARD", "--", () => {
  JUMPBY(oparg);
});

inst("JUMP_BACKWARD_NO_INTERRUPT", "--", () => {
  JUMPBY(-oparg);
});

// A backward jump counts down its cache's adaptive counter; when it triggers, the JIT driver may
// start recording a trace at the loop head (the jump's target), and then the loop returns so that
// the tracing loop resumes there (DESIGN.md section 5.2). With no JIT, the driver backs the counter
// off to its maximum, so a loop pays one call per 4096 iterations at most.
op(
  "_JIT",
  "counter/1 --",
  ($) => {
    if (ADAPTIVE_COUNTER_TRIGGERS($.counter)) {
      const r = ts.jitBackedge(frame, thisInstr, nextInstr);
      if (r !== 0) {
        RESUME_FRAME(r);
      }
    } else {
      ADVANCE_ADAPTIVE_COUNTER(thisInstr + 1);
    }
  },
  { tier: 1 },
);

macro("JUMP_BACKWARD", "_CHECK_PERIODIC + JUMP_BACKWARD_NO_INTERRUPT + _JIT", { hot: true });

// Installed over a hot JUMP_BACKWARD: runs the executor whose trace starts at the loop head, then
// resumes tier 1 wherever the executor left (another frame, an exception to unwind, or the tracing
// loop when a hot side exit starts a new recording). The driver handles the eval breaker first.
inst(
  "ENTER_EXECUTOR",
  "--",
  () => {
    const r = ts.enterExecutor(frame, thisInstr, oparg);
    RESUME_FRAME(r);
  },
  { tier: 1 },
);

// --- iteration (3.14: list and tuple iterate by an index kept on the stack) ---------------------

inst("GET_ITER", "iterable -- iter, index_or_null", ($) => {
  if (ts.isListOrTuple($.iterable)) {
    $.iter = makeHeapSafe($.iterable);
    DEAD($.iterable);
    $.index_or_null = tagInt(0);
  } else {
    const it = ts.getIter($.iterable);
    close($.iterable);
    ERROR_IF(it === ERROR);
    $.iter = it;
    $.index_or_null = NULL;
  }
});

op("_FOR_ITER", "iter, null_or_index -- iter, null_or_index, next", ($) => {
  if (isTaggedInt($.null_or_index)) {
    const i = untagInt($.null_or_index);
    const item = ts.iterSequenceItem($.iter, i);
    if (item === NULL) {
      // Exhausted: skip the END_FOR after the jump target (CPython 3.14).
      JUMPBY(oparg + 1);
      DISPATCH();
    }
    $.null_or_index = tagInt(i + 1);
    $.next = item;
  } else {
    if (ts.isResumableGen($.iter)) {
      // A generator: run its frame in this loop (CPython's FOR_ITER_GEN). When it returns, the
      // caller continues at the END_FOR, which pops the return value.
      const genFrame = ts.pushGenFrame(frame, $.iter, PY_NONE, nextInstr + oparg);
      ERROR_IF(genFrame === 0);
      ENTER_FRAME(genFrame);
    }
    const item = ts.iterNext($.iter);
    ERROR_IF(item === ERROR);
    if (item === NULL) {
      JUMPBY(oparg + 1);
      DISPATCH();
    }
    $.next = item;
  }
});

macro("FOR_ITER", "_SPECIALIZE_FOR_ITER + _FOR_ITER", { hot: true });

inst("END_FOR", "value --", () => {
  DECREF_INPUTS();
});

inst("POP_ITER", "iter, index_or_null --", () => {
  DECREF_INPUTS();
});

// --- calls and functions -----------------------------------------------------------------------

op("_CALL", "callable, self_or_null, args[oparg] -- res", ($) => {
  let first = $.args;
  let total = oparg;
  if (!isNull($.self_or_null)) {
    first = first - 1;
    total = total + 1;
  }
  if (ts.isPyFunction($.callable)) {
    const newFrame = ts.pushFrame(frame, $.callable, first, total);
    DEAD($.args);
    DEAD($.self_or_null);
    DEAD($.callable);
    ERROR_IF(newFrame === 0);
    ENTER_FRAME(newFrame);
  }
  const r = ts.call($.callable, first, total);
  DECREF_INPUTS();
  ERROR_IF(r === ERROR);
  $.res = r;
});

// A bound method becomes its function with self in the NULL slot, so a Python method call
// pushes a frame like a function call (CPython's _MAYBE_EXPAND_METHOD).
op(
  "_MAYBE_EXPAND_METHOD",
  "callable, self_or_null, unused[oparg] -- callable, self_or_null, unused[oparg]",
  ($) => {
    if (isNull($.self_or_null) && ts.isBoundMethod($.callable)) {
      const method = $.callable;
      $.self_or_null = ts.methodSelf(method);
      $.callable = ts.methodFunc(method);
      close(method);
    }
  },
);

macro("CALL", "_SPECIALIZE_CALL + unused/2 + _MAYBE_EXPAND_METHOD + _CALL");

inst("MAKE_FUNCTION", "codeobj -- func", ($) => {
  const r = ts.makeFunction(frame, $.codeobj);
  DECREF_INPUTS();
  ERROR_IF(r === ERROR);
  $.func = r;
});

inst("RETURN_VALUE", "retval -- res", ($) => {
  const v = makeHeapSafe($.retval);
  DEAD($.retval);
  LEAVE_FRAME(v);
});

// --- building ----------------------------------------------------------------------------------

inst("BUILD_LIST", "values[oparg] -- list", ($) => {
  const r = ts.buildList($.values, oparg);
  DEAD($.values);
  ERROR_IF(r === ERROR);
  $.list = r;
});

inst("BUILD_TUPLE", "values[oparg] -- tup", ($) => {
  const r = ts.buildTuple($.values, oparg);
  DEAD($.values);
  ERROR_IF(r === ERROR);
  $.tup = r;
});

inst("BUILD_MAP", "values[oparg*2] -- map", ($) => {
  const r = ts.buildMap($.values, oparg);
  DEAD($.values);
  ERROR_IF(r === ERROR);
  $.map = r;
});

op("_STORE_SUBSCR", "v, container, sub --", ($) => {
  const err = ts.setItem($.container, $.sub, $.v);
  DECREF_INPUTS();
  ERROR_IF(err !== 0);
});

macro("STORE_SUBSCR", "_SPECIALIZE_STORE_SUBSCR + _STORE_SUBSCR");

inst("LIST_APPEND", "list, unused[oparg-1], v -- list, unused[oparg-1]", ($) => {
  const err = ts.listAppend($.list, $.v);
  DEAD($.v);
  ERROR_IF(err !== 0);
});

op("_UNPACK_SEQUENCE", "seq -- output[oparg]", ($) => {
  const err = ts.unpackSequence($.seq, oparg, $.output);
  DEAD($.seq);
  ERROR_IF(err !== 0);
});

macro("UNPACK_SEQUENCE", "_SPECIALIZE_UNPACK_SEQUENCE + _UNPACK_SEQUENCE");

// --- exceptions --------------------------------------------------------------------------------

inst("RAISE_VARARGS", "args[oparg] --", ($) => {
  const exc = oparg >= 1 ? i32[$.args]! : NULL;
  const cause = oparg === 2 ? i32[$.args + 1]! : NULL;
  DEAD($.args);
  if (ts.doRaise(exc, cause) !== 0) {
    GOTO_EXCEPTION_UNWIND();
  }
  ERROR_NO_POP();
});

inst("PUSH_EXC_INFO", "exc -- prev_exc, new_exc", ($) => {
  const prev = ts.pushExcInfo($.exc);
  $.new_exc = $.exc;
  DEAD($.exc);
  $.prev_exc = prev;
});

inst("POP_EXCEPT", "exc_value --", ($) => {
  const v = $.exc_value;
  DEAD($.exc_value);
  ts.popExcept(v);
});

inst("CHECK_EXC_MATCH", "left, right -- left, b", ($) => {
  const r = ts.checkExcMatch($.left, $.right);
  close($.right);
  ERROR_IF(r < 0);
  $.b = r ? PY_TRUE : PY_FALSE;
});

inst("RERAISE", "values[oparg], exc -- values[oparg]", ($) => {
  const e = $.exc;
  DEAD($.exc);
  // values[0] (when oparg is set) is lasti, the instruction that first raised. CPython points
  // the frame's instr_ptr at it for f_lineno, but finds the handler from RERAISE's own offset
  // (exception_unwind uses next_instr): the traceback entry was made at the first raise, so
  // Skein keeps this instruction as the one the unwinder looks up.
  ts.reraise(e);
  GOTO_EXCEPTION_UNWIND();
});

// --- locals: pairs, clearing, deleting --------------------------------------------------------

inst("LOAD_FAST_AND_CLEAR", "-- value", ($) => {
  // The local may be NULL (comprehension inlining saves and restores it).
  $.value = GETLOCAL(oparg);
  SETLOCAL_NO_CLOSE(oparg, NULL);
});

inst(
  "LOAD_FAST_LOAD_FAST",
  "-- value1, value2",
  ($) => {
    $.value1 = dup(GETLOCAL(oparg >> 4));
    $.value2 = dup(GETLOCAL(oparg & 15));
  },
  { pure: true },
);

inst(
  "LOAD_FAST_BORROW_LOAD_FAST_BORROW",
  "-- value1, value2",
  ($) => {
    $.value1 = GETLOCAL(oparg >> 4) | 1;
    $.value2 = GETLOCAL(oparg & 15) | 1;
  },
  { pure: true },
);

inst(
  "STORE_FAST_LOAD_FAST",
  "value1 -- value2",
  ($) => {
    const old = GETLOCAL(oparg >> 4);
    SETLOCAL_NO_CLOSE(oparg >> 4, $.value1);
    DEAD($.value1);
    $.value2 = dup(GETLOCAL(oparg & 15));
    xclose(old);
  },
  { hot: true },
);

inst(
  "STORE_FAST_STORE_FAST",
  "value2, value1 --",
  ($) => {
    const old1 = GETLOCAL(oparg >> 4);
    SETLOCAL_NO_CLOSE(oparg >> 4, $.value1);
    DEAD($.value1);
    const old2 = GETLOCAL(oparg & 15);
    SETLOCAL_NO_CLOSE(oparg & 15, $.value2);
    DEAD($.value2);
    xclose(old1);
    xclose(old2);
  },
  { hot: true },
);

inst("DELETE_FAST", "--", () => {
  const v = GETLOCAL(oparg);
  if (v === NULL) {
    ts.raiseUnboundLocal(frame, oparg);
    ERROR_NO_POP();
  }
  SETLOCAL_NO_CLOSE(oparg, NULL);
  close(v);
});

// --- cells and free variables -----------------------------------------------------------------

inst("MAKE_CELL", "--", () => {
  const err = ts.makeCell(frame, oparg);
  ERROR_IF(err !== 0);
});

inst("COPY_FREE_VARS", "--", () => {
  ts.copyFreeVars(frame, oparg);
});

inst("LOAD_DEREF", "-- value", ($) => {
  const r = ts.loadDeref(frame, oparg);
  ERROR_IF(r === ERROR);
  $.value = r;
});

inst("STORE_DEREF", "v --", ($) => {
  const err = ts.storeDeref(frame, oparg, $.v);
  DEAD($.v);
  ERROR_IF(err !== 0);
});

inst("DELETE_DEREF", "--", () => {
  const err = ts.deleteDeref(frame, oparg);
  ERROR_IF(err !== 0);
});

inst("LOAD_FROM_DICT_OR_DEREF", "class_dict -- value", ($) => {
  const r = ts.loadFromDictOrDeref(frame, oparg, $.class_dict);
  DECREF_INPUTS();
  ERROR_IF(r === ERROR);
  $.value = r;
});

// --- names -------------------------------------------------------------------------------------

inst("DELETE_NAME", "--", () => {
  const err = ts.deleteName(frame, oparg);
  ERROR_IF(err !== 0);
});

inst("DELETE_GLOBAL", "--", () => {
  const err = ts.deleteGlobal(frame, oparg);
  ERROR_IF(err !== 0);
});

inst("LOAD_FROM_DICT_OR_GLOBALS", "mod_or_class_dict -- v", ($) => {
  const r = ts.loadFromDictOrGlobals(frame, oparg, $.mod_or_class_dict);
  DECREF_INPUTS();
  ERROR_IF(r === ERROR);
  $.v = r;
});

inst("LOAD_LOCALS", "-- locals", ($) => {
  const r = ts.loadLocals(frame);
  ERROR_IF(r === ERROR);
  $.locals = r;
});

// A module or class body that has annotations starts with an empty `__annotations__` (3.13).
inst("SETUP_ANNOTATIONS", "--", () => {
  const err = ts.setupAnnotations(frame);
  ERROR_IF(err !== 0);
});

inst("LOAD_COMMON_CONSTANT", "-- value", ($) => {
  const r = ts.loadCommonConstant(frame, oparg);
  ERROR_IF(r === ERROR);
  $.value = r;
});

inst("LOAD_BUILD_CLASS", "-- bc", ($) => {
  const r = ts.loadBuildClass(frame);
  ERROR_IF(r === ERROR);
  $.bc = r;
});

// --- attributes --------------------------------------------------------------------------------

// oparg >> 1 is the name; with oparg & 1 the result is "meth, self_or_null" for a CALL. Skein
// pushes the bound attribute and NULL (CPython's non-method case) until method lookup lands.
op("_LOAD_ATTR", "owner -- attr, self_or_null[oparg & 1]", ($) => {
  // The method form writes self (or NULL) itself: no bound method is made for a function.
  const r =
    oparg & 1
      ? ts.loadMethod(frame, oparg >> 1, $.owner, $.self_or_null)
      : ts.loadAttr(frame, oparg >> 1, $.owner);
  DECREF_INPUTS();
  ERROR_IF(r === ERROR);
  $.attr = r;
});

macro("LOAD_ATTR", "_SPECIALIZE_LOAD_ATTR + unused/8 + _LOAD_ATTR");

op("_STORE_ATTR", "v, owner --", ($) => {
  const err = ts.storeAttr(frame, oparg, $.owner, $.v);
  DECREF_INPUTS();
  ERROR_IF(err !== 0);
});

macro("STORE_ATTR", "_SPECIALIZE_STORE_ATTR + unused/3 + _STORE_ATTR");

inst("DELETE_ATTR", "owner --", ($) => {
  const err = ts.deleteAttr(frame, oparg, $.owner);
  DECREF_INPUTS();
  ERROR_IF(err !== 0);
});

// super().name and super(C, obj).name without making the super object (CPython's
// LOAD_SUPER_ATTR): oparg >> 2 is the name, bit 1 the two-argument form, bit 0 the method form
// for a CALL (the attribute then comes with self, or NULL, as LOAD_ATTR's method form).
inst("LOAD_SUPER_ATTR", "global_super, class, self -- attr, self_or_null[oparg & 1]", ($) => {
  const r = ts.loadSuperAttr(frame, oparg, $.global_super, $.class, $.self, $.self_or_null);
  DECREF_INPUTS();
  ERROR_IF(r === ERROR);
  $.attr = r;
});

inst("LOAD_SPECIAL", "owner -- attr, self_or_null", ($) => {
  const r = ts.loadSpecial($.owner, oparg);
  DECREF_INPUTS();
  ERROR_IF(r === ERROR);
  $.attr = r;
  $.self_or_null = NULL;
});

// --- operators and subscripts ------------------------------------------------------------------

inst("UNARY_INVERT", "value -- res", ($) => {
  const r = ts.unaryInvert($.value);
  DECREF_INPUTS();
  ERROR_IF(r === ERROR);
  $.res = r;
});

inst("DELETE_SUBSCR", "container, sub --", ($) => {
  const err = ts.deleteItem($.container, $.sub);
  DECREF_INPUTS();
  ERROR_IF(err !== 0);
});

inst("BUILD_SLICE", "args[oparg] -- slice", ($) => {
  const r = ts.buildSlice($.args, oparg);
  DECREF_INPUTS();
  ERROR_IF(r === ERROR);
  $.slice = r;
});

inst("BINARY_SLICE", "container, start, stop -- res", ($) => {
  const r = ts.binarySlice($.container, $.start, $.stop);
  DECREF_INPUTS();
  ERROR_IF(r === ERROR);
  $.res = r;
});

inst("STORE_SLICE", "v, container, start, stop --", ($) => {
  const err = ts.storeSlice($.container, $.start, $.stop, $.v);
  DECREF_INPUTS();
  ERROR_IF(err !== 0);
});

inst("GET_LEN", "obj -- obj, len", ($) => {
  const r = ts.getLen($.obj);
  ERROR_IF(r === ERROR);
  $.len = r;
});

// --- calls -------------------------------------------------------------------------------------

// kwnames is a tuple of the last len(kwnames) arguments' names.
op("_CALL_KW", "callable, self_or_null, args[oparg], kwnames -- res", ($) => {
  let first = $.args;
  let total = oparg;
  if (!isNull($.self_or_null)) {
    first = first - 1;
    total = total + 1;
  }
  if (ts.isPyFunction($.callable)) {
    const newFrame = ts.pushFrameKw(frame, $.callable, first, total, $.kwnames);
    DEAD($.kwnames);
    DEAD($.args);
    DEAD($.self_or_null);
    DEAD($.callable);
    ERROR_IF(newFrame === 0);
    ENTER_FRAME(newFrame);
  }
  const r = ts.callKw($.callable, first, total, $.kwnames);
  DECREF_INPUTS();
  ERROR_IF(r === ERROR);
  $.res = r;
});

op(
  "_MAYBE_EXPAND_METHOD_KW",
  "callable, self_or_null, unused[oparg], unused -- callable, self_or_null, unused[oparg], unused",
  ($) => {
    if (isNull($.self_or_null) && ts.isBoundMethod($.callable)) {
      const method = $.callable;
      $.self_or_null = ts.methodSelf(method);
      $.callable = ts.methodFunc(method);
      close(method);
    }
  },
);

macro("CALL_KW", "unused/1 + unused/2 + _MAYBE_EXPAND_METHOD_KW + _CALL_KW");

// 3.14: f(*args, **kwargs); kwargs is NULL without a ** part. The null slot is unused.
inst("CALL_FUNCTION_EX", "func, null, callargs, kwargs -- result", ($) => {
  if (isNull($.null) && ts.isPyFunction($.func)) {
    const newFrame = ts.pushFrameEx(frame, $.func, $.callargs, $.kwargs);
    DEAD($.kwargs);
    DEAD($.callargs);
    DEAD($.null);
    DEAD($.func);
    ERROR_IF(newFrame === 0);
    ENTER_FRAME(newFrame);
  }
  const r = ts.callFunctionEx($.func, $.callargs, $.kwargs);
  DECREF_INPUTS();
  ERROR_IF(r === ERROR);
  $.result = r;
});

inst("SET_FUNCTION_ATTRIBUTE", "attr, func_in -- func_out", ($) => {
  // Steals attr into the function.
  ts.setFunctionAttribute($.func_in, $.attr, oparg);
  DEAD($.attr);
  $.func_out = $.func_in;
  DEAD($.func_in);
});

inst("CALL_INTRINSIC_1", "value -- res", ($) => {
  const r = ts.callIntrinsic1(frame, $.value, oparg);
  DECREF_INPUTS();
  ERROR_IF(r === ERROR);
  $.res = r;
});

inst("CALL_INTRINSIC_2", "value2, value1 -- res", ($) => {
  const r = ts.callIntrinsic2(frame, $.value2, $.value1, oparg);
  DECREF_INPUTS();
  ERROR_IF(r === ERROR);
  $.res = r;
});

inst("EXIT_INIT_CHECK", "should_be_none --", ($) => {
  const err = ts.exitInitCheck($.should_be_none);
  DECREF_INPUTS();
  ERROR_IF(err !== 0);
});

// The shim frame of BINARY_OP_PY_DUNDER and COMPARE_OP_PY_DUNDER (Skein's, after EXIT_INIT_CHECK):
// the operands wait on its stack and the method's result lands above them. NotImplemented goes on
// with the operator's protocol (the reflected method, the TypeError); a comparison that feeds a
// branch becomes a bool. oparg: the BINARY_OP oparg | 32 after an in-place method, or 128 | the
// comparison << 1 | coerce-to-bool.
inst("CHECK_DUNDER_RESULT", "left, right, res -- out", ($) => {
  const r = ts.checkDunderResult($.left, $.right, $.res, oparg);
  DECREF_INPUTS();
  ERROR_IF(r === ERROR);
  $.out = r;
});

// The exception handler of FOR_ITER_PY_NEXT's shim frame (Skein's): a StopIteration from
// `__next__` ends the loop (the caller goes on at its END_FOR, which pops the None returned to it);
// any other exception goes on unwinding.
inst("CHECK_STOP_ITERATION", "exc -- none", ($) => {
  const e = $.exc;
  DEAD($.exc);
  if (!ts.endLoopOnStopIteration(frame, e)) {
    GOTO_EXCEPTION_UNWIND();
  }
  $.none = PY_NONE;
});

inst(
  "WITH_EXCEPT_START",
  "exit_func, exit_self, unused, unused, val -- exit_func, exit_self, unused, unused, val, res",
  ($) => {
    // exit_func(exit_self, type(val), val, val.__traceback__); the lasti below stays for RERAISE.
    const r = ts.withExceptStart($.exit_func, $.exit_self, $.val);
    ERROR_IF(r === ERROR);
    $.res = r;
  },
);

// --- building ----------------------------------------------------------------------------------

inst("UNPACK_EX", "seq -- left[oparg & 0xFF], unused, right[oparg >> 8]", ($) => {
  const err = ts.unpackEx($.seq, oparg & 0xff, oparg >> 8, $.left);
  DEAD($.seq);
  ERROR_IF(err !== 0);
});

inst("BUILD_SET", "values[oparg] -- set", ($) => {
  const r = ts.buildSet($.values, oparg);
  DEAD($.values);
  ERROR_IF(r === ERROR);
  $.set = r;
});

inst("BUILD_STRING", "pieces[oparg] -- str", ($) => {
  const r = ts.buildString($.pieces, oparg);
  DECREF_INPUTS();
  ERROR_IF(r === ERROR);
  $.str = r;
});

inst("SET_ADD", "set, unused[oparg-1], v -- set, unused[oparg-1]", ($) => {
  const err = ts.setAdd($.set, $.v);
  DECREF_INPUTS();
  ERROR_IF(err !== 0);
});

inst("SET_UPDATE", "set, unused[oparg-1], iterable -- set, unused[oparg-1]", ($) => {
  const err = ts.setUpdate($.set, $.iterable);
  DECREF_INPUTS();
  ERROR_IF(err !== 0);
});

inst("MAP_ADD", "dict, unused[oparg - 1], key, value -- dict, unused[oparg - 1]", ($) => {
  const err = ts.mapAdd($.dict, $.key, $.value);
  DECREF_INPUTS();
  ERROR_IF(err !== 0);
});

inst("LIST_EXTEND", "list, unused[oparg-1], iterable -- list, unused[oparg-1]", ($) => {
  const err = ts.listExtend($.list, $.iterable);
  DECREF_INPUTS();
  ERROR_IF(err !== 0);
});

inst("DICT_UPDATE", "dict, unused[oparg - 1], update -- dict, unused[oparg - 1]", ($) => {
  const err = ts.dictUpdate($.dict, $.update);
  DECREF_INPUTS();
  ERROR_IF(err !== 0);
});

inst(
  "DICT_MERGE",
  "callable, unused, unused, dict, unused[oparg - 1], update -- callable, unused, unused, dict, unused[oparg - 1]",
  ($) => {
    const err = ts.dictMerge($.callable, $.dict, $.update);
    DECREF_INPUTS();
    ERROR_IF(err !== 0);
  },
);

// --- strings -----------------------------------------------------------------------------------

inst("FORMAT_SIMPLE", "value -- res", ($) => {
  const r = ts.formatSimple($.value);
  DECREF_INPUTS();
  ERROR_IF(r === ERROR);
  $.res = r;
});

inst("FORMAT_WITH_SPEC", "value, fmt_spec -- res", ($) => {
  const r = ts.formatWithSpec($.value, $.fmt_spec);
  DECREF_INPUTS();
  ERROR_IF(r === ERROR);
  $.res = r;
});

inst("CONVERT_VALUE", "value -- result", ($) => {
  const r = ts.convertValue($.value, oparg);
  DECREF_INPUTS();
  ERROR_IF(r === ERROR);
  $.result = r;
});

// --- imports -----------------------------------------------------------------------------------

inst("IMPORT_NAME", "level, fromlist -- res", ($) => {
  const r = ts.importName(frame, oparg, $.level, $.fromlist);
  DECREF_INPUTS();
  ERROR_IF(r === ERROR);
  $.res = r;
});

inst("IMPORT_FROM", "from -- from, res", ($) => {
  const r = ts.importFrom(frame, oparg, $.from);
  ERROR_IF(r === ERROR);
  $.res = r;
});

// --- pattern matching --------------------------------------------------------------------------

inst("MATCH_MAPPING", "subject -- subject, res", ($) => {
  $.res = ts.matchMapping($.subject) ? PY_TRUE : PY_FALSE;
});

inst("MATCH_SEQUENCE", "subject -- subject, res", ($) => {
  $.res = ts.matchSequence($.subject) ? PY_TRUE : PY_FALSE;
});

inst("MATCH_KEYS", "subject, keys -- subject, keys, values_or_none", ($) => {
  const r = ts.matchKeys($.subject, $.keys);
  ERROR_IF(r === ERROR);
  $.values_or_none = r;
});

// oparg is the number of positional sub-patterns; attrs is a tuple of the matched attributes, or
// None when the subject does not match.
inst("MATCH_CLASS", "subject, type, names -- attrs", ($) => {
  const r = ts.matchClass($.subject, $.type, $.names, oparg);
  DECREF_INPUTS();
  ERROR_IF(r === ERROR);
  $.attrs = r;
});

// --- generators and coroutines (interp's generators.ts) ----------------------------------------

// The frame moves into a new generator object; the caller receives the object.
inst("RETURN_GENERATOR", "-- res", () => {
  const gen = ts.makeGenerator(frame, nextInstr);
  ERROR_IF(gen === ERROR);
  LEAVE_FRAME(gen);
});

// oparg 1: inside `yield from`/`await` (the generator is FRAME_SUSPENDED_YIELD_FROM).
inst("YIELD_VALUE", "retval -- value", ($) => {
  const v = makeHeapSafe($.retval);
  DEAD($.retval);
  ts.genYield(frame, oparg, nextInstr);
  LEAVE_FRAME(v);
});

// A generator or coroutine receiver runs in this loop; it continues at the jump target (END_SEND)
// when it returns. Other receivers: receiver.send(v), or next() when v is None.
op("_SEND", "receiver, v -- receiver, retval", ($) => {
  if (ts.isResumableGen($.receiver)) {
    const genFrame = ts.pushGenFrame(frame, $.receiver, $.v, nextInstr + oparg);
    DEAD($.v);
    ERROR_IF(genFrame === 0);
    ENTER_FRAME(genFrame);
  }
  const r = ts.send($.receiver, $.v);
  close($.v);
  ERROR_IF(r === ERROR);
  $.retval = r;
  if (ts.lastSendReturned()) {
    JUMPBY(oparg);
  }
});

macro("SEND", "_SPECIALIZE_SEND + _SEND");

inst("END_SEND", "receiver, value -- val", ($) => {
  const v = $.value;
  DEAD($.value);
  close($.receiver);
  $.val = v;
});

inst("GET_YIELD_FROM_ITER", "iterable -- iter", ($) => {
  const r = ts.getYieldFromIter(frame, $.iterable);
  ERROR_IF(r === ERROR);
  close($.iterable);
  $.iter = r;
});

// oparg: 1 after __aenter__, 2 after __aexit__ (for the error message).
inst("GET_AWAITABLE", "iterable -- iter", ($) => {
  const r = ts.getAwaitable($.iterable, oparg);
  close($.iterable);
  ERROR_IF(r === ERROR);
  $.iter = r;
});

inst("GET_AITER", "obj -- iter", ($) => {
  const r = ts.getAIter($.obj);
  close($.obj);
  ERROR_IF(r === ERROR);
  $.iter = r;
});

inst("GET_ANEXT", "aiter -- aiter, awaitable", ($) => {
  const r = ts.getANext($.aiter);
  ERROR_IF(r === ERROR);
  $.awaitable = r;
});

// The handler of a `yield from`/`await` when throw() raised: a StopIteration ends the delegation
// with its value; anything else propagates.
inst("CLEANUP_THROW", "sub_iter, last_sent_val, exc_value -- none, value", ($) => {
  const r = ts.cleanupThrow($.exc_value);
  if (r === NULL) {
    GOTO_EXCEPTION_UNWIND();
  }
  DECREF_INPUTS();
  $.none = PY_NONE;
  $.value = r;
});

// The handler that ends an `async for`: StopAsyncIteration ends the loop, anything else propagates.
// The oparg (a pretend backward jump in CPython, for monitoring) is unused.
inst("END_ASYNC_FOR", "awaitable, exc --", ($) => {
  JUMPBY(0);
  void oparg;
  if (ts.endAsyncFor($.exc) === 0) {
    GOTO_EXCEPTION_UNWIND();
  }
  DECREF_INPUTS();
});

// --- tier 2 only: the uops the trace recorder emits (CPython's tier2 ops) ----------------------
// Each guard leaves through the exit record the recorder attached to the uop (its exit word); the
// exit's kind says what tier 1 does there (deopt, side exit, dynamic exit: see src/jit.ts).

// Publish the instruction the next uops come from (tier 2 also publishes each uop's target at
// its escapes, exits and errors, so only readers of a frame between two escapes need it).
op(
  "_SET_IP",
  "instr_ptr/2 --",
  ($) => {
    i32[(frame + FRAME_INSTR) >> 2] = $.instr_ptr;
  },
  { tier: 2, noSaveIp: true },
);

// Before an instruction that may enter a frame: the current frame resumes at operand0 (the next
// instruction) if the call does not push a frame after all, so the dynamic exit that guards where
// the call went resumes the right instruction in either frame.
op(
  "_SAVE_RETURN_IP",
  "instr_ptr/2 --",
  ($) => {
    i32[(frame + FRAME_IP) >> 2] = $.instr_ptr;
  },
  { tier: 2, noSaveIp: true },
);

// The first uop of every trace: an invalidated executor reached through a linked exit never runs.
op(
  "_START_EXECUTOR",
  "--",
  () => {
    DEOPT_IF(!executor.valid);
  },
  { tier: 2 },
);

// The executor is in use: the cold sweep keeps it.
op(
  "_MAKE_WARM",
  "--",
  () => {
    executor.cold = false;
  },
  { tier: 2, noSaveIp: true },
);

// After anything that may have run code which invalidated this executor.
op(
  "_CHECK_VALIDITY",
  "--",
  () => {
    DEOPT_IF(!executor.valid);
  },
  { tier: 2 },
);

// The loop closes: continue at the trace's loop head (the uop's jump word).
op(
  "_JUMP_TO_TOP",
  "--",
  () => {
    JUMP_TO_TOP();
  },
  { tier: 2, noSaveIp: true },
);

// Leave the trace: a side exit that warms up (a trace that ends without closing its loop ends so).
op(
  "_EXIT_TRACE",
  "--",
  () => {
    EXIT_IF(true);
  },
  { tier: 2 },
);

// Leave the trace for tier 1, which cannot go on here; never warms.
op(
  "_DEOPT",
  "--",
  () => {
    DEOPT_IF(true);
  },
  { tier: 2 },
);

// Leave the trace at the frame's own instruction pointer (its exit is of kind Dynamic).
op(
  "_DYNAMIC_EXIT",
  "--",
  () => {
    EXIT_IF(true);
  },
  { tier: 2 },
);

// The current frame still runs this code object (operand0: its address), after a frame change.
op(
  "_GUARD_CODE",
  "code/2 --",
  ($) => {
    EXIT_IF(i32[(frame + FRAME_CODE) >> 2]! !== $.code);
  },
  { tier: 2, guard: true },
);

// The current frame resumes at this instruction (operand0: a u16 index), after a return.
op(
  "_GUARD_IP",
  "instr_ptr/2 --",
  ($) => {
    EXIT_IF(i32[(frame + FRAME_IP) >> 2]! !== $.instr_ptr);
  },
  { tier: 2, guard: true },
);

// The branch guards that replace POP_JUMP_IF_* in traces: the exit goes to the branch not taken
// when recording. The condition is a bool (or None), never owned, and leaves the stack either way.
op(
  "_GUARD_IS_TRUE_POP",
  "flag --",
  ($) => {
    const isTrue = $.flag === PY_TRUE;
    DEAD($.flag);
    EXIT_IF(!isTrue);
  },
  { tier: 2, guard: true },
);

op(
  "_GUARD_IS_FALSE_POP",
  "flag --",
  ($) => {
    const isFalse = $.flag === PY_FALSE;
    DEAD($.flag);
    EXIT_IF(!isFalse);
  },
  { tier: 2, guard: true },
);

op(
  "_GUARD_IS_NONE_POP",
  "val --",
  ($) => {
    const isNone = $.val === PY_NONE;
    close($.val);
    EXIT_IF(!isNone);
  },
  { tier: 2, guard: true },
);

op(
  "_GUARD_IS_NOT_NONE_POP",
  "val --",
  ($) => {
    const isNone = $.val === PY_NONE;
    close($.val);
    EXIT_IF(isNone);
  },
  { tier: 2, guard: true },
);

// FOR_ITER in a trace: an exhausted iterator leaves through the exit (which the recorder points
// past the END_FOR, at the POP_ITER) instead of jumping; a generator's frame is entered and
// followed, as tier 1 does.
op(
  "_FOR_ITER_TIER_TWO",
  "iter, null_or_index -- iter, null_or_index, next",
  ($) => {
    if (isTaggedInt($.null_or_index)) {
      const i = untagInt($.null_or_index);
      const item = ts.iterSequenceItem($.iter, i);
      EXIT_IF(item === NULL);
      $.null_or_index = tagInt(i + 1);
      $.next = item;
    } else {
      if (ts.isResumableGen($.iter)) {
        const genFrame = ts.pushGenFrame(frame, $.iter, PY_NONE, nextInstr + oparg);
        ERROR_IF(genFrame === 0);
        ENTER_FRAME(genFrame);
      }
      const item = ts.iterNext($.iter);
      ERROR_IF(item === ERROR);
      EXIT_IF(item === NULL);
      $.next = item;
    }
  },
  { tier: 2, replaces: "_FOR_ITER" },
);

// SEND in a trace: resuming a generator or coroutine runs its frame, and the trace follows it (an
// `await` on a coroutine, `yield from` a generator); any other receiver leaves for tier 1 before
// anything happened, which sends the value and takes the jump when the sub-iterator returns.
op(
  "_SEND_TIER_TWO",
  "receiver, v -- receiver, retval",
  ($) => {
    DEOPT_IF(!ts.isResumableGen($.receiver));
    const genFrame = ts.pushGenFrame(frame, $.receiver, $.v, nextInstr + oparg);
    DEAD($.v);
    ERROR_IF(genFrame === 0);
    ENTER_FRAME(genFrame);
  },
  { tier: 2, replaces: "_SEND" },
);

// FOR_ITER_LIST/TUPLE/RANGE in a trace: a guard that the iterator is not exhausted (its exit goes
// to the POP_ITER), then the next item.
op(
  "_GUARD_NOT_EXHAUSTED_LIST",
  "iter, null_or_index -- iter, null_or_index",
  ($) => {
    EXIT_IF(untagInt($.null_or_index) >= i32[(($.iter & -4) + LIST_LENGTH) >> 2]!);
  },
  { tier: 2, guard: true, replaces: "_ITER_NEXT_LIST" },
);

// A trace recorded from a loop's exit (a side exit at its FOR_ITER that found the iterator
// exhausted) goes on past the loop: the guard leaves when the iterator is not exhausted after all.
op(
  "_GUARD_EXHAUSTED_LIST",
  "iter, null_or_index -- iter, null_or_index",
  ($) => {
    EXIT_IF(untagInt($.null_or_index) < i32[(($.iter & -4) + LIST_LENGTH) >> 2]!);
  },
  { tier: 2, guard: true },
);

op(
  "_GUARD_EXHAUSTED_TUPLE",
  "iter, null_or_index -- iter, null_or_index",
  ($) => {
    EXIT_IF(untagInt($.null_or_index) < i32[(($.iter & -4) + TUPLE_LENGTH) >> 2]!);
  },
  { tier: 2, guard: true },
);

op(
  "_GUARD_EXHAUSTED_RANGE",
  "iter, null_or_index -- iter, null_or_index",
  ($) => {
    EXIT_IF(f64[(($.iter & -4) + RANGEITER_LEFT) >> 3]! > 0);
  },
  { tier: 2, guard: true },
);

op(
  "_ITER_NEXT_LIST_TIER_TWO",
  "iter, null_or_index -- iter, null_or_index, next",
  ($) => {
    const i = untagInt($.null_or_index);
    $.null_or_index = tagInt(i + 1);
    $.next = dup(i32[(i32[(($.iter & -4) + LIST_ITEMS) >> 2]! >> 2) + i]!);
  },
  { tier: 2, replaces: "_ITER_NEXT_LIST" },
);

op(
  "_GUARD_NOT_EXHAUSTED_TUPLE",
  "iter, null_or_index -- iter, null_or_index",
  ($) => {
    EXIT_IF(untagInt($.null_or_index) >= i32[(($.iter & -4) + TUPLE_LENGTH) >> 2]!);
  },
  { tier: 2, guard: true, replaces: "_ITER_NEXT_TUPLE" },
);

op(
  "_ITER_NEXT_TUPLE_TIER_TWO",
  "iter, null_or_index -- iter, null_or_index, next",
  ($) => {
    const i = untagInt($.null_or_index);
    $.null_or_index = tagInt(i + 1);
    $.next = dup(i32[((($.iter & -4) + TUPLE_ITEMS) >> 2) + i]!);
  },
  { tier: 2, replaces: "_ITER_NEXT_TUPLE" },
);

op(
  "_GUARD_NOT_EXHAUSTED_RANGE",
  "iter, null_or_index -- iter, null_or_index",
  ($) => {
    EXIT_IF(f64[(($.iter & -4) + RANGEITER_LEFT) >> 3]! <= 0);
  },
  { tier: 2, guard: true, replaces: "_ITER_NEXT_RANGE" },
);

// A value past the tagged range deopts to the FOR_ITER (tier 1 runs the head).
op(
  "_ITER_NEXT_RANGE_TIER_TWO",
  "iter, null_or_index -- iter, null_or_index, next",
  ($) => {
    const r = $.iter & -4;
    const v = f64[(r + RANGEITER_NEXT) >> 3]!;
    DEOPT_IF((v << 2) >> 2 !== v);
    f64[(r + RANGEITER_LEFT) >> 3] = f64[(r + RANGEITER_LEFT) >> 3]! - 1;
    f64[(r + RANGEITER_NEXT) >> 3] = v + f64[(r + RANGEITER_STEP) >> 3]!;
    $.next = tagInt(v);
  },
  { tier: 2, replaces: "_ITER_NEXT_RANGE" },
);

// RESUME inside a trace (CPython's translation of RESUME): tier 1 handles what the eval breaker
// flagged (the exit is a deopt, to the RESUME, which tier 1 runs again). Unlike RESUME's own uop
// it runs no code, so the next instruction needs no validity check.
op(
  "_TIER2_RESUME_CHECK",
  "--",
  () => {
    DEOPT_IF(evalBreaker[0] !== 0);
  },
  { tier: 2, replaces: "_CHECK_PERIODIC_IF_NOT_YIELD_FROM" },
);

// An exit stub for an erroring uop: the exception is set; unwind from instruction `target`.
op(
  "_ERROR_POP_N",
  "target/2 --",
  ($) => {
    SET_FRAME_INSTR($.target);
    ERROR_NO_POP();
  },
  { tier: 2 },
);

// --- compiler-only instructions (CPython's pseudo-ops) -----------------------------------------

pseudo("JUMP", "--", ["JUMP_FORWARD", "JUMP_BACKWARD"], { flags: ["HAS_ARG", "HAS_JUMP"] });
pseudo("JUMP_NO_INTERRUPT", "--", ["JUMP_FORWARD", "JUMP_BACKWARD_NO_INTERRUPT"], {
  flags: ["HAS_ARG", "HAS_JUMP"],
});
pseudo("JUMP_IF_FALSE", "cond -- cond", ["COPY", "TO_BOOL", "POP_JUMP_IF_FALSE"], {
  flags: ["HAS_ARG", "HAS_JUMP"],
});
pseudo("JUMP_IF_TRUE", "cond -- cond", ["COPY", "TO_BOOL", "POP_JUMP_IF_TRUE"], {
  flags: ["HAS_ARG", "HAS_JUMP"],
});
pseudo("SETUP_FINALLY", "-- unused", ["NOP"], { flags: ["HAS_ARG"] });
pseudo("SETUP_CLEANUP", "-- unused, unused", ["NOP"], { flags: ["HAS_ARG"] });
pseudo("SETUP_WITH", "-- unused", ["NOP"], { flags: ["HAS_ARG"] });
pseudo("POP_BLOCK", "--", ["NOP"]);
pseudo("LOAD_CLOSURE", "-- unused", ["LOAD_FAST"], { flags: ["HAS_ARG", "HAS_LOCAL"] });
pseudo("STORE_FAST_MAYBE_NULL", "unused --", ["STORE_FAST"], { flags: ["HAS_ARG", "HAS_LOCAL"] });
