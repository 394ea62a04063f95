// An expression back to source text, as CPython's Python/ast_unparse.c writes it: the strings that
// `from __future__ import annotations` stores as annotations (_PyAST_ExprAsUnicode).
import type * as A from "../generated/ast-nodes.gen.js";
import { pyRepr } from "./constants.js";

// Precedence levels of ast_unparse.c (PR_BOR is PR_EXPR).
const PR_TUPLE = 0;
const PR_TEST = 1;
const PR_OR = 2;
const PR_AND = 3;
const PR_NOT = 4;
const PR_CMP = 5;
const PR_EXPR = 6;
const PR_BXOR = 7;
const PR_BAND = 8;
const PR_SHIFT = 9;
const PR_ARITH = 10;
const PR_TERM = 11;
const PR_FACTOR = 12;
const PR_POWER = 13;
const PR_AWAIT = 14;
const PR_ATOM = 15;

const BINOPS: Record<string, [string, number]> = {
  Add: [" + ", PR_ARITH],
  Sub: [" - ", PR_ARITH],
  Mult: [" * ", PR_TERM],
  MatMult: [" @ ", PR_TERM],
  Div: [" / ", PR_TERM],
  Mod: [" % ", PR_TERM],
  LShift: [" << ", PR_SHIFT],
  RShift: [" >> ", PR_SHIFT],
  BitOr: [" | ", PR_EXPR],
  BitXor: [" ^ ", PR_BXOR],
  BitAnd: [" & ", PR_BAND],
  FloorDiv: [" // ", PR_TERM],
  Pow: [" ** ", PR_POWER],
};

const UNARYOPS: Record<string, [string, number]> = {
  Invert: ["~", PR_FACTOR],
  Not: ["not ", PR_NOT],
  UAdd: ["+", PR_FACTOR],
  USub: ["-", PR_FACTOR],
};

const CMPOPS: Record<string, string> = {
  Eq: " == ",
  NotEq: " != ",
  Lt: " < ",
  LtE: " <= ",
  Gt: " > ",
  GtE: " >= ",
  Is: " is ",
  IsNot: " is not ",
  In: " in ",
  NotIn: " not in ",
};

/** The source text of an expression, as `_PyAST_ExprAsUnicode` gives it. */
export function unparseExpr(e: A.expr): string {
  return expr(e, PR_TEST);
}

function paren(cond: boolean, s: string): string {
  return cond ? `(${s})` : s;
}

function constant(v: A.Constant["value"]): string {
  if (typeof v === "number" && !Number.isFinite(v) && !Number.isNaN(v)) {
    return v > 0 ? "1e309" : "-1e309";
  }
  if (v !== null && typeof v === "object" && "kind" in v && v.kind === "ellipsis") return "...";
  return pyRepr(v);
}

function args(a: A.arguments): string {
  const parts: string[] = [];
  const positional = [...a.posonlyargs, ...a.args];
  const firstDefault = positional.length - a.defaults.length;
  positional.forEach((p, i) => {
    const d = i >= firstDefault ? a.defaults[i - firstDefault] : undefined;
    parts.push(d ? `${p.arg}=${expr(d, PR_TEST)}` : p.arg);
    if (a.posonlyargs.length > 0 && i === a.posonlyargs.length - 1) parts.push("/");
  });
  if (a.vararg) parts.push(`*${a.vararg.arg}`);
  else if (a.kwonlyargs.length > 0) parts.push("*");
  a.kwonlyargs.forEach((k, i) => {
    const d = a.kw_defaults[i];
    parts.push(d ? `${k.arg}=${expr(d, PR_TEST)}` : k.arg);
  });
  if (a.kwarg) parts.push(`**${a.kwarg.arg}`);
  return parts.join(", ");
}

function comprehensions(gens: readonly A.comprehension[]): string {
  let out = "";
  for (const g of gens) {
    out += g.is_async ? " async for " : " for ";
    out += `${expr(g.target, PR_TUPLE)} in ${expr(g.iter, PR_TEST + 1)}`;
    for (const c of g.ifs) out += ` if ${expr(c, PR_TEST + 1)}`;
  }
  return out;
}

function fstringBody(values: readonly A.expr[]): string {
  let out = "";
  for (const v of values) {
    if (v._type === "Constant" && typeof v.value === "string") {
      out += v.value.replace(/\{/g, "{{").replace(/\}/g, "}}");
    } else if (v._type === "FormattedValue") {
      let inner = expr(v.value, PR_TEST + 1);
      if (inner.startsWith("{")) inner = ` ${inner}`;
      out += `{${inner}`;
      if (v.conversion > 0) out += `!${String.fromCharCode(v.conversion)}`;
      if (v.format_spec && v.format_spec._type === "JoinedStr") {
        out += `:${fstringBody(v.format_spec.values)}`;
      }
      out += "}";
    }
  }
  return out;
}

