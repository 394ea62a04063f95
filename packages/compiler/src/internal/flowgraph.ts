// The control-flow graph and its passes (CPython's Python/flowgraph.c): exception-target labelling,
// dead code removal, jump threading, constant folding, line number propagation, cold block
// placement, stack depth, pseudo-op conversion and the LOAD_FAST_BORROW analysis. Every pass is
// linear or near-linear in the number of instructions.
import { type ConstValue, constKey, constTruth, foldBinop, foldUnary, tuple } from "./consts.js";
import {
  hasEvalBreak,
  hasTarget,
  INTRINSIC_LIST_TO_TUPLE,
  INTRINSIC_UNARY_POSITIVE,
  isBlockPush,
  isConditionalJump,
  isJump,
  isScopeExit,
  isTerminator,
  isUnconditionalJump,
  NB,
  numPopped,
  numPushed,
  RESUME_AT_FUNC_START,
  RESUME_OPARG_DEPTH1_MASK,
} from "./opcodes.js";

export interface Location {
  readonly lineno: number;
  readonly endLineno: number;
  readonly col: number;
  readonly endCol: number;
}

export const NO_LOCATION: Location = Object.freeze({
  lineno: -1,
  endLineno: -1,
  col: -1,
  endCol: -1,
});

export interface Instr {
  op: string;
  arg: number;
  target: Block | null;
  loc: Location;
  except: Block | null;
}

export class Block {
  instrs: Instr[] = [];
  next: Block | null = null;
  /** A jump target (CPython: b_label is set). */
  isLabel = false;
  startDepth = -1;
  predecessors = 0;
  visited = false;
  exceptHandler = false;
  preserveLasti = false;
  cold = false;
  warm = false;
  exceptStack: Block[] | null = null;
  unsafeMask = 0n;
  /** Byte offset in code units, set by the assembler. */
  offset = 0;

  last(): Instr | undefined {
    return this.instrs[this.instrs.length - 1];
  }

  noFallthrough(): boolean {
    const last = this.last();
    return last !== undefined && (isScopeExit(last.op) || isUnconditionalJump(last.op));
  }

  hasFallthrough(): boolean {
    return !this.noFallthrough();
  }

  exitsScope(): boolean {
    const last = this.last();
    return last !== undefined && isScopeExit(last.op);
  }

  hasNoLineno(): boolean {
    for (const i of this.instrs) if (i.loc.lineno >= 0) return false;
    return true;
  }
}

/** Builds the graph as code generation emits instructions (labels are blocks made in advance). */
export class CfgBuilder {
  readonly entry: Block;
  cur: Block;
  readonly order: Block[] = [];

  constructor() {
    this.entry = new Block();
    this.cur = this.entry;
    this.order.push(this.entry);
  }

  newLabel(): Block {
    return new Block();
  }

  /** Start emitting into `label` (USE_LABEL). */
  useLabel(label: Block): void {
    label.isLabel = true;
    const cur = this.cur;
    if (cur.instrs.length === 0 && !cur.isLabel && cur !== this.entry) {
      // An empty unlabelled block nobody jumps to: replace it by the label.
      this.order[this.order.length - 1] = label;
    } else {
      this.order.push(label);
    }
    this.cur = label;
  }

  private maybeStartNewBlock(): void {
    const last = this.cur.last();
    if (last !== undefined && isTerminator(last.op)) {
      const b = new Block();
      this.order.push(b);
      this.cur = b;
    }
  }

  addOp(op: string, arg: number, loc: Location): void {
    this.maybeStartNewBlock();
    this.cur.instrs.push({ op, arg, target: null, loc, except: null });
  }

  addJump(op: string, target: Block, loc: Location): void {
    this.maybeStartNewBlock();
    this.cur.instrs.push({ op, arg: 0, target, loc, except: null });
  }

  /** Insert at the start of the entry block (prefix instructions). */
  insertAtStart(op: string, arg: number, target: Block | null, loc: Location): void {
    this.entry.instrs.unshift({ op, arg, target, loc, except: null });
  }

  /** Link the blocks in emission order; returns the entry block. */
  finish(): Block {
    for (let i = 0; i < this.order.length; i++) this.order[i]!.next = this.order[i + 1] ?? null;
    return this.entry;
  }
}

export class CompileBug extends Error {}

function nop(i: Instr): void {
  i.op = "NOP";
  i.arg = 0;
  i.target = null;
}

function nextNonemptyBlock(b: Block | null): Block | null {
  while (b !== null && b.instrs.length === 0) b = b.next;
  return b;
}

function allBlocks(entry: Block): Block[] {
  const out: Block[] = [];
  for (let b: Block | null = entry; b !== null; b = b.next) {
    b.visited = false;
    out.push(b);
  }
  return out;
}

// --- preprocessing ---------------------------------------------------------------------------------

export function markExceptHandlers(entry: Block): void {
  for (let b: Block | null = entry; b !== null; b = b.next) {
    for (const i of b.instrs) if (isBlockPush(i.op)) i.target!.exceptHandler = true;
  }
}

export function labelExceptionTargets(entry: Block): void {
  allBlocks(entry);
  const todo: Block[] = [entry];
  entry.visited = true;
  entry.exceptStack = [];
  while (todo.length > 0) {
    const b = todo.pop()!;
    const stack: Block[] = b.exceptStack ?? [];
    let owned = true;
    b.exceptStack = null;
    let handler: Block | null = stack[stack.length - 1] ?? null;
    let lastYieldExceptDepth = -1;
    for (const instr of b.instrs) {
      if (isBlockPush(instr.op)) {
        const t = instr.target!;
        if (!t.visited) {
          t.exceptStack = stack.slice();
          t.visited = true;
          todo.push(t);
        }
        if (instr.op === "SETUP_WITH" || instr.op === "SETUP_CLEANUP") t.preserveLasti = true;
        stack.push(t);
        handler = t;
      } else if (instr.op === "POP_BLOCK") {
        stack.pop();
        handler = stack[stack.length - 1] ?? null;
        nop(instr);
      } else if (isJump(instr.op)) {
        instr.except = handler;
        const t = instr.target!;
        if (!t.visited) {
          if (b.hasFallthrough()) {
            t.exceptStack = stack.slice();
          } else {
            t.exceptStack = stack;
            owned = false;
          }
          t.visited = true;
          todo.push(t);
        }
      } else if (instr.op === "YIELD_VALUE") {
        instr.except = handler;
        lastYieldExceptDepth = stack.length;
      } else if (instr.op === "RESUME") {
        instr.except = handler;
        if (instr.arg !== RESUME_AT_FUNC_START) {
          if (lastYieldExceptDepth === 1) instr.arg |= RESUME_OPARG_DEPTH1_MASK;
          lastYieldExceptDepth = -1;
        }
      } else {
        instr.except = handler;
      }
    }
    if (b.hasFallthrough() && b.next !== null && !b.next.visited) {
      b.next.exceptStack = owned ? stack : stack.slice();
      b.next.visited = true;
      todo.push(b.next);
    }
  }
}

