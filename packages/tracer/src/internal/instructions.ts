// Reading tier-1 instructions as the recorder sees them: decoding (EXTENDED_ARG prefixes, cache
// sizes, jump targets) and the uop expansion each instruction lowers to, from the generated
// metadata of @skein/bytecode.
import {
  DEOPT,
  INLINE_CACHE_ENTRIES,
  MACRO_EXPANSION,
  MIN_UOP_ID,
  OPCODE_NAMES,
  Opcode,
  UOP_FLAGS,
  UOP_NAMES,
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
  const next = unit + 1 + (INLINE_CACHE_ENTRIES[head] ?? 0);
  return { start, unit, opcode, oparg, next };
}

/** Uops that only tier 1 runs (specializing counters, the backward-jump counter). */
const TIER1_ONLY = new Set<string>(["_JIT", "JUMP_BACKWARD_NO_INTERRUPT"]);

export interface ExpansionPart {
  readonly uop: number;
  /** Cache fields it reads, as [offset, size] in code units after the opcode unit. */
  readonly caches: readonly (readonly [number, number])[];
}

const expansionCache = new Map<number, readonly ExpansionPart[] | null>();

/**
 * The uops `opcode` lowers to in a trace, or null when it has none that tier 2 can run. Tier-1-only
 * uops (`_SPECIALIZE_*`, the jump counter) are left out.
 */
export function expansion(opcode: number): readonly ExpansionPart[] | null {
  let e = expansionCache.get(opcode);
  if (e !== undefined) return e;
  const parts = MACRO_EXPANSION[opcode];
  if (parts === undefined) {
    e = null;
  } else {
    const out: ExpansionPart[] = [];
    for (const [uop, size, offset] of parts) {
      const name = uopName(uop);
      if (name.startsWith("_SPECIALIZE_") || TIER1_ONLY.has(name)) continue;
      out.push({ uop, caches: size > 0 ? [[offset, size]] : [] });
    }
    e = out;
  }
  expansionCache.set(opcode, e);
  return e;
}

/** Read a cache field of `size` units (1: u16, 2: u32 little-endian) at `addr`. */
export function readCache(u16: Uint16Array, addr: number, size: number): number {
  if (size === 1) return u16[addr]!;
  return (u16[addr]! | (u16[addr + 1]! << 16)) >>> 0;
}

export function uopFlags(uop: number): number {
  return UOP_FLAGS[uop - MIN_UOP_ID] ?? 0;
}
