// The tokenizer: CPython's Parser/lexer rules (indentation stack, bracket stack, PEP 701 f-string
// modes), run eagerly over the whole source into one token array, as the parser backtracks.
import { SkeinSyntaxError } from "./errors.js";
import { isIdentifierContinue, isIdentifierStart, isPrintable } from "./unicode.js";

export const TokenType = {
  ENDMARKER: 0,
  NAME: 1,
  NUMBER: 2,
  STRING: 3,
  NEWLINE: 4,
  INDENT: 5,
  DEDENT: 6,
  OP: 7,
  COMMENT: 8,
  NL: 9,
  ERRORTOKEN: 10,
  FSTRING_START: 11,
  FSTRING_MIDDLE: 12,
  FSTRING_END: 13,
  TYPE_COMMENT: 14,
  TYPE_IGNORE: 15,
} as const;
export type TokenType = (typeof TokenType)[keyof typeof TokenType];

export const tokenTypeNames: readonly string[] = Object.keys(TokenType);

/** One token. Columns are UTF-8 byte offsets, as CPython's tokenizer reports them. */
export class Token {
  constructor(
    public type: TokenType,
    /** The token's text; for FSTRING_MIDDLE the literal text with `{{`/`}}` already halved. */
    public string: string,
    public lineno: number,
    public col: number,
    public endLineno: number,
    public endCol: number,
    /** Index of the first character in the (newline-normalized) source. */
    public start: number,
    /** Index after the last character. */
    public end: number,
    /** Bracket depth after this token (CPython's tok->level). */
    public level = 0,
  ) {}
}

const MAXINDENT = 100;
const MAXLEVEL = 200;
const TABSIZE = 8;

enum Ch {
  TAB = 9,
  LF = 10,
  FF = 12,
  SPACE = 32,
  HASH = 35,
  BACKSLASH = 92,
}

/** A PEP 701 f-string being tokenized: the lexer alternates between its literal and its fields. */
interface FStringMode {
  quote: number;
  quoteSize: 1 | 3;
  raw: boolean;
  /** Bracket depth (tokenizer level) just inside the `{` of the current replacement field. */
  fieldLevel: number;
  /** True while tokenizing the literal part (outside fields or inside a format spec). */
  inLiteral: boolean;
  /** Nesting of format specs: while > 0 the literal part ends at `{` or `}`. */
  inFormatSpec: boolean;
  /** Level of the bracket stack where each open replacement field's expression starts. */
  fieldStack: number[];
  startLine: number;
  startCol: number;
  startIndex: number;
}

export interface TokenizeOptions {
  /** Emit COMMENT and NL tokens (the `tokenize` module's view) rather than the parser's view. */
  keepTrivia?: boolean;
  /** Emit TYPE_COMMENT / TYPE_IGNORE tokens (`ast.parse(..., type_comments=True)`). */
  typeComments?: boolean;
}

/** Normalizes newlines as CPython's string tokenizer does: `\r\n` and `\r` become `\n`. */
export function normalizeNewlines(src: string): string {
  if (src.indexOf("\r") < 0) return src;
  return src.replace(/\r\n?/g, "\n");
}

export class Tokenizer {
  readonly src: string;
  readonly tokens: Token[] = [];
  private pos = 0;
  private readonly len: number;
  private lineno = 1;
  private lineStart = 0;
  /** Whether the current line is pure ASCII so far (then byte column == char column). */
  private lineAscii = true;
  private lineAsciiUpTo = 0;
  private atBol = true;
  private readonly indStack: number[] = [0];
  private readonly altIndStack: number[] = [0];
  private pendin = 0;
  /** Open brackets: char code, line and column of each. */
  private readonly parenStack: number[] = [];
  private readonly parenLine: number[] = [];
  private readonly parenCol: number[] = [];
  private readonly fstrings: FStringMode[] = [];
  private readonly keepTrivia: boolean;
  private readonly typeComments: boolean;
  /** Whether a token other than trivia has been emitted on this logical line. */
  private lineHasTokens = false;
  /** Set once an error was found after EOF in brackets: the parser reports unclosed brackets. */
  eofInBrackets = false;

  constructor(src: string, options: TokenizeOptions = {}) {
    this.src = src;
    this.len = src.length;
    this.keepTrivia = options.keepTrivia ?? false;
    this.typeComments = options.typeComments ?? false;
  }

  get level(): number {
    return this.parenStack.length;
  }

