// The assembler (CPython's Python/assemble.c plus the last flow-graph steps): optimizes a finished
// unit's graph, lays out localsplus (cells, free variables, the prefix instructions), resolves jumps
// with EXTENDED_ARG, and emits code units with inline caches, the exception table and positions.
import type { ConstValue as CodeConst, CodeUnit, ExceptionTableEntry } from "@skein/bytecode";
import type { UnitResult } from "./codegen.js";
import type { ConstValue } from "./consts.js";
import {
  type Block,
  calculateStackdepth,
  convertPseudoConditionalJumps,
  convertPseudoOps,
  type Location,
  normalizeJumps,
  optimizeCodeUnit,
  optimizeLoadFast,
} from "./flowgraph.js";
import {
  CO_ASYNC_GENERATOR,
  CO_COROUTINE,
  CO_FAST_ARG_KW,
  CO_FAST_ARG_POS,
  CO_FAST_ARG_VAR,
  CO_FAST_CELL,
  CO_FAST_FREE,
  CO_FAST_HIDDEN,
  CO_FAST_LOCAL,
  CO_GENERATOR,
  CO_VARARGS,
  CO_VARKEYWORDS,
  cacheSize,
  hasArg,
  inInstructionSet,
  isJump,
  opcodeOf,
} from "./opcodes.js";

/** One instruction of the final sequence, by name (what the disassembly listing prints). */
export interface ListingInstr {
  readonly op: string;
  readonly arg: number;
  readonly loc: Location;
  /** Index (in the listing) of the jump target, or -1. */
  readonly target: number;
}

/** An assembled unit: the CodeUnit when every instruction exists in Skein's instruction set. */
export interface Assembled {
  readonly code: CodeUnit | null;
  readonly name: string;
  readonly qualname: string;
  readonly listing: readonly ListingInstr[];
  readonly consts: readonly ConstValue[];
  readonly names: readonly string[];
  readonly localsplusNames: readonly string[];
  readonly stacksize: number;
  /** Instructions Skein's instruction set lacks (in this unit or nested ones). */
  readonly missing: ReadonlySet<string>;
}

interface LinearInstr {
  op: string;
  arg: number;
  loc: Location;
  /** Index of the target instruction for jumps. */
  target: number;
  handler: number;
  handlerDepth: number;
  handlerLasti: boolean;
  offset: number;
}

const isGenerator = (flags: number): boolean =>
  (flags & (CO_GENERATOR | CO_COROUTINE | CO_ASYNC_GENERATOR)) !== 0;

function instrSize(op: string, arg: number): number {
  let ext = 0;
  if (arg > 0xffffff) ext = 3;
  else if (arg > 0xffff) ext = 2;
  else if (arg > 0xff) ext = 1;
  return ext + 1 + cacheSize(op);
}