// --- dead code, nops and jumps --------------------------------------------------------------------

export function removeUnreachable(entry: Block): void {
  const blocks = allBlocks(entry);
  for (const b of blocks) b.predecessors = 0;
  const stack: Block[] = [entry];
  entry.predecessors = 1;
  entry.visited = true;
  while (stack.length > 0) {
    const b = stack.pop()!;
    if (b.next !== null && b.hasFallthrough()) {
      if (!b.next.visited) {
        stack.push(b.next);
        b.next.visited = true;
      }
      b.next.predecessors++;
    }
    for (const i of b.instrs) {
      if (isJump(i.op) || isBlockPush(i.op)) {
        const t = i.target!;
        if (!t.visited) {
          stack.push(t);
          t.visited = true;
        }
        t.predecessors++;
      }
    }
  }
  for (const b of blocks) {
    if (b.predecessors === 0) {
      b.instrs.length = 0;
      b.exceptHandler = false;
    }
  }
}

function removeRedundantNopsInBlock(bb: Block): number {
  const ins = bb.instrs;
  let dest = 0;
  let prevLineno = -1;
  for (let src = 0; src < ins.length; src++) {
    const instr = ins[src]!;
    const lineno = instr.loc.lineno;
    if (instr.op === "NOP") {
      if (lineno < 0) continue;
      if (prevLineno === lineno) continue;
      if (src < ins.length - 1) {
        const nextInstr = ins[src + 1]!;
        const nextLineno = nextInstr.loc.lineno;
        if (nextLineno === lineno) continue;
        if (nextLineno < 0) {
          nextInstr.loc = instr.loc;
          continue;
        }
      } else {
        const next = nextNonemptyBlock(bb.next);
        if (next !== null) {
          let nextLoc = NO_LOCATION;
          for (const ni of next.instrs) {
            if (ni.op === "NOP" && ni.loc.lineno < 0) continue;
            nextLoc = ni.loc;
            break;
          }
          if (lineno === nextLoc.lineno) continue;
        }
      }
    }
    ins[dest++] = instr;
    prevLineno = lineno;
  }
  const removed = ins.length - dest;
  ins.length = dest;
  return removed;
}

function removeRedundantNops(entry: Block): number {
  let changes = 0;
  for (let b: Block | null = entry; b !== null; b = b.next)
    changes += removeRedundantNopsInBlock(b);
  return changes;
}

function removeRedundantNopsAndPairs(entry: Block): void {
  let done = false;
  while (!done) {
    done = true;
    let instr: Instr | null = null;
    for (let b: Block | null = entry; b !== null; b = b.next) {
      removeRedundantNopsInBlock(b);
      if (b.isLabel) instr = null;
      for (const cur of b.instrs) {
        const prev = instr;
        instr = cur;
        if (cur.op === "POP_TOP" && prev !== null) {
          if (
            prev.op === "LOAD_CONST" ||
            prev.op === "LOAD_SMALL_INT" ||
            (prev.op === "COPY" && prev.arg === 1)
          ) {
            nop(prev);
            nop(cur);
            done = false;
          }
        }
      }
      if ((instr !== null && isJump(instr.op)) || !b.hasFallthrough()) instr = null;
    }
  }
}

function removeRedundantJumps(entry: Block): number {
  let changes = 0;
  for (let b: Block | null = entry; b !== null; b = b.next) {
    const last = b.last();
    if (last === undefined || !isUnconditionalJump(last.op)) continue;
    const target = nextNonemptyBlock(last.target);
    if (target === null) throw new CompileBug("jump with NULL target");
    if (target === nextNonemptyBlock(b.next)) {
      changes++;
      nop(last);
    }
  }
  return changes;
}

export function removeRedundantNopsAndJumps(entry: Block): void {
  let n: number;
  do {
    n = removeRedundantNops(entry) + removeRedundantJumps(entry);
  } while (n > 0);
}

const MAX_COPY_SIZE = 4;

function inlineSmallOrNoLinenoBlocks(entry: Block): void {
  let changes: boolean;
  do {
    changes = false;
    for (let bb: Block | null = entry; bb !== null; bb = bb.next) {
      const last = bb.last();
      if (last === undefined || !isUnconditionalJump(last.op)) continue;
      const target = last.target!;
      const smallExit = target.exitsScope() && target.instrs.length <= MAX_COPY_SIZE;
      const noLinenoNoFallthrough = target.hasNoLineno() && !target.hasFallthrough();
      if (smallExit || noLinenoNoFallthrough) {
        const removedOp = last.op;
        nop(last);
        for (const i of target.instrs) bb.instrs.push({ ...i });
        if (noLinenoNoFallthrough) {
          const l = bb.last()!;
          if (isUnconditionalJump(l.op) && removedOp === "JUMP") l.op = "JUMP";
        }
        target.predecessors--;
        changes = true;
      }
    }
  } while (changes);
}

function jumpThread(bb: Block, inst: Instr, target: Instr, op: string): boolean {
  if (inst.target !== target.target) {
    nop(inst);
    bb.instrs.push({ op, arg: 0, target: target.target, loc: target.loc, except: null });
    return true;
  }
  return false;
}

// --- constants -----------------------------------------------------------------------------------

/** The consts list of a code unit, with merging of equal constants. */
export class ConstPool {
  readonly values: ConstValue[] = [];
  private readonly index = new Map<string, number>();

  add(v: ConstValue): number {
    const k = constKey(v);
    const i = this.index.get(k);
    if (i !== undefined) return i;
    this.values.push(v);
    this.index.set(k, this.values.length - 1);
    return this.values.length - 1;
  }
}

function loadsConst(op: string): boolean {
  return op === "LOAD_CONST" || op === "LOAD_SMALL_INT";
}

