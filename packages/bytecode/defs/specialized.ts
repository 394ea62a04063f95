// The specialized family members and the `_SPECIALIZE_*` uops of their heads (CPython 3.14's
// names, guards and cache layouts). Read by packages/bytecode/codegen after defs/bytecodes.ts; the
// generic heads and the uops shared with them (_GUARD_TOS_INT, _BINARY_OP_ADD_INT, ...) live there.
// Guards come first in every member: a failed guard re-dispatches the head (deopt), so nothing
// may change before the last guard.
import { family, macro, op } from "./dsl.js";
import {
  ADAPTIVE_COUNTER_TRIGGERS,
  ADVANCE_ADAPTIVE_COUNTER,
  CODE_ARGCOUNT,
  CODE_NAMES,
  close,
  DEAD,
  DECREF_INPUTS,
  DEOPT_IF,
  DICT_KEYS,
  DICT_VERSION,
  DISPATCH,
  DISPATCH_SAME_OPARG,
  dup,
  ENTER_FRAME,
  ENTRY_KEY,
  ENTRY_SIZE,
  ENTRY_VALUE,
  ERROR,
  ERROR_IF,
  EXIT_IF,
  FLOAT_TYPE,
  FLOAT_VALUE,
  FRAME_BUILTINS,
  FRAME_CODE,
  FRAME_GLOBALS,
  FUNC_CODE,
  FUNC_VERSION,
  f64,
  frame,
  i32,
  isNull,
  isTaggedInt,
  JUMPBY,
  KEYS_HEADER,
  KEYS_LOG2,
  KEYS_NENTRIES,
  LIST_ITEMS,
  LIST_LENGTH,
  LIST_TYPE,
  makeHeapSafe,
  NULL,
  nextInstr,
  oparg,
  PY_FALSE,
  PY_NONE,
  PY_TRUE,
  RANGEITER_LEFT,
  RANGEITER_NEXT,
  RANGEITER_STEP,
  RANGEITER_TYPE,
  same,
  TUPLE_ITEMS,
  TUPLE_LENGTH,
  TUPLE_TYPE,
  TYPE_VERSION,
  tagInt,
  thisInstr,
  ts,
  untagInt,
  xclose,
} from "./env.js";

// --- BINARY_OP ---------------------------------------------------------------------------------

op(
  "_GUARD_TOS_FLOAT",
  "value -- value",
  ($) => {
    EXIT_IF(isTaggedInt($.value) || i32[(($.value & -4) + 4) >> 2]! !== FLOAT_TYPE);
  },
  { guard: true },
);

op(
  "_GUARD_NOS_FLOAT",
  "left, unused -- left, unused",
  ($) => {
    EXIT_IF(isTaggedInt($.left) || i32[(($.left & -4) + 4) >> 2]! !== FLOAT_TYPE);
  },
  { guard: true },
);

// The inputs are closed before the result is allocated, so the float free list hands one back.
op("_BINARY_OP_ADD_FLOAT", "left, right -- res", ($) => {
  const v = f64[(($.left & -4) + FLOAT_VALUE) >> 3]! + f64[(($.right & -4) + FLOAT_VALUE) >> 3]!;
  DECREF_INPUTS();
  const r = ts.newFloat(v);
  ERROR_IF(r === ERROR);
  $.res = r;
});

op("_BINARY_OP_SUBTRACT_FLOAT", "left, right -- res", ($) => {
  const v = f64[(($.left & -4) + FLOAT_VALUE) >> 3]! - f64[(($.right & -4) + FLOAT_VALUE) >> 3]!;
  DECREF_INPUTS();
  const r = ts.newFloat(v);
  ERROR_IF(r === ERROR);
  $.res = r;
});

op("_BINARY_OP_MULTIPLY_FLOAT", "left, right -- res", ($) => {
  const v = f64[(($.left & -4) + FLOAT_VALUE) >> 3]! * f64[(($.right & -4) + FLOAT_VALUE) >> 3]!;
  DECREF_INPUTS();
  const r = ts.newFloat(v);
  ERROR_IF(r === ERROR);
  $.res = r;
});

macro(
  "BINARY_OP_ADD_FLOAT",
  "_GUARD_TOS_FLOAT + _GUARD_NOS_FLOAT + unused/5 + _BINARY_OP_ADD_FLOAT",
);
macro(
  "BINARY_OP_SUBTRACT_FLOAT",
  "_GUARD_TOS_FLOAT + _GUARD_NOS_FLOAT + unused/5 + _BINARY_OP_SUBTRACT_FLOAT",
);
macro(
  "BINARY_OP_MULTIPLY_FLOAT",
  "_GUARD_TOS_FLOAT + _GUARD_NOS_FLOAT + unused/5 + _BINARY_OP_MULTIPLY_FLOAT",
);

// Skein's counterpart of CPython 3.14's BINARY_OP_EXTEND for floats: +, -, *, / and ** (in place
// or not: oparg % 13) of floats and tagged ints, at least one a float, or / of any two of them. The
// operands convert exactly (tagged ints have 30 bits); a zero divisor goes through the head.
op("_BINARY_OP_MIXED_FLOAT", "left, right -- res", ($) => {
  const lf = !isTaggedInt($.left);
  const rf = !isTaggedInt($.right);
  DEOPT_IF(lf && i32[(($.left & -4) + 4) >> 2]! !== FLOAT_TYPE);
  DEOPT_IF(rf && i32[(($.right & -4) + 4) >> 2]! !== FLOAT_TYPE);
  const a = lf ? f64[(($.left & -4) + FLOAT_VALUE) >> 3]! : untagInt($.left);
  const b = rf ? f64[(($.right & -4) + FLOAT_VALUE) >> 3]! : untagInt($.right);
  const kind = oparg % 13;
  DEOPT_IF(kind === 11 && b === 0);
  // ** of a negative base to a fractional power, or of zero to a negative one, raises; a result
  // that is not finite (an overflow, or a NaN operand) goes through the head too.
  DEOPT_IF(kind === 8 && (a < 0 ? b % 1 !== 0 : a === 0 && b < 0));
  const v =
    kind === 0 ? a + b : kind === 10 ? a - b : kind === 5 ? a * b : kind === 8 ? a ** b : a / b;
  DEOPT_IF(kind === 8 && v - v !== 0);
  DECREF_INPUTS();
  const r = ts.newFloat(v);
  ERROR_IF(r === ERROR);
  $.res = r;
});

macro("BINARY_OP_MIXED_FLOAT", "unused/5 + _BINARY_OP_MIXED_FLOAT");

// // and % of tagged ints (in place or not: oparg % 13), rounding toward negative infinity as
// Python does; a zero divisor runs the head (ZeroDivisionError).
op(
  "_BINARY_OP_DIVMOD_INT",
  "left, right -- res",
  ($) => {
    const a = untagInt($.left);
    const b = untagInt($.right);
    DEOPT_IF(b === 0);
    let m = a % b;
    if (m !== 0 && m < 0 !== b < 0) {
      m = m + b;
    }
    const r = oparg % 13 === 6 ? m : (a - m) / b;
    DEOPT_IF((r << 2) >> 2 !== r);
    DEAD($.left);
    DEAD($.right);
    $.res = tagInt(r);
  },
  { pure: true },
);

macro("BINARY_OP_DIVMOD_INT", "_GUARD_TOS_INT + _GUARD_NOS_INT + unused/5 + _BINARY_OP_DIVMOD_INT");

// --- subscripts (BINARY_OP 26, STORE_SUBSCR) by a non-negative tagged int ------------------------