  /** UTF-8 byte column of char index `i` on the current line. */
  col(i: number): number {
    const ls = this.lineStart;
    if (this.lineAscii) {
      // Extend the ASCII check lazily up to i.
      const src = this.src;
      let j = this.lineAsciiUpTo;
      if (j < ls) j = ls;
      for (; j < i; j++) {
        if (src.charCodeAt(j) > 0x7f) {
          this.lineAscii = false;
          break;
        }
      }
      if (this.lineAscii) {
        this.lineAsciiUpTo = i;
        return i - ls;
      }
    }
    return utf8Length(this.src, ls, i);
  }

  private newLine(at: number): void {
    this.lineno++;
    this.lineStart = at;
    this.lineAscii = true;
    this.lineAsciiUpTo = at;
  }

  error(msg: string, lineno: number, col: number, endLineno = lineno, endCol = -1): never {
    throw new SkeinSyntaxError(
      "SyntaxError",
      msg,
      lineno,
      col + 1,
      endLineno,
      endCol < 0 ? -1 : endCol + 1,
    );
  }

  private push(
    type: TokenType,
    string: string,
    lineno: number,
    col: number,
    start: number,
    end: number,
  ): Token {
    const t = new Token(
      type,
      string,
      lineno,
      col,
      this.lineno,
      this.col(end),
      start,
      end,
      this.parenStack.length,
    );
    this.tokens.push(t);
    return t;
  }

  tokenize(): Token[] {
    for (;;) {
      const t = this.next();
      if (t === TokenType.ENDMARKER) break;
    }
    return this.tokens;
  }

  /** Produces the next token(s); returns the type of the last one pushed. */
  private next(): TokenType {
    const src = this.src;
    const fm = this.fstrings[this.fstrings.length - 1];
    if (fm?.inLiteral) return this.fstringLiteral(fm);

    if (this.atBol && !fm) {
      const r = this.indentation();
      if (r >= 0) return r as TokenType;
    }
    if (this.pendin !== 0) return this.emitIndents();

    // Skip whitespace.
    let c = src.charCodeAt(this.pos);
    while (c === Ch.SPACE || c === Ch.TAB || c === Ch.FF) c = src.charCodeAt(++this.pos);

    const start = this.pos;
    // Comment.
    if (c === Ch.HASH) {
      let e = src.indexOf("\n", start);
      if (e < 0) e = this.len;
      this.pos = e;
      const text = src.slice(start, e);
      if (this.typeComments) {
        const m = /^#[ \t\f]*type:[ \t\f]*/.exec(text);
        if (m) {
          const rest = text.slice(m[0].length);
          const ign = /^ignore(?![A-Za-z0-9_\u0080-\uffff])/.exec(rest);
          if (ign) {
            // `# type: ignore[tag]`: the tag is what follows "ignore".
            this.push(TokenType.TYPE_IGNORE, rest.slice(6), this.lineno, this.col(start), start, e);
            return TokenType.TYPE_IGNORE;
          }
          // On an otherwise blank line it still ends with a NEWLINE (func_type_comment needs it).
          this.lineHasTokens = true;
          this.push(TokenType.TYPE_COMMENT, rest, this.lineno, this.col(start), start, e);
          return TokenType.TYPE_COMMENT;
        }
      }
      if (this.keepTrivia)
        this.push(TokenType.COMMENT, text, this.lineno, this.col(start), start, e);
      c = src.charCodeAt(this.pos);
    }

    if (this.pos >= this.len) return this.eof(fm);

    const s = this.pos;
    // Identifiers and string prefixes.
    if (isPotentialIdentifierStart(c)) {
      let e = s + 1;
      let d = src.charCodeAt(e);
      // String prefixes: b, r, u, f, br, rb, fr, rf in any case.
      let sawB = c === 98 || c === 66;
      let sawR = c === 114 || c === 82;
      const sawU = c === 117 || c === 85;
      let sawF = c === 102 || c === 70;
      if (sawB || sawR || sawU || sawF) {
        for (;;) {
          if (d === 34 || d === 39) return this.string(s, e, sawB, sawR, sawU, sawF);
          if (sawU) break;
          if (!sawB && !sawU && !sawF && (d === 98 || d === 66)) sawB = true;
          else if (!sawR && (d === 114 || d === 82)) sawR = true;
          else if (!sawB && !sawF && !sawU && (d === 102 || d === 70)) sawF = true;
          else break;
          if (e - s >= 2) break;
          d = src.charCodeAt(++e);
        }
        if (e - s === 2 && (d === 34 || d === 39) && sawR && (sawB || sawF)) {
          return this.string(s, e, sawB, sawR, sawU, sawF);
        }
      }
      e = s + 1;
      let ascii = c < 128;
      for (;;) {
        d = src.charCodeAt(e);
        if (isPotentialIdentifierChar(d)) {
          if (d >= 128) ascii = false;
          e++;
        } else break;
      }
      let name = src.slice(s, e);
      if (!ascii) name = this.verifyIdentifier(name, s);
      this.pos = e;
      this.push(TokenType.NAME, name, this.lineno, this.col(s), s, e);
      this.lineHasTokens = true;
      return TokenType.NAME;
    }

    // Newline.
    if (c === Ch.LF) {
      this.pos = s + 1;
      const blank = !this.lineHasTokens || this.level > 0;
      if (blank) {
        if (this.keepTrivia) this.push(TokenType.NL, "\n", this.lineno, this.col(s), s, s + 1);
        this.newLine(s + 1);
        this.atBol = true;
        return TokenType.NL;
      }
      this.push(TokenType.NEWLINE, "\n", this.lineno, this.col(s), s, s + 1);
      this.newLine(s + 1);
      this.atBol = true;
      this.lineHasTokens = false;
      return TokenType.NEWLINE;
    }

    // Numbers, including ".5".
    if ((c >= 48 && c <= 57) || (c === 46 && isDigit(src.charCodeAt(s + 1)))) {
      return this.number(s);
    }

    // Strings without a prefix.
    if (c === 34 || c === 39) return this.string(s, s, false, false, false, false);

    // Line continuation.
    if (c === Ch.BACKSLASH) {
      const d = src.charCodeAt(s + 1);
      if (d !== Ch.LF) {
        if (s + 1 >= this.len) {
          this.error("unexpected EOF while parsing", this.lineno, this.col(s + 1));
        }
        throw new SkeinSyntaxError(
          "SyntaxError",
          "unexpected character after line continuation character",
          this.lineno,
          this.col(s + 1) + 1,
          this.lineno,
          0,
        );
      }
      this.pos = s + 2;
      this.newLine(s + 2);
      if (this.pos >= this.len) {
        this.error("unexpected EOF while parsing", this.lineno, 0);
      }
      return this.next();
    }

    return this.operator(s, c, fm);
  }

