// The time limit: the engine's thread is busy running Python (the host event loop does not run),
// so a small watchdog thread waits out the limit and sets the time-out bit of the shared eval
// breaker; the interpreter raises TimeoutError at its next check (a backward jump or a call).
import { Worker } from "node:worker_threads";

const WATCHDOG = `
const { workerData } = require("node:worker_threads");
const breaker = new Int32Array(workerData.buffer);
const nap = new Int32Array(new SharedArrayBuffer(4));
Atomics.wait(nap, 0, 0, workerData.ms);
Atomics.or(breaker, 0, workerData.bit);
`;

export class Watchdog {
  private worker: Worker | null = null;

  constructor(
    private readonly breaker: Int32Array,
    private readonly bit: number,
  ) {
    if (!(breaker.buffer instanceof SharedArrayBuffer)) {
      throw new Error("a time limit needs the eval breaker in a SharedArrayBuffer");
    }
  }

  /** Set the bit after `ms` milliseconds unless stopped first. */
  start(ms: number): void {
    this.stop();
    const worker = new Worker(WATCHDOG, {
      eval: true,
      workerData: { buffer: this.breaker.buffer, ms, bit: this.bit },
    });
    worker.unref();
    this.worker = worker;
  }

  /** Stop waiting, and clear the bit if it was set. */
  stop(): void {
    if (this.worker !== null) {
      void this.worker.terminate();
      this.worker = null;
    }
    Atomics.and(this.breaker, 0, ~this.bit);
  }
}
