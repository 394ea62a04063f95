// Reading tier-1 instructions as the recorder sees them: decoding (EXTENDED_ARG prefixes, cache
// sizes, jump targets) and the uop expansion each instruction lowers to, from the generated
// metadata of @skein/bytecode.
import {
  BRANCH_GUARDS,
  DEOPT,
  DependencyKind,
  ExitKind,
  INLINE_CACHE_ENTRIES,
  MIN_UOP_ID,
  OPCODE_NAMES,
  Opcode,
  OpcodeFlag,
  RECORD_INPUTS,
  Tier2Flag,
  TRACE_EXPANSION,
  TRACE_NOT_VIABLE,
  UOP_FLAGS,
  UOP_NAMES,
  UOP_OPERAND_NAMES,
  UOP_TIER2_FLAGS,
  UOP_WORDS,
  Uop,
  UopWord,
} from "@skein/bytecode";

export function uopName(id: number): string {
  if (id >= MIN_UOP_ID) return UOP_NAMES[id - MIN_UOP_ID] ?? `<uop ${id}>`;
  return OPCODE_NAMES[id] ?? `<opcode ${id}>`;
}

/** One decoded instruction at `start` (its first code unit, an EXTENDED_ARG prefix if any). */
export interface Decoded {
  /** Address (u16 index) of the first unit, prefixes included: where tier 1 resumes it. */
  start: number;
  /** Address of the unit holding the opcode (after the prefixes). */
  unit: number;
  opcode: number;
  oparg: number;
  /** Address of the next instruction (after the caches). */
  next: number;
}

const EXTENDED_ARG = Opcode.EXTENDED_ARG;

export function decode(u16: Uint16Array, start: number): Decoded {
  let unit = start;
  let oparg = 0;
  let word = u16[unit]!;
  while ((word & 255) === EXTENDED_ARG) {
    oparg = (oparg | (word >> 8)) << 8;
    unit++;
    word = u16[unit]!;
  }
  const opcode = word & 255;
  oparg |= word >> 8;
  const head = DEOPT[opcode] ?? opcode;
  return { start, unit, opcode, oparg, next: unit + 1 + (INLINE_CACHE_ENTRIES[head] ?? 0) };
}

export interface ExpansionPart {
  readonly uop: number;
  /** Where operand0..2 come from: [cache units, offset in the instruction's inline cache]. */
  readonly caches: readonly (readonly [number, number])[];
  /** Tier2Flag bits of the uop (viable, needs an exit, enters or leaves a frame). */
  readonly tier2: number;
  /** UOP_FLAGS bits (deopt, exit, escapes...). */
  readonly flags: number;
  /** Which of operand0..2 are type versions (bit k: operand k), by operand name. */
  readonly typeVersionOperands: number;
  /** Which of operand0..2 are function versions (`func_version`): bit k for operand k. */
  readonly functionVersionOperands: number;
  /** The exit of a uop that may leave (ExitKind Deopt or Side), or -1. */
  readonly exitKind: number;
  /** Which dict of the frame it reads: 1 the globals, 2 the builtins, 0 none. */
  readonly readsDict: number;
}

/** An instruction's expansion with what the recorder asks of all its parts at once. */
export interface Lowering {
  readonly parts: readonly ExpansionPart[];
  /** The Tier2Flag bits of any part (ENTERS_FRAME, LEAVES_FRAME...). */
  readonly tier2Any: number;
  /** The first part that cannot run in a trace, or null. */
  readonly notViable: ExpansionPart | null;
  /** Whether a part escapes (the next instruction then checks validity). */
  readonly escapes: boolean;
  // The parts again as flat columns, for the recorder's loop:
  /** uop ids. */
  readonly uops: Int32Array;
  /**
   * The operands read from the inline cache, three numbers each: which (the word of the operand,
   * counted from the first part: see operandOf), the offset in the cache, and the size in units
   * (1, 2 or 4).
   */
  readonly operandFields: Int32Array;
  // The recorder's plan for its loop, made once here rather than tested per uop:
  /** Which exit each part takes: 0 none, 1 the instruction's deopt exit, 2 its side exit. */
  readonly exitSlots: Int8Array;
  /** Whether a part needs the deopt exit, the side exit; whether the side exit is needed first. */
  readonly needsDeopt: boolean;
  readonly needsSide: boolean;
  readonly sideFirst: boolean;
  /**
   * What the parts make the trace depend on, in order, two numbers each: the `DependencyKind`,
   * then for a version the word of the operand that holds it (operandOf), for `KeysVersion` the
   * frame's dict it reads (1 the globals, 2 the builtins).
   */
  readonly dependencyPlan: Int32Array;
  /** Whether there are operands to read from the cache, or dependencies (dependencyPlan). */
  readonly readsOperands: boolean;
  /**
   * Whether the recorder may take its straight path: the parts are all viable, there is at least
   * one, and none enters or leaves a frame.
   */
  readonly plain: boolean;
}

