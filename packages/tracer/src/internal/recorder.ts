// The recorder (CPython 3.15's trace-recording frontend, rebuilt): while the tracing loop runs,
// it is called before each instruction, and lowers the *previous* one to uops using what really
// happened: the branch taken, the frame entered or returned to. A recording ends when the loop
// closes, an executor is reached, an inner loop's backward edge is reached, or the trace is too
// long; the finished trace goes to the driver (driver.ts), which makes an executor of it.
import {
  type AbortReason,
  type Dependency,
  type DependencyKind,
  type Frontend,
  Opcode,
  type RecordingEnd,
  type Trace,
  Uop,
} from "@skein/bytecode";
import {
  Control,
  type Decoded,
  notViable,
  type OpInfo,
  opInfo,
  PlanFlag,
  PlanWord,
  plans,
  uopName,
} from "./instructions.js";
import { Dep, Exit, ExitW, Layout, UopW } from "./words.js";

/** What the recorder needs of the interpreter: the heap's views, which it keeps. */
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
  /** Its plan's PlanFlag bits. */
  flags = 0;
  oparg = 0;
  next = 0;
  frame = 0;
  /** The frame's code object. */
  code = 0;
  /** The frame's caller before it ran. */
  caller = 0;
  /** The opcode unit and first cache unit before it ran (to see it deoptimize). */
  wordBefore = 0;
  counterBefore = 0;
  /** Versions of the types of the inputs its family guards on (RECORD_INPUTS), before it ran. */
  versionCount = 0;
  readonly versions = new Float64Array(4);
}

/**
 * The trace being recorded, reused from one recording to the next (as CPython's recorder writes into
 * a fixed buffer): uops and exits packed in int32 words as `Trace` has them (`UOP_WORDS`,
 * `EXIT_WORDS` each), so that recording allocates nothing per instruction and handing a trace over
 * is two copies. The words a uop or an exit usually has as zero (a uop's jump and operands, an
 * exit's temperature and count) are zero in the buffer but where `setWord` wrote them, and
 * `clear` zeroes those again: a uop is four writes, an exit three.
 */
class TraceBuffer {
  uops = 0;
  /** Uops that `words` has room for. */
  private capacity = 0;
  words: number[] = [];
  exits = 0;
  exitWords: number[] = [];
  /** The words of `words` that setWord made nonzero. */
  private nonzero = 0;
  private nonzeroAt: number[] = [];

  deps = 0;
  depKind = new Uint8Array(8);
  depObject = new Float64Array(8);

  constructor(capacity: number) {
    this.growUops(capacity);
    this.growExits(capacity);
  }

  clear(): void {
    const { words, nonzeroAt } = this;
    for (let k = 0; k < this.nonzero; k++) words[nonzeroAt[k]!] = 0;
    this.nonzero = 0;
    this.uops = 0;
    this.exits = 0;
    this.deps = 0;
  }

  /** Append a uop (its jump and operands zero); returns its index. */
  uop(opcode: number, oparg: number, target: number, exit: number): number {
    const i = this.uops;
    const at = i * UopW.size;
    if (i >= this.capacity) this.growUops(2 * (i + 1));
    const w = this.words;
    w[at] = opcode;
    w[at + UopW.oparg] = oparg;
    w[at + UopW.target] = target;
    w[at + UopW.exit] = exit;
    this.uops = i + 1;
    return i;
  }

  /** Set word `j` of `words` (a uop's jump or operand) to the int32 `value` (a u32 wraps). */
  setWord(j: number, value: number): void {
    if (value === 0) return;
    this.words[j] = value | 0;
    this.nonzeroAt[this.nonzero++] = j;
  }

  /**
   * Room for `n` more uops, appended: their opcode, oparg, target and exit words are the caller's
   * to write (the others are zero).
   */
  reserve(n: number): number {
    const i = this.uops;
    if (i + n > this.capacity) this.growUops(2 * (i + n));
    this.uops = i + n;
    return i;
  }

