import { readFileSync } from "node:fs";
import { dumpAst, parse } from "@skein/compiler";
import { describe, expect, it } from "vitest";

interface AstCase {
  name: string;
  mode: "exec" | "eval" | "single";
  source: string;
  dump: string;
}

// Expected dumps were produced by CPython 3.13 (scripts/regen-golden.py).
const cases = JSON.parse(
  readFileSync(new URL("./golden/ast.json", import.meta.url), "utf8"),
) as AstCase[];

describe("parse + dumpAst match CPython 3.13's ast.dump", () => {
  for (const c of cases) {
    it(c.name, () => {
      const r = parse(c.source, "<test>", c.mode);
      if (!r.ok)
        throw new Error(`${r.error.type}: ${r.error.msg} (${r.error.lineno}:${r.error.offset})`);
      expect(dumpAst(r.ast, { indent: 3, includeAttributes: true })).toBe(c.dump);
    });
  }
});

describe("dumpAst", () => {
  it("prints on one line without indent, omitting attributes", () => {
    const r = parse("x = 1e16 + 2j");
    expect(r.ok && dumpAst(r.ast)).toBe(
      "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=BinOp(left=Constant(value=1e+16), op=Add(), right=Constant(value=2j)))])",
    );
  });
  it("carries Python value kinds in Constant.value", () => {
    const r = parse("1; 1.0; 'a'; b'a'; None; ...", "<t>", "exec");
    if (!r.ok) throw new Error("parse failed");
    const values = r.ast.body.map((s) =>
      s._type === "Expr" && s.value._type === "Constant" ? s.value.value : undefined,
    );
    expect(values[0]).toBe(1n);
    expect(values[1]).toBe(1);
    expect(values[2]).toBe("a");
    expect(values[3]).toEqual(new Uint8Array([97]));
    expect(values[4]).toBe(null);
    expect(values[5]).toEqual({ kind: "ellipsis" });
  });
  it("parses type comments when asked", () => {
    const r = parse("x = 1  # type: int\nimport y  # type: ignore[x]\n", "<t>", "exec", {
      typeComments: true,
    });
    if (!r.ok) throw new Error("parse failed");
    expect(dumpAst(r.ast)).toBe(
      "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Constant(value=1), type_comment='int'), Import(names=[alias(name='y')])], type_ignores=[TypeIgnore(lineno=2, tag='[x]')])",
    );
  });
});
