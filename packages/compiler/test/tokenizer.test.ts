import { readFileSync } from "node:fs";
import { tokenize } from "@skein/compiler";
import { describe, expect, it } from "vitest";

interface TokenCase {
  source: string;
  tokens: { type: string; string: string; start: [number, number]; end: [number, number] }[];
}

// Expected tokens come from CPython 3.13's tokenize.generate_tokens (scripts/regen-golden.py).
const cases = JSON.parse(
  readFileSync(new URL("./golden/tokens.json", import.meta.url), "utf8"),
) as TokenCase[];

describe("tokenize matches CPython 3.13's tokenize module", () => {
  for (const c of cases) {
    it(JSON.stringify(c.source), () => {
      const r = tokenize(c.source);
      if (!r.ok) throw new Error(r.error.msg);
      expect(r.tokens.map((t) => [t.type, t.string, t.start, t.end])).toEqual(
        c.tokens.map((t) => [t.type, t.string, t.start, t.end]),
      );
    });
  }

  it("reports tab/space inconsistency as TabError", () => {
    const r = tokenize("if x:\n        a\n\tb\n");
    expect(r.ok ? null : r.error.type).toBe("TabError");
  });
  it("measures columns in UTF-8 bytes", () => {
    const r = tokenize("é = 1\n");
    expect(r.ok && r.tokens[1]!.start).toEqual([1, 3]);
  });
});