op(
  "_GUARD_NOS_LIST",
  "left, unused -- left, unused",
  ($) => {
    EXIT_IF(isTaggedInt($.left) || i32[(($.left & -4) + 4) >> 2]! !== LIST_TYPE);
  },
  { guard: true },
);

op(
  "_GUARD_NOS_TUPLE",
  "left, unused -- left, unused",
  ($) => {
    EXIT_IF(isTaggedInt($.left) || i32[(($.left & -4) + 4) >> 2]! !== TUPLE_TYPE);
  },
  { guard: true },
);

op("_BINARY_OP_SUBSCR_LIST_INT", "left, right -- res", ($) => {
  const i = untagInt($.right);
  const l = $.left & -4;
  DEOPT_IF(i < 0 || i >= i32[(l + LIST_LENGTH) >> 2]!);
  const v = dup(i32[(i32[(l + LIST_ITEMS) >> 2]! >> 2) + i]!);
  DEAD($.right);
  close($.left);
  $.res = v;
});

op("_BINARY_OP_SUBSCR_TUPLE_INT", "left, right -- res", ($) => {
  const i = untagInt($.right);
  const t = $.left & -4;
  DEOPT_IF(i < 0 || i >= i32[(t + TUPLE_LENGTH) >> 2]!);
  const v = dup(i32[((t + TUPLE_ITEMS) >> 2) + i]!);
  DEAD($.right);
  close($.left);
  $.res = v;
});

macro(
  "BINARY_OP_SUBSCR_LIST_INT",
  "_GUARD_TOS_INT + _GUARD_NOS_LIST + unused/5 + _BINARY_OP_SUBSCR_LIST_INT",
);
macro(
  "BINARY_OP_SUBSCR_TUPLE_INT",
  "_GUARD_TOS_INT + _GUARD_NOS_TUPLE + unused/5 + _BINARY_OP_SUBSCR_TUPLE_INT",
);

// & | ^ >> << of tagged ints (in place or not: oparg % 13): the first three and >> by 0..31 stay
// in the tagged range; << deopts when the result would not.
op(
  "_BINARY_OP_BITWISE_INT",
  "left, right -- res",
  ($) => {
    const a = untagInt($.left);
    const b = untagInt($.right);
    const kind = oparg % 13;
    DEOPT_IF((kind === 3 || kind === 9) && (b < 0 || b > 31));
    const r =
      kind === 1 ? a & b : kind === 7 ? a | b : kind === 12 ? a ^ b : kind === 9 ? a >> b : a << b;
    DEOPT_IF(kind === 3 && ((r << 2) >> 2 !== r || r >> b !== a));
    DEAD($.left);
    DEAD($.right);
    $.res = tagInt(r);
  },
  { pure: true },
);

macro(
  "BINARY_OP_BITWISE_INT",
  "_GUARD_TOS_INT + _GUARD_NOS_INT + unused/5 + _BINARY_OP_BITWISE_INT",
);

// Exact str operands: concatenation, and indexing by a tagged int.
op(
  "_GUARD_BOTH_STR",
  "left, right -- left, right",
  ($) => {
    EXIT_IF(!ts.isExactStr($.left) || !ts.isExactStr($.right));
  },
  { guard: true },
);

op("_BINARY_OP_ADD_UNICODE", "left, right -- res", ($) => {
  const r = ts.strConcat($.left, $.right);
  DECREF_INPUTS();
  ERROR_IF(r === ERROR);
  $.res = r;
});

macro("BINARY_OP_ADD_UNICODE", "_GUARD_BOTH_STR + unused/5 + _BINARY_OP_ADD_UNICODE");

// A key of an exact dict (KeyError when missing).
op(
  "_GUARD_NOS_DICT",
  "left, unused -- left, unused",
  ($) => {
    EXIT_IF(!ts.isExactDict($.left));
  },
  { guard: true },
);

op("_BINARY_OP_SUBSCR_DICT", "left, right -- res", ($) => {
  const r = ts.dictSubscript($.left, $.right);
  DECREF_INPUTS();
  ERROR_IF(r === ERROR);
  $.res = r;
});

macro("BINARY_OP_SUBSCR_DICT", "_GUARD_NOS_DICT + unused/5 + _BINARY_OP_SUBSCR_DICT");

// str[i] by a non-negative tagged int, as CPython's: only a character whose one-character str
// already exists (Latin-1 ones are kept immortal, as CPython's ASCII singletons), so nothing is
// allocated; any other index or character deopts.
op("_BINARY_OP_SUBSCR_STR_INT", "left, right -- res", ($) => {
  const r = ts.cachedCharAt($.left, untagInt($.right));
  DEOPT_IF(r === NULL);
  DECREF_INPUTS();
  $.res = r;
});

macro("BINARY_OP_SUBSCR_STR_INT", "_GUARD_TOS_INT + unused/5 + _BINARY_OP_SUBSCR_STR_INT");

// A method of a Python class that an operator calls (`__getitem__`: CPython's
// BINARY_OP_SUBSCR_GETITEM; the other operators are Skein's, as CPython reaches them through C
// slot calls) runs in this loop: its frame is pushed like a call's. For an operator other than
// `[]`, a shim frame under it keeps the operands and goes on with the operator's protocol when the
// method returns NotImplemented (CHECK_DUNDER_RESULT). The guard finds the method on the left
// operand's class (its lookup cache follows the class's version) and checks that the right
// operand's reflected method is not due first (its class is the left one's, or builtin).
op("_BINARY_OP_PY_DUNDER", "left, right -- res", ($) => {
  const method = ts.binaryDunderOf($.left, $.right, oparg);
  DEOPT_IF(method === 0);
  const newFrame = ts.pushBinaryDunder(frame, method, $.left, $.right, oparg);
  DEAD($.left);
  DEAD($.right);
  ERROR_IF(newFrame === 0);
  ENTER_FRAME(newFrame);
});

macro("BINARY_OP_SUBSCR_GETITEM", "unused/5 + _BINARY_OP_PY_DUNDER");
macro("BINARY_OP_PY_DUNDER", "unused/5 + _BINARY_OP_PY_DUNDER");

family("BINARY_OP", [
  "BINARY_OP_SUBSCR_GETITEM",
  "BINARY_OP_PY_DUNDER",
  "BINARY_OP_BITWISE_INT",
  "BINARY_OP_ADD_UNICODE",
  "BINARY_OP_SUBSCR_DICT",
  "BINARY_OP_SUBSCR_STR_INT",
  "BINARY_OP_ADD_INT",
  "BINARY_OP_SUBTRACT_INT",
  "BINARY_OP_MULTIPLY_INT",
  "BINARY_OP_ADD_FLOAT",
  "BINARY_OP_SUBTRACT_FLOAT",
  "BINARY_OP_MULTIPLY_FLOAT",
  "BINARY_OP_SUBSCR_LIST_INT",
  "BINARY_OP_SUBSCR_TUPLE_INT",
  "BINARY_OP_MIXED_FLOAT",
  "BINARY_OP_DIVMOD_INT",
]);

// --- COMPARE_OP (oparg: op << 5 | coerce-to-bool << 4 | CPython's COMPARISON_* mask) -----------

op(
  "_SPECIALIZE_COMPARE_OP",
  "counter/1, left, right -- left, right",
  ($) => {
    if (ADAPTIVE_COUNTER_TRIGGERS($.counter)) {
      ts.specializeCompareOp(thisInstr, $.left, $.right, oparg);
      DISPATCH_SAME_OPARG();
    }
    ADVANCE_ADAPTIVE_COUNTER(thisInstr + 1);
  },
  { specializing: true, tier: 1 },
);

