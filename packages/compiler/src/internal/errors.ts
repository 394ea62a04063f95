// The SyntaxError the front end raises internally; `parse` turns it into a SyntaxErrorInfo.

export type SyntaxErrorType = "SyntaxError" | "IndentationError" | "TabError";

/** A Python SyntaxError, with the attributes CPython's exception carries (offsets 1-based). */
export interface SyntaxErrorInfo {
  type: SyntaxErrorType;
  msg: string;
  filename: string;
  lineno: number;
  offset: number;
  endLineno: number;
  endOffset: number;
  text: string | null;
}

/** Thrown inside the compiler only; never crosses the package boundary. */
export class SkeinSyntaxError extends Error {
  constructor(
    readonly type: SyntaxErrorType,
    readonly msg: string,
    readonly lineno: number,
    /** 1-based UTF-8 byte offset, as CPython's `SyntaxError.offset`. */
    readonly offset: number,
    readonly endLineno: number,
    readonly endOffset: number,
    readonly text: string | null = null,
  ) {
    super(msg);
  }
}
