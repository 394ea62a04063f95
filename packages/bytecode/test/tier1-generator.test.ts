// The generator's own tests (CPython's test_generated_cases.py): a DSL snippet in, exact text out.

import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AnalysisError } from "../codegen/analyzer.js";
import { slotCaseLocals } from "../codegen/local-slots.js";
import { inlineConstants, readLayoutConstants } from "../codegen/loop-constants.js";
import { GeneratorError } from "../codegen/tier1-cases.js";
import { caseLines, outOfLineFunction } from "../codegen/tier1-generator.js";
import { analyzeSnippet, caseOf } from "./helpers.js";

const lines = (s: string): string => s.replace(/^\n/, "").replace(/\n\s*$/, "");

describe("tier-1 cases", () => {
  it("a simple op: no spill, no sp publication, one sp adjustment", () => {
    const src = `inst("LOAD_SMALL_INT", "-- value", ($) => {
      $.value = tagInt(oparg);
    });`;
    expect(caseOf(src, "LOAD_SMALL_INT")).toBe(
      lines(`
case 1: /* LOAD_SMALL_INT */ {
  ip = thisInstr + 1;
  let value: number;
  value = ((oparg << 2) | 3);
  i32[sp] = value;
  sp = sp + 1;
  continue dispatch;
}`),
    );
  });

  it("spills around an escaping call, pops closed inputs before closing, exits on error", () => {
    const src = `inst("OP", "left, right -- res", ($) => {
      const r = ts.binaryOp($.left, $.right, oparg);
      DECREF_INPUTS();
      ERROR_IF(r === ERROR);
      $.res = r;
    });`;
    expect(caseOf(src, "OP")).toBe(
      lines(`
case 1: /* OP */ {
  ip = thisInstr + 1;
  let left: number;
  let right: number;
  let res: number;
  left = i32[sp - 2]!;
  right = i32[sp - 1]!;
  i32[(frame + FRAME_SP) >> 2] = sp;
  i32[(frame + FRAME_INSTR) >> 2] = thisInstr;
  const r = ts.binaryOp(left, right, oparg);
  i32[(frame + FRAME_SP) >> 2] = sp - 2;
  i32[(frame + FRAME_INSTR) >> 2] = thisInstr;
  refs.close(right);
  refs.close(left);
  if (r === ERROR) {
    sp = sp - 2;
    break dispatch;
  }
  res = r;
  i32[sp - 2] = res;
  sp = sp - 1;
  continue dispatch;
}`),
    );
  });

  it("a peek stays in place; closing the top lowers the published sp", () => {
    const src = `inst("OP", "a, b -- a, c", ($) => {
      const r = ts.toBool($.b);
      close($.b);
      ERROR_IF(r < 0);
      $.c = r ? PY_TRUE : PY_FALSE;
    });`;
    expect(caseOf(src, "OP")).toBe(
      lines(`
case 1: /* OP */ {
  ip = thisInstr + 1;
  let a: number;
  let b: number;
  let c: number;
  b = i32[sp - 1]!;
  i32[(frame + FRAME_SP) >> 2] = sp;
  i32[(frame + FRAME_INSTR) >> 2] = thisInstr;
  const r = ts.toBool(b);
  i32[(frame + FRAME_SP) >> 2] = sp - 1;
  i32[(frame + FRAME_INSTR) >> 2] = thisInstr;
  refs.close(b);
  if (r < 0) {
    sp = sp - 1;
    break dispatch;
  }
  c = r ? PY_TRUE : PY_FALSE;
  i32[sp - 1] = c;
  continue dispatch;
}`),
    );
  });

  it("a variable-length input is a slot index; DECREF_INPUTS closes it top first", () => {
    const src = `inst("OP", "callable, args[oparg] -- res", ($) => {
      const r = ts.call($.callable, $.args, oparg);
      DECREF_INPUTS();
      ERROR_IF(r === ERROR);
      $.res = r;
    });`;
    expect(caseOf(src, "OP")).toBe(
      lines(`
case 1: /* OP */ {
  ip = thisInstr + 1;
  let callable: number;
  let args: number;
  let res: number;
  callable = i32[sp - oparg - 1]!;
  args = sp - oparg;
  i32[(frame + FRAME_SP) >> 2] = sp;
  i32[(frame + FRAME_INSTR) >> 2] = thisInstr;
  const r = ts.call(callable, args, oparg);
  i32[(frame + FRAME_SP) >> 2] = sp - oparg - 1;
  i32[(frame + FRAME_INSTR) >> 2] = thisInstr;
  for (let _k = oparg - 1; _k >= 0; _k--) refs.close(i32[args + _k]!);
  refs.close(callable);
  if (r === ERROR) {
    sp = sp - oparg - 1;
    break dispatch;
  }
  res = r;
  i32[sp - oparg - 1] = res;
  sp = sp - oparg;
  continue dispatch;
}`),
    );
  });

  it("a conditional output ([oparg & 1]) after a value flowing between uops", () => {
    const src = `op("_LOAD", "-- res", ($) => {
      $.res = ts.loadConst(frame, oparg >> 1);
    });
    op("_PUSH_NULL_CONDITIONAL", "-- null[oparg & 1]", ($) => {
      if (oparg & 1) {
        i32[$.null] = NULL;
      }
    });
    macro("OP", "_LOAD + _PUSH_NULL_CONDITIONAL");`;
    expect(caseOf(src, "OP")).toBe(
      lines(`
case 1: /* OP */ {
  ip = thisInstr + 1;
  let res: number;
  let null_: number;
  // _LOAD
  {
    res = ts.loadConst(frame, oparg >> 1);
  }
  // _PUSH_NULL_CONDITIONAL
  {
    null_ = sp + 1;
    if (oparg & 1) {
      i32[null_] = NULL;
    }
  }
  i32[sp] = res;
  sp = sp + (oparg & 1) + 1;
  continue dispatch;
}`),
    );
  });

  it("DEOPT_IF and EXIT_IF re-dispatch the family head; ERROR_IF leaves dead inputs", () => {
    const src = `inst("OP", "value -- res", ($) => {
      DEAD($.value);
      ERROR_IF(oparg > 1);
      $.res = tagInt(0);
    });
    op("_GUARD", "value -- value", ($) => {
      EXIT_IF(!isTaggedInt($.value));
    });
    op("_SPEC", "value -- res", ($) => {
      DEOPT_IF(untagInt($.value) < 0);
      DEAD($.value);
      $.res = tagInt(1);
    });
    macro("OP_SPEC", "_GUARD + _SPEC");
    family("OP", ["OP_SPEC"]);`;
    const a = analyzeSnippet(src);
    expect(a.instructions.get("OP")!.opcode).toBe(1);
    expect(caseOf(src, "OP_SPEC")).toBe(
      lines(`
case 128: /* OP_SPEC */ {
  ip = thisInstr + 1;
  let value: number;
  let res: number;
  // _GUARD
  {
    value = i32[sp - 1]!;
    if (!((value & 3) === 3)) {
      opcode = 1; // OP
      continue redispatch;
    }
  }
  // _SPEC
  {
    if ((value >> 2) < 0) {
      opcode = 1; // OP
      continue redispatch;
    }
    res = ((1 << 2) | 3);
  }
  i32[sp - 1] = res;
  continue dispatch;
}`),
    );
    expect(caseOf(src, "OP")).toBe(
      lines(`
case 1: /* OP */ {
  ip = thisInstr + 1;
  let value: number;
  let res: number;
  if (oparg > 1) {
    sp = sp - 1;
    break dispatch;
  }
  res = ((0 << 2) | 3);
  i32[sp - 1] = res;
  continue dispatch;
}`),
    );
  });

  it("a macro composes uops with cache entries and a cache skip", () => {
    const src = `op("_A", "counter/1, x -- x", ($) => {
      u16[thisInstr + 1] = $.counter + 1;
    });
    op("_B", "x -- y", ($) => {
      $.y = $.x;
      DEAD($.x);
    });
    op("_C", "version/2, y -- z", ($) => {
      DEAD($.y);
      $.z = tagInt($.version);
    });
    macro("OP", "_A + unused/1 + _B + _C");`;
    expect(analyzeSnippet(src).instructions.get("OP")!.cacheSize).toBe(4);
    expect(caseOf(src, "OP")).toBe(
      lines(`
case 1: /* OP */ {
  ip = thisInstr + 5;
  let x: number;
  let y: number;
  let z: number;
  // _A
  {
    const counter = u16[thisInstr + 1]!;
    u16[thisInstr + 1] = counter + 1;
  }
  // _B
  {
    x = i32[sp - 1]!;
    y = x;
  }
  // _C
  {
    const version = (u16[thisInstr + 3]! | (u16[thisInstr + 4]! << 16)) >>> 0;
    z = ((version << 2) | 3);
  }
  i32[sp - 1] = z;
  continue dispatch;
}`),
    );
  });

  it("closing an input below a live one NULLs its slot first", () => {
    const src = `inst("OP", "a, b -- b2", ($) => {
      close($.a);
      $.b2 = $.b;
      DEAD($.b);
    });`;
    expect(caseOf(src, "OP")).toBe(
      lines(`
case 1: /* OP */ {
  ip = thisInstr + 1;
  let a: number;
  let b: number;
  let b2: number;
  a = i32[sp - 2]!;
  b = i32[sp - 1]!;
  i32[sp - 2] = NULL;
  i32[(frame + FRAME_SP) >> 2] = sp;
  i32[(frame + FRAME_INSTR) >> 2] = thisInstr;
  refs.close(a);
  b2 = b;
  i32[sp - 2] = b2;
  sp = sp - 1;
  continue dispatch;
}`),
    );
  });
});

