// Struct sequences (CPython's PyStructSequence): tuples whose items also have names, such as
// sys.version_info, sys.float_info and time.struct_time. A static type deriving from tuple; an
// instance is a tuple whose type word names the struct type.
import { layout, type ObjectSpace, type PyType, tupleFromRefs, tupleItem } from "@skein/objects";
import { ERROR, type StackRef } from "@skein/stackref";

const types = new WeakMap<ObjectSpace, Map<string, PyType>>();

/** The struct-sequence type `qualified` (e.g. "sys.version_info") with these fields. */
export function structSeqType(
  s: ObjectSpace,
  qualified: string,
  fields: readonly string[],
): PyType {
  let known = types.get(s);
  if (known === undefined) {
    known = new Map();
    types.set(s, known);
  }
  const existing = known.get(qualified);
  if (existing !== undefined) return existing;
  const dot = qualified.lastIndexOf(".");
  const name = qualified.slice(dot + 1);
  const tupleInfo = s.heap.typeInfoOfType(s.b.tuple.addr);
  const t = s.newStaticType(
    name,
    s.b.tuple,
    {
      dealloc: (addr) => tupleInfo.dealloc(addr),
      repr: (self) => {
        const parts: string[] = [];
        for (let i = 0; i < fields.length; i++) {
          const r = s.repr(tupleItem(s, self, i));
          if (r === ERROR) return ERROR;
          parts.push(`${fields[i]}=${s.strValue(r)}`);
          s.refs.close(r);
        }
        return s.newStr(`${qualified}(${parts.join(", ")})`);
      },
    },
    // Instances are tuples: the same GC header and deallocation.
    { flags: layout.TPFLAGS_TUPLE_SUBCLASS, gc: true },
  );
  t.module = qualified.slice(0, Math.max(dot, 0));
  fields.forEach((f, i) => {
    t.getsets.set(f, { get: (self) => s.refs.asOwned(tupleItem(s, self, i)) });
  });
  t.getsets.set("n_fields", { get: () => s.newInt(fields.length) });
  known.set(qualified, t);
  return t;
}

/** A new instance of a struct-sequence type, taking ownership of `items`. */
export function newStructSeq(s: ObjectSpace, type: PyType, items: readonly StackRef[]): StackRef {
  const t = tupleFromRefs(s, items);
  if (t === ERROR) return ERROR;
  s.i32[((t & ~3) + 4) >> 2] = type.addr;
  return t;
}
