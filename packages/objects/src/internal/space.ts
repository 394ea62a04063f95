// The object space: one heap, its reference operations, the builtin types and singletons, the
// side tables, the thread's current exception, and the abstract protocols (CPython's
// Objects/abstract.c and object.c) that dispatch through type slots.
import { type Heap, OB_TYPE, type TypeInfo } from "@skein/gc";
import { ERROR, NULL, type StackRef, type StackRefOps, TAG_INT, TAG_MASK } from "@skein/stackref";
import type { Builtins } from "./builtins-types.js";
import { genericGetAttr, genericSetAttr } from "./classes.js";
import { newSeqIter, newSeqIterType } from "./core.js";
import type { DescrData } from "./descr.js";
import { dictGetItem, dictSetItem, dictWatchEvent, newDict } from "./dict.js";
import { newException } from "./exceptions.js";
import { newFloat } from "./float.js";
import { type BuiltinData, type CodeData, newBuiltin } from "./func.js";
import { classGetItem } from "./generic-alias.js";
import { intFromBigInt, intFromNumber } from "./int.js";
import {
  DICT_FLAGS,
  DICT_VERSION,
  FUNC_VERSION,
  STR_FLAGS,
  STR_KIND_MASK,
  STR_KIND_UCS4,
  STR_LENGTH,
  TPFLAGS_BASE_EXC_SUBCLASS,
  TPFLAGS_BASETYPE,
  TPFLAGS_BYTES_SUBCLASS,
  TPFLAGS_DICT_SUBCLASS,
  TPFLAGS_HAVE_GC,
  TPFLAGS_HEAPTYPE,
  TPFLAGS_LIST_SUBCLASS,
  TPFLAGS_LONG_SUBCLASS,
  TPFLAGS_TUPLE_SUBCLASS,
  TPFLAGS_TYPE_SUBCLASS,
  TPFLAGS_UNICODE_SUBCLASS,
  TYPE_FLAGS,
  TYPE_JS,
  TYPE_SIZE,
  TYPE_VERSION,
} from "./layout.js";

/** The fast-subclass flags a class inherits from its bases. */
const SUBCLASS_FLAGS =
  TPFLAGS_LONG_SUBCLASS |
  TPFLAGS_BYTES_SUBCLASS |
  TPFLAGS_LIST_SUBCLASS |
  TPFLAGS_TUPLE_SUBCLASS |
  TPFLAGS_UNICODE_SUBCLASS |
  TPFLAGS_DICT_SUBCLASS |
  TPFLAGS_BASE_EXC_SUBCLASS |
  TPFLAGS_TYPE_SUBCLASS;

import { listFromRefs } from "./list.js";
import { internStr, isStr, newStr, strValue } from "./str.js";
import { newTuple, tupleFromRefs } from "./tuple.js";
import { CompareOp, NB, NB_SYMBOLS, PyType, type TypeSlots, type VectorCall } from "./type.js";

/**
 * What the interpreter provides to the object model: running Python code from a slot (a
 * `__eq__` during a dict lookup, a `key=` function) and counting host re-entries.
 */
export interface Runtime {
  /** Call any callable (vectorcall convention); ERROR with the exception set. */
  callVector(callable: StackRef, args: number, nargs: number, kwnames: StackRef): StackRef;
  /**
   * For zero-argument super(): the calling frame's `__class__` cell content and first argument
   * (borrowed), or null with RuntimeError set.
   */
  superArgs?(): [StackRef, StackRef] | null;
}

/** Side-table storage with index reuse, for payloads that JavaScript keeps better. */
export class SideTable<T> {
  private readonly items: (T | undefined)[] = [];
  private readonly freeSlots: number[] = [];

  add(item: T): number {
    const slot = this.freeSlots.pop();
    if (slot !== undefined) {
      this.items[slot] = item;
      return slot;
    }
    this.items.push(item);
    return this.items.length - 1;
  }

  get(index: number): T {
    return this.items[index] as T;
  }

  remove(index: number): void {
    this.items[index] = undefined;
    this.freeSlots.push(index);
  }

  get size(): number {
    return this.items.length - this.freeSlots.length;
  }
}

const SWAPPED_OP = [
  CompareOp.GT,
  CompareOp.GE,
  CompareOp.EQ,
  CompareOp.NE,
  CompareOp.LT,
  CompareOp.LE,
];
const COMPARE_SYMBOLS = ["<", "<=", "==", "!=", ">", ">="];
/** Words of the scratch stack for calls made from host code with JavaScript arrays. */
const SCRATCH_WORDS = 16384;

