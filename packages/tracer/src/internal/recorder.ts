// The recorder (CPython 3.15's trace-recording frontend, rebuilt): while the tracing loop runs,
// it is called before each instruction, and lowers the *previous* one to uops using what really
// happened: the branch taken, the frame entered or returned to. A recording ends when the loop
// closes, an executor is reached, an inner loop's backward edge is reached, or the trace is too
// long; the finished trace goes to the driver (driver.ts), which makes an executor of it.
import {
  type AbortReason,
  BRANCH_GUARDS,
  DEOPT,
  type Dependency,
  DependencyKind,
  ExitKind,
  type Frontend,
  Opcode,
  OpcodeFlag,
  RECORD_INPUTS,
  type RecordingEnd,
  Tier2Flag,
  type Trace,
  type TraceExit,
  type TraceUop,
  Uop,
} from "@skein/bytecode";
import { OB_TYPE } from "@skein/gc";
import { frameLayout, readCache } from "@skein/interp";
import { layout } from "@skein/objects";
import { type Decoded, decodeInto, expansion, notViable, uopName } from "./instructions.js";

const { FRAME_CODE, FRAME_IP, FRAME_PREVIOUS } = frameLayout;
const { TYPE_VERSION } = layout;

/** What the recorder needs of the interpreter. */
export interface RecorderHost {
  readonly i32: Int32Array;
  readonly u16: Uint16Array;
}

export interface RecorderOptions {
  /** The longest trace, in uops, before it ends with an exit (kept, not dropped). */
  readonly maxLength: number;
  /** Traces shorter than this (in recorded instructions) are dropped. */
  readonly minInstructions: number;
  /** How deep the trace may follow calls below or above its root frame. */
  readonly maxFrameDepth: number;
}

/**
 * The instruction about to run, as it was before it ran; one object reused for every instruction
 * (the recorder allocates nothing per instruction it does not keep).
 */
class Pending implements Decoded {
  active = false;
  start = 0;
  unit = 0;
  opcode = 0;
  oparg = 0;
  next = 0;
  frame = 0;
  /** The frame's caller before it ran. */
  caller = 0;
  /** The opcode unit and first cache unit before it ran (to see it deoptimize). */
  wordBefore = 0;
  counterBefore = 0;
  /** Versions of the types of the inputs its family guards on (RECORD_INPUTS), before it ran. */
  versionCount = 0;
  readonly versions = [0, 0, 0, 0];
}

export class Recorder implements Frontend {
  readonly name = "record";
  private readonly host: RecorderHost;
  private readonly options: RecorderOptions;

  // The recording in progress.
  private rootFrame = 0;
  private rootCode = 0;
  private startInstr = 0;
  private chainDepth = 0;
  private uops: TraceUop[] = [];
  private exits: TraceExit[] = [];
  private deps: Dependency[] = [];
  private depSeen = new Set<number>();
  private readonly pending = new Pending();
  private instructions = 0;
  private frameDepth = 0;
  private escaped = true;

  constructor(host: RecorderHost, options: RecorderOptions) {
    this.host = host;
    this.options = options;
  }

  /** Begin recording at `start` in `frame` (the loop head, or an exit's target). */
  begin(frame: number, start: number, chainDepth: number): void {
    this.rootFrame = frame;
    this.rootCode = this.host.i32[(frame + FRAME_CODE) >> 2]!;
    this.startInstr = start;
    this.chainDepth = chainDepth;
    this.uops = [];
    this.exits = [];
    this.deps = [];
    this.depSeen = new Set();
    this.pending.active = false;
    this.instructions = 0;
    this.frameDepth = 0;
    this.escaped = true;
  }

  /**
   * The tracing loop is about to run the instruction at `instr` in `frame` (stack top `sp`).
   * Returns null to go on recording, or how the recording ended.
   */
  step(frame: number, instr: number, sp: number): RecordingEnd | null {
    const { u16 } = this.host;
    const p = this.pending;
    if (p.active) {
      p.active = false;
      const end = this.lower(p, frame, instr);
      if (end !== null) return end;
    }
    decodeInto(u16, instr, p);
    // Another executor's entry: end here and link to it.
    if (p.opcode === Opcode.ENTER_EXECUTOR) {
      return this.finish(frame, instr, "executor", instr);
    }
    if (this.uops.length >= this.options.maxLength) {
      return this.finish(frame, instr, "too_long", 0);
    }
    p.active = true;
    p.frame = frame;
    p.caller = this.host.i32[(frame + FRAME_PREVIOUS) >> 2]!;
    p.wordBefore = u16[p.unit]!;
    p.counterBefore = u16[p.unit + 1]!;
    this.inputVersions(p, sp);
    return null;
  }

  // --- lowering ----------------------------------------------------------------------------

