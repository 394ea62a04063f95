// The reference backend against tier 1, instruction by instruction (see tier2-helpers.ts).
import { EXIT_ERROR } from "@skein/bytecode";
import { describe, expect, it } from "vitest";
import { type DiffCase, runDiff } from "./tier2-helpers.js";

const loop = (call: string, n = 60): string =>
  `\nfor i in range(${n}):\n    r = ${call}\nprint(r)\n`;

const CASES: DiffCase[] = [
  {
    name: "int add",
    fn: "f",
    op: "BINARY_OP_ADD_INT",
    source: `def f(a, b):\n    return a + b${loop("f(i, 3)")}`,
  },
];

describe("ReferenceBackend runs one instruction as tier 1 does", () => {
  for (const c of CASES) {
    it(c.name, () => {
      const r = runDiff(c);
      expect(r.before, "the instruction was reached").not.toBeNull();
      expect(r.output2).toBe(r.output1);
      if ((c.exit ?? "end") === "deopt") {
        expect(r.exit).toBe(0);
        expect(r.tier2).toEqual(r.before);
      } else if (c.exit === "error") {
        expect(r.exit).toBe(EXIT_ERROR);
      } else {
        expect(r.exit).toBe(1);
        expect(r.tier2).toEqual(r.after);
      }
    });
  }
});
