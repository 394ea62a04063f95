// The instance layout of a new class (CPython's type_new_slots and type_new_descriptors): the
// fields its `__slots__` names, each read and written through a member_descriptor in the class
// namespace, then a `__dict__` slot unless `__slots__` leaves it out (or a base has one).
import { ERROR, NULL, type StackRef, TAG_MASK } from "@skein/stackref";
import { collect } from "./constructors.js";
import { newGetSetDescriptor } from "./descr.js";
import { dictSetItem } from "./dict.js";
import { addInstanceDescriptors } from "./introspect.js";
import type { ObjectSpace } from "./space.js";
import { isStr, strValue } from "./str.js";
import type { GetSet, PyType } from "./type.js";

/** Classes whose own __slots__ add fields: each is the solid base of its subclasses. */
const slotted = new WeakSet<PyType>();

export function addsSlots(t: PyType): boolean {
  return slotted.has(t);
}

/** Private-name mangling of a slot name (`__x` in class `_C` is `_C__x`). */
function mangle(className: string, name: string): string {
  if (!name.startsWith("__") || name.endsWith("__")) return name;
  const stripped = className.replace(/^_+/, "");
  return stripped === "" ? name : `_${stripped}${name}`;
}

/** The names a `__slots__` value lists (a str is one name); null with the exception set. */
function slotNames(s: ObjectSpace, value: StackRef): string[] | null {
  const items = isStr(s, value) ? [s.refs.asOwned(value)] : collect(s, value);
  if (items === null) return null;
  const names: string[] = [];
  let ok = true;
  for (const item of items) {
    if (ok && !isStr(s, item)) {
      s.raise(s.b.TypeError, `__slots__ items must be strings, not '${s.typeOf(item).name}'`);
      ok = false;
    } else if (ok) {
      const name = strValue(s, item);
      if (!/^[\p{L}_][\p{L}\p{N}_]*$/u.test(name)) {
        s.raise(s.b.TypeError, "__slots__ must be identifiers");
        ok = false;
      }
      names.push(name);
    }
    s.refs.close(item);
  }
  return ok ? names : null;
}

/** Get and set one field of an instance (a logical offset past the builtin part). */
function fieldAccess(s: ObjectSpace, owner: PyType, name: string, offset: number): GetSet {
  const at = (obj: StackRef) => {
    const addr = obj & ~TAG_MASK;
    return (addr + offset + s.typeOf(obj).fieldDelta(addr)) >> 2;
  };
  const missing = (obj: StackRef) =>
    s.raise(s.b.AttributeError, `'${s.typeOf(obj).name}' object has no attribute '${name}'`);
  void owner;
  return {
    offset,
    get: (obj) => {
      const v = s.i32[at(obj)]!;
      return v === NULL ? missing(obj) : s.refs.asOwned(v);
    },
    set: (obj, value) => {
      const i = at(obj);
      const old = s.i32[i]!;
      if (value === NULL && old === NULL) {
        missing(obj);
        return -1;
      }
      s.i32[i] = value === NULL ? NULL : s.refs.asOwned(value);
      s.refs.close(old);
      return 0;
    },
  };
}

/**
 * Lay out the instances of class `t` over `solid` (its layout base): basicSize, dictOffset, and
 * the member, `__dict__` and `__weakref__` descriptors in its namespace. 0 or -1.
 */
export function classLayout(s: ObjectSpace, t: PyType, solid: PyType): number {
  t.basicSize = solid.basicSize;
  t.dictOffset = solid.dictOffset;
  const slotsRef = s.dictGetStr(t.dict, "__slots__");
  if (slotsRef === ERROR) return -1;
  const names = slotsRef === NULL ? null : slotNames(s, slotsRef);
  if (slotsRef !== NULL && names === null) return -1;
  const wantDict = names === null || names.includes("__dict__");
  const wantWeakref = names === null || names.includes("__weakref__");
  const fields = (names ?? []).filter((n) => n !== "__dict__" && n !== "__weakref__");
  if (names?.includes("__dict__") && t.dictOffset !== 0) {
    s.raise(s.b.TypeError, "__dict__ slot disallowed: we already got one");
    return -1;
  }
  if (fields.length > 0 && t.builtin.varSize !== null) {
    s.raise(s.b.TypeError, `nonempty __slots__ not supported for subtype of '${t.builtin.name}'`);
    return -1;
  }
  for (const field of fields) {
    const name = mangle(t.name, field);
    if (s.dictGetStr(t.dict, name) !== NULL) {
      s.raise(s.b.ValueError, `'${field}' in __slots__ conflicts with class variable`);
      return -1;
    }
    const d = newGetSetDescriptor(
      s,
      t,
      name,
      fieldAccess(s, t, name, t.basicSize),
      s.b.member_descriptor,
    );
    if (d === ERROR) return -1;
    const r = dictSetItem(s, t.dict, s.intern(name), d);
    s.refs.close(d);
    if (r < 0) return -1;
    t.basicSize += 4;
  }
  if (fields.length > 0) slotted.add(t);
  // Over a variable-size builtin the dict slot follows the variable part (a negative offset).
  const addsDict = wantDict && t.dictOffset === 0;
  if (addsDict) {
    t.dictOffset = t.builtin.varSize === null ? t.basicSize : -t.basicSize;
    t.basicSize += 4;
  }
  return addInstanceDescriptors(s, t, addsDict, wantWeakref);
}
