// The specializer (CPython's Python/specialize.c): rewrites a family head in place to the member
// that fits the operands it sees, or backs its counter off when none fits. Each attempt is counted
// per family, with the reason of each failure (CPython's SPEC_FAIL_* kinds), in the style of
// pystats; the counts cost nothing on the instructions' own paths.

import { DEOPT, OPCODE_NAMES, Opcode } from "@skein/bytecode";
import {
  CompareOp,
  layout,
  memberOffset,
  NB,
  newBuiltin,
  type ObjectSpace,
  type PyType,
  typeLookup,
  type VectorCall,
} from "@skein/objects";
import { ERROR, IMMORTAL_REFCNT, NULL, type StackRef, TAG_INT, TAG_MASK } from "@skein/stackref";
import { ADAPTIVE_COOLDOWN, backoff } from "./counters.js";
import { binaryDunderOf, compareDunderOf, iterNextDunderOf } from "./dunders.js";
import { FRAME_BUILTINS, FRAME_CODE, FRAME_GLOBALS } from "./frame-layout.js";
import { genTypes } from "./generators.js";

const {
  CODE_ARGCOUNT,
  CODE_FLAGS,
  CODE_KWONLY,
  CODE_NAMES,
  DICT_KEYS,
  DICT_VERSION,
  ENTRY_KEY,
  ENTRY_SIZE,
  ENTRY_VALUE,
  FUNC_CODE,
  FUNC_VERSION,
  KEYS_HEADER,
  KEYS_LOG2,
  KEYS_NENTRIES,
  LIST_LENGTH,
  MODULE_DICT,
  TUPLE_ITEMS,
  TUPLE_LENGTH,
  TYPE_VERSION,
} = layout;

/** A bound method's function (classes.ts's method layout: [func][self]). */
const METHOD_FUNC = 8;
/** A property's getter (classes.ts's property layout: [fget][fset][fdel][doc]...). */
const PROPERTY_FGET = 8;
const CO_VARARGS = 0x4;
const CO_VARKEYWORDS = 0x8;

export interface SpecializationStats {
  attempts: number;
  successes: number;
  failures: number;
  /** Failures by reason. */
  failureKinds: Record<string, number>;
  /** Successes by the member installed. */
  specialized: Record<string, number>;
  /** Specialized instructions sent back through their head after a cooldown of misses. */
  deopts: number;
  /**
   * Executions of a specialized member whose guards failed: each deopt's cooldown, plus what the
   * members still installed have counted down.
   */
  misses: number;
  /** Executions of a specialized member that ran it (with instruction counting on). */
  hits?: number;
}

/** The misses that make a specialized instruction deopt: the cooldown's, then the one that triggers. */
const MISSES_PER_DEOPT = (ADAPTIVE_COOLDOWN >> 4) + 1;

export class Specializer {
  readonly u16: Uint16Array;
  readonly stats = new Map<string, SpecializationStats>();
  enabled: boolean;
  private readonly s: ObjectSpace | null;

  constructor(u16: Uint16Array, enabled: boolean, s: ObjectSpace | null = null) {
    this.u16 = u16;
    this.enabled = enabled;
    this.s = s;
  }

  /** Instructions holding a specialized member: u16 index to family (for the misses). */
  private readonly installed = new Map<number, string>();

  /**
   * pystats' specialization section: per family, attempts, successes, failures by kind, deopts,
   * misses, and (given the executions of each opcode, from the counting loop) hits.
   */
  statsJson(executions: ArrayLike<number> | null = null): Record<string, SpecializationStats> {
    const out: Record<string, SpecializationStats> = {};
    for (const [name, st] of this.stats) out[name] = { ...st };
    const u16 = this.u16;
    for (const [instr, family] of this.installed) {
      const op = u16[instr]! & 0xff;
      const counter = u16[instr + 1]!;
      const st = out[family];
      // Code freed since may have left anything there: only a member of the family with a
      // cooldown counter is counted.
      if (st === undefined || DEOPT[op] === op || OPCODE_NAMES[DEOPT[op]!] !== family) continue;
      if ((counter & 15) === 0 && counter <= ADAPTIVE_COOLDOWN) {
        st.misses += (ADAPTIVE_COOLDOWN - counter) >> 4;
      }
    }
    if (executions !== null) {
      for (let op = 0; op < executions.length; op++) {
        const n = executions[op]!;
        const head = DEOPT[op];
        if (n === 0 || head === undefined || head === op) continue;
        const st = out[OPCODE_NAMES[head]!];
        if (st !== undefined) st.hits = (st.hits ?? 0) + n;
      }
      for (const st of Object.values(out)) st.hits = Math.max(0, (st.hits ?? 0) - st.misses);
    }
    return out;
  }

  private family(name: string, instr: number): SpecializationStats {
    let st = this.stats.get(name);
    if (st === undefined) {
      st = {
        attempts: 0,
        successes: 0,
        failures: 0,
        failureKinds: {},
        specialized: {},
        deopts: 0,
        misses: 0,
      };
      this.stats.set(name, st);
    }
    // A member still installed here: its guards failed through a whole cooldown (a deopt).
    const op = this.u16[instr]! & 0xff;
    if (DEOPT[op] !== op) {
      st.deopts++;
      st.misses += MISSES_PER_DEOPT;
    }
    return st;
  }

  private specialize(family: string, instr: number, opcode: number, member: string): boolean {
    const st = this.family(family, instr);
    this.installed.set(instr, family);
    st.attempts++;
    st.successes++;
    st.specialized[member] = (st.specialized[member] ?? 0) + 1;
    const u16 = this.u16;
    u16[instr] = (u16[instr]! & 0xff00) | opcode;
    u16[instr + 1] = ADAPTIVE_COOLDOWN;
    return true;
  }

