// Reads a definitions file (defs/bytecodes.ts) with the TypeScript compiler API: every top-level
// call of op/inst/macro/family/pseudo becomes a definition; bodies stay as AST nodes.
import ts from "typescript";
import { parseStackEffect, type StackEffect } from "./stack-spec.js";

export interface DefOptions {
  readonly pure: boolean;
  readonly tier: 1 | 2 | null;
  readonly specializing: boolean;
  readonly guard: boolean;
  readonly replicate: number;
  readonly noSaveIp: boolean;
  readonly hot: boolean;
  /** Tier 2: this uop stands in traces for the named tier-1 uop (CPython's `replaced`). */
  readonly replaces: string | null;
}

export interface OpDef {
  readonly kind: "op" | "inst";
  readonly name: string;
  readonly effect: StackEffect;
  readonly effectText: string;
  /** The body's statements, and the name of its `$` parameter (null when it has none). */
  readonly body: readonly ts.Statement[];
  readonly param: string | null;
  readonly options: DefOptions;
  readonly line: number;
}

export interface MacroDef {
  readonly kind: "macro";
  readonly name: string;
  /** Uop names and cache skips (`{ cache: n }`), in order. */
  readonly parts: readonly (string | { readonly cache: number })[];
  readonly options: DefOptions;
  readonly line: number;
}

export interface FamilyDef {
  readonly kind: "family";
  readonly head: string;
  readonly members: readonly string[];
  readonly line: number;
}

export interface PseudoDef {
  readonly kind: "pseudo";
  readonly name: string;
  readonly effect: StackEffect;
  readonly targets: readonly string[];
  readonly flags: readonly string[];
  readonly line: number;
}

export type Def = OpDef | MacroDef | FamilyDef | PseudoDef;

export interface Defs {
  readonly file: ts.SourceFile;
  readonly defs: readonly Def[];
}

export class DefError extends Error {}

export function parseDefs(source: string, fileName = "bytecodes.ts"): Defs {
  const file = ts.createSourceFile(
    fileName,
    source,
    ts.ScriptTarget.ES2022,
    true,
    ts.ScriptKind.TS,
  );
  const defs: Def[] = [];
  for (const stmt of file.statements) {
    if (ts.isImportDeclaration(stmt)) continue;
    const line = file.getLineAndCharacterOfPosition(stmt.getStart()).line + 1;
    const where = `${fileName}:${line}`;
    if (!ts.isExpressionStatement(stmt) || !ts.isCallExpression(stmt.expression)) {
      throw new DefError(
        `${where}: only op/inst/macro/family/pseudo calls may appear at top level`,
      );
    }
    const call = stmt.expression;
    const callee = call.expression.getText(file);
    const args = call.arguments;
    const str = (i: number): string => {
      const a = args[i];
      if (!a || !ts.isStringLiteralLike(a))
        throw new DefError(`${where}: argument ${i + 1} of ${callee} must be a string`);
      return a.text;
    };
    const strs = (i: number): string[] => {
      const a = args[i];
      if (!a || !ts.isArrayLiteralExpression(a))
        throw new DefError(`${where}: argument ${i + 1} of ${callee} must be an array of strings`);
      return a.elements.map((e) => {
        if (!ts.isStringLiteralLike(e))
          throw new DefError(`${where}: expected a string in ${callee}`);
        return e.text;
      });
    };
    switch (callee) {
      case "op":
      case "inst": {
        const name = str(0);
        const effectText = str(1);
        const fn = args[2];
        if (!fn || !ts.isArrowFunction(fn) || !ts.isBlock(fn.body)) {
          throw new DefError(
            `${where}: the body of ${name} must be an arrow function with a block`,
          );
        }
        const p = fn.parameters[0];
        defs.push({
          kind: callee,
          name,
          effect: parseStackEffect(effectText),
          effectText,
          body: fn.body.statements,
          param: p ? p.name.getText(file) : null,
          options: readOptions(args[3], where),
          line,
        });
        break;
      }
      case "macro": {
        const name = str(0);
        const parts = str(1)
          .split("+")
          .map((s) => s.trim())
          .map((s): string | { cache: number } => {
            const m = /^unused\/(\d+)$/.exec(s);
            return m ? { cache: Number(m[1]) } : s;
          });
        defs.push({ kind: "macro", name, parts, options: readOptions(args[2], where), line });
        break;
      }
      case "family":
        defs.push({ kind: "family", head: str(0), members: strs(1), line });
        break;
      case "pseudo": {
        let flags: string[] = [];
        const o = args[3];
        if (o && ts.isObjectLiteralExpression(o)) {
          for (const p of o.properties) {
            if (ts.isPropertyAssignment(p) && p.name.getText(file) === "flags") {
              const a = p.initializer;
              if (ts.isArrayLiteralExpression(a)) {
                flags = a.elements.map((e) =>
                  ts.isStringLiteralLike(e) ? e.text : e.getText(file),
                );
              }
            }
          }
        }
        defs.push({
          kind: "pseudo",
          name: str(0),
          effect: parseStackEffect(str(1)),
          targets: strs(2),
          flags,
          line,
        });
        break;
      }
      default:
        throw new DefError(`${where}: unknown definition ${callee}`);
    }
  }
  return { file, defs };
}

function readOptions(node: ts.Expression | undefined, where: string): DefOptions {
  const o = {
    pure: false,
    tier: null as 1 | 2 | null,
    specializing: false,
    guard: false,
    replicate: 0,
    noSaveIp: false,
    hot: false,
    replaces: null as string | null,
  };
  if (!node) return o;
  if (!ts.isObjectLiteralExpression(node))
    throw new DefError(`${where}: options must be an object literal`);
  for (const p of node.properties) {
    if (!ts.isPropertyAssignment(p))
      throw new DefError(`${where}: options must be plain properties`);
    const key = p.name.getText();
    const v = p.initializer;
    const bool = v.kind === ts.SyntaxKind.TrueKeyword;
    const num = ts.isNumericLiteral(v) ? Number(v.text) : Number.NaN;
    switch (key) {
      case "pure":
      case "specializing":
      case "guard":
      case "noSaveIp":
      case "hot":
        o[key] = bool;
        break;
      case "tier":
        if (num !== 1 && num !== 2) throw new DefError(`${where}: tier must be 1 or 2`);
        o.tier = num;
        break;
      case "replicate":
        o.replicate = num;
        break;
      case "replaces":
        if (!ts.isStringLiteralLike(v)) throw new DefError(`${where}: replaces must be a string`);
        o.replaces = v.text;
        break;
      default:
        throw new DefError(`${where}: unknown option ${key}`);
    }
  }
  return o;
}
