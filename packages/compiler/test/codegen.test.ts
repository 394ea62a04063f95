import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compileToAssembled } from "../src/internal/compile.js";
import { parse } from "../src/internal/parse.js";
import { disassemble } from "./codegen-listing.js";

// Golden listings: scripts/gen-codegen-golden.py writes each *.dis from CPython's compiler,
// adapted to CPython 3.14's shapes (see the script for the rules).
const dir = new URL("./golden/codegen/", import.meta.url);

function listingOf(src: string, filename = "<test>"): string {
  const p = parse(src, filename, "exec");
  if (!p.ok) throw new Error(p.error.msg);
  const r = compileToAssembled(p.ast, filename, "exec", src, { constSlices: true });
  if (!r.ok) throw new Error(`${r.error.msg} at ${r.error.lineno}:${r.error.offset}`);
  return disassemble(r.unit);
}

describe("code generation matches CPython's listings", () => {
  for (const f of readdirSync(dir)
    .filter((n) => n.endsWith(".py"))
    .sort()) {
    it(f, () => {
      const src = readFileSync(new URL(f, dir), "utf8");
      const expected = readFileSync(new URL(f.replace(/\.py$/, ".dis"), dir), "utf8");
      expect(listingOf(src, f)).toBe(expected);
    });
  }
});