  private fail(family: string, instr: number, reason: string): boolean {
    const st = this.family(family, instr);
    this.installed.delete(instr);
    st.attempts++;
    st.failures++;
    st.failureKinds[reason] = (st.failureKinds[reason] ?? 0) + 1;
    // A member whose guards kept failing goes back to its head (CPython's unspecialize).
    const word = this.u16[instr]!;
    this.u16[instr] = (word & 0xff00) | DEOPT[word & 0xff]!;
    this.u16[instr + 1] = backoff(this.u16[instr + 1]!);
    return false;
  }

  /** With specialization off: never try again (the counter backs off to its maximum). */
  private off(instr: number): boolean {
    if (this.enabled && this.s !== null) return false;
    this.u16[instr + 1] = backoff(0xffff);
    return true;
  }

  private typeAddr(ref: StackRef): number {
    return (ref & TAG_MASK) === TAG_INT ? -1 : this.s!.typeAddrOf(ref);
  }

  binaryOp(instr: number, lhs: StackRef, rhs: StackRef, oparg: number): boolean {
    if (this.off(instr)) return false;
    const s = this.s!;
    const add = oparg === NB.ADD || oparg === NB.INPLACE_ADD;
    const sub = oparg === NB.SUBTRACT || oparg === NB.INPLACE_SUBTRACT;
    const mul = oparg === NB.MULTIPLY || oparg === NB.INPLACE_MULTIPLY;
    if (binaryDunderOf(s, lhs, rhs, oparg) !== 0) {
      return oparg === NB.SUBSCR
        ? this.specialize("BINARY_OP", instr, Opcode.BINARY_OP_SUBSCR_GETITEM, "SUBSCR_GETITEM")
        : this.specialize("BINARY_OP", instr, Opcode.BINARY_OP_PY_DUNDER, "PY_DUNDER");
    }
    if (oparg === NB.SUBSCR) {
      const lt = this.typeAddr(lhs);
      if (lt === s.b.dict.addr) {
        return this.specialize("BINARY_OP", instr, Opcode.BINARY_OP_SUBSCR_DICT, "SUBSCR_DICT");
      }
      if ((rhs & TAG_MASK) !== TAG_INT) {
        return this.fail(
          "BINARY_OP",
          instr,
          `subscript ${this.typeName(lhs)}[${this.typeName(rhs)}]`,
        );
      }
      if (lt === s.b.list.addr) {
        return this.specialize(
          "BINARY_OP",
          instr,
          Opcode.BINARY_OP_SUBSCR_LIST_INT,
          "SUBSCR_LIST_INT",
        );
      }
      if (lt === s.b.tuple.addr) {
        return this.specialize(
          "BINARY_OP",
          instr,
          Opcode.BINARY_OP_SUBSCR_TUPLE_INT,
          "SUBSCR_TUPLE_INT",
        );
      }
      if (lt === s.b.str.addr) {
        return this.specialize(
          "BINARY_OP",
          instr,
          Opcode.BINARY_OP_SUBSCR_STR_INT,
          "SUBSCR_STR_INT",
        );
      }
      return this.fail("BINARY_OP", instr, `subscript ${this.typeName(lhs)}[int]`);
    }
    const div = oparg === NB.TRUE_DIVIDE || oparg === NB.INPLACE_TRUE_DIVIDE;
    const pow = oparg === NB.POWER || oparg === NB.INPLACE_POWER;
    if (add || sub || mul || div || pow) {
      const float = s.b.float.addr;
      const lt = this.typeAddr(lhs);
      const rt = this.typeAddr(rhs);
      const lInt = (lhs & TAG_MASK) === TAG_INT;
      const rInt = (rhs & TAG_MASK) === TAG_INT;
      const numbers = (lInt || lt === float) && (rInt || rt === float);
      if (numbers && (div || lInt !== rInt || (pow && !lInt))) {
        return this.specialize("BINARY_OP", instr, Opcode.BINARY_OP_MIXED_FLOAT, "MIXED_FLOAT");
      }
    }
    if ((lhs & rhs & TAG_MASK) === TAG_INT) {
      if (add) return this.specialize("BINARY_OP", instr, Opcode.BINARY_OP_ADD_INT, "ADD_INT");
      if (sub)
        return this.specialize("BINARY_OP", instr, Opcode.BINARY_OP_SUBTRACT_INT, "SUBTRACT_INT");
      if (mul)
        return this.specialize("BINARY_OP", instr, Opcode.BINARY_OP_MULTIPLY_INT, "MULTIPLY_INT");
      const kind = oparg % 13;
      if (kind === NB.REMAINDER || kind === NB.FLOOR_DIVIDE) {
        return this.specialize("BINARY_OP", instr, Opcode.BINARY_OP_DIVMOD_INT, "DIVMOD_INT");
      }
      if (
        kind === NB.AND ||
        kind === NB.OR ||
        kind === NB.XOR ||
        kind === NB.LSHIFT ||
        kind === NB.RSHIFT
      ) {
        return this.specialize("BINARY_OP", instr, Opcode.BINARY_OP_BITWISE_INT, "BITWISE_INT");
      }
      return this.fail("BINARY_OP", instr, `int operator ${oparg}`);
    }
    const lt = this.typeAddr(lhs);
    const rt = this.typeAddr(rhs);
    if (add && lt === s.b.str.addr && rt === lt) {
      return this.specialize("BINARY_OP", instr, Opcode.BINARY_OP_ADD_UNICODE, "ADD_UNICODE");
    }
    const float = s.b.float.addr;
    if (lt === float && rt === float) {
      if (add) return this.specialize("BINARY_OP", instr, Opcode.BINARY_OP_ADD_FLOAT, "ADD_FLOAT");
      if (sub)
        return this.specialize(
          "BINARY_OP",
          instr,
          Opcode.BINARY_OP_SUBTRACT_FLOAT,
          "SUBTRACT_FLOAT",
        );
      if (mul)
        return this.specialize(
          "BINARY_OP",
          instr,
          Opcode.BINARY_OP_MULTIPLY_FLOAT,
          "MULTIPLY_FLOAT",
        );
      return this.fail("BINARY_OP", instr, `float operator ${oparg}`);
    }
    return this.fail(
      "BINARY_OP",
      instr,
      lt === rt ? `${this.typeName(lhs)} operands` : "mixed types",
    );
  }

