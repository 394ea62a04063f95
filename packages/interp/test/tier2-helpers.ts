// The differential harness of the reference backend: run a program twice in tier 1. The first
// run notes the state (frame, stack, locals, reference counts) just before and just after the
// N-th execution of one instruction. The second run installs ENTER_EXECUTOR over that instruction
// at its N-th execution, runs a one-instruction trace through ReferenceBackend instead (its
// expansion and then an exit), and notes the state the executor left. Both must agree, and so
// must everything the two programs print.
import {
  EXIT_ERROR,
  type Executor,
  ExitKind,
  INLINE_CACHE_ENTRIES,
  MIN_UOP_ID,
  Opcode,
  packTrace,
  Tier2Flag,
  type TraceExit,
  type TraceUop,
  UOP_TIER2_FLAGS,
  Uop,
} from "@skein/bytecode";
import { createEngine } from "@skein/engine";
import {
  backoff,
  frameLayout,
  type JitHooks,
  lowerInstruction,
  RESUME_CONTINUE,
  RESUME_ERROR,
  ReferenceBackend,
} from "@skein/interp";
import { codeData } from "@skein/objects";

const { FRAME_CODE, FRAME_HEADER, FRAME_IP, FRAME_SP } = frameLayout;

export interface Snapshot {
  frame: number;
  /** The instruction tier 1 runs next (u16 index). */
  instr: number;
  /** Every slot of the frame's locals and stack, with the reference count of each object. */
  slots: string[];
}

/**
 * How the one-instruction trace leaves: "end" through its final _EXIT_TRACE to the next
 * instruction (the state equals tier 1's after the instruction), "dynamic" the same through a
 * dynamic exit (after a frame change), "deopt" through exit 0 back to the instruction with the
 * state unchanged, "side" through exit 0 to `sideTarget` with tier 1's state after the
 * instruction (an exhausted iterator), "error" with an exception.
 */
export type ExitExpected = "end" | "deopt" | "dynamic" | "side" | "error";

/** What a case's own lowering sees. */
export interface LowerContext {
  readonly u16: Uint16Array;
  readonly i32: Int32Array;
  readonly frame: number;
  readonly instr: number;
  readonly opcode: number;
  readonly oparg: number;
  /** The instruction's generated expansion. */
  expansion(): TraceUop[];
}

export interface DiffCase {
  readonly name: string;
  readonly source: string;
  /** The function whose instruction is replaced. */
  readonly fn: string;
  /** The live (possibly specialized) opcode of that instruction. */
  readonly op: string;
  /** Which instruction of `fn` with that opcode (default 0, the first). */
  readonly index?: number;
  /** Its execution at which the trace runs (default 40: after specialization). */
  readonly nth?: number;
  /** How the one-instruction trace leaves (default "end"). */
  readonly exit?: ExitExpected;
  /** Uops to run instead of the instruction's expansion (branch guards, tier-2 forms). */
  readonly uops?: (ctx: LowerContext) => Partial<TraceUop>[];
  /** The instruction after the trace when it leaves through its end exit (default the next). */
  readonly endTarget?: (ctx: LowerContext) => number;
  /** Exit 0's target for a "side" case (default the instruction itself). */
  readonly sideTarget?: (ctx: LowerContext) => number;
  /** Exits 2.. for the case's own uops (deopts to the given instructions). */
  readonly moreExits?: (ctx: LowerContext) => number[];
  /**
   * Where run 1 notes the state after the instruction: the first time its frame reaches this
   * instruction (a trace of a whole loop), instead of the next instruction that runs.
   */
  readonly afterAt?: (instr: number, oparg: number) => number;
}

export interface DiffResult {
  /** Run 1 (tier 1 only): the state before and after the instruction. */
  before: Snapshot | null;
  after: Snapshot | null;
  /** Run 2: the state the executor left, the exit it took. */
  tier2: Snapshot | null;
  exit: number;
  /** The uops that ran. */
  uops: number[];
  output1: string;
  output2: string;
  /** With debug stack references: double closes and leaks the ledger saw in run 2. */
  refProblems: string[];
}

