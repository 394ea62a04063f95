// The engine: one heap, one object space, the builtins, the interpreter and the compiler, wired
// together; runs programs as `python` runs them.

import type { Backend, Frontend } from "@skein/bytecode";
import { compile } from "@skein/compiler";
import { type Collector, Heap } from "@skein/gc";
import { EVAL_TIMEOUT, enableCycleCollector, Interpreter } from "@skein/interp";
import {
  createObjectSpace,
  excArgs,
  formatException,
  intToSafeNumber,
  isInt,
  moduleDict,
  newException,
  newModule,
  type ObjectSpace,
  tupleItem,
  tupleLength,
} from "@skein/objects";
import { DebugStackRefs, ERROR, NULL, ReleaseStackRefs, type StackRef } from "@skein/stackref";
import { type Capabilities, nodeCapabilities, Stdlib } from "@skein/stdlib";
import type { JitDriver } from "@skein/tracer";
import type { JitTier } from "./cli-args.js";
import { fromPython, type JsValue, PyHandle, type PyValue, toPython } from "./convert.js";
import { attachJit, type JitSettings } from "./jit.js";
import { EngineConfigError, parseSize } from "./size.js";
import { Watchdog } from "./watchdog.js";

export type { JitTier };

export interface EngineOptions {
  /** Heap limit in bytes, or a size like "64M" or "1G" (default 1 GiB). */
  readonly heapLimit?: number | string;
  /** Where the program's standard output goes (default: process.stdout). */
  readonly stdout?: (text: string) => void;
  readonly stderr?: (text: string) => void;
  /** sys.argv (default: [""]). */
  readonly argv?: readonly string[];
  /**
   * Execution tier: "off" runs tier 1 only; "uops" records hot loops as traces and runs them with
   * the reference tier-2 uop interpreter (or `backend`). "wasm" is refused until that backend
   * exists.
   */
  readonly jit?: JitTier;
  /**
   * The trace frontend: "record" (the default), or any `Frontend` of `@skein/bytecode` ("project"
   * is refused until it exists).
   */
  readonly frontend?: "record" | "project" | Frontend;
  /** Runs executors instead of the reference uop interpreter (with jit "uops"). */
  readonly backend?: Backend;
  /** Thresholds and limits of the trace recorder. */
  readonly jitSettings?: JitSettings;
  /** Receives the dump of each new trace (`-X trace-dump`). */
  readonly traceDump?: (text: string) => void;
  /** Specializing adaptive interpreter (default true). */
  readonly specialize?: boolean;
  /** Track every stack reference (slow): leaks and double closes become visible. */
  readonly debugRefs?: boolean;
  /** Poison freed memory and check it on reuse (slow). */
  readonly heapDebug?: boolean;
  /** sys.getrecursionlimit() (default 1000). */
  readonly recursionLimit?: number;
  /** Host re-entries (builtins calling Python) before RecursionError (default: sized for V8's main-thread stack). */
  readonly hostRecursionLimit?: number;
  /** Count executions by opcode for stats() (`-X stats`; runs every frame in the tracing loop). */
  readonly countInstructions?: boolean;
  /** A shared flag word: a nonzero store interrupts the program with KeyboardInterrupt. */
  readonly interruptBuffer?: Int32Array;
  /**
   * Milliseconds each call into Python (runMain, run, eval, call, import) may run; past it the
   * program gets a TimeoutError at its next backward jump or call, and again at every later one,
   * so it cannot go on by catching it.
   */
  readonly timeLimit?: number;
  /** Run the cycle collector at every safe point (`-X gc-stress`): tests the spill discipline. */
  readonly gcStress?: boolean;
  /**
   * What the program may touch on the host (files, clock, environment). Default: the clock, and
   * reading files under the folder of the script `runMain` runs (what the `skein` command grants).
   */
  readonly capabilities?: Capabilities;
  /** sys.path entries after the main script's folder (the `skein` command passes PYTHONPATH's). */
  readonly path?: readonly string[];
}

export { EngineConfigError } from "./size.js";

/** A Python exception that reached JavaScript. */
export class PythonError extends Error {
  /** The exception's type name (`ValueError`). */
  readonly type: string;
  /** str() of the exception. */
  readonly pyMessage: string;
  /** The traceback as CPython prints it. */
  readonly traceback: string;