  private typeName(ref: StackRef): string {
    return (ref & TAG_MASK) === TAG_INT ? "int" : this.s!.typeOf(ref).name;
  }

  compareOp(instr: number, left: StackRef, right: StackRef, oparg: number): boolean {
    if (this.off(instr)) return false;
    const s = this.s!;
    if ((left & right & TAG_MASK) === TAG_INT) {
      return this.specialize("COMPARE_OP", instr, Opcode.COMPARE_OP_INT, "INT");
    }
    const lt = this.typeAddr(left);
    if (lt === s.b.float.addr && this.typeAddr(right) === lt) {
      return this.specialize("COMPARE_OP", instr, Opcode.COMPARE_OP_FLOAT, "FLOAT");
    }
    if (compareDunderOf(s, left, right, oparg) !== 0) {
      return this.specialize("COMPARE_OP", instr, Opcode.COMPARE_OP_PY_DUNDER, "PY_DUNDER");
    }
    if (lt === s.b.str.addr && this.typeAddr(right) === lt) {
      const op = oparg >> 5;
      if (op === CompareOp.EQ || op === CompareOp.NE) {
        return this.specialize("COMPARE_OP", instr, Opcode.COMPARE_OP_STR, "STR");
      }
      return this.fail("COMPARE_OP", instr, "str ordering");
    }
    return this.fail(
      "COMPARE_OP",
      instr,
      lt === this.typeAddr(right) ? `${this.typeName(left)} operands` : "mixed types",
    );
  }

  /** The index of the entry whose key is `name` itself in dict `d` (an address), or -1. */
  private entryIndex(d: number, name: StackRef): number {
    const i32 = this.s!.i32;
    const keys = i32[(d + DICT_KEYS) >> 2]!;
    const n = i32[(keys + KEYS_NENTRIES) >> 2]!;
    const entries = keys + KEYS_HEADER + (4 << i32[(keys + KEYS_LOG2) >> 2]!);
    for (let ix = 0; ix < n; ix++) {
      const e = entries + ENTRY_SIZE * ix;
      if ((i32[(e + ENTRY_KEY) >> 2]! & ~1) === (name & ~1) && i32[(e + ENTRY_VALUE) >> 2] !== NULL)
        return ix;
    }
    return -1;
  }

  loadGlobal(frame: number, instr: number, oparg: number): boolean {
    if (this.off(instr)) return false;
    const s = this.s!;
    const i32 = s.i32;
    const u16 = this.u16;
    const names = i32[(i32[(frame + FRAME_CODE) >> 2]! + CODE_NAMES) >> 2]! & ~TAG_MASK;
    const name = i32[((names + TUPLE_ITEMS) >> 2) + (oparg >> 1)]!;
    const globals = i32[(frame + FRAME_GLOBALS) >> 2]!;
    const builtins = i32[(frame + FRAME_BUILTINS) >> 2]!;
    const ix = this.entryIndex(globals, name);
    if (ix >= 0) {
      if (ix > 0xffff) return this.fail("LOAD_GLOBAL", instr, "index out of range");
      this.put32(instr + 2, name);
      u16[instr + 4] = ix;
      return this.specialize("LOAD_GLOBAL", instr, Opcode.LOAD_GLOBAL_MODULE, "MODULE");
    }
    // The name must really be absent from the globals (a key equal to it but not itself counts).
    const g = s.dictGetItem(globals, name);
    if (g !== NULL) {
      if (g === 2) s.refs.close(s.fetchException());
      return this.fail("LOAD_GLOBAL", instr, "non-string key");
    }
    const bx = this.entryIndex(builtins, name);
    if (bx < 0 || bx > 0xffff) return this.fail("LOAD_GLOBAL", instr, "not in builtins");
    const version = i32[(globals + DICT_VERSION) >> 2]! >>> 0;
    u16[instr + 2] = version & 0xffff;
    u16[instr + 3] = version >>> 16;
    u16[instr + 4] = bx;
    return this.specialize("LOAD_GLOBAL", instr, Opcode.LOAD_GLOBAL_BUILTIN, "BUILTIN");
  }

