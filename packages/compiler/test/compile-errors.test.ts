import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compile, compileToAssembled } from "../src/internal/compile.js";
import { parse } from "../src/internal/parse.js";

// scripts/gen-compile-errors.py writes errors.json with CPython 3.13's SyntaxError for each source.
interface Case {
  source: string;
  error: {
    msg: string;
    lineno: number;
    offset: number;
    endLineno: number;
    endOffset: number;
  } | null;
}
const cases: Case[] = JSON.parse(
  readFileSync(new URL("./golden/compile-errors/errors.json", import.meta.url), "utf8"),
);

describe("compile errors match CPython's messages and positions", () => {
  for (const c of cases) {
    it(JSON.stringify(c.source), () => {
      if (c.error === null) {
        const p = parse(c.source, "<test>", "exec");
        const r = p.ok ? compileToAssembled(p.ast, "<test>", "exec", c.source) : p;
        expect(r.ok ? null : r.error.msg).toBe(null);
        return;
      }
      const r = compile(c.source, "<test>", "exec");
      expect(r.ok).toBe(false);
      if (r.ok) return;
      const { msg, lineno, offset, endLineno, endOffset } = r.error;
      expect({ msg, lineno, offset, endLineno, endOffset }).toEqual(c.error);
    });
  }
});
