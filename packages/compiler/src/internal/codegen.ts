// Code generation (CPython's Python/codegen.c and the scope handling of compile.c): AST to a
// control-flow graph of named instructions per code unit, in CPython 3.14's shapes. Each finished
// unit goes through the flow-graph passes and the assembler (see compileUnit at the bottom).
import type * as A from "../generated/ast-nodes.gen.js";
import { type ConstantValue, pyRepr } from "./constants.js";
import { type ConstValue, constOf, foldBinop, foldUnary, tuple } from "./consts.js";
import { SkeinSyntaxError } from "./errors.js";
import { type Block, CfgBuilder, ConstPool, type Location, NO_LOCATION } from "./flowgraph.js";
import { futureFeatures } from "./future.js";
import {
  CO_ASYNC_GENERATOR,
  CO_COROUTINE,
  CO_GENERATOR,
  CO_HAS_DOCSTRING,
  CO_METHOD,
  CO_NESTED,
  CO_NEWLOCALS,
  CO_OPTIMIZED,
  CO_VARARGS,
  CO_VARKEYWORDS,
  CONSTANT_ASSERTIONERROR,
  FVC_ASCII,
  FVC_REPR,
  FVC_STR,
  INTRINSIC_2_PREP_RERAISE_STAR,
  INTRINSIC_ASYNC_GEN_WRAP,
  INTRINSIC_IMPORT_STAR,
  INTRINSIC_LIST_TO_TUPLE,
  INTRINSIC_PARAMSPEC,
  INTRINSIC_PRINT,
  INTRINSIC_SET_FUNCTION_TYPE_PARAMS,
  INTRINSIC_SET_TYPEPARAM_DEFAULT,
  INTRINSIC_STOPITERATION_ERROR,
  INTRINSIC_SUBSCRIPT_GENERIC,
  INTRINSIC_TYPEALIAS,
  INTRINSIC_TYPEVAR,
  INTRINSIC_TYPEVAR_WITH_BOUND,
  INTRINSIC_TYPEVAR_WITH_CONSTRAINTS,
  INTRINSIC_TYPEVARTUPLE,
  INTRINSIC_UNARY_POSITIVE,
  ITER_SLOTS,
  MAKE_FUNCTION_ANNOTATIONS,
  MAKE_FUNCTION_CLOSURE,
  MAKE_FUNCTION_DEFAULTS,
  MAKE_FUNCTION_KWDEFAULTS,
  NB,
  RESUME_AFTER_AWAIT,
  RESUME_AFTER_YIELD,
  RESUME_AFTER_YIELD_FROM,
  RESUME_AT_FUNC_START,
  SPECIAL_AENTER,
  SPECIAL_AEXIT,
  SPECIAL_ENTER,
  SPECIAL_EXIT,
} from "./opcodes.js";
import {
  CELL,
  DEF_COMP_CELL,
  DEF_FREE_CLASS,
  DEF_IMPORT,
  DEF_LOCAL,
  DEF_NONLOCAL,
  defaultKey,
  FREE,
  GLOBAL_EXPLICIT,
  GLOBAL_IMPLICIT,
  LOCAL,
  mangle,
  SCOPE_MASK,
  SCOPE_OFFSET,
  type SymbolTable,
  type SymbolTableEntry,
} from "./symtable.js";
import { unparseExpr } from "./unparse.js";

export interface CodegenOptions {
  /**
   * Make slices of literal constants one constant, as CPython 3.14 does (`x[1:2]` loads
   * slice(1, 2, None)). Off until @skein/bytecode's ConstValue can hold a slice; then
   * BINARY_SLICE / BUILD_SLICE are used, as in CPython 3.13.
   */
  readonly constSlices?: boolean;
  /** PyCF_ALLOW_TOP_LEVEL_AWAIT: the module body may await (its code is then a coroutine). */
  readonly topLevelAwait?: boolean;
}

export type ScopeType =
  | "module"
  | "class"
  | "function"
  | "async_function"
  | "lambda"
  | "comprehension"
  | "type_params";

/** Everything the assembler needs about one finished code unit. */
export interface UnitResult {
  readonly name: string;
  readonly qualname: string;
  readonly firstLineno: number;
  readonly argcount: number;
  readonly posonlyargcount: number;
  readonly kwonlyargcount: number;
  readonly flags: number;
  readonly entry: Block;
  readonly consts: ConstPool;
  readonly names: readonly string[];
  readonly varnames: readonly string[];
  readonly cellvars: readonly string[];
  readonly freevars: readonly string[];
  readonly fastHidden: ReadonlySet<string>;
  readonly hasDocstring: boolean;
  readonly nparams: number;
  readonly ste: SymbolTableEntry;
}

/** Turns a finished unit into a code object (the flow-graph passes plus the assembler). */
export type UnitFinisher = (unit: UnitResult) => object;

type FBlockType =
  | "WHILE_LOOP"
  | "FOR_LOOP"
  | "ASYNC_FOR_LOOP"
  | "TRY_EXCEPT"
  | "FINALLY_TRY"
  | "FINALLY_END"
  | "WITH"
  | "ASYNC_WITH"
  | "HANDLER_CLEANUP"
  | "POP_VALUE"
  | "EXCEPTION_HANDLER"
  | "EXCEPTION_GROUP_HANDLER"
  | "ASYNC_COMPREHENSION_GENERATOR"
  | "STOP_ITERATION";

interface FBlock {
  type: FBlockType;
  block: Block | null;
  exit: Block | null;
  loc: Location;
  /** finally body (FINALLY_TRY) or bound exception name (HANDLER_CLEANUP). */
  finalBody: A.stmt[] | null;
  name: string | null;
}

const MAX_FBLOCKS = 20;

function dictAdd(map: Map<string, number>, name: string): number {
  let i = map.get(name);
  if (i === undefined) {
    i = map.size;
    map.set(name, i);
  }
  return i;
}

function locOf(n: A.Located): Location {
  return {
    lineno: n.lineno,
    endLineno: n.end_lineno ?? n.lineno,
    col: n.col_offset,
    endCol: n.end_col_offset ?? n.col_offset,
  };
}

class Unit {
  readonly cfg = new CfgBuilder();
  readonly consts = new ConstPool();
  readonly names = new Map<string, number>();
  readonly varnames = new Map<string, number>();
  readonly cellvars = new Map<string, number>();
  readonly freevars = new Map<string, number>();
  readonly fastHidden = new Map<string, boolean>();
  readonly everHidden = new Set<string>();
  readonly fblocks: FBlock[] = [];
  inInlinedComp = 0;
  staticAttributes: Set<string> | null = null;
  qualname: string;
  argcount = 0;
  posonlyargcount = 0;
  kwonlyargcount = 0;

  constructor(
    readonly ste: SymbolTableEntry,
    readonly scopeType: ScopeType,
    readonly name: string,
    readonly firstLineno: number,
    readonly privateName: string | null,
  ) {
    this.qualname = name;
    for (const v of ste.varnames) dictAdd(this.varnames, v);
    const cells: string[] = [];
    const frees: string[] = [];
    for (const [k, flags] of ste.symbols) {
      const scope = (flags >> SCOPE_OFFSET) & SCOPE_MASK;
      if (scope === CELL || flags & DEF_COMP_CELL) cells.push(k);
      if (scope === FREE || flags & DEF_FREE_CLASS) frees.push(k);
    }
    cells.sort();
    frees.sort();
    for (const c of cells) dictAdd(this.cellvars, c);
    if (ste.needsClassClosure) dictAdd(this.cellvars, "__class__");
    if (ste.needsClassdict) dictAdd(this.cellvars, "__classdict__");
    for (const f of frees) this.freevars.set(f, this.cellvars.size + this.freevars.size);
    if (scopeType === "class") this.staticAttributes = new Set();
  }
}

interface InlinedComprehensionState {
  pushedLocals: string[] | null;
  tempSymbols: Map<string, number> | null;
  fastHidden: Set<string> | null;
  cleanup: Block | null;
}

interface PatternContext {
  stores: string[];
  allowIrrefutable: boolean;
  failPop: Block[];
  onTop: number;
}

export class CodeGenerator {
  private u!: Unit;
  private readonly stack: Unit[] = [];

  constructor(
    private readonly st: SymbolTable,
    private readonly finish: UnitFinisher,
    private readonly interactive: boolean,
    private readonly options: CodegenOptions = {},
  ) {}

  // --- errors ------------------------------------------------------------------------------------

  private error(msg: string, loc: Location): SkeinSyntaxError {
    return new SkeinSyntaxError(
      "SyntaxError",
      msg,
      loc.lineno,
      loc.col + 1,
      loc.endLineno,
      loc.endCol + 1,
    );
  }

  // --- emission ------------------------------------------------------------------------------------

  private op(op: string, loc: Location, arg = 0): void {
    this.u.cfg.addOp(op, arg, loc);
  }

  private jump(op: string, target: Block, loc: Location): void {
    this.u.cfg.addJump(op, target, loc);
  }

  private label(): Block {
    return this.u.cfg.newLabel();
  }

  private use(label: Block): void {
    this.u.cfg.useLabel(label);
  }

  private loadConst(v: ConstValue, loc: Location): void {
    this.op("LOAD_CONST", loc, this.u.consts.add(v));
  }

  private mangle(name: string): string {
    return mangle(this.u.privateName, name);
  }

  private addName(name: string): number {
    return dictAdd(this.u.names, this.mangle(name));
  }

  // --- scopes --------------------------------------------------------------------------------------

  private enterScope(
    name: string,
    scopeType: ScopeType,
    key: object,
    lineno: number,
    privateName: string | null,
    args?: { argcount: number; posonly: number; kwonly: number },
  ): void {
    const ste = this.st.blocks.get(key);
    if (ste === undefined) throw new Error(`no symbol table entry for ${name}`);
    const u = new Unit(ste, scopeType, name, lineno, privateName);
    if (args) {
      u.argcount = args.argcount;
      u.posonlyargcount = args.posonly;
      u.kwonlyargcount = args.kwonly;
    }
    if (this.stack.length > 0 || this.u !== undefined) {
      if (this.u !== undefined) this.stack.push(this.u);
    }
    const parent = this.stack[this.stack.length - 1];
    if (parent !== undefined && scopeType !== "module") u.qualname = this.qualnameOf(u, parent);
    this.u = u;
    const loc: Location =
      scopeType === "module"
        ? { lineno: 0, endLineno: lineno, col: 0, endCol: 0 }
        : { lineno, endLineno: lineno, col: 0, endCol: 0 };
    this.op("RESUME", loc, RESUME_AT_FUNC_START);
  }

  private qualnameOf(u: Unit, parent: Unit): string {
    if (parent.scopeType === "module") return u.name;
    if (u.scopeType === "function" || u.scopeType === "async_function" || u.scopeType === "class") {
      const mangled = mangle(parent.privateName, u.name);
      const scope = parent.ste.getScope(mangled);
      if (scope === GLOBAL_EXPLICIT) return u.name;
    }
    if (parent.scopeType === "type_params") {
      // A generic's scope is invisible in qualnames: name it after the scope around it.
      const grandparent = this.stack[this.stack.length - 2];
      if (grandparent === undefined || grandparent.scopeType === "module") return u.name;
      parent = grandparent;
    }
    if (
      parent.scopeType === "function" ||
      parent.scopeType === "async_function" ||
      parent.scopeType === "lambda"
    ) {
      return `${parent.qualname}.<locals>.${u.name}`;
    }
    return `${parent.qualname}.${u.name}`;
  }

  private exitScope(): void {
    const parent = this.stack.pop();
    if (parent !== undefined) this.u = parent;
  }

  private codeFlags(u: Unit): number {
    const ste = u.ste;
    let flags = 0;
    if (ste.isFunctionLike()) {
      flags |= CO_NEWLOCALS | CO_OPTIMIZED;
      if (ste.nested) flags |= CO_NESTED;
      if (ste.generator && !ste.coroutine) flags |= CO_GENERATOR;
      if (ste.generator && ste.coroutine) flags |= CO_ASYNC_GENERATOR;
      if (ste.varargs) flags |= CO_VARARGS;
      if (ste.varkeywords) flags |= CO_VARKEYWORDS;
      if (ste.hasDocstring) flags |= CO_HAS_DOCSTRING;
      if (ste.method) flags |= CO_METHOD;
    }
    if (ste.coroutine && !ste.generator) flags |= CO_COROUTINE;
    return flags;
  }

  /** Optimize and assemble the current unit (it stays current until exitScope). */
  private assemble(addNone: boolean): object {
    const u = this.u;
    if (addNone) this.loadConst(null, NO_LOCATION);
    this.op("RETURN_VALUE", NO_LOCATION);
    const entry = u.cfg.finish();
    return this.finish({
      name: u.name,
      qualname: u.qualname,
      firstLineno: u.firstLineno,
      argcount: u.argcount,
      posonlyargcount: u.posonlyargcount,
      kwonlyargcount: u.kwonlyargcount,
      flags: this.codeFlags(u),
      entry,
      consts: u.consts,
      names: [...u.names.keys()],
      varnames: [...u.varnames.keys()],
      cellvars: [...u.cellvars.keys()],
      freevars: [...u.freevars.keys()],
      fastHidden: u.everHidden,
      hasDocstring: u.ste.hasDocstring && u.scopeType !== "module" && u.scopeType !== "class",
      nparams: u.ste.varnames.length,
      ste: u.ste,
    });
  }

  // --- fblocks --------------------------------------------------------------------------------------

  private pushFBlock(
    loc: Location,
    type: FBlockType,
    block: Block | null,
    exit: Block | null,
    finalBody: A.stmt[] | null = null,
    name: string | null = null,
  ): void {
    if (this.u.fblocks.length >= MAX_FBLOCKS)
      throw this.error("too many statically nested blocks", loc);
    this.u.fblocks.push({ type, block, exit, loc, finalBody, name });
  }

  private popFBlock(): void {
    this.u.fblocks.pop();
  }

  private callExitWithNones(loc: Location): void {
    this.loadConst(null, loc);
    this.loadConst(null, loc);
    this.loadConst(null, loc);
    this.op("CALL", loc, 3);
  }

  private addYieldFrom(loc: Location, isAwait: boolean): void {
    const send = this.label();
    const fail = this.label();
    const exit = this.label();
    this.use(send);
    this.jump("SEND", exit, loc);
    this.jump("SETUP_FINALLY", fail, loc);
    this.op("YIELD_VALUE", loc, 1);
    this.op("POP_BLOCK", NO_LOCATION);
    this.op("RESUME", loc, isAwait ? RESUME_AFTER_AWAIT : RESUME_AFTER_YIELD_FROM);
    this.jump("JUMP_NO_INTERRUPT", send, loc);
    this.use(fail);
    this.op("CLEANUP_THROW", loc);
    this.use(exit);
    this.op("END_SEND", loc);
  }

  private popExceptAndReraise(loc: Location): void {
    this.op("COPY", loc, 3);
    this.op("POP_EXCEPT", loc);
    this.op("RERAISE", loc, 1);
  }