  call(instr: number, callable: StackRef, selfOrNull: StackRef, oparg: number, frame = 0): boolean {
    if (this.off(instr)) return false;
    const s = this.s!;
    const i32 = s.i32;
    const t = this.typeAddr(callable);
    if (t === s.b.builtin_function_or_method.addr) {
      return this.callBuiltin(instr, callable, selfOrNull, oparg, frame);
    }
    if (t === s.b.type.addr) return this.callClass(instr, callable, selfOrNull, oparg);
    let bound = false;
    let f = callable & ~TAG_MASK;
    if (t === s.b.method.addr && selfOrNull === NULL) {
      const func = i32[(f + METHOD_FUNC) >> 2]!;
      if (this.typeAddr(func) !== s.b.function.addr) {
        return this.fail("CALL", instr, `method of ${s.typeOf(func).name}`);
      }
      bound = true;
      f = func & ~TAG_MASK;
    } else if (t !== s.b.function.addr) {
      return this.fail("CALL", instr, t === -1 ? "int" : `${s.typeOf(callable).name} callable`);
    }
    const code = i32[(f + FUNC_CODE) >> 2]! & ~TAG_MASK;
    const flags = i32[(code + CODE_FLAGS) >> 2]!;
    const nargs = oparg + (selfOrNull === NULL && !bound ? 0 : 1);
    this.put32(instr + 2, i32[(f + FUNC_VERSION) >> 2]! >>> 0);
    const exact =
      (flags & (CO_VARARGS | CO_VARKEYWORDS)) === 0 &&
      i32[(code + CODE_KWONLY) >> 2]! === 0 &&
      i32[(code + CODE_ARGCOUNT) >> 2]! === nargs;
    if (bound) {
      if (!exact) {
        return this.specialize(
          "CALL",
          instr,
          Opcode.CALL_BOUND_METHOD_GENERAL,
          "BOUND_METHOD_GENERAL",
        );
      }
      return this.specialize(
        "CALL",
        instr,
        Opcode.CALL_BOUND_METHOD_EXACT_ARGS,
        "BOUND_METHOD_EXACT_ARGS",
      );
    }
    return exact
      ? this.specialize("CALL", instr, Opcode.CALL_PY_EXACT_ARGS, "PY_EXACT_ARGS")
      : this.specialize("CALL", instr, Opcode.CALL_PY_GENERAL, "PY_GENERAL");
  }

  /**
   * Keep a reference to an object whose address a guard compares (CPython's callable cache), so
   * that the address is never reused by another object. Counted directly: it is never closed.
   */
  private pin(ref: StackRef): number {
    const addr = ref & ~TAG_MASK;
    if (!this.pinned.has(addr)) {
      const i32 = this.s!.i32;
      const rc = i32[addr >> 2]!;
      if ((rc & IMMORTAL_REFCNT) === 0) i32[addr >> 2] = rc + 1;
      this.pinned.add(addr);
    }
    return addr;
  }
  private readonly pinned = new Set<number>();

  /** The builtin bound to `name` in the frame's builtins, or NULL. */
  private builtinNamed(frame: number, name: string): StackRef {
    if (frame === 0) return NULL;
    const s = this.s!;
    const builtins = s.i32[(frame + FRAME_BUILTINS) >> 2]!;
    return builtins === 0 ? NULL : s.dictGetStr(builtins, name);
  }

  private callBuiltin(
    instr: number,
    callable: StackRef,
    selfOrNull: StackRef,
    oparg: number,
    frame: number,
  ): boolean {
    const addr = callable & ~TAG_MASK;
    const same = (name: string) => (this.builtinNamed(frame, name) & ~TAG_MASK) === addr;
    if (selfOrNull === NULL && oparg === 1 && same("len")) {
      this.put32(instr + 2, this.pin(callable));
      return this.specialize("CALL", instr, Opcode.CALL_LEN, "LEN");
    }
    if (selfOrNull === NULL && oparg === 2 && same("isinstance")) {
      this.put32(instr + 2, this.pin(callable));
      return this.specialize("CALL", instr, Opcode.CALL_ISINSTANCE, "ISINSTANCE");
    }
    const descr = this.descriptorOwners.get(addr);
    if (selfOrNull !== NULL && oparg === 1 && descr === "list.append") {
      this.put32(instr + 2, addr);
      return this.specialize("CALL", instr, Opcode.CALL_LIST_APPEND, "LIST_APPEND");
    }
    return this.specialize("CALL", instr, Opcode.CALL_BUILTIN_FAST, "BUILTIN_FAST");
  }

  /** `__init__` of the classes CALL_ALLOC_AND_ENTER_INIT was installed for (borrowed). */
  private readonly inits = new Map<number, StackRef>();

  /** The `__init__` recorded for class `addr` (its version is guarded, so it is still current). */
  initOf(addr: number): StackRef {
    return this.inits.get(addr)!;
  }

  private callClass(
    instr: number,
    callable: StackRef,
    selfOrNull: StackRef,
    oparg: number,
  ): boolean {
    const s = this.s!;
    const addr = callable & ~TAG_MASK;
    if (addr === s.b.type.addr) {
      if (oparg === 1 && selfOrNull === NULL) {
        this.put32(instr + 2, addr);
        return this.specialize("CALL", instr, Opcode.CALL_TYPE_1, "TYPE_1");
      }
      return this.fail("CALL", instr, "type() with 3 arguments");
    }
    if (selfOrNull !== NULL) return this.fail("CALL", instr, "class with self");
    const t = s.typeFromAddr(addr);
    if (!t.heap) {
      // Static types are immortal: their address identifies them for good.
      this.put32(instr + 2, addr);
      return this.specialize("CALL", instr, Opcode.CALL_BUILTIN_CLASS, "BUILTIN_CLASS");
    }
    if (t.builtin !== s.b.object) return this.fail("CALL", instr, "class over a builtin base");
    const newFound = typeLookup(s, t, "__new__");
    if (newFound !== null && newFound.kind === "value" && newFound.owner.heap) {
      return this.fail("CALL", instr, "class with __new__");
    }
    const init = typeLookup(s, t, "__init__");
    if (init === null || init.kind !== "value" || s.typeOf(init.ref) !== s.b.function) {
      return this.fail("CALL", instr, "class without a Python __init__");
    }
    this.inits.set(addr, init.ref);
    this.put32(instr + 2, s.i32[(addr + TYPE_VERSION) >> 2]! >>> 0);
    return this.specialize("CALL", instr, Opcode.CALL_ALLOC_AND_ENTER_INIT, "ALLOC_AND_ENTER_INIT");
  }