describe("rejected definitions", () => {
  it("an escaping call in a guard condition", () => {
    const src = `inst("OP", "x -- x", ($) => {
      ERROR_IF(ts.toBool($.x) < 0);
    });`;
    expect(() => analyzeSnippet(src)).toThrow(AnalysisError);
    expect(() => analyzeSnippet(src)).toThrow(/escaping call ts.toBool in ERROR_IF/);
  });

  it("two exit kinds in one uop", () => {
    const src = `op("_X", "x -- x", ($) => {
      DEOPT_IF($.x === 0);
      EXIT_IF($.x === 1);
    });`;
    expect(() => analyzeSnippet(src)).toThrow(/both DEOPT_IF and EXIT_IF/);
  });

  it("an output defined before an escaping call while an input is still on the stack", () => {
    const src = `inst("OP", "x -- y", ($) => {
      $.y = tagInt(1);
      ts.binaryOp($.x, $.x, 0);
      close($.x);
    });`;
    expect(() => caseOf(src, "OP")).toThrow(GeneratorError);
    expect(() => caseOf(src, "OP")).toThrow(/output defined while input x is still on the stack/);
  });

  it("an input never consumed, and branches that disagree", () => {
    expect(() => caseOf(`inst("OP", "x --", () => {});`, "OP")).toThrow(
      /input x is still on the stack/,
    );
    const src = `inst("OP", "x --", ($) => {
      if (oparg) {
        close($.x);
      }
    });`;
    expect(() => caseOf(src, "OP")).toThrow(/dead after one branch and live after the other/);
  });

  it("a DEOPT_IF after a side effect", () => {
    const src = `inst("OP", "x -- y", ($) => {
      close($.x);
      $.y = NULL;
    });
    op("_S", "x -- y", ($) => {
      close($.x);
      DEOPT_IF(oparg === 1);
      $.y = NULL;
    });
    macro("OP_S", "_S");
    family("OP", ["OP_S"]);`;
    expect(() => caseOf(src, "OP_S")).toThrow(/DEOPT_IF after a side effect/);
  });

  it("release loops write dup and close out; the debug variant calls refs", () => {
    const src = `inst("OP", "x -- y, z", ($) => {
      const old = GETLOCAL(oparg);
      $.z = dup(GETLOCAL(oparg));
      close($.x);
      xclose(old);
      $.y = oparg ? dup(old) : NULL;
    });`;
    expect(caseOf(src, "OP", "inline")).toBe(
      lines(`
case 1: /* OP */ {
  ip = thisInstr + 1;
  let x: number;
  let y: number;
  let z: number;
  x = i32[sp - 1]!;
  const old = i32[((frame + FRAME_HEADER) >> 2) + oparg]!;
  const _r0 = i32[((frame + FRAME_HEADER) >> 2) + oparg]!;
  if ((_r0 & 3) === 0) i32[_r0 >> 2]!++;
  z = _r0;
  i32[sp - 1] = NULL;
  i32[sp] = z;
  i32[(frame + FRAME_SP) >> 2] = sp + 1;
  i32[(frame + FRAME_INSTR) >> 2] = thisInstr;
  if ((x & 3) === 0 && --i32[x >> 2]! === 0) ts.dealloc(x);
  if ((old & 3) === 0 && --i32[old >> 2]! === 0) ts.dealloc(old);
  y = oparg ? ((old & 3) === 0 ? (i32[old >> 2]!++, old) : old) : NULL;
  i32[sp - 1] = y;
  sp = sp + 1;
  continue dispatch;
}`),
    );
    const debug = caseOf(src, "OP", "calls");
    expect(debug).toContain("z = refs.dup(i32[((frame + FRAME_HEADER) >> 2) + oparg]!);");
    expect(debug).toContain("refs.close(x);");
    expect(debug).toContain("refs.xclose(old);");
    expect(debug).toContain("y = oparg ? refs.dup(old) : NULL;");
  });
});