  /**
   * A new exit of `kind` to `target` (whose code is `code`). The recorder gives all the guards of
   * an instruction that leave the same way to the same place one exit (CPython's stubs are
   * shared alike).
   */
  exit(kind: Exit, code: number, target: number): number {
    const e = this.exits;
    const at = e * ExitW.size;
    if (at + ExitW.size > this.exitWords.length) this.growExits(2 * (e + 1));
    const w = this.exitWords;
    w[at] = kind;
    w[at + ExitW.code] = code;
    w[at + ExitW.target] = target;
    this.exits = e + 1;
    return e;
  }

  dependency(kind: DependencyKind, object: number): void {
    for (let d = 0; d < this.deps; d++) {
      if (this.depObject[d] === object && this.depKind[d] === kind) return;
    }
    const d = this.deps;
    if (d === this.depKind.length) {
      this.depKind = grown(this.depKind, 2 * d);
      this.depObject = grown(this.depObject, 2 * d);
    }
    this.depKind[d] = kind;
    this.depObject[d] = object;
    this.deps = d + 1;
  }

  /** The recorded trace: copies of the words, and its dependencies. */
  materialize(code: number, start: number, chainDepth: number): Trace {
    const dependencies: Dependency[] = new Array(this.deps);
    for (let d = 0; d < this.deps; d++) {
      dependencies[d] = {
        kind: this.depKind[d] as DependencyKind,
        object: tagged(this.depObject[d]!),
      };
    }
    return {
      code,
      start,
      uops: this.words.slice(0, this.uops * UopW.size),
      exits: this.exitWords.slice(0, this.exits * ExitW.size),
      links: null,
      dependencies,
      chainDepth,
    };
  }

  private growUops(capacity: number): void {
    this.capacity = capacity;
    this.words = grownWords(this.words, capacity * UopW.size);
    this.nonzeroAt = grownWords(this.nonzeroAt, capacity * (UopW.size - UopW.jump));
  }

  private growExits(capacity: number): void {
    this.exitWords = grownWords(this.exitWords, capacity * ExitW.size);
  }
}

/** `words` with room for `capacity`, all small integers (V8 keeps it an array of those). */
function grownWords(words: number[], capacity: number): number[] {
  const next = new Array<number>(Math.max(16, capacity)).fill(0);
  for (let i = 0; i < words.length; i++) next[i] = words[i]!;
  return next;
}

/** Word `k` of uop `uop`'s operands in the buffer (`TraceBuffer.words`). */
function operandWord(uop: number, k: number): number {
  return uop * UopW.size + UopW.operand0 + k;
}

/**
 * A number read from a Float64Array, as an int32 when it is one: V8 then keeps it in the object
 * unboxed (a field it first sees holding a double gets a heap box per object).
 */
function tagged(value: number): number {
  return (value | 0) === value ? value | 0 : value;
}

function grown<T extends Int32Array | Uint8Array | Float64Array>(column: T, capacity: number): T {
  const next = new (column.constructor as new (n: number) => T)(Math.max(16, capacity));
  next.set(column);
  return next;
}

/**
 * A recording that made a trace. The `Trace` objects are made from the recorder's buffers when the
 * driver first reads `trace`, which it must do before the recorder begins another recording (the
 * recording probe of bench/micro/recording.mjs never reads it).
 */
class TraceEnd {
  readonly kind = "trace";
  private made: Trace | null = null;

  constructor(
    private readonly recorder: Recorder,
    private readonly recording: number,
    readonly link: number,
    readonly why: string,
  ) {}

  get trace(): Trace {
    if (this.made === null) this.made = this.recorder.materialize(this.recording);
    return this.made;
  }
}

/** Per specialized FOR_ITER: the uops that check its iterator's type and its exhaustion. */
const EXHAUSTED_GUARDS: Partial<Record<number, readonly [number, number]>> = {
  [Opcode.FOR_ITER_LIST]: [Uop._ITER_CHECK_LIST, Uop._GUARD_EXHAUSTED_LIST],
  [Opcode.FOR_ITER_TUPLE]: [Uop._ITER_CHECK_TUPLE, Uop._GUARD_EXHAUSTED_TUPLE],
  [Opcode.FOR_ITER_RANGE]: [Uop._ITER_CHECK_RANGE, Uop._GUARD_EXHAUSTED_RANGE],
};

