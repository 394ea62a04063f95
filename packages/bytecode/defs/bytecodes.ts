// Every bytecode and micro-op of Skein, once (CPython's Python/bytecodes.c, in TypeScript).
// Read by packages/bytecode/codegen; never imported at runtime. Names, stack effects, oparg
// meanings and inline cache sizes are CPython 3.14's. See README.md for the language.
import { family, inst, macro, op, pseudo } from "./dsl.js";
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
  frame,
  GETLOCAL,
  GOTO_EXCEPTION_UNWIND,
  i32,
  isNull,
  isTaggedInt,
  JUMPBY,
  LEAVE_FRAME,
  makeHeapSafe,
  mulTaggedInts,
  NULL,
  oparg,
  PY_FALSE,
  PY_NONE,
  PY_TRUE,
  SET_FRAME_INSTR,
  SETLOCAL_NO_CLOSE,
  same,
  subTaggedInts,
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
  "unused/1 + unused/1 + unused/1 + unused/1 + _LOAD_GLOBAL + _PUSH_NULL_CONDITIONAL",
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

family("BINARY_OP", ["BINARY_OP_ADD_INT", "BINARY_OP_SUBTRACT_INT", "BINARY_OP_MULTIPLY_INT"]);

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

macro("COMPARE_OP", "unused/1 + _COMPARE_OP");

op("_TO_BOOL", "value -- res", ($) => {
  const b = ts.toBool($.value);
  DECREF_INPUTS();
  ERROR_IF(b < 0);
  $.res = b ? PY_TRUE : PY_FALSE;
});

macro("TO_BOOL", "unused/1 + unused/2 + _TO_BOOL");

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

macro("CONTAINS_OP", "unused/1 + _CONTAINS_OP");

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

macro("JUMP_BACKWARD", "unused/1 + _CHECK_PERIODIC + JUMP_BACKWARD_NO_INTERRUPT", { hot: true });

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
    const item = ts.iterNext($.iter);
    ERROR_IF(item === ERROR);
    if (item === NULL) {
      JUMPBY(oparg + 1);
      DISPATCH();
    }
    $.next = item;
  }
});

macro("FOR_ITER", "unused/1 + _FOR_ITER", { hot: true });

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

macro("CALL", "unused/1 + unused/2 + _CALL", { hot: true });

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

macro("STORE_SUBSCR", "unused/1 + _STORE_SUBSCR");

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

macro("UNPACK_SEQUENCE", "unused/1 + _UNPACK_SEQUENCE");

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
  if (oparg) {
    // values[0] is lasti: the instruction that raised, in code units from the code's start.
    const lasti = i32[$.values]!;
    SET_FRAME_INSTR(ts.codeStart(frame) + untagInt(lasti));
  }
  ts.reraise(e);
  GOTO_EXCEPTION_UNWIND();
});

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