  /** Method descriptors made for builtin types' methods, by "type:name", and their names. */
  private readonly descriptors = new Map<string, number>();
  private readonly descriptorOwners = new Map<number, string>();

  /**
   * An immortal method descriptor for builtin method `name` of type `t` (the object LOAD_ATTR's
   * method form pushes under the instance): called with the instance first, it runs the method.
   * 0 when it cannot be made.
   */
  private methodDescriptor(t: PyType, name: string, impl: VectorCall): number {
    const key = `${t.addr}:${name}`;
    const known = this.descriptors.get(key);
    if (known !== undefined) return known;
    const s = this.s!;
    const i32 = s.i32;
    const d = newBuiltin(
      s,
      name,
      (_self, args, nargs, kwnames) => impl(i32[args]!, args + 1, nargs - 1, kwnames),
      NULL,
      t.name,
    );
    if (d === ERROR) {
      s.refs.close(s.fetchException());
      return 0;
    }
    s.heap.makeImmortal(d & ~TAG_MASK);
    this.descriptors.set(key, d & ~TAG_MASK);
    this.descriptorOwners.set(d & ~TAG_MASK, `${t.name}.${name}`);
    return d & ~TAG_MASK;
  }

  private nameAt(frame: number, index: number): StackRef {
    const i32 = this.s!.i32;
    const names = i32[(i32[(frame + FRAME_CODE) >> 2]! + CODE_NAMES) >> 2]! & ~TAG_MASK;
    return i32[((names + TUPLE_ITEMS) >> 2) + index]!;
  }

  private put32(at: number, value: number): void {
    this.u16[at] = value & 0xffff;
    this.u16[at + 1] = value >>> 16;
  }

  /**
   * Why instances of `t` cannot have attribute `name` specialized, or null: the generic lookup
   * (genericGetAttr/genericSetAttr) must be what their type's slot runs, and no data descriptor
   * (property, slot, getset) may come first.
   */
  private instanceAttrRefusal(t: PyType, name: string, store: boolean): string | null {
    const s = this.s!;
    if (!t.heap) return `${t.name} attribute`;
    if (t.isSubtypeOf(s.b.type)) return "metaclass instance";
    const hook = typeLookup(s, t, store ? "__setattr__" : "__getattribute__");
    if (hook !== null && hook.kind === "value") {
      return store ? "__setattr__ overridden" : "__getattribute__ overridden";
    }
    const found = typeLookup(s, t, name);
    if (found !== null) {
      if (found.kind === "getset") return "getset descriptor";
      if (found.kind === "value" && s.typeOf(found.ref).slots.descrSet !== undefined) {
        return s.typeOf(found.ref) === s.b.property ? "property" : "data descriptor";
      }
    }
    return null;
  }