export class Recorder implements Frontend {
  readonly name = "record";
  // The heap's views (a heap never replaces them).
  private readonly i32: Int32Array;
  private readonly u16: Uint16Array;
  private readonly options: RecorderOptions;
  private readonly maxLength: number;
  private readonly maxFrameDepth: number;

  // The recording in progress.
  private rootFrame = 0;
  private rootCode = 0;
  private startInstr = 0;
  private chainDepth = 0;
  private readonly buffer: TraceBuffer;
  /** Recordings begun so far (a TraceEnd names the one it came from). */
  private recordings = 0;
  private readonly pending = new Pending();
  /** opInfo() of every opcode, made when the recorder is (a JIT that is off pays nothing). */
  private readonly infos: readonly OpInfo[] = Array.from({ length: 256 }, (_, op) => opInfo(op));
  // Ids the recorder compares with and emits, in fields: a field is one load, an imported
  // constant several (see words.ts; the ids are generated, so they cannot be enums here).
  private readonly extendedArg = Opcode.EXTENDED_ARG;
  private readonly enterExecutor = Opcode.ENTER_EXECUTOR;
  private readonly jumpBackward = Opcode.JUMP_BACKWARD;
  private readonly forIter = Opcode.FOR_ITER;
  private readonly yieldValue = Opcode.YIELD_VALUE;
  private readonly checkValidityUop = Uop._CHECK_VALIDITY;
  private readonly checkPeriodicUop = Uop._CHECK_PERIODIC;
  private readonly saveReturnIpUop = Uop._SAVE_RETURN_IP;
  private readonly guardIpUop = Uop._GUARD_IP;
  private readonly jumpToTopUop = Uop._JUMP_TO_TOP;
  private readonly exitTraceUop = Uop._EXIT_TRACE;
  /** plans(): the per-instruction path's tables. */
  private readonly plans: Int32Array;
  private readonly planParts: Int32Array;
  private readonly planInputs: Int32Array;
  private readonly planOperands: Int32Array;
  private readonly planDependencies: Int32Array;
  private instructions = 0;
  private frameDepth = 0;
  private escaped = true;

  constructor(host: RecorderHost, options: RecorderOptions) {
    this.i32 = host.i32;
    this.u16 = host.u16;
    this.options = options;
    ({
      table: this.plans,
      parts: this.planParts,
      inputs: this.planInputs,
      operands: this.planOperands,
      dependencies: this.planDependencies,
    } = plans());
    // Room for the longest trace and the last instruction's uops past it (it grows if need be).
    this.maxLength = options.maxLength;
    this.maxFrameDepth = options.maxFrameDepth;
    this.buffer = new TraceBuffer(options.maxLength + 64);
  }

  /** Begin recording at `start` in `frame` (the loop head, or an exit's target). */
  begin(frame: number, start: number, chainDepth: number): void {
    this.rootFrame = frame;
    this.rootCode = this.i32[(frame + Layout.FRAME_CODE) >> 2]!;
    this.startInstr = start;
    this.chainDepth = chainDepth;
    this.buffer.clear();
    this.recordings++;
    this.pending.active = false;
    this.pending.frame = 0;
    this.instructions = 0;
    this.frameDepth = 0;
    this.escaped = true;
  }