/** The plain operator of BINARY_OP oparg `nb` (NB.INPLACE_ADD ... become NB.ADD ...). */
function plainOperator(nb: number): number {
  return nb >= NB.INPLACE_ADD ? nb - NB.INPLACE_ADD : nb;
}

export class ObjectSpace {
  readonly heap: Heap;
  readonly refs: StackRefOps;
  readonly i32: Int32Array;
  readonly u16: Uint16Array;
  readonly u8: Uint8Array;
  readonly f64: Float64Array;

  /** Every PyType, indexed by the TYPE_JS field of its type object. */
  readonly types: PyType[] = [];
  /** The builtin types, filled in by the bootstrap. */
  readonly b = {} as Builtins;
  /** The characters of str objects. */
  readonly strings = new SideTable<string>();
  readonly codes = new SideTable<CodeData>();
  readonly builtins = new SideTable<BuiltinData>();
  readonly descrs = new SideTable<DescrData>();
  /** Interned strings: text to immortal str address. */
  readonly interned = new Map<string, number>();

  /** The current exception (an owned reference), or NULL. */
  curexc: StackRef = NULL;
  runtime: Runtime | null = null;

  typeType!: PyType;
  objectType!: PyType;
  intTypeAddr = 0;
  noneAddr = 0;
  trueAddr = 0;
  falseAddr = 0;
  notImplementedAddr = 0;
  ellipsisAddr = 0;
  memoryErrorAddr = 0;
  emptyTuple = 0;

  /** High 32 bits of the last hash computed (see `hash`). */
  hashHi = 0;
  /** Entry index after the one `dictNextEntry` returned. */
  iterPos = 0;

  private nextTypeVersionTag = 1;
  private dictVersion = 1;
  private functionVersion = 1;
  private readonly reprActive = new Set<number>();
  private readonly latin1 = new Map<number, number>();
  private scratch = 0;
  private scratchTop = 0;

  constructor(heap: Heap, refs: StackRefOps) {
    this.heap = heap;
    this.refs = refs;
    this.i32 = heap.views.i32;
    this.u16 = heap.views.u16;
    this.u8 = heap.views.u8;
    this.f64 = heap.views.f64;
  }

  // ---- singletons (immortal, so their references carry the non-owning tag) ----

  get None(): StackRef {
    return this.noneAddr | 1;
  }
  get True(): StackRef {
    return this.trueAddr | 1;
  }
  get False(): StackRef {
    return this.falseAddr | 1;
  }
  get NotImplemented(): StackRef {
    return this.notImplementedAddr | 1;
  }
  get Ellipsis(): StackRef {
    return this.ellipsisAddr | 1;
  }
  bool(v: boolean): StackRef {
    return v ? this.trueAddr | 1 : this.falseAddr | 1;
  }

  // ---- types ----

  /**
   * Create a static (immortal) type: its object in the heap, its TypeInfo for deallocation, and
   * its PyType. Slots it does not define are inherited from its base. `gc` says whether its
   * instances carry the GC header.
   */
  newStaticType(
    name: string,
    base: PyType | null,
    slots: TypeSlots,
    options: { flags?: number; gc?: boolean } = {},
  ): PyType {
    if (base !== null) {
      const inherited = base.slots as Record<string, unknown>;
      const own = slots as Record<string, unknown>;
      for (const key of Object.keys(inherited)) {
        if (own[key] === undefined && key !== "dealloc" && key !== "new") own[key] = inherited[key];
      }
    }
    const type = new PyType(name, base, slots);
    const addr = this.heap.alloc(TYPE_SIZE);
    if (addr === 0) throw new Error("heap too small for the builtin types");
    const i32 = this.i32;
    this.heap.makeImmortal(addr);
    i32[(addr + OB_TYPE) >> 2] = this.typeType?.addr ?? addr;
    i32[(addr + TYPE_VERSION) >> 2] = this.nextTypeVersionTag++;
    const gc = options.gc ?? false;
    i32[(addr + TYPE_FLAGS) >> 2] = (options.flags ?? 0) | (gc ? TPFLAGS_HAVE_GC : 0);
    type.addr = addr;
    i32[(addr + TYPE_JS) >> 2] = this.types.length;
    this.types.push(type);
    const heap = this.heap;
    const dealloc = slots.dealloc ?? ((a: number) => heap.freeObject(a));
    const info: TypeInfo = { name, gc, dealloc };
    heap.registerType(addr, info);
    type.mro = [type];
    for (let b = base; b !== null; b = b.base) type.mro.push(b);
    return type;
  }