  private verifyIdentifier(name: string, s: number): string {
    const norm = name.normalize("NFKC");
    // Find the first invalid character, as CPython's verify_identifier does.
    let i = 0;
    for (const ch of norm) {
      const cp = ch.codePointAt(0)!;
      const ok = i === 0 ? isIdentifierStart(cp) : isIdentifierContinue(cp);
      if (!ok) {
        // Report the character as it appears in the source (before normalization), by index.
        let bad = ch;
        let badIdx = s;
        // Locate the bad char in the original text: walk the original to the same char count.
        let k = 0;
        for (const och of name) {
          if (k === i) {
            bad = och;
            break;
          }
          badIdx += och.length;
          k++;
        }
        this.invalidCharacter(bad.codePointAt(0)!, badIdx);
      }
      i++;
    }
    return norm;
  }

  private invalidCharacter(cp: number, at: number): never {
    const hex = cp.toString(16).toUpperCase().padStart(4, "0");
    const msg = isPrintable(cp)
      ? `invalid character '${String.fromCodePoint(cp)}' (U+${hex})`
      : `invalid non-printable character U+${hex}`;
    const col = this.col(at);
    throw new SkeinSyntaxError("SyntaxError", msg, this.lineno, col + 1, this.lineno, col + 1);
  }

  /** At the start of a line: measure indentation, skip blank lines, queue INDENT/DEDENT. */
  private indentation(): number {
    const src = this.src;
    this.atBol = false;
    let col = 0;
    let altcol = 0;
    let p = this.pos;
    for (;;) {
      const c = src.charCodeAt(p);
      if (c === Ch.SPACE) {
        col++;
        altcol++;
      } else if (c === Ch.TAB) {
        col = ((col / TABSIZE) | 0) * TABSIZE + TABSIZE;
        altcol++;
      } else if (c === Ch.FF) {
        col = altcol = 0;
      } else break;
      p++;
    }
    const c = src.charCodeAt(p);
    // Blank lines (only a comment, or nothing) do not count, nor does indentation in brackets.
    if (c === Ch.HASH || c === Ch.LF || p >= this.len) {
      return -1;
    }
    if (c === Ch.BACKSLASH && src.charCodeAt(p + 1) === Ch.LF && this.level === 0) {
      // A line holding only a continuation is joined; CPython treats it as blank-ish.
    }
    if (this.level > 0) return -1;
    const top = this.indStack.length - 1;
    const cur = this.indStack[top]!;
    if (col === cur) {
      if (altcol !== this.altIndStack[top]) this.tabError(p);
    } else if (col > cur) {
      if (top + 1 >= MAXINDENT) {
        throw new SkeinSyntaxError(
          "IndentationError",
          "too many levels of indentation",
          this.lineno,
          1,
          this.lineno,
          0,
        );
      }
      if (altcol <= this.altIndStack[top]!) this.tabError(p);
      this.pendin++;
      this.indStack.push(col);
      this.altIndStack.push(altcol);
    } else {
      while (this.indStack.length > 1 && col < this.indStack[this.indStack.length - 1]!) {
        this.pendin--;
        this.indStack.pop();
        this.altIndStack.pop();
      }
      if (col !== this.indStack[this.indStack.length - 1]) {
        throw new SkeinSyntaxError(
          "IndentationError",
          "unindent does not match any outer indentation level",
          this.lineno,
          utf8Length(src, this.lineStart, Math.min(lineEnd(src, this.lineStart) + 1, this.len)),
          this.lineno,
          -1,
          `${src.slice(this.lineStart, lineEnd(src, this.lineStart))}\n`,
        );
      }
      if (altcol !== this.altIndStack[this.altIndStack.length - 1]) this.tabError(p);
    }
    this.pos = p;
    return -1;
  }