  /** Returns the (possibly replaced) location. */
  private unwindFBlock(loc: Location, info: FBlock, preserveTos: boolean): Location {
    switch (info.type) {
      case "WHILE_LOOP":
      case "EXCEPTION_HANDLER":
      case "EXCEPTION_GROUP_HANDLER":
      case "ASYNC_COMPREHENSION_GENERATOR":
      case "STOP_ITERATION":
        return loc;
      case "FOR_LOOP":
        if (preserveTos) this.op("SWAP", loc, ITER_SLOTS + 1);
        for (let i = 0; i < ITER_SLOTS; i++) this.op("POP_TOP", loc);
        return loc;
      case "ASYNC_FOR_LOOP":
        if (preserveTos) this.op("SWAP", loc, 2);
        this.op("POP_TOP", loc);
        return loc;
      case "TRY_EXCEPT":
        this.op("POP_BLOCK", loc);
        return loc;
      case "FINALLY_TRY":
        this.op("POP_BLOCK", loc);
        if (preserveTos) this.pushFBlock(loc, "POP_VALUE", null, null);
        this.stmts(info.finalBody!);
        if (preserveTos) this.popFBlock();
        return NO_LOCATION;
      case "FINALLY_END":
        if (preserveTos) this.op("SWAP", loc, 2);
        this.op("POP_TOP", loc);
        if (preserveTos) this.op("SWAP", loc, 2);
        this.op("POP_BLOCK", loc);
        this.op("POP_EXCEPT", loc);
        return loc;
      case "WITH":
      case "ASYNC_WITH":
        loc = info.loc;
        this.op("POP_BLOCK", loc);
        if (preserveTos) {
          this.op("SWAP", loc, 3);
          this.op("SWAP", loc, 2);
        }
        this.callExitWithNones(loc);
        if (info.type === "ASYNC_WITH") {
          this.op("GET_AWAITABLE", loc, 2);
          this.loadConst(null, loc);
          this.addYieldFrom(loc, true);
        }
        this.op("POP_TOP", loc);
        return NO_LOCATION;
      case "HANDLER_CLEANUP":
        if (info.name !== null) this.op("POP_BLOCK", loc);
        if (preserveTos) this.op("SWAP", loc, 2);
        this.op("POP_BLOCK", loc);
        this.op("POP_EXCEPT", loc);
        if (info.name !== null) {
          this.loadConst(null, loc);
          this.nameop(loc, info.name, "Store");
          this.nameop(loc, info.name, "Del");
        }
        return loc;
      case "POP_VALUE":
        if (preserveTos) this.op("SWAP", loc, 2);
        this.op("POP_TOP", loc);
        return loc;
    }
  }

  /** Unwinds to the nearest loop (when `wantLoop`) or all the way; returns [loc, loop]. */
  private unwindFBlockStack(
    loc: Location,
    preserveTos: boolean,
    wantLoop: boolean,
  ): [Location, FBlock | null] {
    const fbs = this.u.fblocks;
    const top = fbs[fbs.length - 1];
    if (top === undefined) return [loc, null];
    if (top.type === "EXCEPTION_GROUP_HANDLER") {
      throw this.error("'break', 'continue' and 'return' cannot appear in an except* block", loc);
    }
    if (
      wantLoop &&
      (top.type === "WHILE_LOOP" || top.type === "FOR_LOOP" || top.type === "ASYNC_FOR_LOOP")
    ) {
      return [loc, top];
    }
    fbs.pop();
    loc = this.unwindFBlock(loc, top, preserveTos);
    const r = this.unwindFBlockStack(loc, preserveTos, wantLoop);
    fbs.push(top);
    return r;
  }

  // --- module ---------------------------------------------------------------------------------------

  /** `from __future__ import annotations` (PEP 563): annotations compile to their source text. */
  private stringAnnotations = false;

  compileModule(mod: A.mod): object {
    this.stringAnnotations = futureFeatures(mod).annotations;
    this.enterScope("<module>", "module", mod, 1, null);
    switch (mod._type) {
      case "Module":
        this.body(mod.body, false);
        return this.assembleAndExit(true);
      case "Interactive":
        this.body(mod.body, true);
        return this.assembleAndExit(true);
      case "Expression":
        this.expr(mod.body);
        return this.assembleAndExit(false);
      default:
        return this.assembleAndExit(true);
    }
  }

  private assembleAndExit(addNone: boolean): object {
    const co = this.assemble(addNone);
    this.exitScope();
    return co;
  }

  private body(stmts: readonly A.stmt[], isInteractive: boolean, loc?: Location): void {
    let first = 0;
    // Every annotated module and class body has __annotations__ (3.13's compiler_body); a module
    // sets it up at the line of its first statement.
    if (findAnnotation(stmts)) {
      const at = this.u.scopeType === "module" && stmts.length > 0 ? locOf(stmts[0]!) : loc;
      this.op("SETUP_ANNOTATIONS", at ?? NO_LOCATION);
    }
    if (!isInteractive && this.u.ste.hasDocstring) {
      const st = stmts[0] as A.Expr;
      const doc = cleanDoc((st.value as A.Constant).value as string);
      first = 1;
      this.loadConst(doc, locOf(st.value));
      this.nameop(NO_LOCATION, "__doc__", "Store");
    }
    for (let i = first; i < stmts.length; i++) this.stmt(stmts[i]!);
  }

  // --- statements -----------------------------------------------------------------------------------

  private stmts(stmts: readonly A.stmt[]): void {
    for (const s of stmts) this.stmt(s);
  }

  private stmt(s: A.stmt): void {
    const loc = locOf(s);
    switch (s._type) {
      case "FunctionDef":
      case "AsyncFunctionDef":
        this.functionDef(s);
        break;
      case "ClassDef":
        this.classDef(s);
        break;
      case "TypeAlias":
        this.typeAlias(s);
        break;
      case "Return":
        this.returnStmt(s);
        break;
      case "Delete":
        for (const t of s.targets) this.expr(t);
        break;
      case "Assign": {
        this.expr(s.value);
        const n = s.targets.length;
        for (let i = 0; i < n; i++) {
          if (i < n - 1) this.op("COPY", loc, 1);
          this.expr(s.targets[i]!);
        }
        break;
      }
      case "AugAssign":
        this.augAssign(s);
        break;
      case "AnnAssign":
        this.annAssign(s);
        break;
      case "For":
        this.forStmt(s);
        break;
      case "AsyncFor":
        this.asyncFor(s);
        break;
      case "While":
        this.whileStmt(s);
        break;
      case "If":
        this.ifStmt(s);
        break;
      case "Match":
        this.match(s);
        break;
      case "Raise": {
        let n = 0;
        if (s.exc) {
          this.expr(s.exc);
          n++;
          if (s.cause) {
            this.expr(s.cause);
            n++;
          }
        }
        this.op("RAISE_VARARGS", loc, n);
        break;
      }
      case "Try":
        if (s.finalbody.length > 0) this.tryFinally(s, false);
        else this.tryExcept(s);
        break;
      case "TryStar":
        if (s.finalbody.length > 0) this.tryFinally(s, true);
        else this.tryStarExcept(s);
        break;
      case "Assert":
        this.assertStmt(s);
        break;
      case "Import":
        this.importStmt(s);
        break;
      case "ImportFrom":
        this.importFrom(s);
        break;
      case "Global":
      case "Nonlocal":
        break;
      case "Expr":
        this.exprStmt(loc, s.value);
        break;
      case "Pass":
        this.op("NOP", loc);
        break;
      case "Break":
        this.breakStmt(loc);
        break;
      case "Continue":
        this.continueStmt(loc);
        break;
      case "With":
        this.withInner(s, 0);
        break;
      case "AsyncWith":
        this.asyncWithInner(s, 0);
        break;
    }
  }

  private exprStmt(loc: Location, value: A.expr): void {
    if (this.interactive && this.stack.length === 0) {
      this.expr(value);
      this.op("CALL_INTRINSIC_1", loc, INTRINSIC_PRINT);
      this.op("POP_TOP", NO_LOCATION);
      return;
    }
    if (value._type === "Constant") {
      this.op("NOP", loc);
      return;
    }
    this.expr(value);
    this.op("POP_TOP", NO_LOCATION);
  }

  private returnStmt(s: A.Return): void {
    let loc = locOf(s);
    const value = s.value;
    const preserveTos = value !== null && value._type !== "Constant";
    const ste = this.u.ste;
    if (!ste.isFunctionLike()) throw this.error("'return' outside function", loc);
    if (value !== null && ste.coroutine && ste.generator) {
      throw this.error("'return' with value in async generator", loc);
    }
    if (preserveTos) {
      this.expr(value);
    } else if (value !== null) {
      this.op("NOP", locOf(value));
    }
    if (value === null || value.lineno !== s.lineno) {
      loc = locOf(s);
      this.op("NOP", loc);
    }
    [loc] = this.unwindFBlockStack(loc, preserveTos, false);
    if (value === null) this.loadConst(null, loc);
    else if (!preserveTos) this.loadConst(constOf((value as A.Constant).value), loc);
    this.op("RETURN_VALUE", loc);
  }

  private breakStmt(origin: Location): void {
    this.op("NOP", origin);
    let [loc, loop] = this.unwindFBlockStack(origin, false, true);
    if (loop === null) throw this.error("'break' outside loop", origin);
    loc = this.unwindFBlock(loc, loop, false);
    this.jump("JUMP", loop.exit!, loc);
  }

  private continueStmt(origin: Location): void {
    this.op("NOP", origin);
    const [loc, loop] = this.unwindFBlockStack(origin, false, true);
    if (loop === null) throw this.error("'continue' not properly in loop", origin);
    this.jump("JUMP", loop.block!, loc);
  }

  private ifStmt(s: A.If): void {
    const end = this.label();
    const next = s.orelse.length > 0 ? this.label() : end;
    this.jumpIf(locOf(s), s.test, next, false);
    this.stmts(s.body);
    if (s.orelse.length > 0) {
      this.jump("JUMP_NO_INTERRUPT", end, NO_LOCATION);
      this.use(next);
      this.stmts(s.orelse);
    }
    this.use(end);
  }

  private whileStmt(s: A.While): void {
    const loop = this.label();
    const end = this.label();
    const anchor = this.label();
    this.use(loop);
    this.pushFBlock(locOf(s), "WHILE_LOOP", loop, end);
    this.jumpIf(locOf(s), s.test, anchor, false);
    this.stmts(s.body);
    this.jump("JUMP", loop, NO_LOCATION);
    this.popFBlock();
    this.use(anchor);
    this.stmts(s.orelse);
    this.use(end);
  }

  private forStmt(s: A.For): void {
    const start = this.label();
    const body = this.label();
    const cleanup = this.label();
    const end = this.label();
    this.pushFBlock(locOf(s), "FOR_LOOP", start, end);
    this.expr(s.iter);
    const loc = locOf(s.iter);
    this.op("GET_ITER", loc);
    this.use(start);
    this.jump("FOR_ITER", cleanup, loc);
    this.op("NOP", locOf(s.target));
    this.use(body);
    this.expr(s.target);
    this.stmts(s.body);
    this.jump("JUMP", start, NO_LOCATION);
    this.use(cleanup);
    this.op("END_FOR", NO_LOCATION);
    this.op("POP_ITER", NO_LOCATION);
    this.popFBlock();
    this.stmts(s.orelse);
    this.use(end);
  }

  /** `async for`/`async with` here: in an async function, or at top level with the flag. */
  private asyncAllowed(): boolean {
    if (this.u.scopeType === "async_function") return true;
    if (this.options.topLevelAwait !== true || this.u.scopeType !== "module") return false;
    this.u.ste.coroutine = true;
    return true;
  }

  private asyncFor(s: A.AsyncFor): void {
    const loc = locOf(s);
    if (!this.asyncAllowed()) throw this.error("'async for' outside async function", loc);
    const start = this.label();
    const send = this.label();
    const except = this.label();
    const end = this.label();
    this.expr(s.iter);
    this.op("GET_AITER", locOf(s.iter));
    this.use(start);
    this.pushFBlock(loc, "ASYNC_FOR_LOOP", start, end);
    this.jump("SETUP_FINALLY", except, loc);
    this.op("GET_ANEXT", loc);
    this.loadConst(null, loc);
    this.use(send);
    this.addYieldFrom(loc, true);
    this.op("POP_BLOCK", loc);
    this.op("NOT_TAKEN", loc);
    this.expr(s.target);
    this.stmts(s.body);
    this.jump("JUMP", start, NO_LOCATION);
    this.popFBlock();
    this.use(except);
    this.jump("END_ASYNC_FOR", send, locOf(s.iter));
    this.stmts(s.orelse);
    this.use(end);
  }

  private tryFinally(s: A.Try | A.TryStar, star: boolean): void {
    const loc = locOf(s);
    const body = this.label();
    const end = this.label();
    const exit = this.label();
    const cleanup = this.label();
    this.jump("SETUP_FINALLY", end, loc);
    this.use(body);
    this.pushFBlock(loc, "FINALLY_TRY", body, end, s.finalbody);
    if (s.handlers.length > 0) {
      if (star) this.tryStarExcept(s);
      else this.tryExcept(s);
    } else {
      this.stmts(s.body);
    }
    this.op("POP_BLOCK", NO_LOCATION);
    this.popFBlock();
    this.stmts(s.finalbody);
    this.jump("JUMP_NO_INTERRUPT", exit, NO_LOCATION);
    this.use(end);
    this.jump("SETUP_CLEANUP", cleanup, NO_LOCATION);
    this.op("PUSH_EXC_INFO", NO_LOCATION);
    this.pushFBlock(NO_LOCATION, "FINALLY_END", end, null);
    this.stmts(s.finalbody);
    this.popFBlock();
    this.op("RERAISE", NO_LOCATION, 0);
    this.use(cleanup);
    this.popExceptAndReraise(NO_LOCATION);
    this.use(exit);
  }

