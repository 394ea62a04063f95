// Symbol tables (CPython's Python/symtable.c): a first pass records what each scope does with each
// name; a second pass (analyzeBlock) decides whether it is local, global, free or a cell, and
// inlines list/set/dict comprehensions into their parent scope as PEP 709 does.
import type * as A from "../generated/ast-nodes.gen.js";
import { SkeinSyntaxError } from "./errors.js";
import { futureFeatures } from "./future.js";

// Flags of a name in one scope (symtable.h).
export const DEF_GLOBAL = 1;
export const DEF_LOCAL = 2;
export const DEF_PARAM = 4;
export const DEF_NONLOCAL = 8;
export const USE = 16;
export const DEF_FREE_CLASS = 64;
export const DEF_IMPORT = 128;
export const DEF_ANNOT = 256;
export const DEF_COMP_ITER = 512;
export const DEF_TYPE_PARAM = 1024;
export const DEF_COMP_CELL = 2048;
export const DEF_BOUND = DEF_LOCAL | DEF_PARAM | DEF_IMPORT;

export const SCOPE_OFFSET = 12;
export const SCOPE_MASK = 7;
export const LOCAL = 1;
export const GLOBAL_EXPLICIT = 2;
export const GLOBAL_IMPLICIT = 3;
export const FREE = 4;
export const CELL = 5;

export type BlockType =
  | "module"
  | "class"
  | "function"
  | "annotation"
  | "type_alias"
  | "type_params"
  | "type_var";
export type ComprehensionKind = "" | "list" | "set" | "dict" | "genexpr";

export interface Loc {
  readonly lineno: number;
  readonly col_offset: number;
  readonly end_lineno: number | null;
  readonly end_col_offset: number | null;
}

export class SymbolTableEntry {
  readonly symbols = new Map<string, number>();
  /** Parameter names, in order. */
  readonly varnames: string[] = [];
  readonly children: SymbolTableEntry[] = [];
  /** global/nonlocal statements: name and statement location (for error positions). */
  directives: { name: string; loc: Loc }[] | null = null;
  nested = false;
  generator = false;
  coroutine = false;
  comprehension: ComprehensionKind = "";
  varargs = false;
  varkeywords = false;
  returnsValue = false;
  needsClassClosure = false;
  needsClassdict = false;
  compInlined = false;
  compIterTarget = false;
  compIterExpr = 0;
  canSeeClassScope = false;
  /** What a type_var scope evaluates, for error messages ("a TypeVar bound"). */
  scopeInfo = "";
  hasDocstring = false;
  method = false;
  /** The class name used for private-name mangling inside this scope. */
  privateName: string | null = null;

  constructor(
    readonly name: string,
    readonly type: BlockType,
    readonly node: object,
    readonly loc: Loc,
  ) {}

  isFunctionLike(): boolean {
    return this.type !== "module" && this.type !== "class";
  }

  getSymbol(name: string): number {
    return this.symbols.get(name) ?? 0;
  }

  getScope(name: string): number {
    return (this.getSymbol(name) >> SCOPE_OFFSET) & SCOPE_MASK;
  }
}

export interface SymbolTable {
  readonly top: SymbolTableEntry;
  /** Entries by AST node (function, class, lambda, comprehension). */
  readonly blocks: Map<object, SymbolTableEntry>;
}

/** CPython's _Py_Mangle: `__x` inside class `C` becomes `_C__x`. */
export function mangle(privateName: string | null, name: string): string {
  if (privateName === null || !name.startsWith("__")) return name;
  if (name.endsWith("__") || name.includes(".")) return name;
  const stripped = privateName.replace(/^_+/, "");
  if (stripped === "") return name;
  return `_${stripped}${name}`;
}

function docstringOf(body: readonly A.stmt[]): boolean {
  const first = body[0];
  return (
    first !== undefined &&
    first._type === "Expr" &&
    first.value._type === "Constant" &&
    typeof first.value.value === "string"
  );
}

const defaultKeys = new WeakMap<A.type_param, object>();

/** The symbol-table key of a type parameter's default (its bound's key is the parameter itself). */
export function defaultKey(tp: A.type_param): object {
  let key = defaultKeys.get(tp);
  if (key === undefined) {
    key = {};
    defaultKeys.set(tp, key);
  }
  return key;
}

