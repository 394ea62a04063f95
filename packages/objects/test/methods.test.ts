import { describe, expect, it } from "vitest";
import {
  callMethod,
  leakOf,
  loadCases,
  type MethodCase,
  type Outcome,
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