  private tryExcept(s: A.Try | A.TryStar): void {
    const loc = locOf(s);
    const body = this.label();
    let except = this.label();
    const end = this.label();
    const cleanup = this.label();
    this.jump("SETUP_FINALLY", except, loc);
    this.use(body);
    this.pushFBlock(loc, "TRY_EXCEPT", body, null);
    this.stmts(s.body);
    this.popFBlock();
    this.op("POP_BLOCK", NO_LOCATION);
    this.stmts(s.orelse);
    this.jump("JUMP_NO_INTERRUPT", end, NO_LOCATION);
    const n = s.handlers.length;
    this.use(except);
    this.jump("SETUP_CLEANUP", cleanup, NO_LOCATION);
    this.op("PUSH_EXC_INFO", NO_LOCATION);
    this.pushFBlock(loc, "EXCEPTION_HANDLER", null, null);
    for (let i = 0; i < n; i++) {
      const handler = s.handlers[i]!;
      const hloc = locOf(handler);
      if (!handler.type && i < n - 1) throw this.error("default 'except:' must be last", hloc);
      except = this.label();
      if (handler.type) {
        this.expr(handler.type);
        this.op("CHECK_EXC_MATCH", hloc);
        this.jump("POP_JUMP_IF_FALSE", except, hloc);
      }
      if (handler.name !== null) {
        const cleanupEnd = this.label();
        const cleanupBody = this.label();
        this.nameop(hloc, handler.name, "Store");
        this.jump("SETUP_CLEANUP", cleanupEnd, hloc);
        this.use(cleanupBody);
        this.pushFBlock(hloc, "HANDLER_CLEANUP", cleanupBody, null, null, handler.name);
        this.stmts(handler.body);
        this.popFBlock();
        this.op("POP_BLOCK", NO_LOCATION);
        this.op("POP_BLOCK", NO_LOCATION);
        this.op("POP_EXCEPT", NO_LOCATION);
        this.loadConst(null, NO_LOCATION);
        this.nameop(NO_LOCATION, handler.name, "Store");
        this.nameop(NO_LOCATION, handler.name, "Del");
        this.jump("JUMP_NO_INTERRUPT", end, NO_LOCATION);
        this.use(cleanupEnd);
        this.loadConst(null, NO_LOCATION);
        this.nameop(NO_LOCATION, handler.name, "Store");
        this.nameop(NO_LOCATION, handler.name, "Del");
        this.op("RERAISE", NO_LOCATION, 1);
      } else {
        const cleanupBody = this.label();
        this.op("POP_TOP", hloc);
        this.use(cleanupBody);
        this.pushFBlock(hloc, "HANDLER_CLEANUP", cleanupBody, null);
        this.stmts(handler.body);
        this.popFBlock();
        this.op("POP_BLOCK", NO_LOCATION);
        this.op("POP_EXCEPT", NO_LOCATION);
        this.jump("JUMP_NO_INTERRUPT", end, NO_LOCATION);
      }
      this.use(except);
    }
    this.popFBlock();
    this.op("RERAISE", NO_LOCATION, 0);
    this.use(cleanup);
    this.popExceptAndReraise(NO_LOCATION);
    this.use(end);
  }

  private tryStarExcept(s: A.Try | A.TryStar): void {
    const loc = locOf(s);
    const body = this.label();
    let except = this.label();
    const orelse = this.label();
    const end = this.label();
    const cleanup = this.label();
    const reraiseStar = this.label();
    this.jump("SETUP_FINALLY", except, loc);
    this.use(body);
    this.pushFBlock(loc, "TRY_EXCEPT", body, null);
    this.stmts(s.body);
    this.popFBlock();
    this.op("POP_BLOCK", NO_LOCATION);
    this.jump("JUMP_NO_INTERRUPT", orelse, NO_LOCATION);
    const n = s.handlers.length;
    this.use(except);
    this.jump("SETUP_CLEANUP", cleanup, NO_LOCATION);
    this.op("PUSH_EXC_INFO", NO_LOCATION);
    this.pushFBlock(loc, "EXCEPTION_GROUP_HANDLER", null, null);
    for (let i = 0; i < n; i++) {
      const handler = s.handlers[i]!;
      const hloc = locOf(handler);
      except = this.label();
      const exceptWithError = this.label();
      const noMatch = this.label();
      if (i === 0) {
        this.op("BUILD_LIST", hloc, 0);
        this.op("COPY", hloc, 2);
      }
      if (handler.type) {
        this.expr(handler.type);
        this.op("CHECK_EG_MATCH", hloc);
        this.op("COPY", hloc, 1);
        this.jump("POP_JUMP_IF_NONE", noMatch, hloc);
      }
      const cleanupEnd = this.label();
      const cleanupBody = this.label();
      if (handler.name !== null) this.nameop(hloc, handler.name, "Store");
      else this.op("POP_TOP", hloc);
      this.jump("SETUP_CLEANUP", cleanupEnd, hloc);
      this.use(cleanupBody);
      this.pushFBlock(hloc, "HANDLER_CLEANUP", cleanupBody, null, null, handler.name);
      this.stmts(handler.body);
      this.popFBlock();
      this.op("POP_BLOCK", NO_LOCATION);
      if (handler.name !== null) {
        this.loadConst(null, NO_LOCATION);
        this.nameop(NO_LOCATION, handler.name, "Store");
        this.nameop(NO_LOCATION, handler.name, "Del");
      }
      this.jump("JUMP_NO_INTERRUPT", except, NO_LOCATION);
      this.use(cleanupEnd);
      if (handler.name !== null) {
        this.loadConst(null, NO_LOCATION);
        this.nameop(NO_LOCATION, handler.name, "Store");
        this.nameop(NO_LOCATION, handler.name, "Del");
      }
      this.op("LIST_APPEND", NO_LOCATION, 3);
      this.op("POP_TOP", NO_LOCATION);
      this.jump("JUMP_NO_INTERRUPT", exceptWithError, NO_LOCATION);
      this.use(except);
      this.op("NOP", NO_LOCATION);
      this.jump("JUMP_NO_INTERRUPT", exceptWithError, NO_LOCATION);
      this.use(noMatch);
      this.op("POP_TOP", hloc);
      this.use(exceptWithError);
      if (i === n - 1) {
        this.op("LIST_APPEND", NO_LOCATION, 1);
        this.jump("JUMP_NO_INTERRUPT", reraiseStar, NO_LOCATION);
      }
    }
    this.popFBlock();
    const reraise = this.label();
    this.use(reraiseStar);
    this.op("CALL_INTRINSIC_2", NO_LOCATION, INTRINSIC_2_PREP_RERAISE_STAR);
    this.op("COPY", NO_LOCATION, 1);
    this.jump("POP_JUMP_IF_NOT_NONE", reraise, NO_LOCATION);
    this.op("POP_TOP", NO_LOCATION);
    this.op("POP_BLOCK", NO_LOCATION);
    this.op("POP_EXCEPT", NO_LOCATION);
    this.jump("JUMP_NO_INTERRUPT", end, NO_LOCATION);
    this.use(reraise);
    this.op("POP_BLOCK", NO_LOCATION);
    this.op("SWAP", NO_LOCATION, 2);
    this.op("POP_EXCEPT", NO_LOCATION);
    this.op("RERAISE", NO_LOCATION, 0);
    this.use(cleanup);
    this.popExceptAndReraise(NO_LOCATION);
    this.use(orelse);
    this.stmts(s.orelse);
    this.use(end);
  }

  private withExceptFinish(cleanup: Block): void {
    const suppress = this.label();
    this.op("TO_BOOL", NO_LOCATION);
    this.jump("POP_JUMP_IF_TRUE", suppress, NO_LOCATION);
    this.op("RERAISE", NO_LOCATION, 2);
    this.use(suppress);
    this.op("POP_TOP", NO_LOCATION);
    this.op("POP_BLOCK", NO_LOCATION);
    this.op("POP_EXCEPT", NO_LOCATION);
    this.op("POP_TOP", NO_LOCATION);
    this.op("POP_TOP", NO_LOCATION);
    this.op("POP_TOP", NO_LOCATION);
    const exit = this.label();
    this.jump("JUMP_NO_INTERRUPT", exit, NO_LOCATION);
    this.use(cleanup);
    this.popExceptAndReraise(NO_LOCATION);
    this.use(exit);
  }

  private withInner(s: A.With, pos: number): void {
    const item = s.items[pos]!;
    const block = this.label();
    const final = this.label();
    const exit = this.label();
    const cleanup = this.label();
    this.expr(item.context_expr);
    const loc = locOf(item.context_expr);
    this.op("COPY", loc, 1);
    this.op("LOAD_SPECIAL", loc, SPECIAL_EXIT);
    this.op("SWAP", loc, 2);
    this.op("SWAP", loc, 3);
    this.op("LOAD_SPECIAL", loc, SPECIAL_ENTER);
    this.op("CALL", loc, 0);
    this.jump("SETUP_WITH", final, loc);
    this.use(block);
    this.pushFBlock(loc, "WITH", block, final);
    if (item.optional_vars) this.expr(item.optional_vars);
    else this.op("POP_TOP", loc);
    if (pos + 1 === s.items.length) this.stmts(s.body);
    else this.withInner(s, pos + 1);
    this.op("POP_BLOCK", NO_LOCATION);
    this.popFBlock();
    this.callExitWithNones(loc);
    this.op("POP_TOP", loc);
    this.jump("JUMP", exit, loc);
    this.use(final);
    this.jump("SETUP_CLEANUP", cleanup, loc);
    this.op("PUSH_EXC_INFO", loc);
    this.op("WITH_EXCEPT_START", loc);
    this.withExceptFinish(cleanup);
    this.use(exit);
  }

  private asyncWithInner(s: A.AsyncWith, pos: number): void {
    const item = s.items[pos]!;
    if (!this.asyncAllowed()) throw this.error("'async with' outside async function", locOf(s));
    const block = this.label();
    const final = this.label();
    const exit = this.label();
    const cleanup = this.label();
    this.expr(item.context_expr);
    const loc = locOf(item.context_expr);
    this.op("COPY", loc, 1);
    this.op("LOAD_SPECIAL", loc, SPECIAL_AEXIT);
    this.op("SWAP", loc, 2);
    this.op("SWAP", loc, 3);
    this.op("LOAD_SPECIAL", loc, SPECIAL_AENTER);
    this.op("CALL", loc, 0);
    this.op("GET_AWAITABLE", loc, 1);
    this.loadConst(null, loc);
    this.addYieldFrom(loc, true);
    this.jump("SETUP_WITH", final, loc);
    this.use(block);
    this.pushFBlock(loc, "ASYNC_WITH", block, final);
    if (item.optional_vars) this.expr(item.optional_vars);
    else this.op("POP_TOP", loc);
    if (pos + 1 === s.items.length) this.stmts(s.body);
    else this.asyncWithInner(s, pos + 1);
    this.popFBlock();
    this.op("POP_BLOCK", loc);
    this.callExitWithNones(loc);
    this.op("GET_AWAITABLE", loc, 2);
    this.loadConst(null, loc);
    this.addYieldFrom(loc, true);
    this.op("POP_TOP", loc);
    this.jump("JUMP", exit, loc);
    this.use(final);
    this.jump("SETUP_CLEANUP", cleanup, loc);
    this.op("PUSH_EXC_INFO", loc);
    this.op("WITH_EXCEPT_START", loc);
    this.op("GET_AWAITABLE", loc, 2);
    this.loadConst(null, loc);
    this.addYieldFrom(loc, true);
    this.withExceptFinish(cleanup);
    this.use(exit);
  }

  private assertStmt(s: A.Assert): void {
    const end = this.label();
    const loc = locOf(s);
    this.jumpIf(loc, s.test, end, true);
    this.op("LOAD_COMMON_CONSTANT", loc, CONSTANT_ASSERTIONERROR);
    if (s.msg) {
      this.expr(s.msg);
      this.op("CALL", loc, 0);
    }
    this.op("RAISE_VARARGS", locOf(s.test), 1);
    this.use(end);
  }

  private importStmt(s: A.Import): void {
    const loc = locOf(s);
    for (const alias of s.names) {
      this.loadConst(0n, loc);
      this.loadConst(null, loc);
      this.op("IMPORT_NAME", loc, this.addName(alias.name));
      if (alias.asname !== null) {
        this.importAs(loc, alias.name, alias.asname);
      } else {
        const dot = alias.name.indexOf(".");
        this.nameop(loc, dot >= 0 ? alias.name.slice(0, dot) : alias.name, "Store");
      }
    }
  }

  private importAs(loc: Location, name: string, asname: string): void {
    const parts = name.split(".");
    if (parts.length > 1) {
      for (let i = 1; i < parts.length; i++) {
        this.op("IMPORT_FROM", loc, dictAdd(this.u.names, parts[i]!));
        if (i === parts.length - 1) break;
        this.op("SWAP", loc, 2);
        this.op("POP_TOP", loc);
      }
      this.nameop(loc, asname, "Store");
      this.op("POP_TOP", loc);
      return;
    }
    this.nameop(loc, asname, "Store");
  }

  private importFrom(s: A.ImportFrom): void {
    const loc = locOf(s);
    this.loadConst(BigInt(s.level ?? 0), loc);
    this.loadConst(tuple(s.names.map((a) => a.name)), loc);
    this.op("IMPORT_NAME", loc, this.addName(s.module ?? ""));
    for (let i = 0; i < s.names.length; i++) {
      const alias = s.names[i]!;
      if (i === 0 && alias.name.startsWith("*")) {
        this.op("CALL_INTRINSIC_1", loc, INTRINSIC_IMPORT_STAR);
        this.op("POP_TOP", NO_LOCATION);
        return;
      }
      this.op("IMPORT_FROM", loc, this.addName(alias.name));
      this.nameop(loc, alias.asname ?? alias.name, "Store");
    }
    this.op("POP_TOP", loc);
  }

  private augAssign(s: A.AugAssign): void {
    const e = s.target;
    let loc = locOf(e);
    switch (e._type) {
      case "Attribute":
        this.expr(e.value);
        this.op("COPY", loc, 1);
        loc = this.attrLoc(loc, e);
        this.op("LOAD_ATTR", loc, this.addName(e.attr) << 1);
        break;
      case "Subscript":
        this.expr(e.value);
        if (twoElementSlice(e.slice, this.options.constSlices === true)) {
          this.sliceTwoParts(e.slice as A.Slice);
          this.op("COPY", loc, 3);
          this.op("COPY", loc, 3);
          this.op("COPY", loc, 3);
          this.op("BINARY_SLICE", loc);
        } else {
          this.expr(e.slice);
          this.op("COPY", loc, 2);
          this.op("COPY", loc, 2);
          this.op("BINARY_OP", loc, NB.SUBSCR);
        }
        break;
      case "Name":
        this.nameop(loc, e.id, "Load");
        break;
      default:
        throw this.error("illegal expression for augmented assignment", loc);
    }
    this.expr(s.value);
    this.op("BINARY_OP", locOf(s), binopArg(s.op._type, true));
    loc = locOf(e);
    switch (e._type) {
      case "Attribute":
        loc = this.attrLoc(loc, e);
        this.op("SWAP", loc, 2);
        this.op("STORE_ATTR", loc, this.addName(e.attr));
        break;
      case "Subscript":
        if (twoElementSlice(e.slice, this.options.constSlices === true)) {
          this.op("SWAP", loc, 4);
          this.op("SWAP", loc, 3);
          this.op("SWAP", loc, 2);
          this.op("STORE_SLICE", loc);
        } else {
          this.op("SWAP", loc, 3);
          this.op("SWAP", loc, 2);
          this.op("STORE_SUBSCR", loc);
        }
        break;
      case "Name":
        this.nameop(loc, e.id, "Store");
        break;
    }
  }

  /** compiler_annassign of 3.13: store the value, then record the annotation of a simple name. */
  private annAssign(s: A.AnnAssign): void {
    const targ = s.target;
    const loc = locOf(s);
    if (s.value) {
      this.expr(s.value);
      this.expr(targ);
    }
    const evaluates = this.u.scopeType === "module" || this.u.scopeType === "class";
    if (targ._type === "Name") {
      if (s.simple && evaluates) {
        this.annotationValue(s.annotation);
        this.nameop(loc, "__annotations__", "Load");
        this.loadConst(this.mangle(targ.id), loc);
        this.op("STORE_SUBSCR", loc);
      }
    } else if (targ._type === "Attribute" && !s.value) {
      this.expr(targ.value);
      this.op("POP_TOP", locOf(targ.value));
    } else if (targ._type === "Subscript" && !s.value) {
      this.expr(targ.value);
      this.op("POP_TOP", locOf(targ.value));
      this.checkAnnSubscr(targ.slice);
    }
    // The annotation of a target that is not a simple name is evaluated last, and dropped.
    if (!s.simple && evaluates && !this.stringAnnotations) {
      this.expr(s.annotation);
      this.op("POP_TOP", locOf(s.annotation));
    }
  }

