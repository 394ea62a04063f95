// compile(): source or AST to a CodeUnit. The whole pipeline on one screen:
//   parse -> symbol table (symtable.ts) -> code generation per unit (codegen.ts)
//   -> flow-graph passes (flowgraph.ts) -> assembly (assemble.ts).
// Nothing thrown inside crosses this boundary: compile errors become SyntaxErrorInfo.
import type { CodeUnit } from "@skein/bytecode";
import type * as A from "../generated/ast-nodes.gen.js";
import { type Assembled, assembleUnit, type ListingInstr } from "./assemble.js";
import { CodeGenerator, type CodegenOptions } from "./codegen.js";
import { SkeinSyntaxError, type SyntaxErrorInfo } from "./errors.js";
import { parse } from "./parse.js";
import { buildSymbolTable } from "./symtable.js";

export type CompileMode = "exec" | "eval" | "single";

export type CompileResult = { ok: true; code: CodeUnit } | { ok: false; error: SyntaxErrorInfo };

/** What `compile()`'s flags change: PyCF_ALLOW_TOP_LEVEL_AWAIT. */
export interface CompileOptions {
  readonly topLevelAwait?: boolean;
}

/** Compiles Python source to a module-level CodeUnit. */
export function compile(
  source: string,
  filename: string,
  mode: CompileMode,
  options: CompileOptions = {},
): CompileResult {
  const parsed = parse(source, filename, mode);
  if (!parsed.ok) return parsed;
  return compileAst(parsed.ast, filename, mode, source, options);
}

/** Compiles an AST (as `parse` returns it). `source` only supplies SyntaxError.text. */
export function compileAst(
  ast: A.mod,
  filename: string,
  mode: CompileMode,
  source?: string,
  options: CompileOptions = {},
): CompileResult {
  const r = compileToAssembled(ast, filename, mode, source, options);
  if (!r.ok) return r;
  const a = r.unit;
  if (a.code === null) {
    return {
      ok: false,
      error: {
        type: "SyntaxError",
        msg: `Skein's instruction set lacks ${[...a.missing].sort().join(", ")}`,
        filename,
        lineno: 1,
        offset: 1,
        endLineno: 1,
        endOffset: 1,
        text: null,
      },
    };
  }
  return { ok: true, code: a.code };
}

export type AssembleResult = { ok: true; unit: Assembled } | { ok: false; error: SyntaxErrorInfo };

/** The assembled units with name-based listings (for tests and disassembly before numbering). */
export function compileToAssembled(
  ast: A.mod,
  filename: string,
  mode: CompileMode,
  source?: string,
  options: CodegenOptions = {},
): AssembleResult {
  try {
    void mode;
    const st = buildSymbolTable(ast, options.topLevelAwait === true);
    const gen = new CodeGenerator(
      st,
      (u) => assembleUnit(u, filename),
      ast._type === "Interactive",
      options,
    );
    const unit = gen.compileModule(ast) as Assembled;
    return { ok: true, unit };
  } catch (e) {
    if (e instanceof SkeinSyntaxError) return { ok: false, error: toInfo(e, filename, source) };
    if (e instanceof RangeError) {
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
    const msg = e instanceof Error ? e.message : String(e);
    return {
      ok: false,
      error: {
        type: "SyntaxError",
        msg: `internal compiler error: ${msg}`,
        filename,
        lineno: 1,
        offset: 1,
        endLineno: 1,
        endOffset: 1,
        text: null,
      },
    };
  }
}

function toInfo(
  e: SkeinSyntaxError,
  filename: string,
  source: string | undefined,
): SyntaxErrorInfo {
  let text = e.text;
  if (text === null && source !== undefined && e.lineno >= 1) {
    const lines = source.split(/\r\n|\r|\n/);
    const line = lines[e.lineno - 1];
    if (line !== undefined) text = e.lineno < lines.length ? `${line}\n` : line;
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

/** A listing of every unit, as `dis` prints it: one instruction a line (for tests and debugging). */
export function listing(unit: Assembled): string {
  const out: string[] = [];
  const visit = (a: Assembled): void => {
    out.push(`${a.name}:`);
    for (const ins of a.listing) out.push(formatInstr(ins, a));
    for (const c of a.consts) {
      if (typeof c === "object" && c !== null && !(c instanceof Uint8Array) && c.kind === "code") {
        out.push("");
        visit(c.code as Assembled);
      }
    }
  };
  visit(unit);
  return out.join("\n");
}

function formatInstr(ins: ListingInstr, a: Assembled): string {
  void a;
  return `  ${ins.op}${hasArgForListing(ins.op) ? ` ${ins.arg}` : ""}`;
}

const NO_ARG_LISTING = new Set([
  "NOP",
  "NOT_TAKEN",
  "POP_TOP",
  "PUSH_NULL",
  "RETURN_VALUE",
  "GET_ITER",
  "END_FOR",
  "POP_ITER",
  "TO_BOOL",
  "UNARY_NOT",
  "UNARY_NEGATIVE",
  "UNARY_INVERT",
  "STORE_SUBSCR",
  "DELETE_SUBSCR",
  "BINARY_SLICE",
  "STORE_SLICE",
  "MAKE_FUNCTION",
  "PUSH_EXC_INFO",
  "POP_EXCEPT",
  "CHECK_EXC_MATCH",
  "CHECK_EG_MATCH",
  "RETURN_GENERATOR",
  "LOAD_BUILD_CLASS",
  "LOAD_LOCALS",
  "GET_LEN",
  "CALL_FUNCTION_EX",
  "WITH_EXCEPT_START",
  "END_SEND",
  "CLEANUP_THROW",
  "GET_AITER",
  "GET_ANEXT",
  "GET_YIELD_FROM_ITER",
  "FORMAT_SIMPLE",
  "FORMAT_WITH_SPEC",
  "MATCH_MAPPING",
  "MATCH_SEQUENCE",
  "MATCH_KEYS",
  "SETUP_ANNOTATIONS",
]);

function hasArgForListing(op: string): boolean {
  return !NO_ARG_LISTING.has(op);
}