export function assembleUnit(u: UnitResult, filename: string): Assembled {
  const nlocals0 = u.varnames.length;
  const consts = optimizeCodeUnit(u.entry, u.consts, {
    nlocals: nlocals0,
    nparams: u.nparams,
    keepFirstConst: true,
    hasOp: inInstructionSet,
  });
  const entry = u.entry;
  convertPseudoConditionalJumps(entry);
  const stacksize = calculateStackdepth(entry);

  // prepare_localsplus: cells that are also arguments share the argument's slot.
  const varnames = u.varnames;
  const nlocals = varnames.length;
  const varIndex = new Map<string, number>();
  for (let i = 0; i < varnames.length; i++) varIndex.set(varnames[i]!, i);
  const ncells = u.cellvars.length;
  const nfrees = u.freevars.length;
  const fixed: number[] = [];
  for (let i = 0; i < ncells + nfrees; i++) fixed.push(nlocals + i);
  u.cellvars.forEach((c, i) => {
    const vi = varIndex.get(c);
    if (vi !== undefined) fixed[i] = vi;
  });
  insertPrefix(u, entry, fixed, nfrees, nlocals);
  let dropped = 0;
  for (let i = 0; i < ncells + nfrees; i++) {
    if (fixed[i] === i + nlocals) fixed[i]! -= dropped;
    else dropped++;
  }
  for (let b: Block | null = entry; b !== null; b = b.next) {
    for (const ins of b.instrs) {
      switch (ins.op) {
        case "MAKE_CELL":
        case "LOAD_CLOSURE":
        case "LOAD_DEREF":
        case "STORE_DEREF":
        case "DELETE_DEREF":
        case "LOAD_FROM_DICT_OR_DEREF":
          ins.arg = fixed[ins.arg]!;
      }
    }
  }
  convertPseudoOps(entry);
  normalizeJumps(entry);
  optimizeLoadFast(entry, inInstructionSet);

  // Linearize.
  const linear: LinearInstr[] = [];
  const blockStart = new Map<Block, number>();
  for (let b: Block | null = entry; b !== null; b = b.next) {
    blockStart.set(b, linear.length);
    for (const ins of b.instrs) {
      linear.push({
        op: ins.op,
        arg: ins.arg,
        loc: ins.loc,
        target: -1,
        handler: -1,
        handlerDepth: ins.except?.startDepth ?? 0,
        handlerLasti: ins.except?.preserveLasti ?? false,
        offset: 0,
      });
    }
  }
  let k = 0;
  for (let b: Block | null = entry; b !== null; b = b.next) {
    for (const ins of b.instrs) {
      const li = linear[k++]!;
      if (ins.target !== null && isJump(ins.op))
        li.target = blockStart.get(nextNonEmpty(ins.target, blockStart))!;
      if (ins.except !== null) li.handler = blockStart.get(nextNonEmpty(ins.except, blockStart))!;
    }
  }
  // resolve_unconditional_jumps
  linear.forEach((li, i) => {
    const forward = li.target > i;
    if (li.op === "JUMP") li.op = forward ? "JUMP_FORWARD" : "JUMP_BACKWARD";
    else if (li.op === "JUMP_NO_INTERRUPT")
      li.op = forward ? "JUMP_FORWARD" : "JUMP_BACKWARD_NO_INTERRUPT";
  });
  // resolve_jump_offsets
  let again = true;
  let total = 0;
  while (again) {
    total = 0;
    for (const li of linear) {
      li.offset = total;
      total += instrSize(li.op, li.arg);
    }
    again = false;
    let offset = 0;
    for (const li of linear) {
      const isize = instrSize(li.op, li.arg);
      offset += isize;
      if (li.target >= 0) {
        const t = linear[li.target]!.offset;
        if (li.op === "END_ASYNC_FOR" || t < offset) li.arg = offset - t;
        else li.arg = t - offset;
        if (instrSize(li.op, li.arg) !== isize) again = true;
      }
    }
  }

  // localsplus
  const names: string[] = [...varnames];
  const kinds: number[] = [];
  const cellSet = new Set(u.cellvars);
  const argcount = u.argcount + u.posonlyargcount;
  const flags = u.flags;
  varnames.forEach((v, i) => {
    let kind = CO_FAST_LOCAL;
    if (u.fastHidden.has(v)) kind |= CO_FAST_HIDDEN;
    if (cellSet.has(v)) kind |= CO_FAST_CELL;
    if (i < u.nparams) {
      if (i < u.posonlyargcount) kind |= CO_FAST_ARG_POS;
      else if (i < argcount) kind |= CO_FAST_ARG_POS | CO_FAST_ARG_KW;
      else if (i < argcount + u.kwonlyargcount) kind |= CO_FAST_ARG_KW;
      else {
        const isVarargs = flags & CO_VARARGS && i === argcount + u.kwonlyargcount;
        if (isVarargs) kind |= CO_FAST_ARG_POS | CO_FAST_ARG_VAR;
        else if (flags & CO_VARKEYWORDS) kind |= CO_FAST_ARG_KW | CO_FAST_ARG_VAR;
      }
    }
    kinds.push(kind);
  });
  for (const c of u.cellvars) {
    if (varIndex.has(c)) continue;
    names.push(c);
    kinds.push(CO_FAST_CELL);
  }
  for (const f of u.freevars) {
    names.push(f);
    kinds.push(CO_FAST_FREE);
  }

  const listing: ListingInstr[] = linear.map((li) => ({
    op: li.op,
    arg: hasArg(li.op) ? li.arg : 0,
    loc: li.loc,
    target: li.target,
  }));
  const missing = new Set<string>();
  for (const li of linear) if (opcodeOf(li.op) === undefined) missing.add(li.op);
  const nested: CodeUnit[] = [];
  for (const c of consts) {
    if (typeof c === "object" && c !== null && !(c instanceof Uint8Array) && c.kind === "code") {
      const a = c.code as Assembled;
      for (const m of a.missing) missing.add(m);
      if (a.code !== null) nested.push(a.code);
    }
  }
  let convertOk = missing.size === 0;
  const convert = (v: ConstValue): CodeConst => {
    if (v === null || typeof v === "boolean" || typeof v === "string") return v;
    if (typeof v === "bigint") return { kind: "int", value: v };
    if (typeof v === "number") return { kind: "float", value: v };
    if (v instanceof Uint8Array) return { kind: "bytes", value: v };
    switch (v.kind) {
      case "ellipsis":
        return { kind: "ellipsis" };
      case "complex":
        return { kind: "complex", real: v.real, imag: v.imag };
      case "tuple":
        return { kind: "tuple", items: v.items.map(convert) };
      case "frozenset":
        return { kind: "frozenset", items: v.items.map(convert) };
      case "slice":
        convertOk = false;
        missing.add("slice constant");
        return null;
      case "code":
        return (v.code as Assembled).code ?? null;
    }
  };
  const codeConsts = consts.map(convert);
  let code: CodeUnit | null = null;
  if (convertOk) {
    const units = new Uint16Array(total);
    const positions = new Int32Array(total * 4).fill(-1);
    let pc = 0;
    for (const li of linear) {
      const opcode = opcodeOf(li.op)!;
      const arg = hasArg(li.op) ? li.arg : 0;
      const start = pc;
      if (arg > 0xffffff) units[pc++] = opcodeOf("EXTENDED_ARG")! | (((arg >>> 24) & 0xff) << 8);
      if (arg > 0xffff) units[pc++] = opcodeOf("EXTENDED_ARG")! | (((arg >>> 16) & 0xff) << 8);
      if (arg > 0xff) units[pc++] = opcodeOf("EXTENDED_ARG")! | (((arg >>> 8) & 0xff) << 8);
      units[pc++] = opcode | ((arg & 0xff) << 8);
      pc += cacheSize(li.op);
      for (let p = start; p < pc; p++) {
        positions[p * 4] = li.loc.lineno;
        positions[p * 4 + 1] = li.loc.endLineno;
        positions[p * 4 + 2] = li.loc.col;
        positions[p * 4 + 3] = li.loc.endCol;
      }
    }
    code = {
      kind: "code",
      name: u.name,
      qualname: u.qualname,
      filename,
      firstLineno: u.firstLineno,
      argcount,
      posonlyargcount: u.posonlyargcount,
      kwonlyargcount: u.kwonlyargcount,
      flags,
      code: units,
      consts: codeConsts,
      names: u.names,
      localsplusNames: names,
      localsplusKinds: Uint8Array.from(kinds),
      stacksize,
      positions,
      exceptionTable: exceptionTable(linear),
    };
  }
  void nested;
  return {
    code,
    name: u.name,
    qualname: u.qualname,
    listing,
    consts,
    names: u.names,
    localsplusNames: names,
    stacksize,
    missing,
  };
}