  /** An annotation's value: evaluated, or its source text under the annotations future. */
  private annotationValue(e: A.expr): void {
    if (this.stringAnnotations) this.loadConst(unparseExpr(e), locOf(e));
    else this.expr(e);
  }

  /**
   * compiler_visit_annotations of 3.13: pushes a flat tuple (name, value, ...) of the parameter
   * and return annotations, in 3.13's order (args, then posonlyargs); returns whether it did.
   */
  private argAnnotations(loc: Location, args: A.arguments, returns: A.expr | null): boolean {
    let n = 0;
    const one = (name: string, ann: A.expr | null | undefined) => {
      if (!ann) return;
      this.loadConst(this.mangle(name), loc);
      if (this.stringAnnotations) {
        this.loadConst(unparseExpr(ann), locOf(ann));
      } else if (ann._type === "Starred") {
        // *args: *Ts
        this.expr(ann.value);
        this.op("UNPACK_SEQUENCE", loc, 1);
      } else {
        this.expr(ann);
      }
      n += 2;
    };
    for (const a of args.args) one(a.arg, a.annotation);
    for (const a of args.posonlyargs) one(a.arg, a.annotation);
    if (args.vararg) one(args.vararg.arg, args.vararg.annotation);
    for (const a of args.kwonlyargs) one(a.arg, a.annotation);
    if (args.kwarg) one(args.kwarg.arg, args.kwarg.annotation);
    one("return", returns);
    if (n === 0) return false;
    this.op("BUILD_TUPLE", loc, n);
    return true;
  }

  private checkAnnSubscr(e: A.expr): void {
    if (e._type === "Slice") {
      for (const x of [e.lower, e.upper, e.step]) {
        if (x) {
          this.expr(x);
          this.op("POP_TOP", locOf(x));
        }
      }
    } else if (e._type === "Tuple") {
      for (const x of e.elts) this.checkAnnSubscr(x);
    } else {
      this.expr(e);
      this.op("POP_TOP", locOf(e));
    }
  }

  // --- functions and classes ---------------------------------------------------------------------------

  private decorators(decos: readonly A.expr[]): void {
    for (const d of decos) this.expr(d);
  }

  private applyDecorators(decos: readonly A.expr[]): void {
    for (let i = decos.length - 1; i >= 0; i--) this.op("CALL", locOf(decos[i]!), 0);
  }

  private defaultArguments(loc: Location, args: A.arguments): number {
    let flags = 0;
    if (args.defaults.length > 0) {
      for (const d of args.defaults) this.expr(d);
      this.op("BUILD_TUPLE", loc, args.defaults.length);
      flags |= MAKE_FUNCTION_DEFAULTS;
    }
    let count = 0;
    for (let i = 0; i < args.kwonlyargs.length; i++) {
      const d = args.kw_defaults[i];
      if (d) {
        count++;
        this.loadConst(this.mangle(args.kwonlyargs[i]!.arg), loc);
        this.expr(d);
      }
    }
    if (count) {
      this.op("BUILD_MAP", loc, count);
      flags |= MAKE_FUNCTION_KWDEFAULTS;
    }
    return flags;
  }

  private makeClosure(loc: Location, co: object, child: UnitResult, flags: number): void {
    if (child.freevars.length > 0) {
      for (const name of child.freevars) {
        this.op("LOAD_CLOSURE", loc, this.lookupClosureArg(name));
      }
      flags |= MAKE_FUNCTION_CLOSURE;
      this.op("BUILD_TUPLE", loc, child.freevars.length);
    }
    this.loadConst({ kind: "code", code: co }, loc);
    this.op("MAKE_FUNCTION", loc);
    for (const f of [
      MAKE_FUNCTION_CLOSURE,
      MAKE_FUNCTION_ANNOTATIONS,
      0x10,
      MAKE_FUNCTION_KWDEFAULTS,
      MAKE_FUNCTION_DEFAULTS,
    ]) {
      if (flags & f) this.op("SET_FUNCTION_ATTRIBUTE", loc, f);
    }
  }

  /** _PyCompile_LookupArg: the index (before offset fixing) of a cell or free var to close over. */
  private lookupClosureArg(name: string): number {
    const u = this.u;
    const scope = u.ste.getScope(name);
    if (
      scope === CELL ||
      (scope === 0 && u.cellvars.has(name)) ||
      u.ste.getSymbol(name) & DEF_COMP_CELL
    ) {
      const i = u.cellvars.get(name);
      if (i !== undefined) return i;
    }
    if (name === "__class__" || name === "__classdict__") {
      const i = u.cellvars.get(name);
      if (i !== undefined) return i;
    }
    const f = u.freevars.get(name);
    if (f !== undefined) return f;
    const c = u.cellvars.get(name);
    if (c !== undefined) return c;
    throw new Error(`lookupClosureArg: no cell or free variable ${name} in ${u.name}`);
  }

  private functionDef(s: A.FunctionDef | A.AsyncFunctionDef): void {
    this.decorators(s.decorator_list);
    const firstlineno = s.decorator_list.length > 0 ? s.decorator_list[0]!.lineno : s.lineno;
    const loc = locOf(s);
    let funcflags = this.defaultArguments(loc, s.args);
    const generic = s.type_params.length > 0;
    // A generic function is made inside a function that creates its type parameters, which
    // receives the defaults and keyword defaults as arguments.
    const typeParamArgs =
      (funcflags & MAKE_FUNCTION_DEFAULTS ? 1 : 0) + (funcflags & MAKE_FUNCTION_KWDEFAULTS ? 1 : 0);
    if (generic) {
      if (typeParamArgs === 2) this.op("SWAP", loc, 2);
      this.enterScope(
        `<generic parameters of ${s.name}>`,
        "type_params",
        s.type_params,
        firstlineno,
        this.u.privateName,
        { argcount: typeParamArgs, posonly: 0, kwonly: 0 },
      );
      this.typeParams(s.type_params);
      for (let i = 0; i < typeParamArgs; i++) this.op("LOAD_FAST", loc, i);
    }
    if (this.argAnnotations(loc, s.args, s.returns)) funcflags |= MAKE_FUNCTION_ANNOTATIONS;
    const isAsync = s._type === "AsyncFunctionDef";
    this.enterScope(
      s.name,
      isAsync ? "async_function" : "function",
      s,
      firstlineno,
      this.u.privateName,
      {
        argcount: s.args.args.length,
        posonly: s.args.posonlyargs.length,
        kwonly: s.args.kwonlyargs.length,
      },
    );
    const ste = this.u.ste;
    let first = 0;
    if (ste.hasDocstring) {
      const doc = cleanDoc(((s.body[0] as A.Expr).value as A.Constant).value as string);
      this.u.consts.add(doc);
      first = 1;
    }
    const addStopIteration = ste.coroutine || ste.generator;
    const start = this.label();
    this.use(start);
    if (addStopIteration) this.pushFBlock(NO_LOCATION, "STOP_ITERATION", start, null);
    for (let i = first; i < s.body.length; i++) this.stmt(s.body[i]!);
    if (addStopIteration) {
      this.wrapInStopIterationHandler();
      this.popFBlock();
    }
    const { co, child } = this.assembleChild(true);
    this.makeClosure(loc, co, child, funcflags);
    if (generic) {
      this.op("SWAP", loc, 2);
      this.op("CALL_INTRINSIC_2", loc, INTRINSIC_SET_FUNCTION_TYPE_PARAMS);
      this.op("RETURN_VALUE", loc);
      const outer = this.assembleChild(false);
      this.makeClosure(loc, outer.co, outer.child, 0);
      if (typeParamArgs > 0) {
        this.op("SWAP", loc, typeParamArgs + 1);
        this.op("CALL", loc, typeParamArgs - 1);
      } else {
        this.op("PUSH_NULL", loc);
        this.op("CALL", loc, 0);
      }
    }
    this.applyDecorators(s.decorator_list);
    this.nameop(loc, s.name, "Store");
  }

  /** compiler_type_params: each parameter's object, stored under its name, then all in a tuple. */
  private typeParams(params: readonly A.type_param[]): void {
    let seenDefault = false;
    for (const tp of params) {
      const loc = locOf(tp);
      this.loadConst(tp.name, loc);
      if (tp._type === "TypeVar" && tp.bound !== null) {
        this.typeParamBound(tp.bound, tp.name, tp, false);
        const constraints = tp.bound._type === "Tuple";
        this.op(
          "CALL_INTRINSIC_2",
          loc,
          constraints ? INTRINSIC_TYPEVAR_WITH_CONSTRAINTS : INTRINSIC_TYPEVAR_WITH_BOUND,
        );
      } else {
        const kind =
          tp._type === "TypeVar"
            ? INTRINSIC_TYPEVAR
            : tp._type === "ParamSpec"
              ? INTRINSIC_PARAMSPEC
              : INTRINSIC_TYPEVARTUPLE;
        this.op("CALL_INTRINSIC_1", loc, kind);
      }
      if (tp.default_value !== null) {
        seenDefault = true;
        this.typeParamBound(tp.default_value, tp.name, defaultKey(tp), tp._type === "TypeVarTuple");
        this.op("CALL_INTRINSIC_2", loc, INTRINSIC_SET_TYPEPARAM_DEFAULT);
      } else if (seenDefault) {
        throw this.error(
          `non-default type parameter '${tp.name}' follows default type parameter`,
          loc,
        );
      }
      this.op("COPY", loc, 1);
      this.nameop(loc, tp.name, "Store");
    }
    this.op("BUILD_TUPLE", locOf(params[0]!), params.length);
  }

  /** A bound, constraints or default: a function that computes it when first asked. */
  private typeParamBound(e: A.expr, name: string, key: object, allowStarred: boolean): void {
    const loc = locOf(e);
    this.enterScope(name, "type_params", key, e.lineno, this.u.privateName);
    if (allowStarred && e._type === "Starred") {
      this.expr(e.value);
      this.op("UNPACK_SEQUENCE", loc, 1);
    } else {
      this.expr(e);
    }
    this.op("RETURN_VALUE", loc);
    const { co, child } = this.assembleChild(true);
    this.makeClosure(loc, co, child, 0);
  }

  /** `type X[T] = value`: a TypeAliasType whose value is computed when first asked. */
  private typeAlias(s: A.TypeAlias): void {
    const loc = locOf(s);
    const name = (s.name as A.Name).id;
    const generic = s.type_params.length > 0;
    if (generic) {
      this.enterScope(
        `<generic parameters of ${name}>`,
        "type_params",
        s.type_params,
        s.lineno,
        this.u.privateName,
      );
      this.loadConst(name, loc);
      this.typeParams(s.type_params);
    } else {
      this.loadConst(name, loc);
      this.loadConst(null, loc);
    }
    this.enterScope(name, "function", s, s.lineno, this.u.privateName);
    // None first among the constants, so the function has no docstring.
    this.u.consts.add(null);
    this.expr(s.value);
    this.op("RETURN_VALUE", loc);
    const body = this.assembleChild(false);
    this.makeClosure(loc, body.co, body.child, 0);
    this.op("BUILD_TUPLE", loc, 3);
    this.op("CALL_INTRINSIC_1", loc, INTRINSIC_TYPEALIAS);
    if (generic) {
      this.op("RETURN_VALUE", loc);
      const outer = this.assembleChild(false);
      this.makeClosure(loc, outer.co, outer.child, 0);
      this.op("PUSH_NULL", loc);
      this.op("CALL", loc, 0);
    }
    this.nameop(loc, name, "Store");
  }

  private assembleChild(addNone: boolean): { co: object; child: UnitResult } {
    let child: UnitResult | null = null;
    const finish = this.finish;
    const co = finish === undefined ? {} : this.assembleCapture(addNone, (r) => (child = r));
    this.exitScope();
    return { co, child: child! };
  }

  private assembleCapture(addNone: boolean, capture: (r: UnitResult) => void): object {
    const saved = this.finish;
    const self = this as unknown as { finish: UnitFinisher };
    self.finish = (r) => {
      capture(r);
      return saved(r);
    };
    try {
      return this.assemble(addNone);
    } finally {
      self.finish = saved;
    }
  }

  private wrapInStopIterationHandler(): void {
    const handler = this.label();
    const entry = this.u.cfg.entry;
    // Insert SETUP_CLEANUP right after RESUME at the start of the unit.
    entry.instrs.splice(1, 0, {
      op: "SETUP_CLEANUP",
      arg: 0,
      target: handler,
      loc: NO_LOCATION,
      except: null,
    });
    this.loadConst(null, NO_LOCATION);
    this.op("RETURN_VALUE", NO_LOCATION);
    this.use(handler);
    this.op("CALL_INTRINSIC_1", NO_LOCATION, INTRINSIC_STOPITERATION_ERROR);
    this.op("RERAISE", NO_LOCATION, 1);
  }

  private lambda(e: A.Lambda): void {
    const loc = locOf(e);
    const funcflags = this.defaultArguments(loc, e.args);
    this.enterScope("<lambda>", "lambda", e, e.lineno, this.u.privateName, {
      argcount: e.args.args.length,
      posonly: e.args.posonlyargs.length,
      kwonly: e.args.kwonlyargs.length,
    });
    this.expr(e.body);
    let result: { co: object; child: UnitResult };
    if (this.u.ste.generator) {
      result = this.assembleChild(false);
    } else {
      this.op("RETURN_VALUE", locOf(e.body));
      result = this.assembleChild(true);
    }
    this.makeClosure(loc, result.co, result.child, funcflags);
  }