function err(msg: string, loc: Loc): SkeinSyntaxError {
  return new SkeinSyntaxError(
    "SyntaxError",
    msg,
    loc.lineno,
    loc.col_offset + 1,
    loc.end_lineno ?? loc.lineno,
    (loc.end_col_offset ?? loc.col_offset) + 1,
  );
}

const LOC0: Loc = { lineno: 0, col_offset: 0, end_lineno: 0, end_col_offset: 0 };

class Builder {
  readonly blocks = new Map<object, SymbolTableEntry>();
  readonly stack: SymbolTableEntry[] = [];
  cur!: SymbolTableEntry;
  top!: SymbolTableEntry;
  private: string | null = null;
  /** `from __future__ import annotations`: annotations are strings, so they use no names. */
  stringAnnotations = false;
  /** PyCF_ALLOW_TOP_LEVEL_AWAIT: `await`, `async for` and `async with` in the module body. */
  allowTopLevelAwait = false;

  newEntry(name: string, type: BlockType, node: object, loc: Loc): SymbolTableEntry {
    const ste = new SymbolTableEntry(name, type, node, loc);
    const prev = this.stack[this.stack.length - 1];
    if (prev !== undefined && (prev.nested || prev.isFunctionLike())) ste.nested = true;
    if (prev !== undefined && type === "function" && prev.type === "class") ste.method = true;
    this.blocks.set(node, ste);
    return ste;
  }

  enterExisting(ste: SymbolTableEntry): void {
    const prev = this.stack[this.stack.length - 1];
    this.stack.push(ste);
    if (prev !== undefined) {
      ste.compIterExpr = prev.compIterExpr;
      prev.children.push(ste);
    }
    this.cur = ste;
  }

  enter(name: string, type: BlockType, node: object, loc: Loc): SymbolTableEntry {
    const ste = this.newEntry(name, type, node, loc);
    this.enterExisting(ste);
    return ste;
  }

  exit(): void {
    this.stack.pop();
    const top = this.stack[this.stack.length - 1];
    if (top !== undefined) this.cur = top;
  }

  addDefHelper(name: string, flag: number, ste: SymbolTableEntry, loc: Loc): void {
    const mangled = mangle(this.private, name);
    const old = ste.symbols.get(mangled);
    let val: number;
    if (old !== undefined) {
      if (flag & DEF_PARAM && old & DEF_PARAM)
        throw err(`duplicate argument '${name}' in function definition`, loc);
      if (flag & DEF_TYPE_PARAM && old & DEF_TYPE_PARAM)
        throw err(`duplicate type parameter '${name}'`, loc);
      val = old | flag;
    } else {
      val = flag;
    }
    if (ste.compIterTarget) {
      if (val & (DEF_GLOBAL | DEF_NONLOCAL)) {
        throw err(
          `comprehension inner loop cannot rebind assignment expression target '${name}'`,
          loc,
        );
      }
      val |= DEF_COMP_ITER;
    }
    ste.symbols.set(mangled, val);
    if (flag & DEF_PARAM) {
      ste.varnames.push(mangled);
    } else if (flag & DEF_GLOBAL) {
      this.top.symbols.set(mangled, this.top.getSymbol(mangled) | flag);
    }
  }

  addDef(
    name: string,
    flag: number,
    loc: Loc,
    ctx: "Load" | "Store" | "Del" = flag === USE ? "Load" : "Store",
  ): void {
    if (flag & (DEF_PARAM | DEF_LOCAL | DEF_IMPORT) && name === "__debug__") {
      throw err(ctx === "Del" ? "cannot delete __debug__" : "cannot assign to __debug__", loc);
    }
    this.addDefHelper(name, flag, this.cur, loc);
  }

  lookup(name: string): number {
    return this.cur.getSymbol(mangle(this.private, name));
  }

  recordDirective(name: string, loc: Loc): void {
    this.cur.directives ??= [];
    this.cur.directives.push({ name: mangle(this.private, name), loc });
  }

  // --- statements --------------------------------------------------------------------------------

  stmts(body: readonly A.stmt[]): void {
    for (const s of body) this.stmt(s);
  }