// COMPARISON_BIT: 2 for less, 8 for equal, 4 for greater, 1 for unordered (NaN).
op(
  "_COMPARE_OP_INT",
  "left, right -- res",
  ($) => {
    const a = $.left >> 2;
    const b = $.right >> 2;
    const bit = 1 << ((a >= b ? 2 : 0) + (a <= b ? 1 : 0));
    DEAD($.left);
    DEAD($.right);
    $.res = (bit & oparg) !== 0 ? PY_TRUE : PY_FALSE;
  },
  { pure: true },
);

op("_COMPARE_OP_FLOAT", "left, right -- res", ($) => {
  const a = f64[(($.left & -4) + FLOAT_VALUE) >> 3]!;
  const b = f64[(($.right & -4) + FLOAT_VALUE) >> 3]!;
  const bit = 1 << ((a >= b ? 2 : 0) + (a <= b ? 1 : 0));
  DECREF_INPUTS();
  $.res = (bit & oparg) !== 0 ? PY_TRUE : PY_FALSE;
});

macro("COMPARE_OP_INT", "_GUARD_TOS_INT + _GUARD_NOS_INT + unused/1 + _COMPARE_OP_INT");
macro("COMPARE_OP_FLOAT", "_GUARD_TOS_FLOAT + _GUARD_NOS_FLOAT + unused/1 + _COMPARE_OP_FLOAT");

// == and != of exact strs (the specializer installs it for those two only): "not equal" answers
// as "less", which the mask of != has and that of == lacks.
op("_COMPARE_OP_STR", "left, right -- res", ($) => {
  const bit = ts.strEqual($.left, $.right) ? 8 : 2;
  DECREF_INPUTS();
  $.res = (bit & oparg) !== 0 ? PY_TRUE : PY_FALSE;
});

macro("COMPARE_OP_STR", "_GUARD_BOTH_STR + unused/1 + _COMPARE_OP_STR");

// A rich comparison method of a Python class, as BINARY_OP_PY_DUNDER (Skein's).
op("_COMPARE_OP_PY_DUNDER", "left, right -- res", ($) => {
  const method = ts.compareDunderOf($.left, $.right, oparg);
  DEOPT_IF(method === 0);
  const newFrame = ts.pushCompareDunder(frame, method, $.left, $.right, oparg);
  DEAD($.left);
  DEAD($.right);
  ERROR_IF(newFrame === 0);
  ENTER_FRAME(newFrame);
});

macro("COMPARE_OP_PY_DUNDER", "unused/1 + _COMPARE_OP_PY_DUNDER");

family("COMPARE_OP", [
  "COMPARE_OP_INT",
  "COMPARE_OP_FLOAT",
  "COMPARE_OP_STR",
  "COMPARE_OP_PY_DUNDER",
]);

// --- CONTAINS_OP (caches: counter/1) -----------------------------------------------------------

op(
  "_SPECIALIZE_CONTAINS_OP",
  "counter/1, left, right -- left, right",
  ($) => {
    if (ADAPTIVE_COUNTER_TRIGGERS($.counter)) {
      ts.specializeContainsOp(thisInstr, $.right);
      DISPATCH_SAME_OPARG();
    }
    ADVANCE_ADAPTIVE_COUNTER(thisInstr + 1);
  },
  { specializing: true, tier: 1 },
);

op(
  "_GUARD_TOS_DICT",
  "unused, tos -- unused, tos",
  ($) => {
    EXIT_IF(!ts.isExactDict($.tos));
  },
  { guard: true },
);

// A set or a frozenset, exactly.
op(
  "_GUARD_TOS_ANY_SET",
  "unused, tos -- unused, tos",
  ($) => {
    EXIT_IF(!ts.isExactAnySet($.tos));
  },
  { guard: true },
);

op("_CONTAINS_OP_DICT", "left, right -- b", ($) => {
  const r = ts.dictContains($.right, $.left);
  DECREF_INPUTS();
  ERROR_IF(r < 0);
  $.b = (r ^ oparg) !== 0 ? PY_TRUE : PY_FALSE;
});

op("_CONTAINS_OP_SET", "left, right -- b", ($) => {
  const r = ts.setContains($.right, $.left);
  DECREF_INPUTS();
  ERROR_IF(r < 0);
  $.b = (r ^ oparg) !== 0 ? PY_TRUE : PY_FALSE;
});

macro("CONTAINS_OP_DICT", "_GUARD_TOS_DICT + unused/1 + _CONTAINS_OP_DICT");
macro("CONTAINS_OP_SET", "_GUARD_TOS_ANY_SET + unused/1 + _CONTAINS_OP_SET");

family("CONTAINS_OP", ["CONTAINS_OP_SET", "CONTAINS_OP_DICT"]);

// --- LOAD_GLOBAL (caches: counter/1, globals version/2, index/1) -------------------------------

op(
  "_SPECIALIZE_LOAD_GLOBAL",
  "counter/1 --",
  ($) => {
    if (ADAPTIVE_COUNTER_TRIGGERS($.counter)) {
      ts.specializeLoadGlobal(frame, thisInstr, oparg);
      DISPATCH_SAME_OPARG();
    }
    ADVANCE_ADAPTIVE_COUNTER(thisInstr + 1);
  },
  { specializing: true, tier: 1 },
);

// The entry at `index` of the globals' keys still holds the name (a deleted entry's key is NULL,
// and a dict has one entry per key), so its value is the global.
// The name (interned, immortal) sits in the cache, so the check reads no code object.
op("_LOAD_GLOBAL_MODULE", "name/2, index/1 -- res", ($) => {
  const keys = i32[(i32[(frame + FRAME_GLOBALS) >> 2]! + DICT_KEYS) >> 2]!;
  DEOPT_IF($.index >= i32[(keys + KEYS_NENTRIES) >> 2]!);
  const e = keys + KEYS_HEADER + (4 << i32[(keys + KEYS_LOG2) >> 2]!) + ENTRY_SIZE * $.index;
  DEOPT_IF(!same(i32[(e + ENTRY_KEY) >> 2]!, $.name));
  $.res = ts.stackRefFromHeap(i32[(e + ENTRY_VALUE) >> 2]!);
});

// The globals have not changed since the name was found missing there.
op(
  "_GUARD_GLOBALS_VERSION",
  "version/2 --",
  ($) => {
    DEOPT_IF(i32[(i32[(frame + FRAME_GLOBALS) >> 2]! + DICT_VERSION) >> 2]! >>> 0 !== $.version);
  },
  { guard: true },
);

op("_LOAD_GLOBAL_BUILTIN", "index/1 -- res", ($) => {
  const keys = i32[(i32[(frame + FRAME_BUILTINS) >> 2]! + DICT_KEYS) >> 2]!;
  DEOPT_IF($.index >= i32[(keys + KEYS_NENTRIES) >> 2]!);
  const e = keys + KEYS_HEADER + (4 << i32[(keys + KEYS_LOG2) >> 2]!) + ENTRY_SIZE * $.index;
  const names = i32[(i32[(frame + FRAME_CODE) >> 2]! + CODE_NAMES) >> 2]! & -4;
  DEOPT_IF(!same(i32[(e + ENTRY_KEY) >> 2]!, i32[((names + TUPLE_ITEMS) >> 2) + (oparg >> 1)]!));
  $.res = ts.stackRefFromHeap(i32[(e + ENTRY_VALUE) >> 2]!);
});