  private classDef(s: A.ClassDef): void {
    this.decorators(s.decorator_list);
    const firstlineno = s.decorator_list.length > 0 ? s.decorator_list[0]!.lineno : s.lineno;
    const generic = s.type_params.length > 0;
    if (generic) {
      this.enterScope(
        `<generic parameters of ${s.name}>`,
        "type_params",
        s.type_params,
        firstlineno,
        s.name,
      );
      this.typeParams(s.type_params);
      this.nameop(locOf(s), ".type_params", "Store");
    }
    this.enterScope(s.name, "class", s, firstlineno, s.name);
    const loc: Location = { lineno: firstlineno, endLineno: firstlineno, col: 0, endCol: 0 };
    this.nameop(loc, "__name__", "Load");
    this.nameop(loc, "__module__", "Store");
    this.loadConst(this.u.qualname, loc);
    this.nameop(loc, "__qualname__", "Store");
    this.loadConst(BigInt(this.u.firstLineno), loc);
    this.nameop(loc, "__firstlineno__", "Store");
    if (generic) {
      this.nameop(loc, ".type_params", "Load");
      this.nameop(loc, "__type_params__", "Store");
    }
    const ste = this.u.ste;
    if (ste.needsClassdict) {
      this.op("LOAD_LOCALS", loc);
      this.op("STORE_DEREF", loc, this.u.cellvars.get("__classdict__")!);
    }
    this.body(s.body, false, loc);
    const attrs = [...(this.u.staticAttributes ?? [])].sort();
    this.loadConst(tuple(attrs), NO_LOCATION);
    this.nameop(NO_LOCATION, "__static_attributes__", "Store");
    if (ste.needsClassdict) {
      this.op("LOAD_CLOSURE", NO_LOCATION, this.u.cellvars.get("__classdict__")!);
      this.nameop(NO_LOCATION, "__classdictcell__", "Store");
    }
    if (ste.needsClassClosure) {
      this.op("LOAD_CLOSURE", NO_LOCATION, this.u.cellvars.get("__class__")!);
      this.op("COPY", NO_LOCATION, 1);
      this.nameop(NO_LOCATION, "__classcell__", "Store");
    } else {
      this.loadConst(null, NO_LOCATION);
    }
    this.op("RETURN_VALUE", NO_LOCATION);
    const { co, child } = this.assembleChild(true);
    const cloc = locOf(s);
    this.op("LOAD_BUILD_CLASS", cloc);
    this.op("PUSH_NULL", cloc);
    this.makeClosure(cloc, co, child, 0);
    this.loadConst(s.name, cloc);
    if (generic) {
      this.nameop(cloc, ".type_params", "Load");
      this.op("CALL_INTRINSIC_1", cloc, INTRINSIC_SUBSCRIPT_GENERIC);
      this.nameop(cloc, ".generic_base", "Store");
      this.callHelper(cloc, 2, s.bases, s.keywords, ".generic_base");
      this.op("RETURN_VALUE", cloc);
      const outer = this.assembleChild(false);
      this.makeClosure(cloc, outer.co, outer.child, 0);
      this.op("PUSH_NULL", cloc);
      this.op("CALL", cloc, 0);
    } else {
      this.callHelper(cloc, 2, s.bases, s.keywords);
    }
    this.applyDecorators(s.decorator_list);
    this.nameop(cloc, s.name, "Store");
  }

  // --- names ---------------------------------------------------------------------------------------------

  /** The free variable that holds the enclosing class's namespace (a scope that sees it). */
  private classdictFreevar(): number {
    const u = this.u;
    let arg = u.freevars.get("__classdict__");
    if (arg === undefined) {
      arg = u.cellvars.size + u.freevars.size;
      u.freevars.set("__classdict__", arg);
    }
    return arg;
  }

  private nameop(loc: Location, name: string, ctx: "Load" | "Store" | "Del"): void {
    const u = this.u;
    const mangled = this.mangle(name);
    const scope = u.ste.getScope(mangled);
    let optype: "FAST" | "GLOBAL" | "DEREF" | "NAME" = "NAME";
    let dict = u.names;
    switch (scope) {
      case FREE:
        dict = u.freevars;
        optype = "DEREF";
        break;
      case CELL:
        dict = u.cellvars;
        optype = "DEREF";
        break;
      case LOCAL:
        if (u.ste.isFunctionLike() || u.fastHidden.get(mangled) === true) optype = "FAST";
        break;
      case GLOBAL_IMPLICIT:
        if (u.ste.isFunctionLike()) optype = "GLOBAL";
        break;
      case GLOBAL_EXPLICIT:
        optype = "GLOBAL";
        break;
    }
    switch (optype) {
      case "DEREF": {
        let arg = dict.get(mangled);
        if (arg === undefined) {
          // A free variable of a class body that only the class's methods see.
          arg = u.cellvars.size + u.freevars.size;
          u.freevars.set(mangled, arg);
        }
        if (ctx === "Load") {
          if (u.ste.type === "class" && u.inInlinedComp === 0) {
            this.op("LOAD_LOCALS", loc);
            this.op("LOAD_FROM_DICT_OR_DEREF", loc, arg);
          } else if (u.ste.canSeeClassScope) {
            this.op("LOAD_DEREF", loc, this.classdictFreevar());
            this.op("LOAD_FROM_DICT_OR_DEREF", loc, arg);
          } else {
            this.op("LOAD_DEREF", loc, arg);
          }
        } else {
          this.op(ctx === "Store" ? "STORE_DEREF" : "DELETE_DEREF", loc, arg);
        }
        return;
      }
      case "FAST": {
        const arg = dictAdd(u.varnames, mangled);
        this.op(
          ctx === "Load" ? "LOAD_FAST" : ctx === "Store" ? "STORE_FAST" : "DELETE_FAST",
          loc,
          arg,
        );
        return;
      }
      case "GLOBAL": {
        const arg = dictAdd(u.names, mangled);
        if (ctx === "Load" && u.ste.canSeeClassScope && scope === GLOBAL_IMPLICIT) {
          this.op("LOAD_DEREF", loc, this.classdictFreevar());
          this.op("LOAD_FROM_DICT_OR_GLOBALS", loc, arg);
        } else if (ctx === "Load") this.op("LOAD_GLOBAL", loc, arg << 1);
        else this.op(ctx === "Store" ? "STORE_GLOBAL" : "DELETE_GLOBAL", loc, arg);
        return;
      }
      case "NAME": {
        const arg = dictAdd(u.names, mangled);
        if (ctx === "Load") {
          if (u.ste.type === "class" && u.inInlinedComp > 0) this.op("LOAD_GLOBAL", loc, arg << 1);
          else this.op("LOAD_NAME", loc, arg);
        } else {
          this.op(ctx === "Store" ? "STORE_NAME" : "DELETE_NAME", loc, arg);
        }
        return;
      }
    }
  }

  // --- expressions -----------------------------------------------------------------------------------------

  private expr(e: A.expr): void {
    const loc = locOf(e);
    switch (e._type) {
      case "NamedExpr":
        this.expr(e.value);
        this.op("COPY", loc, 1);
        this.expr(e.target);
        break;
      case "BoolOp": {
        const jumpOp = e.op._type === "And" ? "JUMP_IF_FALSE" : "JUMP_IF_TRUE";
        const end = this.label();
        const n = e.values.length - 1;
        for (let i = 0; i < n; i++) {
          this.expr(e.values[i]!);
          this.jump(jumpOp, end, loc);
          this.op("POP_TOP", loc);
        }
        this.expr(e.values[n]!);
        this.use(end);
        break;
      }
      case "BinOp":
        this.expr(e.left);
        this.expr(e.right);
        this.op("BINARY_OP", loc, binopArg(e.op._type, false));
        break;
      case "UnaryOp":
        this.expr(e.operand);
        switch (e.op._type) {
          case "UAdd":
            this.op("CALL_INTRINSIC_1", loc, INTRINSIC_UNARY_POSITIVE);
            break;
          case "Not":
            this.op("TO_BOOL", loc);
            this.op("UNARY_NOT", loc);
            break;
          case "Invert":
            this.op("UNARY_INVERT", loc);
            break;
          case "USub":
            this.op("UNARY_NEGATIVE", loc);
            break;
        }
        break;
      case "Lambda":
        this.lambda(e);
        break;
      case "IfExp": {
        const end = this.label();
        const next = this.label();
        this.jumpIf(loc, e.test, next, false);
        this.expr(e.body);
        this.jump("JUMP_NO_INTERRUPT", end, NO_LOCATION);
        this.use(next);
        this.expr(e.orelse);
        this.use(end);
        break;
      }
      case "Dict":
        this.dict(e);
        break;
      case "Set":
        this.starunpackHelper(loc, e.elts, null, 0, "BUILD_SET", "SET_ADD", "SET_UPDATE", false);
        break;
      case "GeneratorExp":
        this.comprehension(e, "genexpr", "<genexpr>", e.generators, e.elt, null);
        break;
      case "ListComp":
        this.comprehension(e, "list", "<listcomp>", e.generators, e.elt, null);
        break;
      case "SetComp":
        this.comprehension(e, "set", "<setcomp>", e.generators, e.elt, null);
        break;
      case "DictComp":
        this.comprehension(e, "dict", "<dictcomp>", e.generators, e.key, e.value);
        break;
      case "Yield":
        if (!this.u.ste.isFunctionLike()) throw this.error("'yield' outside function", loc);
        if (e.value) this.expr(e.value);
        else this.loadConst(null, loc);
        this.addYield(loc);
        break;
      case "YieldFrom":
        if (!this.u.ste.isFunctionLike()) throw this.error("'yield from' outside function", loc);
        if (this.u.scopeType === "async_function")
          throw this.error("'yield from' inside async function", loc);
        this.expr(e.value);
        this.op("GET_YIELD_FROM_ITER", loc);
        this.loadConst(null, loc);
        this.addYieldFrom(loc, false);
        break;
      case "Await":
        this.expr(e.value);
        this.op("GET_AWAITABLE", loc, 0);
        this.loadConst(null, loc);
        this.addYieldFrom(loc, true);
        break;
      case "Compare":
        this.compare(e);
        break;
      case "Call":
        this.call(e);
        break;
      case "Constant":
        this.loadConst(constOf(e.value), loc);
        break;
      case "JoinedStr":
        this.joinedStr(e);
        break;
      case "FormattedValue":
        this.formattedValue(e);
        break;
      case "Attribute": {
        if (e.ctx._type === "Load" && this.canOptimizeSuperCall(e)) {
          this.loadSuperAttr(e, false);
          break;
        }
        if (e.ctx._type === "Store") this.maybeAddStaticAttribute(e);
        this.expr(e.value);
        const aloc = this.attrLoc(loc, e);
        const idx = this.addName(e.attr);
        if (e.ctx._type === "Load") this.op("LOAD_ATTR", aloc, idx << 1);
        else if (e.ctx._type === "Store") this.op("STORE_ATTR", aloc, idx);
        else this.op("DELETE_ATTR", aloc, idx);
        break;
      }
      case "Subscript":
        this.subscript(e);
        break;
      case "Starred":
        if (e.ctx._type === "Store")
          throw this.error("starred assignment target must be in a list or tuple", loc);
        throw this.error("can't use starred expression here", loc);
      case "Slice":
        this.slice(e);
        break;
      case "Name":
        this.nameop(loc, e.id, e.ctx._type);
        break;
      case "List":
        if (e.ctx._type === "Store") this.assignmentHelper(loc, e.elts);
        else if (e.ctx._type === "Load") {
          this.starunpackHelper(
            loc,
            e.elts,
            null,
            0,
            "BUILD_LIST",
            "LIST_APPEND",
            "LIST_EXTEND",
            false,
          );
        } else for (const x of e.elts) this.expr(x);
        break;
      case "Tuple":
        if (e.ctx._type === "Store") this.assignmentHelper(loc, e.elts);
        else if (e.ctx._type === "Load") {
          this.starunpackHelper(
            loc,
            e.elts,
            null,
            0,
            "BUILD_LIST",
            "LIST_APPEND",
            "LIST_EXTEND",
            true,
          );
        } else for (const x of e.elts) this.expr(x);
        break;
    }
  }

