// Reading tier-1 instructions as the recorder sees them: decoding (EXTENDED_ARG prefixes, cache
// sizes, jump targets) and the uop expansion each instruction lowers to, from the generated
// metadata of @skein/bytecode.
import {
  DEOPT,
  INLINE_CACHE_ENTRIES,
  MIN_UOP_ID,
  OPCODE_NAMES,
  Opcode,
  TRACE_EXPANSION,
  TRACE_NOT_VIABLE,
  UOP_FLAGS,
  UOP_NAMES,
  UOP_OPERAND_NAMES,
  UOP_TIER2_FLAGS,
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
  return decodeInto(u16, start, { start, unit: start, opcode: 0, oparg: 0, next: 0 });
}

/** decode() into an existing record (the recorder's, which it reuses for every instruction). */
export function decodeInto<T extends Decoded>(u16: Uint16Array, start: number, out: T): T {
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
  out.start = start;
  out.unit = unit;
  out.opcode = opcode;
  out.oparg = oparg;
  out.next = unit + 1 + (INLINE_CACHE_ENTRIES[head] ?? 0);
  return out;
}

export interface ExpansionPart {
  readonly uop: number;
  /** Where operand0..2 come from: [cache units, offset in the instruction's inline cache]. */
  readonly caches: readonly (readonly [number, number])[];
  /** Tier2Flag bits of the uop (viable, needs an exit, enters or leaves a frame). */
  readonly tier2: number;
  /** UOP_FLAGS bits (deopt, exit, escapes...). */
  readonly flags: number;
  /** Which of operand0..2 are type versions (the trace depends on them), by operand name. */
  readonly typeVersionOperands: readonly number[];
}

const expansionCache = new Map<number, readonly ExpansionPart[] | null>();

/**
 * The uops `opcode` lowers to in a trace (the generated TRACE_EXPANSION: specializing uops left
 * out, tier-2 replacements applied), or null when it has none: the recorder lowers jumps itself.
 */
export function expansion(opcode: number): readonly ExpansionPart[] | null {
  let e = expansionCache.get(opcode);
  if (e !== undefined) return e;
  const parts = TRACE_EXPANSION[opcode];
  e =
    parts === undefined
      ? null
      : parts.map(([uop, caches]) => ({
          uop,
          caches,
          tier2: UOP_TIER2_FLAGS[uop - MIN_UOP_ID] ?? 0,
          flags: UOP_FLAGS[uop - MIN_UOP_ID] ?? 0,
          typeVersionOperands: typeVersionOperands(uop),
        }));
  expansionCache.set(opcode, e);
  return e;
}

/** Why an instruction cannot be in a trace (the generator's reason). */
export function notViable(opcode: number): string {
  return TRACE_NOT_VIABLE[opcode] ?? OPCODE_NAMES[opcode] ?? String(opcode);
}

/** Operands named for a type's version (`type_version`, `other_version`; not `func_version`). */
function typeVersionOperands(uop: number): number[] {
  const names = UOP_OPERAND_NAMES[uop - MIN_UOP_ID] ?? [];
  const out: number[] = [];
  names.forEach((name, k) => {
    if (name.endsWith("version") && !name.startsWith("func")) out.push(k);
  });
  return out;
}
