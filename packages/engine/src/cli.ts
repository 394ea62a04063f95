#!/usr/bin/env node
// The `skein` command: parses the command line, then runs the engine in a worker thread with a
// large stack; SIGINT sets the shared eval-breaker word, which the interpreter checks.
import { Worker } from "node:worker_threads";
import { parseCommandLine, UsageError, usage } from "./internal/cli-args.js";

const EVAL_INTERRUPT = 1;

function run(): void {
  let config: ReturnType<typeof parseCommandLine>;
  try {
    config = parseCommandLine(process.argv.slice(2), process.env);
  } catch (e) {
    if (e instanceof UsageError) {
      if (e.message === "") {
        process.stdout.write(usage());
        process.exitCode = 0;
      } else {
        process.stderr.write(`${e.message}\n${usage()}`);
        process.exitCode = 2;
      }
      return;
    }
    throw e;
  }
  const interrupt = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(new URL("./worker.js", import.meta.url), {
    workerData: { config, interrupt },
    resourceLimits: { stackSizeMb: 256 },
    stdout: false,
    stderr: false,
  });
  let interrupted = false;
  process.on("SIGINT", () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    Atomics.or(interrupt, 0, EVAL_INTERRUPT);
  });
  worker.on("message", (m: { exitCode: number }) => {
    process.exitCode = m.exitCode;
  });
  worker.on("error", (e) => {
    process.stderr.write(`skein: internal error: ${e.stack ?? e}\n`);
    process.exitCode = 70;
  });
  worker.on("exit", () => {
    process.removeAllListeners("SIGINT");
  });
}

run();