  constructor(type: string, pyMessage: string, traceback: string) {
    super(pyMessage === "" ? type : `${type}: ${pyMessage}`);
    this.name = "PythonError";
    this.type = type;
    this.pyMessage = pyMessage;
    this.traceback = traceback;
  }
}

/** What running a program as a script produced. */
export interface RunResult {
  /** The process exit status CPython would give: 0, 1 after an uncaught exception, SystemExit's. */
  readonly exitCode: number;
}

export class Engine {
  readonly heap: Heap;
  readonly space: ObjectSpace;
  readonly interp: Interpreter;
  /** The cycle collector (the gc module's). */
  readonly collector: Collector;
  /** The trace recorder and its executors, with jit "uops"; null with jit "off". */
  readonly jit: JitDriver | null;
  /** The builtins, sys.modules and the import system. */
  readonly stdlib: Stdlib;
  private readonly defaultCapabilities: boolean;
  private readonly builtinsModule: StackRef;
  private readonly sources = new Map<string, string[]>();
  private readonly out: (text: string) => void;
  private readonly err: (text: string) => void;
  private readonly refsDebug: DebugStackRefs | null;
  /** SyntaxError attributes by exception address (exceptions have no attribute dict yet). */
  private readonly syntaxDetails = new Map<StackRef, SyntaxDetails>();

  constructor(options: EngineOptions = {}) {
    const jit = options.jit ?? "off";
    if (jit === "wasm") {
      throw new EngineConfigError(
        "jit=wasm is not available yet: this build of Skein has tier 1 (jit=off) and the reference tier-2 interpreter (jit=uops)",
      );
    }
    if (options.frontend === "project") {
      throw new EngineConfigError(
        "frontend=project is not available yet: this build of Skein has the trace recorder (frontend=record)",
      );
    }
    this.heap = new Heap({
      limit: parseSize(options.heapLimit ?? 1024 ** 3),
      debug: options.heapDebug ?? false,
    });
    this.refsDebug = options.debugRefs ? new DebugStackRefs(this.heap) : null;
    const refs = this.refsDebug ?? new ReleaseStackRefs(this.heap);
    this.space = createObjectSpace(this.heap, refs);
    this.out = options.stdout ?? ((t) => process.stdout.write(t));
    this.err = options.stderr ?? ((t) => process.stderr.write(t));
    this.interp = new Interpreter(this.space, {
      specialize: options.specialize ?? true,
      ...(options.recursionLimit === undefined ? {} : { recursionLimit: options.recursionLimit }),
      ...(options.hostRecursionLimit === undefined
        ? {}
        : { hostRecursionLimit: options.hostRecursionLimit }),
      ...(options.interruptBuffer === undefined ? {} : { evalBreaker: options.interruptBuffer }),
      countInstructions: options.countInstructions ?? false,
    });
    this.jit =
      jit === "uops"
        ? attachJit(
            this.space,
            this.interp,
            options.backend,
            typeof options.frontend === "object" ? options.frontend : undefined,
            options.jitSettings ?? {},
            options.traceDump,
          )
        : null;
    this.collector = enableCycleCollector(this.interp, {
      stress: options.gcStress ?? false,
      writeUnraisable: (t) => this.err(t),
    });
    this.defaultCapabilities = options.capabilities === undefined;
    this.stdlib = new Stdlib(this.space, this.interp, {
      writeStdout: (t) => this.out(t),
      writeStderr: (t) => this.err(t),
      argv: options.argv ?? [""],
      path: options.path ?? [],
      capabilities: options.capabilities ?? nodeCapabilities(),
    });
    this.builtinsModule = this.stdlib.builtins;
    if (options.timeLimit !== undefined) this.limitTime(options.timeLimit);
  }

  /** Every entry into Python runs under a watchdog that raises TimeoutError after `ms`. */
  private limitTime(ms: number): void {
    if (!(ms > 0)) throw new EngineConfigError(`timeLimit must be a positive number of ms: ${ms}`);
    const dog = new Watchdog(this.interp.ts.evalBreaker, EVAL_TIMEOUT);
    this.interp.ts.timeoutMessage = `the program exceeded its time limit of ${ms} ms`;
    let depth = 0;
    const limited =
      <A extends unknown[], R>(inner: (...args: A) => R) =>
      (...args: A): R => {
        if (depth++ === 0) dog.start(ms);
        try {
          return inner(...args);
        } finally {
          if (--depth === 0) dog.stop();
        }
      };
    this.runMain = limited(this.runMain.bind(this));
    this.run = limited(this.run.bind(this));
    this.eval = limited(this.eval.bind(this));
    this.call = limited(this.call.bind(this));
    this.import = limited(this.import.bind(this));
  }

