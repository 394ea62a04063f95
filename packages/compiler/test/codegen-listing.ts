// Test helper: a normalized disassembly of compiled units, in the format that
// scripts/gen-codegen-golden.py produces from CPython (see its docstring for the normalization).
import type { Assembled } from "../src/internal/assemble.js";
import { pyRepr } from "../src/internal/constants.js";
import type { ConstValue } from "../src/internal/consts.js";

const NAME_OPS = new Set([
  "LOAD_NAME",
  "STORE_NAME",
  "DELETE_NAME",
  "LOAD_GLOBAL",
  "STORE_GLOBAL",
  "DELETE_GLOBAL",
  "LOAD_ATTR",
  "STORE_ATTR",
  "DELETE_ATTR",
  "IMPORT_NAME",
  "IMPORT_FROM",
  "LOAD_SUPER_ATTR",
]);
const LOCAL_OPS = new Set([
  "LOAD_FAST",
  "LOAD_FAST_BORROW",
  "LOAD_FAST_CHECK",
  "LOAD_FAST_AND_CLEAR",
  "STORE_FAST",
  "DELETE_FAST",
  "LOAD_DEREF",
  "STORE_DEREF",
  "DELETE_DEREF",
  "MAKE_CELL",
  "LOAD_FROM_DICT_OR_DEREF",
  "LOAD_CLOSURE",
]);
const PAIRS: Record<string, [string, string]> = {
  LOAD_FAST_LOAD_FAST: ["LOAD_FAST", "LOAD_FAST"],
  LOAD_FAST_BORROW_LOAD_FAST_BORROW: ["LOAD_FAST", "LOAD_FAST"],
  STORE_FAST_LOAD_FAST: ["STORE_FAST", "LOAD_FAST"],
  STORE_FAST_STORE_FAST: ["STORE_FAST", "STORE_FAST"],
};
const NO_ARG = new Set([
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
  "INTERPRETER_EXIT",
]);

export function constRepr(v: ConstValue): string {
  if (typeof v === "object" && v !== null && !(v instanceof Uint8Array)) {
    switch (v.kind) {
      case "tuple": {
        const inner = v.items.map(constRepr).join(", ");
        return v.items.length === 1 ? `(${inner},)` : `(${inner})`;
      }
      case "frozenset":
        return v.items.length === 0
          ? "frozenset()"
          : `frozenset({${v.items.map(constRepr).join(", ")}})`;
      case "slice":
        return `slice(${constRepr(v.start)}, ${constRepr(v.stop)}, ${constRepr(v.step)})`;
      case "code":
        return `<code ${(v.code as Assembled).name}>`;
    }
  }
  return pyRepr(v as Parameters<typeof pyRepr>[0]);
}

/** The normalized listing of `unit` and every code unit nested in its constants. */
export function disassemble(unit: Assembled): string {
  const out: string[] = [];
  const visit = (a: Assembled): void => {
    out.push(`${a.qualname}:`);
    const items: { op: string; arg: string; line: number; target: number; from: number }[] = [];
    const first: number[] = [];
    a.listing.forEach((ins, k) => {
      first.push(items.length);
      const line = ins.loc.lineno;
      const pair = PAIRS[ins.op];
      if (pair !== undefined) {
        items.push({
          op: pair[0],
          arg: a.localsplusNames[ins.arg >> 4]!,
          line,
          target: -1,
          from: k,
        });
        items.push({
          op: pair[1],
          arg: a.localsplusNames[ins.arg & 15]!,
          line,
          target: -1,
          from: k,
        });
        return;
      }
      let op = ins.op === "LOAD_FAST_BORROW" ? "LOAD_FAST" : ins.op;
      let arg: string;
      if (ins.target >= 0) arg = "";
      else if (op === "LOAD_CONST") arg = constRepr(a.consts[ins.arg]!);
      else if (LOCAL_OPS.has(ins.op)) arg = a.localsplusNames[ins.arg] ?? `?${ins.arg}`;
      else if (NAME_OPS.has(op)) {
        const idx = op === "LOAD_GLOBAL" || op === "LOAD_ATTR" ? ins.arg >> 1 : ins.arg;
        arg = a.names[idx] ?? `?${idx}`;
        if (op === "LOAD_GLOBAL" && ins.arg & 1) arg += " +NULL";
        if (op === "LOAD_ATTR" && ins.arg & 1) arg += " +self";
      } else if (NO_ARG.has(op)) arg = "";
      else arg = String(ins.arg);
      if (op === "STORE_FAST_MAYBE_NULL") op = "STORE_FAST";
      items.push({ op, arg, line, target: ins.target, from: k });
    });
    const targets = [
      ...new Set(items.filter((i) => i.target >= 0).map((i) => first[i.target]!)),
    ].sort((x, y) => x - y);
    const label = new Map(targets.map((t, n) => [t, `L${n + 1}`]));
    items.forEach((it, k) => {
      const prefix = label.has(k) ? `${label.get(k)}: ` : "";
      const arg = it.target >= 0 ? `to ${label.get(first[it.target]!)}` : it.arg;
      out.push(`  ${String(it.line).padStart(3)} ${prefix}${`${it.op} ${arg}`.trimEnd()}`);
    });
    for (const c of a.consts) {
      if (typeof c === "object" && c !== null && !(c instanceof Uint8Array) && c.kind === "code") {
        out.push("");
        visit(c.code as Assembled);
      }
    }
  };
  visit(unit);
  return `${out.join("\n")}\n`;
}
