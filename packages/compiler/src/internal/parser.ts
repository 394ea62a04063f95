// The parser: hand-written recursive descent over the token array, mirroring the rules of
// CPython 3.13's Grammar/python.gram (rule names are kept where a method mirrors one). Binary
// operators use precedence climbing so that host recursion per nesting level stays small.
import type * as A from "../generated/ast-nodes.gen.js";
import {
  type ConstantValue,
  Ellipsis,
  makeComplex,
  type PySurrogateStr,
  strCodePoints,
  strFromCodePoints,
  strText,
} from "./constants.js";
import { SkeinSyntaxError } from "./errors.js";
import { decodeBytes, decodeStrEscapes, LiteralError, parsePrefix } from "./strings.js";
import { TokenType as T, type Token, utf8Length } from "./tokenizer.js";

/** Thrown when an alternative does not match; caught where the parser backtracks. */
class ParseFail {
  constructor(readonly at: number) {}
}

const KEYWORDS = new Set([
  "False",
  "None",
  "True",
  "and",
  "as",
  "assert",
  "async",
  "await",
  "break",
  "class",
  "continue",
  "def",
  "del",
  "elif",
  "else",
  "except",
  "finally",
  "for",
  "from",
  "global",
  "if",
  "import",
  "in",
  "is",
  "lambda",
  "nonlocal",
  "not",
  "or",
  "pass",
  "raise",
  "return",
  "try",
  "while",
  "with",
  "yield",
]);

const LOAD: A.Load = Object.freeze({ _type: "Load" }) as A.Load;
const STORE: A.Store = Object.freeze({ _type: "Store" }) as A.Store;
const DEL: A.Del = Object.freeze({ _type: "Del" }) as A.Del;

type Ctx = A.expr_context;

/** Binary operators by token, with their precedence (higher binds tighter). */
const BINOPS: Record<string, [number, A.operator]> = {
  "|": [1, { _type: "BitOr" }],
  "^": [2, { _type: "BitXor" }],
  "&": [3, { _type: "BitAnd" }],
  "<<": [4, { _type: "LShift" }],
  ">>": [4, { _type: "RShift" }],
  "+": [5, { _type: "Add" }],
  "-": [5, { _type: "Sub" }],
  "*": [6, { _type: "Mult" }],
  "/": [6, { _type: "Div" }],
  "//": [6, { _type: "FloorDiv" }],
  "%": [6, { _type: "Mod" }],
  "@": [6, { _type: "MatMult" }],
};

const AUGASSIGN: Record<string, A.operator> = {
  "+=": { _type: "Add" },
  "-=": { _type: "Sub" },
  "*=": { _type: "Mult" },
  "@=": { _type: "MatMult" },
  "/=": { _type: "Div" },
  "%=": { _type: "Mod" },
  "&=": { _type: "BitAnd" },
  "|=": { _type: "BitOr" },
  "^=": { _type: "BitXor" },
  "<<=": { _type: "LShift" },
  ">>=": { _type: "RShift" },
  "**=": { _type: "Pow" },
  "//=": { _type: "FloorDiv" },
};

const COMPARE_OPS: Record<string, A.cmpop> = {
  "==": { _type: "Eq" },
  "!=": { _type: "NotEq" },
  "<": { _type: "Lt" },
  "<=": { _type: "LtE" },
  ">": { _type: "Gt" },
  ">=": { _type: "GtE" },
  in: { _type: "In" },
  is: { _type: "Is" },
};

interface Pos {
  lineno: number;
  col_offset: number;
  end_lineno: number;
  end_col_offset: number;
}

export type ParseMode = "exec" | "eval" | "single" | "func_type";

/** Host recursion guard: deeper nesting is reported as CPython reports it. */
const MAX_DEPTH = 3000;
export const STACK_OVERFLOW = "Parser stack overflowed - Python source too complex to parse";

export class Parser {
  private pos = 0;
  /** Furthest token examined: where a generic "invalid syntax" is reported. */
  maxPos = 0;
  private depth = 0;
  /** Nonzero while parsing inside an f-string replacement field. */
  constructor(
    readonly tokens: Token[],
    readonly src: string,
    private readonly featureVersion = 13,
  ) {
    void this.featureVersion;
  }

  // ---- token helpers -------------------------------------------------------------------------

  private peek(): Token {
    const p = this.pos;
    if (p > this.maxPos) this.maxPos = p;
    return this.tokens[p]!;
  }

  private peekAt(k: number): Token {
    const p = Math.min(this.pos + k, this.tokens.length - 1);
    if (p > this.maxPos) this.maxPos = p;
    return this.tokens[p]!;
  }

  /** Whether the current token is the operator or keyword `s`. */
  private at(s: string): boolean {
    const t = this.peek();
    return t.string === s && (t.type === T.OP || t.type === T.NAME);
  }

  private atType(type: number): boolean {
    return this.peek().type === type;
  }

  private eat(s: string): Token | null {
    const t = this.peek();
    if (t.string === s && (t.type === T.OP || t.type === T.NAME)) {
      this.pos++;
      return t;
    }
    return null;
  }

  private expect(s: string): Token {
    const t = this.eat(s);
    if (t === null) this.fail();
    return t;
  }

  private expectType(type: number): Token {
    const t = this.peek();
    if (t.type !== type) this.fail();
    this.pos++;
    return t;
  }

  fail(): never {
    throw new ParseFail(this.pos);
  }

  private isName(t: Token): boolean {
    return t.type === T.NAME && !KEYWORDS.has(t.string);
  }

  private atName(): boolean {
    return this.isName(this.peek());
  }

  private name(): Token {
    const t = this.peek();
    if (!this.isName(t)) this.fail();
    this.pos++;
    return t;
  }

  /** The last consumed token that is not NEWLINE/INDENT/DEDENT (CPython's EXTRA end). */
  private lastTok(): Token {
    let m = this.pos - 1;
    for (; m > 0; m--) {
      const ty = this.tokens[m]!.type;
      if (ty !== T.NEWLINE && ty !== T.INDENT && ty !== T.DEDENT && ty !== T.ENDMARKER) break;
    }
    return this.tokens[m]!;
  }

  private loc(s: Token): Pos {
    const e = this.lastTok();
    return {
      lineno: s.lineno,
      col_offset: s.col,
      end_lineno: e.endLineno,
      end_col_offset: e.endCol,
    };
  }

  private locFrom(s: { lineno: number; col_offset: number }): Pos {
    const e = this.lastTok();
    return {
      lineno: s.lineno,
      col_offset: s.col_offset,
      end_lineno: e.endLineno,
      end_col_offset: e.endCol,
    };
  }

  raise(
    msg: string,
    s: A.Located | Token,
    e?: A.Located | Token,
    type: "SyntaxError" | "IndentationError" = "SyntaxError",
  ): never {
    if ("type" in s && (s.type === T.INDENT || s.type === T.DEDENT || s.type === T.ENDMARKER)) {
      const [l, c] = whitespaceTokenPos(s, this.src);
      throw new SkeinSyntaxError(type, msg, l, c, l, -1);
    }
    const [l, c] = "type" in s ? [s.lineno, s.col] : [s.lineno, s.col_offset];
    let el: number;
    let ec: number;
    if (e === undefined) e = s;
    if ("type" in e) {
      el = e.endLineno;
      ec = e.endCol;
    } else {
      el = e.end_lineno ?? e.lineno;
      ec = e.end_col_offset ?? e.col_offset;
    }
    throw new SkeinSyntaxError(type, msg, l, c + 1, el, ec + 1);
  }

  private enter(): void {
    if (++this.depth > MAX_DEPTH) {
      const t = this.peek();
      // CPython raises MemoryError with this message; the result carries it as a SyntaxError.
      throw new SkeinSyntaxError(
        "SyntaxError",
        STACK_OVERFLOW,
        t.lineno,
        t.col + 1,
        t.lineno,
        t.col + 1,
      );
    }
  }

  // ---- entry points --------------------------------------------------------------------------

  /** file: [statements] ENDMARKER */
  file(typeIgnores: A.TypeIgnore[]): A.Module {
    const body = this.statements();
    if (!this.atType(T.ENDMARKER)) this.fail();
    return { _type: "Module", body, type_ignores: typeIgnores };
  }

  /** eval: expressions NEWLINE* ENDMARKER */
  eval(): A.Expression {
    const body = this.expressions();
    while (this.atType(T.NEWLINE)) this.pos++;
    if (!this.atType(T.ENDMARKER)) this.fail();
    return { _type: "Expression", body };
  }

  /** interactive: statement_newline */
  interactive(): A.Interactive {
    const t = this.peek();
    let body: A.stmt[];
    if (t.type === T.NEWLINE) {
      this.pos++;
      body = [];
    } else if (t.type === T.ENDMARKER) {
      body = [];
    } else if (this.startsCompound()) {
      body = [this.compoundStmt()];
      while (this.atType(T.NEWLINE)) this.pos++;
    } else {
      body = this.simpleStmts();
    }
    while (this.atType(T.NEWLINE)) this.pos++;
    if (!this.atType(T.ENDMARKER)) this.fail();
    return { _type: "Interactive", body };
  }

  /** func_type: '(' [type_expressions] ')' '->' expression NEWLINE* ENDMARKER */
  funcType(): A.FunctionType {
    this.expect("(");
    const argtypes: A.expr[] = [];
    while (!this.at(")")) {
      if (this.eat("*")) argtypes.push(this.expression());
      else if (this.eat("**")) argtypes.push(this.expression());
      else argtypes.push(this.expression());
      if (!this.eat(",")) break;
    }
    this.expect(")");
    this.expect("->");
    const returns = this.expression();
    while (this.atType(T.NEWLINE)) this.pos++;
    if (!this.atType(T.ENDMARKER)) this.fail();
    return { _type: "FunctionType", argtypes, returns };
  }

  // ---- statements ----------------------------------------------------------------------------

