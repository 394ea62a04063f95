#!/usr/bin/env node
// The `skein` command: parses the command line, then runs the engine in a worker thread with a
// large stack; SIGINT sets the shared eval-breaker word, which the interpreter checks. This thread
// never loads the engine (the worker does, from its bundle), and readline only for the REPL.
import { createRequire } from "node:module";
import type * as Readline from "node:readline";
import { Worker } from "node:worker_threads";
import { parseCommandLine, UsageError, usage } from "./internal/cli-args.js";
import { newLineChannel, putLine } from "./internal/line-channel.js";

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
  // On a terminal, this thread reads the lines (with readline's editing and history) and hands
  // them to the engine's thread, which waits for them.
  const terminal = config.mode === "repl" && process.stdin.isTTY ? newLineChannel() : null;
  const worker = new Worker(new URL("./worker-thread.cjs", import.meta.url), {
    workerData: { config, interrupt, terminal },
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
  const prompter = terminal === null ? null : terminalReader(terminal, interrupt);
  worker.on("message", (m: { exitCode?: number; prompt?: string }) => {
    if (m.prompt !== undefined) prompter?.ask(m.prompt);
    if (m.exitCode !== undefined) process.exitCode = m.exitCode;
  });
  worker.on("error", (e) => {
    process.stderr.write(`skein: internal error: ${e.stack ?? e}\n`);
    process.exitCode = 70;
  });
  worker.on("exit", () => {
    process.removeAllListeners("SIGINT");
    prompter?.close();
  });
}

/**
 * The REPL's terminal: readline with history. Ctrl-C at a prompt drops the line (CPython prints
 * KeyboardInterrupt); while Python runs it interrupts the program; Ctrl-D ends the input.
 */
function terminalReader(channel: SharedArrayBuffer, interrupt: Int32Array) {
  const readline = createRequire(import.meta.url)("node:readline") as typeof Readline;
  const rl = readline.createInterface({
    input: process.stdin,
    output: process.stdout,
    terminal: true,
    historySize: 1000,
  });
  let waiting = false;
  let closed = false;
  // Lines typed (or pasted) before the engine asked for them wait their turn.
  const typedAhead: string[] = [];
  rl.on("line", (line) => {
    if (!waiting) {
      typedAhead.push(line);
      return;
    }
    waiting = false;
    putLine(channel, line);
  });
  rl.on("close", () => {
    if (closed) return;
    closed = true;
    if (waiting) {
      waiting = false;
      putLine(channel, null);
    }
  });
  rl.on("SIGINT", () => {
    if (waiting) {
      rl.write(null, { ctrl: true, name: "u" });
      process.stdout.write("\nKeyboardInterrupt\n");
      rl.prompt();
    } else {
      Atomics.or(interrupt, 0, EVAL_INTERRUPT);
    }
  });
  return {
    ask(prompt: string): void {
      const ahead = typedAhead.shift();
      if (ahead !== undefined) {
        process.stdout.write(`${prompt}${ahead}\n`);
        putLine(channel, ahead);
        return;
      }
      if (closed) {
        putLine(channel, null);
        return;
      }
      waiting = true;
      rl.setPrompt(prompt);
      rl.prompt();
    },
    close(): void {
      closed = true;
      rl.close();
    },
  };
}

run();
