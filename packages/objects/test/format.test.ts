import { formatObject } from "@skein/objects";
import { describe, expect, it } from "vitest";
import { build, type Encoded, leakOf, loadCases, type Outcome, outcome, space } from "./cases.js";

interface Row {
  specs?: string[];
  value?: Encoded;
  results?: Outcome[];
}

const rows = loadCases<Row>("format");
const specs = rows[0]!.specs!;

describe("format(value, spec) as CPython 3.13", () => {
  for (const row of rows.slice(1)) {
    it(`format(${JSON.stringify(row.value)}, ...)`, () => {
      const { heap, s } = space();
      const got: Outcome[] = [];
      const leak = leakOf(heap, () => {
        got.length = 0;
        for (const spec of specs) {
          const v = build(s, row.value!);
          got.push(outcome(s, formatObject(s, v, spec)));
          s.refs.close(v);
        }
      });
      const mismatches = specs
        .map((spec, i) => ({ spec, got: got[i], want: row.results![i] }))
        .filter((m) => JSON.stringify(m.got) !== JSON.stringify(m.want))
        .map(
          (m) =>
            `${JSON.stringify(m.spec)}: got ${JSON.stringify(m.got)} want ${JSON.stringify(m.want)}`,
        );
      expect(mismatches).toEqual([]);
      expect(leak).toBe(0);
    });
  }
});
