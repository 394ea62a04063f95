// parse(): tokenizer + parser behind a result type; nothing thrown crosses this boundary.
import type * as A from "../generated/ast-nodes.gen.js";
import { SkeinSyntaxError, type SyntaxErrorInfo } from "./errors.js";
import { type ParseMode, Parser } from "./parser.js";
import { type Token, TokenType, Tokenizer, normalizeNewlines } from "./tokenizer.js";

export interface ParseOptions {
  /** Parse `# type:` comments into type_comment fields (ast.parse's type_comments=True). */
  typeComments?: boolean;
}

export type ParseResult<M> = { ok: true; ast: M } | { ok: false; error: SyntaxErrorInfo };

export function parse(source: string, filename?: string, mode?: "exec", options?: ParseOptions): ParseResult<A.Module>;
export function parse(source: string, filename: string, mode: "eval", options?: ParseOptions): ParseResult<A.Expression>;
export function parse(source: string, filename: string, mode: "single", options?: ParseOptions): ParseResult<A.Interactive>;
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
          msg: "too many nested parentheses",
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
    if (tokenizer.eofInBrackets) {
      const u = tokenizer.unclosed()!;
      throw new SkeinSyntaxError("SyntaxError", `'${u.char}' was never closed`, u.lineno, u.col + 1, u.lineno, u.col + 2);
    }
    // A generic failure: "invalid syntax" at the furthest token the parser examined.
    const t = toks[Math.min(parser.maxPos, toks.length - 1)]!;
    if (t.type === TokenType.INDENT) {
      throw new SkeinSyntaxError("IndentationError", "unexpected indent", t.lineno, t.endCol + 1, t.endLineno, t.endCol + 1);
    }
    if (t.type === TokenType.DEDENT) {
      throw new SkeinSyntaxError("IndentationError", "unexpected unindent", t.lineno, t.col + 1, t.endLineno, t.endCol + 1);
    }
    throw new SkeinSyntaxError("SyntaxError", "invalid syntax", t.lineno, t.col + 1, t.endLineno, t.endCol + 1);
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
  return {
    type: e.type,
    msg: e.msg,
    filename,
    lineno: e.lineno,
    offset: e.offset,
    endLineno: e.endLineno,
    endOffset: e.endOffset,
    text,
  };
}