describe("case locals in slots (codegen/local-slots.ts)", () => {
  it("each case numbers its locals from slot 0; shadowing, properties and labels stay right", () => {
    const fn = `function loop(x: number): number {
  for (;;) {
    switch (x) {
      case 1: /* A */ {
        let a: number;
        const b = x + 1, c = b * 2;
        a = c;
        { const b = a; x = b; }
        for (let k = 0; k < b; k++) x = x + k;
        return a + b + Math.abs(x);
      }
      case 2: /* B */ {
        const d = { b: 1 }.b;
        if (d > 0) continue;
        return d;
      }
    }
  }
}`;
    expect(slotCaseLocals(fn)).toBe(`function loop(x: number): number {
  // The cases' locals (see codegen/local-slots.ts).
  let _s0, _s1, _s2, _s3, _s4;
  for (;;) {
    switch (x) {
      case 1: /* A */ {
// _s0 a, _s1 b, _s2 c, _s3 b, _s4 k

        
        _s1 = x + 1, _s2 = _s1 * 2;
        _s0 = _s2;
        { _s3 = _s0; x = _s3; }
        for (_s4 = 0; _s4 < _s1; _s4++) x = x + _s4;
        return _s0 + _s1 + Math.abs(x);
      }
      case 2: /* B */ {
// _s0 d

        _s0 = { b: 1 }.b;
        if (_s0 > 0) continue;
        return _s0;
      }
    }
  }
}`);
  });
});

