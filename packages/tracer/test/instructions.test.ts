// Decoding instructions as the recorder sees them, the uop expansions it lowers them to, and the
// trace dump, on hand-made code and traces (no interpreter needed).
import {
  DependencyKind,
  EXIT_WORDS,
  type Executor,
  ExitKind,
  ExitWord,
  INLINE_CACHE_ENTRIES,
  Opcode,
  packTrace,
  Uop,
  UopWord,
} from "@skein/bytecode";
import { describe, expect, it } from "vitest";
import { decode, dumpExecutor, expansion, uopName } from "../src/index.js";
import { lowering, PlanFlag, PlanWord, plans } from "../src/internal/instructions.js";

describe("decode", () => {
  it("reads an instruction with its EXTENDED_ARG prefixes and finds the next one after its caches", () => {
    const u16 = new Uint16Array(16);
    u16[3] = Opcode.EXTENDED_ARG | (0x01 << 8);
    u16[4] = Opcode.EXTENDED_ARG | (0x02 << 8);
    u16[5] = Opcode.JUMP_BACKWARD | (0x03 << 8);
    const d = decode(u16, 3);
    expect(d).toEqual({
      start: 3,
      unit: 5,
      opcode: Opcode.JUMP_BACKWARD,
      oparg: 0x010203,
      next: 6 + (INLINE_CACHE_ENTRIES[Opcode.JUMP_BACKWARD] ?? 0),
    });
  });
});

describe("expansion", () => {
  it("drops the specializing uops and applies the tier-2 replacements", () => {
    const forIter = expansion(Opcode.FOR_ITER)!.map((p) => uopName(p.uop));
    expect(forIter).toEqual(["_FOR_ITER_TIER_TWO"]);
    const list = expansion(Opcode.FOR_ITER_LIST)!.map((p) => uopName(p.uop));
    expect(list).toContain("_GUARD_NOT_EXHAUSTED_LIST");
    expect(list.some((n) => n.startsWith("_SPECIALIZE"))).toBe(false);
  });

  it("has none for the jumps, which the recorder lowers itself", () => {
    expect(expansion(Opcode.POP_JUMP_IF_FALSE)).toBeNull();
    expect(expansion(Opcode.JUMP_BACKWARD)).toBeNull();
  });
});