  private tabError(_p: number): never {
    throw new SkeinSyntaxError(
      "TabError",
      "inconsistent use of tabs and spaces in indentation",
      this.lineno,
      1,
      this.lineno,
      0,
    );
  }

  private emitIndents(): TokenType {
    const p = this.pos;
    const col = this.col(p);
    if (this.pendin < 0) {
      this.pendin++;
      this.tokens.push(new Token(TokenType.DEDENT, "", this.lineno, col, this.lineno, col, p, p));
      return TokenType.DEDENT;
    }
    this.pendin--;
    this.tokens.push(
      new Token(
        TokenType.INDENT,
        this.src.slice(this.lineStart, p),
        this.lineno,
        0,
        this.lineno,
        col,
        this.lineStart,
        p,
      ),
    );
    return TokenType.INDENT;
  }

  private eof(fm: FStringMode | undefined): TokenType {
    const p = this.len;
    if (fm) {
      // EOF inside an f-string's replacement field.
      this.fstringUnterminated(fm);
    }
    if (this.level > 0) {
      this.eofInBrackets = true;
      const col = this.col(p);
      this.tokens.push(
        new Token(TokenType.ERRORTOKEN, "", this.lineno, col, this.lineno, col, p, p),
      );
      this.tokens.push(
        new Token(TokenType.ENDMARKER, "", this.lineno, col, this.lineno, col, p, p),
      );
      return TokenType.ENDMARKER;
    }
    if (this.lineHasTokens) {
      // CPython appends an implicit newline to the last line.
      const col = this.col(p);
      this.tokens.push(
        new Token(TokenType.NEWLINE, "", this.lineno, col, this.lineno, col + 1, p, p),
      );
      this.lineHasTokens = false;
      this.newLine(p);
    } else if (this.keepTrivia && p > this.lineStart) {
      const col = this.col(p);
      this.tokens.push(new Token(TokenType.NL, "", this.lineno, col, this.lineno, col + 1, p, p));
      this.newLine(p);
    } else if (p > this.lineStart) {
      this.newLine(p);
    }
    while (this.indStack.length > 1) {
      this.indStack.pop();
      this.tokens.push(new Token(TokenType.DEDENT, "", this.lineno, 0, this.lineno, 0, p, p));
    }
    this.tokens.push(new Token(TokenType.ENDMARKER, "", this.lineno, 0, this.lineno, 0, p, p));
    return TokenType.ENDMARKER;
  }

