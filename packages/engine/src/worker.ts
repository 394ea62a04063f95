// The engine's thread: the `skein` command runs Python here, on a large host stack, while the
// main thread stays free to receive SIGINT (it sets the shared eval-breaker word). The build
// bundles this module with every @skein package into dist/worker.cjs, which worker-thread.ts
// loads with a V8 code cache (internal/worker-bundle.ts).
import { readFileSync, readSync, writeFileSync, writeSync } from "node:fs";
import { delimiter } from "node:path";
import { parentPort, resourceLimits, workerData } from "node:worker_threads";
import { disassemble } from "@skein/bytecode";
import { compile, dumpAst, parse } from "@skein/compiler";
import { hostRecursionLimitFor } from "@skein/interp";
import { type CliConfig, parseCommandLine } from "./internal/cli-args.js";
import { Engine, EngineConfigError, formatSyntaxError } from "./internal/engine.js";
import { takeLine } from "./internal/line-channel.js";
import { msSince, type StartupInfo } from "./internal/worker-bundle.js";

interface WorkerInput {
  readonly config: CliConfig;
  readonly interrupt: Int32Array;
  /** Lines typed at the terminal, when standard input is one (the REPL; see line-channel.ts). */
  readonly terminal: SharedArrayBuffer | null;
}

let terminal: SharedArrayBuffer | null = null;

const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Write all of `text` to `fd`. A pipe that is full (EAGAIN: the stream is non-blocking) is waited
 * for. A reader that has gone (EPIPE) is the program's BrokenPipeError on standard output (the
 * error goes up to @skein/stdlib's writes); on standard error nothing is left to tell.
 */
function write(fd: number, text: string): void {
  const bytes = Buffer.from(text, "utf8");
  let done = 0;
  while (done < bytes.length) {
    try {
      done += writeSync(fd, bytes, done);
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      if (code === "EAGAIN") Atomics.wait(pause, 0, 0, 1);
      else if (code === "EPIPE" && fd === 2) return;
      else throw e;
    }
  }
}

function main(
  { config, interrupt, terminal: channel }: WorkerInput,
  startup?: StartupInfo,
): number {
  terminal = channel;
  const creation = process.hrtime.bigint();
  let engine: Engine;
  try {
    engine = new Engine({
      jit: config.jit,
      jitSettings: config.jitSettings,
      ...(config.timeLimitMs === undefined ? {} : { timeLimit: config.timeLimitMs }),
      ...(config.traceDump ? { traceDump: (t: string) => write(2, t) } : {}),
      specialize: config.specialize,
      gcStress: config.gcStress,
      countInstructions: config.statsPath !== undefined,
      interruptBuffer: interrupt,
      // Host re-entries (a dunder called from a slot) as deep as this thread's big stack holds.
      ...(resourceLimits.stackSizeMb === undefined
        ? {}
        : { hostRecursionLimit: hostRecursionLimitFor(resourceLimits.stackSizeMb * 2 ** 20) }),
      argv: config.argv,
      // CPython's sys.path: the script's folder first (the engine adds it), then PYTHONPATH's.
      path: (process.env.PYTHONPATH ?? "").split(delimiter).filter((p) => p !== ""),
      stdout: (t) => write(1, t),
      stderr: (t) => write(2, t),
      ...(config.heapLimit === undefined ? {} : { heapLimit: config.heapLimit }),
    });
  } catch (e) {
    if (e instanceof EngineConfigError) {
      write(2, `skein: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const createEngineMs = msSince(creation);
  let source: string;
  let filename: string;
  switch (config.mode) {
    case "file":
      try {
        source = readFileSync(config.target, "utf8");
      } catch (e) {
        const err = e as NodeJS.ErrnoException;
        write(
          2,
          `skein: can't open file '${config.target}': [Errno ${-(err.errno ?? 2)}] ${err.code === "ENOENT" ? "No such file or directory" : err.message}\n`,
        );
        return 2;
      }
      filename = config.target;
      break;
    case "command":
      source = config.target;
      filename = "<string>";
      break;
    case "repl":
      if (terminal !== null) return repl(engine);
      source = readFileSync(0, "utf8");
      filename = "<stdin>";
      break;
    case "stdin":
      source = readFileSync(0, "utf8");
      filename = "<stdin>";
      break;
    default:
      if (config.target === "ast") return astTool(config.argv.slice(1));
      if (config.target === "dis") return disTool(config.argv.slice(1));
      write(2, `skein: No module named ${config.target}\n`);
      return 1;
  }
  const { exitCode } = engine.runMain(source, filename);
  if (config.statsPath !== undefined) {
    const stats = { ...engine.stats(), startup: { ...startup, createEngineMs } };
    writeFileSync(config.statsPath, `${JSON.stringify(stats, null, 2)}\n`);
  }
  return exitCode;
}