function constValue(i: Instr, consts: ConstPool): ConstValue {
  return i.op === "LOAD_SMALL_INT" ? BigInt(i.arg) : consts.values[i.arg]!;
}

function isSmallInt(v: ConstValue): v is bigint {
  return typeof v === "bigint" && v >= 0n && v < 256n;
}

function makeLoadConst(i: Instr, v: ConstValue, consts: ConstPool): void {
  if (isSmallInt(v)) {
    i.op = "LOAD_SMALL_INT";
    i.arg = Number(v);
  } else {
    i.op = "LOAD_CONST";
    i.arg = consts.add(v);
  }
  i.target = null;
}

const STACK_USE_GUIDELINE = 30;

function getConstLoadingInstrs(bb: Block, start: number, size: number): Instr[] | null {
  const out: Instr[] = new Array(size);
  for (; start >= 0 && size > 0; start--) {
    const i = bb.instrs[start]!;
    if (i.op === "NOP") continue;
    if (!loadsConst(i.op)) return null;
    out[--size] = i;
  }
  return size === 0 ? out : null;
}

function nopOut(instrs: Instr[]): void {
  for (const i of instrs) {
    nop(i);
    i.loc = NO_LOCATION;
  }
}

function foldTupleOfConstants(bb: Block, i: number, consts: ConstPool): void {
  const instr = bb.instrs[i]!;
  const n = instr.arg;
  if (n > STACK_USE_GUIDELINE) return;
  const loads = getConstLoadingInstrs(bb, i - 1, n);
  if (loads === null) return;
  const v = tuple(loads.map((l) => constValue(l, consts)));
  nopOut(loads);
  makeLoadConst(instr, v, consts);
}

function foldListToTuple(bb: Block, i: number, consts: ConstPool): void {
  const intrinsic = bb.instrs[i]!;
  let found = 0;
  let expectAppend = true;
  for (let pos = i - 1; pos >= 0; pos--) {
    const instr = bb.instrs[pos]!;
    if (instr.op === "NOP") continue;
    if (instr.op === "BUILD_LIST" && instr.arg === 0) {
      if (!expectAppend) return;
      const items: ConstValue[] = new Array(found);
      for (let np = i - 1; np >= pos; np--) {
        const x = bb.instrs[np]!;
        if (x.op === "NOP") continue;
        if (loadsConst(x.op)) items[--found] = constValue(x, consts);
        nop(x);
        x.loc = NO_LOCATION;
      }
      makeLoadConst(intrinsic, tuple(items), consts);
      return;
    }
    if (expectAppend) {
      if (instr.op !== "LIST_APPEND" || instr.arg !== 1) return;
    } else {
      if (!loadsConst(instr.op)) return;
      found++;
    }
    expectAppend = !expectAppend;
  }
}

const MIN_CONST_SEQUENCE_SIZE = 3;

function optimizeListsAndSets(
  bb: Block,
  i: number,
  nextop: string,
  consts: ConstPool,
  hasOp: (op: string) => boolean,
): void {
  const instr = bb.instrs[i]!;
  const containsOrIter = nextop === "GET_ITER" || nextop === "CONTAINS_OP";
  const n = instr.arg;
  if (n > STACK_USE_GUIDELINE || (n < MIN_CONST_SEQUENCE_SIZE && !containsOrIter)) return;
  // Only rewrite into instructions Skein's instruction set has.
  if (!containsOrIter && !hasOp(instr.op === "BUILD_LIST" ? "LIST_EXTEND" : "SET_UPDATE")) return;
  const loads = getConstLoadingInstrs(bb, i - 1, n);
  if (loads === null) {
    if (containsOrIter && instr.op === "BUILD_LIST") instr.op = "BUILD_TUPLE";
    return;
  }
  const items = loads.map((l) => constValue(l, consts));
  const v: ConstValue = instr.op === "BUILD_SET" ? { kind: "frozenset", items } : tuple(items);
  const index = consts.add(v);
  nopOut(loads);
  if (containsOrIter) {
    instr.op = "LOAD_CONST";
    instr.arg = index;
  } else {
    const a = bb.instrs[i - 2]!;
    const b = bb.instrs[i - 1]!;
    a.loc = instr.loc;
    a.op = instr.op;
    a.arg = 0;
    b.op = "LOAD_CONST";
    b.arg = index;
    instr.op = instr.op === "BUILD_LIST" ? "LIST_EXTEND" : "SET_UPDATE";
    instr.arg = 1;
  }
}

function foldBinopInstr(bb: Block, i: number, consts: ConstPool): void {
  const binop = bb.instrs[i]!;
  const ops = getConstLoadingInstrs(bb, i - 1, 2);
  if (ops === null) return;
  const v = foldBinop(constValue(ops[0]!, consts), binop.arg, constValue(ops[1]!, consts));
  if (v === undefined) return;
  nopOut(ops);
  makeLoadConst(binop, v, consts);
}

function foldUnaryInstr(bb: Block, i: number, consts: ConstPool): void {
  const u = bb.instrs[i]!;
  const ops = getConstLoadingInstrs(bb, i - 1, 1);
  if (ops === null) return;
  const kind =
    u.op === "UNARY_NEGATIVE"
      ? "neg"
      : u.op === "UNARY_INVERT"
        ? "invert"
        : u.op === "UNARY_NOT"
          ? "not"
          : "pos";
  const v = foldUnary(kind, constValue(ops[0]!, consts));
  if (v === undefined) return;
  nopOut(ops);
  makeLoadConst(u, v, consts);
}