  /** Lower `p`, which ran, given where execution went next. */
  private lower(p: Pending, frame: number, instr: number): RecordingEnd | null {
    const { i32, u16 } = this.host;
    let opcode = p.opcode;
    // The form that ran: a deoptimization during the run lowers the generic form.
    const wordAfter = u16[p.unit]!;
    if (wordAfter !== p.wordBefore || u16[p.unit + 1] !== p.counterBefore) {
      opcode = headOf(opcode);
    }
    const sameFrame = frame === p.frame;
    const head = headOf(opcode);

    if (this.escaped) {
      this.emit(Uop._CHECK_VALIDITY, 0, p.start, this.exit(ExitKind.Deopt, p.frame, p.start));
      this.escaped = false;
    }

    // Control flow that a trace turns into guards or drops.
    if (head === Opcode.NOP || head === Opcode.NOT_TAKEN || head === Opcode.JUMP_FORWARD) {
      if (!sameFrame || (instr !== p.next && instr !== p.next + p.oparg))
        return this.abort("exception");
      this.instructions++;
      return null;
    }
    if (head === Opcode.JUMP_BACKWARD || head === Opcode.JUMP_BACKWARD_NO_INTERRUPT) {
      const target = p.next - p.oparg;
      if (!sameFrame || instr !== target) return this.abort("exception");
      if (frame === this.rootFrame && target === this.startInstr) {
        // The loop closes.
        // The eval breaker leaves to tier 1 at the backward jump (ENTER_EXECUTOR handles it).
        if (head === Opcode.JUMP_BACKWARD) {
          this.emit(Uop._CHECK_PERIODIC, 0, p.start, this.exit(ExitKind.Deopt, p.frame, p.start));
        }
        this.instructions++;
        return this.close(p.start);
      }
      if (this.frameDepth < 0) {
        // The loop of a frame below the root (the trace returned or yielded into its caller):
        // an outer loop, which may well lead back to the root's loop head. Follow it.
        this.instructions++;
        return null;
      }
      // An inner loop: end before its backward edge; it gets a trace of its own.
      return this.finish(p.frame, p.start, "inner_loop", 0);
    }
    const branch = BRANCH_GUARDS[head];
    if (branch !== undefined) {
      if (!sameFrame) return this.abort("exception");
      const taken = instr === p.next + p.oparg;
      if (!taken && instr !== p.next) return this.abort("exception");
      const guard = branch[taken ? 1 : 0];
      const exitTarget = taken ? p.next : p.next + p.oparg;
      this.emit(guard, 0, p.start, this.exit(ExitKind.Side, p.frame, exitTarget));
      this.instructions++;
      return null;
    }

    // Everything else lowers to its uops; the successor must be the fallthrough, a call into a
    // new frame, or (for returns and yields) the frame below.
    let frameChange = 0;
    if (sameFrame) {
      if (instr !== p.next) {
        if (head === Opcode.FOR_ITER && instr === p.next + p.oparg + 1) {
          // The iterator ran out while recording: end the trace before the loop's exit.
          return this.finish(p.frame, p.start, "loop_exit", 0);
        }
        return this.abort("exception");
      }
    } else if (i32[(frame + FRAME_PREVIOUS) >> 2] === p.frame) {
      frameChange = 1; // a call (or a generator resumed)
    } else if (i32[(i32[(frame + FRAME_PREVIOUS) >> 2]! + FRAME_PREVIOUS) >> 2] === p.frame) {
      frameChange = 2; // a class call: the shim frame that checks __init__'s result, then __init__
    } else if (p.caller === frame) {
      frameChange = -1; // a return, or a yield (the generator's frame is unlinked by now)
    } else {
      return this.abort("exception");
    }

    const parts = expansion(opcode);
    if (parts === null || parts.length === 0) return this.abort("unsupported", notViable(opcode));
    if (frameChange !== 0) {
      // Only an instruction that enters or leaves a frame may change it; otherwise an exception
      // unwound to another frame.
      const mask = frameChange > 0 ? Tier2Flag.ENTERS_FRAME : Tier2Flag.LEAVES_FRAME;
      if (!parts.some((part) => (part.tier2 & mask) !== 0)) return this.abort("exception");
    }
    const mayEnter = parts.some((part) => (part.tier2 & Tier2Flag.ENTERS_FRAME) !== 0);
    if (mayEnter) {
      // Where this frame resumes if the call does not push a frame (see the _GUARD_IP below).
      this.emit(Uop._SAVE_RETURN_IP, 0, p.start, -1).operand0 = p.next;
    }
    for (const part of parts) {
      if ((part.tier2 & Tier2Flag.VIABLE) === 0) {
        return this.abort("unsupported", uopName(part.uop));
      }
      const flags = part.flags;
      const uop = this.emit(
        part.uop,
        p.oparg,
        p.start,
        (part.tier2 & Tier2Flag.NEEDS_EXIT) !== 0
          ? this.exit(
              (flags & OpcodeFlag.HAS_DEOPT) !== 0 ? ExitKind.Deopt : ExitKind.Side,
              p.frame,
              p.start,
            )
          : -1,
      );
      const caches = part.caches;
      const base = p.unit + 1;
      if (caches.length > 0) uop.operand0 = operand(u16, base, caches[0]!);
      if (caches.length > 1) uop.operand1 = operand(u16, base, caches[1]!);
      if (caches.length > 2) uop.operand2 = operand(u16, base, caches[2]!);
      if ((flags & OpcodeFlag.HAS_ESCAPES) !== 0) this.escaped = true;
      for (const k of part.typeVersionOperands) {
        const version = k === 0 ? uop.operand0 : k === 1 ? uop.operand1 : uop.operand2;
        if (version !== 0) this.typeDependency(version);
      }
    }
    for (let k = 0; k < p.versionCount; k++) this.typeDependency(p.versions[k]!);
    this.instructions++;

    if (frameChange !== 0 || mayEnter) {
      this.frameDepth += frameChange;
      if (Math.abs(this.frameDepth) > this.options.maxFrameDepth) {
        return this.abort("frame_too_deep");
      }
      // The frame that goes on must be the one it was while recording, at the same instruction
      // (a call that pushes a frame now but did not then, or calls another function, fails it);
      // if not, leave and resume at the current frame's real instruction.
      const guard = this.emit(Uop._GUARD_IP, 0, instr, this.exit(ExitKind.Dynamic, frame, instr));
      guard.operand0 = frameChange !== 0 ? i32[(frame + FRAME_IP) >> 2]! : p.next;
    }
    return null;
  }