  stmt(s: A.stmt): void {
    switch (s._type) {
      case "FunctionDef":
      case "AsyncFunctionDef": {
        this.addDef(s.name, DEF_LOCAL, s);
        this.argDefaults(s.args);
        this.exprs(s.decorator_list);
        const generic = s.type_params.length > 0;
        if (generic) {
          this.enterTypeParamBlock(
            s.name,
            s.type_params,
            s.args.defaults.length > 0,
            s.args.kw_defaults.some((d) => d !== null),
            false,
            s,
          );
          for (const tp of s.type_params) this.typeParam(tp);
        }
        this.argAnnotations(s.args, s.returns);
        const ste = this.newEntry(s.name, "function", s, s);
        if (docstringOf(s.body)) ste.hasDocstring = true;
        if (s._type === "AsyncFunctionDef") ste.coroutine = true;
        this.enterExisting(ste);
        this.arguments(s.args);
        this.stmts(s.body);
        this.exit();
        if (generic) this.exit();
        break;
      }
      case "ClassDef": {
        this.addDef(s.name, DEF_LOCAL, s);
        this.exprs(s.decorator_list);
        const generic = s.type_params.length > 0;
        if (generic) {
          this.enterTypeParamBlock(s.name, s.type_params, false, false, true, s);
          for (const tp of s.type_params) this.typeParam(tp);
        }
        this.exprs(s.bases);
        for (const k of s.keywords) {
          if (k.arg === "__debug__") throw err("cannot assign to __debug__", k);
          this.expr(k.value);
        }
        const ste = this.enter(s.name, "class", s, s);
        if (docstringOf(s.body)) ste.hasDocstring = true;
        const saved = this.private;
        this.private = s.name;
        ste.privateName = s.name;
        if (generic) {
          this.addDef("__type_params__", DEF_LOCAL, s.type_params[0]!);
          this.addDef(".type_params", USE, s.type_params[0]!);
        }
        this.stmts(s.body);
        this.private = saved;
        this.exit();
        if (generic) this.exit();
        break;
      }
      case "TypeAlias": {
        this.expr(s.name);
        const name = (s.name as A.Name).id;
        const inClass = this.cur.type === "class";
        const generic = s.type_params.length > 0;
        if (generic) {
          this.enterTypeParamBlock(name, s.type_params, false, false, false, s);
          for (const tp of s.type_params) this.typeParam(tp);
        }
        const ste = this.enter(name, "type_alias", s, s);
        ste.canSeeClassScope = inClass;
        if (inClass) this.addDef("__classdict__", USE, s.value);
        this.expr(s.value);
        this.exit();
        if (generic) this.exit();
        break;
      }
      case "Return":
        if (s.value) {
          this.expr(s.value);
          this.cur.returnsValue = true;
        }
        break;
      case "Delete":
        this.exprs(s.targets);
        break;
      case "Assign":
        this.exprs(s.targets);
        this.expr(s.value);
        break;
      case "AnnAssign": {
        const t = s.target;
        if (t._type === "Name") {
          const cur = this.lookup(t.id);
          if (cur & (DEF_GLOBAL | DEF_NONLOCAL) && this.cur !== this.top && s.simple) {
            const kind = cur & DEF_GLOBAL ? "global" : "nonlocal";
            throw err(`annotated name '${t.id}' can't be ${kind}`, s);
          }
          if (s.simple) this.addDef(t.id, DEF_ANNOT | DEF_LOCAL, t);
          else if (s.value) this.addDef(t.id, DEF_LOCAL, t);
        } else {
          this.expr(t);
        }
        // 3.13 resolves the annotation's names here; only module and class bodies evaluate it.
        this.annotation(s.annotation);
        if (s.value) this.expr(s.value);
        break;
      }
      case "AugAssign":
        this.expr(s.target);
        this.expr(s.value);
        break;
      case "For":
      case "AsyncFor":
        this.expr(s.target);
        this.expr(s.iter);
        this.stmts(s.body);
        this.stmts(s.orelse);
        break;
      case "While":
        this.expr(s.test);
        this.stmts(s.body);
        this.stmts(s.orelse);
        break;
      case "If":
        this.expr(s.test);
        this.stmts(s.body);
        this.stmts(s.orelse);
        break;
      case "Match":
        this.expr(s.subject);
        for (const c of s.cases) {
          this.pattern(c.pattern);
          if (c.guard) this.expr(c.guard);
          this.stmts(c.body);
        }
        break;
      case "Raise":
        if (s.exc) {
          this.expr(s.exc);
          if (s.cause) this.expr(s.cause);
        }
        break;
      case "Try":
      case "TryStar":
        this.stmts(s.body);
        for (const h of s.handlers) {
          if (h.type) this.expr(h.type);
          if (h.name !== null) this.addDef(h.name, DEF_LOCAL, h);
          this.stmts(h.body);
        }
        this.stmts(s.orelse);
        this.stmts(s.finalbody);
        break;
      case "Assert":
        this.expr(s.test);
        if (s.msg) this.expr(s.msg);
        break;
      case "Import":
      case "ImportFrom":
        for (const a of s.names) this.alias(a);
        break;
      case "Global":
      case "Nonlocal": {
        const kind = s._type === "Global" ? "global" : "nonlocal";
        for (const name of s.names) {
          const cur = this.lookup(name);
          if (cur & (DEF_PARAM | DEF_LOCAL | USE | DEF_ANNOT)) {
            let msg: string;
            if (cur & DEF_PARAM) msg = `name '${name}' is parameter and ${kind}`;
            else if (cur & USE) msg = `name '${name}' is used prior to ${kind} declaration`;
            else if (cur & DEF_ANNOT) msg = `annotated name '${name}' can't be ${kind}`;
            else msg = `name '${name}' is assigned to before ${kind} declaration`;
            throw err(msg, s);
          }
          this.addDef(name, kind === "global" ? DEF_GLOBAL : DEF_NONLOCAL, s);
          this.recordDirective(name, s);
        }
        break;
      }
      case "Expr":
        this.expr(s.value);
        break;
      case "Pass":
      case "Break":
      case "Continue":
        break;
      case "With":
      case "AsyncWith":
        for (const item of s.items) {
          this.expr(item.context_expr);
          if (item.optional_vars) this.expr(item.optional_vars);
        }
        this.stmts(s.body);
        break;
    }
  }

