// The tier-2 generator's own tests (CPython's test_generated_cases.py for executor_cases.c.h): a
// DSL snippet in, the exact `case` of the uop interpreter out, with tier 2's meanings of the macros.
import { describe, expect, it } from "vitest";
import { whyNotViable } from "../codegen/analyzer.js";
import { tier2CaseLines, tier2Function } from "../codegen/tier2-generator.js";
import { analyzeSnippet } from "./helpers.js";

const lines = (s: string): string => s.replace(/^\n/, "").replace(/\n\s*$/, "");

/** The generated tier-2 `case` of uop `name` in a DSL snippet (always inline). */
function caseOf(source: string, name: string): string {
  const a = analyzeSnippet(source);
  const uop = a.uops.get(name);
  if (!uop) throw new Error(`no uop ${name}`);
  return tier2CaseLines(a, uop, 0, true).join("\n");
}

const BINARY = `inst("OP", "left, right -- res", ($) => {
  const r = ts.binaryOp($.left, $.right, oparg);
  DECREF_INPUTS();
  ERROR_IF(r === ERROR);
  $.res = r;
});`;

describe("tier-2 cases", () => {
  it("a guard reads its cache entry from operand0 and exits with its input in place", () => {
    const src = `op("_GUARD", "type_version/2, owner -- owner", ($) => {
      EXIT_IF(!isTaggedInt($.owner) && i32[$.owner >> 2]! !== $.type_version);
    }, { guard: true });`;
    expect(caseOf(src, "_GUARD")).toBe(
      lines(`
case 512: /* _GUARD */ {
  let owner: number;
  const type_version = uop.operand0;
  owner = i32[sp - 1]!;
  if (!((owner & 3) === 3) && i32[owner >> 2]! !== type_version) {
    return leaveTrace(ts, executor, frame, sp, uop, count);
  }
  continue dispatch;
}`),
    );
  });

  it("spills around an escaping call, pops closed inputs first, and errors to the uop's target", () => {
    expect(caseOf(BINARY, "OP")).toBe(
      lines(`
case 512: /* OP */ {
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

  it("an escaping uop out of line returns the new sp, or ~sp for the error path", () => {
    const a = analyzeSnippet(BINARY);
    expect(tier2Function(a, a.uops.get("OP")!).join("\n")).toBe(
      lines(`
/** OP, out of line. */
function uopOP(ts: Tier2ThreadState, frame: number, sp: number, thisInstr: number, oparg: number, uop: TraceUop): number {
  const i32 = ts.i32;
  const refs = ts.refs;
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
    return ~(sp - 2);
  }
  res = r;
  i32[sp - 2] = res;
  return sp - 1;
}`),
    );
  });

  it("ENTER_FRAME (after a variable-length input) saves the return address and goes on in the new frame", () => {
    const src = `op("_CALLISH", "callable, self_or_null, args[oparg] -- res", ($) => {
      const f = ts.pushFrame(frame, $.callable, $.args, oparg);
      DEAD($.args);
      DEAD($.self_or_null);
      DEAD($.callable);
      ERROR_IF(f === 0);
      ENTER_FRAME(f);
    });
    macro("CALLISH", "unused/1 + _CALLISH");`;
    expect(caseOf(src, "_CALLISH")).toBe(
      lines(`
case 512: /* _CALLISH */ {
  ip = realInstr(u16, thisInstr) + 2;
  let callable: number;
  let self_or_null: number;
  let args: number;
  let res: number;
  callable = i32[sp - oparg - 2]!;
  args = sp - oparg;
  i32[(frame + FRAME_SP) >> 2] = sp;
  i32[(frame + FRAME_INSTR) >> 2] = thisInstr;
  const f = ts.pushFrame(frame, callable, args, oparg);
  if (f === 0) {
    sp = sp - oparg - 2;
    break dispatch;
  }
  i32[(frame + FRAME_SP) >> 2] = sp - oparg - 2;
  i32[(frame + FRAME_INSTR) >> 2] = thisInstr;
  i32[(frame + FRAME_IP) >> 2] = ip;
  frame = f;
  sp = i32[(frame + FRAME_SP) >> 2]!;
  continue dispatch;
}`),
    );
  });

  it("LEAVE_FRAME goes on in the caller, but leaves first from a host-owned frame", () => {
    const src = `inst("RET", "retval -- res", ($) => {
      const v = makeHeapSafe($.retval);
      DEAD($.retval);
      LEAVE_FRAME(v);
    });`;
    expect(caseOf(src, "RET")).toBe(
      lines(`
case 512: /* RET */ {
  if ((i32[(frame + FRAME_FLAGS) >> 2]! & FRAME_OWNED_BY_HOST) !== 0) {
    // Tier 1 returns to the host caller: leave at the return instruction.
    return leaveTrace(ts, executor, frame, sp, uop, count);
  }
  let retval: number;
  let res: number;
  retval = i32[sp - 1]!;
  const v = refs.makeHeapSafe(retval);
  const returned = v;
  i32[(frame + FRAME_SP) >> 2] = sp - 1;
  i32[(frame + FRAME_INSTR) >> 2] = thisInstr;
  const dying = frame;
  frame = i32[(dying + FRAME_PREVIOUS) >> 2]!;
  ts.popFrame(dying);
  sp = i32[(frame + FRAME_SP) >> 2]!;
  i32[sp] = returned;
  sp = sp + 1;
  continue dispatch;
}`),
    );
  });

  it("a set eval breaker leaves through the uop's exit", () => {
    const src = `op("_PERIODIC", "--", () => {
      CHECK_EVAL_BREAKER();
    });`;
    expect(caseOf(src, "_PERIODIC")).toBe(
      lines(`
case 512: /* _PERIODIC */ {
  if (evalBreaker[0] !== 0) {
    return leaveTrace(ts, executor, frame, sp, uop, count);
  }
  continue dispatch;
}`),
    );
  });

  it("a popping guard exits without its dead input; EXIT_IF(true) and JUMP_TO_TOP always leave", () => {
    const src = `op("_POP_GUARD", "flag --", ($) => {
      const t = $.flag === PY_TRUE;
      DEAD($.flag);
      EXIT_IF(!t);
    }, { tier: 2 });
    op("_TOP", "--", () => {
      JUMP_TO_TOP();
    }, { tier: 2 });
    op("_EXITNOW", "--", () => {
      DEOPT_IF(true);
    }, { tier: 2 });`;
    expect(caseOf(src, "_POP_GUARD")).toBe(
      lines(`
case 513: /* _POP_GUARD */ {
  let flag: number;
  flag = i32[sp - 1]!;
  const t = flag === PY_TRUE;
  if (!t) {
    return leaveTrace(ts, executor, frame, sp - 1, uop, count);
  }
  sp = sp - 1;
  continue dispatch;
}`),
    );
    expect(caseOf(src, "_TOP")).toBe(
      lines(`
case 514: /* _TOP */ {
  pc = uop.jump;
  continue dispatch;
}`),
    );
    expect(caseOf(src, "_EXITNOW")).toBe(
      lines(`
case 512: /* _EXITNOW */ {
  return leaveTrace(ts, executor, frame, sp, uop, count);
}`),
    );
  });

  it("a conditional output and a peek", () => {
    const src = `op("_COND", "owner -- attr, self_or_null[oparg & 1]", ($) => {
      const r = dup($.owner);
      DEAD($.owner);
      if (oparg & 1) {
        i32[$.self_or_null] = NULL;
      }
      $.attr = r;
    });
    op("_PEEK", "a, b -- a, c", ($) => {
      const r = ts.toBool($.b);
      close($.b);
      ERROR_IF(r < 0);
      $.c = r ? PY_TRUE : PY_FALSE;
    });`;
    expect(caseOf(src, "_COND")).toBe(
      lines(`
case 512: /* _COND */ {
  let owner: number;
  let attr: number;
  let self_or_null: number;
  owner = i32[sp - 1]!;
  self_or_null = sp;
  const r = refs.dup(owner);
  if (oparg & 1) {
    i32[self_or_null] = NULL;
  }
  attr = r;
  i32[sp - 1] = attr;
  sp = sp + (oparg & 1);
  continue dispatch;
}`),
    );
    expect(caseOf(src, "_PEEK")).toBe(
      lines(`
case 513: /* _PEEK */ {
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
});

describe("what cannot run in a trace, and why", () => {
  it("tier-1 control flow, specializing, counters and more than 3 operands are not viable", () => {
    const a = analyzeSnippet(`
      inst("JUMP", "--", () => { JUMPBY(oparg); });
      op("_SPEC", "counter/1 --", ($) => {
        if (ADAPTIVE_COUNTER_TRIGGERS($.counter)) {
          DISPATCH_SAME_OPARG();
        }
        ADVANCE_ADAPTIVE_COUNTER(thisInstr + 1);
      }, { specializing: true });
      op("_MANY", "a/1, b/1, c/1, d/1 --", ($) => { void ($.a + $.b + $.c + $.d); });
      inst("UNWIND", "--", () => { GOTO_EXCEPTION_UNWIND(); });
      op("_OLD", "--", () => {}, { tier: 1 });
      op("_NEW", "--", () => {}, { tier: 2, replaces: "_OLD" });
      op("_FINE", "x -- y", ($) => { $.y = $.x; DEAD($.x); });`);
    const why = (n: string): string | null => whyNotViable(a, a.uops.get(n)!);
    expect(why("JUMP")).toMatch(/JUMPBY/);
    expect(why("_SPEC")).toMatch(/specializing/);
    expect(why("_MANY")).toMatch(/more than 3 cache operands/);
    expect(why("UNWIND")).toMatch(/GOTO_EXCEPTION_UNWIND/);
    expect(why("_OLD")).toBe("replaced in traces by _NEW");
    expect(why("_NEW")).toBeNull();
    expect(why("_FINE")).toBeNull();
  });

  it("executor and JUMP_TO_TOP are for tier-2 uops only", () => {
    expect(() => analyzeSnippet(`op("_X", "--", () => { executor.cold = false; });`)).toThrow(
      /tier-2 state/,
    );
  });
});
