// disassemble(): a CodeUnit printed as CPython 3.13's dis.dis prints a code object (with its
// show_offsets column on by default), for Skein's CPython 3.14 instruction set.
import type { CodeUnit } from "../code-unit.js";
import {
  DEOPT,
  INLINE_CACHE_ENTRIES,
  OPCODE_FLAGS,
  OpcodeFlag,
} from "../generated/metadata.gen.js";
import { HAVE_ARGUMENT, OPCODE_NAMES } from "../generated/opcodes.gen.js";
import { codeRepr, constRepr } from "./repr.js";

export interface DisassembleOptions {
  /**
   * Print the opcodes found in `code` (the live, quickened bytecode of this unit, e.g. the
   * interpreter's heap copy): specialized forms show under their own names, as
   * `dis.dis(adaptive=True)` shows them. Arguments and caches still come from the unit.
   */
  readonly adaptive?: boolean;
  /** The live code units of the top-level unit (same length and layout as `unit.code`). */
  readonly code?: Uint16Array;
  /** The live code units of a nested code object, when `adaptive` (else its own code). */
  readonly liveCode?: (unit: CodeUnit) => Uint16Array | undefined;
  /** The offset column (default true; CPython's dis.dis defaults to show_offsets=False). */
  readonly showOffsets?: boolean;
  /** Nested code objects to disassemble after the unit (default: all). */
  readonly depth?: number;
  /** Byte offset of the current instruction, marked `-->`. */
  readonly lasti?: number;
}

const OPNAME_WIDTH = 20;
const OPARG_WIDTH = 5;
const NO_LINENO = "  --";

const CMP_OP = ["<", "<=", "==", "!=", ">", ">="];
const NB_OPS = [
  "+",
  "&",
  "//",
  "<<",
  "@",
  "*",
  "%",
  "|",
  "**",
  ">>",
  "-",
  "/",
  "^",
  "+=",
  "&=",
  "//=",
  "<<=",
  "@=",
  "*=",
  "%=",
  "|=",
  "**=",
  ">>=",
  "-=",
  "/=",
  "^=",
  "[]",
];
const INTRINSIC_1 = [
  "INTRINSIC_1_INVALID",
  "INTRINSIC_PRINT",
  "INTRINSIC_IMPORT_STAR",
  "INTRINSIC_STOPITERATION_ERROR",
  "INTRINSIC_ASYNC_GEN_WRAP",
  "INTRINSIC_UNARY_POSITIVE",
  "INTRINSIC_LIST_TO_TUPLE",
  "INTRINSIC_TYPEVAR",
  "INTRINSIC_PARAMSPEC",
  "INTRINSIC_TYPEVARTUPLE",
  "INTRINSIC_SUBSCRIPT_GENERIC",
  "INTRINSIC_TYPEALIAS",
];
const INTRINSIC_2 = [
  "INTRINSIC_2_INVALID",
  "INTRINSIC_PREP_RERAISE_STAR",
  "INTRINSIC_TYPEVAR_WITH_BOUND",
  "INTRINSIC_TYPEVAR_WITH_CONSTRAINTS",
  "INTRINSIC_SET_FUNCTION_TYPE_PARAMS",
  "INTRINSIC_SET_TYPEPARAM_DEFAULT",
];
const FUNCTION_ATTR_FLAGS = ["defaults", "kwdefaults", "annotations", "closure", "annotate"];
/** LOAD_COMMON_CONSTANT's table (3.14): classes print their name, functions their repr. */
export const COMMON_CONSTANTS = [
  "AssertionError",
  "NotImplementedError",
  "tuple",
  "all",
  "any",
  "list",
  "set",
] as const;
const COMMON_CONSTANT_REPRS = [
  "AssertionError",
  "NotImplementedError",
  "tuple",
  "<built-in function all>",
  "<built-in function any>",
  "list",
  "set",
];
/** LOAD_SPECIAL's table (3.14). */
export const SPECIAL_METHOD_NAMES = ["__enter__", "__exit__", "__aenter__", "__aexit__"] as const;
const CONVERSIONS = ["", "str", "repr", "ascii"];
const PAIRS = new Set([
  "LOAD_FAST_LOAD_FAST",
  "LOAD_FAST_BORROW_LOAD_FAST_BORROW",
  "STORE_FAST_LOAD_FAST",
  "STORE_FAST_STORE_FAST",
]);
const BACKWARD = new Set(["JUMP_BACKWARD", "JUMP_BACKWARD_NO_INTERRUPT", "END_ASYNC_FOR"]);

/** One decoded instruction (CPython's dis.Instruction, offsets in bytes). */
export interface DisInstruction {
  readonly opname: string;
  readonly opcode: number;
  /** The argument with EXTENDED_ARG prefixes applied, or null for an opcode without one. */
  readonly arg: number | null;
  readonly argrepr: string;
  readonly offset: number;
  /** Offset of the first EXTENDED_ARG prefix (else `offset`). */
  readonly startOffset: number;
  readonly startsLine: boolean;
  readonly lineNumber: number | null;
  /** Label number when something jumps here or the exception table names it. */
  readonly label: number | null;
  /** Byte offset of the jump target, for jumps. */
  readonly jumpTarget: number | null;
}

