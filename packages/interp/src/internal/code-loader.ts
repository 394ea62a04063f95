// Turning the compiler's heap-free CodeUnits into heap code objects, as CPython's
// _PyCode_New and _PyCode_Quicken do: constants become objects (identifier-like strings are
// interned and immortal), and every adaptive counter in the inline caches gets its warm-up value.
import {
  type CodeUnit,
  type ConstValue,
  FAMILIES,
  INLINE_CACHE_ENTRIES,
  Opcode,
} from "@skein/bytecode";
import { makeSet, newBytes, newCode, newComplex, type ObjectSpace } from "@skein/objects";
import { ERROR, type StackRef } from "@skein/stackref";
import { ADAPTIVE_WARMUP, JUMP_WARMUP } from "./counters.js";
import { FRAME_HEADER } from "./frame-layout.js";

/** Opcodes whose first cache unit is an adaptive counter: the heads of specialization families. */
const ADAPTIVE = new Set<number>(Object.keys(FAMILIES).map(Number));

/** Set each family head's counter to the warm-up value (the compiler leaves caches zero). */
export function quicken(code: Uint16Array): Uint16Array {
  const out = code.slice();
  for (let i = 0; i < out.length; ) {
    const opcode = out[i]! & 0xff;
    const caches = INLINE_CACHE_ENTRIES[opcode] ?? 0;
    if (caches > 0 && ADAPTIVE.has(opcode)) out[i + 1] = ADAPTIVE_WARMUP;
    else if (opcode === Opcode.JUMP_BACKWARD) out[i + 1] = JUMP_WARMUP;
    i += 1 + caches;
  }
  return out;
}

function loadConst(s: ObjectSpace, c: ConstValue): StackRef {
  if (c === null) return s.None;
  if (c === true) return s.True;
  if (c === false) return s.False;
  if (typeof c === "string") return s.intern(c);
  switch (c.kind) {
    case "int":
      return s.newInt(c.value);
    case "float":
      return s.newFloat(c.value);
    case "tuple": {
      const items: StackRef[] = [];
      for (const item of c.items) {
        const r = loadConst(s, item);
        if (r === ERROR) {
          for (const made of items) s.refs.close(made);
          return ERROR;
        }
        items.push(r);
      }
      return s.newTuple(items);
    }
    case "frozenset": {
      const items = loadConst(s, { kind: "tuple", items: c.items });
      if (items === ERROR) return ERROR;
      const first = makeSet(s, s.b.frozenset!, items);
      s.refs.close(items);
      if (first === ERROR) return ERROR;
      // CPython's compiler rebuilds each frozenset constant from its own iteration order when it
      // merges constants (_PyCompile_ConstCacheMergeOne): the same here, so that set displays
      // ({7, 15, 23}, built from such a constant) iterate in CPython's order.
      const ordered = s.call(s.b.tuple.addr | 1, [first]);
      s.refs.close(first);
      if (ordered === ERROR) return ERROR;
      const r = makeSet(s, s.b.frozenset!, ordered);
      s.refs.close(ordered);
      return r;
    }
    case "ellipsis":
      return s.Ellipsis;
    case "bytes":
      return newBytes(s, c.value);
    case "complex":
      return newComplex(s, c.real, c.imag);
    case "code":
      return loadCode(s, c);
    default:
      return s.raise(
        s.b.SystemError,
        `constants of kind '${(c as { kind: string }).kind}' are not supported yet`,
      );
  }
}

/** A new code object for `unit` and, recursively, the code objects among its constants. */
export function loadCode(s: ObjectSpace, unit: CodeUnit): StackRef {
  const consts: StackRef[] = [];
  for (const c of unit.consts) {
    const r = loadConst(s, c);
    if (r === ERROR) {
      for (const made of consts) s.refs.close(made);
      return ERROR;
    }
    consts.push(r);
  }
  const constsTuple = s.newTuple(consts);
  if (constsTuple === ERROR) return ERROR;
  const names = s.newTuple(unit.names.map((n) => s.intern(n)));
  if (names === ERROR) {
    s.refs.close(constsTuple);
    return ERROR;
  }
  let nlocals = 0;
  for (const kind of unit.localsplusKinds) if ((kind & 0x20) !== 0) nlocals++;
  return newCode(s, {
    data: {
      name: unit.name,
      qualname: unit.qualname,
      filename: unit.filename,
      firstLineno: unit.firstLineno,
      localsplusNames: unit.localsplusNames,
      localsplusKinds: unit.localsplusKinds,
      positions: unit.positions,
      exceptionTable: unit.exceptionTable,
      source: unit,
    },
    bytecode: quicken(unit.code),
    consts: constsTuple,
    names,
    argcount: unit.argcount,
    posonlyargcount: unit.posonlyargcount,
    kwonlyargcount: unit.kwonlyargcount,
    nlocals,
    stacksize: unit.stacksize,
    flags: unit.flags,
    frameHeaderWords: FRAME_HEADER >> 2,
  });
}

export { Opcode };
