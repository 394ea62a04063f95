import { printfFormat, strFormat, tupleItem, tupleLength } from "@skein/objects";
import { NULL } from "@skein/stackref";
import { describe, expect, it } from "vitest";
import { build, type Encoded, leakOf, loadCases, type Outcome, outcome, space } from "./cases.js";

interface PrintfCase {
  format: string;
  args: Encoded;
  result: Outcome;
}

interface StrFormatCase {
  format: string;
  args: Encoded;
  kwargs: Encoded;
  result: Outcome;
}

describe("printf-style formatting (str % args) as CPython 3.13", () => {
  const cases = loadCases<PrintfCase>("printf");
  it.each(cases.map((c) => [`${c.format} % ${JSON.stringify(c.args)}`, c] as const))(
    "%s",
    (_, c) => {
      const { heap, s } = space();
      let got: Outcome = "";
      const leak = leakOf(heap, () => {
        const args = build(s, c.args);
        got = outcome(s, printfFormat(s, c.format, args));
        s.refs.close(args);
      });
      expect(got).toEqual(c.result);
      expect(leak).toBe(0);
    },
  );
});

describe("str.format as CPython 3.13", () => {
  const cases = loadCases<StrFormatCase>("str-format");
  it.each(cases.map((c) => [c.format, c] as const))("%s", (_, c) => {
    const { heap, s } = space();
    let got: Outcome = "";
    const leak = leakOf(heap, () => {
      const args = build(s, c.args);
      const kwargs = build(s, c.kwargs);
      const positional = [];
      for (let i = 0; i < tupleLength(s, args); i++) positional.push(tupleItem(s, args, i));
      got = outcome(s, strFormat(s, c.format, positional, kwargs === NULL ? NULL : kwargs));
      s.refs.close(args);
      s.refs.close(kwargs);
    });
    expect(got).toEqual(c.result);
    expect(leak).toBe(0);
  });
});