  loadAttr(frame: number, instr: number, owner: StackRef, oparg: number): boolean {
    if (this.off(instr)) return false;
    const s = this.s!;
    const i32 = s.i32;
    if ((owner & TAG_MASK) === TAG_INT) return this.fail("LOAD_ATTR", instr, "int attribute");
    const name = this.nameAt(frame, oparg >> 1);
    const addr = owner & ~TAG_MASK;
    const tAddr = this.typeAddr(owner);
    const t = s.typeFromAddr(tAddr);
    const version = i32[(tAddr + TYPE_VERSION) >> 2]! >>> 0;
    if (t === s.b.module) {
      const ix = this.entryIndex(i32[(addr + MODULE_DICT) >> 2]! & ~TAG_MASK, name);
      if (ix < 0 || ix > 0xffff) return this.fail("LOAD_ATTR", instr, "module attribute not found");
      this.put32(instr + 2, version);
      this.put32(instr + 4, name);
      this.u16[instr + 6] = MODULE_DICT;
      this.u16[instr + 7] = ix;
      return this.specialize("LOAD_ATTR", instr, Opcode.LOAD_ATTR_MODULE, "MODULE");
    }
    if (t === s.b.type) return this.loadClassAttr(instr, owner, name);
    const nameStr = s.strValue(name);
    if (!t.heap && (oparg & 1) !== 0 && t.slots.getattr === undefined && t.dictOffset === 0) {
      // A method of a builtin type: its descriptor and the instance (CPython's METHOD_NO_DICT).
      const found = typeLookup(s, t, nameStr);
      if (found !== null && found.kind === "method") {
        const descr = this.methodDescriptor(found.owner, nameStr, found.impl);
        if (descr === 0) return this.fail("LOAD_ATTR", instr, "out of memory");
        this.put32(instr + 2, version);
        this.put32(instr + 8, descr | 1);
        return this.specialize(
          "LOAD_ATTR",
          instr,
          Opcode.LOAD_ATTR_METHOD_NO_DICT,
          "METHOD_NO_DICT",
        );
      }
    }
    const refusal = this.instanceAttrRefusal(t, nameStr, false);
    if (refusal === "property" && (oparg & 1) === 0) {
      return this.loadProperty(instr, t, nameStr, version);
    }
    if (refusal === "__getattribute__ overridden") {
      return this.loadGetattributeOverridden(instr, t, oparg, version);
    }
    if (refusal === "data descriptor") {
      const offset = this.slotOffset(t, nameStr);
      if (offset >= 0) {
        this.put32(instr + 2, version);
        this.u16[instr + 4] = offset;
        return this.specialize("LOAD_ATTR", instr, Opcode.LOAD_ATTR_SLOT, "SLOT");
      }
    }
    if (refusal !== null) return this.fail("LOAD_ATTR", instr, refusal);
    if (t.dictOffset < 0) return this.fail("LOAD_ATTR", instr, "variable-size instance");
    const d = t.dictOffset === 0 ? NULL : i32[(addr + t.dictOffset) >> 2]!;
    if (d !== NULL && t.dictOffset > 0xffff) return this.fail("LOAD_ATTR", instr, "dict offset");
    const found = typeLookup(s, t, nameStr);
    if (
      (oparg & 1) !== 0 &&
      found !== null &&
      (found.kind === "value" || found.kind === "method")
    ) {
      let descr: StackRef;
      if (found.kind === "method") {
        // A builtin base's method, through its descriptor.
        descr = this.methodDescriptor(found.owner, nameStr, found.impl) | 1;
        if (descr === 1) return this.fail("LOAD_ATTR", instr, "out of memory");
      } else if (s.typeOf(found.ref) !== s.b.function) {
        return this.fail("LOAD_ATTR", instr, `method of ${s.typeOf(found.ref).name}`);
      } else descr = found.ref;
      this.put32(instr + 2, version);
      this.put32(instr + 8, descr);
      if (t.dictOffset === 0) {
        return this.specialize(
          "LOAD_ATTR",
          instr,
          Opcode.LOAD_ATTR_METHOD_NO_DICT,
          "METHOD_NO_DICT",
        );
      }
      if (d !== NULL && this.entryIndex(d & ~TAG_MASK, name) >= 0) {
        return this.fail("LOAD_ATTR", instr, "method shadowed by the instance");
      }
      this.put32(instr + 4, name);
      this.u16[instr + 6] = t.dictOffset;
      return this.specialize(
        "LOAD_ATTR",
        instr,
        Opcode.LOAD_ATTR_METHOD_WITH_VALUES,
        "METHOD_WITH_VALUES",
      );
    }
    if (d === NULL) {
      return this.fail(
        "LOAD_ATTR",
        instr,
        found === null ? "no dict" : `class attribute (${found.kind})`,
      );
    }
    const ix = this.entryIndex(d & ~TAG_MASK, name);
    if (ix < 0 || ix > 0xffff) {
      return this.fail(
        "LOAD_ATTR",
        instr,
        found === null ? "not in the instance dict" : "class attribute",
      );
    }
    // A site that held this member for another class with the same dict offset and entry index
    // keeps that class too (two classes: the guard accepts either).
    const u16 = this.u16;
    const previous = (u16[instr + 2]! | (u16[instr + 3]! << 16)) >>> 0;
    const keep =
      (u16[instr]! & 0xff) === Opcode.LOAD_ATTR_INSTANCE_VALUE &&
      u16[instr + 8] === t.dictOffset &&
      u16[instr + 9] === ix;
    this.put32(instr + 2, version);
    this.put32(instr + 4, keep ? previous : version);
    this.put32(instr + 6, name);
    u16[instr + 8] = t.dictOffset;
    u16[instr + 9] = ix;
    return this.specialize("LOAD_ATTR", instr, Opcode.LOAD_ATTR_INSTANCE_VALUE, "INSTANCE_VALUE");
  }

  /**
   * The byte offset of `__slots__` field `name` in the instances of `t` (a member descriptor found
   * on its MRO), or -1.
   */
  private slotOffset(t: PyType, name: string): number {
    const s = this.s!;
    const found = typeLookup(s, t, name);
    if (found === null || found.kind !== "value") return -1;
    if (s.typeOf(found.ref) !== s.b.member_descriptor || t.builtin.varSize !== null) return -1;
    const offset = memberOffset(s, found.ref);
    return offset > 0xffff ? -1 : offset;
  }

  /**
   * A class whose `__getattribute__` is a Python function taking exactly (self, name), and that
   * has no `__getattr__` (which the generic path calls after an AttributeError).
   */
  private loadGetattributeOverridden(
    instr: number,
    t: PyType,
    oparg: number,
    version: number,
  ): boolean {
    const s = this.s!;
    if ((oparg & 1) !== 0) return this.fail("LOAD_ATTR", instr, "__getattribute__ method load");
    if (typeLookup(s, t, "__getattr__") !== null) {
      return this.fail("LOAD_ATTR", instr, "__getattribute__ and __getattr__");
    }
    const hook = typeLookup(s, t, "__getattribute__");
    if (hook === null || hook.kind !== "value" || this.typeAddr(hook.ref) !== s.b.function.addr) {
      return this.fail("LOAD_ATTR", instr, "__getattribute__ not a Python function");
    }
    const f = hook.ref & ~TAG_MASK;
    if (!this.takesExactly(f, 2)) {
      return this.fail("LOAD_ATTR", instr, "__getattribute__ parameters");
    }
    this.put32(instr + 2, version);
    this.put32(instr + 4, s.i32[(f + FUNC_VERSION) >> 2]! >>> 0);
    this.put32(instr + 6, f);
    return this.specialize(
      "LOAD_ATTR",
      instr,
      Opcode.LOAD_ATTR_GETATTRIBUTE_OVERRIDDEN,
      "GETATTRIBUTE_OVERRIDDEN",
    );
  }