macro("LOAD_GLOBAL_MODULE", "unused/1 + _LOAD_GLOBAL_MODULE + _PUSH_NULL_CONDITIONAL");
macro(
  "LOAD_GLOBAL_BUILTIN",
  "unused/1 + _GUARD_GLOBALS_VERSION + _LOAD_GLOBAL_BUILTIN + _PUSH_NULL_CONDITIONAL",
);

family("LOAD_GLOBAL", ["LOAD_GLOBAL_MODULE", "LOAD_GLOBAL_BUILTIN"]);

// --- CALL (caches: counter/1, func_version/2) --------------------------------------------------

op(
  "_SPECIALIZE_CALL",
  "counter/1, callable, self_or_null, args[oparg] -- callable, self_or_null, args[oparg]",
  ($) => {
    if (ADAPTIVE_COUNTER_TRIGGERS($.counter)) {
      ts.specializeCall(thisInstr, $.callable, $.self_or_null, oparg);
      DISPATCH_SAME_OPARG();
    }
    ADVANCE_ADAPTIVE_COUNTER(thisInstr + 1);
  },
  { specializing: true, tier: 1 },
);

op(
  "_CHECK_FUNCTION_VERSION",
  "func_version/2, callable, unused, unused[oparg] -- callable, unused, unused[oparg]",
  ($) => {
    EXIT_IF(!ts.isPyFunction($.callable));
    EXIT_IF(i32[(($.callable & -4) + FUNC_VERSION) >> 2]! >>> 0 !== $.func_version);
  },
  { guard: true },
);

op(
  "_CHECK_FUNCTION_EXACT_ARGS",
  "callable, self_or_null, unused[oparg] -- callable, self_or_null, unused[oparg]",
  ($) => {
    const code = i32[(($.callable & -4) + FUNC_CODE) >> 2]! & -4;
    EXIT_IF(i32[(code + CODE_ARGCOUNT) >> 2]! !== oparg + (isNull($.self_or_null) ? 0 : 1));
  },
  { guard: true },
);

// The function (version-checked: no varargs, keyword-only or **kwargs parameters) gets its frame
// with the arguments moved into its first locals, and the loop continues in it.
op("_PUSH_FRAME_EXACT_ARGS", "callable, self_or_null, args[oparg] -- res", ($) => {
  let first = $.args;
  let total = oparg;
  if (!isNull($.self_or_null)) {
    first = first - 1;
    total = total + 1;
  }
  const newFrame = ts.pushFrameExactArgs(frame, $.callable, first, total);
  DEAD($.args);
  DEAD($.self_or_null);
  DEAD($.callable);
  ERROR_IF(newFrame === 0);
  ENTER_FRAME(newFrame);
});

macro(
  "CALL_PY_EXACT_ARGS",
  "unused/1 + _CHECK_FUNCTION_VERSION + _CHECK_FUNCTION_EXACT_ARGS + _PUSH_FRAME_EXACT_ARGS",
);

// A bound method of a Python function: every check comes before the method is expanded into its
// function and self (the generator allows no deopt after that side effect).
op(
  "_CHECK_CALL_BOUND_METHOD_EXACT_ARGS",
  "func_version/2, callable, self_or_null, unused[oparg] -- callable, self_or_null, unused[oparg]",
  ($) => {
    EXIT_IF(
      !isNull($.self_or_null) || !ts.isBoundMethodExact($.callable, $.func_version, oparg + 1),
    );
  },
  { guard: true },
);

op(
  "_INIT_CALL_BOUND_METHOD_EXACT_ARGS",
  "callable, self_or_null, unused[oparg] -- callable, self_or_null, unused[oparg]",
  ($) => {
    const method = $.callable;
    $.self_or_null = ts.methodSelf(method);
    $.callable = ts.methodFunc(method);
    close(method);
  },
);

macro(
  "CALL_BOUND_METHOD_EXACT_ARGS",
  "unused/1 + _CHECK_CALL_BOUND_METHOD_EXACT_ARGS + _INIT_CALL_BOUND_METHOD_EXACT_ARGS + _PUSH_FRAME_EXACT_ARGS",
);

// A Python function (version-checked) whose parameters need the general binder: defaults,
// keyword-only parameters with defaults, *args, **kwargs.
op("_PUSH_FRAME_GENERAL", "callable, self_or_null, args[oparg] -- res", ($) => {
  let first = $.args;
  let total = oparg;
  if (!isNull($.self_or_null)) {
    first = first - 1;
    total = total + 1;
  }
  const newFrame = ts.pushFrame(frame, $.callable, first, total);
  DEAD($.args);
  DEAD($.self_or_null);
  DEAD($.callable);
  ERROR_IF(newFrame === 0);
  ENTER_FRAME(newFrame);
});

macro("CALL_PY_GENERAL", "unused/1 + _CHECK_FUNCTION_VERSION + _PUSH_FRAME_GENERAL");

// A bound method of a Python function (version-checked) whose parameters need the general binder:
// expanded into its function and self as CALL_BOUND_METHOD_EXACT_ARGS does, then bound as
// CALL_PY_GENERAL binds.
op(
  "_CHECK_METHOD_VERSION",
  "func_version/2, callable, self_or_null, unused[oparg] -- callable, self_or_null, unused[oparg]",
  ($) => {
    EXIT_IF(!isNull($.self_or_null) || !ts.isMethodOfVersion($.callable, $.func_version));
  },
  { guard: true },
);

macro(
  "CALL_BOUND_METHOD_GENERAL",
  "unused/1 + _CHECK_METHOD_VERSION + _INIT_CALL_BOUND_METHOD_EXACT_ARGS + _PUSH_FRAME_GENERAL",
);

// A builtin function or method (CPython's CALL_BUILTIN_FAST and CALL_METHOD_DESCRIPTOR_FAST): its
// implementation is called directly with the positional arguments (self first, when the method
// form of LOAD_ATTR pushed a method descriptor and its instance). The helpers of these members
// steal the callable and the arguments (clearing each slot before closing it), which keeps the
// loop small.
op("_CALL_BUILTIN_FAST", "callable, self_or_null, args[oparg] -- res", ($) => {
  DEOPT_IF(!ts.isBuiltinFunction($.callable));
  const r = ts.callBuiltinSteal($.args - 2, oparg);
  DEAD($.args);
  DEAD($.self_or_null);
  DEAD($.callable);
  ERROR_IF(r === ERROR);
  $.res = r;
});

macro("CALL_BUILTIN_FAST", "unused/1 + unused/2 + _CALL_BUILTIN_FAST");

// The callable is the very object the specializer saw (len, isinstance, type, list.append): the
// specializer keeps a reference to it, so its address cannot be reused by another object.
op(
  "_CHECK_CALLABLE_IS",
  "func_version/2, callable, self_or_null, unused[oparg] -- callable, self_or_null, unused[oparg]",
  ($) => {
    EXIT_IF(isTaggedInt($.callable) || ($.callable & -4) !== $.func_version);
  },
  { guard: true },
);

// len(x), type(x) and isinstance(x, cls): the specializer checked oparg.
op("_CALL_LEN", "callable, self_or_null, args[oparg] -- res", ($) => {
  DEOPT_IF(!isNull($.self_or_null));
  const r = ts.callLenSteal($.args - 2);
  DEAD($.args);
  DEAD($.self_or_null);
  DEAD($.callable);
  ERROR_IF(r === ERROR);
  $.res = r;
});

op("_CALL_TYPE_1", "callable, self_or_null, args[oparg] -- res", ($) => {
  DEOPT_IF(!isNull($.self_or_null));
  const t = ts.typeRefOf(i32[$.args]!);
  DECREF_INPUTS();
  $.res = t;
});

