// The JIT driver: plugs the recorder into tier 1 (the JitHooks of @skein/interp), makes executors of
// finished traces with a Backend, installs them with ENTER_EXECUTOR, runs them, warms side exits
// and links the traces recorded from them, invalidates executors whose assumptions changed, and
// sweeps cold ones. Its statistics are the `tracer` section of `-X stats`.
import {
  type AbortReason,
  type Backend,
  DependencyKind,
  EXIT_ERROR,
  EXIT_WORDS,
  type ExecutionHost,
  type Executor,
  ExitKind,
  ExitWord,
  exitCount,
  type Frontend,
  Opcode,
  packTrace,
  type RecordingEnd,
  type Trace,
  traceLength,
  UOP_WORDS,
  UopWord,
} from "@skein/bytecode";
import {
  frameLayout,
  type JitHooks,
  JUMP_UNARMED_BACKOFF,
  RESUME_CONTINUE,
  RESUME_ERROR,
  RESUME_SWITCH,
  type ThreadState,
} from "@skein/interp";
import { layout } from "@skein/objects";
import { decode } from "./instructions.js";
import { Recorder } from "./recorder.js";

const { FRAME_CODE, FRAME_FLAGS, FRAME_IP, FRAME_SP, FRAME_INSTR, FRAME_OWNED_BY_HOST } =
  frameLayout;
const ENTER_EXECUTOR = Opcode.ENTER_EXECUTOR;

export interface JitOptions {
  /** Executes the traces (the reference uop interpreter, or the Wasm backend). */
  readonly backend: Backend;
  /** Records the traces (default: the recorder, with the limits below). */
  readonly frontend?: Frontend;
  /** Backward jumps of a loop before it is recorded (default 4000; at most 4096). */
  readonly threshold?: number;
  /** Times a side exit is taken before a trace is recorded from it (default 64). */
  readonly sideExitThreshold?: number;
  /** Longest trace in uops; a longer recording ends with an exit (default 800). */
  readonly maxTraceLength?: number;
  /** Shortest trace kept, in instructions (default 3). */
  readonly minTraceInstructions?: number;
  /** How many side-exit traces may chain from a root trace (default 4). */
  readonly maxChainDepth?: number;
  /** Calls and returns a trace may follow away from its root frame (default 8). */
  readonly maxFrameDepth?: number;
  /** New executors between sweeps of cold executors (default 64). */
  readonly sweepInterval?: number;
  /** Called with each new executor (for `-X trace-dump`). */
  readonly onTrace?: (executor: Executor, driver: JitDriver) => void;
}

export interface TracerStats {
  traces_started: number;
  traces_created: number;
  traces_executed: number;
  uops_executed: number;
  /**
   * Tier-1 instructions whose work ran inside traces: each pass over a trace counts the
   * instructions its uops were lowered from, up to where it left.
   */
  instructions_in_traces: number;
  aborts: Record<string, number>;
  /** What made recordings abort as unsupported: instruction or uop name, and how often. */
  unsupported: Record<string, number>;
  side_exits: { cold: number; warm: number };
  dynamic_exits: number;
  deopts: number;
  executors_invalidated: number;
  executors_swept: number;
  linked_traces: number;
  /** Trace lengths in uops, by power-of-two bucket ("<=8", "<=16", ...). */
  trace_length_histogram: Record<string, number>;
}

type Recording =
  | { readonly kind: "loop"; readonly installAt: number; readonly hostDepth: number }
  | {
      /** From a side exit (linked to it), or from a generator's resume point (installed there). */
      readonly kind: "exit" | "resume";
      /** The trace whose exit `exit` started the recording (or armed the resume point). */
      readonly from: Trace;
      readonly exit: number;
      /** For "resume": the RESUME the executor is installed over. */
      readonly installAt: number;
      readonly hostDepth: number;
    };

/**
 * The compiled form of an armed resume point: an ENTER_EXECUTOR that starts a recording instead of
 * running a trace (see `armResume`).
 */
const ARMED = Symbol("armed resume point");

const COUNTER_BITS = 4;

/**
 * Changes of a watched dict after which it is no longer watched (CPython's bounded trust in
 * globals, _Py_MAX_ALLOWED_GLOBALS_MODIFICATIONS): the executors that read it then rely on their
 * guards alone, and a dict that a loop keeps assigning to stops invalidating its executors.
 */
