// Writes to the embedder's streams (sys.stdout and sys.stderr while they are the host's, print's
// fast path, input's prompt). A stream whose reader has gone (EPIPE: `skein prog | head -1`)
// raises BrokenPipeError in the program, as CPython's write does, instead of failing in the host.
import type { ObjectSpace } from "@skein/objects";

/** Write `text` with `write`; false with BrokenPipeError set when the reader has gone. */
export function writeHost(s: ObjectSpace, write: (text: string) => void, text: string): boolean {
  try {
    write(text);
    return true;
  } catch (e) {
    if ((e as { code?: unknown }).code !== "EPIPE") throw e;
    s.raise(s.b.BrokenPipeError!, "[Errno 32] Broken pipe");
    return false;
  }
}