op("_CALL_ISINSTANCE", "callable, self_or_null, args[oparg] -- res", ($) => {
  DEOPT_IF(!isNull($.self_or_null));
  const r = ts.callIsInstanceSteal($.args - 2);
  DEAD($.args);
  DEAD($.self_or_null);
  DEAD($.callable);
  ERROR_IF(r === ERROR);
  $.res = r;
});

// list.append(x) through its method descriptor: self is an exact list; the item is stolen.
op("_CALL_LIST_APPEND", "callable, self_or_null, args[oparg] -- res", ($) => {
  DEOPT_IF(
    isTaggedInt($.self_or_null) ||
      isNull($.self_or_null) ||
      i32[(($.self_or_null & -4) + 4) >> 2]! !== LIST_TYPE,
  );
  const err = ts.listAppend($.self_or_null, i32[$.args]!);
  DEAD($.args);
  close($.self_or_null);
  DEAD($.callable);
  ERROR_IF(err !== 0);
  $.res = PY_NONE;
});

// A builtin class (range, int, enumerate...: static types are immortal), called through its type
// slot with the arguments, which the helper steals.
op("_CALL_BUILTIN_CLASS", "callable, self_or_null, args[oparg] -- res", ($) => {
  DEOPT_IF(!isNull($.self_or_null));
  const r = ts.callClassSteal($.args - 2, oparg);
  DEAD($.args);
  DEAD($.self_or_null);
  DEAD($.callable);
  ERROR_IF(r === ERROR);
  $.res = r;
});

macro("CALL_BUILTIN_CLASS", "unused/1 + _CHECK_CALLABLE_IS + _CALL_BUILTIN_CLASS");
macro("CALL_LEN", "unused/1 + _CHECK_CALLABLE_IS + _CALL_LEN");
macro("CALL_TYPE_1", "unused/1 + _CHECK_CALLABLE_IS + _CALL_TYPE_1");
macro("CALL_ISINSTANCE", "unused/1 + _CHECK_CALLABLE_IS + _CALL_ISINSTANCE");
macro("CALL_LIST_APPEND", "unused/1 + _CHECK_CALLABLE_IS + _CALL_LIST_APPEND");

// A class whose metatype is `type`, with object's allocation and a Python __init__ (CPython's
// CALL_ALLOC_AND_ENTER_INIT): the instance is allocated, a shim frame that checks __init__'s
// result and returns the instance is pushed, and __init__'s frame after it, in this loop.
op(
  "_CHECK_CLASS_VERSION",
  "func_version/2, callable, self_or_null, unused[oparg] -- callable, self_or_null, unused[oparg]",
  ($) => {
    EXIT_IF(!isNull($.self_or_null) || !ts.isClassOfVersion($.callable, $.func_version));
  },
  { guard: true },
);

op("_ALLOC_AND_ENTER_INIT", "callable, self_or_null, args[oparg] -- res", ($) => {
  const newFrame = ts.allocAndEnterInit(frame, $.callable, $.args, oparg);
  DEAD($.args);
  DEAD($.self_or_null);
  DEAD($.callable);
  ERROR_IF(newFrame === 0);
  ENTER_FRAME(newFrame);
});

macro("CALL_ALLOC_AND_ENTER_INIT", "unused/1 + _CHECK_CLASS_VERSION + _ALLOC_AND_ENTER_INIT");

family("CALL", [
  "CALL_PY_EXACT_ARGS",
  "CALL_BOUND_METHOD_EXACT_ARGS",
  "CALL_PY_GENERAL",
  "CALL_BOUND_METHOD_GENERAL",
  "CALL_BUILTIN_FAST",
  "CALL_BUILTIN_CLASS",
  "CALL_LEN",
  "CALL_TYPE_1",
  "CALL_ISINSTANCE",
  "CALL_LIST_APPEND",
  "CALL_ALLOC_AND_ENTER_INIT",
]);

// --- LOAD_ATTR (caches: counter/1, type_version/2, then 6 units that each member lays out) ------
// Instances keep their attributes in their `__dict__` (at the type's dict offset), so the instance
// forms are CPython's "with hint": the entry index of the name in that dict, checked by key
// identity (the name is interned; an entry whose key is the name holds a live value).

op(
  "_SPECIALIZE_LOAD_ATTR",
  "counter/1, owner -- owner",
  ($) => {
    if (ADAPTIVE_COUNTER_TRIGGERS($.counter)) {
      ts.specializeLoadAttr(frame, thisInstr, $.owner, oparg);
      DISPATCH_SAME_OPARG();
    }
    ADVANCE_ADAPTIVE_COUNTER(thisInstr + 1);
  },
  { specializing: true, tier: 1 },
);

// The owner's type is still the one seen (a class change gives it a new version).
op(
  "_GUARD_TYPE_VERSION",
  "type_version/2, owner -- owner",
  ($) => {
    EXIT_IF(
      isTaggedInt($.owner) ||
        i32[(i32[(($.owner & -4) + 4) >> 2]! + TYPE_VERSION) >> 2]! >>> 0 !== $.type_version,
    );
  },
  { guard: true },
);

op(
  "_LOAD_ATTR_INSTANCE_VALUE",
  "name/2, offset/1, index/1, owner -- attr, self_or_null[oparg & 1]",
  ($) => {
    const d = i32[(($.owner & -4) + $.offset) >> 2]!;
    DEOPT_IF(d === NULL);
    const keys = i32[((d & -4) + DICT_KEYS) >> 2]!;
    DEOPT_IF($.index >= i32[(keys + KEYS_NENTRIES) >> 2]!);
    const e = keys + KEYS_HEADER + (4 << i32[(keys + KEYS_LOG2) >> 2]!) + ENTRY_SIZE * $.index;
    DEOPT_IF(!same(i32[(e + ENTRY_KEY) >> 2]!, $.name));
    const v = dup(i32[(e + ENTRY_VALUE) >> 2]!);
    DECREF_INPUTS();
    if (oparg & 1) {
      i32[$.self_or_null] = NULL;
    }
    $.attr = v;
  },
);

// A method call's lookup: the function found on the class (version-guarded), unless the instance's
// own dict has the name.
op(
  "_GUARD_DICT_LACKS_NAME",
  "name/2, offset/1, owner -- owner",
  ($) => {
    const d = i32[(($.owner & -4) + $.offset) >> 2]!;
    DEOPT_IF(d !== NULL && !ts.dictLacksStr(d, $.name));
  },
  { guard: true },
);

// The specializer installs it only when oparg & 1 (the owner becomes the call's self).
op("_LOAD_ATTR_METHOD", "descr/2, owner -- attr, self_or_null[oparg & 1]", ($) => {
  const self = $.owner;
  DEAD($.owner);
  i32[$.self_or_null] = self;
  $.attr = dup($.descr);
});

// An attribute of a class itself (its metatype is `type`, whose attributes never change).
op(
  "_CHECK_ATTR_CLASS",
  "type_version/2, meta/2, owner -- owner",
  ($) => {
    EXIT_IF(isTaggedInt($.owner) || i32[(($.owner & -4) + 4) >> 2]! !== $.meta);
    EXIT_IF(i32[(($.owner & -4) + TYPE_VERSION) >> 2]! >>> 0 !== $.type_version);
  },
  { guard: true },
);

op("_LOAD_ATTR_CLASS", "descr/2, owner -- attr, self_or_null[oparg & 1]", ($) => {
  const v = dup($.descr);
  DECREF_INPUTS();
  if (oparg & 1) {
    i32[$.self_or_null] = NULL;
  }
  $.attr = v;
});