// Tables by opcode, filled on first use (made full-length at once, so that V8 keeps them dense).
const lowerings: (Lowering | null | undefined)[] = new Array(256).fill(undefined);

/**
 * The uops `opcode` lowers to in a trace (the generated TRACE_EXPANSION: specializing uops left
 * out, tier-2 replacements applied), or null when it has none: the recorder lowers jumps itself.
 */
export function expansion(opcode: number): readonly ExpansionPart[] | null {
  return lowering(opcode)?.parts ?? null;
}

/** expansion() with the flags of all its parts (made once per opcode). */
export function lowering(opcode: number): Lowering | null {
  let l = lowerings[opcode];
  if (l !== undefined) return l;
  const expanded = TRACE_EXPANSION[opcode];
  if (expanded === undefined) {
    l = null;
  } else {
    const parts = expanded.map(([uop, caches]) => ({
      uop,
      caches,
      tier2: UOP_TIER2_FLAGS[uop - MIN_UOP_ID] ?? 0,
      flags: UOP_FLAGS[uop - MIN_UOP_ID] ?? 0,
      typeVersionOperands: versionOperands(uop, false),
      functionVersionOperands: versionOperands(uop, true),
      exitKind: exitKindOf(uop),
      readsDict:
        uop === Uop._LOAD_GLOBAL_MODULE || uop === Uop._GUARD_GLOBALS_VERSION
          ? 1
          : uop === Uop._LOAD_GLOBAL_BUILTIN
            ? 2
            : 0,
    }));
    const operandFields = Int32Array.from(
      parts.flatMap((part, k) =>
        part.caches.slice(0, 3).flatMap(([units, offset], c) => [operandOf(k, c), offset, units]),
      ),
    );
    const exits = exitPlan(parts);
    const dependencyPlan = Int32Array.from(
      parts.flatMap((part, k) => [
        ...[0, 1, 2].flatMap((c) =>
          ((part.typeVersionOperands >> c) & 1) !== 0
            ? [DependencyKind.TypeVersion, operandOf(k, c)]
            : ((part.functionVersionOperands >> c) & 1) !== 0
              ? [DependencyKind.FunctionVersion, operandOf(k, c)]
              : [],
        ),
        ...(part.readsDict !== 0 ? [DependencyKind.KeysVersion, part.readsDict] : []),
      ]),
    );
    l = {
      parts,
      tier2Any: parts.reduce((bits, part) => bits | part.tier2, 0),
      notViable: parts.find((part) => (part.tier2 & Tier2Flag.VIABLE) === 0) ?? null,
      escapes: parts.some((part) => (part.flags & OpcodeFlag.HAS_ESCAPES) !== 0),
      uops: Int32Array.from(parts, (part) => part.uop),
      operandFields,
      exitSlots: exits.exitSlots,
      needsDeopt: exits.needsDeopt,
      needsSide: exits.needsSide,
      sideFirst: exits.sideFirst,
      dependencyPlan,
      readsOperands: operandFields.length > 0 || dependencyPlan.length > 0,
      plain:
        parts.length > 0 &&
        parts.every((part) => (part.tier2 & Tier2Flag.VIABLE) !== 0) &&
        parts.every(
          (part) => (part.tier2 & (Tier2Flag.ENTERS_FRAME | Tier2Flag.LEAVES_FRAME)) === 0,
        ),
    };
  }
  lowerings[opcode] = l;
  return l;
}

/** Operand `c` of part `k`, as a word of the trace counted from the instruction's first uop. */
function operandOf(k: number, c: number): number {
  return k * UOP_WORDS + UopWord.operand0 + c;
}

/** Which of an instruction's two exits each part takes, and which the parts need first. */
function exitPlan(parts: readonly ExpansionPart[]) {
  const firstDeopt = parts.findIndex((part) => part.exitKind === ExitKind.Deopt);
  const firstSide = parts.findIndex((part) => part.exitKind === ExitKind.Side);
  return {
    exitSlots: Int8Array.from(parts, (part) =>
      part.exitKind === ExitKind.Deopt ? 1 : part.exitKind === ExitKind.Side ? 2 : 0,
    ),
    needsDeopt: firstDeopt >= 0,
    needsSide: firstSide >= 0,
    sideFirst: firstSide >= 0 && (firstDeopt < 0 || firstSide < firstDeopt),
  };
}

