// Lines typed at the terminal, from the `skein` command's main thread (which runs Node's readline:
// line editing and history) to the engine's thread, which blocks on the channel while Python waits
// for input (the REPL's prompt, input()). One SharedArrayBuffer: a state word, a length word, and
// the UTF-8 bytes of one line.

const STATE = 0; // EMPTY, or FULL once the main thread put a line (or the end of input) there
const LENGTH = 1; // bytes of the line, or -1 at the end of input (Ctrl-D)
const HEADER = 8;
const EMPTY = 0;
const FULL = 1;

export const LINE_CHANNEL_BYTES = 1 << 20;

export function newLineChannel(): SharedArrayBuffer {
  return new SharedArrayBuffer(HEADER + LINE_CHANNEL_BYTES);
}

/** The main thread's side: hand one line (without its newline), or null for the end of input. */
export function putLine(channel: SharedArrayBuffer, line: string | null): void {
  const words = new Int32Array(channel, 0, 2);
  if (line === null) {
    words[LENGTH] = -1;
  } else {
    const bytes = new TextEncoder().encode(line);
    const n = Math.min(bytes.length, LINE_CHANNEL_BYTES);
    new Uint8Array(channel, HEADER, n).set(bytes.subarray(0, n));
    words[LENGTH] = n;
  }
  Atomics.store(words, STATE, FULL);
  Atomics.notify(words, STATE);
}

/** The engine thread's side: wait for the next line; null at the end of input. */
export function takeLine(channel: SharedArrayBuffer): string | null {
  const words = new Int32Array(channel, 0, 2);
  Atomics.wait(words, STATE, EMPTY);
  const n = words[LENGTH]!;
  const line = n < 0 ? null : new TextDecoder().decode(new Uint8Array(channel, HEADER, n).slice());
  Atomics.store(words, STATE, EMPTY);
  return line;
}