const MAX_DICT_CHANGES = 6;

/** An executor's dependency as a number: its kind above the 32 bits of its object. */
function dependencyKey(kind: DependencyKind, object: number): number {
  return kind * 0x1_0000_0000 + (object >>> 0);
}

/** Link exit `exit` of `trace` to `executor` (or unlink it, with null). */
function link(trace: Trace, exit: number, executor: Executor | null): void {
  if (trace.links === null) {
    if (executor === null) return;
    trace.links = new Array<Executor | null>(exitCount(trace)).fill(null);
  }
  trace.links[exit] = executor;
}

export class JitDriver implements JitHooks {
  readonly stats: TracerStats = {
    traces_started: 0,
    traces_created: 0,
    traces_executed: 0,
    uops_executed: 0,
    instructions_in_traces: 0,
    aborts: {},
    unsupported: {},
    side_exits: { cold: 0, warm: 0 },
    dynamic_exits: 0,
    deopts: 0,
    executors_invalidated: 0,
    executors_swept: 0,
    linked_traces: 0,
    trace_length_histogram: {},
  };
  /** Every live executor, in creation order. */
  readonly executors = new Set<Executor>();

  private readonly ts: ThreadState;
  private readonly backend: Backend;
  private readonly recorder: Frontend;
  private readonly threshold: number;
  private readonly sideExitThreshold: number;
  private readonly maxChainDepth: number;
  private readonly sweepInterval: number;
  private readonly onTrace: JitOptions["onTrace"];
  private readonly host: ExecutionHost = { currentFrame: 0, uopsExecuted: 0 };
  /** Executors installed in each code object, by ENTER_EXECUTOR's oparg. */
  private readonly installed = new Map<number, (Executor | undefined)[]>();
  /** Where each root executor is installed (its ENTER_EXECUTOR unit). */
  private readonly installedAt = new Map<Executor, number>();
  private recording: Recording | null = null;
  /** Per executor: instructions started by its first n uops (see countInstructions). */
  private readonly prefixes = new WeakMap<Executor, Uint32Array>();
  private nextId = 1;
  private sinceSweep = 0;
  /** Executors by what they depend on (dependencyKey): what a change invalidates. */
  private readonly dependents = new Map<number, Set<Executor>>();
  /** The dependency keys each live executor is filed under. */
  private readonly dependencyKeys = new Map<Executor, number[]>();
  /** Changes seen per watched dict (see MAX_DICT_CHANGES). */
  private readonly dictChanges = new Map<number, number>();
  /** Dependencies that changed while the current recording went on (its trace is then dropped). */
  private readonly changedWhileRecording = new Set<number>();
  /** Armed resume points, with the trace exit that armed each. */
  private readonly armed = new Map<Executor, { readonly from: Trace; readonly exit: number }>();

  constructor(ts: ThreadState, options: JitOptions) {
    this.ts = ts;
    this.backend = options.backend;
    this.threshold = Math.max(1, Math.min(4096, options.threshold ?? 4000));
    this.sideExitThreshold = Math.max(1, options.sideExitThreshold ?? 64);
    this.maxChainDepth = options.maxChainDepth ?? 4;
    this.sweepInterval = options.sweepInterval ?? 64;
    this.onTrace = options.onTrace;
    this.recorder =
      options.frontend ??
      new Recorder(ts, {
        maxLength: options.maxTraceLength ?? 800,
        minInstructions: options.minTraceInstructions ?? 3,
        maxFrameDepth: options.maxFrameDepth ?? 8,
      });
  }

  // --- JitHooks ----------------------------------------------------------------------------

  get tracing(): boolean {
    return this.recording !== null;
  }

  shouldTrace(hostDepth: number): boolean {
    return this.recording !== null && this.recording.hostDepth === hostDepth;
  }

  backedge(frame: number, instr: number, target: number): number {
    const ts = this.ts;
    const exponent = ts.u16[instr + 1]! & 15;
    if (exponent === JUMP_UNARMED_BACKOFF) {
      // The loop's first trigger (on its second jump): arm the counter with the threshold.
      this.resetCounter(instr, 0, 2);
      return RESUME_CONTINUE;
    }
    // The counter starts over, keeping its backoff; failures back it off further (see failed).
    this.resetCounter(instr, exponent);
    if (this.recording !== null) return RESUME_CONTINUE;
    this.stats.traces_started++;
    this.changedWhileRecording.clear();
    this.recording = { kind: "loop", installAt: instr, hostDepth: ts.hostDepth };
    this.recorder.begin(frame, target, 0);
    ts.i32[(frame + FRAME_IP) >> 2] = target;
    ts.resumeFrame = frame;
    return RESUME_SWITCH;
  }