describe("out-of-line bodies that push a frame", () => {
  it("publish the caller, leave the frame in ts.resumeFrame and return 0; the loop enters it", () => {
    const a = analyzeSnippet(`inst("CALLX", "callable, arg -- res", ($) => {
      const newFrame = ts.pushFrame(frame, $.callable, $.arg, 1);
      DEAD($.arg);
      DEAD($.callable);
      ERROR_IF(newFrame === 0);
      ENTER_FRAME(newFrame);
    });`);
    const instr = a.instructions.get("CALLX")!;
    expect(outOfLineFunction(a, instr).slice(-9).join("\n")).toBe(
      lines(`
  if (newFrame === 0) {
    return ~(sp - 2);
  }
  i32[(frame + FRAME_SP) >> 2] = sp - 2;
  i32[(frame + FRAME_INSTR) >> 2] = thisInstr;
  i32[(frame + FRAME_IP) >> 2] = ip;
  ts.resumeFrame = newFrame;
  return 0;
}`),
    );
    // Inline (a specialized member's), the case jumps to the loop's shared tail.
    expect(caseLines(a, instr, 0, true).join("\n")).toContain(
      "i32[(frame + FRAME_IP) >> 2] = ip;\n  frame = newFrame;\n  break enterFrame;\n}",
    );
    expect(caseLines(a, instr, 0).join("\n")).toBe(
      lines(`
case 1: /* CALLX */ {
  const r = outOfLine_CALLX(ts, frame, sp, thisInstr, oparg);
  if (r <= 0) {
    if (r === 0) {
      frame = ts.resumeFrame;
      break enterFrame;
    }
    sp = ~r;
    break dispatch;
  }
  sp = r;
  ip = thisInstr + 1;
  continue dispatch;
}`),
    );
  });
});

describe("layout constants in the loops (codegen/loop-constants.ts)", () => {
  it("references become numbers; properties, the function's own names and the rest stay", () => {
    const fn = `function loop(frame: number, NULL: number): number {
  const o = { FRAME_SP: 1 };
  return i32[(frame + FRAME_SP) >> 2]! + o.FRAME_SP + NULL + FRAME_SP_POISON + OTHER;
}`;
    const constants = new Map([
      ["FRAME_SP", 28],
      ["NULL", 1],
      ["FRAME_SP_POISON", -5],
    ]);
    expect(
      inlineConstants(fn, constants),
    ).toBe(`function loop(frame: number, NULL: number): number {
  const o = { FRAME_SP: 1 };
  return i32[(frame + 28) >> 2]! + o.FRAME_SP + NULL + (-5) + OTHER;
}`);
  });

  it("reads every numeric layout constant the loops use from its defining file", () => {
    const c = readLayoutConstants(join(import.meta.dirname, "../../.."));
    expect(c.get("FRAME_SP")).toBe(28);
    expect(c.get("NULL")).toBe(1);
    expect(c.get("ERROR")).toBe(2);
    expect(c.get("TYPE_VERSION")).toBeTypeOf("number");
    expect(c.get("TPFLAGS_HEAPTYPE")).toBe(1 << 9);
  });
});