function exitKindOf(uop: number): number {
  if ((UOP_TIER2_FLAGS[uop - MIN_UOP_ID]! & Tier2Flag.NEEDS_EXIT) === 0) return -1;
  return (UOP_FLAGS[uop - MIN_UOP_ID]! & OpcodeFlag.HAS_DEOPT) !== 0
    ? ExitKind.Deopt
    : ExitKind.Side;
}

/** How the recorder treats an instruction's control flow. */
export const Control = {
  /** Lowered to its uops; goes on at the next instruction, or a frame it enters or leaves. */
  Uops: 0,
  /** NOP, NOT_TAKEN, JUMP_FORWARD: nothing in the trace. */
  Dropped: 1,
  /** JUMP_BACKWARD(_NO_INTERRUPT): closes the loop, or ends the trace at an inner loop. */
  Backward: 2,
  /** POP_JUMP_IF_*: a guard on the direction taken. */
  Branch: 3,
} as const;

/** What the recorder needs of one opcode, in one dense table indexed by opcode. */
export interface OpInfo {
  /** The family's generic opcode (itself if it is one). */
  readonly head: number;
  /** Inline cache units after the opcode unit. */
  readonly caches: number;
  readonly control: number;
  /** For a branch: the guard when it falls through, and when it jumps. */
  readonly guardFallthrough: number;
  readonly guardTaken: number;
  /** RECORD_INPUTS flattened: pairs [c, k], the input at depth c + k * oparg. */
  readonly inputs: Int32Array | null;
  readonly lowering: Lowering | null;
}

const opInfos: (OpInfo | undefined)[] = new Array(256).fill(undefined);

export function opInfo(opcode: number): OpInfo {
  return opInfos[opcode] ?? makeOpInfo(opcode);
}

function makeOpInfo(opcode: number): OpInfo {
  const head = DEOPT[opcode] ?? opcode;
  const branch = BRANCH_GUARDS[head];
  const inputs = RECORD_INPUTS[opcode];
  const info: OpInfo = {
    head,
    caches: INLINE_CACHE_ENTRIES[head] ?? 0,
    control:
      head === Opcode.NOP || head === Opcode.NOT_TAKEN || head === Opcode.JUMP_FORWARD
        ? Control.Dropped
        : head === Opcode.JUMP_BACKWARD || head === Opcode.JUMP_BACKWARD_NO_INTERRUPT
          ? Control.Backward
          : branch !== undefined
            ? Control.Branch
            : Control.Uops,
    guardFallthrough: branch?.[0] ?? 0,
    guardTaken: branch?.[1] ?? 0,
    inputs: inputs === undefined ? null : Int32Array.from(inputs.flat()),
    lowering: lowering(opcode),
  };
  opInfos[opcode] = info;
  return info;
}

/** Why an instruction cannot be in a trace (the generator's reason). */
export function notViable(opcode: number): string {
  return TRACE_NOT_VIABLE[opcode] ?? OPCODE_NAMES[opcode] ?? String(opcode);
}

/**
 * The operands named for a version (bit k: operand k): of a function (`func_version`) or of a
 * type (`type_version`, `other_version`). A plain `version` is a dict's (the globals guard), which
 * the recorder takes from the frame instead.
 */
function versionOperands(uop: number, ofFunction: boolean): number {
  const names = UOP_OPERAND_NAMES[uop - MIN_UOP_ID] ?? [];
  let bits = 0;
  names.forEach((name, k) => {
    if (name.endsWith("_version") && (name === "func_version") === ofFunction) bits |= 1 << k;
  });
  return bits;
}

/** Bits of an opcode's plan (see plans()); an enum, which the build writes as literals. */
export enum PlanFlag {
  /** The recorder may take its straight path (`Control.Uops`, a `plain` lowering). */
  Plain = 1,
  SideFirst = 2,
  NeedsDeopt = 4,
  NeedsSide = 8,
  Escapes = 16,
  /** Operands to read from the inline cache, or dependencies (`Lowering.readsOperands`). */
  ReadsOperands = 32,
  /**
   * The recorder reads the types of its inputs (`OpInfo.inputs`) before it runs, to make the trace
   * depend on their heap types: a family's generic form, and a specialized form that enters a
   * frame it found through an input's type without guarding a version (an operator method,
   * `__getitem__`, `__next__`...). The other specialized forms need not: their uops guard the
   * input's type themselves (a builtin type, or a version the trace depends on through the
   * operand, as a call's function version).
   */
  HasInputs = 64,
  /** Left out of traces (`Control.Dropped`: NOP, NOT_TAKEN, JUMP_FORWARD). */
  Dropped = 128,
  /** It has uops, all of which can run in a trace. */
  Viable = 256,
  /** A uop enters a frame, leaves one (`Tier2Flag.ENTERS_FRAME`, `LEAVES_FRAME`). */
  EntersFrame = 512,
  LeavesFrame = 1024,
}