  record(frame: number, instr: number, sp: number): number {
    const end = this.recorder.step(frame, instr, sp);
    if (end === null) return 0;
    this.endRecording(end);
    return 1;
  }

  hostReturn(hostDepth: number): void {
    if (this.recording !== null && this.recording.hostDepth === hostDepth) {
      this.endRecording(this.recorder.stop());
    }
  }

  enter(frame: number, instr: number, oparg: number): number {
    const ts = this.ts;
    const i32 = ts.i32;
    const code = i32[(frame + FRAME_CODE) >> 2]!;
    const first = this.installed.get(code)?.[oparg & 255];
    if (first === undefined || !first.valid || first.compiled === ARMED) {
      // Gone (invalidated meanwhile): the original instruction is back; run it. An armed resume
      // point: the RESUME is back too, and a recording starts with it.
      if (first !== undefined) this.remove(first);
      i32[(frame + FRAME_IP) >> 2] = instr;
      ts.resumeFrame = frame;
      const armed = first === undefined ? undefined : this.armed.get(first);
      if (armed === undefined || this.recording !== null) return RESUME_CONTINUE;
      this.armed.delete(first!);
      this.stats.traces_started++;
      this.changedWhileRecording.clear();
      this.recording = { kind: "resume", ...armed, installAt: instr, hostDepth: ts.hostDepth };
      this.recorder.begin(frame, instr, 0);
      return RESUME_SWITCH;
    }
    // ENTER_EXECUTOR stands for a backward jump: it checks the eval breaker as the jump would.
    if (ts.evalBreaker[0] !== 0) {
      const pending = ts.handlePending(frame);
      if (pending < 0) {
        i32[(frame + FRAME_INSTR) >> 2] = instr;
        ts.resumeFrame = frame;
        return RESUME_ERROR;
      }
    }
    const host = this.host;
    let executor: Executor = first;
    let f = frame;
    for (;;) {
      executor.entries++;
      executor.cold = false;
      this.stats.traces_executed++;
      i32[(f + FRAME_IP) >> 2] = executor.trace.start;
      host.currentFrame = f;
      const before = host.uopsExecuted ?? 0;
      const e = this.backend.execute(executor, host, f, i32[(f + FRAME_SP) >> 2]!);
      this.countInstructions(executor, (host.uopsExecuted ?? 0) - before);
      f = host.currentFrame;
      ts.resumeFrame = f;
      if (e === EXIT_ERROR) return RESUME_ERROR;
      const trace = executor.trace;
      const exits = trace.exits;
      const at = e * EXIT_WORDS;
      exits[at + ExitWord.count]!++;
      const linked = trace.links === null ? null : trace.links[e]!;
      if (linked !== null) {
        if (linked.valid) {
          executor = linked;
          continue;
        }
        link(trace, e, null);
      }
      switch (exits[at + ExitWord.kind]) {
        case ExitKind.Deopt:
          this.stats.deopts++;
          if (
            executor.originalOpcode === Opcode.RESUME &&
            exits[at + ExitWord.target] === trace.start
          ) {
            // A trace installed over a RESUME left from its first instruction, the RESUME's own
            // check of the eval breaker, back to its ENTER_EXECUTOR: tier 1 would enter it again
            // and again. Do what the RESUME does (handle what is pending) and go on after it.
            if (ts.evalBreaker[0] !== 0 && ts.handlePending(f) < 0) {
              i32[(f + FRAME_INSTR) >> 2] = trace.start;
              return RESUME_ERROR;
            }
            i32[(f + FRAME_IP) >> 2] = trace.start + 1; // a RESUME is one unit (armResume)
          }
          return RESUME_CONTINUE;
        case ExitKind.Dynamic:
          this.stats.dynamic_exits++;
          return RESUME_CONTINUE;
        default:
          break;
      }
      // A side exit (or a trace's end) warms up; once hot, record a trace from it.
      if (--exits[at + ExitWord.temperature]! > 0 || trace.chainDepth >= this.maxChainDepth) {
        this.stats.side_exits.cold++;
        return RESUME_CONTINUE;
      }
      this.stats.side_exits.warm++;
      // An exit that lands on another executor's entry links to it without recording.
      const resumeAt = i32[(f + FRAME_IP) >> 2]!;
      const there = this.executorAt(i32[(f + FRAME_CODE) >> 2]!, resumeAt);
      if (there?.valid) {
        link(trace, e, there);
        this.stats.linked_traces++;
        executor = there;
        continue;
      }
      if (this.recording !== null) return RESUME_CONTINUE;
      exits[at + ExitWord.temperature] = this.sideExitThreshold;
      if (this.armResume(f, resumeAt, trace, e)) return RESUME_CONTINUE;
      this.stats.traces_started++;
      this.changedWhileRecording.clear();
      this.recording = {
        kind: "exit",
        from: trace,
        exit: e,
        installAt: 0,
        hostDepth: ts.hostDepth,
      };
      this.recorder.begin(f, resumeAt, trace.chainDepth + 1);
      return RESUME_SWITCH;
    }
  }