// Either of two classes (siblings that share the layout of their instances' dicts, as subclasses
// of one base often do): a site that sees both stays specialized. The second version repeats the
// first when the site has seen one class.
op(
  "_GUARD_TYPE_VERSION_EITHER",
  "type_version/2, other_version/2, owner -- owner",
  ($) => {
    const v = isTaggedInt($.owner)
      ? -1
      : i32[(i32[(($.owner & -4) + 4) >> 2]! + TYPE_VERSION) >> 2]! >>> 0;
    EXIT_IF(v !== $.type_version && v !== $.other_version);
  },
  { guard: true },
);

macro(
  "LOAD_ATTR_INSTANCE_VALUE",
  "unused/1 + _GUARD_TYPE_VERSION_EITHER + _LOAD_ATTR_INSTANCE_VALUE",
);
// A module's dict sits at its type's dict offset too, and is never NULL.
macro("LOAD_ATTR_MODULE", "unused/1 + _GUARD_TYPE_VERSION + _LOAD_ATTR_INSTANCE_VALUE + unused/2");
macro(
  "LOAD_ATTR_METHOD_WITH_VALUES",
  "unused/1 + _GUARD_TYPE_VERSION + _GUARD_DICT_LACKS_NAME + unused/1 + _LOAD_ATTR_METHOD",
);
macro("LOAD_ATTR_METHOD_NO_DICT", "unused/1 + _GUARD_TYPE_VERSION + unused/4 + _LOAD_ATTR_METHOD");
macro("LOAD_ATTR_CLASS", "unused/1 + _CHECK_ATTR_CLASS + _LOAD_ATTR_CLASS + unused/2");

// A property whose getter is a Python function of one parameter (version-checked): its frame is
// pushed with the owner as that parameter, in this loop; its result lands where the attribute goes.
// The specializer installs it only without the method bit.
op(
  "_LOAD_ATTR_PROPERTY_FRAME",
  "fget/2, func_version/2, owner -- attr, self_or_null[oparg & 1]",
  ($) => {
    DEOPT_IF(i32[($.fget + FUNC_VERSION) >> 2]! >>> 0 !== $.func_version);
    const newFrame = ts.pushPropertyFrame(frame, $.fget, $.owner);
    DEAD($.owner);
    ERROR_IF(newFrame === 0);
    ENTER_FRAME(newFrame);
  },
);

macro(
  "LOAD_ATTR_PROPERTY",
  "unused/1 + _GUARD_TYPE_VERSION + _LOAD_ATTR_PROPERTY_FRAME + unused/2",
);

// A `__slots__` field (a member descriptor of the version-guarded class): the field at byte offset
// `index` of the instance. An unset field deopts (the generic path raises the AttributeError).
op("_LOAD_ATTR_SLOT", "index/1, owner -- attr, self_or_null[oparg & 1]", ($) => {
  const field = i32[(($.owner & -4) + $.index) >> 2]!;
  DEOPT_IF(field === NULL);
  const v = dup(field);
  DECREF_INPUTS();
  if (oparg & 1) {
    i32[$.self_or_null] = NULL;
  }
  $.attr = v;
});

macro("LOAD_ATTR_SLOT", "unused/1 + _GUARD_TYPE_VERSION + _LOAD_ATTR_SLOT + unused/5");

// A class whose `__getattribute__` is a Python function of two parameters (version-checked; the
// class has no `__getattr__`): its frame is pushed in this loop with the owner and the name, as
// LOAD_ATTR_PROPERTY pushes a getter's. The specializer installs it only without the method bit.
op(
  "_LOAD_ATTR_GETATTRIBUTE_OVERRIDDEN",
  "func_version/2, getattribute/2, owner -- attr, self_or_null[oparg & 1]",
  ($) => {
    DEOPT_IF(i32[($.getattribute + FUNC_VERSION) >> 2]! >>> 0 !== $.func_version);
    const newFrame = ts.pushGetattributeFrame(frame, $.getattribute, $.owner, oparg >> 1);
    DEAD($.owner);
    ERROR_IF(newFrame === 0);
    ENTER_FRAME(newFrame);
  },
);

macro(
  "LOAD_ATTR_GETATTRIBUTE_OVERRIDDEN",
  "unused/1 + _GUARD_TYPE_VERSION + _LOAD_ATTR_GETATTRIBUTE_OVERRIDDEN + unused/2",
);

family("LOAD_ATTR", [
  "LOAD_ATTR_INSTANCE_VALUE",
  "LOAD_ATTR_MODULE",
  "LOAD_ATTR_METHOD_WITH_VALUES",
  "LOAD_ATTR_METHOD_NO_DICT",
  "LOAD_ATTR_CLASS",
  "LOAD_ATTR_PROPERTY",
  "LOAD_ATTR_SLOT",
  "LOAD_ATTR_GETATTRIBUTE_OVERRIDDEN",
]);

// --- STORE_ATTR (caches: counter/1, type_version/2, hint/1) -------------------------------------

op(
  "_SPECIALIZE_STORE_ATTR",
  "counter/1, owner -- owner",
  ($) => {
    if (ADAPTIVE_COUNTER_TRIGGERS($.counter)) {
      ts.specializeStoreAttr(frame, thisInstr, $.owner, oparg);
      DISPATCH_SAME_OPARG();
    }
    ADVANCE_ADAPTIVE_COUNTER(thisInstr + 1);
  },
  { specializing: true, tier: 1 },
);

// Replace the value of an existing attribute in place. hint: the dict offset / 4 in the top four
// bits, the entry index in the low twelve.
op("_STORE_ATTR_INSTANCE_VALUE", "hint/1, v, owner --", ($) => {
  const d = i32[(($.owner & -4) + (($.hint >> 12) << 2)) >> 2]!;
  DEOPT_IF(d === NULL);
  const keys = i32[((d & -4) + DICT_KEYS) >> 2]!;
  const ix = $.hint & 4095;
  DEOPT_IF(ix >= i32[(keys + KEYS_NENTRIES) >> 2]!);
  const e = keys + KEYS_HEADER + (4 << i32[(keys + KEYS_LOG2) >> 2]!) + ENTRY_SIZE * ix;
  const names = i32[(i32[(frame + FRAME_CODE) >> 2]! + CODE_NAMES) >> 2]! & -4;
  DEOPT_IF(!same(i32[(e + ENTRY_KEY) >> 2]!, i32[((names + TUPLE_ITEMS) >> 2) + oparg]!));
  const old = i32[(e + ENTRY_VALUE) >> 2]!;
  i32[(e + ENTRY_VALUE) >> 2] = makeHeapSafe($.v);
  DEAD($.v);
  ts.dictChangedInPlace(d & -4);
  close($.owner);
  close(old);
});

macro("STORE_ATTR_INSTANCE_VALUE", "unused/1 + _GUARD_TYPE_VERSION + _STORE_ATTR_INSTANCE_VALUE");

// Any other store of a plain attribute (adding one included): straight into the instance dict at
// the type's dict offset (hint), which is made on first use; no descriptor is consulted.
op("_STORE_ATTR_WITH_HINT", "hint/1, v, owner --", ($) => {
  const err = ts.storeAttrWithHint(frame, $.owner, $.v, oparg, $.hint);
  DECREF_INPUTS();
  ERROR_IF(err !== 0);
});

macro("STORE_ATTR_WITH_HINT", "unused/1 + _GUARD_TYPE_VERSION + _STORE_ATTR_WITH_HINT");

// A `__slots__` field of the version-guarded class, at byte offset `index` of the instance.
op("_STORE_ATTR_SLOT", "index/1, v, owner --", ($) => {
  const at = (($.owner & -4) + $.index) >> 2;
  const old = i32[at]!;
  i32[at] = makeHeapSafe($.v);
  DEAD($.v);
  close($.owner);
  xclose(old);
});