  private maybeAddStaticAttribute(e: A.Attribute): void {
    // Assignments to self.X in a method record X in the class's __static_attributes__.
    if (e.value._type !== "Name") return;
    const u = this.u;
    if (u.scopeType !== "function" && u.scopeType !== "async_function") return;
    const firstArg = u.ste.varnames[0];
    if (firstArg === undefined || e.value.id !== firstArg) return;
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const p = this.stack[i]!;
      if (p.scopeType === "class") {
        p.staticAttributes?.add(e.attr);
        return;
      }
    }
  }

  /** update_start_location_to_match_attr */
  private attrLoc(loc: Location, attr: A.Attribute): Location {
    const end = attr.end_lineno ?? attr.lineno;
    if (loc.lineno === end) return loc;
    const len = utf8Length(attr.attr);
    const endCol = attr.end_col_offset ?? 0;
    let col: number;
    let endColOut = loc.endCol;
    if (len <= endCol) col = endCol - len;
    else {
      col = -1;
      endColOut = -1;
    }
    const endLineno = Math.max(end, loc.endLineno);
    if (end === endLineno) endColOut = Math.max(col, endColOut);
    return { lineno: end, endLineno, col, endCol: endColOut };
  }

  private addYield(loc: Location): void {
    const ste = this.u.ste;
    if (ste.generator && ste.coroutine) this.op("CALL_INTRINSIC_1", loc, INTRINSIC_ASYNC_GEN_WRAP);
    this.op("YIELD_VALUE", loc, 0);
    this.op("RESUME", loc, RESUME_AFTER_YIELD);
  }

  private addCompare(loc: Location, op: A.cmpop["_type"]): void {
    switch (op) {
      case "Is":
        this.op("IS_OP", loc, 0);
        return;
      case "IsNot":
        this.op("IS_OP", loc, 1);
        return;
      case "In":
        this.op("CONTAINS_OP", loc, 0);
        return;
      case "NotIn":
        this.op("CONTAINS_OP", loc, 1);
        return;
    }
    const [cmp, mask] = COMPARE[op];
    this.op("COMPARE_OP", loc, (cmp << 5) | mask);
  }

  private compare(e: A.Compare): void {
    const loc = locOf(e);
    this.expr(e.left);
    const n = e.ops.length - 1;
    if (n === 0) {
      this.expr(e.comparators[0]!);
      this.addCompare(loc, e.ops[0]!._type);
      return;
    }
    const cleanup = this.label();
    for (let i = 0; i < n; i++) {
      this.expr(e.comparators[i]!);
      this.op("SWAP", loc, 2);
      this.op("COPY", loc, 2);
      this.addCompare(loc, e.ops[i]!._type);
      this.op("COPY", loc, 1);
      this.op("TO_BOOL", loc);
      this.jump("POP_JUMP_IF_FALSE", cleanup, loc);
      this.op("POP_TOP", loc);
    }
    this.expr(e.comparators[n]!);
    this.addCompare(loc, e.ops[n]!._type);
    const end = this.label();
    this.jump("JUMP_NO_INTERRUPT", end, NO_LOCATION);
    this.use(cleanup);
    this.op("SWAP", loc, 2);
    this.op("POP_TOP", loc);
    this.use(end);
  }

  private jumpIf(loc: Location, e: A.expr, next: Block, cond: boolean): void {
    switch (e._type) {
      case "UnaryOp":
        if (e.op._type === "Not") {
          this.jumpIf(loc, e.operand, next, !cond);
          return;
        }
        break;
      case "BoolOp": {
        const s = e.values;
        const n = s.length - 1;
        const cond2 = e.op._type === "Or";
        let next2 = next;
        if (cond2 !== cond) next2 = this.label();
        for (let i = 0; i < n; i++) this.jumpIf(loc, s[i]!, next2, cond2);
        this.jumpIf(loc, s[n]!, next, cond);
        if (next2 !== next) this.use(next2);
        return;
      }
      case "IfExp": {
        const end = this.label();
        const next2 = this.label();
        this.jumpIf(loc, e.test, next2, false);
        this.jumpIf(loc, e.body, next, cond);
        this.jump("JUMP_NO_INTERRUPT", end, NO_LOCATION);
        this.use(next2);
        this.jumpIf(loc, e.orelse, next, cond);
        this.use(end);
        return;
      }
      case "Compare": {
        const n = e.ops.length - 1;
        if (n > 0) {
          const eloc = locOf(e);
          const cleanup = this.label();
          this.expr(e.left);
          for (let i = 0; i < n; i++) {
            this.expr(e.comparators[i]!);
            this.op("SWAP", eloc, 2);
            this.op("COPY", eloc, 2);
            this.addCompare(eloc, e.ops[i]!._type);
            this.op("TO_BOOL", eloc);
            this.jump("POP_JUMP_IF_FALSE", cleanup, eloc);
          }
          this.expr(e.comparators[n]!);
          this.addCompare(eloc, e.ops[n]!._type);
          this.op("TO_BOOL", eloc);
          this.jump(cond ? "POP_JUMP_IF_TRUE" : "POP_JUMP_IF_FALSE", next, eloc);
          const end = this.label();
          this.jump("JUMP_NO_INTERRUPT", end, NO_LOCATION);
          this.use(cleanup);
          this.op("POP_TOP", eloc);
          if (!cond) this.jump("JUMP_NO_INTERRUPT", next, NO_LOCATION);
          this.use(end);
          return;
        }
        break;
      }
    }
    this.expr(e);
    const eloc = locOf(e);
    this.op("TO_BOOL", eloc);
    this.jump(cond ? "POP_JUMP_IF_TRUE" : "POP_JUMP_IF_FALSE", next, eloc);
  }

  private dict(e: A.Dict): void {
    const loc = locOf(e);
    const n = e.values.length;
    let haveDict = false;
    let elements = 0;
    for (let i = 0; i < n; i++) {
      const isUnpacking = e.keys[i] === null;
      if (isUnpacking) {
        if (elements) {
          this.subdict(e, i - elements, i);
          if (haveDict) this.op("DICT_UPDATE", loc, 1);
          haveDict = true;
          elements = 0;
        }
        if (!haveDict) {
          this.op("BUILD_MAP", loc, 0);
          haveDict = true;
        }
        this.expr(e.values[i]!);
        this.op("DICT_UPDATE", loc, 1);
      } else if (elements * 2 > STACK_USE_GUIDELINE) {
        this.subdict(e, i - elements, i + 1);
        if (haveDict) this.op("DICT_UPDATE", loc, 1);
        haveDict = true;
        elements = 0;
      } else {
        elements++;
      }
    }
    if (elements) {
      this.subdict(e, n - elements, n);
      if (haveDict) this.op("DICT_UPDATE", loc, 1);
      haveDict = true;
    }
    if (!haveDict) this.op("BUILD_MAP", loc, 0);
  }

  private subdict(e: A.Dict, begin: number, end: number): void {
    const n = end - begin;
    const big = n * 2 > STACK_USE_GUIDELINE;
    const loc = locOf(e);
    if (big) this.op("BUILD_MAP", loc, 0);
    for (let i = begin; i < end; i++) {
      this.expr(e.keys[i]!);
      this.expr(e.values[i]!);
      if (big) this.op("MAP_ADD", loc, 1);
    }
    if (!big) this.op("BUILD_MAP", loc, n);
  }

  private starunpackHelper(
    loc: Location,
    elts: readonly A.expr[],
    injected: string | null,
    pushed: number,
    build: string,
    add: string,
    extend: string,
    isTuple: boolean,
  ): void {
    let n = elts.length;
    const big = n + pushed + (injected !== null ? 1 : 0) > STACK_USE_GUIDELINE;
    const seenStar = elts.some((x) => x._type === "Starred");
    if (!seenStar && !big) {
      for (const x of elts) this.expr(x);
      if (injected !== null) {
        this.nameop(loc, injected, "Load");
        n++;
      }
      this.op(isTuple ? "BUILD_TUPLE" : build, loc, n + pushed);
      return;
    }
    let built = false;
    if (big) {
      this.op(build, loc, pushed);
      built = true;
    }
    for (let i = 0; i < elts.length; i++) {
      const elt = elts[i]!;
      if (elt._type === "Starred") {
        if (!built) {
          this.op(build, loc, i + pushed);
          built = true;
        }
        this.expr(elt.value);
        this.op(extend, loc, 1);
      } else {
        this.expr(elt);
        if (built) this.op(add, loc, 1);
      }
    }
    if (injected !== null) {
      this.nameop(loc, injected, "Load");
      this.op(add, loc, 1);
    }
    if (isTuple) this.op("CALL_INTRINSIC_1", loc, INTRINSIC_LIST_TO_TUPLE);
  }

  private unpackHelper(loc: Location, elts: readonly A.expr[]): void {
    const n = elts.length;
    let seenStar = false;
    for (let i = 0; i < n; i++) {
      const elt = elts[i]!;
      if (elt._type === "Starred" && !seenStar) {
        if (i >= 1 << 8 || n - i - 1 >= 0x7fffffff >> 8) {
          throw this.error("too many expressions in star-unpacking assignment", loc);
        }
        this.op("UNPACK_EX", loc, i + ((n - i - 1) << 8));
        seenStar = true;
      } else if (elt._type === "Starred") {
        throw this.error("multiple starred expressions in assignment", loc);
      }
    }
    if (!seenStar) this.op("UNPACK_SEQUENCE", loc, n);
  }

  private assignmentHelper(loc: Location, elts: readonly A.expr[]): void {
    this.unpackHelper(loc, elts);
    for (const elt of elts) this.expr(elt._type === "Starred" ? elt.value : elt);
  }

  private subscript(e: A.Subscript): void {
    const loc = locOf(e);
    const ctx = e.ctx._type;
    this.expr(e.value);
    if (twoElementSlice(e.slice, this.options.constSlices === true) && ctx !== "Del") {
      this.sliceTwoParts(e.slice as A.Slice);
      this.op(ctx === "Load" ? "BINARY_SLICE" : "STORE_SLICE", loc);
    } else {
      this.expr(e.slice);
      if (ctx === "Load") this.op("BINARY_OP", loc, NB.SUBSCR);
      else this.op(ctx === "Store" ? "STORE_SUBSCR" : "DELETE_SUBSCR", loc);
    }
  }

  private sliceTwoParts(s: A.Slice): void {
    const loc = locOf(s);
    if (s.lower) this.expr(s.lower);
    else this.loadConst(null, loc);
    if (s.upper) this.expr(s.upper);
    else this.loadConst(null, loc);
  }

  private slice(s: A.Slice): void {
    if (this.options.constSlices === true && isConstantSlice(s)) {
      const v = (x: A.expr | null): ConstValue =>
        x === null ? null : constOf((x as A.Constant).value);
      this.loadConst(
        { kind: "slice", start: v(s.lower), stop: v(s.upper), step: v(s.step) },
        locOf(s),
      );
      return;
    }
    let n = 2;
    this.sliceTwoParts(s);
    if (s.step) {
      n++;
      this.expr(s.step);
    }
    this.op("BUILD_SLICE", locOf(s), n);
  }

  private joinedStr(e: A.JoinedStr): void {
    const loc = locOf(e);
    const n = e.values.length;
    if (n > STACK_USE_GUIDELINE) {
      this.loadConst("", loc);
      this.op("LOAD_ATTR", loc, (this.addName("join") << 1) | 1);
      this.op("BUILD_LIST", loc, 0);
      for (const v of e.values) {
        this.expr(v);
        this.op("LIST_APPEND", loc, 1);
      }
      this.op("CALL", loc, 1);
      return;
    }
    for (const v of e.values) this.expr(v);
    if (n > 1) this.op("BUILD_STRING", loc, n);
    else if (n === 0) this.loadConst("", loc);
  }

  private formattedValue(e: A.FormattedValue): void {
    this.expr(e.value);
    const loc = locOf(e);
    if (e.conversion !== -1) {
      const c = String.fromCharCode(e.conversion);
      this.op("CONVERT_VALUE", loc, c === "s" ? FVC_STR : c === "r" ? FVC_REPR : FVC_ASCII);
    }
    if (e.format_spec) {
      this.expr(e.format_spec);
      this.op("FORMAT_WITH_SPEC", loc);
    } else {
      this.op("FORMAT_SIMPLE", loc);
    }
  }

  // --- calls -----------------------------------------------------------------------------------------------

  private validateKeywords(keywords: readonly A.keyword[]): void {
    for (let i = 0; i < keywords.length; i++) {
      const k = keywords[i]!;
      if (k.arg === null) continue;
      for (let j = i + 1; j < keywords.length; j++) {
        const o = keywords[j]!;
        if (o.arg === k.arg) throw this.error(`keyword argument repeated: ${k.arg}`, locOf(o));
      }
    }
  }

  private call(e: A.Call): void {
    this.validateKeywords(e.keywords);
    if (this.maybeOptimizeMethodCall(e)) return;
    this.expr(e.func);
    this.op("PUSH_NULL", locOf(e.func));
    this.callHelper(locOf(e), 0, e.args, e.keywords);
  }

  /**
   * can_optimize_super_call: `super().name` or `super(C, obj).name` where `super` is the global
   * name and, for the zero-argument form, the function has a first argument and a __class__ cell.
   */
  private canOptimizeSuperCall(attr: A.Attribute): boolean {
    const e = attr.value;
    if (e._type !== "Call" || e.func._type !== "Name" || e.func.id !== "super") return false;
    if (attr.attr === "__class__" || e.keywords.length > 0) return false;
    if (this.u.ste.getScope("super") !== GLOBAL_IMPLICIT) return false;
    if (this.st.top.getScope("super") !== 0) return false;
    if (e.args.length === 2) return !e.args.some((a) => a._type === "Starred");
    if (e.args.length !== 0) return false;
    if (this.u.argcount === 0 && this.u.posonlyargcount === 0) return false;
    return this.u.ste.getScope("__class__") === FREE;
  }

  /** LOAD_SUPER_ATTR after global super, the class and self (the explicit pair or __class__ and
   * the first argument). */
  private loadSuperAttr(attr: A.Attribute, method: boolean): void {
    const call = attr.value as A.Call;
    const loc = locOf(call);
    this.nameop(locOf(call.func), "super", "Load");
    const twoArgs = call.args.length === 2;
    if (twoArgs) {
      this.expr(call.args[0]!);
      this.expr(call.args[1]!);
    } else {
      this.nameop(loc, "__class__", "Load");
      this.nameop(loc, [...this.u.varnames.keys()][0]!, "Load");
    }
    const arg = (this.addName(attr.attr) << 2) | (twoArgs ? 2 : 0) | (method ? 1 : 0);
    this.op("LOAD_SUPER_ATTR", locOf(attr), arg);
    this.op("NOP", this.attrLoc(locOf(attr), attr));
  }

  private isImportOriginated(e: A.expr): boolean {
    if (e._type !== "Name") return false;
    return (this.st.top.getSymbol(e.id) & DEF_IMPORT) !== 0;
  }

  private maybeOptimizeMethodCall(e: A.Call): boolean {
    const meth = e.func;
    if (meth._type !== "Attribute" || meth.ctx._type !== "Load") return false;
    if (this.isImportOriginated(meth.value)) return false;
    const argsl = e.args.length;
    const kwdsl = e.keywords.length;
    if (argsl + kwdsl + (kwdsl !== 0 ? 1 : 0) >= STACK_USE_GUIDELINE) return false;
    if (e.args.some((a) => a._type === "Starred")) return false;
    if (e.keywords.some((k) => k.arg === null)) return false;
    let loc = locOf(meth);
    if (this.canOptimizeSuperCall(meth)) {
      this.loadSuperAttr(meth, true);
      loc = this.attrLoc(loc, meth);
    } else {
      this.expr(meth.value);
      loc = this.attrLoc(loc, meth);
      this.op("LOAD_ATTR", loc, (this.addName(meth.attr) << 1) | 1);
    }
    for (const a of e.args) this.expr(a);
    if (kwdsl) {
      for (const k of e.keywords) this.expr(k.value);
      this.loadConst(tuple(e.keywords.map((k) => k.arg!)), loc);
      this.op("CALL_KW", this.attrLoc(locOf(e), meth), argsl + kwdsl);
    } else {
      this.op("CALL", this.attrLoc(locOf(e), meth), argsl);
    }
    return true;
  }

  private callHelper(
    loc: Location,
    n: number,
    args: readonly A.expr[],
    keywords: readonly A.keyword[],
    injected: string | null = null,
  ): void {
    this.validateKeywords(keywords);
    const nelts = args.length + (injected !== null ? 1 : 0);
    const nkwelts = keywords.length;
    const exCall =
      nelts + nkwelts * 2 > STACK_USE_GUIDELINE ||
      args.some((a) => a._type === "Starred") ||
      keywords.some((k) => k.arg === null);
    if (!exCall) {
      for (const a of args) this.expr(a);
      if (injected !== null) this.nameop(loc, injected, "Load");
      if (nkwelts) {
        for (const k of keywords) this.expr(k.value);
        this.loadConst(tuple(keywords.map((k) => k.arg!)), loc);
        this.op("CALL_KW", loc, n + nelts + nkwelts);
      } else {
        this.op("CALL", loc, n + nelts);
      }
      return;
    }
    const a0 = args[0];
    if (n === 0 && nelts === 1 && a0 !== undefined && a0._type === "Starred") {
      this.expr(a0.value);
    } else {
      this.starunpackHelper(
        loc,
        args,
        injected,
        n,
        "BUILD_LIST",
        "LIST_APPEND",
        "LIST_EXTEND",
        true,
      );
    }
    if (nkwelts) {
      let haveDict = false;
      let nseen = 0;
      for (let i = 0; i < nkwelts; i++) {
        const kw = keywords[i]!;
        if (kw.arg === null) {
          if (nseen) {
            this.subkwargs(loc, keywords, i - nseen, i);
            if (haveDict) this.op("DICT_MERGE", loc, 1);
            haveDict = true;
            nseen = 0;
          }
          if (!haveDict) {
            this.op("BUILD_MAP", loc, 0);
            haveDict = true;
          }
          this.expr(kw.value);
          this.op("DICT_MERGE", loc, 1);
        } else {
          nseen++;
        }
      }
      if (nseen) {
        this.subkwargs(loc, keywords, nkwelts - nseen, nkwelts);
        if (haveDict) this.op("DICT_MERGE", loc, 1);
      }
    } else {
      this.op("PUSH_NULL", loc);
    }
    this.op("CALL_FUNCTION_EX", loc);
  }

  private subkwargs(
    loc: Location,
    keywords: readonly A.keyword[],
    begin: number,
    end: number,
  ): void {
    const n = end - begin;
    const big = n * 2 > STACK_USE_GUIDELINE;
    if (big) this.op("BUILD_MAP", NO_LOCATION, 0);
    for (let i = begin; i < end; i++) {
      const kw = keywords[i]!;
      this.loadConst(kw.arg!, loc);
      this.expr(kw.value);
      if (big) this.op("MAP_ADD", NO_LOCATION, 1);
    }
    if (!big) this.op("BUILD_MAP", loc, n);
  }

  // --- comprehensions ------------------------------------------------------------------------------------------

  private comprehension(
    e: A.expr,
    type: "genexpr" | "list" | "set" | "dict",
    name: string,
    generators: readonly A.comprehension[],
    elt: A.expr,
    val: A.expr | null,
  ): void {
    const entry = this.st.blocks.get(e);
    if (entry === undefined) throw new Error("comprehension without symbol table entry");
    const isInlined = entry.compInlined;
    const isAsync = entry.coroutine;
    const loc = locOf(e);
    const outermost = generators[0]!;
    let state: InlinedComprehensionState | null = null;
    if (isInlined) {
      this.expr(outermost.iter);
      state = this.pushInlinedComprehensionState(loc, entry);
    } else {
      this.enterScope(name, "comprehension", e, e.lineno, this.u.privateName, {
        argcount: 1,
        posonly: 0,
        kwonly: 0,
      });
    }
    if (type !== "genexpr") {
      this.op(type === "list" ? "BUILD_LIST" : type === "set" ? "BUILD_SET" : "BUILD_MAP", loc, 0);
      if (isInlined) this.op("SWAP", loc, 2);
    }
    this.comprehensionGenerator(loc, generators, 0, 0, elt, val, type, isInlined);
    if (isInlined) {
      this.popInlinedComprehensionState(loc, state!);
      return;
    }
    if (type !== "genexpr") this.op("RETURN_VALUE", loc);
    else this.wrapInStopIterationHandler();
    const { co, child } = this.assembleChild(true);
    this.makeClosure(loc, co, child, 0);
    this.expr(outermost.iter);
    if (ITER_SLOTS === 1) this.op(outermost.is_async ? "GET_AITER" : "GET_ITER", loc);
    this.op("CALL", loc, 0);
    if (isAsync && type !== "genexpr") {
      this.op("GET_AWAITABLE", loc, 0);
      this.loadConst(null, loc);
      this.addYieldFrom(loc, true);
    }
  }

  private comprehensionGenerator(
    loc: Location,
    gens: readonly A.comprehension[],
    index: number,
    depth: number,
    elt: A.expr,
    val: A.expr | null,
    type: "genexpr" | "list" | "set" | "dict",
    iterOnStack: boolean,
  ): void {
    const gen = gens[index]!;
    if (gen.is_async) {
      this.asyncComprehensionGenerator(loc, gens, index, depth, elt, val, type, iterOnStack);
      return;
    }
    let start: Block | null = this.label();
    const ifCleanup = this.label();
    const anchor = this.label();
    if (!iterOnStack) {
      if (index === 0) {
        this.op("LOAD_FAST", loc, 0);
      } else {
        const it = gen.iter;
        const elts = it._type === "List" || it._type === "Tuple" ? it.elts : null;
        if (elts !== null && elts.length === 1 && elts[0]!._type !== "Starred") {
          this.expr(elts[0]!);
          start = null;
        }
        if (start !== null) this.expr(gen.iter);
      }
    }
    if (start !== null) {
      depth += ITER_SLOTS;
      if (!(iterOnStack === false && index === 0 && ITER_SLOTS === 1))
        this.op("GET_ITER", locOf(gen.iter));
      this.use(start);
      this.jump("FOR_ITER", anchor, locOf(gen.iter));
    }
    this.expr(gen.target);
    for (const cond of gen.ifs) this.jumpIf(loc, cond, ifCleanup, false);
    if (index + 1 < gens.length) {
      this.comprehensionGenerator(loc, gens, index + 1, depth, elt, val, type, false);
    }
    let eltLoc = locOf(elt);
    if (index + 1 >= gens.length) {
      switch (type) {
        case "genexpr":
          this.expr(elt);
          this.addYield(eltLoc);
          this.op("POP_TOP", eltLoc);
          break;
        case "list":
          this.expr(elt);
          this.op("LIST_APPEND", eltLoc, depth + 1);
          break;
        case "set":
          this.expr(elt);
          this.op("SET_ADD", eltLoc, depth + 1);
          break;
        case "dict":
          this.expr(elt);
          this.expr(val!);
          eltLoc = {
            lineno: elt.lineno,
            endLineno: val!.end_lineno ?? val!.lineno,
            col: elt.col_offset,
            endCol: val!.end_col_offset ?? 0,
          };
          this.op("MAP_ADD", eltLoc, depth + 1);
          break;
      }
    }
    this.use(ifCleanup);
    if (start !== null) {
      this.jump("JUMP", start, eltLoc);
      this.use(anchor);
      this.op("END_FOR", NO_LOCATION);
      this.op("POP_ITER", NO_LOCATION);
    }
  }

  private asyncComprehensionGenerator(
    loc: Location,
    gens: readonly A.comprehension[],
    index: number,
    depth: number,
    elt: A.expr,
    val: A.expr | null,
    type: "genexpr" | "list" | "set" | "dict",
    iterOnStack: boolean,
  ): void {
    const gen = gens[index]!;
    const start = this.label();
    const send = this.label();
    const except = this.label();
    const ifCleanup = this.label();
    if (!iterOnStack) {
      if (index === 0) this.op("LOAD_FAST", loc, 0);
      else this.expr(gen.iter);
    }
    if (!(iterOnStack === false && index === 0 && ITER_SLOTS === 1))
      this.op("GET_AITER", locOf(gen.iter));
    this.use(start);
    this.pushFBlock(loc, "ASYNC_COMPREHENSION_GENERATOR", start, null);
    this.jump("SETUP_FINALLY", except, loc);
    this.op("GET_ANEXT", loc);
    this.loadConst(null, loc);
    this.use(send);
    this.addYieldFrom(loc, true);
    this.op("POP_BLOCK", loc);
    this.expr(gen.target);
    for (const cond of gen.ifs) this.jumpIf(loc, cond, ifCleanup, false);
    depth++;
    if (index + 1 < gens.length) {
      this.comprehensionGenerator(loc, gens, index + 1, depth, elt, val, type, false);
    }
    let eltLoc = locOf(elt);
    if (index + 1 >= gens.length) {
      switch (type) {
        case "genexpr":
          this.expr(elt);
          this.addYield(eltLoc);
          this.op("POP_TOP", eltLoc);
          break;
        case "list":
          this.expr(elt);
          this.op("LIST_APPEND", eltLoc, depth + 1);
          break;
        case "set":
          this.expr(elt);
          this.op("SET_ADD", eltLoc, depth + 1);
          break;
        case "dict":
          this.expr(elt);
          this.expr(val!);
          eltLoc = {
            lineno: elt.lineno,
            endLineno: val!.end_lineno ?? val!.lineno,
            col: elt.col_offset,
            endCol: val!.end_col_offset ?? 0,
          };
          this.op("MAP_ADD", eltLoc, depth + 1);
          break;
      }
    }
    this.use(ifCleanup);
    this.jump("JUMP", start, eltLoc);
    this.popFBlock();
    this.use(except);
    this.jump("END_ASYNC_FOR", send, loc);
  }

  private pushInlinedComprehensionState(
    loc: Location,
    comp: SymbolTableEntry,
  ): InlinedComprehensionState {
    const u = this.u;
    const state: InlinedComprehensionState = {
      pushedLocals: null,
      tempSymbols: null,
      fastHidden: null,
      cleanup: null,
    };
    const inClassBlock = u.ste.type === "class" && u.inInlinedComp === 0;
    const outer = u.ste;
    // _PyCompile_TweakInlinedComprehensionScopes
    for (const [k, symbol] of comp.symbols) {
      const scope = (symbol >> SCOPE_OFFSET) & SCOPE_MASK;
      const outv = outer.symbols.get(k) ?? 0;
      const outsc = (outv >> SCOPE_OFFSET) & SCOPE_MASK;
      if (
        (scope !== outsc && scope !== FREE && !(scope === CELL && outsc === FREE)) ||
        inClassBlock
      ) {
        state.tempSymbols ??= new Map();
        outer.symbols.set(k, symbol);
        state.tempSymbols.set(k, outv);
      }
      if ((symbol & DEF_LOCAL && !(symbol & DEF_NONLOCAL)) || inClassBlock) {
        if (!outer.isFunctionLike()) {
          if (u.fastHidden.get(k) !== true) {
            u.fastHidden.set(k, true);
            u.everHidden.add(k);
            state.fastHidden ??= new Set();
            state.fastHidden.add(k);
          }
        }
      }
    }
    u.inInlinedComp++;
    // codegen_push_inlined_comprehension_locals
    for (const [k, symbol] of comp.symbols) {
      const scope = (symbol >> SCOPE_OFFSET) & SCOPE_MASK;
      const outsymbol = outer.symbols.get(k) ?? 0;
      const outsc = (outsymbol >> SCOPE_OFFSET) & SCOPE_MASK;
      if ((symbol & DEF_LOCAL && !(symbol & DEF_NONLOCAL)) || inClassBlock) {
        state.pushedLocals ??= [];
        this.op("LOAD_FAST_AND_CLEAR", loc, dictAdd(u.varnames, k));
        if (scope === CELL) {
          const idx = outsc === FREE ? dictAdd(u.freevars, k) : dictAdd(u.cellvars, k);
          this.op("MAKE_CELL", loc, idx);
        }
        state.pushedLocals.push(k);
      }
    }
    if (state.pushedLocals !== null) {
      this.op("SWAP", loc, state.pushedLocals.length + 1);
      const cleanup = this.label();
      state.cleanup = cleanup;
      this.jump("SETUP_FINALLY", cleanup, loc);
    }
    return state;
  }

  private restoreInlinedComprehensionLocals(loc: Location, state: InlinedComprehensionState): void {
    const pushed = state.pushedLocals!;
    this.op("SWAP", loc, pushed.length + 1);
    for (let i = pushed.length - 1; i >= 0; i--) {
      this.op("STORE_FAST_MAYBE_NULL", loc, dictAdd(this.u.varnames, pushed[i]!));
    }
  }

  private popInlinedComprehensionState(loc: Location, state: InlinedComprehensionState): void {
    const u = this.u;
    if (state.pushedLocals !== null) {
      this.op("POP_BLOCK", NO_LOCATION);
      const end = this.label();
      this.jump("JUMP_NO_INTERRUPT", end, NO_LOCATION);
      this.use(state.cleanup!);
      this.op("SWAP", NO_LOCATION, 2);
      this.op("POP_TOP", NO_LOCATION);
      this.restoreInlinedComprehensionLocals(loc, state);
      this.op("RERAISE", NO_LOCATION, 0);
      this.use(end);
      this.restoreInlinedComprehensionLocals(loc, state);
    }
    u.inInlinedComp--;
    if (state.tempSymbols !== null) {
      for (const [k, v] of state.tempSymbols) u.ste.symbols.set(k, v);
    }
    if (state.fastHidden !== null) {
      for (const k of state.fastHidden) u.fastHidden.set(k, false);
    }
  }

  // --- pattern matching -------------------------------------------------------------------------------------

  private match(s: A.Match): void {
    this.expr(s.subject);
    const end = this.label();
    const cases = s.cases.length;
    const lastPat = s.cases[cases - 1]!.pattern;
    const hasDefault =
      lastPat._type === "MatchAs" && lastPat.pattern === null && lastPat.name === null && cases > 1
        ? 1
        : 0;
    for (let i = 0; i < cases - hasDefault; i++) {
      const m = s.cases[i]!;
      const ploc = locOf(m.pattern);
      if (i !== cases - hasDefault - 1) this.op("COPY", ploc, 1);
      const pc: PatternContext = {
        stores: [],
        allowIrrefutable: m.guard !== null || i === cases - 1,
        failPop: [],
        onTop: 0,
      };
      this.pattern(m.pattern, pc);
      for (const name of pc.stores) this.nameop(ploc, name, "Store");
      if (m.guard) {
        this.ensureFailPop(pc, 0);
        this.jumpIf(ploc, m.guard, pc.failPop[0]!, false);
      }
      if (i !== cases - hasDefault - 1) this.op("POP_TOP", NO_LOCATION);
      this.stmts(m.body);
      this.jump("JUMP", end, NO_LOCATION);
      this.emitAndResetFailPop(ploc, pc);
    }
    if (hasDefault) {
      const m = s.cases[cases - 1]!;
      const ploc = locOf(m.pattern);
      if (cases === 1) this.op("POP_TOP", ploc);
      else this.op("NOP", ploc);
      if (m.guard) this.jumpIf(ploc, m.guard, end, false);
      this.stmts(m.body);
    }
    this.use(end);
  }

  private ensureFailPop(pc: PatternContext, n: number): void {
    while (pc.failPop.length < n + 1) pc.failPop.push(this.label());
  }

  private jumpToFailPop(loc: Location, pc: PatternContext, op: string): void {
    const pops = pc.onTop + pc.stores.length;
    this.ensureFailPop(pc, pops);
    this.jump(op, pc.failPop[pops]!, loc);
  }

  private emitAndResetFailPop(loc: Location, pc: PatternContext): void {
    if (pc.failPop.length === 0) return;
    for (let i = pc.failPop.length - 1; i > 0; i--) {
      this.use(pc.failPop[i]!);
      this.op("POP_TOP", loc);
    }
    this.use(pc.failPop[0]!);
    pc.failPop = [];
  }

  private patternStoreName(loc: Location, n: string | null, pc: PatternContext): void {
    if (n === null) {
      this.op("POP_TOP", loc);
      return;
    }
    if (pc.stores.includes(n))
      throw this.error(`multiple assignments to name '${n}' in pattern`, loc);
    const rotations = pc.onTop + pc.stores.length + 1;
    for (let count = rotations; count > 1; count--) this.op("SWAP", loc, count);
    pc.stores.push(n);
  }

  private subpattern(p: A.pattern, pc: PatternContext): void {
    const saved = pc.allowIrrefutable;
    pc.allowIrrefutable = true;
    this.pattern(p, pc);
    pc.allowIrrefutable = saved;
  }

  private pattern(p: A.pattern, pc: PatternContext): void {
    const loc = locOf(p);
    switch (p._type) {
      case "MatchValue":
        this.expr(p.value);
        this.op("COMPARE_OP", loc, (2 << 5) | 8);
        this.op("TO_BOOL", loc);
        this.jumpToFailPop(loc, pc, "POP_JUMP_IF_FALSE");
        return;
      case "MatchSingleton":
        this.loadConst(constOf(p.value), loc);
        this.op("IS_OP", loc, 0);
        this.jumpToFailPop(loc, pc, "POP_JUMP_IF_FALSE");
        return;
      case "MatchAs":
        if (p.pattern === null) {
          if (!pc.allowIrrefutable) {
            if (p.name !== null)
              throw this.error(
                `name capture '${p.name}' makes remaining patterns unreachable`,
                loc,
              );
            throw this.error("wildcard makes remaining patterns unreachable", loc);
          }
          this.patternStoreName(loc, p.name, pc);
          return;
        }
        pc.onTop++;
        this.op("COPY", loc, 1);
        this.pattern(p.pattern, pc);
        pc.onTop--;
        this.patternStoreName(loc, p.name, pc);
        return;
      case "MatchStar":
        this.patternStoreName(loc, p.name, pc);
        return;
      case "MatchOr":
        this.patternOr(p, pc);
        return;
      case "MatchSequence":
        this.patternSequence(p, pc);
        return;
      case "MatchMapping":
        this.patternMapping(p, pc);
        return;
      case "MatchClass":
        this.patternClass(p, pc);
        return;
    }
  }

  private rotate(loc: Location, count: number): void {
    for (; count > 1; count--) this.op("SWAP", loc, count);
  }

  /** `len(subject) <op> n` on the subject kept on top, failing the pattern when false. */
  private patternLengthCheck(loc: Location, n: number, op: "Eq" | "GtE", pc: PatternContext): void {
    this.op("GET_LEN", loc);
    this.loadConst(BigInt(n), loc);
    this.addCompare(loc, op);
    this.jumpToFailPop(loc, pc, "POP_JUMP_IF_FALSE");
  }

  private patternSequence(p: A.MatchSequence, pc: PatternContext): void {
    const loc = locOf(p);
    const patterns = p.patterns;
    const size = patterns.length;
    let star = -1;
    let onlyWildcard = true;
    let starWildcard = false;
    for (let i = 0; i < size; i++) {
      const sub = patterns[i]!;
      if (sub._type === "MatchStar") {
        if (star >= 0) throw this.error("multiple starred names in sequence pattern", loc);
        starWildcard = sub.name === null;
        onlyWildcard &&= starWildcard;
        star = i;
        continue;
      }
      onlyWildcard &&= isWildcard(sub);
    }
    // The subject stays on top during the sequence and length checks.
    pc.onTop++;
    this.op("MATCH_SEQUENCE", loc);
    this.jumpToFailPop(loc, pc, "POP_JUMP_IF_FALSE");
    if (star < 0) this.patternLengthCheck(loc, size, "Eq", pc);
    else if (starWildcard) this.patternLengthCheck(loc, size - 1, "GtE", pc);
    pc.onTop--;
    if (onlyWildcard) this.op("POP_TOP", loc);
    else if (starWildcard) this.patternSequenceSubscr(loc, patterns, star, pc);
    else this.patternSequenceUnpack(loc, patterns, pc);
  }

  private patternSequenceUnpack(loc: Location, patterns: A.pattern[], pc: PatternContext): void {
    const n = patterns.length;
    const star = patterns.findIndex((x) => x._type === "MatchStar");
    if (star < 0) this.op("UNPACK_SEQUENCE", loc, n);
    else {
      if (star >= 1 << 8 || n - star - 1 >= 0x7fffffff >> 8)
        throw this.error("too many expressions in star-unpacking sequence pattern", loc);
      this.op("UNPACK_EX", loc, star + ((n - star - 1) << 8));
    }
    // The unpacked items are new subjects that stay below each sub-pattern as it runs.
    pc.onTop += n;
    for (const sub of patterns) {
      pc.onTop--;
      this.subpattern(sub, pc);
    }
  }

  /** `[a, *_, b]`: index the subject (counting from its length after the star) instead of unpacking. */
  private patternSequenceSubscr(
    loc: Location,
    patterns: A.pattern[],
    star: number,
    pc: PatternContext,
  ): void {
    const size = patterns.length;
    pc.onTop++;
    for (let i = 0; i < size; i++) {
      const sub = patterns[i]!;
      if (i === star || isWildcard(sub)) continue;
      this.op("COPY", loc, 1);
      if (i < star) this.loadConst(BigInt(i), loc);
      else {
        // The subject may not support negative indexes.
        this.op("GET_LEN", loc);
        this.loadConst(BigInt(size - i), loc);
        this.op("BINARY_OP", loc, NB.SUBTRACT);
      }
      this.op("BINARY_OP", loc, NB.SUBSCR);
      this.subpattern(sub, pc);
    }
    pc.onTop--;
    this.op("POP_TOP", loc);
  }

  private patternMapping(p: A.MatchMapping, pc: PatternContext): void {
    const loc = locOf(p);
    const keys = p.keys;
    const size = keys.length;
    if (size !== p.patterns.length)
      throw this.error(
        `keys (${size}) / patterns (${p.patterns.length}) length mismatch in mapping pattern`,
        loc,
      );
    pc.onTop++;
    this.op("MATCH_MAPPING", loc);
    this.jumpToFailPop(loc, pc, "POP_JUMP_IF_FALSE");
    if (size === 0 && p.rest === null) {
      // `{}` matches any mapping.
      pc.onTop--;
      this.op("POP_TOP", loc);
      return;
    }
    if (size > 0) this.patternLengthCheck(loc, size, "GtE", pc);
    const seen = new Set<string>();
    for (const key of keys) {
      // CPython's AST optimizer has folded `-1` and `1+2j` into constants by now.
      const value = foldedConstant(key);
      if (value !== undefined) {
        const k = equalityKey(value as ConstantValue);
        if (seen.has(k))
          throw this.error(
            `mapping pattern checks duplicate key (${pyRepr(value as ConstantValue)})`,
            loc,
          );
        seen.add(k);
      } else if (key._type !== "Attribute") {
        throw this.error("mapping pattern keys may only match literals and attribute lookups", loc);
      }
      this.expr(key);
    }
    this.op("BUILD_TUPLE", loc, size);
    this.op("MATCH_KEYS", loc);
    // A tuple of keys and a tuple of values (or None) are now on top of the subject.
    pc.onTop += 2;
    this.op("COPY", loc, 1);
    this.loadConst(null, loc);
    this.op("IS_OP", loc, 1);
    this.jumpToFailPop(loc, pc, "POP_JUMP_IF_FALSE");
    this.op("UNPACK_SEQUENCE", loc, size);
    pc.onTop += size - 1;
    for (const sub of p.patterns) {
      pc.onTop--;
      this.subpattern(sub, pc);
    }
    // A match: what follows consumes the keys tuple and the subject.
    pc.onTop -= 2;
    if (p.rest !== null) {
      // rest = dict(subject); del rest[key] for each key
      this.op("BUILD_MAP", loc, 0);
      this.op("SWAP", loc, 3);
      this.op("DICT_UPDATE", loc, 2);
      this.op("UNPACK_SEQUENCE", loc, size);
      for (let n = size; n > 0; n--) {
        this.op("COPY", loc, 1 + n);
        this.op("SWAP", loc, 2);
        this.op("DELETE_SUBSCR", loc);
      }
      this.patternStoreName(loc, p.rest, pc);
    } else {
      this.op("POP_TOP", loc);
      this.op("POP_TOP", loc);
    }
  }

  private patternClass(p: A.MatchClass, pc: PatternContext): void {
    const loc = locOf(p);
    const nargs = p.patterns.length;
    const nattrs = p.kwd_attrs.length;
    if (nattrs !== p.kwd_patterns.length)
      throw this.error(
        `kwd_attrs (${nattrs}) / kwd_patterns (${p.kwd_patterns.length}) length mismatch in class pattern`,
        loc,
      );
    for (let i = 0; i < nattrs; i++) {
      const attr = p.kwd_attrs[i]!;
      if (attr === "__debug__")
        throw this.error("cannot assign to __debug__", locOf(p.kwd_patterns[i]!));
      for (let j = i + 1; j < nattrs; j++)
        if (p.kwd_attrs[j] === attr)
          throw this.error(
            `attribute name repeated in class pattern: ${attr}`,
            locOf(p.kwd_patterns[j]!),
          );
    }
    this.expr(p.cls);
    this.loadConst(tuple(p.kwd_attrs), loc);
    this.op("MATCH_CLASS", loc, nargs);
    this.op("COPY", loc, 1);
    this.loadConst(null, loc);
    this.op("IS_OP", loc, 1);
    // On top: a tuple of the nargs + nattrs attributes, or None.
    pc.onTop++;
    this.jumpToFailPop(loc, pc, "POP_JUMP_IF_FALSE");
    this.op("UNPACK_SEQUENCE", loc, nargs + nattrs);
    pc.onTop += nargs + nattrs - 1;
    for (let i = 0; i < nargs + nattrs; i++) {
      pc.onTop--;
      const sub = i < nargs ? p.patterns[i]! : p.kwd_patterns[i - nargs]!;
      if (isWildcard(sub)) this.op("POP_TOP", loc);
      else this.subpattern(sub, pc);
    }
  }

  private patternOr(p: A.MatchOr, pc: PatternContext): void {
    const loc = locOf(p);
    const end = this.label();
    const old = { ...pc };
    // The names the first alternative binds; the others must bind the same ones, and their
    // values are rotated on the stack into the first alternative's order.
    let control: string[] | null = null;
    const size = p.patterns.length;
    for (let i = 0; i < size; i++) {
      const alt = p.patterns[i]!;
      const aloc = locOf(alt);
      pc.stores = [];
      pc.allowIrrefutable = i === size - 1 && old.allowIrrefutable;
      pc.failPop = [];
      pc.onTop = 0;
      this.op("COPY", aloc, 1);
      this.pattern(alt, pc);
      const nstores = pc.stores.length;
      if (control === null) control = pc.stores;
      else if (nstores !== control.length)
        throw this.error("alternative patterns bind different names", loc);
      else if (nstores > 0) {
        for (let icontrol = nstores - 1; icontrol >= 0; icontrol--) {
          const istores = pc.stores.indexOf(control[icontrol]!);
          if (istores < 0) throw this.error("alternative patterns bind different names", loc);
          if (icontrol !== istores) {
            const rotations = istores + 1;
            const rotated = pc.stores.splice(0, rotations);
            pc.stores.splice(icontrol - istores, 0, ...rotated);
            for (let r = 0; r < rotations; r++) this.rotate(aloc, icontrol + 1);
          }
        }
      }
      this.jump("JUMP", end, aloc);
      this.emitAndResetFailPop(aloc, pc);
    }
    pc.stores = old.stores;
    pc.allowIrrefutable = old.allowIrrefutable;
    pc.failPop = old.failPop;
    pc.onTop = old.onTop;
    // No alternative matched: pop the remaining copy of the subject and fail.
    this.op("POP_TOP", loc);
    this.jumpToFailPop(loc, pc, "JUMP");
    this.use(end);
    const names = control ?? [];
    // Between the new captures and their place: the other captures, the subject's copy, what
    // else is on top, and the captures stashed before.
    const nrots = names.length + 1 + pc.onTop + pc.stores.length;
    for (const name of names) {
      this.rotate(loc, nrots);
      if (pc.stores.includes(name))
        throw this.error(`multiple assignments to name '${name}' in pattern`, loc);
      pc.stores.push(name);
    }
    this.op("POP_TOP", loc);
  }
}