function optimizeLoadConst(entry: Block, consts: ConstPool): void {
  for (let bb: Block | null = entry; bb !== null; bb = bb.next) {
    let op = "";
    let arg = 0;
    const ins = bb.instrs;
    for (let i = 0; i < ins.length; i++) {
      const inst = ins[i]!;
      if (inst.op === "LOAD_CONST") {
        const v = consts.values[inst.arg]!;
        if (isSmallInt(v)) {
          inst.op = "LOAD_SMALL_INT";
          inst.arg = Number(v);
        }
      }
      const isCopyOfLoadConst = op === "LOAD_CONST" && inst.op === "COPY" && inst.arg === 1;
      if (!isCopyOfLoadConst) {
        op = inst.op;
        arg = inst.arg;
      }
      if (op !== "LOAD_CONST" && op !== "LOAD_SMALL_INT") continue;
      const next = ins[i + 1];
      if (next === undefined) continue;
      const cv: ConstValue = op === "LOAD_SMALL_INT" ? BigInt(arg) : consts.values[arg]!;
      switch (next.op) {
        case "POP_JUMP_IF_FALSE":
        case "POP_JUMP_IF_TRUE":
        case "JUMP_IF_FALSE":
        case "JUMP_IF_TRUE": {
          const t = constTruth(cv);
          if (t === null) break;
          if (next.op.startsWith("POP_")) nop(inst);
          const jumpIfTrue = next.op === "POP_JUMP_IF_TRUE" || next.op === "JUMP_IF_TRUE";
          if (t === jumpIfTrue) next.op = "JUMP";
          else nop(next);
          break;
        }
        case "IS_OP": {
          if (cv !== null) break;
          if (ins.length <= i + 2) break;
          const isInstr = next;
          let jumpInstr = ins[i + 2]!;
          if (jumpInstr.op === "TO_BOOL") {
            nop(jumpInstr);
            if (ins.length <= i + 3) break;
            jumpInstr = ins[i + 3]!;
          }
          let invert = isInstr.arg !== 0;
          if (jumpInstr.op === "POP_JUMP_IF_FALSE") invert = !invert;
          else if (jumpInstr.op !== "POP_JUMP_IF_TRUE") break;
          nop(inst);
          nop(isInstr);
          jumpInstr.op = invert ? "POP_JUMP_IF_NOT_NONE" : "POP_JUMP_IF_NONE";
          break;
        }
        case "TO_BOOL": {
          const t = constTruth(cv);
          if (t === null) break;
          nop(inst);
          next.op = "LOAD_CONST";
          next.arg = consts.add(t);
          break;
        }
      }
    }
  }
}

function optimizeBasicBlock(bb: Block, consts: ConstPool, hasOp: (op: string) => boolean): void {
  const ins = bb.instrs;
  for (let i = 0; i < ins.length; i++) {
    const inst = ins[i]!;
    const op = inst.op;
    const arg = inst.arg;
    const target: Instr | undefined = hasTarget(op) ? inst.target!.instrs[0] : undefined;
    const tgtOp = target?.op ?? "NOP";
    const nextInstr = ins[i + 1];
    const nextop = nextInstr?.op ?? "";
    switch (op) {
      case "BUILD_TUPLE":
        if (nextop === "UNPACK_SEQUENCE" && arg === nextInstr!.arg) {
          if (arg === 1) {
            nop(inst);
            nop(nextInstr!);
            continue;
          }
          if (arg === 2 || arg === 3) {
            nop(inst);
            nextInstr!.op = "SWAP";
            continue;
          }
        }
        foldTupleOfConstants(bb, i, consts);
        break;
      case "BUILD_LIST":
      case "BUILD_SET":
        optimizeListsAndSets(bb, i, nextop, consts, hasOp);
        break;
      case "POP_JUMP_IF_NOT_NONE":
      case "POP_JUMP_IF_NONE":
      case "POP_JUMP_IF_FALSE":
      case "POP_JUMP_IF_TRUE":
        if (tgtOp === "JUMP" && jumpThread(bb, inst, target!, op)) i--;
        break;
      case "JUMP_IF_FALSE":
      case "JUMP_IF_TRUE": {
        const same = op;
        const other = op === "JUMP_IF_FALSE" ? "JUMP_IF_TRUE" : "JUMP_IF_FALSE";
        if (tgtOp === "JUMP" || tgtOp === same) {
          if (jumpThread(bb, inst, target!, same)) i--;
          continue;
        }
        if (tgtOp === other) {
          inst.target = inst.target!.next;
          i--;
          continue;
        }
        break;
      }
      case "JUMP":
      case "JUMP_NO_INTERRUPT":
        if (tgtOp === "JUMP") {
          if (jumpThread(bb, inst, target!, "JUMP")) i--;
          continue;
        }
        if (tgtOp === "JUMP_NO_INTERRUPT") {
          if (jumpThread(bb, inst, target!, op)) i--;
          continue;
        }
        break;
      case "STORE_FAST":
        if (nextop === op && arg === nextInstr!.arg && inst.loc.lineno === nextInstr!.loc.lineno) {
          inst.op = "POP_TOP";
          inst.arg = 0;
        }
        break;
      case "SWAP":
        if (arg === 1) nop(inst);
        break;
      case "LOAD_GLOBAL":
        if (nextop === "PUSH_NULL" && (arg & 1) === 0) {
          inst.arg = arg | 1;
          nop(nextInstr!);
        }
        break;
      case "COMPARE_OP":
        if (nextop === "TO_BOOL") {
          nop(inst);
          nextInstr!.op = "COMPARE_OP";
          nextInstr!.arg = arg | 16;
          continue;
        }
        break;
      case "CONTAINS_OP":
      case "IS_OP":
        if (nextop === "TO_BOOL") {
          nop(inst);
          nextInstr!.op = op;
          nextInstr!.arg = arg;
          continue;
        }
        if (nextop === "UNARY_NOT") {
          nop(inst);
          nextInstr!.op = op;
          nextInstr!.arg = arg ^ 1;
          continue;
        }
        break;
      case "TO_BOOL":
        if (nextop === "TO_BOOL") {
          nop(inst);
          continue;
        }
        break;
      case "UNARY_NOT":
        if (nextop === "TO_BOOL") {
          nop(inst);
          nextInstr!.op = "UNARY_NOT";
          nextInstr!.arg = 0;
          continue;
        }
        if (nextop === "UNARY_NOT") {
          nop(inst);
          nop(nextInstr!);
          continue;
        }
        foldUnaryInstr(bb, i, consts);
        break;
      case "UNARY_INVERT":
      case "UNARY_NEGATIVE":
        foldUnaryInstr(bb, i, consts);
        break;
      case "CALL_INTRINSIC_1":
        if (arg === INTRINSIC_LIST_TO_TUPLE) {
          if (nextop === "GET_ITER") nop(inst);
          else foldListToTuple(bb, i, consts);
        } else if (arg === INTRINSIC_UNARY_POSITIVE) {
          foldUnaryInstr(bb, i, consts);
        }
        break;
      case "BINARY_OP":
        if (arg !== NB.SUBSCR) foldBinopInstr(bb, i, consts);
        break;
    }
  }
  for (let i = 0; i < ins.length; i++) {
    if (ins[i]!.op === "SWAP") {
      i = swaptimize(bb, i);
      applyStaticSwaps(bb, i);
    }
  }
}

