import { CompareOp, NB } from "@skein/objects";
import { describe, expect, it } from "vitest";
import {
  build,
  callMethod,
  type Encoded,
  leakOf,
  loadCases,
  type MethodCase,
  type Outcome,
  outcome,
  receiverKind,
  space,
} from "./cases.js";

const cases = loadCases<MethodCase>("methods");

function label(c: MethodCase): string {
  const args = c.args.map((a) => JSON.stringify(a)).join(", ");
  const kw = c.kwargs.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(", ");
  return `${JSON.stringify(c.receiver)}.${c.method}(${[args, kw].filter((x) => x).join(", ")})`;
}

for (const [title, kinds] of [
  ["str methods", ["str", "type:str"]],
  ["list methods", ["list"]],
  ["tuple methods", ["tuple"]],
  ["dict methods", ["dict", "type:dict"]],
  ["int and float methods", ["int", "bool", "float", "type:float"]],
] as const) {
  describe(`${title} as CPython 3.13`, () => {
    const mine = cases.filter((c) => (kinds as readonly string[]).includes(receiverKind(c)));
    it.each(mine.map((c) => [label(c), c] as const))("%s", (_, c) => {
      const { heap, s } = space();
      let got: [Outcome, string] = ["", ""];
      const leak = leakOf(heap, () => {
        got = callMethod(s, c);
      });
      expect(got[0]).toEqual(c.result);
      if (c.after !== undefined) expect(got[1]).toBe(c.after);
      expect(leak).toBe(0);
    });
  });
}

interface OperatorCase {
  left: Encoded;
  op: string;
  right: Encoded;
  result: Outcome;
}

const NB_OF: Record<string, number> = {
  mul: NB.MULTIPLY,
  imul: NB.INPLACE_MULTIPLY,
  mod: NB.REMAINDER,
  imod: NB.INPLACE_REMAINDER,
  or: NB.OR,
  ior: NB.INPLACE_OR,
};
const COMPARE_OF: Record<string, number> = { eq: CompareOp.EQ, lt: CompareOp.LT };

describe("operators of the sequences, str and dict as CPython 3.13", () => {
  const ops = loadCases<OperatorCase>("operators");
  it.each(
    ops.map((c) => [`${JSON.stringify(c.left)} ${c.op} ${JSON.stringify(c.right)}`, c] as const),
  )("%s", (_, c) => {
    const { heap, s } = space();
    let got: Outcome = "";
    const leak = leakOf(heap, () => {
      const a = build(s, c.left);
      const b = build(s, c.right);
      const nb = NB_OF[c.op];
      const r = nb === undefined ? s.richCompare(a, b, COMPARE_OF[c.op]!) : s.binaryOp(a, b, nb);
      got = outcome(s, r);
      s.refs.close(a);
      s.refs.close(b);
    });
    expect(got).toEqual(c.result);
    expect(leak).toBe(0);
  });

  it("raise RecursionError for self-containing lists that differ only in identity", () => {
    const { s } = space();
    const a = s.newList([]);
    const b = s.newList([]);
    s.call(s.getAttr(a, s.intern("append")), [a]);
    s.call(s.getAttr(b, s.intern("append")), [b]);
    expect(outcome(s, s.richCompare(a, b, CompareOp.EQ))).toEqual({
      error: ["RecursionError", "maximum recursion depth exceeded in comparison"],
    });
  });
});