  /**
   * A hot exit at a generator's yield to host code (a builtin such as `sum()` iterating it): a
   * recording from there would end at once, as the yield leaves for the host. Arm the instruction
   * the generator resumes at instead (its RESUME becomes an ENTER_EXECUTOR that starts a
   * recording, `ARMED`), so that the part of the loop after the yield gets a trace of its own,
   * installed there, the next time the generator is resumed. Returns whether it armed.
   */
  private armResume(frame: number, at: number, from: Trace, exit: number): boolean {
    const { i32, u16 } = this.ts;
    if ((i32[(frame + FRAME_FLAGS) >> 2]! & FRAME_OWNED_BY_HOST) === 0) return false;
    const yieldAt = decode(u16, at);
    if (yieldAt.opcode !== Opcode.YIELD_VALUE) return false;
    const resume = decode(u16, yieldAt.next);
    if (resume.opcode !== Opcode.RESUME || resume.unit !== resume.start) return false;
    const code = i32[(frame + FRAME_CODE) >> 2]!;
    const stub: Executor = {
      id: 0,
      trace: packTrace({ code, start: resume.start, uops: [], exits: [] }),
      valid: true,
      originalOpcode: Opcode.RESUME,
      originalOparg: resume.oparg,
      compiled: ARMED,
      entries: 0,
      cold: false,
    };
    if (!this.install(stub, code, resume.start)) return false;
    this.armed.set(stub, { from, exit });
    return true;
  }

  // --- executors -------------------------------------------------------------------------------

  private endRecording(end: RecordingEnd): void {
    const recording = this.recording!;
    this.recording = null;
    if (end.kind === "abort") {
      if (end.detail !== undefined) {
        this.stats.unsupported[end.detail] = (this.stats.unsupported[end.detail] ?? 0) + 1;
      }
      this.failed(recording, end.reason);
      return;
    }
    const { trace } = end;
    if (
      this.changedWhileRecording.size > 0 &&
      trace.dependencies.some((d) =>
        this.changedWhileRecording.has(dependencyKey(d.kind, d.object)),
      )
    ) {
      this.failed(recording, "dependency_changed");
      return;
    }
    const u16 = this.ts.u16;
    let original = 0;
    if (recording.kind !== "exit") {
      const unit = recording.installAt;
      original = u16[unit]!;
      const expected = recording.kind === "loop" ? Opcode.JUMP_BACKWARD : Opcode.RESUME;
      if ((original & 255) !== expected) {
        this.failed(recording, "unsupported");
        return;
      }
    }
    const executor = this.backend.compile(trace, this.nextId, original & 255, original >> 8);
    if (executor === null) {
      this.failed(recording, "unsupported");
      return;
    }
    this.nextId++;
    if (recording.kind !== "exit") {
      if (!this.install(executor, trace.code, recording.installAt)) {
        this.failed(recording, "unsupported");
        return;
      }
    } else {
      link(recording.from, recording.exit, executor);
      const at = recording.exit * EXIT_WORDS;
      recording.from.exits[at + ExitWord.temperature] = this.sideExitThreshold;
      this.stats.linked_traces++;
    }
    const exits = trace.exits;
    const count = exitCount(trace);
    // A trace that ended at another executor's entry links to it.
    if (end.link !== 0 && count > 0) {
      const target = this.executorAt(exits[(count - 1) * EXIT_WORDS + ExitWord.code]!, end.link);
      if (target?.valid) link(trace, count - 1, target);
    }
    for (let e = 0; e < count; e++) {
      exits[e * EXIT_WORDS + ExitWord.temperature] = this.sideExitThreshold;
    }
    this.executors.add(executor);
    this.fileDependencies(executor);
    this.stats.traces_created++;
    const bucket = `<=${2 ** Math.ceil(Math.log2(Math.max(8, traceLength(trace))))}`;
    this.stats.trace_length_histogram[bucket] =
      (this.stats.trace_length_histogram[bucket] ?? 0) + 1;
    this.onTrace?.(executor, this);
    if (++this.sinceSweep >= this.sweepInterval) {
      this.sinceSweep = 0;
      this.sweep();
    }
  }