function swaptimize(block: Block, ix: number): number {
  const ins = block.instrs;
  let depth = ins[ix]!.arg;
  let len = 0;
  let more = false;
  const limit = ins.length - ix;
  while (++len < limit) {
    const op = ins[ix + len]!.op;
    if (op === "SWAP") {
      depth = Math.max(depth, ins[ix + len]!.arg);
      more = true;
    } else if (op !== "NOP") {
      break;
    }
  }
  if (!more) return ix;
  const stack: number[] = [];
  for (let i = 0; i < depth; i++) stack.push(i);
  for (let i = 0; i < len; i++) {
    const x = ins[ix + i]!;
    if (x.op === "SWAP") {
      const top = stack[0]!;
      stack[0] = stack[x.arg - 1]!;
      stack[x.arg - 1] = top;
    }
  }
  let current = len - 1;
  const VISITED = -1;
  for (let i = 0; i < depth; i++) {
    if (stack[i] === VISITED || stack[i] === i) continue;
    let j = i;
    for (;;) {
      if (j) {
        const x = ins[ix + current--]!;
        x.op = "SWAP";
        x.arg = j + 1;
      }
      if (stack[j] === VISITED) break;
      const nextJ = stack[j]!;
      stack[j] = VISITED;
      j = nextJ;
    }
  }
  while (current >= 0) nop(ins[ix + current--]!);
  return ix + len - 1;
}

const swappable = (op: string): boolean =>
  op === "STORE_FAST" || op === "STORE_FAST_MAYBE_NULL" || op === "POP_TOP";
const storesTo = (i: Instr): number =>
  i.op === "STORE_FAST" || i.op === "STORE_FAST_MAYBE_NULL" ? i.arg : -1;

function nextSwappable(block: Block, i: number, lineno: number): number {
  const ins = block.instrs;
  while (++i < ins.length) {
    const x = ins[i]!;
    if (lineno >= 0 && x.loc.lineno !== lineno) return -1;
    if (x.op === "NOP") continue;
    if (swappable(x.op)) return i;
    return -1;
  }
  return -1;
}

function applyStaticSwaps(block: Block, i: number): void {
  const ins = block.instrs;
  for (; i >= 0; i--) {
    const swap = ins[i]!;
    if (swap.op !== "SWAP") {
      if (swap.op === "NOP" || swappable(swap.op)) continue;
      return;
    }
    const j = nextSwappable(block, i, -1);
    if (j < 0) return;
    let k = j;
    const lineno = ins[j]!.loc.lineno;
    for (let count = swap.arg - 1; count > 0; count--) {
      k = nextSwappable(block, k, lineno);
      if (k < 0) return;
    }
    const sj = storesTo(ins[j]!);
    const sk = storesTo(ins[k]!);
    if (sj >= 0 || sk >= 0) {
      if (sj === sk) return;
      for (let idx = j + 1; idx < k; idx++) {
        const s = storesTo(ins[idx]!);
        if (s >= 0 && (s === sj || s === sk)) return;
      }
    }
    nop(swap);
    const tmp = ins[j]!;
    ins[j] = ins[k]!;
    ins[k] = tmp;
  }
}

// --- line numbers ----------------------------------------------------------------------------------

function isExitOrEvalCheckWithoutLineno(b: Block): boolean {
  if (b.exitsScope() || b.instrs.some((i) => hasEvalBreak(i.op))) return b.hasNoLineno();
  return false;
}

function duplicateExitsWithoutLineno(entry: Block): void {
  for (let b: Block | null = entry; b !== null; b = b.next) {
    const last = b.last();
    if (last === undefined) continue;
    if (isJump(last.op)) {
      const target = nextNonemptyBlock(last.target);
      if (target !== null && isExitOrEvalCheckWithoutLineno(target) && target.predecessors > 1) {
        const copy = new Block();
        copy.instrs = target.instrs.map((i) => ({ ...i }));
        copy.instrs[0]!.loc = last.loc;
        copy.isLabel = true;
        last.target = copy;
        target.predecessors--;
        copy.predecessors = 1;
        copy.next = target.next;
        target.next = copy;
      }
    }
  }
  for (let b: Block | null = entry; b !== null; b = b.next) {
    if (b.hasFallthrough() && b.next !== null && b.instrs.length > 0) {
      if (isExitOrEvalCheckWithoutLineno(b.next)) b.next.instrs[0]!.loc = b.last()!.loc;
    }
  }
}

function propagateLineNumbers(entry: Block): void {
  for (let b: Block | null = entry; b !== null; b = b.next) {
    const last = b.last();
    if (last === undefined) continue;
    let prev = NO_LOCATION;
    for (const i of b.instrs) {
      if (i.loc.lineno === -1) i.loc = prev;
      else prev = i.loc;
    }
    if (b.hasFallthrough() && b.next !== null && b.next.predecessors === 1) {
      const first = b.next.instrs[0];
      if (first !== undefined && first.loc.lineno === -1) first.loc = prev;
    }
    if (isJump(last.op)) {
      const t = last.target!;
      if (t.predecessors === 1) {
        const first = t.instrs[0];
        if (first !== undefined && first.loc.lineno === -1) first.loc = prev;
      }
    }
  }
}

function resolveLineNumbers(entry: Block): void {
  duplicateExitsWithoutLineno(entry);
  propagateLineNumbers(entry);
}

// --- the optimizer pipeline ------------------------------------------------------------------------

function checkCfg(entry: Block): void {
  for (let b: Block | null = entry; b !== null; b = b.next) {
    for (let i = 0; i < b.instrs.length; i++) {
      if (isTerminator(b.instrs[i]!.op) && i !== b.instrs.length - 1)
        throw new CompileBug("malformed control flow graph");
    }
  }
}

function optimizeCfg(entry: Block, consts: ConstPool, hasOp: (op: string) => boolean): void {
  checkCfg(entry);
  inlineSmallOrNoLinenoBlocks(entry);
  removeUnreachable(entry);
  resolveLineNumbers(entry);
  optimizeLoadConst(entry, consts);
  for (let b: Block | null = entry; b !== null; b = b.next) optimizeBasicBlock(b, consts, hasOp);
  removeRedundantNopsAndPairs(entry);
  removeUnreachable(entry);
  removeRedundantNopsAndJumps(entry);
}