  private number(s: number): TokenType {
    const src = this.src;
    let p = s;
    let c = src.charCodeAt(p);
    const bad = (msg: string, at: number, _endAt = at + 1): never => {
      throw new SkeinSyntaxError(
        "SyntaxError",
        msg,
        this.lineno,
        this.col(at) + 1,
        this.lineno,
        this.col(at) + 1,
      );
    };
    // Reads digits (with single underscores between them) satisfying `ok`.
    const digits = (ok: (d: number) => boolean): void => {
      for (;;) {
        c = src.charCodeAt(p);
        if (ok(c)) p++;
        else if (c === 95) {
          const d = src.charCodeAt(p + 1);
          if (!ok(d)) {
            p++;
            bad("invalid decimal literal", p - 1, p);
          }
          p++;
        } else break;
      }
    };
    const verifyEnd = (): void => {
      // CPython's verify_end_of_number: a keyword glued to a number is accepted with a warning
      // (1if x else y); any other identifier character is an error.
      c = src.charCodeAt(p);
      if (isPotentialIdentifierChar(c)) {
        const kw = ["and", "else", "for", "if", "in", "is", "not", "or"];
        for (const k of kw) {
          if (src.startsWith(k, p) && !isPotentialIdentifierChar(src.charCodeAt(p + k.length)))
            return;
        }
        let e = p;
        while (isPotentialIdentifierChar(src.charCodeAt(e))) e++;
        bad("invalid decimal literal", s, p + 1);
      }
    };
    if (c === 48) {
      const x = src.charCodeAt(p + 1);
      if (x === 120 || x === 88 || x === 111 || x === 79 || x === 98 || x === 66) {
        p += 2;
        const isHex = x === 120 || x === 88;
        const isOct = x === 111 || x === 79;
        const ok = isHex ? isHexDigit : isOct ? isOctDigit : isBinDigit;
        const kind = isHex ? "hexadecimal" : isOct ? "octal" : "binary";
        if (src.charCodeAt(p) === 95) p++;
        c = src.charCodeAt(p);
        if (!ok(c)) {
          if (isDigit(c)) bad(`invalid digit '${String.fromCharCode(c)}' in ${kind} literal`, p);
          bad(`invalid ${kind} literal`, p - 1, p);
        }
        digits(ok);
        if (isDigit(c)) bad(`invalid digit '${String.fromCharCode(c)}' in ${kind} literal`, p);
        if (isPotentialIdentifierChar(c) && !isHex) {
          verifyEnd();
        } else if (isPotentialIdentifierChar(c)) verifyEnd();
        return this.emitNumber(s, p);
      }
    }
    let isFloat = false;
    if (c !== 46) {
      digits(isDigit);
      // Leading zeros: "0_0" and "00" are fine, "01" is not.
      if (
        src.charCodeAt(s) === 48 &&
        p - s > 1 &&
        c !== 46 &&
        c !== 101 &&
        c !== 69 &&
        c !== 106 &&
        c !== 74
      ) {
        for (let i = s; i < p; i++) {
          const d = src.charCodeAt(i);
          if (d !== 48 && d !== 95) {
            throw new SkeinSyntaxError(
              "SyntaxError",
              "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
              this.lineno,
              this.col(s) + 1,
              this.lineno,
              this.col(zerosEnd(src, s)) + 1,
            );
          }
        }
      }
    }
    if (c === 46) {
      isFloat = true;
      p++;
      if (isDigit(src.charCodeAt(p))) digits(isDigit);
      c = src.charCodeAt(p);
    }
    if (c === 101 || c === 69) {
      const save = p;
      p++;
      c = src.charCodeAt(p);
      if (c === 43 || c === 45) {
        p++;
        c = src.charCodeAt(p);
        if (!isDigit(c)) bad("invalid decimal literal", p - 1, p);
      } else if (!isDigit(c)) {
        p = save;
        verifyEnd();
        return this.emitNumber(s, p);
      }
      digits(isDigit);
      isFloat = true;
    }
    if (c === 106 || c === 74) {
      p++;
    }
    void isFloat;
    verifyEnd();
    return this.emitNumber(s, p);
  }

  private emitNumber(s: number, e: number): TokenType {
    this.pos = e;
    this.push(TokenType.NUMBER, this.src.slice(s, e), this.lineno, this.col(s), s, e);
    this.lineHasTokens = true;
    return TokenType.NUMBER;
  }

  /** A string literal (or f-string start) whose quote is at `q` and prefix starts at `s`. */
  private string(
    s: number,
    q: number,
    _b: boolean,
    raw: boolean,
    _u: boolean,
    isF: boolean,
  ): TokenType {
    const src = this.src;
    const quote = src.charCodeAt(q);
    let quoteSize: 1 | 3 = 1;
    if (src.charCodeAt(q + 1) === quote && src.charCodeAt(q + 2) === quote) quoteSize = 3;
    const startLine = this.lineno;
    const startCol = this.col(s);
    this.lineHasTokens = true;
    if (isF) {
      const e = q + quoteSize;
      this.pos = e;
      this.push(TokenType.FSTRING_START, src.slice(s, e), startLine, startCol, s, e);
      this.fstrings.push({
        quote,
        quoteSize,
        raw,
        fieldLevel: -1,
        inLiteral: true,
        inFormatSpec: false,
        fieldStack: [],
        startLine,
        startCol,
        startIndex: s,
      });
      return TokenType.FSTRING_START;
    }
    let p = q + quoteSize;
    let endQuotes = 0;
    for (;;) {
      if (p >= this.len) {
        this.unterminatedString(quoteSize, startLine, startCol, s);
      }
      const c = src.charCodeAt(p++);
      if (c === quote) {
        endQuotes++;
        if (endQuotes === quoteSize) break;
        continue;
      }
      endQuotes = 0;
      if (c === Ch.LF) {
        if (quoteSize === 1) this.unterminatedString(1, startLine, startCol, s);
        this.newLine(p);
      } else if (c === Ch.BACKSLASH) {
        if (p < this.len) {
          if (src.charCodeAt(p) === Ch.LF) this.newLine(p + 1);
          p++;
        }
      }
    }
    this.pos = p;
    this.push(TokenType.STRING, src.slice(s, p), startLine, startCol, s, p);
    return TokenType.STRING;
  }