function blank(target: number, oparg: number): TraceUop {
  return { opcode: 0, oparg, target, exit: 0, jump: 0, operand0: 0, operand1: 0, operand2: 0 };
}

function describe(i32: Int32Array, v: number): string {
  if (v === 1) return "NULL";
  if ((v & 3) === 3) return `int ${v >> 2}`;
  return `${v} rc=${i32[(v & -4) >> 2]}`;
}

function snapshot(i32: Int32Array, frame: number, instr: number, sp: number): Snapshot {
  const slots: string[] = [];
  for (let i = (frame + FRAME_HEADER) >> 2; i < sp; i++) slots.push(describe(i32, i32[i]!));
  return { frame, instr, slots };
}

/** Hooks that count the instruction's executions in the tracing loop. */
function runProgram(c: DiffCase, replace: boolean, debugRefs: boolean): DiffResult {
  let output = "";
  const engine = createEngine({ heapLimit: "64M", debugRefs, stdout: (t) => (output += t) });
  const s = engine.space;
  const ts = engine.interp.ts;
  const i32 = s.i32;
  const u16 = s.u16;
  const backend = new ReferenceBackend(ts);
  const names = new Map<number, string>();
  const codeName = (code: number): string => {
    let n = names.get(code);
    if (n === undefined) {
      n = codeData(s, code).name ?? "";
      names.set(code, n);
    }
    return n;
  };
  const target = Opcode[c.op as keyof typeof Opcode];
  if (target === undefined) throw new Error(`no opcode ${c.op}`);
  const result: DiffResult = {
    before: null,
    after: null,
    tier2: null,
    exit: -2,
    uops: [],
    output1: "",
    output2: "",
    refProblems: [],
  };
  let count = 0;
  let armed = false;
  let armedFrame = 0;
  let armedAt = -1;
  let done = false;
  let saved = 0;
  let tracing = true;
  const instrsSeen = new Map<number, number>();
  const hooks: JitHooks = {
    shouldTrace: () => tracing,
    backedge(_frame, instr) {
      u16[instr + 1] = backoff(0xffff);
      return RESUME_CONTINUE;
    },
    record(frame, instr, sp) {
      if (armed && (armedAt < 0 || (frame === armedFrame && instr === armedAt))) {
        result.after = snapshot(i32, frame, instr, sp);
        armed = false;
        done = true;
      }
      if (done) return 0;
      const word = u16[instr]!;
      if ((word & 255) !== target) return 0;
      const code = i32[(frame + FRAME_CODE) >> 2]!;
      if (codeName(code) !== c.fn) return 0;
      // The index-th instruction of fn with this opcode: number them by first sight.
      let k = instrsSeen.get(instr);
      if (k === undefined) {
        k = instrsSeen.size;
        instrsSeen.set(instr, k);
      }
      if (k !== (c.index ?? 0)) return 0;
      count++;
      if (count < (c.nth ?? 40)) return 0;
      result.before = snapshot(i32, frame, instr, sp);
      if (!replace) {
        armed = true;
        armedFrame = frame;
        armedAt = c.afterAt ? c.afterAt(instr, word >> 8) : -1;
        return 0;
      }
      done = true;
      saved = word;
      u16[instr] = Opcode.ENTER_EXECUTOR;
      tracing = false;
      return 1;
    },
    enter(frame, instr) {
      u16[instr] = saved;
      const oparg = saved >> 8;
      const opcode = saved & 255;
      const ctx: LowerContext = {
        u16,
        i32,
        frame,
        instr,
        opcode,
        oparg,
        expansion: () => lowerInstruction(u16, instr, opcode, oparg, 0) ?? [],
      };
      const body: TraceUop[] = c.uops
        ? c.uops(ctx).map((u) => ({ ...blank(instr, oparg), ...u }))
        : ctx.expansion();
      if (body.length === 0) throw new Error(`${c.op} has no trace expansion`);
      const code = i32[(frame + FRAME_CODE) >> 2]!;
      const next = c.endTarget ? c.endTarget(ctx) : instr + 1 + INLINE_CACHE_ENTRIES[opcode]!;
      const exits: TraceExit[] = [
        {
          kind: ExitKind.Deopt,
          code,
          target: c.sideTarget ? c.sideTarget(ctx) : instr,
        },
        {
          kind: c.exit === "dynamic" ? ExitKind.Dynamic : ExitKind.End,
          code,
          target: next,
        },
        ...(c.moreExits?.(ctx) ?? []).map((t) => ({
          kind: ExitKind.Deopt,
          code,
          target: t,
        })),
      ];
      // Every trace starts as the recorder starts one; the instruction's uops follow.
      const start: TraceUop[] = [
        { ...blank(instr, oparg), opcode: Uop._START_EXECUTOR },
        { ...blank(instr, oparg), opcode: Uop._MAKE_WARM, exit: -1 },
        { ...blank(instr, oparg), opcode: Uop._SET_IP, exit: -1, operand0: instr },
        { ...blank(instr, oparg), opcode: Uop._CHECK_VALIDITY },
      ];
      const uops: TraceUop[] = [
        ...start,
        ...body,
        { ...blank(next, 0), opcode: Uop._EXIT_TRACE, exit: 1 },
      ];
      result.uops = uops.map((u) => u.opcode);
      const trace = packTrace({ code, start: instr, uops, exits });
      const executor: Executor | null = backend.compile(trace, 0, opcode, oparg);
      if (executor === null) throw new Error(`ReferenceBackend refused the trace of ${c.op}`);
      const host = { currentFrame: frame };
      const r = backend.execute(executor, host, frame, i32[(frame + FRAME_SP) >> 2]!);
      result.exit = r;
      const f = host.currentFrame;
      result.tier2 = snapshot(i32, f, i32[(f + FRAME_IP) >> 2]!, i32[(f + FRAME_SP) >> 2]!);
      ts.resumeFrame = f;
      return r === EXIT_ERROR ? RESUME_ERROR : RESUME_CONTINUE;
    },
    hostReturn() {},
  };
  ts.jit = hooks;
  engine.run(c.source);
  const debug = engine.debugRefs;
  if (debug)
    result.refProblems = [...debug.problems(), ...debug.leaks()].map(
      (p) => `${p.kind} of ${p.addr} at ${p.site}`,
    );
  if (replace) result.output2 = output;
  else result.output1 = output;
  return result;
}