  /** The scope holding a generic function's, class's or alias's type parameters (PEP 695). */
  enterTypeParamBlock(
    name: string,
    key: object,
    hasDefaults: boolean,
    hasKwDefaults: boolean,
    isClass: boolean,
    loc: Loc,
  ): void {
    const inClass = this.cur.type === "class";
    const ste = this.enter(name, "type_params", key, loc);
    if (inClass) {
      ste.canSeeClassScope = true;
      this.addDef("__classdict__", USE, loc);
    }
    if (isClass) {
      // .type_params is set when the tuple is built and used for the bases; .generic_base too.
      this.addDef(".type_params", DEF_LOCAL, loc);
      this.addDef(".type_params", USE, loc);
      this.addDef(".generic_base", DEF_LOCAL, loc);
      this.addDef(".generic_base", USE, loc);
    }
    if (hasDefaults) this.addDef(".defaults", DEF_PARAM, loc);
    if (hasKwDefaults) this.addDef(".kwdefaults", DEF_PARAM, loc);
  }

  typeParam(tp: A.type_param): void {
    this.addDef(tp.name, DEF_TYPE_PARAM | DEF_LOCAL, tp);
    if (tp._type === "TypeVar" && tp.bound !== null) {
      const info = tp.bound._type === "Tuple" ? "a TypeVar constraint" : "a TypeVar bound";
      this.typeParamBound(tp.bound, tp.name, tp, info);
    }
    if (tp.default_value !== null)
      this.typeParamBound(tp.default_value, tp.name, defaultKey(tp), `a ${tp._type} default`);
  }

  /** A lazily evaluated bound, constraints or default: a scope of its own. */
  typeParamBound(e: A.expr, name: string, key: object, scopeInfo: string): void {
    const inClass = this.cur.canSeeClassScope;
    const ste = this.enter(name, "type_var", key, e);
    ste.scopeInfo = scopeInfo;
    ste.canSeeClassScope = inClass;
    if (inClass) this.addDef("__classdict__", USE, e);
    this.expr(e);
    this.exit();
  }

  alias(a: A.alias): void {
    const storeName = a.asname ?? a.name;
    if (storeName === "*") {
      if (this.cur.type !== "module") throw err("import * only allowed at module level", a);
      return;
    }
    const dot = storeName.indexOf(".");
    this.addDef(dot >= 0 ? storeName.slice(0, dot) : storeName, DEF_IMPORT, a);
  }

  argDefaults(args: A.arguments): void {
    this.exprs(args.defaults);
    for (const d of args.kw_defaults) if (d) this.expr(d);
  }

  /** 3.13 evaluates a function's annotations where it is defined, before the body's scope. */
  argAnnotations(args: A.arguments, returns: A.expr | null): void {
    for (const a of [...args.posonlyargs, ...args.args, ...args.kwonlyargs]) {
      if (a.annotation) this.annotation(a.annotation);
    }
    if (args.vararg?.annotation) this.annotation(args.vararg.annotation);
    if (args.kwarg?.annotation) this.annotation(args.kwarg.annotation);
    if (returns) this.annotation(returns);
  }

