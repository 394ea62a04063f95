// The interpreter: a thread state, the generated loop, the specializer, and the entry points the
// engine uses (load a CodeUnit, run a code object in a namespace, call a Python callable).
import { type CodeUnit, OPCODE_NAMES } from "@skein/bytecode";
import type { ObjectSpace } from "@skein/objects";
import { DebugStackRefs, type StackRef } from "@skein/stackref";
import {
  runTier1,
  runTier1Debug,
  runTier1Tracing,
  runTier1TracingDebug,
} from "../generated/tier1.gen.js";
import { loadCode } from "./code-loader.js";
import { type SpecializationStats, Specializer } from "./specialize.js";
import { type ThreadOptions, ThreadState } from "./thread-state.js";

export interface InterpreterOptions extends ThreadOptions {
  /** Rewrite instructions to specialized forms (default true). */
  readonly specialize?: boolean;
  /**
   * Count executions by opcode (for `-X stats`): every frame runs in the tracing loop, so the
   * normal loop pays nothing when this is off.
   */
  readonly countInstructions?: boolean;
}

/** pystats for `-X stats`: per family specialization counts, and executions by opcode. */
export interface InterpreterStats {
  readonly specialization: Record<string, SpecializationStats>;
  readonly specializing: boolean;
  /** Executions by opcode name (only with countInstructions). */
  readonly instructions?: Record<string, number>;
}

export class Interpreter {
  readonly s: ObjectSpace;
  readonly ts: ThreadState;
  readonly specializer: Specializer;

  constructor(s: ObjectSpace, options: InterpreterOptions = {}) {
    this.s = s;
    this.ts = new ThreadState(s, options);
    // The release loop writes reference counting out; the debug stack references must see every
    // operation, so they get the loop that calls them (chosen once, never tested per instruction).
    if (this.ts.refs instanceof DebugStackRefs)
      this.ts.setLoop(runTier1Debug, runTier1TracingDebug);
    else this.ts.setLoop(runTier1, runTier1Tracing);
    this.specializer = new Specializer(s.u16, options.specialize ?? true, s);
    this.ts.specializer = this.specializer;
    if (options.countInstructions === true) this.ts.instructionCounts = new Float64Array(256);
    // Slots that must run Python code (a function called from a builtin) come back here.
    s.runtime = {
      callVector: (callable, args, nargs, kwnames) =>
        this.ts.callVector(callable, args, nargs, kwnames),
      superArgs: () => this.ts.superArgs(),
    };
  }

  /** A heap code object for a compiled CodeUnit (owned), or ERROR. */
  loadCode(unit: CodeUnit): StackRef {
    return loadCode(this.s, unit);
  }

  stats(): InterpreterStats {
    const counts = this.ts.instructionCounts;
    const specialization = this.specializer.statsJson(counts);
    if (counts === null) return { specialization, specializing: this.specializer.enabled };
    const instructions: Record<string, number> = {};
    counts.forEach((n, op) => {
      if (n > 0) instructions[OPCODE_NAMES[op] ?? `<${op}>`] = n;
    });
    return { specialization, specializing: this.specializer.enabled, instructions };
  }

  /** Run module-level (or exec) code with these namespaces; the result or ERROR. */
  run(code: StackRef, globals: StackRef, builtins: StackRef, locals: StackRef): StackRef {
    return this.ts.runCode(code, globals, builtins, locals);
  }

  /** Call any callable with borrowed arguments; the result or ERROR. */
  call(callable: StackRef, args: readonly StackRef[]): StackRef {
    return this.s.call(callable, args);
  }
}