  private statements(): A.stmt[] {
    const body: A.stmt[] = [];
    for (;;) {
      const t = this.peek();
      if (t.type === T.ENDMARKER || t.type === T.DEDENT) break;
      if (this.startsCompound()) body.push(this.compoundStmt());
      else {
        for (const s of this.simpleStmts()) body.push(s);
      }
    }
    return body;
  }

  private startsCompound(): boolean {
    const t = this.peek();
    if (t.type !== T.NAME && !(t.type === T.OP && t.string === "@")) return false;
    switch (t.string) {
      case "def":
      case "if":
      case "class":
      case "with":
      case "for":
      case "try":
      case "while":
      case "@":
        return true;
      case "async": {
        const n = this.peekAt(1).string;
        return n === "def" || n === "with" || n === "for";
      }
      case "match":
        return this.looksLikeMatch();
    }
    return false;
  }

  private compoundStmt(): A.stmt {
    this.enter();
    const t = this.peek();
    let r: A.stmt;
    switch (t.string) {
      case "def":
      case "@":
      case "class":
        r = this.decoratedOrDef();
        break;
      case "async": {
        const n = this.peekAt(1).string;
        r = n === "def" ? this.decoratedOrDef() : n === "with" ? this.withStmt() : this.forStmt();
        break;
      }
      case "if":
        r = this.ifStmt();
        break;
      case "with":
        r = this.withStmt();
        break;
      case "for":
        r = this.forStmt();
        break;
      case "try":
        r = this.tryStmt();
        break;
      case "while":
        r = this.whileStmt();
        break;
      default:
        r = this.matchStmt();
    }
    this.depth--;
    return r;
  }

  /** simple_stmts: simple_stmt !';' NEWLINE | ';'.simple_stmt+ [';'] NEWLINE */
  private simpleStmts(): A.stmt[] {
    const out: A.stmt[] = [this.simpleStmt()];
    while (this.eat(";")) {
      if (this.atType(T.NEWLINE)) break;
      out.push(this.simpleStmt());
    }
    this.expectType(T.NEWLINE);
    return out;
  }

  private simpleStmt(): A.stmt {
    const t = this.peek();
    if (t.type === T.NAME) {
      switch (t.string) {
        case "return":
          return this.returnStmt();
        case "import":
          return this.importName();
        case "from":
          return this.importFrom();
        case "raise":
          return this.raiseStmt();
        case "pass":
          this.pos++;
          return { _type: "Pass", ...this.loc(t) };
        case "break":
          this.pos++;
          return { _type: "Break", ...this.loc(t) };
        case "continue":
          this.pos++;
          return { _type: "Continue", ...this.loc(t) };
        case "del":
          return this.delStmt();
        case "assert": {
          this.pos++;
          const test = this.expression();
          const msg = this.eat(",") ? this.expression() : null;
          return { _type: "Assert", test, msg, ...this.loc(t) };
        }
        case "global":
        case "nonlocal": {
          this.pos++;
          const names = [this.name().string];
          while (this.eat(",")) names.push(this.name().string);
          return t.string === "global"
            ? { _type: "Global", names, ...this.loc(t) }
            : { _type: "Nonlocal", names, ...this.loc(t) };
        }
        case "type": {
          const n = this.peekAt(1);
          if (this.isName(n)) {
            const n2 = this.peekAt(2);
            if (n2.string === "=" || n2.string === "[") return this.typeAlias();
          }
          break;
        }
      }
    }
    return this.assignmentOrExpr();
  }

  /** type_alias: "type" NAME [type_params] '=' expression */
  private typeAlias(): A.TypeAlias {
    const s = this.peek();
    this.pos++;
    const n = this.name();
    const name: A.Name = { _type: "Name", id: n.string, ctx: STORE, ...this.loc(n) };
    const typeParams = this.at("[") ? this.typeParams() : [];
    this.expect("=");
    const value = this.expression();
    return { _type: "TypeAlias", name, type_params: typeParams, value, ...this.loc(s) };
  }

  private assignmentOrExpr(): A.stmt {
    const s = this.peek();
    const first = this.at("yield") ? this.yieldExpr() : this.starExpressions();
    const t = this.peek();
    if (
      first._type === "Name" &&
      (first.id === "print" || first.id === "exec") &&
      !this.at("(") &&
      this.startsExpression()
    ) {
      // invalid_legacy_expression
      const mark = this.pos;
      try {
        this.starExpressions();
        this.raise(
          `Missing parentheses in call to '${first.id}'. Did you mean ${first.id}(...)?`,
          s,
          this.lastTok(),
        );
      } catch (e) {
        if (!(e instanceof ParseFail)) throw e;
        this.pos = mark;
      }
    }
    if (t.type === T.OP) {
      if (t.string === "=") return this.assignment(s, first);
      if (t.string === ":") {
        // annotated assignment
        this.pos++;
        let simple = 0;
        if (first._type === "Name") {
          simple = s.string === "(" ? 0 : 1;
        } else if (first._type === "Attribute" || first._type === "Subscript") {
          simple = 0;
        } else if (first._type === "Tuple" || first._type === "List") {
          const whole = first._type === "List" || s.string === "(";
          this.raise(
            `only single target (not ${first._type === "Tuple" ? "tuple" : "list"}) can be annotated`,
            whole ? first : first.elts[0]!,
          );
        } else {
          this.raise("illegal target for annotation", first);
        }
        setContext(first, STORE);
        const annotation = this.expression();
        let value: A.expr | null = null;
        if (this.eat("=")) value = this.at("yield") ? this.yieldExpr() : this.starExpressions();
        return { _type: "AnnAssign", target: first, annotation, value, simple, ...this.loc(s) };
      }
      const aug = AUGASSIGN[t.string];
      if (aug !== undefined) {
        if (first._type !== "Name" && first._type !== "Attribute" && first._type !== "Subscript") {
          this.raise(
            `'${exprName(first)}' is an illegal expression for augmented assignment`,
            first,
          );
        }
        this.pos++;
        setContext(first, STORE);
        const value = this.at("yield") ? this.yieldExpr() : this.starExpressions();
        return { _type: "AugAssign", target: first, op: aug, value, ...this.loc(s) };
      }
    }
    return { _type: "Expr", value: first, ...this.loc(s) };
  }

  private assignment(s: Token, first: A.expr): A.Assign {
    const targets: A.expr[] = [first];
    let value: A.expr = first;
    while (this.eat("=")) {
      value = this.at("yield") ? this.yieldExpr() : this.starExpressions();
      targets.push(value);
    }
    targets.pop();
    for (const tg of targets) this.checkTarget(tg, "assign");
    let typeComment: string | null = null;
    if (this.atType(T.TYPE_COMMENT)) typeComment = this.tokens[this.pos++]!.string;
    return { _type: "Assign", targets, value, type_comment: typeComment, ...this.loc(s) };
  }

  /** Validates an assignment/for/del target and gives it the Store/Del context. */
  private checkTarget(e: A.expr, kind: "assign" | "for" | "del" | "with" | "comp"): void {
    const bad = invalidTarget(e, kind === "del");
    if (bad !== null) {
      if (bad._type === "Yield" || bad._type === "YieldFrom") {
        if (kind === "assign") this.raise("assignment to yield expression not possible", bad);
      }
      const verb = kind === "del" ? "delete" : "assign to";
      const name = exprName(bad);
      if (kind === "assign" && bad === e && isCallLike(bad) && !isSingleton(bad)) {
        this.raise(`cannot assign to ${name} here. Maybe you meant '==' instead of '='?`, bad);
      }
      this.raise(`cannot ${verb} ${name}`, bad);
    }
    setContext(e, kind === "del" ? DEL : STORE);
  }

  private returnStmt(): A.Return {
    const s = this.peek();
    this.pos++;
    const value = this.atExprEnd() ? null : this.starExpressions();
    return { _type: "Return", value, ...this.loc(s) };
  }

  private atExprEnd(): boolean {
    const t = this.peek();
    return (
      t.type === T.NEWLINE ||
      (t.type === T.OP &&
        (t.string === ";" ||
          t.string === ")" ||
          t.string === "}" ||
          t.string === "]" ||
          t.string === "=" ||
          t.string === ":")) ||
      t.type === T.ENDMARKER
    );
  }

  private raiseStmt(): A.Raise {
    const s = this.peek();
    this.pos++;
    let exc: A.expr | null = null;
    let cause: A.expr | null = null;
    if (!this.atExprEnd()) {
      exc = this.expression();
      if (this.eat("from")) cause = this.expression();
    }
    return { _type: "Raise", exc, cause, ...this.loc(s) };
  }

  private delStmt(): A.Delete {
    const s = this.peek();
    this.pos++;
    const targets: A.expr[] = [];
    for (;;) {
      const e = this.bitwiseOr();
      this.checkTarget(e, "del");
      targets.push(e);
      if (!this.eat(",")) break;
      if (this.atExprEnd()) break;
    }
    return { _type: "Delete", targets, ...this.loc(s) };
  }

  private dottedName(): string {
    let n = this.name().string;
    while (this.at(".")) {
      this.pos++;
      n += `.${this.name().string}`;
    }
    return n;
  }

  /** import_name: 'import' dotted_as_names */
  private importName(): A.Import {
    const s = this.peek();
    this.pos++;
    const names: A.alias[] = [];
    do {
      const a = this.peek();
      const name = this.dottedName();
      const asname = this.eat("as") ? this.name().string : null;
      names.push({ _type: "alias", name, asname, ...this.loc(a) });
    } while (this.eat(","));
    return { _type: "Import", names, ...this.loc(s) };
  }

