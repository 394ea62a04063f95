// Consistency of the tier-2 metadata (what the recorder and the backends read) with the
// definitions and with the generated uop interpreter.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { uopsOf } from "../codegen/analyzer.js";
import { loadAnalysis, REPO_DIR } from "../codegen/main.js";
import { measureTier2, V8_MAX_OPTIMIZED_BYTECODE } from "../codegen/measure.js";
import {
  BRANCH_GUARDS,
  FAMILIES,
  INLINE_CACHE_ENTRIES,
  MIN_UOP_ID,
  numPopped,
  OPCODE_NAMES,
  Opcode,
  RECORD_INPUTS,
  stackEffect,
  Tier2Flag,
  TRACE_EXPANSION,
  TRACE_NOT_VIABLE,
  UOP_NAMES,
  UOP_NOT_VIABLE,
  UOP_OPERAND_NAMES,
  UOP_STACK_EFFECT,
  UOP_TIER2_FLAGS,
  Uop,
} from "../src/index.js";

const analysis = loadAnalysis();
const flags = (uop: number): number => UOP_TIER2_FLAGS[uop - MIN_UOP_ID]!;
const viable = (uop: number): boolean => (flags(uop) & Tier2Flag.VIABLE) !== 0;
const tier2 = readFileSync(join(REPO_DIR, "packages/interp/src/generated/tier2.gen.ts"), "utf8");

describe("the uops of traces", () => {
  it("runUops has a case for every viable uop and for nothing else", () => {
    for (const [i, name] of UOP_NAMES.entries()) {
      const hasCase = tier2.includes(`case ${i + MIN_UOP_ID}: /* ${name} */`);
      expect(hasCase, name).toBe(viable(i + MIN_UOP_ID));
      if (!viable(i + MIN_UOP_ID)) expect(UOP_NOT_VIABLE[i + MIN_UOP_ID], name).toBeTruthy();
    }
  });

  it("names each uop's operands after its cache entries", () => {
    for (const [i, name] of UOP_NAMES.entries()) {
      const u = analysis.uops.get(name)!;
      expect(UOP_OPERAND_NAMES[i], name).toEqual(u.effect.caches.map((c) => c.name));
    }
    expect(UOP_OPERAND_NAMES[Uop._GUARD_TYPE_VERSION - MIN_UOP_ID]).toEqual(["type_version"]);
  });

  it("the tier-2-only uops are viable, in no instruction, and the ones that leave need exits", () => {
    for (const u of analysis.uops.values()) {
      if (u.properties.tier !== 2) continue;
      const id = analysis.uopIds.get(u.name)!;
      expect(viable(id), u.name).toBe(true);
      for (const i of analysis.instructions.values()) expect(uopsOf(i)).not.toContain(u);
    }
    for (const name of [
      "_GUARD_IS_TRUE_POP",
      "_GUARD_CODE",
      "_GUARD_IP",
      "_EXIT_TRACE",
      "_DEOPT",
    ]) {
      expect(flags(Uop[name as keyof typeof Uop]) & Tier2Flag.NEEDS_EXIT, name).toBeTruthy();
    }
    expect(flags(Uop._SET_IP) & Tier2Flag.NEEDS_EXIT).toBe(0);
    expect(flags(Uop.RETURN_VALUE) & Tier2Flag.LEAVES_FRAME).toBeTruthy();
    expect(flags(Uop._PUSH_FRAME_EXACT_ARGS) & Tier2Flag.ENTERS_FRAME).toBeTruthy();
  });

  it("_BINARY_OP_ADD_INT publishes no stack pointer; _BINARY_OP publishes once around its call", () => {
    const caseText = (name: string): string => {
      const start = tier2.indexOf(`/* ${name} */ {`);
      return tier2.slice(start, tier2.indexOf("\n      case ", start));
    };
    expect(caseText("_BINARY_OP_ADD_INT")).not.toContain("FRAME_SP");
    expect(caseText("_GUARD_TOS_INT")).not.toContain("FRAME_SP");
    // The generic op is out of line.
    const start = tier2.indexOf("function uop_BINARY_OP(");
    const body = tier2.slice(start, tier2.indexOf("\n}\n", start));
    const call = body.indexOf("ts.binaryOp(");
    expect(body.slice(0, call).match(/FRAME_SP/g)).toHaveLength(1);
    // ...and once more below the inputs it closes (DECREF_INPUTS).
    expect(body.slice(call).match(/FRAME_SP/g)).toHaveLength(1);
  });

  it("runUops compiles to under 80% of V8's 60 KiB optimizable bytecode", () => {
    for (const [name, bytes] of measureTier2()) {
      expect(bytes, name).toBeLessThan(0.8 * V8_MAX_OPTIMIZED_BYTECODE);
    }
  });
});

