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
  DEAD,
  DECREF_INPUTS,
  DEOPT_IF,
  DICT_KEYS,
  DICT_VERSION,
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
  KEYS_HEADER,
  KEYS_LOG2,
  KEYS_NENTRIES,
  oparg,
  PY_FALSE,
  PY_TRUE,
  same,
  TUPLE_ITEMS,
  thisInstr,
  ts,
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

family("BINARY_OP", [
  "BINARY_OP_ADD_INT",
  "BINARY_OP_SUBTRACT_INT",
  "BINARY_OP_MULTIPLY_INT",
  "BINARY_OP_ADD_FLOAT",
  "BINARY_OP_SUBTRACT_FLOAT",
  "BINARY_OP_MULTIPLY_FLOAT",
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

family("COMPARE_OP", ["COMPARE_OP_INT", "COMPARE_OP_FLOAT"]);

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
op("_LOAD_GLOBAL_MODULE", "index/1 -- res", ($) => {
  const keys = i32[(i32[(frame + FRAME_GLOBALS) >> 2]! + DICT_KEYS) >> 2]!;
  DEOPT_IF($.index >= i32[(keys + KEYS_NENTRIES) >> 2]!);
  const e = keys + KEYS_HEADER + (4 << i32[(keys + KEYS_LOG2) >> 2]!) + ENTRY_SIZE * $.index;
  const names = i32[(i32[(frame + FRAME_CODE) >> 2]! + CODE_NAMES) >> 2]! & -4;
  DEOPT_IF(!same(i32[(e + ENTRY_KEY) >> 2]!, i32[((names + TUPLE_ITEMS) >> 2) + (oparg >> 1)]!));
  $.res = dup(i32[(e + ENTRY_VALUE) >> 2]!);
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
  $.res = dup(i32[(e + ENTRY_VALUE) >> 2]!);
});

macro("LOAD_GLOBAL_MODULE", "unused/1 + unused/2 + _LOAD_GLOBAL_MODULE + _PUSH_NULL_CONDITIONAL");
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

family("CALL", ["CALL_PY_EXACT_ARGS"]);