  private failed(recording: Recording, reason: AbortReason): void {
    this.stats.aborts[reason] = (this.stats.aborts[reason] ?? 0) + 1;
    if (recording.kind === "loop") {
      // Back the loop's counter off: each failure doubles the wait.
      const unit = recording.installAt;
      const u16 = this.ts.u16;
      if ((u16[unit]! & 255) === Opcode.JUMP_BACKWARD) {
        const exponent = Math.min(12, (u16[unit + 1]! & 15) + 1);
        this.resetCounter(unit, exponent);
      }
    } else {
      // An exit that started (or armed) the recording backs off.
      const at = recording.exit * EXIT_WORDS;
      const exits = recording.from.exits;
      exits[at + ExitWord.temperature] =
        this.sideExitThreshold << Math.min(8, 1 + exits[at + ExitWord.count]!);
    }
  }

  /**
   * Add the instructions behind `ran` uops of one run of `executor`. A trace is straight-line code
   * whose only backward jump (`_JUMP_TO_TOP`) goes to its first uop, so `ran` uops are some whole
   * passes and then a prefix.
   */
  private countInstructions(executor: Executor, ran: number): void {
    let prefix = this.prefixes.get(executor);
    if (prefix === undefined) {
      const words = executor.trace.uops;
      const n = traceLength(executor.trace);
      prefix = new Uint32Array(n + 1);
      let last = -1;
      for (let i = 0; i < n; i++) {
        const target = words[i * UOP_WORDS + UopWord.target]!;
        prefix[i + 1] = prefix[i]! + (target !== last ? 1 : 0);
        last = target;
      }
      this.prefixes.set(executor, prefix);
    }
    const length = prefix.length - 1;
    this.stats.instructions_in_traces +=
      Math.floor(ran / length) * prefix[length]! + prefix[ran % length]!;
  }

  /** Restart a backward jump's counter: threshold << exponent executions (at most 4096). */
  private resetCounter(unit: number, exponent: number, done = 0): void {
    const value = Math.max(0, Math.min(4095, this.threshold * 2 ** exponent - 1 - done));
    this.ts.u16[unit + 1] = (value << COUNTER_BITS) | exponent;
  }

  private install(executor: Executor, code: number, unit: number): boolean {
    let table = this.installed.get(code);
    if (table === undefined) {
      table = [];
      this.installed.set(code, table);
    }
    let index = table.indexOf(undefined);
    if (index < 0) index = table.length;
    if (index > 255) return false;
    table[index] = executor;
    this.installedAt.set(executor, unit);
    this.ts.u16[unit] = ENTER_EXECUTOR | (index << 8);
    return true;
  }

  /** The executor that the instruction at `instr` of `code` enters, if it is ENTER_EXECUTOR. */
  private executorAt(code: number, instr: number): Executor | undefined {
    const d = decode(this.ts.u16, instr);
    if (d.opcode !== ENTER_EXECUTOR) return undefined;
    const executor = this.installed.get(code)?.[d.oparg & 255];
    return executor?.compiled === ARMED ? undefined : executor;
  }