/** `skein -m dis FILE`: the module's bytecode as `python -m dis` prints it. */
function disTool(args: readonly string[]): number {
  const file = args.find((a) => !a.startsWith("-")) ?? null;
  const source = readFileSync(file ?? 0, "utf8");
  const result = compile(source, file ?? "<stdin>", "exec");
  if (!result.ok) {
    write(2, formatSyntaxError(result.error));
    return 1;
  }
  write(1, disassemble(result.code));
  return 0;
}

/**
 * Read one line from the terminal (synchronously: the engine's thread blocks while it waits). On a
 * terminal the main thread's readline edits the line and keeps the history.
 */
function readLine(prompt: string): string | null {
  if (terminal !== null) {
    parentPort?.postMessage({ prompt });
    return takeLine(terminal);
  }
  write(1, prompt);
  const bytes: number[] = [];
  const one = Buffer.alloc(1);
  for (;;) {
    let n: number;
    try {
      n = readSync(0, one, 0, 1, null);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "EAGAIN") continue;
      throw e;
    }
    if (n === 0) return bytes.length === 0 ? null : Buffer.from(bytes).toString("utf8");
    if (one[0] === 10) return Buffer.from(bytes).toString("utf8");
    bytes.push(one[0]!);
  }
}

/** Whether the lines so far form an incomplete statement (the REPL asks for more with `...`). */
function incomplete(lines: readonly string[]): boolean {
  const text = lines.join("\n");
  const last = lines.at(-1) ?? "";
  if (lines.length > 1 && last.trim() !== "") return true; // a block ends with an empty line
  if (/:\s*(#.*)?$/.test(last) || last.endsWith("\\")) return true;
  const result = compile(`${text}\n`, "<stdin>", "single");
  return (
    !result.ok &&
    /was never closed|unterminated triple-quoted|unexpected EOF/.test(result.error.msg)
  );
}

/** The interactive prompt: `>>>`, `...`, expression results echoed as the Python REPL does. */
function repl(engine: Engine): number {
  write(
    1,
    `Python 3.13 (Skein) on node ${process.version}\nType "help", "copyright", "credits" or "license" for more information.\n`,
  );
  for (;;) {
    const first = readLine(">>> ");
    if (first === null) {
      write(1, "\n");
      return 0;
    }
    if (first.trim() === "") continue;
    const lines = [first];
    while (incomplete(lines)) {
      const more = readLine("... ");
      if (more === null) break;
      lines.push(more);
    }
    const exit = engine.runInteractive(`${lines.join("\n")}\n`);
    if (exit !== null) return exit;
  }
}

/** `skein -m ast [-a] [-i N] [-m MODE] [FILE]`: what `python -m ast` prints. */
function astTool(args: readonly string[]): number {
  let includeAttributes = false;
  let indent = 3;
  let mode: "exec" | "eval" | "single" = "exec";
  let file: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "-a" || a === "--include-attributes") includeAttributes = true;
    else if (a === "-i" || a === "--indent") indent = Number(args[++i]);
    else if (a === "-m" || a === "--mode") mode = args[++i] as typeof mode;
    else if (a === "--no-type-comments") continue;
    else file = a;
  }
  const source = readFileSync(file ?? 0, "utf8");
  const result = parse(source, file ?? "<stdin>", mode as "exec");
  if (!result.ok) {
    const e = result.error;
    write(2, formatSyntaxError({ ...e, type: e.type }));
    return 1;
  }
  write(1, `${dumpAst(result.ast, { indent, includeAttributes })}\n`);
  return 0;
}

/**
 * The engine thread's work: run what the command line asked for and report the exit status.
 * `startup` says how the bundle was loaded (for `-X stats`).
 */
export function runWorker(
  input: WorkerInput = workerData as WorkerInput,
  startup?: StartupInfo,
): void {
  parentPort?.postMessage({ exitCode: main(input, startup) });
}

/**
 * Run `file` (an empty program) as `skein FILE` runs it, for the build's code cache: the functions
 * start-up compiles lazily are compiled when the cache is taken.
 */
export function warmUp(file: string): void {
  const config = parseCommandLine([file], {});
  const status = main({
    config,
    interrupt: new Int32Array(new SharedArrayBuffer(4)),
    terminal: null,
  });
  if (status !== 0) throw new Error(`the warm-up run of ${file} exited with ${status}`);
}