  // --- building the trace ------------------------------------------------------------------

  private emit(opcode: number, oparg: number, target: number, exit: number): TraceUop {
    const uop: TraceUop = {
      opcode,
      oparg,
      target,
      exit,
      jump: 0,
      operand0: 0,
      operand1: 0,
      operand2: 0,
    };
    this.uops.push(uop);
    return uop;
  }

  private exit(kind: ExitKind, frame: number, target: number): number {
    this.exits.push({
      kind,
      code: this.host.i32[(frame + FRAME_CODE) >> 2]!,
      target,
      temperature: 0,
      executor: null,
      count: 0,
    });
    return this.exits.length - 1;
  }

  /** The versions of the heap types of the inputs `d`'s family guards on (stack top at `sp`). */
  private inputVersions(p: Pending, sp: number): void {
    p.versionCount = 0;
    const depths = RECORD_INPUTS[p.opcode];
    if (depths === undefined) return;
    const i32 = this.host.i32;
    for (const [c, k] of depths) {
      const ref = i32[sp - 1 - (c + k * p.oparg)]!;
      if ((ref & 3) === 3 || (ref & ~3) === 0) continue; // a tagged int, NULL or ERROR
      const type = i32[((ref & ~3) + OB_TYPE) >> 2]!;
      if (p.versionCount < p.versions.length) {
        p.versions[p.versionCount++] = i32[(type + TYPE_VERSION) >> 2]! >>> 0;
      }
    }
  }

  private typeDependency(version: number): void {
    if (this.depSeen.has(version)) return;
    this.depSeen.add(version);
    this.deps.push({ kind: DependencyKind.TypeVersion, object: version });
  }

  /** The loop closes at the backward jump `jumpAt`: back to the first uop. */
  private close(jumpAt: number): RecordingEnd {
    const top = this.emit(Uop._JUMP_TO_TOP, 0, jumpAt, -1);
    top.jump = 0;
    return this.done("closed", 0);
  }

  /** End the trace before `instr` in `frame` with an exit there (linked to `link` if nonzero). */
  private finish(frame: number, instr: number, why: string, link: number): RecordingEnd {
    // A side trace that leads into another executor is worth keeping however short it is.
    const least = this.chainDepth > 0 && link !== 0 ? 1 : this.options.minInstructions;
    if (this.instructions < least) {
      return this.abort(why === "inner_loop" ? "inner_loop" : "trace_too_short");
    }
    this.emit(Uop._EXIT_TRACE, 0, instr, this.exit(ExitKind.End, frame, instr));
    return this.done(why, link);
  }

  private done(why: string, link: number): RecordingEnd {
    const trace: Trace = {
      code: this.rootCode,
      start: this.startInstr,
      uops: this.uops,
      exits: this.exits,
      dependencies: this.deps,
      chainDepth: this.chainDepth,
    };
    return { kind: "trace", trace, link, why };
  }

  private abort(reason: AbortReason, detail?: string): RecordingEnd {
    return detail === undefined ? { kind: "abort", reason } : { kind: "abort", reason, detail };
  }
}

function headOf(opcode: number): number {
  return DEOPT[opcode] ?? opcode;
}

/** A cache field of the instruction whose caches start at `base`: [units, offset]. */
function operand(u16: Uint16Array, base: number, field: readonly [number, number]): number {
  return readCache(u16, base + field[1], field[0]);
}