const STACK_USE_GUIDELINE = 30;

const COMPARE: Record<"Lt" | "LtE" | "Eq" | "NotEq" | "Gt" | "GtE", [number, number]> = {
  Lt: [0, 2],
  LtE: [1, 2 | 8],
  Eq: [2, 8],
  NotEq: [3, 1 | 2 | 4],
  Gt: [4, 4],
  GtE: [5, 4 | 8],
};

const BINOP: Record<A.operator["_type"], number> = {
  Add: 0,
  BitAnd: 1,
  FloorDiv: 2,
  LShift: 3,
  MatMult: 4,
  Mult: 5,
  Mod: 6,
  BitOr: 7,
  Pow: 8,
  RShift: 9,
  Sub: 10,
  Div: 11,
  BitXor: 12,
};

function binopArg(op: A.operator["_type"], inplace: boolean): number {
  return BINOP[op] + (inplace ? 13 : 0);
}

function isConstantSlice(s: A.expr): boolean {
  return (
    s._type === "Slice" &&
    (s.lower === null || s.lower._type === "Constant") &&
    (s.upper === null || s.upper._type === "Constant") &&
    (s.step === null || s.step._type === "Constant")
  );
}

/** find_ann of 3.13: whether a body has an annotated assignment outside nested scopes. */
function findAnnotation(stmts: readonly A.stmt[]): boolean {
  for (const st of stmts) {
    switch (st._type) {
      case "AnnAssign":
        return true;
      case "For":
      case "AsyncFor":
      case "While":
      case "If":
        if (findAnnotation(st.body) || findAnnotation(st.orelse)) return true;
        break;
      case "With":
      case "AsyncWith":
        if (findAnnotation(st.body)) return true;
        break;
      case "Try":
      case "TryStar":
        if (st.handlers.some((h) => findAnnotation(h.body))) return true;
        if (findAnnotation(st.body) || findAnnotation(st.orelse) || findAnnotation(st.finalbody)) {
          return true;
        }
        break;
      case "Match":
        if (st.cases.some((c) => findAnnotation(c.body))) return true;
        break;
    }
  }
  return false;
}