  /** import_from: 'from' ('.' | '...')* dotted_name 'import' targets | 'from' ('.' | '...')+ 'import' targets */
  private importFrom(): A.ImportFrom {
    const s = this.peek();
    this.pos++;
    let level = 0;
    for (;;) {
      if (this.eat(".")) level++;
      else if (this.eat("...")) level += 3;
      else break;
    }
    let module: string | null = null;
    if (!this.at("import") || level === 0) module = this.dottedName();
    this.expect("import");
    const names: A.alias[] = [];
    if (this.at("*")) {
      const t = this.peek();
      this.pos++;
      names.push({ _type: "alias", name: "*", asname: null, ...this.loc(t) });
    } else {
      const paren = this.eat("(");
      do {
        if (paren && this.at(")")) break;
        if (!paren && names.length > 0 && this.atType(T.NEWLINE)) {
          this.raise("trailing comma not allowed without surrounding parentheses", this.peek());
        }
        const a = this.peek();
        const name = this.name().string;
        const asname = this.eat("as") ? this.name().string : null;
        names.push({ _type: "alias", name, asname, ...this.loc(a) });
      } while (this.eat(","));
      if (paren) this.expect(")");
      else if (names.length > 0 && this.tokens[this.pos - 1]!.string === ",") {
        this.raise(
          "trailing comma not allowed without surrounding parentheses",
          this.tokens[this.pos - 1]!,
        );
      }
    }
    return { _type: "ImportFrom", module, names, level, ...this.loc(s) };
  }

  // ---- compound statements -------------------------------------------------------------------

  /** block: NEWLINE INDENT statements DEDENT | simple_stmts */
  private block(): A.stmt[] {
    if (this.atType(T.NEWLINE)) {
      this.pos++;
      this.expectType(T.INDENT);
      const body = this.statements();
      this.expectType(T.DEDENT);
      if (body.length === 0) this.fail();
      return body;
    }
    return this.simpleStmts();
  }

  /** A block after `header`: raises CPython's "expected an indented block" when it is missing. */
  private blockAfter(what: string, line: number): A.stmt[] {
    if (this.atType(T.NEWLINE) && this.peekAt(1).type !== T.INDENT) {
      this.pos++;
      const t = this.peek();
      this.raise(
        `expected an indented block after ${what} on line ${line}`,
        t,
        t,
        "IndentationError",
      );
    }
    return this.block();
  }

  private expectColon(): void {
    if (!this.eat(":")) {
      const t = this.peek();
      if (t.type === T.NEWLINE) this.raise("expected ':'", t);
      this.fail();
    }
  }

  private decoratedOrDef(): A.stmt {
    const decorators: A.expr[] = [];
    while (this.eat("@")) {
      decorators.push(this.namedExpression());
      this.expectType(T.NEWLINE);
    }
    const t = this.peek();
    if (t.string === "class") return this.classDef(decorators);
    return this.functionDef(decorators);
  }

  private functionDef(decorators: A.expr[]): A.FunctionDef | A.AsyncFunctionDef {
    const s = this.peek();
    const isAsync = this.eat("async") !== null;
    this.expect("def");
    const name = this.name().string;
    const typeParams = this.at("[") ? this.typeParams() : [];
    this.expect("(");
    const args = this.at(")") ? emptyArguments() : this.parameters(")");
    this.expect(")");
    let returns: A.expr | null = null;
    if (this.eat("->")) returns = this.expression();
    this.expectColon();
    let typeComment: string | null = null;
    // func_type_comment: NEWLINE TYPE_COMMENT &(NEWLINE INDENT) | TYPE_COMMENT
    if (this.atType(T.TYPE_COMMENT)) typeComment = this.tokens[this.pos++]!.string;
    else if (
      this.atType(T.NEWLINE) &&
      this.peekAt(1).type === T.TYPE_COMMENT &&
      this.peekAt(2).type === T.NEWLINE &&
      this.peekAt(3).type === T.INDENT
    ) {
      typeComment = this.tokens[this.pos + 1]!.string;
      this.pos += 2;
    }
    const body = this.blockAfter(`function definition`, s.lineno);
    const pos = this.loc(s);
    if (isAsync) {
      return {
        _type: "AsyncFunctionDef",
        name,
        args,
        body,
        decorator_list: decorators,
        returns,
        type_comment: typeComment,
        type_params: typeParams,
        ...pos,
      };
    }
    return {
      _type: "FunctionDef",
      name,
      args,
      body,
      decorator_list: decorators,
      returns,
      type_comment: typeComment,
      type_params: typeParams,
      ...pos,
    };
  }

  private classDef(decorators: A.expr[]): A.ClassDef {
    const s = this.peek();
    this.pos++;
    const name = this.name().string;
    const typeParams = this.at("[") ? this.typeParams() : [];
    let bases: A.expr[] = [];
    let keywords: A.keyword[] = [];
    if (this.eat("(")) {
      if (!this.at(")")) [bases, keywords] = this.arguments();
      this.expect(")");
    }
    this.expectColon();
    const body = this.blockAfter("class definition", s.lineno);
    return {
      _type: "ClassDef",
      name,
      bases,
      keywords,
      body,
      decorator_list: decorators,
      type_params: typeParams,
      ...this.loc(s),
    };
  }

  /** type_params: '[' type_param_seq ']' */
  private typeParams(): A.type_param[] {
    this.expect("[");
    const out: A.type_param[] = [];
    while (!this.at("]")) {
      const s = this.peek();
      if (this.eat("*")) {
        const name = this.name().string;
        const d = this.eat("=") ? this.starExpression() : null;
        out.push({ _type: "TypeVarTuple", name, default_value: d, ...this.loc(s) });
      } else if (this.eat("**")) {
        const name = this.name().string;
        const d = this.eat("=") ? this.expression() : null;
        out.push({ _type: "ParamSpec", name, default_value: d, ...this.loc(s) });
      } else {
        const name = this.name().string;
        const bound = this.eat(":") ? this.expression() : null;
        const d = this.eat("=") ? this.expression() : null;
        out.push({ _type: "TypeVar", name, bound, default_value: d, ...this.loc(s) });
      }
      if (!this.eat(",")) break;
    }
    if (out.length === 0) this.fail();
    this.expect("]");
    return out;
  }

  /**
   * parameters / lambda_parameters: the same shape; `close` is ')' for def and ':' for lambda,
   * where annotations are not allowed.
   */
  private parameters(close: string): A.arguments {
    const lambda = close === ":";
    const posonly: A.arg[] = [];
    const args: A.arg[] = [];
    const defaults: A.expr[] = [];
    let vararg: A.arg | null = null;
    const kwonly: A.arg[] = [];
    const kwDefaults: (A.expr | null)[] = [];
    let kwarg: A.arg | null = null;
    let seenStar = false;
    let seenSlash = false;
    let seenDefault = false;
    for (;;) {
      if (this.at(close)) break;
      const t = this.peek();
      if (t.string === "/" && t.type === T.OP) {
        if (seenSlash) this.raise("/ may appear only once", t);
        if (seenStar) this.raise("/ must be ahead of *", t);
        if (args.length === 0) this.raise("at least one argument must precede /", t);
        this.pos++;
        seenSlash = true;
        posonly.push(...args);
        args.length = 0;
      } else if (t.string === "*" && t.type === T.OP) {
        if (seenStar) this.raise("* argument may appear only once", t);
        this.pos++;
        seenStar = true;
        if (this.at(",") || this.at(close)) {
          if (this.at(close) || this.peekAt(1).string === close || this.peekAt(1).string === "**") {
            this.raise("named arguments must follow bare *", t);
          }
        } else {
          vararg = this.param(lambda, true);
          if (this.at("="))
            this.raise("var-positional argument cannot have default value", this.peek());
        }
      } else if (t.string === "**" && t.type === T.OP) {
        this.pos++;
        kwarg = this.param(lambda, false);
        if (this.at("=")) this.raise("var-keyword argument cannot have default value", this.peek());
        this.eat(",");
        this.paramTypeComment(kwarg);
        if (!this.at(close)) {
          const n = this.peek();
          this.raise("arguments cannot follow var-keyword argument", n);
        }
        break;
      } else {
        const a = this.param(lambda, false);
        let d: A.expr | null = null;
        if (this.eat("=")) d = this.expression();
        if (seenStar) {
          kwonly.push(a);
          kwDefaults.push(d);
        } else {
          if (d !== null) {
            defaults.push(d);
            seenDefault = true;
          } else if (seenDefault) {
            this.raise("parameter without a default follows parameter with a default", a);
          }
          args.push(a);
        }
        if (!this.eat(",")) {
          this.paramTypeComment(a);
          break;
        }
        this.paramTypeComment(a);
        continue;
      }
      if (!this.eat(",")) break;
      if (vararg !== null) this.paramTypeComment(vararg);
    }
    return {
      _type: "arguments",
      posonlyargs: posonly,
      args,
      vararg,
      kwonlyargs: kwonly,
      kw_defaults: kwDefaults,
      kwarg,
      defaults,
    };
  }

  private paramTypeComment(a: A.arg): void {
    if (this.atType(T.TYPE_COMMENT)) a.type_comment = this.tokens[this.pos++]!.string;
  }

  private param(lambda: boolean, star: boolean): A.arg {
    const t = this.name();
    let annotation: A.expr | null = null;
    if (!lambda && this.eat(":"))
      annotation = star && this.at("*") ? this.starExpression() : this.expression();
    return { _type: "arg", arg: t.string, annotation, type_comment: null, ...this.loc(t) };
  }

  private ifStmt(): A.If {
    const s = this.peek();
    this.pos++;
    const test = this.namedExpression();
    this.expectColon();
    const body = this.blockAfter(`'${s.string}' statement`, s.lineno);
    let orelse: A.stmt[] = [];
    if (this.at("elif")) orelse = [this.ifStmt()];
    else if (this.at("else")) orelse = this.elseBlock();
    return { _type: "If", test, body, orelse, ...this.loc(s) };
  }

  private elseBlock(): A.stmt[] {
    const t = this.peek();
    this.pos++;
    this.expectColon();
    return this.blockAfter("'else' statement", t.lineno);
  }

