// parse(): tokenizer + parser behind a result type; nothing thrown crosses this boundary.
import type * as A from "../generated/ast-nodes.gen.js";
import { SkeinSyntaxError, type SyntaxErrorInfo } from "./errors.js";
import { type ParseMode, Parser, STACK_OVERFLOW, whitespaceTokenPos } from "./parser.js";
import { normalizeNewlines, type Token, Tokenizer, TokenType } from "./tokenizer.js";

export interface ParseOptions {
  /** Parse `# type:` comments into type_comment fields (ast.parse's type_comments=True). */
  typeComments?: boolean;
}

export type ParseResult<M> = { ok: true; ast: M } | { ok: false; error: SyntaxErrorInfo };

export function parse(
  source: string,
  filename?: string,
  mode?: "exec",
  options?: ParseOptions,
): ParseResult<A.Module>;
export function parse(
  source: string,
  filename: string,
  mode: "eval",
  options?: ParseOptions,
): ParseResult<A.Expression>;
export function parse(
  source: string,
  filename: string,
  mode: "single",
  options?: ParseOptions,
): ParseResult<A.Interactive>;
export function parse(
  source: string,
  filename?: string,
  mode?: "exec" | "eval" | "single" | "func_type",
  options?: ParseOptions,
): ParseResult<A.mod>;
export function parse(
  source: string,
  filename = "<unknown>",
  mode: ParseMode = "exec",
  options: ParseOptions = {},
): ParseResult<A.mod> {
  const src = normalizeNewlines(source.charCodeAt(0) === 0xfeff ? source.slice(1) : source);
  try {
    return { ok: true, ast: parseOrThrow(src, mode, options) };
  } catch (e) {
    if (e instanceof SkeinSyntaxError) return { ok: false, error: toInfo(e, src, filename) };
    if (e instanceof RangeError) {
      // Host stack exhausted: CPython reports deep nesting as a too-complex source.
      return {
        ok: false,
        error: {
          type: "SyntaxError",
          msg: STACK_OVERFLOW,
          filename,
          lineno: 1,
          offset: 1,
          endLineno: 1,
          endOffset: 1,
          text: null,
        },
      };
    }
    throw e;
  }
}

function parseOrThrow(src: string, mode: ParseMode, options: ParseOptions): A.mod {
  const tokenizer = new Tokenizer(src, options.typeComments ? { typeComments: true } : {});
  const tokens = tokenizer.tokenize();
  const typeIgnores: A.TypeIgnore[] = [];
  let toks: Token[] = tokens;
  if (options.typeComments) {
    toks = [];
    for (const t of tokens) {
      if (t.type === TokenType.TYPE_IGNORE) {
        typeIgnores.push({ _type: "TypeIgnore", lineno: t.lineno, tag: t.string });
      } else toks.push(t);
    }
  }
  const parser = new Parser(toks, src);
  try {
    return runParser(parser, mode, typeIgnores);
  } catch (e) {
    // As CPython's _PyPegen_tokenize_full_source_to_check_for_errors: a bracket left open on an
    // earlier line than the error is the better diagnosis.
    const u = tokenizer.eofInBrackets ? tokenizer.unclosed() : null;
    const furthest = parser.tokens[Math.min(parser.maxPos, parser.tokens.length - 1)]!;
    const errLine =
      e instanceof SkeinSyntaxError ? Math.max(e.lineno, furthest.lineno) : furthest.lineno;
    if (u !== null && errLine > u.lineno) {
      throw new SkeinSyntaxError(
        "SyntaxError",
        `'${u.char}' was never closed`,
        u.lineno,
        u.col + 1,
        u.lineno,
        0,
      );
    }
    throw e;
  }
}

function runParser(parser: Parser, mode: ParseMode, typeIgnores: A.TypeIgnore[]): A.mod {
  const toks = parser.tokens;
  const src = parser.src;
  try {
    switch (mode) {
      case "eval":
        return parser.eval();
      case "single":
        return parser.interactive();
      case "func_type":
        return parser.funcType();
      default:
        return parser.file(typeIgnores);
    }
  } catch (e) {
    if (e instanceof SkeinSyntaxError) throw e;
    if (e instanceof RangeError) throw e;
    const last = toks[toks.length - 2];
    if (
      last !== undefined &&
      last.type === TokenType.ERRORTOKEN &&
      parser.maxPos >= toks.length - 2
    ) {
      // The parser ran into EOF inside brackets.
      throw new SkeinSyntaxError("SyntaxError", "unexpected EOF", Number.MAX_SAFE_INTEGER, 0, 0, 0);
    }
    // A generic failure: "invalid syntax" at the furthest token the parser examined.
    const t = toks[Math.min(parser.maxPos, toks.length - 1)]!;
    if (
      t.type === TokenType.INDENT ||
      t.type === TokenType.DEDENT ||
      t.type === TokenType.ENDMARKER
    ) {
      const [l, c] = whitespaceTokenPos(t, src);
      if (t.type === TokenType.ENDMARKER)
        throw new SkeinSyntaxError("SyntaxError", "invalid syntax", l, c, l, -1);
      const msg = t.type === TokenType.INDENT ? "unexpected indent" : "unexpected unindent";
      throw new SkeinSyntaxError("IndentationError", msg, l, c, l, -1);
    }
    throw new SkeinSyntaxError(
      "SyntaxError",
      "invalid syntax",
      t.lineno,
      t.col + 1,
      t.endLineno,
      t.endCol + 1,
    );
  }
}

function toInfo(e: SkeinSyntaxError, src: string, filename: string): SyntaxErrorInfo {
  let text = e.text;
  if (text === null && e.lineno >= 1) {
    let start = 0;
    for (let l = 1; l < e.lineno && start >= 0; l++) {
      const nl = src.indexOf("\n", start);
      start = nl < 0 ? -1 : nl + 1;
    }
    if (start >= 0 && start <= src.length) {
      const nl = src.indexOf("\n", start);
      text = nl < 0 ? src.slice(start) : src.slice(start, nl + 1);
    }
  }
  const endText = e.endLineno === e.lineno ? text : lineText(src, e.endLineno);
  return {
    type: e.type,
    msg: e.msg,
    filename,
    lineno: e.lineno,
    offset: byteToCharOffset(text, e.offset),
    endLineno: e.endLineno,
    endOffset: byteToCharOffset(endText, e.endOffset),
    text,
  };
}

function lineText(src: string, lineno: number): string | null {
  let start = 0;
  for (let l = 1; l < lineno; l++) {
    const nl = src.indexOf("\n", start);
    if (nl < 0) return null;
    start = nl + 1;
  }
  const nl = src.indexOf("\n", start);
  return nl < 0 ? src.slice(start) : src.slice(start, nl + 1);
}

/**
 * SyntaxError offsets count characters (code points), as CPython converts them; internally
 * they are UTF-8 byte offsets like every AST column.
 */
function byteToCharOffset(line: string | null, offset: number): number {
  if (line === null || offset <= 1) return offset;
  let bytes = 0;
  let chars = 0;
  for (const ch of line) {
    if (bytes >= offset - 1) break;
    const cp = ch.codePointAt(0)!;
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    chars++;
  }
  return chars + 1 + Math.max(0, offset - 1 - bytes);
}