  /**
   * Make the PyType of a class defined in Python, whose type object (allocated by the caller as
   * an instance of its metatype) is at `addr`. Takes ownership of `dict`.
   */
  registerHeapType(
    addr: number,
    name: string,
    solid: PyType,
    bases: PyType[],
    dict: StackRef,
    names: { qualname: string; module: string },
  ): PyType {
    const i32 = this.i32;
    const type = new PyType(name, solid, {});
    type.heap = true;
    type.bases = bases;
    type.dict = dict;
    type.qualname = names.qualname;
    type.module = names.module;
    type.addr = addr;
    type.mro = [type, ...solid.mro];
    let flags = TPFLAGS_HEAPTYPE | TPFLAGS_BASETYPE | TPFLAGS_HAVE_GC;
    for (const b of bases) {
      flags |= i32[(b.addr + TYPE_FLAGS) >> 2]! & SUBCLASS_FLAGS;
      if (b.heap) this.refs.asOwned(b.addr); // a class owns its bases
    }
    i32[(addr + TYPE_FLAGS) >> 2] = flags;
    i32[(addr + TYPE_VERSION) >> 2] = this.nextTypeVersionTag++;
    i32[(addr + TYPE_JS) >> 2] = this.types.length;
    this.types.push(type);
    // Instances: release what the class added, let the builtin base release the rest.
    const builtinBase = solid.builtin;
    type.builtin = builtinBase;
    const baseInfo =
      builtinBase === this.b.object ? null : this.heap.typeInfoOfType(builtinBase.addr);
    const heap = this.heap;
    this.heap.registerType(addr, {
      name,
      gc: true,
      dealloc: (obj: number) => {
        const t = this.typeFromAddr(i32[(obj + OB_TYPE) >> 2]!);
        const delta = t.fieldDelta(obj);
        for (let off = builtinBase.basicSize; off < t.basicSize; off += 4) {
          const at = (obj + off + delta) >> 2;
          const v = i32[at]!;
          i32[at] = NULL;
          this.refs.close(v);
        }
        if (baseInfo === null) heap.freeObject(obj);
        else baseInfo.dealloc(obj);
        this.refs.close(t.addr);
      },
    });
    return type;
  }

  /** The type object address of any reference (tagged ints are ints). */
  typeAddrOf(ref: StackRef): number {
    if ((ref & TAG_MASK) === TAG_INT) return this.intTypeAddr;
    return this.i32[((ref & ~TAG_MASK) + OB_TYPE) >> 2]!;
  }

  typeOf(ref: StackRef): PyType {
    return this.types[this.i32[(this.typeAddrOf(ref) + TYPE_JS) >> 2]!]!;
  }

  typeFromAddr(typeAddr: number): PyType {
    return this.types[this.i32[(typeAddr + TYPE_JS) >> 2]!]!;
  }

  isInstance(ref: StackRef, type: PyType): boolean {
    return this.typeOf(ref).isSubtypeOf(type);
  }

  /** Called with a code object's address just before it is freed (the JIT drops its executors). */
  onCodeFreed: ((code: number) => void) | null = null;

  /** Called with a type's old version when the type changes (the JIT drops executors). */
  onTypeModified: ((oldVersion: number) => void) | null = null;

  /** Invalidate specializations (and executors) that depend on this type. */
  modifiedType(type: PyType): void {
    const slot = (type.addr + TYPE_VERSION) >> 2;
    const old = this.i32[slot]! >>> 0;
    this.i32[slot] = this.nextTypeVersionTag++;
    this.onTypeModified?.(old);
  }

  nextDictVersion(): number {
    this.dictVersion = (this.dictVersion + 1) | 0;
    return this.dictVersion;
  }

  /**
   * Dict `addr` was changed in place by code that bypasses the dict's own mutation paths (a
   * specialized attribute store): it gets a new version, and its watcher hears of it.
   */
  dictChangedInPlace(addr: number): void {
    this.i32[(addr + DICT_VERSION) >> 2] = this.nextDictVersion();
    if (this.i32[(addr + DICT_FLAGS) >> 2] !== 0) dictWatchEvent(this, addr);
  }

  nextFunctionVersion(): number {
    return this.functionVersion++;
  }

  /**
   * Called with a watched dict (DICT_WATCHED) about to change or be freed; the watch has ended
   * (the JIT drops the executors that read it, and may watch it again).
   */
  onDictModified: ((dict: number) => void) | null = null;

  /**
   * Per function, the code objects its `__code__` assignments replaced (owned): the frames that
   * still run them borrow them, and own the function, whose freeing releases them.
   */
  readonly retiredCode = new Map<number, StackRef[]>();

  /** Called with a function's old version when its code or defaults change (the JIT drops executors). */
  onFunctionModified: ((oldVersion: number) => void) | null = null;