  /** Whether Python function `f` (an address) takes exactly `n` positional parameters. */
  private takesExactly(f: number, n: number): boolean {
    const i32 = this.s!.i32;
    const code = i32[(f + FUNC_CODE) >> 2]! & ~TAG_MASK;
    return (
      (i32[(code + CODE_FLAGS) >> 2]! & (CO_VARARGS | CO_VARKEYWORDS)) === 0 &&
      i32[(code + CODE_KWONLY) >> 2]! === 0 &&
      i32[(code + CODE_ARGCOUNT) >> 2]! === n
    );
  }

  /** A property of a class defined in Python whose getter is a plain one-parameter function. */
  private loadProperty(instr: number, t: PyType, name: string, version: number): boolean {
    const s = this.s!;
    const i32 = s.i32;
    const prop = typeLookup(s, t, name);
    if (prop === null || prop.kind !== "value") return this.fail("LOAD_ATTR", instr, "property");
    const fget = i32[((prop.ref & ~TAG_MASK) + PROPERTY_FGET) >> 2]!;
    if (fget === NULL || this.typeAddr(fget) !== s.b.function.addr) {
      return this.fail("LOAD_ATTR", instr, "property without a Python getter");
    }
    const f = fget & ~TAG_MASK;
    if (!this.takesExactly(f, 1)) {
      return this.fail("LOAD_ATTR", instr, "property getter parameters");
    }
    this.put32(instr + 2, version);
    this.put32(instr + 4, f);
    this.put32(instr + 6, i32[(f + FUNC_VERSION) >> 2]! >>> 0);
    return this.specialize("LOAD_ATTR", instr, Opcode.LOAD_ATTR_PROPERTY, "PROPERTY");
  }

  /** `cls.name` for a class whose metatype is `type`: a plain value or function of its MRO. */
  private loadClassAttr(instr: number, cls: StackRef, name: StackRef): boolean {
    const s = this.s!;
    const t = s.typeFromAddr(cls & ~TAG_MASK);
    const nameStr = s.strValue(name);
    const meta = typeLookup(s, s.b.type, nameStr);
    if (meta !== null) return this.fail("LOAD_ATTR", instr, "class attribute found on type");
    const found = typeLookup(s, t, nameStr);
    if (found === null || found.kind !== "value") {
      return this.fail(
        "LOAD_ATTR",
        instr,
        found === null ? "class attribute not found" : `class ${found.kind}`,
      );
    }
    const vt = s.typeOf(found.ref);
    if (vt !== s.b.function && vt.slots.descrGet !== undefined) {
      return this.fail("LOAD_ATTR", instr, `class attribute ${vt.name}`);
    }
    this.put32(instr + 2, s.i32[((cls & ~TAG_MASK) + TYPE_VERSION) >> 2]! >>> 0);
    this.put32(instr + 4, s.b.type.addr);
    this.put32(instr + 6, found.ref);
    return this.specialize("LOAD_ATTR", instr, Opcode.LOAD_ATTR_CLASS, "CLASS");
  }

  storeAttr(frame: number, instr: number, owner: StackRef, oparg: number): boolean {
    if (this.off(instr)) return false;
    const s = this.s!;
    const i32 = s.i32;
    if ((owner & TAG_MASK) === TAG_INT) return this.fail("STORE_ATTR", instr, "int attribute");
    const name = this.nameAt(frame, oparg);
    const tAddr = this.typeAddr(owner);
    const t = s.typeFromAddr(tAddr);
    const refusal = this.instanceAttrRefusal(t, s.strValue(name), true);
    if (refusal === "data descriptor") {
      const offset = this.slotOffset(t, s.strValue(name));
      if (offset >= 0) {
        this.put32(instr + 2, i32[(tAddr + TYPE_VERSION) >> 2]! >>> 0);
        this.u16[instr + 4] = offset;
        return this.specialize("STORE_ATTR", instr, Opcode.STORE_ATTR_SLOT, "SLOT");
      }
    }
    if (refusal !== null) return this.fail("STORE_ATTR", instr, refusal);
    if (t.dictOffset <= 0) return this.fail("STORE_ATTR", instr, "no dict at a fixed offset");
    if ((t.dictOffset & 3) !== 0 || t.dictOffset > 60) {
      return this.fail("STORE_ATTR", instr, "dict offset");
    }
    const d = i32[((owner & ~TAG_MASK) + t.dictOffset) >> 2]!;
    const ix = d === NULL ? -1 : this.entryIndex(d & ~TAG_MASK, name);
    this.put32(instr + 2, i32[(tAddr + TYPE_VERSION) >> 2]! >>> 0);
    if (ix < 0 || ix > 4095) {
      // A new attribute (or one far in the dict): stored by key in the dict at the offset.
      this.u16[instr + 4] = t.dictOffset;
      return this.specialize("STORE_ATTR", instr, Opcode.STORE_ATTR_WITH_HINT, "WITH_HINT");
    }
    this.u16[instr + 4] = ((t.dictOffset >> 2) << 12) | ix;
    return this.specialize("STORE_ATTR", instr, Opcode.STORE_ATTR_INSTANCE_VALUE, "INSTANCE_VALUE");
  }

  containsOp(instr: number, right: StackRef): boolean {
    if (this.off(instr)) return false;
    const s = this.s!;
    const t = this.typeAddr(right);
    if (t === s.b.dict.addr) {
      return this.specialize("CONTAINS_OP", instr, Opcode.CONTAINS_OP_DICT, "DICT");
    }
    if (t === s.b.set.addr || t === s.b.frozenset.addr) {
      return this.specialize("CONTAINS_OP", instr, Opcode.CONTAINS_OP_SET, "SET");
    }
    return this.fail("CONTAINS_OP", instr, `${this.typeName(right)} container`);
  }