interface RawInstr {
  offset: number;
  startOffset: number;
  deop: number;
  arg: number | null;
}

function unpack(code: Uint16Array): RawInstr[] {
  const out: RawInstr[] = [];
  let extended = 0;
  let prefixes = 0;
  for (let i = 0; i < code.length; ) {
    const op = code[i]! & 0xff;
    const deop = DEOPT[op] ?? op;
    let arg: number | null = null;
    if (deop >= HAVE_ARGUMENT) {
      arg = (code[i]! >> 8) | extended;
      extended = OPCODE_NAMES[deop] === "EXTENDED_ARG" ? (arg << 8) | 0 : 0;
    } else extended = 0;
    if (OPCODE_NAMES[deop] === "EXTENDED_ARG") {
      prefixes++;
      out.push({ offset: 2 * i, startOffset: 2 * i, deop, arg });
    } else {
      out.push({ offset: 2 * i, startOffset: 2 * (i - prefixes), deop, arg });
      prefixes = 0;
    }
    i += 1 + (INLINE_CACHE_ENTRIES[deop] ?? 0);
  }
  return out;
}

function jumpTarget(r: RawInstr): number | null {
  if (r.arg === null || (OPCODE_FLAGS[r.deop]! & OpcodeFlag.HAS_JUMP) === 0) return null;
  const name = OPCODE_NAMES[r.deop]!;
  const signed = BACKWARD.has(name) ? -r.arg : r.arg;
  return r.offset + 2 + 2 * signed + 2 * (INLINE_CACHE_ENTRIES[r.deop] ?? 0);
}

function argRepr(unit: CodeUnit, r: RawInstr, labels: Map<number, number>): string {
  const arg = r.arg;
  if (arg === null) return "";
  const flags = OPCODE_FLAGS[r.deop]!;
  const name = OPCODE_NAMES[r.deop]!;
  const local = (i: number) => unit.localsplusNames[i] ?? "";
  if (flags & OpcodeFlag.HAS_CONST) {
    const c = unit.consts[arg];
    return c === undefined ? "" : constRepr(c);
  }
  if (flags & OpcodeFlag.HAS_NAME) {
    if (name === "LOAD_GLOBAL") return `${unit.names[arg >> 1]}${arg & 1 ? " + NULL" : ""}`;
    if (name === "LOAD_ATTR") return `${unit.names[arg >> 1]}${arg & 1 ? " + NULL|self" : ""}`;
    if (name === "LOAD_SUPER_ATTR") {
      return `${unit.names[arg >> 2]}${arg & 1 ? " + NULL|self" : ""}`;
    }
    return unit.names[arg] ?? "";
  }
  if (flags & OpcodeFlag.HAS_JUMP) return `to L${labels.get(jumpTarget(r)!)}`;
  if (PAIRS.has(name)) return `${local(arg >> 4)}, ${local(arg & 15)}`;
  if (flags & (OpcodeFlag.HAS_LOCAL | OpcodeFlag.HAS_FREE)) return local(arg);
  switch (name) {
    case "COMPARE_OP": {
      const op = CMP_OP[arg >> 5] ?? "?";
      return arg & 16 ? `bool(${op})` : op;
    }
    case "CONVERT_VALUE":
      return CONVERSIONS[arg] ?? "";
    case "SET_FUNCTION_ATTRIBUTE":
      return FUNCTION_ATTR_FLAGS.filter((_, i) => arg & (1 << i)).join(", ");
    case "BINARY_OP":
      return NB_OPS[arg] ?? "";
    case "CALL_INTRINSIC_1":
      return INTRINSIC_1[arg] ?? "";
    case "CALL_INTRINSIC_2":
      return INTRINSIC_2[arg] ?? "";
    case "LOAD_COMMON_CONSTANT":
      return COMMON_CONSTANT_REPRS[arg] ?? "";
    case "LOAD_SPECIAL":
      return SPECIAL_METHOD_NAMES[arg] ?? "";
    case "IS_OP":
      return arg ? "is not" : "is";
    case "CONTAINS_OP":
      return arg ? "not in" : "in";
  }
  return "";
}

/** Where each source line starts: byte offset -> line (null for none), as dis.findlinestarts. */
function lineStarts(unit: CodeUnit): Map<number, number | null> {
  const starts = new Map<number, number | null>();
  let last: number | null | undefined;
  for (let i = 0; i < unit.code.length; i++) {
    const raw = unit.positions[4 * i];
    const line = raw === undefined || raw < 0 ? null : raw;
    if (line !== last) {
      last = line;
      starts.set(2 * i, line);
    }
  }
  return starts;
}

function linenoWidth(starts: Map<number, number | null>): number {
  let max = -1;
  let hasNone = false;
  for (const line of starts.values()) {
    if (line === null) hasNone = true;
    else if (line !== 0 && line > max) max = line; // filter(None, ...) also drops line 0
  }
  if (max === -1) return 0;
  let width = Math.max(3, String(max).length);
  if (width < NO_LINENO.length && hasNone) width = NO_LINENO.length;
  return width;
}

