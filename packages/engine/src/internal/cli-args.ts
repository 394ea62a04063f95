// The `skein` command line, modeled on `python`'s: what to run and the -X options.
// This module runs on the main thread of the `skein` command: it must not import the engine.
import { parseSize } from "./size.js";

export type JitTier = "off" | "uops" | "wasm";

export interface CliConfig {
  readonly mode: "file" | "command" | "module" | "stdin" | "repl";
  /** The file, the -c code, or the -m module name. */
  readonly target: string;
  /** sys.argv as Python sees it. */
  readonly argv: readonly string[];
  readonly jit: JitTier;
  readonly heapLimit: number | undefined;
  readonly statsPath: string | undefined;
  readonly gcStress: boolean;
  readonly specialize: boolean;
  /** `-X time-limit=SECONDS`: the program ends with TimeoutError after that long. */
  readonly timeLimitMs: number | undefined;
  /** Print each new trace on stderr (`-X trace-dump`). */
  readonly traceDump: boolean;
  /** The recorder's thresholds (`-X jit-threshold=N` and friends). */
  readonly jitSettings: {
    readonly threshold?: number;
    readonly sideExitThreshold?: number;
    readonly maxTraceLength?: number;
  };
}

export class UsageError extends Error {}

const USAGE = `usage: skein [option] ... [-c cmd | -m mod | file | -] [arg] ...
Options:
-c cmd : program passed in as string
-m mod : run library module as a script
-X opt : set implementation-specific option:
         jit=off|uops|wasm, frontend=record|project, stats=PATH, trace-dump,
         jit-threshold=N, jit-side-exit-threshold=N, jit-max-trace-length=N,
         gc-stress, heap-limit=SIZE (64M, 1G), time-limit=SECONDS, specialize=on|off
-h     : print this help message and exit
file   : program read from script file
-      : program read from stdin
arg ...: arguments passed to program in sys.argv[1:]
`;

export function usage(): string {
  return USAGE;
}

/** Parse the command line and the SKEIN_* environment variables. */
export function parseCommandLine(args: readonly string[], env: NodeJS.ProcessEnv): CliConfig {
  const x = new Map<string, string>();
  for (const [key, name] of [
    ["SKEIN_JIT", "jit"],
    ["SKEIN_HEAP_LIMIT", "heap-limit"],
    ["SKEIN_STATS", "stats"],
    ["SKEIN_GC_STRESS", "gc-stress"],
    ["SKEIN_SPECIALIZE", "specialize"],
    ["SKEIN_FRONTEND", "frontend"],
    ["SKEIN_TRACE_DUMP", "trace-dump"],
    ["SKEIN_TIME_LIMIT", "time-limit"],
    ["SKEIN_JIT_THRESHOLD", "jit-threshold"],
    ["SKEIN_JIT_SIDE_EXIT_THRESHOLD", "jit-side-exit-threshold"],
    ["SKEIN_JIT_MAX_TRACE_LENGTH", "jit-max-trace-length"],
  ] as const) {
    const v = env[key];
    if (v !== undefined && v !== "") x.set(name, v);
  }
  let i = 0;
  let mode: CliConfig["mode"] | null = null;
  let target = "";
  while (i < args.length) {
    const a = args[i]!;
    if (a === "-X") {
      const opt = args[i + 1];
      if (opt === undefined) throw new UsageError("Argument expected for the -X option");
      const eq = opt.indexOf("=");
      x.set(eq < 0 ? opt : opt.slice(0, eq), eq < 0 ? "1" : opt.slice(eq + 1));
      i += 2;
    } else if (a.startsWith("-X") && a.length > 2) {
      const opt = a.slice(2);
      const eq = opt.indexOf("=");
      x.set(eq < 0 ? opt : opt.slice(0, eq), eq < 0 ? "1" : opt.slice(eq + 1));
      i += 1;
    } else if (a === "-c" || a === "-m") {
      const v = args[i + 1];
      if (v === undefined) throw new UsageError(`Argument expected for the ${a} option`);
      mode = a === "-c" ? "command" : "module";
      target = v;
      i += 2;
      break;
    } else if (a === "-") {
      mode = "stdin";
      i += 1;
      break;
    } else if (a === "-h" || a === "--help") {
      throw new UsageError("");
    } else if (a.startsWith("-") && a.length > 1) {
      throw new UsageError(`Unknown option: ${a}`);
    } else {
      mode = "file";
      target = a;
      i += 1;
      break;
    }
  }
  const rest = args.slice(i);
  if (mode === null) mode = "repl";
  const argv =
    mode === "command"
      ? ["-c", ...rest]
      : mode === "module"
        ? [target, ...rest]
        : mode === "file"
          ? [target, ...rest]
          : ["", ...rest];
  const jit = x.get("jit") ?? "off";
  if (jit !== "off" && jit !== "uops" && jit !== "wasm") {
    throw new UsageError(`-X jit=${jit}: expected off, uops or wasm`);
  }
  const frontend = x.get("frontend") ?? "record";
  if (frontend !== "record" && frontend !== "project") {
    throw new UsageError(`-X frontend=${frontend}: expected record or project`);
  }
  // Only the recording frontend exists: asking for the projection one is refused, not ignored.
  if (frontend === "project") {
    throw new UsageError(
      "-X frontend=project is not available yet: this build has the recording frontend only",
    );
  }
  if (jit === "wasm") {
    throw new UsageError(
      "-X jit=wasm is not available yet: the Wasm backend does not exist in this build (use off or uops)",
    );
  }
  const jitSettings: { threshold?: number; sideExitThreshold?: number; maxTraceLength?: number } =
    {};
  for (const [option, key] of [
    ["jit-threshold", "threshold"],
    ["jit-side-exit-threshold", "sideExitThreshold"],
    ["jit-max-trace-length", "maxTraceLength"],
  ] as const) {
    const text = x.get(option);
    if (text === undefined) continue;
    const n = Number(text);
    if (!Number.isInteger(n) || n < 1) {
      throw new UsageError(`-X ${option}=${text}: expected a positive integer`);
    }
    jitSettings[key] = n;
  }
  const heap = x.get("heap-limit");
  let heapLimit: number | undefined;
  if (heap !== undefined) {
    try {
      heapLimit = parseSize(heap);
    } catch {
      throw new UsageError(`-X heap-limit=${heap}: expected a size such as 64M or 1G`);
    }
  }
  const limit = x.get("time-limit");
  let timeLimitMs: number | undefined;
  if (limit !== undefined) {
    const seconds = Number(limit);
    if (!(seconds > 0))
      throw new UsageError(`-X time-limit=${limit}: expected a number of seconds`);
    timeLimitMs = seconds * 1000;
  }
  const specialize = x.get("specialize") ?? "on";
  return {
    mode,
    target,
    argv,
    jit,
    heapLimit,
    statsPath: x.get("stats"),
    gcStress: x.has("gc-stress") && x.get("gc-stress") !== "0",
    specialize: specialize !== "off" && specialize !== "0",
    traceDump: x.has("trace-dump") && x.get("trace-dump") !== "0",
    timeLimitMs,
    jitSettings,
  };
}