  /** The line CPython's tokenizer is on at EOF: a final newline does not start a new line. */
  private eofLine(): number {
    return this.len > 0 && this.src.charCodeAt(this.len - 1) === Ch.LF
      ? this.lineno - 1
      : this.lineno;
  }

  private unterminatedString(quoteSize: number, line: number, col: number, s: number): never {
    const fm = this.fstrings[this.fstrings.length - 1];
    if (fm && !fm.inLiteral && fm.quote === this.src.charCodeAt(s) && fm.quoteSize === quoteSize) {
      // A quote closing the enclosing f-string inside its field: the field lacks its '}'.
      throw new SkeinSyntaxError(
        "SyntaxError",
        "f-string: expecting '}'",
        line,
        col + 1,
        line,
        col + 1,
      );
    }
    if (quoteSize === 3) {
      throw new SkeinSyntaxError(
        "SyntaxError",
        `unterminated triple-quoted string literal (detected at line ${this.eofLine()})`,
        line,
        col + 1,
        line,
        col + 1,
      );
    }
    throw new SkeinSyntaxError(
      "SyntaxError",
      `unterminated string literal (detected at line ${line})`,
      line,
      col + 1,
      line,
      col + 1,
    );
  }

  private fstringUnterminated(fm: FStringMode): never {
    if (fm.quoteSize === 3) {
      throw new SkeinSyntaxError(
        "SyntaxError",
        `unterminated triple-quoted f-string literal (detected at line ${this.eofLine()})`,
        fm.startLine,
        fm.startCol + 1,
        fm.startLine,
        fm.startCol + 1,
      );
    }
    throw new SkeinSyntaxError(
      "SyntaxError",
      `unterminated f-string literal (detected at line ${fm.startLine})`,
      fm.startLine,
      fm.startCol + 1,
      fm.startLine,
      fm.startCol + 1,
    );
  }