  /**
   * The tracing loop is about to run the instruction at `instr` in `frame` (stack top `sp`).
   * Returns null to go on recording, or how the recording ended.
   */
  step(frame: number, instr: number, sp: number): RecordingEnd | null {
    const { i32, u16 } = this;
    const p = this.pending;
    const plans = this.plans;
    if (p.active) {
      p.active = false;
      if (
        (p.flags & (PlanFlag.Plain | PlanFlag.Dropped)) !== 0 &&
        frame === p.frame &&
        instr === p.next &&
        u16[p.unit] === p.wordBefore &&
        u16[p.unit + 1] === p.counterBefore
      ) {
        // The common case: uops that ran as recorded and went on to the next instruction (or an
        // instruction a trace leaves out, such as NOT_TAKEN).
        if ((p.flags & PlanFlag.Plain) !== 0) {
          this.lowerParts(p, p.opcode, this.escaped ? this.checkValidity(p) : -1);
        }
        this.instructions++;
      } else {
        const end = this.lower(p, frame, instr);
        if (end !== null) return end;
      }
    }
    // Decode (as decode() does, with the opcode's plan).
    let unit = instr;
    let oparg = 0;
    let word = u16[unit]!;
    const extendedArg = this.extendedArg;
    while ((word & 255) === extendedArg) {
      oparg = (oparg | (word >> 8)) << 8;
      word = u16[++unit]!;
    }
    const opcode = word & 255;
    // Another executor's entry: end here and link to it.
    if (opcode === this.enterExecutor) {
      return this.finish(frame, instr, "executor", instr);
    }
    if (this.buffer.uops >= this.maxLength) {
      return this.finish(frame, instr, "too_long", 0);
    }
    const plan = opcode * PlanWord.size;
    const flags = plans[plan]!;
    p.active = true;
    p.start = instr;
    p.unit = unit;
    p.opcode = opcode;
    p.flags = flags;
    p.oparg = oparg | (word >> 8);
    p.next = unit + 1 + plans[plan + PlanWord.caches]!;
    if (frame !== p.frame) {
      // A frame's code and caller stay what they are while it runs instruction after instruction.
      p.frame = frame;
      p.code = i32[(frame + Layout.FRAME_CODE) >> 2]!;
      p.caller = i32[(frame + Layout.FRAME_PREVIOUS) >> 2]!;
    }
    p.wordBefore = word;
    p.counterBefore = u16[unit + 1]!;
    p.versionCount = 0;
    if ((flags & PlanFlag.HasInputs) !== 0) this.inputVersions(p, sp);
    return null;
  }

  // --- lowering ----------------------------------------------------------------------------