macro("STORE_ATTR_SLOT", "unused/1 + _GUARD_TYPE_VERSION + _STORE_ATTR_SLOT");

family("STORE_ATTR", ["STORE_ATTR_INSTANCE_VALUE", "STORE_ATTR_WITH_HINT", "STORE_ATTR_SLOT"]);

// --- STORE_SUBSCR (caches: counter/1) -----------------------------------------------------------

op(
  "_SPECIALIZE_STORE_SUBSCR",
  "counter/1, container, sub -- container, sub",
  ($) => {
    if (ADAPTIVE_COUNTER_TRIGGERS($.counter)) {
      ts.specializeStoreSubscr(thisInstr, $.container, $.sub);
      DISPATCH_SAME_OPARG();
    }
    ADVANCE_ADAPTIVE_COUNTER(thisInstr + 1);
  },
  { specializing: true, tier: 1 },
);

op("_STORE_SUBSCR_LIST_INT", "v, container, sub --", ($) => {
  const i = untagInt($.sub);
  const l = $.container & -4;
  DEOPT_IF(i < 0 || i >= i32[(l + LIST_LENGTH) >> 2]!);
  const slot = (i32[(l + LIST_ITEMS) >> 2]! >> 2) + i;
  const old = i32[slot]!;
  i32[slot] = makeHeapSafe($.v);
  DEAD($.v);
  DEAD($.sub);
  close($.container);
  close(old);
});

macro(
  "STORE_SUBSCR_LIST_INT",
  "unused/1 + _GUARD_TOS_INT + _GUARD_NOS_LIST + _STORE_SUBSCR_LIST_INT",
);

op("_STORE_SUBSCR_DICT", "v, container, sub --", ($) => {
  const err = ts.dictStore($.container, $.sub, $.v);
  DECREF_INPUTS();
  ERROR_IF(err !== 0);
});

macro("STORE_SUBSCR_DICT", "unused/1 + _GUARD_NOS_DICT + _STORE_SUBSCR_DICT");

family("STORE_SUBSCR", ["STORE_SUBSCR_LIST_INT", "STORE_SUBSCR_DICT"]);

// --- UNPACK_SEQUENCE (caches: counter/1) --------------------------------------------------------
// The outputs are written below the old top (the first at the sequence's own slot), so the
// sequence is taken into a local first and closed last.

op(
  "_SPECIALIZE_UNPACK_SEQUENCE",
  "counter/1, seq -- seq",
  ($) => {
    if (ADAPTIVE_COUNTER_TRIGGERS($.counter)) {
      ts.specializeUnpackSequence(thisInstr, $.seq, oparg);
      DISPATCH_SAME_OPARG();
    }
    ADVANCE_ADAPTIVE_COUNTER(thisInstr + 1);
  },
  { specializing: true, tier: 1 },
);

op("_UNPACK_SEQUENCE_TWO_TUPLE", "seq -- output[oparg]", ($) => {
  const t = $.seq & -4;
  DEOPT_IF(isTaggedInt($.seq) || i32[(t + 4) >> 2]! !== TUPLE_TYPE);
  DEOPT_IF(i32[(t + TUPLE_LENGTH) >> 2]! !== 2);
  const owned = $.seq;
  DEAD($.seq);
  const a = dup(i32[(t + TUPLE_ITEMS) >> 2]!);
  i32[$.output] = dup(i32[((t + TUPLE_ITEMS) >> 2) + 1]!);
  i32[$.output + 1] = a;
  close(owned);
});

op("_UNPACK_SEQUENCE_TUPLE", "seq -- output[oparg]", ($) => {
  const t = $.seq & -4;
  DEOPT_IF(isTaggedInt($.seq) || i32[(t + 4) >> 2]! !== TUPLE_TYPE);
  DEOPT_IF(i32[(t + TUPLE_LENGTH) >> 2]! !== oparg);
  const owned = $.seq;
  DEAD($.seq);
  const items = (t + TUPLE_ITEMS) >> 2;
  for (let k = 0; k < oparg; k++) {
    i32[$.output + k] = dup(i32[items + oparg - 1 - k]!);
  }
  close(owned);
});

op("_UNPACK_SEQUENCE_LIST", "seq -- output[oparg]", ($) => {
  const l = $.seq & -4;
  DEOPT_IF(isTaggedInt($.seq) || i32[(l + 4) >> 2]! !== LIST_TYPE);
  DEOPT_IF(i32[(l + LIST_LENGTH) >> 2]! !== oparg);
  const owned = $.seq;
  DEAD($.seq);
  const items = i32[(l + LIST_ITEMS) >> 2]! >> 2;
  for (let k = 0; k < oparg; k++) {
    i32[$.output + k] = dup(i32[items + oparg - 1 - k]!);
  }
  close(owned);
});

macro("UNPACK_SEQUENCE_TWO_TUPLE", "unused/1 + _UNPACK_SEQUENCE_TWO_TUPLE");
macro("UNPACK_SEQUENCE_TUPLE", "unused/1 + _UNPACK_SEQUENCE_TUPLE");
macro("UNPACK_SEQUENCE_LIST", "unused/1 + _UNPACK_SEQUENCE_LIST");

family("UNPACK_SEQUENCE", [
  "UNPACK_SEQUENCE_TWO_TUPLE",
  "UNPACK_SEQUENCE_TUPLE",
  "UNPACK_SEQUENCE_LIST",
]);

// --- FOR_ITER (caches: counter/1) ---------------------------------------------------------------

op(
  "_SPECIALIZE_FOR_ITER",
  "counter/1, iter, null_or_index -- iter, null_or_index",
  ($) => {
    if (ADAPTIVE_COUNTER_TRIGGERS($.counter)) {
      ts.specializeForIter(thisInstr, $.iter, $.null_or_index);
      DISPATCH_SAME_OPARG();
    }
    ADVANCE_ADAPTIVE_COUNTER(thisInstr + 1);
  },
  { specializing: true, tier: 1 },
);

// An exact list or tuple is always iterated by a tagged index (GET_ITER).
op(
  "_ITER_CHECK_LIST",
  "iter, null_or_index -- iter, null_or_index",
  ($) => {
    EXIT_IF(isTaggedInt($.iter) || i32[(($.iter & -4) + 4) >> 2]! !== LIST_TYPE);
  },
  { guard: true },
);

op(
  "_ITER_CHECK_TUPLE",
  "iter, null_or_index -- iter, null_or_index",
  ($) => {
    EXIT_IF(isTaggedInt($.iter) || i32[(($.iter & -4) + 4) >> 2]! !== TUPLE_TYPE);
  },
  { guard: true },
);

op(
  "_ITER_CHECK_RANGE",
  "iter, null_or_index -- iter, null_or_index",
  ($) => {
    EXIT_IF(isTaggedInt($.iter) || i32[(($.iter & -4) + 4) >> 2]! !== RANGEITER_TYPE);
  },
  { guard: true },
);

op("_ITER_NEXT_LIST", "iter, null_or_index -- iter, null_or_index, next", ($) => {
  const i = untagInt($.null_or_index);
  const l = $.iter & -4;
  if (i >= i32[(l + LIST_LENGTH) >> 2]!) {
    JUMPBY(oparg + 1);
    DISPATCH();
  }
  $.null_or_index = tagInt(i + 1);
  $.next = dup(i32[(i32[(l + LIST_ITEMS) >> 2]! >> 2) + i]!);
});