/** Drops unused constants and renumbers LOAD_CONST (the docstring, const 0, is always kept). */
function removeUnusedConsts(entry: Block, consts: ConstPool, keepFirst: boolean): ConstValue[] {
  const n = consts.values.length;
  if (n === 0) return [];
  const used = new Uint8Array(n);
  if (keepFirst) used[0] = 1;
  for (let b: Block | null = entry; b !== null; b = b.next) {
    for (const i of b.instrs) if (i.op === "LOAD_CONST") used[i.arg] = 1;
  }
  const map = new Int32Array(n).fill(-1);
  const out: ConstValue[] = [];
  for (let i = 0; i < n; i++) {
    if (used[i]) {
      map[i] = out.length;
      out.push(consts.values[i]!);
    }
  }
  for (let b: Block | null = entry; b !== null; b = b.next) {
    for (const i of b.instrs) if (i.op === "LOAD_CONST") i.arg = map[i.arg]!;
  }
  return out;
}

function addChecksForUninitialized(entry: Block, nlocals: number, nparams: number): void {
  if (nlocals === 0) return;
  if (nlocals > 64) {
    fastScanManyLocals(entry, nlocals);
    nlocals = 64;
  }
  const blocks = allBlocks(entry);
  for (const b of blocks) b.unsafeMask = 0n;
  const stack: Block[] = [];
  const maybePush = (b: Block, mask: bigint): void => {
    const both = b.unsafeMask | mask;
    if (b.unsafeMask !== both) {
      b.unsafeMask = both;
      if (!b.visited) {
        stack.push(b);
        b.visited = true;
      }
    }
  };
  const scan = (b: Block): void => {
    let mask = b.unsafeMask;
    for (const instr of b.instrs) {
      if (instr.except !== null) maybePush(instr.except, mask);
      if (instr.arg >= 64) continue;
      const bit = 1n << BigInt(instr.arg);
      switch (instr.op) {
        case "DELETE_FAST":
        case "LOAD_FAST_AND_CLEAR":
        case "STORE_FAST_MAYBE_NULL":
          mask |= bit;
          break;
        case "STORE_FAST":
        case "LOAD_FAST_CHECK":
          mask &= ~bit;
          break;
        case "LOAD_FAST":
          if (mask & bit) instr.op = "LOAD_FAST_CHECK";
          mask &= ~bit;
          break;
      }
    }
    if (b.next !== null && b.hasFallthrough()) maybePush(b.next, mask);
    const last = b.last();
    if (last !== undefined && isJump(last.op)) maybePush(last.target!, mask);
  };
  let start = 0n;
  for (let i = nparams; i < nlocals; i++) start |= 1n << BigInt(i);
  maybePush(entry, start);
  for (const b of blocks) scan(b);
  while (stack.length > 0) {
    const b = stack.pop()!;
    b.visited = false;
    scan(b);
  }
}

function fastScanManyLocals(entry: Block, nlocals: number): void {
  const states = new Float64Array(nlocals - 64);
  let blocknum = 0;
  for (let b: Block | null = entry; b !== null; b = b.next) {
    blocknum++;
    for (const instr of b.instrs) {
      const arg = instr.arg;
      if (arg < 64) continue;
      switch (instr.op) {
        case "DELETE_FAST":
        case "LOAD_FAST_AND_CLEAR":
        case "STORE_FAST_MAYBE_NULL":
          states[arg - 64] = blocknum - 1;
          break;
        case "STORE_FAST":
          states[arg - 64] = blocknum;
          break;
        case "LOAD_FAST":
          if (states[arg - 64] !== blocknum) instr.op = "LOAD_FAST_CHECK";
          states[arg - 64] = blocknum;
          break;
      }
    }
  }
}

function makeSuperInstruction(a: Instr, b: Instr, superOp: string): void {
  const l1 = a.loc.lineno;
  const l2 = b.loc.lineno;
  if (l1 >= 0 && l2 >= 0 && l1 !== l2) return;
  if (a.arg >= 16 || b.arg >= 16) return;
  a.arg = (a.arg << 4) | b.arg;
  a.op = superOp;
  nop(b);
}

function insertSuperinstructions(entry: Block, available: (op: string) => boolean): void {
  for (let b: Block | null = entry; b !== null; b = b.next) {
    const ins = b.instrs;
    for (let i = 0; i < ins.length; i++) {
      const inst = ins[i]!;
      const next = ins[i + 1];
      if (next === undefined) continue;
      if (inst.op === "LOAD_FAST" && next.op === "LOAD_FAST") {
        if (available("LOAD_FAST_LOAD_FAST"))
          makeSuperInstruction(inst, next, "LOAD_FAST_LOAD_FAST");
      } else if (inst.op === "STORE_FAST") {
        if (next.op === "LOAD_FAST" && available("STORE_FAST_LOAD_FAST")) {
          makeSuperInstruction(inst, next, "STORE_FAST_LOAD_FAST");
        } else if (next.op === "STORE_FAST" && available("STORE_FAST_STORE_FAST")) {
          makeSuperInstruction(inst, next, "STORE_FAST_STORE_FAST");
        }
      }
    }
  }
  removeRedundantNops(entry);
}

function markWarm(entry: Block): void {
  allBlocks(entry);
  const stack: Block[] = [entry];
  entry.visited = true;
  while (stack.length > 0) {
    const b = stack.pop()!;
    b.warm = true;
    if (b.next !== null && b.hasFallthrough() && !b.next.visited) {
      stack.push(b.next);
      b.next.visited = true;
    }
    for (const i of b.instrs) {
      if (isJump(i.op) && !i.target!.visited) {
        stack.push(i.target!);
        i.target!.visited = true;
      }
    }
  }
}

function markCold(entry: Block): void {
  markWarm(entry);
  const blocks = allBlocks(entry);
  const stack: Block[] = [];
  for (const b of blocks) {
    if (b.exceptHandler) {
      stack.push(b);
      b.visited = true;
    }
  }
  while (stack.length > 0) {
    const b = stack.pop()!;
    b.cold = true;
    if (b.next !== null && b.hasFallthrough() && !b.next.warm && !b.next.visited) {
      stack.push(b.next);
      b.next.visited = true;
    }
    for (const i of b.instrs) {
      if (isJump(i.op)) {
        const t = i.target!;
        if (!t.warm && !t.visited) {
          stack.push(t);
          t.visited = true;
        }
      }
    }
  }
}