  private whileStmt(): A.While {
    const s = this.peek();
    this.pos++;
    const test = this.namedExpression();
    this.expectColon();
    const body = this.blockAfter("'while' statement", s.lineno);
    const orelse = this.at("else") ? this.elseBlock() : [];
    return { _type: "While", test, body, orelse, ...this.loc(s) };
  }

  private forStmt(): A.For | A.AsyncFor {
    const s = this.peek();
    const isAsync = this.eat("async") !== null;
    this.expect("for");
    const target = this.starTargets();
    this.checkTarget(target, "for");
    this.expect("in");
    const iter = this.starExpressions();
    this.expectColon();
    let typeComment: string | null = null;
    if (this.atType(T.TYPE_COMMENT)) typeComment = this.tokens[this.pos++]!.string;
    const body = this.blockAfter("'for' statement", s.lineno);
    const orelse = this.at("else") ? this.elseBlock() : [];
    const pos = this.loc(s);
    return isAsync
      ? { _type: "AsyncFor", target, iter, body, orelse, type_comment: typeComment, ...pos }
      : { _type: "For", target, iter, body, orelse, type_comment: typeComment, ...pos };
  }

  /** star_targets as in `for` and comprehensions: stops before `in`. */
  private starTargets(): A.expr {
    const s = this.peek();
    const first = this.starTarget();
    if (!this.at(",")) return first;
    const elts = [first];
    while (this.eat(",")) {
      if (this.at("in") || this.at("=")) break;
      elts.push(this.starTarget());
    }
    return { _type: "Tuple", elts, ctx: LOAD, ...this.loc(s) };
  }

  private starTarget(): A.expr {
    const s = this.peek();
    if (this.eat("*")) {
      const value = this.starTarget();
      return { _type: "Starred", value, ctx: LOAD, ...this.loc(s) };
    }
    return this.bitwiseOr();
  }

  private withStmt(): A.With | A.AsyncWith {
    const s = this.peek();
    const isAsync = this.eat("async") !== null;
    this.expect("with");
    let items: A.withitem[] | null = null;
    let typeComment: string | null = null;
    if (this.at("(")) {
      // '(' ','.with_item+ ','? ')' ':' — else fall back to the expression form.
      const mark = this.pos;
      try {
        this.pos++;
        const its: A.withitem[] = [];
        do {
          if (this.at(")")) break;
          its.push(this.withItem());
        } while (this.eat(","));
        this.expect(")");
        if (!this.at(":")) this.fail();
        items = its;
      } catch (e) {
        if (!(e instanceof ParseFail)) throw e;
        this.pos = mark;
      }
    }
    if (items === null) {
      items = [];
      do items.push(this.withItem());
      while (this.eat(","));
    }
    this.expectColon();
    if (this.atType(T.TYPE_COMMENT)) typeComment = this.tokens[this.pos++]!.string;
    const body = this.blockAfter("'with' statement", s.lineno);
    const pos = this.loc(s);
    return isAsync
      ? { _type: "AsyncWith", items, body, type_comment: typeComment, ...pos }
      : { _type: "With", items, body, type_comment: typeComment, ...pos };
  }

  private withItem(): A.withitem {
    const context_expr = this.expression();
    let optional_vars: A.expr | null = null;
    if (this.eat("as")) {
      optional_vars = this.starTarget();
      const t = this.peek();
      if (!(t.string === "," || t.string === ")" || t.string === ":")) this.fail();
      this.checkTarget(optional_vars, "with");
    }
    return { _type: "withitem", context_expr, optional_vars };
  }

  private tryStmt(): A.Try | A.TryStar {
    const s = this.peek();
    this.pos++;
    this.expectColon();
    const body = this.blockAfter("'try' statement", s.lineno);
    const handlers: A.ExceptHandler[] = [];
    let star: boolean | null = null;
    while (this.at("except")) {
      const h = this.peek();
      this.pos++;
      const starTok = this.eat("*");
      const isStar = starTok !== null;
      if (star === null) star = isStar;
      else if (star !== isStar) {
        this.raise("cannot have both 'except' and 'except*' on the same 'try'", h, starTok ?? h);
      }
      let type: A.expr | null = null;
      let name: string | null = null;
      if (!this.at(":")) {
        type = this.expression();
        if (this.at(",")) {
          // except A, B:  (3.13 requires parentheses)
          const first = type;
          while (this.eat(",")) this.expression();
          if (this.at(":") || this.at("as")) {
            this.raise(
              "multiple exception types must be parenthesized",
              first,
              this.tokens[this.pos - 1]!,
            );
          }
          this.fail();
        }
        if (this.eat("as")) name = this.name().string;
      } else if (isStar) {
        this.raise("expected one or more exception types", this.peek());
      }
      this.expectColon();
      const hbody = this.blockAfter(
        isStar ? "'except*' statement" : "'except' statement",
        h.lineno,
      );
      handlers.push({ _type: "ExceptHandler", type, name, body: hbody, ...this.loc(h) });
    }
    let orelse: A.stmt[] = [];
    let finalbody: A.stmt[] = [];
    if (handlers.length > 0 && this.at("else")) orelse = this.elseBlock();
    if (this.at("finally")) {
      const f = this.peek();
      this.pos++;
      this.expectColon();
      finalbody = this.blockAfter("'finally' statement", f.lineno);
    }
    if (handlers.length === 0 && finalbody.length === 0) {
      this.raise("expected 'except' or 'finally' block", this.peek());
    }
    const pos = this.loc(s);
    return star
      ? { _type: "TryStar", body, handlers, orelse, finalbody, ...pos }
      : { _type: "Try", body, handlers, orelse, finalbody, ...pos };
  }

  // ---- match ---------------------------------------------------------------------------------

  /** Decides whether a line starting with the soft keyword `match` is a match statement. */
  private looksLikeMatch(): boolean {
    const n = this.peekAt(1);
    if (
      n.type === T.NEWLINE ||
      (n.type === T.OP &&
        (n.string === "=" || n.string === "." || n.string === ")" || n.string === ","))
    )
      return false;
    const mark = this.pos;
    const maxPos = this.maxPos;
    try {
      this.pos++;
      this.subjectExpr();
      return this.at(":") && this.peekAt(1).type === T.NEWLINE;
    } catch (e) {
      if (!(e instanceof ParseFail) && !(e instanceof SkeinSyntaxError)) throw e;
      return false;
    } finally {
      this.pos = mark;
      this.maxPos = maxPos;
    }
  }

  private subjectExpr(): A.expr {
    const s = this.peek();
    const first = this.starNamedExpression();
    if (this.at(",")) {
      const elts = [first];
      while (this.eat(",")) {
        if (this.at(":")) break;
        elts.push(this.starNamedExpression());
      }
      return { _type: "Tuple", elts, ctx: LOAD, ...this.loc(s) };
    }
    if (first._type === "Starred") this.fail();
    return first;
  }

  private matchStmt(): A.Match {
    const s = this.peek();
    this.pos++;
    const subject = this.subjectExpr();
    this.expectColon();
    this.expectType(T.NEWLINE);
    if (!this.atType(T.INDENT)) {
      const t = this.peek();
      this.raise(
        `expected an indented block after 'match' statement on line ${s.lineno}`,
        t,
        t,
        "IndentationError",
      );
    }
    this.pos++;
    const cases: A.match_case[] = [];
    while (this.peek().type === T.NAME && this.peek().string === "case") {
      const c = this.peek();
      this.pos++;
      const pattern = this.patterns();
      const guard = this.eat("if") ? this.namedExpression() : null;
      this.expectColon();
      const body = this.blockAfter("'case' statement", c.lineno);
      cases.push({ _type: "match_case", pattern, guard, body });
    }
    if (cases.length === 0) this.fail();
    this.expectType(T.DEDENT);
    return { _type: "Match", subject, cases, ...this.loc(s) };
  }

  /** patterns: open_sequence_pattern | pattern */
  private patterns(): A.pattern {
    const s = this.peek();
    const first = this.maybeStarPattern();
    if (this.at(",")) {
      const pats = [first];
      while (this.eat(",")) {
        if (this.at(":") || this.at("if")) break;
        pats.push(this.maybeStarPattern());
      }
      return { _type: "MatchSequence", patterns: pats, ...this.loc(s) };
    }
    if (first._type === "MatchStar") {
      return { _type: "MatchSequence", patterns: [first], ...this.loc(s) };
    }
    return first;
  }

  private maybeStarPattern(): A.pattern {
    const s = this.peek();
    if (this.eat("*")) {
      const n = this.name().string;
      return { _type: "MatchStar", name: n === "_" ? null : n, ...this.loc(s) };
    }
    return this.pattern();
  }

  /** pattern: as_pattern | or_pattern */
  private pattern(): A.pattern {
    this.enter();
    const s = this.peek();
    const p = this.orPattern();
    let r = p;
    if (this.eat("as")) {
      const n = this.peek();
      if (n.type === T.NAME && n.string === "_") this.raise("cannot use '_' as a target", n);
      const name = this.name();
      if (this.at(".") || this.at("(") || this.at("=")) this.fail();
      r = { _type: "MatchAs", pattern: p, name: name.string, ...this.loc(s) };
    }
    this.depth--;
    return r;
  }

  private orPattern(): A.pattern {
    const s = this.peek();
    const first = this.closedPattern();
    if (!this.at("|")) return first;
    const pats = [first];
    while (this.eat("|")) pats.push(this.closedPattern());
    return { _type: "MatchOr", patterns: pats, ...this.loc(s) };
  }