  /** The debug stack references, when `debugRefs` is on. */
  get debugRefs(): DebugStackRefs | null {
    return this.refsDebug;
  }

  /**
   * Run a program as a script (`python FILE`): an uncaught exception is printed on stderr as
   * CPython prints it and gives exit status 1; SystemExit gives its code.
   */
  runMain(source: string, filename = "<string>"): RunResult {
    const exc = this.execute(source, filename, "__main__");
    if (exc === NULL) return { exitCode: 0 };
    let code = this.exitCodeOf(exc);
    if (code === null) {
      this.err(this.formatUncaught(exc));
      // CPython exits with 130 (128 + SIGINT) after an uncaught KeyboardInterrupt.
      if (this.space.isInstance(exc, this.space.b.KeyboardInterrupt)) code = 130;
    }
    this.syntaxDetails.delete(exc);
    this.space.refs.close(exc);
    return { exitCode: code ?? 1 };
  }

  /**
   * Run source in the engine's persistent `__main__` namespace (it survives between calls, so
   * later `eval`, `get` and `call` see what it defined); a Python exception is thrown as
   * PythonError.
   */
  run(source: string, filename = "<string>"): void {
    const s = this.space;
    const code = this.compileCode(source, filename, "exec");
    const result = this.interp.run(
      code,
      this.mainGlobals(),
      this.builtinsDict(),
      this.mainGlobals(),
    );
    s.refs.close(code);
    this.check(result);
    s.refs.close(result);
  }

  /**
   * Run one interactive input in `__main__` ("single" mode: expression values are echoed as the
   * Python REPL echoes them). Prints any exception; returns the exit status if the input raised
   * SystemExit, else null.
   */
  runInteractive(source: string): number | null {
    const s = this.space;
    this.sources.set("<stdin>", source.split(/\r\n|\r|\n/));
    const compiled = compile(source, "<stdin>", "single");
    if (!compiled.ok) {
      this.err(formatSyntaxError(compiled.error));
      return null;
    }
    const code = this.interp.loadCode(compiled.code);
    const result =
      code === ERROR
        ? ERROR
        : this.interp.run(code, this.mainGlobals(), this.builtinsDict(), this.mainGlobals());
    if (code !== ERROR) s.refs.close(code);
    if (result !== ERROR) {
      s.refs.close(result);
      return null;
    }
    const exc = s.fetchException();
    const exit = this.exitCodeOf(exc);
    if (exit === null) this.err(this.formatUncaught(exc));
    s.refs.close(exc);
    return exit;
  }

  /** Statistics for `-X stats`: the interpreter's specializations and the heap. */
  stats(): { interp: unknown; tracer: unknown; gc: unknown } {
    const interp = this.interp.stats();
    return {
      interp,
      tracer: this.tracerStats(interp.instructions),
      gc: this.heap.stats(),
    };
  }

  /**
   * The recorder's statistics; with instruction counts (`countInstructions`), also the fraction
   * of all instructions whose work ran inside traces (tier 1 counts the ones it ran itself).
   */
  private tracerStats(tier1?: Record<string, number>): Record<string, unknown> {
    if (this.jit === null) return { tier: "off" };
    const stats = this.jit.snapshot();
    if (tier1 === undefined) return { tier: "uops", ...stats };
    let outside = 0;
    for (const n of Object.values(tier1)) outside += n;
    const inside = stats.instructions_in_traces;
    const total = inside + outside;
    return { tier: "uops", ...stats, fraction_in_traces: total === 0 ? 0 : inside / total };
  }

  /** Evaluate an expression in `__main__` and convert its value. */
  eval(expression: string): PyValue {
    const s = this.space;
    const code = this.compileCode(expression, "<string>", "eval");
    const result = this.interp.run(
      code,
      this.mainGlobals(),
      this.builtinsDict(),
      this.mainGlobals(),
    );
    s.refs.close(code);
    this.check(result);
    const value = fromPython(s, result);
    s.refs.close(result);
    return value;
  }