  annotation(e: A.expr): void {
    if (!this.stringAnnotations) this.expr(e);
  }

  arguments(args: A.arguments): void {
    for (const a of args.posonlyargs) this.addDef(a.arg, DEF_PARAM, a);
    for (const a of args.args) this.addDef(a.arg, DEF_PARAM, a);
    for (const a of args.kwonlyargs) this.addDef(a.arg, DEF_PARAM, a);
    if (args.vararg) {
      this.addDef(args.vararg.arg, DEF_PARAM, args.vararg);
      this.cur.varargs = true;
    }
    if (args.kwarg) {
      this.addDef(args.kwarg.arg, DEF_PARAM, args.kwarg);
      this.cur.varkeywords = true;
    }
  }

  pattern(p: A.pattern): void {
    switch (p._type) {
      case "MatchValue":
        this.expr(p.value);
        break;
      case "MatchSingleton":
        break;
      case "MatchSequence":
        for (const q of p.patterns) this.pattern(q);
        break;
      case "MatchStar":
        if (p.name !== null) this.addDef(p.name, DEF_LOCAL, p);
        break;
      case "MatchMapping":
        this.exprs(p.keys);
        for (const q of p.patterns) this.pattern(q);
        if (p.rest !== null) this.addDef(p.rest, DEF_LOCAL, p);
        break;
      case "MatchClass":
        this.expr(p.cls);
        for (const q of p.patterns) this.pattern(q);
        for (const q of p.kwd_patterns) this.pattern(q);
        break;
      case "MatchAs":
        if (p.pattern) this.pattern(p.pattern);
        if (p.name !== null) this.addDef(p.name, DEF_LOCAL, p);
        break;
      case "MatchOr":
        for (const q of p.patterns) this.pattern(q);
        break;
    }
  }

  // --- expressions -------------------------------------------------------------------------------

  exprs(es: readonly A.expr[]): void {
    for (const e of es) this.expr(e);
  }

  expr(e: A.expr): void {
    switch (e._type) {
      case "NamedExpr":
        this.raiseIfTypeParamScope("named expression", e);
        this.namedExpr(e);
        break;
      case "BoolOp":
        this.exprs(e.values);
        break;
      case "BinOp":
        this.expr(e.left);
        this.expr(e.right);
        break;
      case "UnaryOp":
        this.expr(e.operand);
        break;
      case "Lambda": {
        this.argDefaults(e.args);
        this.enter("lambda", "function", e, e);
        this.arguments(e.args);
        this.expr(e.body);
        this.exit();
        break;
      }
      case "IfExp":
        this.expr(e.test);
        this.expr(e.body);
        this.expr(e.orelse);
        break;
      case "Dict":
        for (const k of e.keys) if (k) this.expr(k);
        this.exprs(e.values);
        break;
      case "Set":
        this.exprs(e.elts);
        break;
      case "GeneratorExp":
        this.comprehension(e, "genexpr", e.generators, e.elt, null);
        break;
      case "ListComp":
        this.comprehension(e, "list", e.generators, e.elt, null);
        break;
      case "SetComp":
        this.comprehension(e, "set", e.generators, e.elt, null);
        break;
      case "DictComp":
        this.comprehension(e, "dict", e.generators, e.key, e.value);
        break;
      case "Yield":
        this.raiseIfTypeParamScope("yield expression", e);
        if (e.value) this.expr(e.value);
        this.cur.generator = true;
        if (this.cur.comprehension) this.raiseIfComprehension(e);
        break;
      case "YieldFrom":
        this.raiseIfTypeParamScope("yield expression", e);
        this.expr(e.value);
        this.cur.generator = true;
        if (this.cur.comprehension) this.raiseIfComprehension(e);
        break;
      case "Await":
        this.raiseIfTypeParamScope("await expression", e);
        if (!this.cur.isFunctionLike() && !this.topLevelAwait())
          throw err("'await' outside function", e);
        if (!this.isAsyncDef() && this.cur.comprehension === "" && !this.topLevelAwait())
          throw err("'await' outside async function", e);
        this.expr(e.value);
        this.cur.coroutine = true;
        break;
      case "Compare":
        this.expr(e.left);
        this.exprs(e.comparators);
        break;
      case "Call":
        this.expr(e.func);
        this.exprs(e.args);
        for (const k of e.keywords) {
          if (k.arg === "__debug__") throw err("cannot assign to __debug__", k);
          this.expr(k.value);
        }
        break;
      case "FormattedValue":
        this.expr(e.value);
        if (e.format_spec) this.expr(e.format_spec);
        break;
      case "JoinedStr":
        this.exprs(e.values);
        break;
      case "Constant":
        break;
      case "Attribute":
        this.expr(e.value);
        break;
      case "Subscript":
        this.expr(e.value);
        this.expr(e.slice);
        break;
      case "Starred":
        this.expr(e.value);
        break;
      case "Slice":
        if (e.lower) this.expr(e.lower);
        if (e.upper) this.expr(e.upper);
        if (e.step) this.expr(e.step);
        break;
      case "Name": {
        const ctx = e.ctx._type;
        this.addDef(e.id, ctx === "Load" ? USE : DEF_LOCAL, e, ctx);
        // Special-case super: it counts as a use of __class__.
        if (ctx === "Load" && this.cur.type === "function" && e.id === "super") {
          this.addDef("__class__", USE, e);
        }
        break;
      }
      case "List":
      case "Tuple":
        this.exprs(e.elts);
        break;
    }
  }