  storeSubscr(instr: number, container: StackRef, sub: StackRef): boolean {
    if (this.off(instr)) return false;
    const s = this.s!;
    if ((sub & TAG_MASK) === TAG_INT && this.typeAddr(container) === s.b.list.addr) {
      return this.specialize("STORE_SUBSCR", instr, Opcode.STORE_SUBSCR_LIST_INT, "LIST_INT");
    }
    if (this.typeAddr(container) === s.b.dict.addr) {
      return this.specialize("STORE_SUBSCR", instr, Opcode.STORE_SUBSCR_DICT, "DICT");
    }
    return this.fail("STORE_SUBSCR", instr, `${this.typeName(container)}[${this.typeName(sub)}]`);
  }

  unpackSequence(instr: number, seq: StackRef, oparg: number): boolean {
    if (this.off(instr)) return false;
    const s = this.s!;
    const t = this.typeAddr(seq);
    if (t === s.b.tuple.addr) {
      if (s.i32[((seq & ~TAG_MASK) + TUPLE_LENGTH) >> 2] !== oparg) {
        return this.fail("UNPACK_SEQUENCE", instr, "wrong length");
      }
      if (oparg === 2) {
        return this.specialize(
          "UNPACK_SEQUENCE",
          instr,
          Opcode.UNPACK_SEQUENCE_TWO_TUPLE,
          "TWO_TUPLE",
        );
      }
      return this.specialize("UNPACK_SEQUENCE", instr, Opcode.UNPACK_SEQUENCE_TUPLE, "TUPLE");
    }
    if (t === s.b.list.addr) {
      if (s.i32[((seq & ~TAG_MASK) + LIST_LENGTH) >> 2] !== oparg) {
        return this.fail("UNPACK_SEQUENCE", instr, "wrong length");
      }
      return this.specialize("UNPACK_SEQUENCE", instr, Opcode.UNPACK_SEQUENCE_LIST, "LIST");
    }
    return this.fail("UNPACK_SEQUENCE", instr, `${this.typeName(seq)} sequence`);
  }

  forIter(instr: number, iter: StackRef, nullOrIndex: StackRef): boolean {
    if (this.off(instr)) return false;
    const s = this.s!;
    const t = this.typeAddr(iter);
    if ((nullOrIndex & TAG_MASK) === TAG_INT) {
      if (t === s.b.list.addr) {
        return this.specialize("FOR_ITER", instr, Opcode.FOR_ITER_LIST, "LIST");
      }
      if (t === s.b.tuple.addr) {
        return this.specialize("FOR_ITER", instr, Opcode.FOR_ITER_TUPLE, "TUPLE");
      }
    }
    if (t === s.b.range_iterator.addr) {
      return this.specialize("FOR_ITER", instr, Opcode.FOR_ITER_RANGE, "RANGE");
    }
    if (t === genTypes(s).generator.addr) {
      return this.specialize("FOR_ITER", instr, Opcode.FOR_ITER_GEN, "GEN");
    }
    if (iterNextDunderOf(s, iter, nullOrIndex) !== 0) {
      return this.specialize("FOR_ITER", instr, Opcode.FOR_ITER_PY_NEXT, "PY_NEXT");
    }
    return this.fail("FOR_ITER", instr, `${this.typeName(iter)} iterator`);
  }

  send(instr: number, receiver: StackRef): boolean {
    if (this.off(instr)) return false;
    const t = this.typeAddr(receiver);
    const g = genTypes(this.s!);
    if (t === g.generator.addr || t === g.coroutine.addr)
      return this.specialize("SEND", instr, Opcode.SEND_GEN, "GEN");
    return this.fail("SEND", instr, `${this.typeName(receiver)} receiver`);
  }

  toBool(instr: number, value: StackRef): boolean {
    if (this.off(instr)) return false;
    const s = this.s!;
    if ((value & TAG_MASK) === TAG_INT) {
      return this.specialize("TO_BOOL", instr, Opcode.TO_BOOL_INT, "INT");
    }
    if (value === s.True || value === s.False) {
      return this.specialize("TO_BOOL", instr, Opcode.TO_BOOL_BOOL, "BOOL");
    }
    if (value === s.None) return this.specialize("TO_BOOL", instr, Opcode.TO_BOOL_NONE, "NONE");
    const tAddr = this.typeAddr(value);
    if (tAddr === s.b.list.addr) {
      return this.specialize("TO_BOOL", instr, Opcode.TO_BOOL_LIST, "LIST");
    }
    if (tAddr === s.b.str.addr) return this.specialize("TO_BOOL", instr, Opcode.TO_BOOL_STR, "STR");
    const t = s.typeFromAddr(tAddr);
    // Only classes over plain object: a builtin base may define truth in a slot of its own.
    if (
      t.heap &&
      t.mro.every((c) => c.heap || c === s.b.object) &&
      typeLookup(s, t, "__bool__") === null &&
      typeLookup(s, t, "__len__") === null
    ) {
      this.put32(instr + 2, s.i32[(tAddr + TYPE_VERSION) >> 2]! >>> 0);
      return this.specialize("TO_BOOL", instr, Opcode.TO_BOOL_ALWAYS_TRUE, "ALWAYS_TRUE");
    }
    return this.fail("TO_BOOL", instr, `${t.name} value`);
  }
}