  private closedPattern(): A.pattern {
    const s = this.peek();
    const t = s;
    if (t.type === T.NUMBER || (t.type === T.OP && t.string === "-")) {
      const value = this.signedNumberOrComplex();
      return { _type: "MatchValue", value, ...this.loc(s) };
    }
    if (t.type === T.STRING || t.type === T.FSTRING_START) {
      const value = this.strings();
      return { _type: "MatchValue", value, ...this.loc(s) };
    }
    if (t.type === T.NAME) {
      if (t.string === "None" || t.string === "True" || t.string === "False") {
        this.pos++;
        const value = t.string === "None" ? null : t.string === "True";
        return { _type: "MatchSingleton", value, ...this.loc(s) };
      }
      const nameOrAttr = this.nameOrAttr();
      if (this.at("(")) return this.classPattern(s, nameOrAttr);
      if (nameOrAttr._type === "Name") {
        if (nameOrAttr.id === "_")
          return { _type: "MatchAs", pattern: null, name: null, ...this.loc(s) };
        return { _type: "MatchAs", pattern: null, name: nameOrAttr.id, ...this.loc(s) };
      }
      return { _type: "MatchValue", value: nameOrAttr, ...this.loc(s) };
    }
    if (t.type === T.OP) {
      if (t.string === "(") {
        this.pos++;
        if (this.eat(")")) return { _type: "MatchSequence", patterns: [], ...this.loc(s) };
        const first = this.maybeStarPattern();
        if (this.at(",")) {
          const pats = [first];
          while (this.eat(",")) {
            if (this.at(")")) break;
            pats.push(this.maybeStarPattern());
          }
          this.expect(")");
          return { _type: "MatchSequence", patterns: pats, ...this.loc(s) };
        }
        this.expect(")");
        if (first._type === "MatchStar")
          return { _type: "MatchSequence", patterns: [first], ...this.loc(s) };
        return first;
      }
      if (t.string === "[") {
        this.pos++;
        const pats: A.pattern[] = [];
        while (!this.at("]")) {
          pats.push(this.maybeStarPattern());
          if (!this.eat(",")) break;
        }
        this.expect("]");
        return { _type: "MatchSequence", patterns: pats, ...this.loc(s) };
      }
      if (t.string === "{") return this.mappingPattern();
    }
    this.fail();
  }

  private nameOrAttr(): A.Name | A.Attribute {
    const s = this.peek();
    const n = this.name();
    let e: A.Name | A.Attribute = { _type: "Name", id: n.string, ctx: LOAD, ...this.loc(s) };
    while (this.eat(".")) {
      const a = this.name();
      e = { _type: "Attribute", value: e, attr: a.string, ctx: LOAD, ...this.loc(s) };
    }
    return e;
  }

  /** signed_number | complex_number (for literal patterns and mapping keys). */
  private signedNumberOrComplex(): A.expr {
    const s = this.peek();
    let real: A.expr;
    if (this.eat("-")) {
      const n = this.expectType(T.NUMBER);
      const operand: A.expr = {
        _type: "Constant",
        value: parseNumber(n.string),
        kind: null,
        ...this.loc(n),
      };
      real = { _type: "UnaryOp", op: { _type: "USub" }, operand, ...this.loc(s) };
    } else {
      const n = this.expectType(T.NUMBER);
      real = { _type: "Constant", value: parseNumber(n.string), kind: null, ...this.loc(n) };
    }
    if (this.at("+") || this.at("-")) {
      const op = this.peek().string;
      this.pos++;
      const n = this.expectType(T.NUMBER);
      const imag: A.expr = {
        _type: "Constant",
        value: parseNumber(n.string),
        kind: null,
        ...this.loc(n),
      };
      return {
        _type: "BinOp",
        left: real,
        op: op === "+" ? { _type: "Add" } : { _type: "Sub" },
        right: imag,
        ...this.loc(s),
      };
    }
    return real;
  }

  private mappingPattern(): A.MatchMapping {
    const s = this.peek();
    this.pos++;
    const keys: A.expr[] = [];
    const patterns: A.pattern[] = [];
    let rest: string | null = null;
    while (!this.at("}")) {
      if (this.eat("**")) {
        rest = this.name().string;
        this.eat(",");
        break;
      }
      const t = this.peek();
      let key: A.expr;
      if (t.type === T.NUMBER || t.string === "-") key = this.signedNumberOrComplex();
      else if (t.type === T.STRING || t.type === T.FSTRING_START) key = this.strings();
      else if (
        t.type === T.NAME &&
        (t.string === "None" || t.string === "True" || t.string === "False")
      ) {
        this.pos++;
        key = {
          _type: "Constant",
          value: t.string === "None" ? null : t.string === "True",
          kind: null,
          ...this.loc(t),
        };
      } else {
        key = this.nameOrAttr();
        if (key._type === "Name") this.fail();
      }
      keys.push(key);
      this.expect(":");
      patterns.push(this.pattern());
      if (!this.eat(",")) break;
    }
    this.expect("}");
    return { _type: "MatchMapping", keys, patterns, rest, ...this.loc(s) };
  }

  private classPattern(s: Token, cls: A.Name | A.Attribute): A.MatchClass {
    this.expect("(");
    const patterns: A.pattern[] = [];
    const kwdAttrs: string[] = [];
    const kwdPatterns: A.pattern[] = [];
    while (!this.at(")")) {
      if (this.atName() && this.peekAt(1).string === "=") {
        const k = this.name();
        this.pos++;
        kwdAttrs.push(k.string);
        kwdPatterns.push(this.pattern());
      } else {
        const p = this.pattern();
        if (kwdAttrs.length > 0) {
          this.raise("positional patterns follow keyword patterns", p);
        }
        patterns.push(p);
      }
      if (!this.eat(",")) break;
    }
    this.expect(")");
    return {
      _type: "MatchClass",
      cls,
      patterns,
      kwd_attrs: kwdAttrs,
      kwd_patterns: kwdPatterns,
      ...this.loc(s),
    };
  }

  // ---- expressions ---------------------------------------------------------------------------

  /** expressions: expression (',' expression)* [','] */
  private expressions(): A.expr {
    const s = this.peek();
    const first = this.expression();
    if (!this.at(",")) return first;
    const elts = [first];
    while (this.eat(",")) {
      if (!this.startsExpression()) break;
      elts.push(this.expression());
    }
    return { _type: "Tuple", elts, ctx: LOAD, ...this.loc(s) };
  }

  /** star_expressions: star_expression (',' star_expression)* [','] */
  private starExpressions(): A.expr {
    const s = this.peek();
    const first = this.starExpression();
    if (!this.at(",")) return first;
    const elts = [first];
    while (this.eat(",")) {
      if (!this.startsExpression()) break;
      elts.push(this.starExpression());
    }
    return { _type: "Tuple", elts, ctx: LOAD, ...this.loc(s) };
  }

  /** Whether the current token can start an expression (used after a trailing comma). */
  private startsExpression(): boolean {
    const t = this.peek();
    switch (t.type) {
      case T.NAME:
        return !KEYWORDS.has(t.string) || EXPR_KEYWORDS.has(t.string);
      case T.NUMBER:
      case T.STRING:
      case T.FSTRING_START:
        return true;
      case T.OP:
        return EXPR_START_OPS.has(t.string);
    }
    return false;
  }

  /** star_expression: '*' bitwise_or | expression */
  private starExpression(): A.expr {
    const s = this.peek();
    if (this.eat("*")) {
      const value = this.bitwiseOr();
      return { _type: "Starred", value, ctx: LOAD, ...this.loc(s) };
    }
    return this.expression();
  }

  /** star_named_expression: '*' bitwise_or | named_expression */
  private starNamedExpression(): A.expr {
    const s = this.peek();
    if (this.eat("*")) {
      const value = this.bitwiseOr();
      return { _type: "Starred", value, ctx: LOAD, ...this.loc(s) };
    }
    return this.namedExpression();
  }

  /** named_expression: NAME ':=' expression | expression !':=' */
  private namedExpression(): A.expr {
    const s = this.peek();
    if (this.isName(s) && this.peekAt(1).string === ":=") {
      this.pos += 2;
      const target: A.Name = { _type: "Name", id: s.string, ctx: STORE, ...this.tokLoc(s) };
      const value = this.expression();
      return { _type: "NamedExpr", target, value, ...this.loc(s) };
    }
    const e = this.expression();
    if (this.at(":=")) {
      this.raise(`cannot use assignment expressions with ${exprName(e)}`, e);
    }
    return e;
  }

  private tokLoc(t: Token): Pos {
    return {
      lineno: t.lineno,
      col_offset: t.col,
      end_lineno: t.endLineno,
      end_col_offset: t.endCol,
    };
  }

  /** expression: disjunction 'if' disjunction 'else' expression | disjunction | lambdef */
  expression(): A.expr {
    this.enter();
    const s = this.peek();
    let r: A.expr;
    if (s.type === T.NAME && s.string === "lambda") r = this.lambdef();
    else {
      r = this.disjunction();
      const n = this.peek();
      if (n.level > 0 && n.type !== T.FSTRING_MIDDLE && this.startsExpression())
        this.forgotComma(s, r);
      if (this.at("if")) {
        this.pos++;
        const test = this.disjunction();
        if (!this.eat("else")) {
          this.raise("expected 'else' after 'if' expression", this.locFrom(r));
        }
        const orelse = this.expression();
        r = { _type: "IfExp", test, body: r, orelse, ...this.loc(s) };
      }
    }
    this.depth--;
    return r;
  }

  /**
   * invalid_expression: `a b` inside brackets is "Perhaps you forgot a comma?", unless `a` is a
   * NAME followed by a STRING, starts with a soft keyword, or is a legacy print/exec.
   */
  private forgotComma(s: Token, a: A.expr): void {
    if (
      s.type === T.NAME &&
      (SOFT_KEYWORDS.has(s.string) ||
        (this.tokens[this.pos - 1] === s && this.peek().type === T.STRING))
    )
      return;
    if (a._type === "Name" && (a.id === "print" || a.id === "exec")) return;
    const mark = this.pos;
    try {
      this.expression();
    } catch (e) {
      if (e instanceof ParseFail || e instanceof SkeinSyntaxError) {
        this.pos = mark;
        return;
      }
      throw e;
    }
    this.raise("invalid syntax. Perhaps you forgot a comma?", s, this.lastTok());
  }

