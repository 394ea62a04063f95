// Writes the layout constants into the dispatch loops as numbers. A module-level constant (an
// import or a `const` of the module) is read from the module's context with a hole check at every
// use: about 430 uses in runTier1 cost 2.5 KB of V8 bytecode (4% of the limit), and TurboFan gets
// an immediate only when it folds the load. The numbers come from the files that define them, so
// a layout change makes the generated loops stale (`npm run codegen:check`) until regenerated.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { isReference } from "./local-slots.js";

/** The files whose `export const NAME = <number>;` declarations the loops may use as numbers. */
export const LAYOUT_FILES = [
  "packages/interp/src/internal/frame-layout.ts",
  "packages/objects/src/internal/layout.ts",
  "packages/stackref/src/internal/encoding.ts",
];

/** Every `export const NAME = <number>;` (an optional type, a sign, hex, `1 << n`) of the files. */
export function readLayoutConstants(repoDir: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const f of LAYOUT_FILES) {
    const file = ts.createSourceFile(
      f,
      readFileSync(join(repoDir, f), "utf8"),
      ts.ScriptTarget.ES2022,
    );
    for (const stmt of file.statements) {
      if (!ts.isVariableStatement(stmt)) continue;
      if (!stmt.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
      if ((stmt.declarationList.flags & ts.NodeFlags.Const) === 0) continue;
      for (const d of stmt.declarationList.declarations) {
        if (!ts.isIdentifier(d.name) || d.initializer === undefined) continue;
        const v = numberOf(d.initializer);
        if (v !== null) out.set(d.name.text, v);
      }
    }
  }
  return out;
}

function numberOf(e: ts.Expression): number | null {
  if (ts.isNumericLiteral(e)) return Number(e.text.replaceAll("_", ""));
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.MinusToken) {
    const v = numberOf(e.operand);
    return v === null ? null : -v;
  }
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.LessThanLessThanToken) {
    const a = numberOf(e.left);
    const b = numberOf(e.right);
    return a === null || b === null ? null : a << b;
  }
  if (ts.isParenthesizedExpression(e)) return numberOf(e.expression);
  return null;
}

/** `functionText` with every reference to one of `constants` replaced by its value. */
export function inlineConstants(
  functionText: string,
  constants: ReadonlyMap<string, number>,
): string {
  const file = ts.createSourceFile("loop.ts", functionText, ts.ScriptTarget.ES2022, true);
  const edits: { start: number; text: string; end: number }[] = [];
  // A name the function declares itself is its own, whatever the layout files say.
  const own = new Set<string>();
  const declared = (node: ts.Node): void => {
    if ((ts.isVariableDeclaration(node) || ts.isParameter(node)) && ts.isIdentifier(node.name))
      own.add(node.name.text);
    ts.forEachChild(node, declared);
  };
  declared(file);
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) {
      const v = own.has(node.text) ? undefined : constants.get(node.text);
      if (v !== undefined && isReference(node))
        edits.push({
          start: node.getStart(file),
          end: node.getEnd(),
          text: v < 0 ? `(${v})` : `${v}`,
        });
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  let out = functionText;
  for (const e of edits.sort((a, b) => b.start - a.start))
    out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}
