// The reference backend: executors run by the generated tier-2 uop interpreter (runUops in
// ../generated/tier2.gen.ts), the semantics the Wasm backend is tested against. Also the
// lowering of one instruction to its trace uops from the generated TRACE_EXPANSION, which the
// recorder and the differential tests share.
import {
  type Backend,
  type ExecutionHost,
  type Executor,
  exitCount,
  MIN_UOP_ID,
  OPCODE_NAMES,
  Tier2Flag,
  TRACE_EXPANSION,
  TRACE_NOT_VIABLE,
  type Trace,
  type TraceUop,
  traceLength,
  traceUops,
  UOP_TIER2_FLAGS,
  UOP_WORDS,
  Uop,
  UopWord,
} from "@skein/bytecode";
import { runUops } from "../generated/tier2.gen.js";
import type { Tier2ThreadState } from "./tier2-env.js";

/** Uops after which a trace never goes on to the next uop. */
const TERMINATORS: ReadonlySet<number> = new Set([
  Uop._EXIT_TRACE,
  Uop._DEOPT,
  Uop._DYNAMIC_EXIT,
  Uop._JUMP_TO_TOP,
  Uop._ERROR_POP_N,
]);

/** Why the reference backend cannot run `trace`, or null when it can. */
export function checkTrace(trace: Trace): string | null {
  const words = trace.uops;
  const n = traceLength(trace);
  if (n === 0) return "an empty trace";
  const exits = exitCount(trace);
  for (let i = 0; i < n; i++) {
    const opcode = words[i * UOP_WORDS + UopWord.opcode]!;
    const exit = words[i * UOP_WORDS + UopWord.exit]!;
    const flags = UOP_TIER2_FLAGS[opcode - MIN_UOP_ID];
    if (flags === undefined || (flags & Tier2Flag.VIABLE) === 0)
      return `uop ${i} (${opcode}) cannot run in a trace`;
    if ((flags & Tier2Flag.NEEDS_EXIT) !== 0 && (exit < 0 || exit >= exits))
      return `uop ${i} may leave the trace but has no exit`;
    const jump = words[i * UOP_WORDS + UopWord.jump]!;
    if (opcode === Uop._JUMP_TO_TOP && (jump < 0 || jump >= n))
      return `uop ${i} jumps outside the trace`;
  }
  if (!TERMINATORS.has(words[(n - 1) * UOP_WORDS + UopWord.opcode]!))
    return "the trace does not end with an exit";
  return null;
}

/** A `Backend` that interprets uops in TypeScript (CPython's tier-2 interpreter). */
export class ReferenceBackend implements Backend {
  readonly name = "reference";

  constructor(private readonly ts: Tier2ThreadState) {}

  compile(
    trace: Trace,
    id: number,
    originalOpcode: number,
    originalOparg: number,
  ): Executor | null {
    if (checkTrace(trace) !== null) return null;
    return {
      id,
      trace,
      valid: true,
      originalOpcode,
      originalOparg,
      // Its compiled form: the uops as objects, which runUops reads a field at a time.
      compiled: traceUops(trace),
      entries: 0,
      cold: false,
    };
  }

  execute(executor: Executor, host: ExecutionHost, frame: number, sp: number): number {
    const ts = this.ts;
    const before = ts.tier2UopsExecuted;
    const exit = runUops(ts, executor, frame, sp);
    host.currentFrame = ts.tier2Frame;
    if (host.uopsExecuted !== undefined) host.uopsExecuted += ts.tier2UopsExecuted - before;
    return exit;
  }
}

/**
 * The trace uops of the instruction at u16 index `instr` (its opcode `opcode`, specialized or not,
 * with argument `oparg`): operands read from its inline cache in `u16`, target `instr`, and every
 * uop that may leave pointing at exit `exit`. Null when the instruction has no trace expansion.
 */
export function lowerInstruction(
  u16: Uint16Array,
  instr: number,
  opcode: number,
  oparg: number,
  exit: number,
): TraceUop[] | null {
  const expansion = TRACE_EXPANSION[opcode];
  if (expansion === undefined) return null;
  return expansion.map(([uop, sources]) => {
    const operands = sources.map(([size, offset]) => readCache(u16, instr + 1 + offset, size));
    const needsExit = (UOP_TIER2_FLAGS[uop - MIN_UOP_ID]! & Tier2Flag.NEEDS_EXIT) !== 0;
    return {
      opcode: uop,
      oparg,
      target: instr,
      exit: needsExit ? exit : -1,
      jump: 0,
      operand0: operands[0] ?? 0,
      operand1: operands[1] ?? 0,
      operand2: operands[2] ?? 0,
    };
  });
}

/** Why an instruction has no trace expansion ("" when it has one). */
export function whyNotLowered(opcode: number): string {
  return (
    TRACE_NOT_VIABLE[opcode] ??
    (TRACE_EXPANSION[opcode] ? "" : `no instruction ${OPCODE_NAMES[opcode]}`)
  );
}

/** An inline-cache field of `size` units at `at` (1: u16, 2: u32, 4: u64 as a number). */
export function readCache(u16: Uint16Array, at: number, size: number): number {
  if (size === 1) return u16[at]!;
  const lo = (u16[at]! | (u16[at + 1]! << 16)) >>> 0;
  if (size === 2) return lo;
  return lo + ((u16[at + 2]! | (u16[at + 3]! << 16)) >>> 0) * 4294967296;
}