  private lambdef(): A.Lambda {
    const s = this.peek();
    this.pos++;
    const args = this.at(":") ? emptyArguments() : this.parameters(":");
    this.expect(":");
    const body = this.expression();
    return { _type: "Lambda", args, body, ...this.loc(s) };
  }

  private disjunction(): A.expr {
    const s = this.peek();
    const first = this.conjunction();
    if (!this.at("or")) return first;
    const values = [first];
    while (this.eat("or")) values.push(this.conjunction());
    return { _type: "BoolOp", op: { _type: "Or" }, values, ...this.loc(s) };
  }

  private conjunction(): A.expr {
    const s = this.peek();
    const first = this.inversion();
    if (!this.at("and")) return first;
    const values = [first];
    while (this.eat("and")) values.push(this.inversion());
    return { _type: "BoolOp", op: { _type: "And" }, values, ...this.loc(s) };
  }

  private inversion(): A.expr {
    const s = this.peek();
    if (s.type === T.NAME && s.string === "not") {
      this.pos++;
      this.enter();
      const operand = this.inversion();
      this.depth--;
      return { _type: "UnaryOp", op: { _type: "Not" }, operand, ...this.loc(s) };
    }
    return this.comparison();
  }

  private comparison(): A.expr {
    const s = this.peek();
    const left = this.bitwiseOr();
    let ops: A.cmpop[] | null = null;
    let comparators: A.expr[] | null = null;
    for (;;) {
      const t = this.peek();
      let op: A.cmpop | undefined;
      if (t.type === T.OP) {
        op = COMPARE_OPS[t.string];
        if (op === undefined) break;
        this.pos++;
      } else if (t.type === T.NAME) {
        if (t.string === "in" || t.string === "is") {
          this.pos++;
          if (t.string === "is" && this.eat("not")) op = { _type: "IsNot" };
          else op = COMPARE_OPS[t.string]!;
        } else if (t.string === "not" && this.peekAt(1).string === "in") {
          this.pos += 2;
          op = { _type: "NotIn" };
        } else break;
      } else break;
      ops ??= [];
      comparators ??= [];
      ops.push(op);
      comparators.push(this.bitwiseOr());
    }
    if (ops === null) return left;
    return { _type: "Compare", left, ops, comparators: comparators!, ...this.loc(s) };
  }

  bitwiseOr(): A.expr {
    return this.binary(1);
  }

  /** bitwise_or .. term by precedence climbing; all are left-associative. */
  private binary(minPrec: number): A.expr {
    const s = this.peek();
    let left = this.factor();
    for (;;) {
      const t = this.peek();
      if (t.type !== T.OP) break;
      const b = BINOPS[t.string];
      if (b === undefined || b[0] < minPrec) break;
      this.pos++;
      const right = this.binary(b[0] + 1);
      left = { _type: "BinOp", left, op: b[1], right, ...this.loc(s) };
    }
    return left;
  }

  /** factor: '+' factor | '-' factor | '~' factor | power */
  private factor(): A.expr {
    const s = this.peek();
    if (s.type === T.OP) {
      let op: A.unaryop | null = null;
      if (s.string === "-") op = { _type: "USub" };
      else if (s.string === "+") op = { _type: "UAdd" };
      else if (s.string === "~") op = { _type: "Invert" };
      if (op !== null) {
        this.pos++;
        this.enter();
        const operand = this.factor();
        this.depth--;
        return { _type: "UnaryOp", op, operand, ...this.loc(s) };
      }
    }
    return this.power();
  }

  /** power: await_primary '**' factor | await_primary */
  private power(): A.expr {
    const s = this.peek();
    const left = this.awaitPrimary();
    if (this.at("**")) {
      this.pos++;
      this.enter();
      const right = this.factor();
      this.depth--;
      return { _type: "BinOp", left, op: { _type: "Pow" }, right, ...this.loc(s) };
    }
    return left;
  }

  private awaitPrimary(): A.expr {
    const s = this.peek();
    if (s.type === T.NAME && s.string === "await") {
      this.pos++;
      const value = this.primary();
      return { _type: "Await", value, ...this.loc(s) };
    }
    return this.primary();
  }

  /** primary: atom followed by any number of '.' NAME, genexp, '(' arguments ')', '[' slices ']' */
  primary(): A.expr {
    const s = this.peek();
    let e = this.atom();
    for (;;) {
      const t = this.peek();
      if (t.type !== T.OP) break;
      if (t.string === ".") {
        this.pos++;
        const n = this.name();
        e = { _type: "Attribute", value: e, attr: n.string, ctx: LOAD, ...this.loc(s) };
      } else if (t.string === "(") {
        this.pos++;
        const [args, keywords] = this.at(")") ? [[], []] : this.arguments();
        this.expect(")");
        e = { _type: "Call", func: e, args, keywords, ...this.loc(s) };
      } else if (t.string === "[") {
        this.pos++;
        const slice = this.slices();
        this.expect("]");
        e = { _type: "Subscript", value: e, slice, ctx: LOAD, ...this.loc(s) };
      } else break;
    }
    return e;
  }

  /** slices: slice !',' | ','.(slice | starred_expression)+ [','] */
  private slices(): A.expr {
    const s = this.peek();
    const first = this.slice();
    if (!this.at(",")) {
      // A starred element always makes a tuple: x[*a] is x[(*a,)].
      if (first._type !== "Starred") return first;
      return { _type: "Tuple", elts: [first], ctx: LOAD, ...this.loc(s) };
    }
    const elts = [first];
    while (this.eat(",")) {
      if (this.at("]")) break;
      elts.push(this.slice());
    }
    return { _type: "Tuple", elts, ctx: LOAD, ...this.loc(s) };
  }

  /** slice: [expression] ':' [expression] [':' [expression]] | named_expression | starred */
  private slice(): A.expr {
    const s = this.peek();
    if (this.at("*")) {
      this.pos++;
      const value = this.bitwiseOr();
      return { _type: "Starred", value, ctx: LOAD, ...this.loc(s) };
    }
    let lower: A.expr | null = null;
    if (!this.at(":")) {
      lower = this.namedExpression();
      if (!this.at(":")) return lower;
    }
    this.pos++;
    let upper: A.expr | null = null;
    let step: A.expr | null = null;
    if (!this.at(":") && !this.at("]") && !this.at(",")) upper = this.expression();
    if (this.eat(":")) {
      if (!this.at("]") && !this.at(",")) step = this.expression();
    }
    return { _type: "Slice", lower, upper, step, ...this.loc(s) };
  }

  private atom(): A.expr {
    const t = this.peek();
    switch (t.type) {
      case T.NAME:
        this.pos++;
        switch (t.string) {
          case "None":
            return { _type: "Constant", value: null, kind: null, ...this.tokLoc(t) };
          case "True":
            return { _type: "Constant", value: true, kind: null, ...this.tokLoc(t) };
          case "False":
            return { _type: "Constant", value: false, kind: null, ...this.tokLoc(t) };
        }
        if (KEYWORDS.has(t.string)) {
          this.pos--;
          this.fail();
        }
        return { _type: "Name", id: t.string, ctx: LOAD, ...this.tokLoc(t) };
      case T.NUMBER:
        this.pos++;
        return { _type: "Constant", value: parseNumber(t.string), kind: null, ...this.tokLoc(t) };
      case T.STRING:
      case T.FSTRING_START:
        return this.strings();
      case T.OP:
        switch (t.string) {
          case "(":
            return this.parenAtom();
          case "[":
            return this.listAtom();
          case "{":
            return this.braceAtom();
          case "...":
            this.pos++;
            return { _type: "Constant", value: Ellipsis, kind: null, ...this.tokLoc(t) };
        }
    }
    this.fail();
  }

  /** tuple | group | genexp */
  private parenAtom(): A.expr {
    const s = this.peek();
    this.enter();
    this.pos++;
    if (this.eat(")")) {
      this.depth--;
      return { _type: "Tuple", elts: [], ctx: LOAD, ...this.loc(s) };
    }
    let r: A.expr;
    if (this.at("yield")) {
      r = this.yieldExpr();
      this.expect(")");
    } else {
      const first = this.starNamedExpression();
      if (this.at("for") || this.at("async")) {
        const generators = this.forIfClauses();
        this.expect(")");
        r = { _type: "GeneratorExp", elt: first, generators, ...this.loc(s) };
      } else if (this.at(",")) {
        const elts = [first];
        while (this.eat(",")) {
          if (this.at(")")) break;
          elts.push(this.starNamedExpression());
        }
        this.expect(")");
        r = { _type: "Tuple", elts, ctx: LOAD, ...this.loc(s) };
      } else {
        if (!this.at(")")) this.fail();
        this.pos++;
        if (first._type === "Starred") this.raise("cannot use starred expression here", first);
        r = first;
      }
    }
    this.depth--;
    return r;
  }

  private listAtom(): A.expr {
    const s = this.peek();
    this.enter();
    this.pos++;
    if (this.eat("]")) {
      this.depth--;
      return { _type: "List", elts: [], ctx: LOAD, ...this.loc(s) };
    }
    const first = this.starNamedExpression();
    let r: A.expr;
    if (this.at("for") || this.at("async")) {
      const generators = this.forIfClauses();
      this.expect("]");
      r = { _type: "ListComp", elt: first, generators, ...this.loc(s) };
    } else {
      const elts = [first];
      while (this.eat(",")) {
        if (this.at("]")) break;
        elts.push(this.starNamedExpression());
      }
      this.expect("]");
      r = { _type: "List", elts, ctx: LOAD, ...this.loc(s) };
    }
    this.depth--;
    return r;
  }