  /** The literal part of an f-string (or of a format spec): up to `{`, `}` or the end quote. */
  private fstringLiteral(fm: FStringMode): TokenType {
    const src = this.src;
    const s = this.pos;
    const line = this.lineno;
    const col = this.col(s);
    let p = s;
    let text = "";
    let chunk = s;
    for (;;) {
      if (p >= this.len) {
        this.pos = p;
        this.fstringUnterminated(fm);
      }
      const c = src.charCodeAt(p);
      if (c === fm.quote) {
        if (fm.quoteSize === 1 || (src.charCodeAt(p + 1) === c && src.charCodeAt(p + 2) === c)) {
          if (fm.inFormatSpec) {
            // The quote ends the f-string inside a format spec: the field lacks its '}'.
            this.pos = p;
            this.emitMiddle(text + src.slice(chunk, p), line, col, s, p);
            const lc = this.col(p);
            throw new SkeinSyntaxError(
              "SyntaxError",
              "f-string: expecting '}'",
              this.lineno,
              lc + 1,
              this.lineno,
              lc + 1,
            );
          }
          this.emitMiddle(text + src.slice(chunk, p), line, col, s, p);
          const e = p + fm.quoteSize;
          this.pos = e;
          this.push(TokenType.FSTRING_END, src.slice(p, e), this.lineno, this.col(p), p, e);
          this.fstrings.pop();
          return TokenType.FSTRING_END;
        }
        p++;
        continue;
      }
      if (c === Ch.LF) {
        if (fm.quoteSize === 1) {
          if (fm.inFormatSpec) {
            this.pos = p;
            const lc = this.col(p);
            throw new SkeinSyntaxError(
              "SyntaxError",
              "f-string: newlines are not allowed in format specifiers for single quoted f-strings",
              this.lineno,
              lc + 1,
              this.lineno,
              lc + 1,
            );
          }
          this.pos = p;
          this.fstringUnterminated(fm);
        }
        p++;
        this.newLine(p);
        continue;
      }
      if (c === 123 /* { */) {
        if (!fm.inFormatSpec && src.charCodeAt(p + 1) === 123) {
          // `{{`: the middle token keeps one brace; the second is skipped.
          text += src.slice(chunk, p + 1);
          p += 2;
          chunk = p;
          continue;
        }
        this.emitMiddle(text + src.slice(chunk, p), line, col, s, p);
        this.pos = p;
        this.openField(fm, p);
        return TokenType.OP;
      }
      if (c === 125 /* } */) {
        if (fm.inFormatSpec) {
          // End of the format spec: the '}' closes the replacement field. CPython emits the
          // spec's last literal part even when it is empty.
          this.emitMiddle(text + src.slice(chunk, p), line, col, s, p, true);
          this.pos = p;
          fm.inLiteral = false;
          fm.inFormatSpec = false;
          return this.next();
        }
        if (src.charCodeAt(p + 1) === 125) {
          text += src.slice(chunk, p + 1);
          p += 2;
          chunk = p;
          continue;
        }
        const lc = this.col(p);
        throw new SkeinSyntaxError(
          "SyntaxError",
          "f-string: single '}' is not allowed",
          this.lineno,
          lc + 1,
          this.lineno,
          lc + 1,
        );
      }
      if (c === Ch.BACKSLASH && !fm.raw) {
        const d = src.charCodeAt(p + 1);
        if (d === 78 /* N */ && src.charCodeAt(p + 2) === 123) {
          // \N{...} is not a field.
          const close = src.indexOf("}", p + 3);
          if (close >= 0) {
            p = close + 1;
            continue;
          }
        }
        if (d === 123 || d === 125) {
          p++;
          continue;
        }
        if (d === Ch.LF) {
          p += 2;
          this.newLine(p);
          continue;
        }
        p += 2;
        continue;
      }
      if (c === Ch.BACKSLASH && fm.raw) {
        const d = src.charCodeAt(p + 1);
        if (d === fm.quote || d === Ch.BACKSLASH) {
          p += 2;
          continue;
        }
        if (d === Ch.LF) {
          p += 2;
          this.newLine(p);
          continue;
        }
      }
      p++;
    }
  }

  private emitMiddle(
    text: string,
    line: number,
    col: number,
    s: number,
    e: number,
    always = false,
  ): void {
    if (e === s && !always) return;
    this.tokens.push(
      new Token(TokenType.FSTRING_MIDDLE, text, line, col, this.lineno, this.col(e), s, e),
    );
  }

  private openField(fm: FStringMode, p: number): void {
    this.pushParen(123, p);
    this.pos = p + 1;
    this.push(TokenType.OP, "{", this.lineno, this.col(p), p, p + 1);
    fm.fieldStack.push(this.level);
    fm.inLiteral = false;
    fm.inFormatSpec = false;
  }

  private pushParen(c: number, p: number): void {
    if (this.parenStack.length >= MAXLEVEL) {
      const col = this.col(p);
      throw new SkeinSyntaxError(
        "SyntaxError",
        "too many nested parentheses",
        this.lineno,
        col + 1,
        this.lineno,
        col + 1,
      );
    }
    this.parenStack.push(c);
    this.parenLine.push(this.lineno);
    this.parenCol.push(this.col(p));
  }

