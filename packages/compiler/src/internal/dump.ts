// dumpAst: CPython 3.13's ast.dump, rule for rule (annotate_fields=True, show_empty=False).
import { hasAttributes, nodeFields, optionalFields } from "../generated/ast-nodes.gen.js";
import { type ConstantValue, pyRepr } from "./constants.js";

export interface DumpOptions {
  /** Spaces per level (a number) or the indent string; omitted: everything on one line. */
  indent?: number | string;
  includeAttributes?: boolean;
}

const ATTRIBUTES = ["lineno", "col_offset", "end_lineno", "end_col_offset"] as const;

interface NodeLike {
  _type: string;
  [field: string]: unknown;
}

export function dumpAst(node: object, options: DumpOptions = {}): string {
  const indent =
    options.indent === undefined
      ? null
      : typeof options.indent === "number"
        ? " ".repeat(options.indent)
        : options.indent;
  const includeAttributes = options.includeAttributes ?? false;

  const format = (value: unknown, level: number): [string, boolean] => {
    let prefix = "";
    let sep = ", ";
    if (indent !== null) {
      level++;
      prefix = `\n${indent.repeat(level)}`;
      sep = `,\n${indent.repeat(level)}`;
    }
    if (Array.isArray(value)) {
      if (value.length === 0) return ["[]", true];
      return [`[${prefix}${value.map((x) => format(x, level)[0]).join(sep)}]`, false];
    }
    if (isNode(value)) {
      const type = value._type;
      const fields = nodeFields[type] ?? [];
      const optional = optionalFields[type];
      const isConstantLike = type === "Constant" || type === "MatchSingleton";
      const args: string[] = [];
      let allSimple = true;
      for (const name of fields) {
        const v = value[name];
        if (v === null && optional?.includes(name)) continue;
        if ((v === null || (Array.isArray(v) && v.length === 0)) && !isConstantLike) continue;
        if (isConstantLike && name === "value") {
          args.push(`value=${pyRepr(v as ConstantValue)}`);
          continue;
        }
        const [s, simple] = format(v, level);
        allSimple &&= simple;
        args.push(`${name}=${s}`);
      }
      if (includeAttributes && hasAttributes[type]) {
        for (const name of ATTRIBUTES) {
          const v = value[name];
          if (v === null || v === undefined) continue;
          const [s, simple] = format(v, level);
          allSimple &&= simple;
          args.push(`${name}=${s}`);
        }
      }
      if (allSimple && args.length <= 3) return [`${type}(${args.join(", ")})`, args.length === 0];
      return [`${type}(${prefix}${args.join(sep)})`, false];
    }
    return [reprValue(value), true];
  };
  return format(node, 0)[0];
}

function isNode(v: unknown): v is NodeLike {
  return (
    typeof v === "object" && v !== null && typeof (v as { _type?: unknown })._type === "string"
  );
}

/** Fields other than Constant.value hold only ints (JS numbers), strs and None. */
function reprValue(v: unknown): string {
  if (typeof v === "number") return String(v);
  return pyRepr(v as ConstantValue);
}