  /**
   * A function's code, defaults or keyword defaults changed: it gets a new version, so that the
   * specializations and executors that checked the old one no longer match (CPython resets
   * func_version in func_set_code and func_set_defaults).
   */
  modifiedFunction(func: number): void {
    const slot = (func + FUNC_VERSION) >> 2;
    const old = this.i32[slot]! >>> 0;
    this.i32[slot] = this.nextFunctionVersion();
    this.onFunctionModified?.(old);
  }

  newSeqIterType(name: string, next: (seq: StackRef, i: number) => StackRef): PyType {
    return newSeqIterType(this, name, next);
  }

  newSeqIter(type: PyType, seq: StackRef): StackRef {
    return newSeqIter(this, type, seq);
  }

  // ---- errors: a sentinel return and the thread's current exception ----

  /** Set the current exception, taking ownership of `exc`. */
  setException(exc: StackRef): void {
    const old = this.curexc;
    this.curexc = exc;
    this.refs.xclose(old);
  }

  /** Take the current exception (the caller owns it); NULL if none. */
  fetchException(): StackRef {
    const exc = this.curexc;
    this.curexc = NULL;
    return exc;
  }

  hasException(): boolean {
    return this.curexc !== NULL;
  }

  /** Raise `type(message)`; returns ERROR so callers can `return s.raise(...)`. */
  raise(type: PyType, message: string): StackRef {
    const msg = newStr(this, message);
    if (msg === ERROR) return ERROR;
    const args = tupleFromRefs(this, [msg]);
    if (args === ERROR) return ERROR;
    const exc = newException(this, type, args);
    if (exc === ERROR) return ERROR;
    this.setException(exc);
    return ERROR;
  }

  /** Raise an exception of `type` whose only argument is `value` (borrowed). */
  raiseWithValue(type: PyType, value: StackRef): StackRef {
    const args = tupleFromRefs(this, [this.refs.asOwned(value)]);
    if (args === ERROR) return ERROR;
    const exc = newException(this, type, args);
    if (exc === ERROR) return ERROR;
    this.setException(exc);
    return ERROR;
  }

  raiseKeyError(key: StackRef): StackRef {
    return this.raiseWithValue(this.b.KeyError, key);
  }

  /** Raise the preallocated MemoryError (allocating nothing). */
  noMemory(): StackRef {
    this.setException(this.memoryErrorAddr | 1);
    return ERROR;
  }

  /** Allocate an object of `type`; on failure set MemoryError and return 0. */
  allocObject(type: PyType, size: number): number {
    const addr = this.heap.allocObject(type.addr, size);
    if (addr === 0) this.noMemory();
    // An instance of a class defined in Python owns a reference to its class (released by the
    // class's instance dealloc), whichever constructor made it.
    else if (type.heap) this.refs.asOwned(type.addr);
    return addr;
  }

  /**
   * Allocate an instance of `type` (a builtin type or a class over one) whose builtin part takes
   * `size` bytes, header included (a multiple of 4). The fields a class adds follow that part and
   * start NULL. Sets MemoryError and returns 0 on failure.
   */
  allocInstance(type: PyType, size: number): number {
    if (!type.heap) return this.allocObject(type, size);
    const extra = type.basicSize - type.builtin.basicSize;
    const addr = this.allocObject(type, size + extra);
    if (addr !== 0) this.i32.fill(NULL, (addr + size) >> 2, (addr + size + extra) >> 2);
    return addr;
  }

  newRef(addr: number): StackRef {
    return this.refs.fromNew(addr);
  }

  // ---- constructors ----

  newStr(text: string): StackRef {
    return newStr(this, text);
  }

  strValue(ref: StackRef): string {
    return strValue(this, ref);
  }

  /** The interned, immortal str for `text`. */
  intern(text: string): StackRef {
    return internStr(this, text);
  }

  /** A one-character str; Latin-1 characters are cached and immortal, as in CPython. */
  /**
   * `str[i]` of an exact str for 0 <= i < len when the character is a Latin-1 one already made
   * (charStr keeps those immortal): its reference; otherwise NULL. Allocates nothing.
   */
  cachedCharAt(str: StackRef, i: number): StackRef {
    if ((str & TAG_MASK) === TAG_INT || this.typeAddrOf(str) !== this.b.str.addr) return NULL;
    const a = str & ~TAG_MASK;
    if (i < 0 || i >= this.i32[(a + STR_LENGTH) >> 2]!) return NULL;
    if ((this.i32[(a + STR_FLAGS) >> 2]! & STR_KIND_MASK) === STR_KIND_UCS4) return NULL;
    const known = this.latin1.get(strValue(this, str).charCodeAt(i));
    return known === undefined ? NULL : known | 1;
  }