describe("trace expansions", () => {
  it("every instruction has an expansion of viable uops, or a reason", () => {
    for (const [name, op] of Object.entries(Opcode)) {
      if (name === "CACHE") continue;
      const e = TRACE_EXPANSION[op];
      expect(e !== undefined || TRACE_NOT_VIABLE[op] !== undefined, name).toBe(true);
      expect(e !== undefined && TRACE_NOT_VIABLE[op] !== undefined, name).toBe(false);
      for (const [uop, operands] of e ?? []) {
        expect(viable(uop), `${name}: ${UOP_NAMES[uop - MIN_UOP_ID]}`).toBe(true);
        const def = analysis.uops.get(UOP_NAMES[uop - MIN_UOP_ID]!)!;
        expect(operands.length).toBe(def.effect.caches.length);
        expect(operands.length).toBeLessThanOrEqual(3);
        for (const [size, offset] of operands) {
          expect([1, 2, 4]).toContain(size);
          expect(offset + size).toBeLessThanOrEqual(INLINE_CACHE_ENTRIES[op]!);
        }
      }
    }
  });

  it("every specialized member can be traced, and its uops have its stack effect", () => {
    for (const members of Object.values(FAMILIES)) {
      for (const m of members) {
        const e = TRACE_EXPANSION[m];
        expect(e, OPCODE_NAMES[m]).toBeDefined();
        for (const oparg of [0, 1, 3]) {
          let depth = 0;
          let low = 0;
          for (const [uop] of e!) {
            const [pop, push] = UOP_STACK_EFFECT[uop - MIN_UOP_ID]!;
            depth -= pop(oparg);
            low = Math.min(low, depth);
            depth += push(oparg);
          }
          expect(depth, OPCODE_NAMES[m]).toBe(stackEffect(m, oparg));
          expect(-low + 0, OPCODE_NAMES[m]).toBe(numPopped(m, oparg));
        }
      }
    }
  });

  it("BINARY_OP_ADD_INT is its guards and the add; the specializing uop never appears", () => {
    expect(TRACE_EXPANSION[Opcode.BINARY_OP_ADD_INT]).toEqual([
      [Uop._GUARD_TOS_INT, []],
      [Uop._GUARD_NOS_INT, []],
      [Uop._BINARY_OP_ADD_INT, []],
    ]);
    expect(TRACE_EXPANSION[Opcode.BINARY_OP]).toEqual([[Uop._BINARY_OP, []]]);
    // The type version LOAD_ATTR_INSTANCE_VALUE guards first: 2 units at cache offset 1.
    const [guard, operands] = TRACE_EXPANSION[Opcode.LOAD_ATTR_INSTANCE_VALUE]![0]!;
    expect(UOP_NAMES[guard - MIN_UOP_ID]).toMatch(/^_GUARD_TYPE_VERSION/);
    expect(operands[0]).toEqual([2, 1]);
  });

  it("iteration uses the tier-2 forms that exit when exhausted", () => {
    expect(TRACE_EXPANSION[Opcode.FOR_ITER]).toEqual([[Uop._FOR_ITER_TIER_TWO, []]]);
    expect(TRACE_EXPANSION[Opcode.FOR_ITER_LIST]).toEqual([
      [Uop._ITER_CHECK_LIST, []],
      [Uop._GUARD_NOT_EXHAUSTED_LIST, []],
      [Uop._ITER_NEXT_LIST_TIER_TWO, []],
    ]);
    expect(TRACE_NOT_VIABLE[Opcode.POP_JUMP_IF_TRUE]).toMatch(/JUMPBY/);
  });
});

describe("recorder tables", () => {
  it("records the inputs the specialized members guard on, the same for the whole family", () => {
    expect(RECORD_INPUTS[Opcode.BINARY_OP]).toEqual([
      [0, 0],
      [1, 0],
    ]);
    expect(RECORD_INPUTS[Opcode.LOAD_ATTR]).toEqual([[0, 0]]);
    // CALL: self_or_null at depth oparg, the callable at oparg + 1.
    expect(RECORD_INPUTS[Opcode.CALL]).toContainEqual([1, 1]);
    expect(RECORD_INPUTS[Opcode.FOR_ITER]).toContainEqual([1, 0]);
    for (const [head, members] of Object.entries(FAMILIES)) {
      for (const m of members) expect(RECORD_INPUTS[m]).toEqual(RECORD_INPUTS[Number(head)]);
    }
  });

  it("a branch becomes the guard of the direction taken", () => {
    expect(BRANCH_GUARDS[Opcode.POP_JUMP_IF_FALSE]).toEqual([
      Uop._GUARD_IS_TRUE_POP,
      Uop._GUARD_IS_FALSE_POP,
    ]);
    expect(BRANCH_GUARDS[Opcode.POP_JUMP_IF_TRUE]).toEqual([
      Uop._GUARD_IS_FALSE_POP,
      Uop._GUARD_IS_TRUE_POP,
    ]);
    expect(BRANCH_GUARDS[Opcode.POP_JUMP_IF_NONE]).toEqual([
      Uop._GUARD_IS_NOT_NONE_POP,
      Uop._GUARD_IS_NONE_POP,
    ]);
    expect(BRANCH_GUARDS[Opcode.POP_JUMP_IF_NOT_NONE]).toEqual([
      Uop._GUARD_IS_NONE_POP,
      Uop._GUARD_IS_NOT_NONE_POP,
    ]);
  });
});
