import { describe, expect, it } from "vitest";
import type { Assembled } from "../src/internal/assemble.js";
import { compileToAssembled } from "../src/internal/compile.js";
import { parse } from "../src/internal/parse.js";

function fn(src: string): Assembled {
  const p = parse(src, "<test>", "exec");
  if (!p.ok) throw new Error(p.error.msg);
  const r = compileToAssembled(p.ast, "<test>", "exec", src);
  if (!r.ok) throw new Error(r.error.msg);
  const c = r.unit.consts.find(
    (x) => typeof x === "object" && x !== null && "kind" in x && x.kind === "code",
  );
  return (c as { code: Assembled }).code;
}

const PAIRS: Record<string, [string, string]> = {
  LOAD_FAST_LOAD_FAST: ["LOAD_FAST", "LOAD_FAST"],
  LOAD_FAST_BORROW_LOAD_FAST_BORROW: ["LOAD_FAST_BORROW", "LOAD_FAST_BORROW"],
  STORE_FAST_LOAD_FAST: ["STORE_FAST", "LOAD_FAST"],
  STORE_FAST_STORE_FAST: ["STORE_FAST", "STORE_FAST"],
};

/** "op local" for every instruction on a local (superinstructions as their halves), else "op". */
function ops(a: Assembled): string[] {
  return a.listing.flatMap((i) => {
    const pair = PAIRS[i.op];
    if (pair !== undefined) {
      return [
        `${pair[0]} ${a.localsplusNames[i.arg >> 4]}`,
        `${pair[1]} ${a.localsplusNames[i.arg & 15]}`,
      ];
    }
    return [/FAST/.test(i.op) ? `${i.op} ${a.localsplusNames[i.arg]}` : i.op];
  });
}

describe("LOAD_FAST_BORROW where CPython 3.14's optimize_load_fast puts it", () => {
  // CPython 3.14's listing from python/cpython#133672 (the superinstruction aside).
  it("borrows in the block that consumes the value, not across a block end", () => {
    expect(ops(fn("def f(x, y, c):\n    return 1 + (x if c else y)\n"))).toEqual([
      "RESUME",
      "LOAD_SMALL_INT",
      "LOAD_FAST_BORROW c",
      "TO_BOOL",
      "POP_JUMP_IF_FALSE",
      "NOT_TAKEN",
      "LOAD_FAST_BORROW x",
      "BINARY_OP",
      "RETURN_VALUE",
      "LOAD_FAST y",
      "BINARY_OP",
      "RETURN_VALUE",
    ]);
  });

  // CPython 3.14's listing from python/cpython#145629 (superinstructions shown as their halves).
  it("matches CPython on a conditional expression", () => {
    expect(ops(fn("def f(a, b):\n    return a if a < b else b\n"))).toEqual([
      "RESUME",
      "LOAD_FAST_BORROW a",
      "LOAD_FAST_BORROW b",
      "COMPARE_OP",
      "POP_JUMP_IF_FALSE",
      "NOT_TAKEN",
      "LOAD_FAST_BORROW a",
      "RETURN_VALUE",
      "LOAD_FAST b",
      "RETURN_VALUE",
    ]);
  });

  it("never borrows a value that is stored into another local", () => {
    const o = ops(fn("def f(a):\n    b = a\n    return b\n"));
    expect(o).toContain("LOAD_FAST a");
    expect(o).not.toContain("LOAD_FAST_BORROW a");
  });

  it("never borrows a value whose local is rebound while it is on the stack", () => {
    const o = ops(fn("def f(a):\n    return (a, (a := 2))\n"));
    expect(o[1]).toBe("LOAD_FAST a");
  });

  it("never borrows in exception handlers (they are not reached by the analysis)", () => {
    const o = ops(fn("def f(a):\n    try:\n        g()\n    except E:\n        return a\n"));
    expect(o).toContain("LOAD_FAST a");
    expect(o).not.toContain("LOAD_FAST_BORROW a");
  });

  it("borrows arguments passed straight to a call", () => {
    const o = ops(fn("def f(a, b):\n    return g(a, b)\n"));
    expect(o).toContain("LOAD_FAST_BORROW a");
    expect(o).toContain("LOAD_FAST_BORROW b");
  });

  it("keeps LOAD_FAST_CHECK for possibly unbound locals", () => {
    const o = ops(fn("def f(c):\n    if c:\n        x = 1\n    return x\n"));
    expect(o).toContain("LOAD_FAST_CHECK x");
  });
});