  /** A global of `__main__`, converted; undefined when it is not defined. */
  get(name: string): PyValue | undefined {
    const v = this.space.dictGetStr(this.mainGlobals(), name);
    if (v === ERROR) this.check(ERROR);
    return v === NULL ? undefined : fromPython(this.space, v);
  }

  /** Call a Python callable (a global of `__main__` by name, or a handle) with converted arguments. */
  call(callable: string | PyHandle, ...args: JsValue[]): PyValue {
    const s = this.space;
    let f: StackRef;
    if (typeof callable === "string") {
      f = s.dictGetStr(this.mainGlobals(), callable);
      if (f === NULL) {
        throw new PythonError("NameError", `name '${callable}' is not defined`, "");
      }
      this.check(f);
    } else f = callable.ref;
    const refs: StackRef[] = [];
    for (const a of args) {
      const r = toPython(s, a);
      if (r === ERROR) {
        for (const made of refs) s.refs.close(made);
        this.check(ERROR);
      }
      refs.push(r);
    }
    const result = s.call(f, refs);
    for (const r of refs) s.refs.close(r);
    this.check(result);
    const value = fromPython(s, result);
    s.refs.close(result);
    return value;
  }

  /** import a module by name (through builtins.__import__) and return it as a handle. */
  import(name: string): PyHandle {
    const s = this.space;
    const importer = s.dictGetStr(this.builtinsDict(), "__import__");
    if (importer === NULL) throw new PythonError("ImportError", `No module named '${name}'`, "");
    const n = s.newStr(name);
    const fromlist = s.newList([s.newStr("*")]);
    const module = s.call(importer, [n, this.mainGlobals(), s.None, fromlist]);
    s.refs.close(n);
    s.refs.close(fromlist);
    this.check(module);
    const handle = new PyHandle(s, module);
    s.refs.close(module);
    return handle;
  }

  /** Clear `__main__` (as CPython does at exit) so everything the embedding made is freed. */
  dispose(): void {
    if (this.main === NULL) return;
    this.clearNamespace(moduleDict(this.space, this.main));
    this.space.refs.close(this.main);
    this.main = NULL;
    // Modules, classes and functions use deferred counting: only a collection frees them.
    this.collector.collect();
  }

  private main: StackRef = NULL;

  private mainGlobals(): StackRef {
    const s = this.space;
    if (this.main === NULL) {
      const m = newModule(s, "__main__");
      this.check(m);
      s.dictSetStr(moduleDict(s, m), "__builtins__", this.builtinsModule);
      this.main = m;
    }
    return moduleDict(s, this.main);
  }

  private builtinsDict(): StackRef {
    return moduleDict(this.space, this.builtinsModule);
  }

  /** Compile to a code object; a SyntaxError is thrown as PythonError. */
  private compileCode(source: string, filename: string, mode: "exec" | "eval"): StackRef {
    this.sources.set(filename, source.split(/\r\n|\r|\n/));
    const compiled = compile(source, filename, mode);
    if (!compiled.ok) {
      const exc = this.syntaxError(compiled.error);
      const error = this.toPythonError(exc);
      this.syntaxDetails.delete(exc);
      this.space.refs.close(exc);
      throw error;
    }
    const code = this.interp.loadCode(compiled.code);
    this.check(code);
    return code;
  }

  /** Throw the current exception as a PythonError when `r` is ERROR. */
  private check(r: StackRef): void {
    if (r !== ERROR) return;
    const exc = this.space.fetchException();
    const error = this.toPythonError(exc);
    this.space.refs.close(exc);
    throw error;
  }

  /** Live objects the programs run so far left behind (immortal ones excluded). */
  liveObjects(): number {
    const stats = this.heap.stats();
    return stats.liveObjects - stats.immortalObjects;
  }