  /**
   * Take an executor out: its ENTER_EXECUTOR becomes the original instruction again (unless its
   * code is being freed).
   */
  private remove(executor: Executor, codeGone = false): void {
    executor.valid = false;
    this.executors.delete(executor);
    for (const key of this.dependencyKeys.get(executor) ?? []) {
      const set = this.dependents.get(key);
      set?.delete(executor);
      if (set?.size === 0) this.dependents.delete(key);
    }
    this.dependencyKeys.delete(executor);
    const unit = this.installedAt.get(executor);
    if (unit === undefined) return;
    this.installedAt.delete(executor);
    if (codeGone) return;
    const table = this.installed.get(executor.trace.code);
    const u16 = this.ts.u16;
    if (table !== undefined) {
      const index = u16[unit]! >> 8;
      if (table[index] === executor) table[index] = undefined;
    }
    u16[unit] = executor.originalOpcode | (executor.originalOparg << 8);
    // A loop's counter starts over, so that it may be recorded again with what changed.
    if (executor.originalOpcode === Opcode.JUMP_BACKWARD) this.resetCounter(unit, 1);
  }

  // --- dependencies and invalidation (CPython's watchers and _Py_Executors_InvalidateDependency)

  /**
   * File a new executor under what its trace depends on: type versions, function versions, and
   * the globals and builtins dicts it reads, which get watched (DICT_WATCHED) unless they changed
   * too often already.
   */
  private fileDependencies(executor: Executor): void {
    const keys: number[] = [];
    const i32 = this.ts.i32;
    for (const d of executor.trace.dependencies) {
      if (d.kind === DependencyKind.KeysVersion) {
        if (d.object === 0 || (this.dictChanges.get(d.object) ?? 0) >= MAX_DICT_CHANGES) continue;
        i32[(d.object + layout.DICT_FLAGS) >> 2]! |= layout.DICT_WATCHED;
      }
      const key = dependencyKey(d.kind, d.object);
      let set = this.dependents.get(key);
      if (set === undefined) {
        set = new Set();
        this.dependents.set(key, set);
      }
      set.add(executor);
      keys.push(key);
    }
    this.dependencyKeys.set(executor, keys);
  }

  /**
   * Invalidate every executor that depends on `object` of `kind`; one that is running leaves at
   * its next `_CHECK_VALIDITY`.
   */
  invalidateDependency(kind: DependencyKind, object: number): void {
    const key = dependencyKey(kind, object);
    if (this.recording !== null) this.changedWhileRecording.add(key);
    const set = this.dependents.get(key);
    if (set === undefined) return;
    for (const executor of [...set]) {
      this.stats.executors_invalidated++;
      this.remove(executor);
    }
  }

  /** A class changed (ObjectSpace.onTypeModified): `version` was its version. */
  invalidateTypeVersion(version: number): void {
    this.invalidateDependency(DependencyKind.TypeVersion, version);
  }

  /** A function's code or defaults changed (ObjectSpace.onFunctionModified). */
  functionModified(oldVersion: number): void {
    this.invalidateDependency(DependencyKind.FunctionVersion, oldVersion);
  }

  /**
   * A watched dict is about to change or be freed (ObjectSpace.onDictModified; its watch has
   * ended). Counted: a dict that keeps changing is not watched again.
   */
  dictModified(dict: number): void {
    this.dictChanges.set(dict, (this.dictChanges.get(dict) ?? 0) + 1);
    this.invalidateDependency(DependencyKind.KeysVersion, dict);
  }

  /**
   * A code object is being freed: drop every executor that runs any of its instructions (their
   * exits and guards name its addresses). Its bytecode is going away, so nothing is written back.
   */
  codeFreed(code: number): void {
    for (const executor of [...this.executors]) {
      const trace = executor.trace;
      let runsCode = trace.code === code;
      for (let e = 0; e < exitCount(trace) && !runsCode; e++) {
        runsCode = trace.exits[e * EXIT_WORDS + ExitWord.code] === code;
      }
      if (runsCode) {
        this.stats.executors_invalidated++;
        this.remove(executor, trace.code === code);
      }
    }
    for (const stub of [...this.armed.keys()]) {
      if (stub.trace.code === code) {
        this.armed.delete(stub);
        this.remove(stub, true);
      }
    }
    this.installed.delete(code);
  }

  /** Free executors not entered since the previous sweep. */
  sweep(): void {
    for (const executor of [...this.armed.keys(), ...this.executors]) {
      if (executor.cold) {
        if (this.armed.delete(executor)) {
          this.remove(executor); // never resumed since it was armed
          continue;
        }
        this.stats.executors_swept++;
        this.remove(executor);
      } else {
        executor.cold = true;
      }
    }
  }

  /** The statistics, with the backend's uop count. */
  snapshot(): TracerStats {
    this.stats.uops_executed = this.host.uopsExecuted ?? 0;
    return this.stats;
  }
}