/**
 * The trace uops of the instructions from u16 index `from` up to `to` (not included), as they are
 * now in the code; each instruction's uops that may leave get exit `firstExit + k` for the k-th
 * instruction (deopt exits to the instruction itself: pass their targets as `moreExits`).
 */
export function lowerRange(
  ctx: LowerContext,
  from: number,
  to: number,
  firstExit: number,
): { uops: TraceUop[]; targets: number[] } {
  const uops: TraceUop[] = [];
  const targets: number[] = [];
  for (let i = from; i < to; ) {
    const word = ctx.u16[i]!;
    const op = word & 255;
    const lowered = lowerInstruction(ctx.u16, i, op, word >> 8, firstExit + targets.length);
    if (lowered === null) throw new Error(`no trace expansion at ${i}`);
    uops.push(...lowered);
    targets.push(i);
    i += 1 + INLINE_CACHE_ENTRIES[op]!;
  }
  return { uops, targets };
}

/** Run the case in both ways (with the debug stack references' ledger when asked). */
export function runDiff(c: DiffCase, debugRefs = false): DiffResult {
  const a = runProgram(c, false, debugRefs);
  const b = runProgram(c, true, debugRefs);
  return { ...b, before: a.before, after: a.after, output1: a.output1 };
}

/** Whether a uop may leave a trace (used by the coverage report). */
export function uopNeedsExit(uop: number): boolean {
  return (UOP_TIER2_FLAGS[uop - MIN_UOP_ID]! & Tier2Flag.NEEDS_EXIT) !== 0;
}