describe("lowering plans", () => {
  it("read the input types only where the trace may rely on a heap type without a guard", () => {
    const { table } = plans();
    const has = (op: number) => (table[op * PlanWord.size]! & PlanFlag.HasInputs) !== 0;
    // The generic form, and a form that enters the method it found through the type.
    expect(has(Opcode.BINARY_OP)).toBe(true);
    expect(has(Opcode.BINARY_OP_PY_DUNDER)).toBe(true);
    expect(has(Opcode.FOR_ITER_PY_NEXT)).toBe(true);
    // Guards of builtin types, or of a version in an operand.
    expect(has(Opcode.BINARY_OP_ADD_INT)).toBe(false);
    expect(has(Opcode.LOAD_ATTR_INSTANCE_VALUE)).toBe(false);
    // A call into a function it checked the version of: the trace depends on that version.
    expect(has(Opcode.CALL_PY_EXACT_ARGS)).toBe(false);
    // The straight path, and the instructions it leaves out.
    expect(table[Opcode.LOAD_FAST * PlanWord.size]! & PlanFlag.Plain).toBe(PlanFlag.Plain);
    expect(table[Opcode.NOT_TAKEN * PlanWord.size]! & PlanFlag.Dropped).toBe(PlanFlag.Dropped);
    expect(table[Opcode.CALL_PY_EXACT_ARGS * PlanWord.size]! & PlanFlag.Plain).toBe(0);
  });

  it("give each part its exit, the exits in the order the parts first take them", () => {
    const l = lowering(Opcode.LOAD_ATTR_INSTANCE_VALUE)!;
    expect(l.parts.map((p) => uopName(p.uop))).toEqual([
      "_GUARD_TYPE_VERSION_EITHER",
      "_LOAD_ATTR_INSTANCE_VALUE",
    ]);
    expect([...l.exitSlots]).toEqual([2, 1]); // a side exit, then a deopt
    expect([l.needsSide, l.needsDeopt, l.sideFirst, l.plain]).toEqual([true, true, true, true]);
    // Both type versions of the guard (its operand0 and operand1) are dependencies.
    expect([...l.dependencyPlan]).toEqual([
      DependencyKind.TypeVersion,
      UopWord.operand0,
      DependencyKind.TypeVersion,
      UopWord.operand1,
    ]);
    // A call enters a frame: not the recorder's straight path.
    expect(lowering(Opcode.CALL_PY_EXACT_ARGS)!.plain).toBe(false);
    expect(lowering(Opcode.LOAD_GLOBAL_MODULE)!.dependencyPlan[0]).toBe(DependencyKind.KeysVersion);
  });

  it("number the exits as taking them part by part does, for every instruction", () => {
    for (let opcode = 0; opcode < 256; opcode++) {
      const l = lowering(opcode);
      if (l === null) continue;
      // Part by part: the first part that needs an exit of a kind makes it.
      const made: number[] = [];
      for (const part of l.parts) {
        if (part.exitKind >= 0 && !made.includes(part.exitKind)) made.push(part.exitKind);
      }
      const planned = [
        ...(l.sideFirst ? [ExitKind.Side] : []),
        ...(l.needsDeopt ? [ExitKind.Deopt] : []),
        ...(l.needsSide && !l.sideFirst ? [ExitKind.Side] : []),
      ];
      expect(planned, uopName(opcode)).toEqual(made);
      expect([...l.exitSlots], uopName(opcode)).toEqual(
        l.parts.map((p) =>
          p.exitKind === ExitKind.Deopt ? 1 : p.exitKind === ExitKind.Side ? 2 : 0,
        ),
      );
    }
  });
});

describe("dumpExecutor", () => {
  it("prints each uop with its exit, and the exits", () => {
    const uop = (opcode: number, target: number, exit: number, jump = 0) => ({
      opcode,
      oparg: 0,
      target,
      exit,
      jump,
      operand0: 0,
      operand1: 0,
      operand2: 0,
    });
    const trace = packTrace({
      code: 100,
      start: 10,
      uops: [
        uop(Uop._CHECK_VALIDITY, 10, 0),
        uop(Uop._GUARD_IS_TRUE_POP, 12, 1),
        uop(Uop._JUMP_TO_TOP, 14, -1),
      ],
      exits: [
        { kind: ExitKind.Deopt, code: 100, target: 10 },
        { kind: ExitKind.Side, code: 100, target: 20 },
      ],
    });
    trace.exits[1 * EXIT_WORDS + ExitWord.count] = 3;
    const executor: Executor = {
      id: 7,
      trace,
      valid: true,
      originalOpcode: Opcode.JUMP_BACKWARD,
      originalOparg: 4,
      compiled: null,
      entries: 0,
      cold: false,
    };
    const text = dumpExecutor(executor, (code, unit) => `f@${unit - code}`);
    expect(text.split("\n")).toEqual([
      "---- TRACE 7 start f@-90: 3 uops, 2 exits",
      "     ; f@-90",
      `0000 ${"_CHECK_VALIDITY".padEnd(34)} oparg=0 -> exit 0`,
      "     ; f@-88",
      `0001 ${"_GUARD_IS_TRUE_POP".padEnd(34)} oparg=0 -> exit 1`,
      "     ; f@-86",
      `0002 ${"_JUMP_TO_TOP".padEnd(34)} oparg=0 -> 0000`,
      "---- exits",
      "    0 deopt   f@-90 taken 0",
      "    1 side    f@-80 taken 3",
      "---- TRACE 7 end",
    ]);
  });
});