  /** Bounds, defaults, alias values and type-parameter lists cannot yield, await or bind. */
  raiseIfTypeParamScope(what: string, e: A.expr): void {
    const ste = this.cur;
    if (ste.type === "type_var") throw err(`${what} cannot be used within ${ste.scopeInfo}`, e);
    if (ste.type === "type_alias") throw err(`${what} cannot be used within a type alias`, e);
    if (ste.type === "type_params")
      throw err(`${what} cannot be used within the definition of a generic`, e);
  }

  /** PyCF_ALLOW_TOP_LEVEL_AWAIT, and the module body is the current scope. */
  topLevelAwait(): boolean {
    return this.allowTopLevelAwait && this.cur.type === "module";
  }

  isAsyncDef(): boolean {
    const n = this.cur.node as { _type?: string };
    return n._type === "AsyncFunctionDef";
  }

  raiseIfComprehension(e: A.expr): never {
    const kind = this.cur.comprehension;
    const what =
      kind === "list"
        ? "list comprehension"
        : kind === "set"
          ? "set comprehension"
          : kind === "dict"
            ? "dict comprehension"
            : "generator expression";
    throw err(`'yield' inside ${what}`, e);
  }

  namedExpr(e: A.NamedExpr): void {
    if (this.cur.compIterExpr > 0) {
      throw err("assignment expression cannot be used in a comprehension iterable expression", e);
    }
    if (this.cur.comprehension !== "") this.extendNamedExprScope(e.target as A.Name, e);
    this.expr(e.value);
    this.expr(e.target);
  }

  extendNamedExprScope(target: A.Name, e: A.NamedExpr): void {
    const name = target.id;
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const ste = this.stack[i]!;
      if (ste.comprehension !== "") {
        const flags = ste.getSymbol(mangle(this.private, name));
        if (flags & DEF_COMP_ITER) {
          throw err(
            `assignment expression cannot rebind comprehension iteration variable '${name}'`,
            target,
          );
        }
        continue;
      }
      if (ste.type === "function") {
        const inScope = ste.getSymbol(mangle(this.private, name));
        this.addDef(name, inScope & DEF_GLOBAL ? DEF_GLOBAL : DEF_NONLOCAL, target);
        this.recordDirective(name, target);
        this.addDefHelper(name, DEF_LOCAL, ste, target);
        return;
      }
      if (ste.type === "module") {
        this.addDef(name, DEF_GLOBAL, target);
        this.recordDirective(name, target);
        this.addDefHelper(name, DEF_GLOBAL, ste, target);
        return;
      }
      if (ste.type === "class") {
        throw err(
          "assignment expression within a comprehension cannot be used in a class body",
          target,
        );
      }
      throw err(
        "assignment expression within a comprehension cannot be used within the definition of a generic",
        e,
      );
    }
  }

  comprehension(
    e: A.expr,
    kind: ComprehensionKind,
    generators: readonly A.comprehension[],
    elt: A.expr,
    value: A.expr | null,
  ): void {
    const outermost = generators[0]!;
    this.cur.compIterExpr++;
    this.expr(outermost.iter);
    this.cur.compIterExpr--;
    const name =
      kind === "genexpr"
        ? "genexpr"
        : kind === "list"
          ? "listcomp"
          : kind === "set"
            ? "setcomp"
            : "dictcomp";
    const ste = this.enter(name, "function", e, e);
    ste.comprehension = kind;
    if (outermost.is_async) ste.coroutine = true;
    if (kind === "genexpr") ste.generator = true;
    this.addDef(".0", DEF_PARAM, e);
    ste.compIterTarget = true;
    this.expr(outermost.target);
    ste.compIterTarget = false;
    this.exprs(outermost.ifs);
    for (let i = 1; i < generators.length; i++) {
      const g = generators[i]!;
      ste.compIterTarget = true;
      this.expr(g.target);
      ste.compIterTarget = false;
      ste.compIterExpr++;
      this.expr(g.iter);
      ste.compIterExpr--;
      this.exprs(g.ifs);
      if (g.is_async) ste.coroutine = true;
    }
    if (value) {
      this.expr(elt);
      this.expr(value);
    } else {
      this.expr(elt);
    }
    this.exit();
    if (ste.coroutine && kind !== "genexpr" && this.topLevelAwait()) {
      this.cur.coroutine = true; // the module awaits through its inlined comprehension
    } else if (
      ste.coroutine &&
      kind !== "genexpr" &&
      !this.isAsyncDef() &&
      this.cur.comprehension === ""
    ) {
      throw err("asynchronous comprehension outside of an asynchronous function", e);
    }
  }
}