  /** dict | set | dictcomp | setcomp */
  private braceAtom(): A.expr {
    const s = this.peek();
    this.enter();
    this.pos++;
    let r: A.expr;
    if (this.eat("}")) {
      r = { _type: "Dict", keys: [], values: [], ...this.loc(s) };
    } else if (this.at("**")) {
      r = this.dictRest(s, [], []);
    } else {
      const first = this.starNamedExpression();
      if (this.eat(":")) {
        const v = this.expression();
        if (this.at("for") || this.at("async")) {
          const generators = this.forIfClauses();
          this.expect("}");
          r = { _type: "DictComp", key: first, value: v, generators, ...this.loc(s) };
        } else r = this.dictRest(s, [first], [v]);
      } else if (this.at("for") || this.at("async")) {
        const generators = this.forIfClauses();
        this.expect("}");
        r = { _type: "SetComp", elt: first, generators, ...this.loc(s) };
      } else {
        const elts = [first];
        while (this.eat(",")) {
          if (this.at("}")) break;
          elts.push(this.starNamedExpression());
        }
        this.expect("}");
        r = { _type: "Set", elts, ...this.loc(s) };
      }
    }
    this.depth--;
    return r;
  }

  private dictRest(s: Token, keys: (A.expr | null)[], values: A.expr[]): A.Dict {
    if (keys.length > 0 && !this.eat(",")) {
      this.expect("}");
      return { _type: "Dict", keys, values, ...this.loc(s) };
    }
    while (!this.at("}")) {
      if (this.eat("**")) {
        keys.push(null);
        values.push(this.bitwiseOr());
      } else {
        keys.push(this.expression());
        this.expect(":");
        values.push(this.expression());
      }
      if (!this.eat(",")) break;
    }
    this.expect("}");
    return { _type: "Dict", keys, values, ...this.loc(s) };
  }

  /** for_if_clauses */
  private forIfClauses(): A.comprehension[] {
    const out: A.comprehension[] = [];
    for (;;) {
      let isAsync = 0;
      if (this.at("async") && this.peekAt(1).string === "for") {
        this.pos++;
        isAsync = 1;
      } else if (!this.at("for")) break;
      this.pos++;
      const target = this.starTargets();
      this.checkTarget(target, "comp");
      this.expect("in");
      const iter = this.disjunction();
      const ifs: A.expr[] = [];
      while (this.eat("if")) ifs.push(this.disjunction());
      out.push({ _type: "comprehension", target, iter, ifs, is_async: isAsync });
    }
    return out;
  }

  /** yield_expr: 'yield' 'from' expression | 'yield' [star_expressions] */
  private yieldExpr(): A.expr {
    const s = this.peek();
    this.pos++;
    if (this.eat("from")) {
      const value = this.expression();
      return { _type: "YieldFrom", value, ...this.loc(s) };
    }
    const value = this.startsExpression() || this.at("*") ? this.starExpressions() : null;
    return { _type: "Yield", value, ...this.loc(s) };
  }

  /** arguments (of a call or class bases): positional, starred, keywords, double-starred. */
  private arguments(): [A.expr[], A.keyword[]] {
    const args: A.expr[] = [];
    const keywords: A.keyword[] = [];
    const open = this.tokens[this.pos - 1]!;
    for (;;) {
      if (this.at(")")) break;
      const s = this.peek();
      if (this.eat("*")) {
        const value = this.expression();
        args.push({ _type: "Starred", value, ctx: LOAD, ...this.loc(s) });
      } else if (this.eat("**")) {
        const value = this.expression();
        keywords.push({ _type: "keyword", arg: null, value, ...this.loc(s) });
      } else if (this.isName(s) && this.peekAt(1).string === "=" && this.peekAt(1).type === T.OP) {
        this.pos += 2;
        const value = this.expression();
        keywords.push({ _type: "keyword", arg: s.string, value, ...this.loc(s) });
      } else {
        const e = this.namedExpression();
        if (this.at("for") || this.at("async")) {
          // A bare generator expression argument: its parentheses are the call's.
          const generators = this.forIfClauses();
          const close = this.peek();
          if (close.string === ",") {
            this.raise("Generator expression must be parenthesized", s, this.lastTok());
          }
          if (close.string !== ")") this.fail();
          const g: A.GeneratorExp = {
            _type: "GeneratorExp",
            elt: e,
            generators,
            lineno: open.lineno,
            col_offset: open.col,
            end_lineno: close.endLineno,
            end_col_offset: close.endCol,
          };
          if (args.length + keywords.length > 0 || this.tokens[this.pos - 1]!.string === ",") {
            this.raise("Generator expression must be parenthesized", g);
          }
          args.push(g);
          if (this.at(",") && this.peekAt(1).string !== ")")
            this.raise("Generator expression must be parenthesized", g);
          this.eat(",");
          break;
        }
        if (this.at("=")) {
          const eq = this.peek();
          if (e._type === "Constant" || e._type === "Name") {
            this.raise('expression cannot contain assignment, perhaps you meant "=="?', e, eq);
          }
          this.raise('expression cannot contain assignment, perhaps you meant "=="?', e, eq);
        }
        if (keywords.length > 0) {
          const hasDoubleStar = keywords.some((k) => k.arg === null);
          this.raise(
            hasDoubleStar
              ? "positional argument follows keyword argument unpacking"
              : "positional argument follows keyword argument",
            this.peek(),
          );
        }
        args.push(e);
      }
      if (!this.eat(",")) break;
    }
    return [args, keywords];
  }

  // ---- strings -------------------------------------------------------------------------------

  /** strings: (fstring | string)+, concatenated as CPython's _PyPegen_concatenate_strings. */
  strings(): A.expr {
    const s = this.peek();
    const parts: StrPart[] = [];
    let bytesMode: boolean | null = null;
    let anyF = false;
    let kindU = false;
    for (;;) {
      const t = this.peek();
      if (t.type === T.STRING) {
        this.pos++;
        const prefix = parsePrefix(t.string);
        if (bytesMode === null) {
          bytesMode = prefix.bytes;
          kindU = prefix.u;
        } else if (bytesMode !== prefix.bytes) {
          this.raise("cannot mix bytes and nonbytes literals", s, t);
        }
        parts.push({ kind: "str", value: this.decodeString(t, prefix), tok: t });
      } else if (t.type === T.FSTRING_START) {
        if (bytesMode === true) this.raise("cannot mix bytes and nonbytes literals", s, t);
        if (bytesMode === null) bytesMode = false;
        anyF = true;
        this.fstring(parts);
      } else break;
    }
    const e = this.lastTok();
    const pos: Pos = {
      lineno: s.lineno,
      col_offset: s.col,
      end_lineno: e.endLineno,
      end_col_offset: e.endCol,
    };
    if (bytesMode) {
      const chunks = parts.map((p) => p.value as unknown as Uint8Array);
      let len = 0;
      for (const c of chunks) len += c.length;
      const all = new Uint8Array(len);
      let k = 0;
      for (const c of chunks) {
        all.set(c, k);
        k += c.length;
      }
      return { _type: "Constant", value: all, kind: null, ...pos };
    }
    if (!anyF) {
      const value =
        parts.length === 1
          ? (parts[0]!.value as string | PySurrogateStr)
          : concatStrs(parts.map((p) => p.value as string | PySurrogateStr));
      return { _type: "Constant", value, kind: kindU ? "u" : null, ...pos };
    }
    return { _type: "JoinedStr", values: joinParts(parts), ...pos };
  }

  private decodeString(
    t: Token,
    prefix: ReturnType<typeof parsePrefix>,
  ): string | PySurrogateStr | Uint8Array {
    const text = t.string;
    const q = text.charCodeAt(prefix.length);
    const qs =
      text.charCodeAt(prefix.length + 1) === q &&
      text.length - prefix.length >= 6 &&
      text.charCodeAt(prefix.length + 2) === q
        ? 3
        : 1;
    const body = text.slice(prefix.length + qs, text.length - qs);
    try {
      if (prefix.bytes) {
        for (let i = 0; i < body.length; i++) {
          if (body.charCodeAt(i) >= 128) {
            this.raise("bytes can only contain ASCII literal characters", t);
          }
        }
        return decodeBytes(body, prefix.raw);
      }
      return prefix.raw ? body : decodeStrEscapes(body);
    } catch (e) {
      if (e instanceof LiteralError) this.raise(e.message, t);
      throw e;
    }
  }

  /** fstring: FSTRING_START fstring_middle* FSTRING_END, appending its parts. */
  private fstring(parts: StrPart[]): void {
    const start = this.peek();
    this.pos++;
    const raw = parsePrefix(start.string).raw;
    for (;;) {
      const t = this.peek();
      if (t.type === T.FSTRING_END) {
        this.pos++;
        return;
      }
      if (t.type === T.FSTRING_MIDDLE) {
        this.pos++;
        parts.push({ kind: "str", value: this.decodeMiddle(t, raw), tok: t });
        continue;
      }
      if (t.type === T.OP && t.string === "{") {
        parts.push({ kind: "field", value: this.fstringReplacementField(raw), tok: t });
        continue;
      }
      this.fail();
    }
  }

  private decodeMiddle(t: Token, raw: boolean): string {
    if (raw) return t.string;
    try {
      return strText(decodeStrEscapes(t.string));
    } catch (e) {
      if (e instanceof LiteralError) this.raise(e.message, t);
      throw e;
    }
  }