/** The instructions of a unit, decoded as dis.get_instructions does. */
export function getInstructions(unit: CodeUnit, live?: Uint16Array): DisInstruction[] {
  return decode(unit, live).instrs;
}

function decode(unit: CodeUnit, live?: Uint16Array) {
  const raws = unpack(unit.code);
  const labelSet = new Set<number>();
  for (const r of raws) {
    const t = jumpTarget(r);
    if (t !== null) labelSet.add(t);
  }
  for (const e of unit.exceptionTable) {
    labelSet.add(2 * e.start);
    labelSet.add(2 * e.end);
    labelSet.add(2 * e.target);
  }
  const labels = new Map<number, number>();
  for (const off of [...labelSet].sort((a, b) => a - b)) labels.set(off, labels.size + 1);
  const starts = lineStarts(unit);
  let line: number | null = null;
  const instrs: DisInstruction[] = raws.map((r) => {
    const startsLine = starts.has(r.offset);
    if (startsLine) line = starts.get(r.offset)!;
    const opcode = live ? live[r.offset >> 1]! & 0xff : r.deop;
    return {
      opname: OPCODE_NAMES[opcode] ?? `<${opcode}>`,
      opcode,
      arg: r.arg,
      argrepr: argRepr(unit, r, labels),
      offset: r.offset,
      startOffset: r.startOffset,
      startsLine,
      lineNumber: line,
      label: labels.get(r.offset) ?? null,
      jumpTarget: jumpTarget(r),
    };
  });
  return { instrs, labels, starts };
}

function disassembleOne(
  unit: CodeUnit,
  live: Uint16Array | undefined,
  options: DisassembleOptions,
  out: string[],
): void {
  const { instrs, labels, starts } = decode(unit, live);
  const linenoW = linenoWidth(starts);
  const labelW = 4 + String(labels.size).length;
  const offsetW =
    options.showOffsets === false ? 0 : String(Math.max(2 * unit.code.length - 2, 9999)).length;
  const lasti = options.lasti ?? -1;
  for (const ins of instrs) {
    if (linenoW > 0 && ins.startsLine && ins.offset > 0) out.push("\n");
    const fields: string[] = [];
    if (linenoW > 0) {
      if (ins.startsLine) {
        fields.push(
          (ins.lineNumber === null ? NO_LINENO : String(ins.lineNumber)).padStart(linenoW),
        );
      } else fields.push(" ".repeat(linenoW));
    }
    fields.push(ins.label !== null ? `L${ins.label}:`.padStart(labelW) : " ".repeat(labelW));
    if (offsetW > 0) fields.push(`${String(ins.offset).padStart(offsetW)}  `);
    const caches = INLINE_CACHE_ENTRIES[DEOPT[ins.opcode] ?? ins.opcode] ?? 0;
    fields.push(ins.offset <= lasti && lasti <= ins.offset + 2 * caches ? "-->" : "   ");
    fields.push(ins.opname.padEnd(OPNAME_WIDTH));
    if (ins.arg !== null) {
      const excess = Math.max(0, ins.opname.length - OPNAME_WIDTH);
      fields.push(String(ins.arg).padStart(OPARG_WIDTH - excess));
      if (ins.argrepr) fields.push(`(${ins.argrepr})`);
    }
    out.push(`${fields.join(" ").trimEnd()}\n`);
  }
  if (unit.exceptionTable.length > 0) {
    out.push("ExceptionTable:\n");
    for (const e of unit.exceptionTable) {
      const l = (units: number) => labels.get(2 * units);
      out.push(
        `  L${l(e.start)} to L${l(e.end)} -> L${l(e.target)} [${e.depth}]${e.lasti ? " lasti" : ""}\n`,
      );
    }
  }
}

function disassembleRecursive(
  unit: CodeUnit,
  live: Uint16Array | undefined,
  depth: number | undefined,
  options: DisassembleOptions,
  out: string[],
): void {
  disassembleOne(unit, live, options, out);
  if (depth !== undefined && depth <= 0) return;
  for (const c of unit.consts) {
    if (c === null || typeof c !== "object" || c.kind !== "code") continue;
    out.push("\n");
    out.push(`Disassembly of ${codeRepr(c)}:\n`);
    const nested = options.adaptive ? options.liveCode?.(c) : undefined;
    disassembleRecursive(c, nested, depth === undefined ? undefined : depth - 1, options, out);
  }
}

/**
 * The disassembly of `unit` and, after it, of the code objects among its constants, formatted
 * as CPython 3.13's `dis.dis(code, show_offsets=True)`: line numbers, labels, byte offsets,
 * opnames, arguments with their meaning, the exception table.
 */
export function disassemble(unit: CodeUnit, options: DisassembleOptions = {}): string {
  const out: string[] = [];
  const live = options.adaptive ? (options.code ?? options.liveCode?.(unit)) : undefined;
  if (live !== undefined && live.length !== unit.code.length) {
    throw new RangeError(
      `disassemble: live code has ${live.length} units, the unit ${unit.code.length}`,
    );
  }
  disassembleRecursive(unit, live, options.depth, options, out);
  return out.join("");
}
