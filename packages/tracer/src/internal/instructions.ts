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
  UOP_TIER2_FLAGS,
  Uop,
} from "@skein/bytecode";

/** A uop id by name; an error at start-up if the instruction set lacks it. */
export function uopId(name: string): number {
  const id = (Uop as Readonly<Record<string, number>>)[name];
  if (id === undefined) throw new Error(`Skein bug: the instruction set has no uop ${name}`);
  return id;
}

/** An opcode id by name. */
export function opcodeId(name: string): number {
  const id = (Opcode as Readonly<Record<string, number>>)[name];
  if (id === undefined) throw new Error(`Skein bug: the instruction set has no opcode ${name}`);
  return id;
}

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
  /** A guard on type versions: its operands are versions the trace depends on. */
  readonly guardsTypeVersion: boolean;
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
          guardsTypeVersion: uopName(uop).includes("TYPE_VERSION"),
        }));
  expansionCache.set(opcode, e);
  return e;
}

/** Why an instruction cannot be in a trace (the generator's reason). */
export function notViable(opcode: number): string {
  return TRACE_NOT_VIABLE[opcode] ?? OPCODE_NAMES[opcode] ?? String(opcode);
}

/** Read a cache field of `size` units (1: u16, 2: u32, 4: u64 as a number) at `addr`. */
export function readCache(u16: Uint16Array, addr: number, size: number): number {
  if (size === 1) return u16[addr]!;
  const low = (u16[addr]! | (u16[addr + 1]! << 16)) >>> 0;
  if (size === 2) return low;
  return low + ((u16[addr + 2]! | (u16[addr + 3]! << 16)) >>> 0) * 2 ** 32;
}