  /** Lower `p`, which ran, given where execution went next. */
  private lower(p: Pending, frame: number, instr: number): RecordingEnd | null {
    const { i32, u16 } = this;
    const buffer = this.buffer;
    // The form that ran: a deoptimization during the run lowers the generic form.
    let info = this.infos[p.opcode]!;
    let form = p.opcode;
    if (u16[p.unit] !== p.wordBefore || u16[p.unit + 1] !== p.counterBefore) {
      form = info.head;
      info = this.infos[form]!;
    }
    const l = info.lowering;
    const sameFrame = frame === p.frame;

    // Control flow that a trace turns into guards or drops.
    switch (info.control) {
      case Control.Dropped:
        if (!sameFrame || (instr !== p.next && instr !== p.next + p.oparg)) {
          return this.abort("exception");
        }
        this.instructions++;
        return null;
      case Control.Backward: {
        const target = p.next - p.oparg;
        if (!sameFrame || instr !== target) return this.abort("exception");
        if (frame === this.rootFrame && target === this.startInstr) {
          // The loop closes. The trace's first uop checks validity again right after the jump.
          let deopt =
            buffer.uops === 0 || buffer.words[0] !== this.checkValidityUop
              ? this.checkValidity(p)
              : -1;
          // The eval breaker leaves to tier 1 at the backward jump (ENTER_EXECUTOR handles it).
          if (info.head === this.jumpBackward) {
            if (deopt < 0) deopt = buffer.exit(Exit.Deopt, p.code, p.start);
            this.emit(this.checkPeriodicUop, 0, p.start, deopt);
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
      case Control.Branch: {
        if (!sameFrame) return this.abort("exception");
        const taken = instr === p.next + p.oparg;
        if (!taken && instr !== p.next) return this.abort("exception");
        this.checkValidity(p);
        const guard = taken ? info.guardTaken : info.guardFallthrough;
        const exitTarget = taken ? p.next : p.next + p.oparg;
        this.emit(guard, 0, p.start, this.exit(Exit.Side, p.frame, exitTarget));
        this.instructions++;
        return null;
      }
      default:
        break;
    }

    // Everything else lowers to its uops; the successor must be the fallthrough, a call into a
    // new frame, or (for returns and yields) the frame below.
    let frameChange = 0;
    if (sameFrame) {
      if (instr !== p.next) {
        if (info.head === this.forIter && instr === p.next + p.oparg + 1) {
          // The iterator ran out. A recording from the loop's exit (a side exit at its FOR_ITER)
          // guards that a list, tuple or range iterator is exhausted and goes on past the loop;
          // otherwise the trace ends before the loop's exit.
          const guards = form === p.opcode ? EXHAUSTED_GUARDS[p.opcode] : undefined;
          const fromExit = this.chainDepth > 0 && this.instructions === 0;
          if (guards === undefined || !fromExit || p.start !== this.startInstr) {
            return this.finish(p.frame, p.start, "loop_exit", 0);
          }
          this.checkValidity(p);
          const exit = this.exit(Exit.Side, p.frame, p.start);
          this.emit(guards[0], 0, p.start, exit);
          this.emit(guards[1], 0, p.start, exit);
          this.instructions++;
          return null;
        }
        return this.abort("exception");
      }
    } else if (i32[(frame + Layout.FRAME_PREVIOUS) >> 2] === p.frame) {
      frameChange = 1; // a call (or a generator resumed)
    } else if (
      i32[(i32[(frame + Layout.FRAME_PREVIOUS) >> 2]! + Layout.FRAME_PREVIOUS) >> 2] === p.frame
    ) {
      frameChange = 2; // a class call: the shim frame that checks __init__'s result, then __init__
    } else if (p.caller === frame) {
      frameChange = -1; // a return, or a yield (the generator's frame is unlinked by now)
    } else {
      return this.abort("exception");
    }

    const flags = this.plans[form * PlanWord.size]!;
    if ((flags & PlanFlag.Viable) === 0) {
      if (l === null || l.parts.length === 0) return this.abort("unsupported", notViable(form));
      return this.abort("unsupported", uopName(l.notViable!.uop));
    }
    // Only an instruction that enters or leaves a frame may change it; otherwise an exception
    // unwound to another frame.
    if (frameChange > 0 && (flags & PlanFlag.EntersFrame) === 0) return this.abort("exception");
    if (frameChange < 0 && (flags & PlanFlag.LeavesFrame) === 0) return this.abort("exception");
    // The exits of this instruction's uops: all resume at its start, one record per kind.
    const deoptExit = this.checkValidity(p);
    const mayEnter = (flags & PlanFlag.EntersFrame) !== 0;
    if (mayEnter) {
      // Where this frame resumes if the call does not push a frame (see the _GUARD_IP below).
      const save = this.emit(this.saveReturnIpUop, 0, p.start, -1);
      buffer.setWord(operandWord(save, 0), p.next);
    }
    this.lowerParts(p, form, deoptExit);
    this.instructions++;

    if (frameChange !== 0 || mayEnter) {
      this.frameDepth += frameChange;
      if (Math.abs(this.frameDepth) > this.maxFrameDepth) {
        return this.abort("frame_too_deep");
      }
      // The frame that goes on must be the one it was while recording, at the same instruction
      // (a call that pushes a frame now but did not then, or calls another function, fails it);
      // if not, leave and resume at the current frame's real instruction.
      const guard = this.emit(this.guardIpUop, 0, instr, this.exit(Exit.Dynamic, frame, instr));
      buffer.setWord(
        operandWord(guard, 0),
        frameChange !== 0 ? i32[(frame + Layout.FRAME_IP) >> 2]! : p.next,
      );
    }
    return null;
  }

  /**
   * Append the uops of `form` (the form of `p` that ran) with their exits (`deoptExit` if its
   * validity check made one already) and operands, and what they make the trace depend on: the
   * versions in their operands, the frame's globals and builtins they read, the heap types of the
   * inputs.
   */
  private lowerParts(p: Pending, form: number, deoptExit: number): void {
    const buffer = this.buffer;
    const plans = this.plans;
    const plan = form * PlanWord.size;
    const flags = plans[plan]!;
    // The exits, numbered in the order the uops first take them (one record per kind).
    let sideExit = -1;
    if ((flags & PlanFlag.SideFirst) !== 0) {
      sideExit = buffer.exit(Exit.Side, p.code, p.start);
      if ((flags & PlanFlag.NeedsDeopt) !== 0 && deoptExit < 0) {
        deoptExit = buffer.exit(Exit.Deopt, p.code, p.start);
      }
    } else {
      if ((flags & PlanFlag.NeedsDeopt) !== 0 && deoptExit < 0) {
        deoptExit = buffer.exit(Exit.Deopt, p.code, p.start);
      }
      if ((flags & PlanFlag.NeedsSide) !== 0) sideExit = buffer.exit(Exit.Side, p.code, p.start);
    }
    const n = plans[plan + PlanWord.parts]!;
    const first = buffer.reserve(n);
    const w = buffer.words;
    const parts = this.planParts;
    const oparg = p.oparg;
    const start = p.start;
    let part = 2 * plans[plan + PlanWord.firstPart]!;
    for (let at = first * UopW.size, end = at + n * UopW.size; at < end; at += UopW.size) {
      w[at] = parts[part]!;
      w[at + UopW.oparg] = oparg;
      w[at + UopW.target] = start;
      const slot = parts[part + 1]!;
      w[at + UopW.exit] = slot === 0 ? -1 : slot === 1 ? deoptExit : sideExit;
      part += 2;
    }
    if ((flags & PlanFlag.ReadsOperands) !== 0 || p.versionCount > 0) {
      this.operandsAndDependencies(p, form, first);
    }
    if ((flags & PlanFlag.Escapes) !== 0) this.escaped = true;
  }

  /**
   * The operands of the uops of `form` (the form of `p` that ran; from uop `first` on) and what
   * they make the trace depend on.
   */
  private operandsAndDependencies(p: Pending, form: number, first: number): void {
    const buffer = this.buffer;
    const plan = form * PlanWord.size;
    const plans = this.plans;
    // Operands from the inline cache (readCache's reading: a u16, a u32, or a u64 as a number).
    const fields = this.planOperands;
    const u16 = this.u16;
    const base = p.unit + 1;
    const firstWord = first * UopW.size;
    for (
      let f = 3 * plans[plan + PlanWord.firstOperand]!,
        end = f + 3 * plans[plan + PlanWord.operands]!;
      f < end;
      f += 3
    ) {
      const at = base + fields[f + 1]!;
      const units = fields[f + 2]!;
      let value = u16[at]!;
      if (units > 1) {
        value = (value | (u16[at + 1]! << 16)) >>> 0;
        if (units > 2) value += ((u16[at + 2]! | (u16[at + 3]! << 16)) >>> 0) * 4294967296;
      }
      buffer.setWord(firstWord + fields[f]!, value);
    }
    const deps = this.planDependencies;
    for (
      let d = 2 * plans[plan + PlanWord.firstDependency]!,
        end = d + 2 * plans[plan + PlanWord.dependencies]!;
      d < end;
      d += 2
    ) {
      const kind = deps[d]! as DependencyKind;
      const which = deps[d + 1]!;
      if (kind === Dep.KeysVersion) {
        const field = which === 1 ? Layout.FRAME_GLOBALS : Layout.FRAME_BUILTINS;
        buffer.dependency(kind, this.i32[(p.frame + field) >> 2]!);
      } else {
        const value = buffer.words[firstWord + which]! >>> 0;
        if (value !== 0) buffer.dependency(kind, value);
      }
    }
    for (let k = 0; k < p.versionCount; k++) {
      buffer.dependency(Dep.TypeVersion, p.versions[k]!);
    }
  }

  /**
   * After a uop that escapes (may run arbitrary code, which may invalidate the executor), the
   * next instruction that emits uops starts with `_CHECK_VALIDITY` (CPython keeps no other).
   * Returns its exit (a deopt to the instruction's start), or -1 when no check was needed.
   */
  private checkValidity(p: Pending): number {
    if (!this.escaped) return -1;
    this.escaped = false;
    const exit = this.buffer.exit(Exit.Deopt, p.code, p.start);
    this.emit(this.checkValidityUop, 0, p.start, exit);
    return exit;
  }

  // --- building the trace ------------------------------------------------------------------

  private emit(opcode: number, oparg: number, target: number, exit: number): number {
    return this.buffer.uop(opcode, oparg, target, exit);
  }

  private exit(kind: Exit, frame: number, target: number): number {
    return this.buffer.exit(kind, this.i32[(frame + Layout.FRAME_CODE) >> 2]!, target);
  }

  /** The versions of the heap types of the inputs `p`'s family guards on (stack top at `sp`). */
  private inputVersions(p: Pending, sp: number): void {
    const i32 = this.i32;
    const inputs = this.planInputs;
    const plan = p.opcode * PlanWord.size;
    const first = 2 * this.plans[plan + PlanWord.firstInput]!;
    const end = first + 2 * this.plans[plan + PlanWord.inputs]!;
    for (let k = first; k < end; k += 2) {
      const ref = i32[sp - 1 - (inputs[k]! + inputs[k + 1]! * p.oparg)]!;
      if ((ref & 3) === 3 || (ref & ~3) === 0) continue; // a tagged int, NULL or ERROR
      const type = i32[((ref & ~3) + Layout.OB_TYPE) >> 2]!;
      // A builtin type never changes (its attributes cannot be set): nothing to depend on.
      if ((i32[(type + Layout.TYPE_FLAGS) >> 2]! & Layout.TPFLAGS_HEAPTYPE) === 0) continue;
      if (p.versionCount < p.versions.length) {
        p.versions[p.versionCount++] = i32[(type + Layout.TYPE_VERSION) >> 2]! >>> 0;
      }
    }
  }

  /** The loop closes at the backward jump `jumpAt`: back to the first uop. */
  private close(jumpAt: number): RecordingEnd {
    this.emit(this.jumpToTopUop, 0, jumpAt, -1);
    return this.done("closed", 0);
  }

  /** End the trace before `instr` in `frame` with an exit there (linked to `link` if nonzero). */
  private finish(frame: number, instr: number, why: string, link: number): RecordingEnd {
    // A trace that leads into another executor is worth keeping however short it is (a side
    // trace, or one from a generator's resume point that reaches its loop's executor).
    const least = link !== 0 ? 1 : this.options.minInstructions;
    if (this.instructions < least) {
      return this.abort(why === "inner_loop" ? "inner_loop" : "trace_too_short");
    }
    // The driver links a trace's last exit to the executor it reached.
    this.emit(this.exitTraceUop, 0, instr, this.exit(Exit.End, frame, instr));
    return this.done(why, link);
  }

  /**
   * Execution left the recording for host code (see `Frontend.stop`): end the trace before the
   * instruction that left, which tier 1 then runs, if it is long enough to keep. That instruction's
   * frame may be gone (a return to the host pops it): its code is the one read when it began.
   */
  stop(): RecordingEnd {
    const p = this.pending;
    // A trace that ends at a yield is worth keeping however short it is: when its exit there gets
    // hot, the driver arms the generator's resume point, whose trace leads back into this one.
    const least =
      p.active && this.infos[p.opcode]!.head === this.yieldValue ? 1 : this.options.minInstructions;
    if (!p.active || this.instructions < least) return this.abort("returned_to_host");
    p.active = false;
    this.emit(this.exitTraceUop, 0, p.start, this.buffer.exit(Exit.End, p.code, p.start));
    return this.done("returned_to_host", 0);
  }

  private done(why: string, link: number): RecordingEnd {
    return new TraceEnd(this, this.recordings, link, why);
  }

  /** The trace of recording number `recording`, if it is still the one in the buffers. */
  materialize(recording: number): Trace {
    if (recording !== this.recordings) {
      throw new Error("Skein bug: a recorded trace was read after the next recording began");
    }
    return this.buffer.materialize(this.rootCode, this.startInstr, this.chainDepth);
  }

  private abort(reason: AbortReason, detail?: string): RecordingEnd {
    return detail === undefined ? { kind: "abort", reason } : { kind: "abort", reason, detail };
  }
}