function pushColdBlocksToEnd(entry: Block): void {
  if (entry.next === null) return;
  markCold(entry);
  for (let b: Block | null = entry; b !== null; b = b.next) {
    if (b.cold && b.hasFallthrough() && b.next !== null && b.next.warm) {
      const j = new Block();
      b.next.isLabel = true;
      j.instrs.push({
        op: "JUMP_NO_INTERRUPT",
        arg: 0,
        target: b.next,
        loc: NO_LOCATION,
        except: null,
      });
      j.cold = true;
      j.next = b.next;
      j.predecessors = 1;
      b.next = j;
    }
  }
  let coldHead: Block | null = null;
  let coldTail: Block | null = null;
  let b: Block = entry;
  while (b.next !== null) {
    while (b.next !== null && !b.next.cold) b = b.next;
    if (b.next === null) break;
    let end: Block = b.next;
    while (end.next !== null && end.next.cold) end = end.next;
    if (coldHead === null) coldHead = b.next;
    else coldTail!.next = b.next;
    coldTail = end;
    b.next = end.next;
    end.next = null;
  }
  b.next = coldHead;
  if (coldHead !== null) removeRedundantNopsAndJumps(entry);
}

export interface OptimizeOptions {
  readonly nlocals: number;
  readonly nparams: number;
  readonly keepFirstConst: boolean;
  readonly hasOp: (op: string) => boolean;
}

/** _PyCfg_OptimizeCodeUnit: returns the consts that remain. */
export function optimizeCodeUnit(
  entry: Block,
  consts: ConstPool,
  opts: OptimizeOptions,
): ConstValue[] {
  markExceptHandlers(entry);
  labelExceptionTargets(entry);
  optimizeCfg(entry, consts, opts.hasOp);
  const remaining = removeUnusedConsts(entry, consts, opts.keepFirstConst);
  addChecksForUninitialized(entry, opts.nlocals, opts.nparams);
  insertSuperinstructions(entry, opts.hasOp);
  pushColdBlocksToEnd(entry);
  resolveLineNumbers(entry);
  return remaining;
}

// --- after optimization ----------------------------------------------------------------------------

export function convertPseudoConditionalJumps(entry: Block): void {
  for (let b: Block | null = entry; b !== null; b = b.next) {
    const last = b.last();
    if (last === undefined || (last.op !== "JUMP_IF_FALSE" && last.op !== "JUMP_IF_TRUE")) continue;
    last.op = last.op === "JUMP_IF_FALSE" ? "POP_JUMP_IF_FALSE" : "POP_JUMP_IF_TRUE";
    const loc = last.loc;
    b.instrs.splice(
      b.instrs.length - 1,
      0,
      { op: "COPY", arg: 1, target: null, loc, except: last.except },
      { op: "TO_BOOL", arg: 0, target: null, loc, except: last.except },
    );
  }
}

function stackEffect(op: string, arg: number, jump: boolean): number {
  const popped = numPopped(op, arg);
  const pushed = numPushed(op, arg);
  if (popped < 0 || pushed < 0) throw new CompileBug(`no stack effect for ${op}`);
  if (isBlockPush(op) && !jump) return 0;
  return pushed - popped;
}

export function calculateStackdepth(entry: Block): number {
  allBlocks(entry);
  for (let b: Block | null = entry; b !== null; b = b.next) b.startDepth = -1;
  const stack: Block[] = [];
  const push = (b: Block, depth: number): void => {
    if (!(b.startDepth < 0 || b.startDepth === depth))
      throw new CompileBug("inconsistent stack depth");
    if (b.startDepth < depth && b.startDepth < 100) {
      b.startDepth = depth;
      stack.push(b);
    }
  };
  let maxdepth = 0;
  push(entry, 0);
  while (stack.length > 0) {
    const b = stack.pop()!;
    let depth = b.startDepth;
    let next = b.next;
    for (const instr of b.instrs) {
      const newDepth = depth + stackEffect(instr.op, instr.arg, false);
      if (newDepth < 0) throw new CompileBug(`stack underflow at ${instr.op}`);
      maxdepth = Math.max(maxdepth, depth);
      if (hasTarget(instr.op) && instr.op !== "END_ASYNC_FOR") {
        const targetDepth = depth + stackEffect(instr.op, instr.arg, true);
        maxdepth = Math.max(maxdepth, depth);
        push(instr.target!, targetDepth);
      }
      depth = newDepth;
      if (isUnconditionalJump(instr.op) || isScopeExit(instr.op)) {
        next = null;
        break;
      }
    }
    if (next !== null) push(next, depth);
  }
  return maxdepth;
}

export function convertPseudoOps(entry: Block): void {
  for (let b: Block | null = entry; b !== null; b = b.next) {
    for (const i of b.instrs) {
      if (isBlockPush(i.op)) nop(i);
      else if (i.op === "LOAD_CLOSURE") i.op = "LOAD_FAST";
      else if (i.op === "STORE_FAST_MAYBE_NULL") i.op = "STORE_FAST";
    }
  }
  removeRedundantNopsAndJumps(entry);
}

const REVERSED: Record<string, string> = {
  POP_JUMP_IF_NOT_NONE: "POP_JUMP_IF_NONE",
  POP_JUMP_IF_NONE: "POP_JUMP_IF_NOT_NONE",
  POP_JUMP_IF_FALSE: "POP_JUMP_IF_TRUE",
  POP_JUMP_IF_TRUE: "POP_JUMP_IF_FALSE",
};

/** Conditional jumps go forward only; a NOT_TAKEN follows each for branch monitoring. */
export function normalizeJumps(entry: Block): void {
  for (let b: Block | null = entry; b !== null; b = b.next) b.visited = false;
  for (let b: Block | null = entry; b !== null; b = b.next) {
    b.visited = true;
    const last = b.last();
    if (last === undefined || !isConditionalJump(last.op)) continue;
    const target = last.target!;
    if (!target.visited) {
      b.instrs.push({ op: "NOT_TAKEN", arg: 0, target: null, loc: last.loc, except: last.except });
      continue;
    }
    const back = new Block();
    back.instrs.push({ op: "NOT_TAKEN", arg: 0, target: null, loc: last.loc, except: last.except });
    back.instrs.push({ op: "JUMP", arg: 0, target, loc: last.loc, except: last.except });
    back.startDepth = target.startDepth;
    back.cold = b.cold;
    back.isLabel = true;
    last.op = REVERSED[last.op]!;
    last.target = b.next;
    if (b.next !== null) b.next.isLabel = true;
    back.next = b.next;
    b.next = back;
    // The new block is visited next, as CPython's loop does; its jump is backward by construction.
  }
}

