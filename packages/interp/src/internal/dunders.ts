// The operator methods of Python classes run in the interpreter's loop (BINARY_OP_PY_DUNDER,
// BINARY_OP_SUBSCR_GETITEM, COMPARE_OP_PY_DUNDER): which Python function an operator would call,
// and the shim code that checks its result (CHECK_DUNDER_RESULT).
import { type CodeUnit, Opcode } from "@skein/bytecode";
import {
  BINOP_DUNDERS,
  COMPARE_DUNDERS,
  NB,
  type ObjectSpace,
  type PyType,
  typeLookup,
} from "@skein/objects";
import { ERROR, NULL, type StackRef, TAG_INT, TAG_MASK } from "@skein/stackref";
import { shimUnit } from "./specialized.js";

/** CHECK_DUNDER_RESULT's oparg: after an in-place method (| BINARY_OP's oparg). */
export const SHIM_AFTER_INPLACE = 32;
/** CHECK_DUNDER_RESULT's oparg: a comparison (| op << 1 | coerce-to-bool). */
export const SHIM_COMPARE = 128;
/** The shim kinds other than CHECK_DUNDER_RESULT's opargs (0-255): `__init__`'s, `__next__`'s. */
export const SHIM_INIT = 256;
export const SHIM_ITER_NEXT = 257;

/** `name` of class `t` when a class defined in Python defines it as a plain function: its address. */
function pyMethod(s: ObjectSpace, t: PyType, name: string): number {
  const found = typeLookup(s, t, name);
  if (found === null || found.kind !== "value" || !found.owner.heap) return 0;
  const f = found.ref;
  return (f & TAG_MASK) !== TAG_INT && s.typeAddrOf(f) === s.b.function.addr ? f & ~TAG_MASK : 0;
}

/** The class of a Python class's instance, or null (a tagged int, a builtin type's instance). */
function heapTypeOf(s: ObjectSpace, v: StackRef): PyType | null {
  if ((v & TAG_MASK) === TAG_INT) return null;
  const t = s.typeOf(v);
  return t.heap ? t : null;
}

/**
 * Whether `right`'s reflected method is not due before `left`'s own: `right`'s class is `t` or a
 * builtin type (which cannot derive from a Python class).
 */
function leftFirst(s: ObjectSpace, t: PyType, right: StackRef): boolean {
  if ((right & TAG_MASK) === TAG_INT) return true;
  const rt = s.typeOf(right);
  return !rt.heap || rt === t;
}

/**
 * The Python function operator `nb` (a BINARY_OP oparg) runs first for `left` and `right`, as the
 * class's binop slot would call it, | 1 when it is the in-place method; 0 when there is none or
 * the protocol would call something else first.
 */
export function binaryDunderOf(
  s: ObjectSpace,
  left: StackRef,
  right: StackRef,
  nb: number,
): number {
  const t = heapTypeOf(s, left);
  if (t === null) return 0;
  if (nb === NB.SUBSCR) return pyMethod(s, t, "__getitem__");
  if (!leftFirst(s, t, right)) return 0;
  if (nb < NB.INPLACE_ADD) return pyMethod(s, t, BINOP_DUNDERS[nb]![0]);
  const names = BINOP_DUNDERS[nb - NB.INPLACE_ADD]!;
  const inplace = pyMethod(s, t, names[2]);
  if (inplace !== 0) return inplace | 1;
  // Without the in-place method the in-place slot of the nearest builtin base would run first;
  // object has none, so the plain method is next.
  if (t.builtin !== s.b.object || typeLookup(s, t, names[2]) !== null) return 0;
  return pyMethod(s, t, names[0]);
}

/** The rich comparison method COMPARE_OP (its oparg) runs first, as binaryDunderOf. */
export function compareDunderOf(
  s: ObjectSpace,
  left: StackRef,
  right: StackRef,
  oparg: number,
): number {
  const t = heapTypeOf(s, left);
  if (t === null || !leftFirst(s, t, right)) return 0;
  return pyMethod(s, t, COMPARE_DUNDERS[oparg >> 5]!);
}