  charStr(ch: string): StackRef {
    const c = ch.charCodeAt(0);
    if (ch.length === 1 && c < 256) {
      const known = this.latin1.get(c);
      if (known !== undefined) return known | 1;
      const addr = newStr(this, ch);
      if (addr === ERROR) return ERROR;
      this.heap.makeImmortal(addr);
      this.latin1.set(c, addr);
      return addr | 1;
    }
    return newStr(this, ch);
  }

  newInt(v: number | bigint): StackRef {
    return typeof v === "bigint" ? intFromBigInt(this, v) : intFromNumber(this, v);
  }

  newFloat(v: number): StackRef {
    return newFloat(this, v);
  }

  newTuple(items: readonly StackRef[]): StackRef {
    return tupleFromRefs(this, items);
  }

  newDict(): StackRef {
    return newDict(this);
  }

  /** A list taking ownership of `items` (heap-safe references). */
  newList(items: readonly StackRef[]): StackRef {
    return listFromRefs(this, items);
  }

  newBuiltin(name: string, impl: VectorCall, self: StackRef = NULL): StackRef {
    return newBuiltin(this, name, impl, self);
  }

  dictGetItem(dict: StackRef, key: StackRef): StackRef {
    return dictGetItem(this, dict, key);
  }

  /** Borrowed value of `dict[name]` for an identifier, NULL if absent, ERROR on error. */
  dictGetStr(dict: StackRef, name: string): StackRef {
    return dictGetItem(this, dict, this.intern(name));
  }

  dictSetStr(dict: StackRef, name: string, value: StackRef): number {
    return dictSetItem(this, dict, this.intern(name), value);
  }

  // ---- hashing: 64-bit hashes as two i32 halves, low returned, high in `hashHi` ----

  hashResult(lo: number, hi: number): number {
    this.hashHi = hi;
    return lo;
  }

  /** Set the hash from a safe integer. */
  hashFromNumber(n: number): number {
    this.hashHi = Math.floor(n / 4294967296) | 0;
    return (n % 4294967296) | 0;
  }

  hashFromBigInt(h: bigint): number {
    const u = BigInt.asUintN(64, h);
    this.hashHi = Number(u >> 32n) | 0;
    return Number(u & 0xffffffffn) | 0;
  }

  /** hash(v): the low half, with the high half in `hashHi`; -1/-1 on error. */
  hash(v: StackRef): number {
    if ((v & TAG_MASK) === TAG_INT) {
      const x = v >> 2;
      this.hashHi = x < 0 ? -1 : 0;
      return x === -1 ? -2 : x;
    }
    const type = this.typeOf(v);
    const h = type.slots.hash;
    if (h === undefined) {
      this.raise(this.b.TypeError, `unhashable type: '${type.name}'`);
      this.hashHi = -1;
      return -1;
    }
    return h(v);
  }

  /** The hash slot of mutable containers (CPython's PyObject_HashNotImplemented). */
  readonly unhashable = (v: StackRef): number => {
    this.raise(this.b.TypeError, `unhashable type: '${this.typeOf(v).name}'`);
    this.hashHi = -1;
    return -1;
  };

  /** The full 64-bit hash as a BigInt (for `hash()`), or null on error. */
  hashExact(v: StackRef): bigint | null {
    const lo = this.hash(v);
    if (lo === -1 && this.hashHi === -1) return null;
    return BigInt.asIntN(64, (BigInt(this.hashHi >>> 0) << 32n) | BigInt(lo >>> 0));
  }

  // ---- the abstract protocols ----

  repr(v: StackRef): StackRef {
    const f = this.typeOf(v).slots.repr;
    return f === undefined ? this.raise(this.b.TypeError, "no repr") : f(v);
  }

  str(v: StackRef): StackRef {
    const slots = this.typeOf(v).slots;
    const f = slots.str ?? slots.repr;
    return f === undefined ? this.raise(this.b.TypeError, "no str") : f(v);
  }

  /** The JavaScript text of str(v), or null on error. */
  strText(v: StackRef): string | null {
    const r = this.str(v);
    if (r === ERROR) return null;
    const text = strValue(this, r);
    this.refs.close(r);
    return text;
  }

  /** Truth value: 0 or 1, -1 on error. */
  isTrue(v: StackRef): number {
    if (v === (this.trueAddr | 1)) return 1;
    if (v === (this.falseAddr | 1) || v === (this.noneAddr | 1)) return 0;
    if ((v & TAG_MASK) === TAG_INT) return v >> 2 !== 0 ? 1 : 0;
    const slots = this.typeOf(v).slots;
    if (slots.bool !== undefined) return slots.bool(v);
    if (slots.len !== undefined) {
      const n = slots.len(v);
      return n < 0 ? -1 : n > 0 ? 1 : 0;
    }
    return 1;
  }