// --- analysis ------------------------------------------------------------------------------------

function errorAtDirective(ste: SymbolTableEntry, name: string, msg: string): SkeinSyntaxError {
  const d = ste.directives?.find((x) => x.name === name);
  return err(msg, d?.loc ?? LOC0);
}

class Analyzer {
  analyzeName(
    ste: SymbolTableEntry,
    scopes: Map<string, number>,
    name: string,
    flags: number,
    bound: Set<string> | null,
    local: Set<string>,
    free: Set<string>,
    global: Set<string>,
    classEntry: SymbolTableEntry | null,
  ): void {
    if (flags & DEF_GLOBAL) {
      if (flags & DEF_NONLOCAL)
        throw errorAtDirective(ste, name, `name '${name}' is nonlocal and global`);
      scopes.set(name, GLOBAL_EXPLICIT);
      global.add(name);
      bound?.delete(name);
      return;
    }
    if (flags & DEF_NONLOCAL) {
      if (bound === null)
        throw errorAtDirective(ste, name, "nonlocal declaration not allowed at module level");
      if (!bound.has(name))
        throw errorAtDirective(ste, name, `no binding for nonlocal '${name}' found`);
      scopes.set(name, FREE);
      free.add(name);
      return;
    }
    if (flags & DEF_BOUND) {
      scopes.set(name, LOCAL);
      local.add(name);
      global.delete(name);
      return;
    }
    if (classEntry !== null) {
      const cf = classEntry.getSymbol(name);
      if (cf & DEF_GLOBAL) {
        scopes.set(name, GLOBAL_EXPLICIT);
        return;
      }
      if (cf & DEF_BOUND && !(cf & DEF_NONLOCAL)) {
        scopes.set(name, GLOBAL_IMPLICIT);
        return;
      }
    }
    if (bound?.has(name)) {
      scopes.set(name, FREE);
      free.add(name);
      return;
    }
    scopes.set(name, GLOBAL_IMPLICIT);
  }

  inlineComprehension(
    ste: SymbolTableEntry,
    comp: SymbolTableEntry,
    scopes: Map<string, number>,
    compFree: Set<string>,
    inlinedCells: Set<string>,
  ): void {
    let removeDunderClass = false;
    for (const [k, compFlags] of comp.symbols) {
      if (compFlags & DEF_PARAM) continue;
      let scope = (compFlags >> SCOPE_OFFSET) & SCOPE_MASK;
      const onlyFlags = compFlags & ((1 << SCOPE_OFFSET) - 1);
      if (scope === CELL || onlyFlags & DEF_COMP_CELL) inlinedCells.add(k);
      const existing = ste.symbols.get(k);
      if (scope === FREE && ste.type === "class" && k === "__class__") {
        scope = GLOBAL_IMPLICIT;
        compFree.delete(k);
        removeDunderClass = true;
      }
      if (existing === undefined) {
        ste.symbols.set(k, onlyFlags);
        scopes.set(k, scope);
      } else if (existing & DEF_BOUND && ste.type !== "class") {
        if (!comp.children.some((c) => c.getScope(k) === FREE)) compFree.delete(k);
      }
    }
    if (removeDunderClass) comp.symbols.delete("__class__");
  }