  private operator(s: number, c: number, fm: FStringMode | undefined): TokenType {
    const src = this.src;
    const c2 = src.charCodeAt(s + 1);
    let n = 1;
    switch (c) {
      case 40: // (
      case 91: // [
      case 123: // {
        this.pushParen(c, s);
        break;
      case 41: // )
      case 93: // ]
      case 125: {
        // }
        if (this.parenStack.length === 0) {
          const col = this.col(s);
          throw new SkeinSyntaxError(
            "SyntaxError",
            `unmatched '${String.fromCharCode(c)}'`,
            this.lineno,
            col + 1,
            this.lineno,
            col + 1,
          );
        }
        const open = this.parenStack[this.parenStack.length - 1]!;
        const want = open === 40 ? 41 : open === 91 ? 93 : 125;
        if (want !== c) {
          const col = this.col(s);
          const ol = this.parenLine[this.parenLine.length - 1]!;
          const msg =
            ol !== this.lineno
              ? `closing parenthesis '${String.fromCharCode(c)}' does not match opening parenthesis '${String.fromCharCode(open)}' on line ${ol}`
              : `closing parenthesis '${String.fromCharCode(c)}' does not match opening parenthesis '${String.fromCharCode(open)}'`;
          throw new SkeinSyntaxError(
            "SyntaxError",
            msg,
            this.lineno,
            col + 1,
            this.lineno,
            col + 1,
          );
        }
        if (fm && c === 125 && fm.fieldStack[fm.fieldStack.length - 1] === this.level) {
          // The '}' closing a replacement field: back to the literal.
          fm.fieldStack.pop();
          this.popParen();
          this.pos = s + 1;
          this.push(TokenType.OP, "}", this.lineno, this.col(s), s, s + 1);
          fm.inLiteral = true;
          fm.inFormatSpec = fm.fieldStack.length > 0;
          return TokenType.OP;
        }
        this.popParen();
        break;
      }
      case 58: // :
        if (fm && fm.fieldStack[fm.fieldStack.length - 1] === this.level) {
          // ':' at the top of a replacement field starts its format spec.
          this.pos = s + 1;
          this.push(TokenType.OP, ":", this.lineno, this.col(s), s, s + 1);
          fm.inLiteral = true;
          fm.inFormatSpec = true;
          return TokenType.OP;
        }
        if (c2 === 61) n = 2;
        break;
      case 33: // !
        if (c2 === 61) n = 2;
        break;
      case 42: // *
        if (c2 === 42) n = src.charCodeAt(s + 2) === 61 ? 3 : 2;
        else if (c2 === 61) n = 2;
        break;
      case 47: // /
        if (c2 === 47) n = src.charCodeAt(s + 2) === 61 ? 3 : 2;
        else if (c2 === 61) n = 2;
        break;
      case 60: // <
        if (c2 === 60) n = src.charCodeAt(s + 2) === 61 ? 3 : 2;
        else if (c2 === 61 || c2 === 62) n = 2;
        break;
      case 62: // >
        if (c2 === 62) n = src.charCodeAt(s + 2) === 61 ? 3 : 2;
        else if (c2 === 61) n = 2;
        break;
      case 45: // -
        if (c2 === 61 || c2 === 62) n = 2;
        break;
      case 46: // .
        if (c2 === 46 && src.charCodeAt(s + 2) === 46) n = 3;
        break;
      case 43: // +
      case 37: // %
      case 38: // &
      case 124: // |
      case 94: // ^
      case 61: // =
      case 64: // @
        if (c2 === 61) n = 2;
        break;
      case 126: // ~
      case 44: // ,
      case 59: // ;
        break;
      default: {
        const cp = src.codePointAt(s)!;
        if (cp >= 128 || !isPrintable(cp) || c === 36 || c === 63 || c === 96) {
          if (cp < 128 && isPrintable(cp)) {
            // '$', '?', '`': an error token the parser reports as invalid syntax.
            this.pos = s + 1;
            this.push(TokenType.ERRORTOKEN, src[s]!, this.lineno, this.col(s), s, s + 1);
            this.lineHasTokens = true;
            return TokenType.ERRORTOKEN;
          }
          this.invalidCharacter(cp, s);
        }
      }
    }
    this.pos = s + n;
    this.push(TokenType.OP, src.slice(s, s + n), this.lineno, this.col(s), s, s + n);
    this.lineHasTokens = true;
    return TokenType.OP;
  }

  private popParen(): void {
    this.parenStack.pop();
    this.parenLine.pop();
    this.parenCol.pop();
  }

  /** The innermost unclosed bracket, for "'(' was never closed". */
  unclosed(): { char: string; lineno: number; col: number } | null {
    const n = this.parenStack.length;
    if (n === 0) return null;
    return {
      char: String.fromCharCode(this.parenStack[n - 1]!),
      lineno: this.parenLine[n - 1]!,
      col: this.parenCol[n - 1]!,
    };
  }
}

/** End of the leading zeros of a number starting at s (for the leading-zeros error range). */
function zerosEnd(src: string, s: number): number {
  let i = s;
  while (src.charCodeAt(i) === 48 || src.charCodeAt(i) === 95) i++;
  return i;
}

function lineEnd(src: string, from: number): number {
  const e = src.indexOf("\n", from);
  return e < 0 ? src.length : e;
}

/** UTF-8 length of src[from, to). */
export function utf8Length(src: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = src.charCodeAt(i);
    if (c < 0x80) n++;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < to) {
      const d = src.charCodeAt(i + 1);
      if (d >= 0xdc00 && d < 0xe000) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isHexDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}
function isOctDigit(c: number): boolean {
  return c >= 48 && c <= 55;
}
function isBinDigit(c: number): boolean {
  return c === 48 || c === 49;
}
function isPotentialIdentifierStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c >= 128;
}
function isPotentialIdentifierChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || (c >= 48 && c <= 57) || c >= 128
  );
}