  /** CPython's do_richcompare: the reflected operation, then identity for == and !=. */
  richCompare(v: StackRef, w: StackRef, op: number): StackRef {
    const vt = this.typeOf(v);
    const wt = this.typeOf(w);
    const notImpl = this.notImplementedAddr | 1;
    let checkedReverse = false;
    if (vt !== wt && wt.isSubtypeOf(vt) && wt.slots.richcompare !== undefined) {
      checkedReverse = true;
      const r = wt.slots.richcompare(w, v, SWAPPED_OP[op]!);
      if (r !== notImpl) return r;
    }
    if (vt.slots.richcompare !== undefined) {
      const r = vt.slots.richcompare(v, w, op);
      if (r !== notImpl) return r;
    }
    return checkedReverse ? this.richCompareFailed(v, w, op) : this.richCompareAfterLeft(v, w, op);
  }

  /**
   * The rest of richCompare once the left operand's method returned NotImplemented and the right
   * operand's reflected method was not due before it (the tier-1 dunder shims call it).
   */
  richCompareAfterLeft(v: StackRef, w: StackRef, op: number): StackRef {
    const slot = this.typeOf(w).slots.richcompare;
    if (slot !== undefined) {
      const r = slot(w, v, SWAPPED_OP[op]!);
      if (r !== (this.notImplementedAddr | 1)) return r;
    }
    return this.richCompareFailed(v, w, op);
  }

  /** Identity for == and !=, else the TypeError. */
  private richCompareFailed(v: StackRef, w: StackRef, op: number): StackRef {
    const vt = this.typeOf(v);
    const wt = this.typeOf(w);
    if (op === CompareOp.EQ) return this.bool((v & ~1) === (w & ~1));
    if (op === CompareOp.NE) return this.bool((v & ~1) !== (w & ~1));
    return this.raise(
      this.b.TypeError,
      `'${COMPARE_SYMBOLS[op]}' not supported between instances of '${vt.name}' and '${wt.name}'`,
    );
  }

  /** Comparison as a truth value: 0 or 1, -1 on error. Identity implies equality. */
  richCompareBool(v: StackRef, w: StackRef, op: number): number {
    if ((v & ~1) === (w & ~1)) {
      if (op === CompareOp.EQ) return 1;
      if (op === CompareOp.NE) return 0;
    }
    const r = this.richCompare(v, w, op);
    if (r === ERROR) return -1;
    const t = this.isTrue(r);
    this.refs.close(r);
    return t;
  }

  /** Key equality for dicts and sets: str keys compare without a slot call. */
  keysEqual(a: StackRef, b: StackRef): number {
    if (isStr(this, a) && isStr(this, b)) return strValue(this, a) === strValue(this, b) ? 1 : 0;
    return this.richCompareBool(a, b, CompareOp.EQ);
  }

  /** CPython's binary_op1 and binary_iop1: the right operand's slot first for a subclass. */
  binaryOp(v: StackRef, w: StackRef, nb: number): StackRef {
    if (nb === NB.SUBSCR) return this.getItem(v, w);
    if (nb >= NB.INPLACE_ADD) {
      // binary_iop1: the left operand's in-place slot, then the plain operator.
      const slotv = this.typeOf(v).slots.binop;
      if (slotv !== undefined) {
        const r = slotv(v, w, nb, false);
        if (r !== (this.notImplementedAddr | 1)) return r;
      }
    }
    return this.binaryOpPlain(v, w, nb);
  }

  /**
   * The rest of binaryOp once a method of the left operand returned NotImplemented (the tier-1
   * dunder shims call it): after the in-place method (`afterInplace`), the plain operator's
   * protocol; after the plain method, when the right operand's reflected method was not due
   * before it (its type is the left one's or not a subclass of it), the reflected method, then
   * the TypeError. An in-place `nb` names its operator in the message.
   */
  binaryOpAfterLeft(v: StackRef, w: StackRef, nb: number, afterInplace: boolean): StackRef {
    return afterInplace ? this.binaryOpPlain(v, w, nb) : this.binaryOpReflected(v, w, nb);
  }

