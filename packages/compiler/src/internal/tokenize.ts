// tokenize(): the token stream as Python's `tokenize` module shows it (for tests and tools).
import { SkeinSyntaxError, type SyntaxErrorInfo } from "./errors.js";
import { normalizeNewlines, Tokenizer, tokenTypeNames } from "./tokenizer.js";

export interface PyToken {
  /** CPython's token type name: NAME, OP, NUMBER, STRING, FSTRING_START, INDENT, ... */
  type: string;
  string: string;
  /** [line (1-based), column (UTF-8 bytes, 0-based)] */
  start: [number, number];
  end: [number, number];
}

export function tokenize(
  source: string,
): { ok: true; tokens: PyToken[] } | { ok: false; error: SyntaxErrorInfo } {
  const src = normalizeNewlines(source);
  try {
    const toks = new Tokenizer(src, { keepTrivia: true }).tokenize();
    return {
      ok: true,
      tokens: toks.map((t) => ({
        type: tokenTypeNames[t.type]!,
        string: t.string,
        start: [t.lineno, t.col],
        end: [t.endLineno, t.endCol],
      })),
    };
  } catch (e) {
    if (!(e instanceof SkeinSyntaxError)) throw e;
    return {
      ok: false,
      error: {
        type: e.type,
        msg: e.msg,
        filename: "<string>",
        lineno: e.lineno,
        offset: e.offset,
        endLineno: e.endLineno,
        endOffset: e.endOffset,
        text: e.text,
      },
    };
  }
}