  analyzeBlock(
    ste: SymbolTableEntry,
    bound: Set<string> | null,
    free: Set<string>,
    global: Set<string>,
    classEntry: SymbolTableEntry | null,
  ): void {
    const local = new Set<string>();
    const scopes = new Map<string, number>();
    const newglobal = new Set<string>();
    const newfree = new Set<string>();
    const newbound = new Set<string>();
    const inlinedCells = new Set<string>();

    if (ste.type === "class") {
      for (const g of global) newglobal.add(g);
      if (bound) for (const b of bound) newbound.add(b);
    }
    for (const [name, flags] of ste.symbols) {
      this.analyzeName(ste, scopes, name, flags, bound, local, free, global, classEntry);
    }
    if (ste.type !== "class") {
      if (ste.isFunctionLike()) for (const l of local) newbound.add(l);
      if (bound) for (const b of bound) newbound.add(b);
      for (const g of global) newglobal.add(g);
    } else {
      newbound.add("__class__");
      newbound.add("__classdict__");
      newbound.add("__conditional_annotations__");
    }

    for (const entry of ste.children) {
      let newClassEntry: SymbolTableEntry | null = null;
      if (entry.canSeeClassScope) {
        if (ste.type === "class") newClassEntry = ste;
        else if (classEntry) newClassEntry = classEntry;
      }
      const inlineComp = entry.comprehension !== "" && !entry.generator && !ste.canSeeClassScope;
      const childFree = new Set(newfree);
      this.analyzeBlock(entry, new Set(newbound), childFree, new Set(newglobal), newClassEntry);
      if (inlineComp) {
        this.inlineComprehension(ste, entry, scopes, childFree, inlinedCells);
        entry.compInlined = true;
      }
      for (const f of childFree) newfree.add(f);
    }

    // Splice the children of inlined comprehensions into our children.
    if (ste.children.some((c) => c.compInlined)) {
      const spliced: SymbolTableEntry[] = [];
      for (const c of ste.children) {
        if (c.compInlined) spliced.push(...c.children);
        else spliced.push(c);
      }
      ste.children.length = 0;
      ste.children.push(...spliced);
    }

    if (ste.isFunctionLike()) {
      // analyze_cells: locals that children use freely become cells.
      for (const [name, scope] of scopes) {
        if (scope !== LOCAL) continue;
        if (!newfree.has(name) && !inlinedCells.has(name)) continue;
        scopes.set(name, CELL);
        newfree.delete(name);
      }
    } else if (ste.type === "class") {
      if (newfree.delete("__class__")) ste.needsClassClosure = true;
      if (newfree.delete("__classdict__")) ste.needsClassdict = true;
      newfree.delete("__conditional_annotations__");
    }

    // update_symbols
    const classflag = ste.type === "class" || ste.canSeeClassScope;
    for (const [name, flags0] of ste.symbols) {
      let flags = flags0;
      if (inlinedCells.has(name)) flags |= DEF_COMP_CELL;
      const scope = scopes.get(name) ?? GLOBAL_IMPLICIT;
      ste.symbols.set(name, flags | (scope << SCOPE_OFFSET));
    }
    for (const name of newfree) {
      const v = ste.symbols.get(name);
      if (v !== undefined) {
        if (classflag) ste.symbols.set(name, v | DEF_FREE_CLASS);
        continue;
      }
      if (bound && !bound.has(name)) continue;
      ste.symbols.set(name, FREE << SCOPE_OFFSET);
    }
    for (const f of newfree) free.add(f);
  }
}

/** Builds and analyzes the symbol table of a module; throws SkeinSyntaxError. */
export function buildSymbolTable(mod: A.mod, allowTopLevelAwait = false): SymbolTable {
  const b = new Builder();
  b.stringAnnotations = futureFeatures(mod).annotations;
  b.allowTopLevelAwait = allowTopLevelAwait;
  const top = b.enter("top", "module", mod, LOC0);
  b.top = top;
  switch (mod._type) {
    case "Module":
      if (docstringOf(mod.body)) top.hasDocstring = true;
      b.stmts(mod.body);
      break;
    case "Interactive":
      b.stmts(mod.body);
      break;
    case "Expression":
      b.expr(mod.body);
      break;
    case "FunctionType":
      break;
  }
  b.exit();
  new Analyzer().analyzeBlock(top, null, new Set(), new Set(), null);
  return { top, blocks: b.blocks };
}