op("_ITER_NEXT_TUPLE", "iter, null_or_index -- iter, null_or_index, next", ($) => {
  const i = untagInt($.null_or_index);
  const t = $.iter & -4;
  if (i >= i32[(t + TUPLE_LENGTH) >> 2]!) {
    JUMPBY(oparg + 1);
    DISPATCH();
  }
  $.null_or_index = tagInt(i + 1);
  $.next = dup(i32[((t + TUPLE_ITEMS) >> 2) + i]!);
});

// The range iterator keeps f64 fields; a value past the tagged range goes through the head.
op("_ITER_NEXT_RANGE", "iter, null_or_index -- iter, null_or_index, next", ($) => {
  const r = $.iter & -4;
  const v = f64[(r + RANGEITER_NEXT) >> 3]!;
  DEOPT_IF((v << 2) >> 2 !== v);
  const left = f64[(r + RANGEITER_LEFT) >> 3]!;
  if (left <= 0) {
    JUMPBY(oparg + 1);
    DISPATCH();
  }
  f64[(r + RANGEITER_LEFT) >> 3] = left - 1;
  f64[(r + RANGEITER_NEXT) >> 3] = v + f64[(r + RANGEITER_STEP) >> 3]!;
  $.next = tagInt(v);
});

macro("FOR_ITER_LIST", "unused/1 + _ITER_CHECK_LIST + _ITER_NEXT_LIST");
macro("FOR_ITER_TUPLE", "unused/1 + _ITER_CHECK_TUPLE + _ITER_NEXT_TUPLE");
macro("FOR_ITER_RANGE", "unused/1 + _ITER_CHECK_RANGE + _ITER_NEXT_RANGE");

// A generator (exact, suspended) runs in this loop: CPython's FOR_ITER_GEN. When it returns, the
// caller continues at the END_FOR, which pops the return value.
op("_FOR_ITER_GEN_FRAME", "iter, null_or_index -- iter, null_or_index, next", ($) => {
  DEOPT_IF(!ts.isResumableGen($.iter));
  const genFrame = ts.pushGenFrame(frame, $.iter, PY_NONE, nextInstr + oparg);
  ERROR_IF(genFrame === 0);
  ENTER_FRAME(genFrame);
});

macro("FOR_ITER_GEN", "unused/1 + _FOR_ITER_GEN_FRAME");

// An iterator whose class defines `__next__` in Python (Skein's): the method's frame is pushed in
// this loop over a shim frame; a value it returns goes to the loop's body, and a StopIteration it
// raises ends the loop (CHECK_STOP_ITERATION, the shim's exception handler).
op("_FOR_ITER_PY_NEXT_FRAME", "iter, null_or_index -- iter, null_or_index, next", ($) => {
  const method = ts.iterNextDunderOf($.iter, $.null_or_index);
  DEOPT_IF(method === 0);
  const newFrame = ts.pushIterNextFrames(frame, method, $.iter);
  ERROR_IF(newFrame === 0);
  ENTER_FRAME(newFrame);
});

macro("FOR_ITER_PY_NEXT", "unused/1 + _FOR_ITER_PY_NEXT_FRAME");

family("FOR_ITER", [
  "FOR_ITER_LIST",
  "FOR_ITER_TUPLE",
  "FOR_ITER_RANGE",
  "FOR_ITER_GEN",
  "FOR_ITER_PY_NEXT",
]);

// --- SEND (caches: counter/1) -------------------------------------------------------------------

op(
  "_SPECIALIZE_SEND",
  "counter/1, receiver, unused -- receiver, unused",
  ($) => {
    if (ADAPTIVE_COUNTER_TRIGGERS($.counter)) {
      ts.specializeSend(thisInstr, $.receiver);
      DISPATCH_SAME_OPARG();
    }
    ADVANCE_ADAPTIVE_COUNTER(thisInstr + 1);
  },
  { specializing: true, tier: 1 },
);

// A generator or coroutine (exact, suspended) receives `v` in this loop: CPython's SEND_GEN. When
// it returns, the caller continues at the jump target (END_SEND).
op("_SEND_GEN_FRAME", "receiver, v -- receiver, retval", ($) => {
  DEOPT_IF(!ts.isResumableGen($.receiver));
  const genFrame = ts.pushGenFrame(frame, $.receiver, $.v, nextInstr + oparg);
  DEAD($.v);
  ERROR_IF(genFrame === 0);
  ENTER_FRAME(genFrame);
});

macro("SEND_GEN", "unused/1 + _SEND_GEN_FRAME");

family("SEND", ["SEND_GEN"]);

// --- TO_BOOL (caches: counter/1, type_version/2) ------------------------------------------------

op(
  "_SPECIALIZE_TO_BOOL",
  "counter/1, value -- value",
  ($) => {
    if (ADAPTIVE_COUNTER_TRIGGERS($.counter)) {
      ts.specializeToBool(thisInstr, $.value);
      DISPATCH_SAME_OPARG();
    }
    ADVANCE_ADAPTIVE_COUNTER(thisInstr + 1);
  },
  { specializing: true, tier: 1 },
);

op(
  "_TO_BOOL_BOOL",
  "value -- value",
  ($) => {
    EXIT_IF($.value !== PY_TRUE && $.value !== PY_FALSE);
  },
  { pure: true },
);

op(
  "_TO_BOOL_INT",
  "value -- res",
  ($) => {
    EXIT_IF(!isTaggedInt($.value));
    const r = $.value !== tagInt(0);
    DEAD($.value);
    $.res = r ? PY_TRUE : PY_FALSE;
  },
  { pure: true },
);

op(
  "_TO_BOOL_NONE",
  "value -- res",
  ($) => {
    EXIT_IF($.value !== PY_NONE);
    DEAD($.value);
    $.res = PY_FALSE;
  },
  { pure: true },
);

op("_TO_BOOL_LIST", "value -- res", ($) => {
  EXIT_IF(isTaggedInt($.value) || i32[(($.value & -4) + 4) >> 2]! !== LIST_TYPE);
  const r = i32[(($.value & -4) + LIST_LENGTH) >> 2]! !== 0;
  close($.value);
  $.res = r ? PY_TRUE : PY_FALSE;
});

// An instance of a class without __bool__ and __len__ (version-guarded) is true.
op("_REPLACE_WITH_TRUE", "value -- res", ($) => {
  close($.value);
  $.res = PY_TRUE;
});

op("_TO_BOOL_STR", "value -- res", ($) => {
  EXIT_IF(!ts.isExactStr($.value));
  const r = ts.strNonEmpty($.value);
  close($.value);
  $.res = r ? PY_TRUE : PY_FALSE;
});

macro("TO_BOOL_STR", "unused/1 + unused/2 + _TO_BOOL_STR");
macro("TO_BOOL_BOOL", "unused/1 + unused/2 + _TO_BOOL_BOOL");
macro("TO_BOOL_INT", "unused/1 + unused/2 + _TO_BOOL_INT");
macro("TO_BOOL_NONE", "unused/1 + unused/2 + _TO_BOOL_NONE");
macro("TO_BOOL_LIST", "unused/1 + unused/2 + _TO_BOOL_LIST");
macro("TO_BOOL_ALWAYS_TRUE", "unused/1 + _GUARD_TYPE_VERSION + _REPLACE_WITH_TRUE");

family("TO_BOOL", [
  "TO_BOOL_BOOL",
  "TO_BOOL_INT",
  "TO_BOOL_NONE",
  "TO_BOOL_LIST",
  "TO_BOOL_ALWAYS_TRUE",
  "TO_BOOL_STR",
]);