  /** fstring_replacement_field: '{' annotated_rhs '='? [fstring_conversion] [fstring_full_format_spec] '}' */
  private fstringReplacementField(raw: boolean): A.FormattedValue | A.expr[] {
    const open = this.peek();
    this.pos++;
    this.enter();
    const t0 = this.peek();
    if (
      t0.type === T.OP &&
      (t0.string === "}" || t0.string === "!" || t0.string === ":" || t0.string === "=")
    ) {
      this.raise(`f-string: valid expression required before '${t0.string}'`, t0);
    }
    const first = this.pos;
    const value = this.at("yield") ? this.yieldExpr() : this.starExpressions();
    let debugText: string | null = null;
    let debugTok: Token | null = null;
    if (this.at("=")) {
      this.pos++;
      // The text runs from after '{' to the next token (whitespace after '=' included), without
      // the comments between the tokens, as CPython keeps it.
      debugTok = this.peek();
      debugText = "";
      let from = open.end;
      for (let i = first; i <= this.pos; i++) {
        const t = this.tokens[i]!;
        debugText += this.src.slice(from, t.start).replace(/#[^\n]*/g, "");
        if (i < this.pos) debugText += this.src.slice(t.start, t.end);
        from = t.end;
      }
    }
    let conversion = -1;
    if (this.at("!")) {
      const bang = this.peek();
      this.pos++;
      const n = this.peek();
      if (n.type !== T.NAME || n.start !== bang.end) {
        this.raise("f-string: missing conversion character", n);
      }
      if (n.string !== "s" && n.string !== "r" && n.string !== "a") {
        this.raise(
          `f-string: invalid conversion character ${JSON.stringify(n.string).replace(/"/g, "'")}: expected 's', 'r', or 'a'`,
          n,
        );
      }
      this.pos++;
      conversion = n.string.charCodeAt(0);
    }
    let formatSpec: A.JoinedStr | null = null;
    if (this.at(":")) {
      const colon = this.peek();
      this.pos++;
      const specParts: StrPart[] = [];
      for (;;) {
        const t = this.peek();
        if (t.type === T.FSTRING_MIDDLE) {
          this.pos++;
          specParts.push({ kind: "str", value: this.decodeMiddle(t, raw), tok: t });
        } else if (t.type === T.OP && t.string === "{") {
          specParts.push({ kind: "field", value: this.fstringReplacementField(raw), tok: t });
        } else break;
      }
      const close = this.peek();
      formatSpec = {
        _type: "JoinedStr",
        values: joinParts(specParts),
        lineno: colon.lineno,
        col_offset: colon.col,
        end_lineno: close.lineno,
        end_col_offset: close.col,
      };
    }
    const close = this.peek();
    if (!(close.type === T.OP && close.string === "}")) {
      if (close.type === T.FSTRING_END || close.type === T.FSTRING_MIDDLE) {
        this.raise("f-string: expecting '}'", close);
      }
      this.fail();
    }
    this.pos++;
    this.depth--;
    if (debugText !== null && conversion === -1 && formatSpec === null) conversion = 114;
    const fv: A.FormattedValue = {
      _type: "FormattedValue",
      value,
      conversion,
      format_spec: formatSpec,
      ...this.loc(open),
    };
    if (debugText !== null) {
      const dt: A.Constant = {
        _type: "Constant",
        value: debugText,
        kind: null,
        lineno: open.endLineno,
        col_offset: open.endCol,
        end_lineno: debugTok!.lineno,
        end_col_offset: debugTok!.col,
      };
      return [dt, fv];
    }
    return fv;
  }
}

/**
 * Where CPython reports an error at an INDENT, DEDENT or ENDMARKER: those tokens have no column,
 * so the offset is how far the tokenizer had read on the line (the whole last line at EOF).
 */
export function whitespaceTokenPos(t: Token, src: string): [number, number] {
  if (t.start >= src.length && t.type !== T.INDENT) {
    let lineno = 1;
    for (let i = src.indexOf("\n"); i >= 0 && i < src.length - 1; i = src.indexOf("\n", i + 1))
      lineno++;
    const start = src.lastIndexOf("\n", src.length - 2) + 1;
    return [lineno, utf8Length(src, start, src.length)];
  }
  return [t.lineno, t.type === T.INDENT ? t.endCol : t.col];
}

interface StrPart {
  kind: "str" | "field";
  value: string | PySurrogateStr | Uint8Array | A.FormattedValue | A.expr[];
  tok: Token;
}

/** Merges adjacent literal parts into Constants spanning them, keeping fields in between. */
function joinParts(parts: StrPart[]): A.expr[] {
  const out: A.expr[] = [];
  let text = "";
  let first: Token | null = null;
  let last: Token | null = null;
  const flush = (): void => {
    if (first !== null && last !== null) {
      if (text.length > 0) {
        out.push({
          _type: "Constant",
          value: text,
          kind: null,
          lineno: first.lineno,
          col_offset: first.col,
          end_lineno: last.endLineno,
          end_col_offset: last.endCol,
        });
      }
    }
    text = "";
    first = last = null;
  };
  for (const p of parts) {
    if (p.kind === "str") {
      first ??= p.tok;
      last = p.tok;
      text += strText(p.value as string | PySurrogateStr);
    } else {
      flush();
      const v = p.value;
      if (Array.isArray(v)) {
        // `{x=}`: its debug text, then the field (the text merges with a literal below).
        out.push(v[0]!, v[1]!);
      } else out.push(v as A.FormattedValue);
    }
  }
  flush();
  // Adjacent Constants (a literal then a debug text) merge, as CPython does.
  const merged: A.expr[] = [];
  for (const e of out) {
    const prev = merged[merged.length - 1];
    if (prev !== undefined && prev._type === "Constant" && e._type === "Constant") {
      merged[merged.length - 1] = {
        ...prev,
        value: (prev.value as string) + (e.value as string),
        end_lineno: e.end_lineno,
        end_col_offset: e.end_col_offset,
      };
    } else merged.push(e);
  }
  return merged;
}

const SOFT_KEYWORDS = new Set(["match", "case", "type", "_"]);
const EXPR_KEYWORDS = new Set(["None", "True", "False", "not", "lambda", "await", "yield"]);
const EXPR_START_OPS = new Set(["(", "[", "{", "-", "+", "~", "...", "*", "**"]);

function emptyArguments(): A.arguments {
  return {
    _type: "arguments",
    posonlyargs: [],
    args: [],
    vararg: null,
    kwonlyargs: [],
    kw_defaults: [],
    kwarg: null,
    defaults: [],
  };
}

/** Parses a NUMBER token's text into its Python value. */
export function parseNumber(text: string): ConstantValue {
  const s = text.includes("_") ? text.replace(/_/g, "") : text;
  const last = s.charCodeAt(s.length - 1) | 0x20;
  if (last === 106) return makeComplex(0, Number(s.slice(0, -1)));
  const c1 = s.charCodeAt(1) | 0x20;
  if (s.charCodeAt(0) === 48 && (c1 === 120 || c1 === 111 || c1 === 98)) return BigInt(s);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 46 || c === 101 || c === 69) return Number(s);
  }
  return BigInt(s);
}

/** The context of a target expression (Store or Del), set recursively as CPython's set_expr_context. */
export function setContext(e: A.expr, ctx: Ctx): void {
  switch (e._type) {
    case "Name":
    case "Attribute":
    case "Subscript":
      e.ctx = ctx;
      break;
    case "Starred":
      e.ctx = ctx;
      setContext(e.value, ctx);
      break;
    case "List":
    case "Tuple":
      e.ctx = ctx;
      for (const x of e.elts) setContext(x, ctx);
      break;
  }
}

/** CPython's _PyPegen_get_invalid_target. */
function invalidTarget(e: A.expr, del: boolean): A.expr | null {
  switch (e._type) {
    case "List":
    case "Tuple":
      for (const x of e.elts) {
        const c = invalidTarget(x, del);
        if (c !== null) return c;
      }
      return null;
    case "Starred":
      if (del) return e;
      return invalidTarget(e.value, del);
    case "Name":
    case "Subscript":
    case "Attribute":
      return null;
  }
  return e;
}

function isSingleton(e: A.expr): boolean {
  return e._type === "Constant" && (e.value === null || e.value === true || e.value === false);
}

function isCallLike(e: A.expr): boolean {
  return e._type !== "List" && e._type !== "Tuple";
}

/** CPython's _PyPegen_get_expr_name. */
export function exprName(e: A.expr): string {
  switch (e._type) {
    case "Attribute":
      return "attribute";
    case "Subscript":
      return "subscript";
    case "Starred":
      return "starred";
    case "Name":
      return "name";
    case "List":
      return "list";
    case "Tuple":
      return "tuple";
    case "Lambda":
      return "lambda";
    case "Call":
      return "function call";
    case "BoolOp":
    case "BinOp":
    case "UnaryOp":
      return "expression";
    case "GeneratorExp":
      return "generator expression";
    case "Yield":
    case "YieldFrom":
      return "yield expression";
    case "Await":
      return "await expression";
    case "ListComp":
      return "list comprehension";
    case "SetComp":
      return "set comprehension";
    case "DictComp":
      return "dict comprehension";
    case "Dict":
      return "dict literal";
    case "Set":
      return "set display";
    case "JoinedStr":
    case "FormattedValue":
      return "f-string expression";
    case "Constant": {
      const v = e.value;
      if (v === null) return "None";
      if (v === false) return "False";
      if (v === true) return "True";
      if (v === Ellipsis) return "ellipsis";
      return "literal";
    }
    case "Compare":
      return "comparison";
    case "IfExp":
      return "conditional expression";
    case "NamedExpr":
      return "named expression";
  }
  return "expression";
}

/** Adjacent str literals as one str, keeping escaped surrogates apart across literals too. */
function concatStrs(values: readonly (string | PySurrogateStr)[]): string | PySurrogateStr {
  if (values.length === 1) return values[0]!;
  let text = "";
  let exact = true;
  for (const v of values) {
    if (typeof v !== "string") exact = false;
    else {
      const c = text.charCodeAt(text.length - 1);
      const d = v.charCodeAt(0);
      if (c >= 0xd800 && c < 0xdc00 && d >= 0xdc00 && d < 0xe000) exact = false;
      text += v;
    }
  }
  return exact ? text : strFromCodePoints(values.flatMap(strCodePoints));
}
