// Renames the block-scoped locals of a dispatch loop's cases to a few function-level slots.
// V8 gives every `let`/`const` of a function its own register, sibling blocks included, and puts
// its temporaries after them: with ~570 case locals, every register operand of the loop needed a
// Wide prefix (2 bytes instead of 1), a seventh of its bytecode. Nothing is live from one case to
// the next, so each case numbers its locals from slot 0 again, and the loop declares only as many
// slots as its largest case needs. The slots are declared without a type: TypeScript follows each
// assignment (an auto-typed `let`), so the cases type-check as they did.
import ts from "typescript";

export const SLOT_PREFIX = "_s";

/**
 * Rewrites `functionText` (one function declaration) so that the variables declared inside its
 * `switch` cases become the slots `_s0`, `_s1`, ... declared once after the function's opening line.
 */
export function slotCaseLocals(functionText: string): string {
  const file = ts.createSourceFile("loop.ts", functionText, ts.ScriptTarget.ES2022, true);
  const edits: { start: number; end: number; text: string }[] = [];
  let maxSlots = 0;

  const visitCase = (clause: ts.CaseClause): void => {
    const names: string[] = [];
    const scopes: Map<string, string>[] = [new Map()];
    const lookup = (name: string): string | undefined => {
      for (let k = scopes.length - 1; k >= 0; k--) {
        const s = scopes[k]!.get(name);
        if (s !== undefined) return s;
      }
      return undefined;
    };
    const declare = (list: ts.VariableDeclarationList, asStatement: boolean): void => {
      // `const a = x, b;` becomes `_s0 = x;`: the text between initializers is replaced, and the
      // initializers keep their own (inner) edits.
      const whole = asStatement ? list.parent : list;
      let cursor = whole.getStart(file);
      let sep = "";
      for (const d of list.declarations) {
        if (!ts.isIdentifier(d.name)) throw new Error("slotCaseLocals: destructuring in a case");
        const slot = `${SLOT_PREFIX}${names.length}`;
        names.push(d.name.text);
        maxSlots = Math.max(maxSlots, names.length);
        if (d.initializer) {
          edits.push({
            start: cursor,
            end: d.initializer.getStart(file),
            text: `${sep}${slot} = `,
          });
          visit(d.initializer);
          cursor = d.initializer.getEnd();
          sep = ", ";
        }
        scopes[scopes.length - 1]!.set(d.name.text, slot);
      }
      edits.push({
        start: cursor,
        end: whole.getEnd(),
        text: asStatement && sep !== "" ? ";" : "",
      });
    };
    const visit = (node: ts.Node): void => {
      if (ts.isBlock(node) || ts.isForStatement(node) || ts.isForOfStatement(node)) {
        scopes.push(new Map());
        ts.forEachChild(node, visit);
        scopes.pop();
        return;
      }
      if (ts.isVariableStatement(node)) {
        declare(node.declarationList, true);
        return;
      }
      if (ts.isVariableDeclarationList(node)) {
        declare(node, false);
        return;
      }
      if (ts.isIdentifier(node)) {
        const slot = lookup(node.text);
        if (slot !== undefined && isReference(node))
          edits.push({ start: node.getStart(file), end: node.getEnd(), text: slot });
        return;
      }
      ts.forEachChild(node, visit);
    };
    for (const s of clause.statements) visit(s);
    // A line that says which local each slot holds, so the case still reads like its definition.
    const block = clause.statements[0];
    if (names.length > 0 && block !== undefined && ts.isBlock(block)) {
      const legend = names.map((n, k) => `${SLOT_PREFIX}${k} ${n}`).join(", ");
      const at = block.getStart(file) + 1;
      edits.push({ start: at, end: at, text: `\n// ${legend}\n` });
    }
  };

  const walk = (node: ts.Node): void => {
    if (ts.isCaseClause(node)) {
      visitCase(node);
      return;
    }
    ts.forEachChild(node, walk);
  };
  walk(file);
  if (maxSlots === 0) return functionText;
  const body = applyEdits(functionText, edits);
  const open = body.indexOf("{\n") + 2;
  const slots = Array.from({ length: maxSlots }, (_, k) => `${SLOT_PREFIX}${k}`).join(", ");
  return `${body.slice(0, open)}  // The cases' locals (see codegen/local-slots.ts).\n  let ${slots};\n${body.slice(open)}`;
}

/** Whether an identifier names a variable here (not a property, a label or a type). */
export function isReference(id: ts.Identifier): boolean {
  const p = id.parent;
  if (ts.isPropertyAccessExpression(p) && p.name === id) return false;
  if (ts.isPropertyAssignment(p) && p.name === id) return false;
  if (ts.isShorthandPropertyAssignment(p)) throw new Error("slotCaseLocals: shorthand property");
  if (ts.isBreakOrContinueStatement(p) || ts.isLabeledStatement(p)) return false;
  if (ts.isTypeReferenceNode(p) || ts.isQualifiedName(p)) return false;
  return true;
}

function applyEdits(
  text: string,
  edits: readonly { start: number; end: number; text: string }[],
): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start))
    out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}