  /**
   * Compile and run `source` as module `name`; afterwards the module's namespace is cleared (as
   * CPython clears modules at shutdown) so the objects the program made are freed. Returns the
   * uncaught exception (owned) or NULL.
   */
  private execute(source: string, filename: string, name: string): StackRef {
    const s = this.space;
    this.sources.set(filename, source.split(/\r\n|\r|\n/));
    const compiled = compile(source, filename, "exec");
    if (!compiled.ok) return this.syntaxError(compiled.error);
    const code = this.interp.loadCode(compiled.code);
    if (code === ERROR) return s.fetchException();
    const module = newModule(s, name);
    if (module === ERROR) {
      s.refs.close(code);
      return s.fetchException();
    }
    const globals = moduleDict(s, module);
    const builtins = moduleDict(s, this.builtinsModule);
    s.dictSetStr(globals, "__builtins__", this.builtinsModule);
    if (filename !== "<string>" && filename !== "<stdin>") {
      const f = s.newStr(filename);
      s.dictSetStr(globals, "__file__", f);
      s.refs.close(f);
    }
    this.stdlib.enterMain(module, filename, this.defaultCapabilities);
    const result = this.interp.run(code, globals, builtins, globals);
    let exc: StackRef = NULL;
    if (result === ERROR) exc = s.fetchException();
    else s.refs.close(result);
    this.stdlib.reset();
    this.clearNamespace(globals);
    s.refs.close(module);
    s.refs.close(code);
    // What is left in cycles goes now, as CPython collects at shutdown.
    this.collector.collect();
    return exc;
  }

  /** Empty a module namespace, breaking the function-globals cycles. */
  private clearNamespace(dict: StackRef): void {
    const s = this.space;
    const keys = s.call(s.b.list.addr | 1, [dict]);
    if (keys === ERROR) {
      s.refs.close(s.fetchException());
      return;
    }
    const n = s.length(keys);
    for (let i = 0; i < n; i++) {
      const k = s.getItem(keys, (i << 2) | 3);
      if (s.setItem(dict, k, NULL) < 0) s.refs.close(s.fetchException());
      s.refs.close(k);
    }
    s.refs.close(keys);
  }

  private syntaxError(info: SyntaxDetails): StackRef {
    const s = this.space;
    const type = s.b[info.type] ?? s.b.SyntaxError;
    const msg = s.newStr(info.msg);
    const exc = newException(s, type, s.newTuple([msg]));
    this.syntaxDetails.set(exc, info);
    return exc;
  }

  private exitCodeOf(exc: StackRef): number | null {
    const s = this.space;
    if (!s.isInstance(exc, s.b.SystemExit)) return null;
    const args = excArgs(s, exc);
    if (tupleLength(s, args) === 0) return 0;
    const code = tupleItem(s, args, 0);
    if (code === s.None) return 0;
    if (isInt(s, code)) return (intToSafeNumber(s, code) ?? 1) & 0xff;
    const text = s.strText(code);
    this.err(`${text ?? ""}\n`);
    return 1;
  }

  private sourceLine = (filename: string, lineno: number): string | null =>
    this.sources.get(filename)?.[lineno - 1] ?? this.stdlib.sourceLine(filename, lineno);

  /** The text CPython's excepthook prints for an uncaught exception. */
  formatUncaught(exc: StackRef): string {
    const details = this.syntaxDetails.get(exc);
    if (details !== undefined) return formatSyntaxError(details);
    return formatException(this.space, exc, this.sourceLine);
  }

  private toPythonError(exc: StackRef): PythonError {
    const s = this.space;
    const text = s.strText(exc) ?? "";
    const details = this.syntaxDetails.get(exc);
    return new PythonError(
      details?.type ?? s.typeOf(exc).name,
      details?.msg ?? text,
      this.formatUncaught(exc),
    );
  }
}

/** What the compiler says of a syntax error (the SyntaxError's attributes). */
export interface SyntaxDetails {
  readonly type: string;
  readonly msg: string;
  readonly filename: string;
  readonly lineno: number;
  readonly offset: number;
  readonly endLineno: number;
  readonly endOffset: number;
  readonly text: string | null;
}

/** A SyntaxError as CPython prints it: the line, a caret range, the message. */
export function formatSyntaxError(e: SyntaxDetails): string {
  let out = `  File "${e.filename}", line ${e.lineno}\n`;
  if (e.text !== null) {
    const line = e.text.replace(/\r?\n$/, "");
    const stripped = line.trimStart();
    const shift = line.length - stripped.length;
    out += `    ${stripped}\n`;
    if (e.offset > 0) {
      const start = Math.max(0, e.offset - 1 - shift);
      const end =
        e.endLineno === e.lineno && e.endOffset > e.offset ? e.endOffset - 1 - shift : start + 1;
      out += `    ${" ".repeat(start)}${"^".repeat(Math.max(1, end - start))}\n`;
    }
  }
  return `${out}${e.type}: ${e.msg}\n`;
}

export function createEngine(options: EngineOptions = {}): Engine {
  return new Engine(options);
}