  /** The plain operator's protocol (an in-place `nb` names its plain operator and its message). */
  private binaryOpPlain(v: StackRef, w: StackRef, nb: number): StackRef {
    const notImpl = this.notImplementedAddr | 1;
    const vt = this.typeOf(v);
    const wt = this.typeOf(w);
    const slotv = vt.slots.binop;
    const slotw = wt !== vt ? wt.slots.binop : undefined;
    const op = plainOperator(nb);
    let tried = false;
    if (slotw !== undefined && wt.isSubtypeOf(vt)) {
      tried = true;
      const r = slotw(v, w, op, true);
      if (r !== notImpl) return r;
    }
    if (slotv !== undefined) {
      const r = slotv(v, w, op, false);
      if (r !== notImpl) return r;
    }
    return tried ? this.binaryOpFailed(v, w, nb) : this.binaryOpReflected(v, w, nb);
  }

  private binaryOpReflected(v: StackRef, w: StackRef, nb: number): StackRef {
    const vt = this.typeOf(v);
    const wt = this.typeOf(w);
    const slotw = wt !== vt ? wt.slots.binop : undefined;
    if (slotw !== undefined) {
      const r = slotw(v, w, plainOperator(nb), true);
      if (r !== (this.notImplementedAddr | 1)) return r;
    }
    return this.binaryOpFailed(v, w, nb);
  }

  private binaryOpFailed(v: StackRef, w: StackRef, nb: number): StackRef {
    const vt = this.typeOf(v);
    const wt = this.typeOf(w);
    const op = plainOperator(nb);
    const symbol = NB_SYMBOLS[nb]!;
    if (op === NB.ADD) {
      // Sequence concatenation's own words (sq_concat of str, list, tuple, bytes).
      const seq = [this.b.str, this.b.list, this.b.tuple].find((t) => vt.isSubtypeOf(t));
      if (seq !== undefined) {
        return this.raise(
          this.b.TypeError,
          `can only concatenate ${seq.name} (not "${wt.name}") to ${seq.name}`,
        );
      }
      if (vt.isSubtypeOf(this.b.bytes) || vt.isSubtypeOf(this.b.bytearray)) {
        return this.raise(this.b.TypeError, `can't concat ${wt.name} to ${vt.name}`);
      }
    }
    return this.raise(
      this.b.TypeError,
      `unsupported operand type(s) for ${symbol}: '${vt.name}' and '${wt.name}'`,
    );
  }

  unaryOp(v: StackRef, op: number): StackRef {
    const type = this.typeOf(v);
    const f = type.slots.unary;
    if (f !== undefined) {
      const r = f(v, op);
      if (r !== (this.notImplementedAddr | 1)) return r;
    }
    const symbol = ["unary -", "unary +", "unary ~"][op]!;
    return this.raise(this.b.TypeError, `bad operand type for ${symbol}: '${type.name}'`);
  }

  getItem(o: StackRef, key: StackRef): StackRef {
    const type = this.typeOf(o);
    const f = type.slots.getitem;
    if (f === undefined) {
      // Subscripting a class: list[int], or its __class_getitem__ (PyObject_GetItem).
      if (type.isSubtypeOf(this.b.type)) {
        const r = classGetItem(this, o, key);
        if (r !== NULL) return r;
        const name = this.typeFromAddr(o & ~TAG_MASK).name;
        return this.raise(this.b.TypeError, `type '${name}' is not subscriptable`);
      }
      return this.raise(this.b.TypeError, `'${type.name}' object is not subscriptable`);
    }
    return f(o, key);
  }

  /** o[key] = value (value borrowed), or delete when value is NULL. 0 or -1. */
  setItem(o: StackRef, key: StackRef, value: StackRef): number {
    const type = this.typeOf(o);
    const f = type.slots.setitem;
    if (f === undefined) {
      this.raise(
        this.b.TypeError,
        value === NULL
          ? `'${type.name}' object doesn't support item deletion`
          : `'${type.name}' object does not support item assignment`,
      );
      return -1;
    }
    return f(o, key, value);
  }

  /** len(o), or -1 on error. */
  length(o: StackRef): number {
    const type = this.typeOf(o);
    const f = type.slots.len;
    if (f === undefined) {
      this.raise(this.b.TypeError, `object of type '${type.name}' has no len()`);
      return -1;
    }
    return f(o);
  }

  /** `key in o`: 0 or 1, -1 on error. */
  contains(o: StackRef, key: StackRef): number {
    const f = this.typeOf(o).slots.contains;
    return f === undefined ? this.sequenceContains(o, key) : f(o, key);
  }

  /** Membership by iteration (CPython's _PySequence_IterSearch). */
  sequenceContains(o: StackRef, key: StackRef): number {
    const it = this.getIter(o);
    if (it === ERROR) {
      if (this.isInstance(this.curexc, this.b.TypeError)) {
        this.raise(this.b.TypeError, `argument of type '${this.typeOf(o).name}' is not iterable`);
      }
      return -1;
    }
    for (;;) {
      const item = this.iterNext(it);
      if (item === NULL) {
        this.refs.close(it);
        return 0;
      }
      if (item === ERROR) {
        this.refs.close(it);
        return -1;
      }
      const eq = this.richCompareBool(item, key, CompareOp.EQ);
      this.refs.close(item);
      if (eq !== 0) {
        this.refs.close(it);
        return eq;
      }
    }
  }

