// Hand-written sources never spill by hand and never name an opcode by its number.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const repo = join(import.meta.dirname, "../../..");
const packages = join(repo, "packages");

function handWritten(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (name === "generated" || name === "node_modules" || name === "dist") continue;
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.ts$/.test(name) && !/\.gen\.ts$/.test(name)) out.push(p);
    }
  };
  for (const pkg of readdirSync(packages)) {
    const src = join(packages, pkg, "src");
    try {
      if (statSync(src).isDirectory()) walk(src);
    } catch {}
  }
  return out;
}

/**
 * Functions that may set FRAME_SP by hand: creating a frame and the exception unwinder (CPython's
 * _PyFrame_Initialize and exception_unwind). A spill anywhere else is the generator's job.
 */
const FRAME_SP_WRITERS = new Set([
  "allocFrame",
  "initFrame",
  "pushFrame",
  "handleException",
  // CALL_ALLOC_AND_ENTER_INIT lays out the init shim's frame (CPython's _Py_InitCleanup).
  "allocAndEnterInit",
]);
/** A line comment that marks a deliberate, reviewed write of FRAME_SP. */
const MARKER = "not a spill:";

function enclosingFunction(n: ts.Node): string | null {
  for (let p: ts.Node | undefined = n.parent; p; p = p.parent) {
    if ((ts.isMethodDeclaration(p) || ts.isFunctionDeclaration(p)) && p.name)
      return p.name.getText();
  }
  return null;
}

describe("hand-written sources", () => {
  const files = handWritten();

  it("never write FRAME_SP (no hand-written spills)", () => {
    const bad: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      if (!text.includes("FRAME_SP")) continue;
      const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
      const visit = (n: ts.Node): void => {
        if (
          ts.isBinaryExpression(n) &&
          n.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
          /\bFRAME_SP\b/.test(n.left.getText(sf))
        ) {
          const line = sf.getLineAndCharacterOfPosition(n.getStart(sf)).line;
          const lines = text.split("\n");
          const marked = [lines[line], lines[line - 1]].some((l) => l?.includes(MARKER));
          const fn = enclosingFunction(n);
          if (!marked && !(fn !== null && FRAME_SP_WRITERS.has(fn))) {
            bad.push(`${relative(repo, file)}:${line + 1}: ${n.getText(sf)}`);
          }
        }
        ts.forEachChild(n, visit);
      };
      visit(sf);
    }
    expect(bad).toEqual([]);
  });

  it("never name a generated opcode or uop id by its number", () => {
    const bad: string[] = [];
    const patterns = [
      /\bopcode\s*[!=]==?\s*\d+\b/,
      /& 255\)?\s*[!=]==?\s*\d+\b/,
      /\bcase\s+\d+\s*:\s*\/\*\s*[A-Z_]+\s*\*\//,
      /\bOPCODE_NAMES\[\d+\]/,
      // Uop ids (Uop.NAME) too: in comparisons, trace uop literals and the uop tables.
      /\buop\s*[!=]==?\s*\d+\b/,
      /\bopcode:\s*[1-9]\d*\b/,
      /\bUOP_[A-Z0-9_]+\[\d+\]/,
      /\bu16\[[^\]]+\]\s*=\s*\(?\s*\d+\s*\|/,
    ];
    // The patterns catch what they are meant to.
    for (const l of [
      "if (opcode === 42) {",
      "if (uop.opcode === 600) {",
      "if (uop === 531) return;",
      "uops.push({ opcode: 540, oparg: 0 });",
      "const f = UOP_TIER2_FLAGS[12];",
      "case 77: /* LOAD_FAST */",
    ])
      expect(
        patterns.some((p) => p.test(l)),
        l,
      ).toBe(true);
    // An opcode of 0 (CACHE, or a placeholder) names nothing generated.
    for (const l of ["uops.push({ opcode: Uop._SET_IP, oparg: 0 });", "{ opcode: 0, oparg: 0 }"])
      expect(
        patterns.some((p) => p.test(l)),
        l,
      ).toBe(false);
    for (const file of files) {
      readFileSync(file, "utf8")
        .split("\n")
        .forEach((l, i) => {
          if (patterns.some((p) => p.test(l)))
            bad.push(`${relative(repo, file)}:${i + 1}: ${l.trim()}`);
        });
    }
    expect(bad).toEqual([]);
  });
});