function twoElementSlice(s: A.expr, constSlices: boolean): boolean {
  return !(constSlices && isConstantSlice(s)) && s._type === "Slice" && s.step === null;
}

function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** CPython's _PyCompile_CleanDoc (inspect.cleandoc without trailing/leading blank line removal). */
export function cleanDoc(doc: string): string {
  const expanded = doc.includes("\t") ? expandTabs(doc) : doc;
  const lines = expanded.split("\n");
  let margin = Number.MAX_SAFE_INTEGER;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    const stripped = line.replace(/^ +/, "");
    if (stripped.length === 0) continue;
    margin = Math.min(margin, line.length - stripped.length);
  }
  const out: string[] = [lines[0]!.replace(/^ +/, "")];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    out.push(
      margin === Number.MAX_SAFE_INTEGER
        ? line.replace(/^ +/, "")
        : line.slice(Math.min(margin, leadingSpaces(line))),
    );
  }
  return out.join("\n");
}

function leadingSpaces(s: string): number {
  let i = 0;
  while (i < s.length && s[i] === " ") i++;
  return i;
}

function expandTabs(s: string): string {
  let out = "";
  let col = 0;
  for (const ch of s) {
    if (ch === "\t") {
      const n = 8 - (col % 8);
      out += " ".repeat(n);
      col += n;
    } else if (ch === "\n") {
      out += ch;
      col = 0;
    } else {
      out += ch;
      col++;
    }
  }
  return out;
}

export type { ConstantValue };

/** `_` (a capture pattern without a name). */
function isWildcard(p: A.pattern): boolean {
  return p._type === "MatchAs" && p.pattern === null && p.name === null;
}

/** A string equal for two constants exactly when they are equal as set members (1 == 1.0 == True). */
function equalityKey(v: ConstantValue): string {
  if (v === null) return "None";
  switch (typeof v) {
    case "boolean":
      return `n${v ? 1 : 0}`;
    case "bigint":
      return `n${v}`;
    case "number":
      return Number.isInteger(v) ? `n${BigInt(v)}` : `f${v}`;
    case "string":
      return `s${v}`;
  }
  if (v instanceof Uint8Array) return `b${Array.from(v).join(",")}`;
  if (v.kind === "complex") return v.imag === 0 ? equalityKey(v.real) : `c${v.real},${v.imag}`;
  return v.kind;
}

/** The value of a literal (with signs and complex sums folded, as CPython's AST optimizer does). */
function foldedConstant(e: A.expr): ConstValue | undefined {
  if (e._type === "Constant") return constOf(e.value);
  if (e._type === "UnaryOp" && e.op._type === "USub") {
    const v = foldedConstant(e.operand);
    return v === undefined ? undefined : foldUnary("neg", v);
  }
  if (e._type === "BinOp" && (e.op._type === "Add" || e.op._type === "Sub")) {
    const l = foldedConstant(e.left);
    const r = foldedConstant(e.right);
    if (l === undefined || r === undefined) return undefined;
    return foldBinop(l, e.op._type === "Add" ? NB.ADD : NB.SUBTRACT, r);
  }
  return undefined;
}