  getIter(o: StackRef): StackRef {
    const type = this.typeOf(o);
    const f = type.slots.iter;
    if (f === undefined) {
      // The sequence protocol: an object with __getitem__ iterates by index (PySeqIter_New).
      if (type.slots.getitem !== undefined && !type.isSubtypeOf(this.b.dict)) {
        return newSeqIter(this, this.b.iterator, o);
      }
      return this.raise(this.b.TypeError, `'${type.name}' object is not iterable`);
    }
    return f(o);
  }

  /** The next item, NULL when exhausted (no exception), ERROR on error. */
  iterNext(it: StackRef): StackRef {
    const type = this.typeOf(it);
    const f = type.slots.iternext;
    if (f === undefined) {
      return this.raise(this.b.TypeError, `'${type.name}' object is not an iterator`);
    }
    return f(it);
  }

  /** Call with `nargs` borrowed arguments at i32 index `args`, keywords named by `kwnames`. */
  callVector(callable: StackRef, args: number, nargs: number, kwnames: StackRef): StackRef {
    const type = this.typeOf(callable);
    const f = type.slots.call;
    if (f === undefined) {
      return this.raise(this.b.TypeError, `'${type.name}' object is not callable`);
    }
    return f(callable, args, nargs, kwnames);
  }

  /** Call with arguments in a JavaScript array (borrowed), through a scratch stack. */
  call(callable: StackRef, args: readonly StackRef[], kwnames: StackRef = NULL): StackRef {
    return this.callImpl(
      (_self, base, nargs, kw) => this.callVector(callable, base, nargs, kw),
      NULL,
      args,
      kwnames,
    );
  }

  /**
   * Call a vectorcall implementation with `self` and arguments in a JavaScript array
   * (borrowed; keyword values last, named by `kwnames`), through a scratch stack.
   */
  callImpl(
    impl: VectorCall,
    self: StackRef,
    args: readonly StackRef[],
    kwnames: StackRef = NULL,
  ): StackRef {
    if (this.scratch === 0) {
      this.scratch = this.heap.alloc(4 * SCRATCH_WORDS) >> 2;
      if (this.scratch === 0) return this.noMemory();
    }
    const base = this.scratch + this.scratchTop;
    if (this.scratchTop + args.length > SCRATCH_WORDS) {
      return this.raise(this.b.RecursionError, "maximum recursion depth exceeded");
    }
    for (let i = 0; i < args.length; i++) this.i32[base + i] = args[i]!;
    this.scratchTop += args.length;
    const kw = kwnames === NULL ? 0 : this.length(kwnames);
    const r = impl(self, base, args.length - kw, kwnames);
    this.scratchTop -= args.length;
    return r;
  }

  /** Calls of Python functions from host code, delegated to the interpreter. */
  runtimeCallVector(callable: StackRef, args: number, nargs: number, kwnames: StackRef): StackRef {
    if (this.runtime === null) {
      return this.raise(this.b.RuntimeError, "no interpreter is installed to run Python code");
    }
    return this.runtime.callVector(callable, args, nargs, kwnames);
  }

  /** getattr(o, name) for a str name (borrowed): the type's slot, else the generic lookup. */
  getAttr(o: StackRef, name: StackRef): StackRef {
    const f = this.typeOf(o).slots.getattr;
    return f === undefined ? genericGetAttr(this, o, name) : f(o, name);
  }

  /** setattr(o, name, value), or delattr when value is NULL: 0 or -1. */
  setAttr(o: StackRef, name: StackRef, value: StackRef): number {
    const f = this.typeOf(o).slots.setattr;
    return f === undefined ? genericSetAttr(this, o, name, value) : f(o, name, value);
  }

  // ---- recursion guard for reprs of self-containing containers (Py_ReprEnter) ----

  reprEnter(o: StackRef): boolean {
    const addr = o & ~TAG_MASK;
    if (this.reprActive.has(addr)) return false;
    this.reprActive.add(addr);
    return true;
  }

  reprLeave(o: StackRef): void {
    this.reprActive.delete(o & ~TAG_MASK);
  }

  /** The empty tuple, made once. */
  initEmptyTuple(): void {
    const t = newTuple(this, 0);
    this.heap.makeImmortal(t);
    this.emptyTuple = t;
  }
}