function nextNonEmpty(b: Block, starts: Map<Block, number>): Block {
  let x: Block | null = b;
  while (x !== null && x.instrs.length === 0) x = x.next;
  if (x === null) {
    // A jump to the (empty) end: any block start after it is past the end; use b itself.
    if (!starts.has(b)) throw new Error("jump to an unplaced block");
    return b;
  }
  return x;
}

function insertPrefix(
  u: UnitResult,
  entry: Block,
  fixed: number[],
  nfrees: number,
  nlocals: number,
): void {
  const prefix: { op: string; arg: number; loc: Location }[] = [];
  const none: Location = { lineno: -1, endLineno: -1, col: -1, endCol: -1 };
  if (nfrees) prefix.push({ op: "COPY_FREE_VARS", arg: nfrees, loc: none });
  const ncells = u.cellvars.length;
  if (ncells) {
    const sorted = new Array<number>(ncells + nlocals).fill(0);
    for (let i = 0; i < ncells; i++) sorted[fixed[i]!] = i + 1;
    let used = 0;
    for (let i = 0; used < ncells; i++) {
      const old = sorted[i]! - 1;
      if (old === -1) continue;
      prefix.push({ op: "MAKE_CELL", arg: old, loc: none });
      used++;
    }
  }
  if (isGenerator(u.flags)) {
    const loc: Location = { lineno: u.firstLineno, endLineno: u.firstLineno, col: -1, endCol: -1 };
    prefix.push({ op: "RETURN_GENERATOR", arg: 0, loc }, { op: "POP_TOP", arg: 0, loc });
  }
  entry.instrs.unshift(...prefix.map((p) => ({ ...p, target: null, except: null })));
}

function exceptionTable(linear: readonly LinearInstr[]): ExceptionTableEntry[] {
  const out: ExceptionTableEntry[] = [];
  let handler = -1;
  let depth = 0;
  let lasti = false;
  let start = -1;
  let ioffset = 0;
  const emit = (end: number): void => {
    if (handler < 0) return;
    let d = depth - 1;
    if (lasti) d -= 1;
    out.push({ start, end, target: linear[handler]!.offset, depth: d, lasti });
  };
  for (const li of linear) {
    if (li.handler !== handler) {
      emit(ioffset);
      start = ioffset;
      handler = li.handler;
      depth = li.handlerDepth;
      lasti = li.handlerLasti;
    }
    ioffset += instrSize(li.op, li.arg);
  }
  emit(ioffset);
  return out;
}