// --- LOAD_FAST_BORROW (optimize_load_fast) ---------------------------------------------------------

const SUPPORT_KILLED = 1;
const STORED_AS_LOCAL = 2;
const REF_UNCONSUMED = 4;
const NOT_LOCAL = -1;
const DUMMY_INSTR = -1;

/**
 * Strength-reduces LOAD_FAST (and LOAD_FAST_LOAD_FAST) to their borrowing forms where the loaded
 * reference is consumed within the block before its local can be killed and is never stored in
 * another local. Abstract interpretation over a stack of (producing instruction, local) pairs.
 */
export function optimizeLoadFast(entry: Block, hasOp: (op: string) => boolean): void {
  const canBorrow = hasOp("LOAD_FAST_BORROW");
  const canBorrowPair = hasOp("LOAD_FAST_BORROW_LOAD_FAST_BORROW");
  if (!canBorrow) return;
  allBlocks(entry);
  const refInstr: number[] = [];
  const refLocal: number[] = [];
  const work: Block[] = [entry];
  entry.visited = true;
  const pushBlock = (t: Block): void => {
    if (!t.visited) {
      t.visited = true;
      work.push(t);
    }
  };
  let flags = new Uint8Array(64);
  while (work.length > 0) {
    const block = work.pop()!;
    const ins = block.instrs;
    if (flags.length < ins.length) flags = new Uint8Array(ins.length * 2);
    flags.fill(0, 0, ins.length);
    refInstr.length = 0;
    refLocal.length = 0;
    for (let i = 0; i < block.startDepth; i++) {
      refInstr.push(DUMMY_INSTR);
      refLocal.push(NOT_LOCAL);
    }
    const push = (instr: number, local: number): void => {
      refInstr.push(instr);
      refLocal.push(local);
    };
    const pop = (): [number, number] => {
      const r: [number, number] = [refInstr.pop() ?? DUMMY_INSTR, refLocal.pop() ?? NOT_LOCAL];
      return r;
    };
    const killLocal = (local: number): void => {
      for (let k = 0; k < refLocal.length; k++) {
        if (refLocal[k] === local) flags[refInstr[k]!]! |= SUPPORT_KILLED;
      }
    };
    const storeLocal = (local: number, r: [number, number]): void => {
      killLocal(local);
      if (r[0] !== DUMMY_INSTR) flags[r[0]]! |= STORED_AS_LOCAL;
    };
    for (let i = 0; i < ins.length; i++) {
      const instr = ins[i]!;
      const op = instr.op;
      const arg = instr.arg;
      switch (op) {
        case "LOAD_FAST":
          push(i, arg);
          break;
        case "LOAD_FAST_AND_CLEAR":
          killLocal(arg);
          push(i, arg);
          break;
        case "LOAD_FAST_LOAD_FAST":
          push(i, arg >> 4);
          push(i, arg & 15);
          break;
        case "STORE_FAST":
          storeLocal(arg, pop());
          break;
        case "STORE_FAST_LOAD_FAST":
          storeLocal(arg >> 4, pop());
          push(i, arg & 15);
          break;
        case "STORE_FAST_STORE_FAST":
          storeLocal(arg >> 4, pop());
          storeLocal(arg & 15, pop());
          break;
        case "COPY": {
          const idx = refInstr.length - arg;
          push(refInstr[idx]!, refLocal[idx]!);
          break;
        }
        case "SWAP": {
          const idx = refInstr.length - arg;
          const top = refInstr.length - 1;
          const ti = refInstr[idx]!;
          const tl = refLocal[idx]!;
          refInstr[idx] = refInstr[top]!;
          refLocal[idx] = refLocal[top]!;
          refInstr[top] = ti;
          refLocal[top] = tl;
          break;
        }
        case "GET_ANEXT":
        case "GET_LEN":
        case "IMPORT_FROM":
        case "MATCH_KEYS":
        case "MATCH_MAPPING":
        case "MATCH_SEQUENCE":
        case "WITH_EXCEPT_START": {
          const net = numPushed(op, arg) - numPopped(op, arg);
          for (let k = 0; k < net; k++) push(i, NOT_LOCAL);
          break;
        }
        case "DICT_MERGE":
        case "DICT_UPDATE":
        case "LIST_APPEND":
        case "LIST_EXTEND":
        case "MAP_ADD":
        case "RERAISE":
        case "SET_ADD":
        case "SET_UPDATE": {
          const net = numPopped(op, arg) - numPushed(op, arg);
          for (let k = 0; k < net; k++) pop();
          break;
        }
        case "CHECK_EXC_MATCH":
          pop();
          push(i, NOT_LOCAL);
          break;
        case "FOR_ITER":
          pushBlock(instr.target!);
          push(i, NOT_LOCAL);
          break;
        case "LOAD_ATTR":
        case "LOAD_SUPER_ATTR": {
          const self = pop();
          if (op === "LOAD_SUPER_ATTR") {
            pop();
            pop();
          }
          push(i, NOT_LOCAL);
          if (arg & 1) push(self[0], self[1]);
          break;
        }
        case "SEND":
          pushBlock(instr.target!);
          pop();
          push(i, NOT_LOCAL);
          break;
        default: {
          const popped = numPopped(op, arg);
          const pushed = numPushed(op, arg);
          if (hasTarget(op)) pushBlock(instr.target!);
          if (!isBlockPush(op)) {
            for (let k = 0; k < popped; k++) pop();
            for (let k = 0; k < pushed; k++) push(i, NOT_LOCAL);
          }
        }
      }
    }
    const term = block.last();
    if (
      term !== undefined &&
      block.next !== null &&
      !(isUnconditionalJump(term.op) || isScopeExit(term.op))
    ) {
      pushBlock(block.next);
    }
    for (let k = 0; k < refInstr.length; k++) {
      const r = refInstr[k]!;
      if (r !== -1) flags[r]! |= REF_UNCONSUMED;
    }
    for (let i = 0; i < ins.length; i++) {
      if (flags[i]) continue;
      const instr = ins[i]!;
      if (instr.op === "LOAD_FAST") instr.op = "LOAD_FAST_BORROW";
      else if (instr.op === "LOAD_FAST_LOAD_FAST" && canBorrowPair)
        instr.op = "LOAD_FAST_BORROW_LOAD_FAST_BORROW";
    }
  }
}