function expr(e: A.expr, level: number): string {
  switch (e._type) {
    case "BoolOp": {
      const pr = e.op._type === "And" ? PR_AND : PR_OR;
      const op = e.op._type === "And" ? " and " : " or ";
      return paren(level > pr, e.values.map((v) => expr(v, pr + 1)).join(op));
    }
    case "NamedExpr":
      return paren(level > PR_TUPLE, `${expr(e.target, PR_ATOM)} := ${expr(e.value, PR_ATOM)}`);
    case "BinOp": {
      const [op, pr] = BINOPS[e.op._type]!;
      const rassoc = e.op._type === "Pow" ? 1 : 0;
      return paren(
        level > pr,
        `${expr(e.left, pr + rassoc)}${op}${expr(e.right, pr + 1 - rassoc)}`,
      );
    }
    case "UnaryOp": {
      const [op, pr] = UNARYOPS[e.op._type]!;
      return paren(level > pr, `${op}${expr(e.operand, pr)}`);
    }
    case "Lambda": {
      const a = args(e.args);
      const head = a.length > 0 ? `lambda ${a}` : "lambda";
      return paren(level > PR_TEST, `${head}: ${expr(e.body, PR_TEST)}`);
    }
    case "IfExp":
      return paren(
        level > PR_TEST,
        `${expr(e.body, PR_TEST + 1)} if ${expr(e.test, PR_TEST + 1)} else ${expr(e.orelse, PR_TEST)}`,
      );
    case "Dict": {
      const items = e.keys.map((k, i) =>
        k === null
          ? `**${expr(e.values[i]!, PR_EXPR)}`
          : `${expr(k, PR_TEST)}: ${expr(e.values[i]!, PR_TEST)}`,
      );
      return `{${items.join(", ")}}`;
    }
    case "Set":
      return e.elts.length === 0 ? "{*()}" : `{${e.elts.map((x) => expr(x, PR_TEST)).join(", ")}}`;
    case "ListComp":
      return `[${expr(e.elt, PR_TEST)}${comprehensions(e.generators)}]`;
    case "SetComp":
      return `{${expr(e.elt, PR_TEST)}${comprehensions(e.generators)}}`;
    case "DictComp":
      return `{${expr(e.key, PR_TEST)}: ${expr(e.value, PR_TEST)}${comprehensions(e.generators)}}`;
    case "GeneratorExp":
      return `(${expr(e.elt, PR_TEST)}${comprehensions(e.generators)})`;
    case "Await":
      return paren(level > PR_AWAIT, `await ${expr(e.value, PR_ATOM)}`);
    case "Yield":
      return e.value ? `(yield ${expr(e.value, PR_TEST)})` : "(yield)";
    case "YieldFrom":
      return `(yield from ${expr(e.value, PR_TEST)})`;
    case "Compare": {
      let out = expr(e.left, PR_CMP + 1);
      e.ops.forEach((op, i) => {
        out += `${CMPOPS[op._type]!}${expr(e.comparators[i]!, PR_CMP + 1)}`;
      });
      return paren(level > PR_CMP, out);
    }
    case "Call": {
      const parts: string[] = [];
      const only = e.args[0];
      if (e.args.length === 1 && e.keywords.length === 0 && only!._type === "GeneratorExp") {
        return `${expr(e.func, PR_ATOM)}${expr(only!, PR_TEST)}`;
      }
      for (const a of e.args) parts.push(expr(a, PR_TEST));
      for (const k of e.keywords) {
        parts.push(
          k.arg === null ? `**${expr(k.value, PR_TEST)}` : `${k.arg}=${expr(k.value, PR_TEST)}`,
        );
      }
      return `${expr(e.func, PR_ATOM)}(${parts.join(", ")})`;
    }
    case "FormattedValue":
      return `f${pyRepr(fstringBody([e]))}`;
    case "JoinedStr":
      return `f${pyRepr(fstringBody(e.values))}`;
    case "Constant":
      return constant(e.value);
    case "Attribute": {
      const v = e.value;
      const period = v._type === "Constant" && typeof v.value === "bigint" ? " ." : ".";
      return `${expr(v, PR_ATOM)}${period}${e.attr}`;
    }
    case "Subscript":
      return `${expr(e.value, PR_ATOM)}[${expr(e.slice, PR_TUPLE)}]`;
    case "Starred":
      return `*${expr(e.value, PR_EXPR)}`;
    case "Name":
      return e.id;
    case "List":
      return `[${e.elts.map((x) => expr(x, PR_TEST)).join(", ")}]`;
    case "Tuple": {
      if (e.elts.length === 0) return "()";
      const inner = e.elts.map((x) => expr(x, PR_TEST)).join(", ");
      return paren(level > PR_TUPLE, e.elts.length === 1 ? `${inner},` : inner);
    }
    case "Slice": {
      let out = e.lower ? expr(e.lower, PR_TEST) : "";
      out += ":";
      if (e.upper) out += expr(e.upper, PR_TEST);
      if (e.step) out += `:${expr(e.step, PR_TEST)}`;
      return out;
    }
    default:
      return "";
  }
}