/** An opcode's words in `Plans.table` (`size` of them). */
export enum PlanWord {
  size = 10,
  flags = 0,
  firstPart = 1,
  parts = 2,
  caches = 3,
  /** Its first pair in `Plans.inputs`, and how many pairs it has. */
  firstInput = 4,
  inputs = 5,
  /** Its first triple in `Plans.operands`, and how many. */
  firstOperand = 6,
  operands = 7,
  /** Its first pair in `Plans.dependencies`, and how many. */
  firstDependency = 8,
  dependencies = 9,
}

/**
 * What the recorder's per-instruction path reads, for all 256 opcodes in two flat tables (a few
 * loads from one array where `OpInfo` and `Lowering` are objects holding arrays).
 */
export interface Plans {
  /** `PlanWord.size` words per opcode (`PlanWord` names them). */
  readonly table: Int32Array;
  /** Two words per part: the uop, and its exit slot (as `Lowering.exitSlots`). */
  readonly parts: Int32Array;
  /** `OpInfo.inputs` of every opcode, one after the other (pairs). */
  readonly inputs: Int32Array;
  /** `Lowering.operandFields` of every opcode, one after the other (triples). */
  readonly operands: Int32Array;
  /** `Lowering.dependencyPlan` of every opcode, one after the other (pairs). */
  readonly dependencies: Int32Array;
}

let madePlans: Plans | null = null;

export function plans(): Plans {
  if (madePlans !== null) return madePlans;
  const table = new Int32Array(256 * PlanWord.size);
  const parts: number[] = [];
  const inputs: number[] = [];
  const operands: number[] = [];
  const dependencies: number[] = [];
  for (let opcode = 0; opcode < 256; opcode++) {
    const info = opInfo(opcode);
    const l = info.lowering;
    const at = opcode * PlanWord.size;
    let flags = 0;
    // A form that enters a method found through an input's type, unless it guards a version (of
    // the type or of the function) that the trace then depends on anyway.
    const entersFrame = l !== null && (l.tier2Any & Tier2Flag.ENTERS_FRAME) !== 0;
    const guardsVersion =
      l !== null && l.parts.some((p) => (p.typeVersionOperands | p.functionVersionOperands) !== 0);
    if (info.inputs !== null && (opcode === info.head || (entersFrame && !guardsVersion))) {
      flags |= PlanFlag.HasInputs;
    }
    if (info.control === Control.Uops && l?.plain) flags |= PlanFlag.Plain;
    if (info.control === Control.Dropped) flags |= PlanFlag.Dropped;
    if (l !== null) {
      if (l.sideFirst) flags |= PlanFlag.SideFirst;
      if (l.needsDeopt) flags |= PlanFlag.NeedsDeopt;
      if (l.needsSide) flags |= PlanFlag.NeedsSide;
      if (l.escapes) flags |= PlanFlag.Escapes;
      if (l.readsOperands) flags |= PlanFlag.ReadsOperands;
      if (l.parts.length > 0 && l.notViable === null) flags |= PlanFlag.Viable;
      if ((l.tier2Any & Tier2Flag.ENTERS_FRAME) !== 0) flags |= PlanFlag.EntersFrame;
      if ((l.tier2Any & Tier2Flag.LEAVES_FRAME) !== 0) flags |= PlanFlag.LeavesFrame;
      table[at + PlanWord.firstPart] = parts.length / 2;
      table[at + PlanWord.parts] = l.uops.length;
      for (const [k, uop] of l.uops.entries()) parts.push(uop, l.exitSlots[k]!);
    }
    table[at] = flags;
    table[at + PlanWord.caches] = info.caches;
    table[at + PlanWord.firstInput] = inputs.length / 2;
    table[at + PlanWord.inputs] = (info.inputs?.length ?? 0) / 2;
    inputs.push(...(info.inputs ?? []));
    table[at + PlanWord.firstOperand] = operands.length / 3;
    table[at + PlanWord.operands] = (l?.operandFields.length ?? 0) / 3;
    operands.push(...(l?.operandFields ?? []));
    table[at + PlanWord.firstDependency] = dependencies.length / 2;
    table[at + PlanWord.dependencies] = (l?.dependencyPlan.length ?? 0) / 2;
    dependencies.push(...(l?.dependencyPlan ?? []));
  }
  madePlans = {
    table,
    parts: Int32Array.from(parts),
    inputs: Int32Array.from(inputs),
    operands: Int32Array.from(operands),
    dependencies: Int32Array.from(dependencies),
  };
  return madePlans;
}