/** CHECK_DUNDER_RESULT: the operator's result (a new reference) or ERROR; all borrowed. */
export function checkDunderResult(
  s: ObjectSpace,
  left: StackRef,
  right: StackRef,
  res: StackRef,
  oparg: number,
): StackRef {
  let r: StackRef;
  if ((res & ~TAG_MASK) !== s.notImplementedAddr) r = s.refs.dup(res);
  else if ((oparg & SHIM_COMPARE) === 0) {
    return s.binaryOpAfterLeft(left, right, oparg & 31, (oparg & SHIM_AFTER_INPLACE) !== 0);
  } else r = s.richCompareAfterLeft(left, right, (oparg >> 1) & 7);
  if ((oparg & SHIM_COMPARE) === 0 || (oparg & 1) === 0 || r === ERROR) return r;
  if (r === s.True || r === s.False) return r;
  const truth = s.isTrue(r);
  s.refs.close(r);
  return truth < 0 ? ERROR : s.bool(truth === 1);
}

/** The code of the shim frame under an operator method's frame (see CHECK_DUNDER_RESULT). */
export function dunderShimUnit(oparg: number): CodeUnit {
  const code = new Uint16Array([Opcode.CHECK_DUNDER_RESULT | (oparg << 8), Opcode.RETURN_VALUE]);
  const compare = (oparg & SHIM_COMPARE) !== 0;
  const name = compare
    ? COMPARE_DUNDERS[(oparg >> 1) & 7]!
    : BINOP_DUNDERS[(oparg & 31) % NB.INPLACE_ADD]![(oparg & 31) >= NB.INPLACE_ADD ? 2 : 0];
  // The operands, the method's result, and room for the method's arguments (see
  // ThreadState.pushDunderFrames).
  return shimUnit(name, "<dunder shim>", code, 5);
}

/**
 * `__next__` of `iter`'s class when it is a Python function and the loop iterates through it
 * (`nullOrIndex` is NULL, not a list or tuple index): its address, else 0.
 */
export function iterNextDunderOf(s: ObjectSpace, iter: StackRef, nullOrIndex: StackRef): number {
  if (nullOrIndex !== NULL) return 0;
  const t = heapTypeOf(s, iter);
  return t === null ? 0 : pyMethod(s, t, "__next__");
}

/**
 * The code of the shim frame under `__next__`'s frame (FOR_ITER_PY_NEXT): the value returned goes
 * on to the caller; an exception raised lands on CHECK_STOP_ITERATION.
 */
export function iterNextShimUnit(): CodeUnit {
  return shimUnit(
    "__next__",
    "<dunder shim>",
    new Uint16Array([Opcode.RETURN_VALUE, Opcode.CHECK_STOP_ITERATION, Opcode.RETURN_VALUE]),
    2,
    [{ start: 0, end: 1, target: 1, depth: 0, lasti: false }],
  );
}

/**
 * The END_FOR of the FOR_ITER before u16 index `next` (a frame's instruction pointer after the
 * FOR_ITER and its cache entry): its jump target, with EXTENDED_ARG prefixes.
 */
export function forIterEnd(u16: Uint16Array, next: number): number {
  let at = next - 2;
  let oparg = u16[at]! >> 8;
  for (let shift = 8; (u16[at - 1]! & 0xff) === Opcode.EXTENDED_ARG; shift += 8) {
    at--;
    oparg |= (u16[at]! >> 8) << shift;
  }
  return next + oparg;
}

/** The shim oparg of COMPARE_OP's oparg. */
export function compareShimOparg(oparg: number): number {
  return SHIM_COMPARE | ((oparg >> 5) << 1) | ((oparg >> 4) & 1);
}
