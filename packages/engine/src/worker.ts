// The engine's thread: the `skein` command runs Python here, on a large host stack, while the
// main thread stays free to receive SIGINT (it sets the shared eval-breaker word).
import { readFileSync, writeSync } from "node:fs";
import { delimiter } from "node:path";
import { parentPort, workerData } from "node:worker_threads";
import { dumpAst, parse } from "@skein/compiler";
import type { CliConfig } from "./internal/cli-args.js";
import { Engine, EngineConfigError, formatSyntaxError } from "./internal/engine.js";

interface WorkerInput {
  readonly config: CliConfig;
  readonly interrupt: Int32Array;
}

function write(fd: number, text: string): void {
  const bytes = Buffer.from(text, "utf8");
  let done = 0;
  while (done < bytes.length) done += writeSync(fd, bytes, done);
}

function main({ config, interrupt }: WorkerInput): number {
  let engine: Engine;
  try {
    engine = new Engine({
      jit: config.jit,
      specialize: config.specialize,
      interruptBuffer: interrupt,
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
    case "stdin":
    case "repl":
      source = readFileSync(0, "utf8");
      filename = "<stdin>";
      break;
    default:
      if (config.target === "ast") return astTool(config.argv.slice(1));
      write(2, `skein: No module named ${config.target}\n`);
      return 1;
  }
  return engine.runMain(source, filename).exitCode;
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

parentPort?.postMessage({ exitCode: main(workerData as WorkerInput) });
