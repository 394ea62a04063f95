// What a program may touch on the host. The embedder grants each capability; a missing one makes
// the operation raise PermissionError (never succeed silently). `nodeCapabilities` builds the
// usual grants over node:fs and node's clocks.
import { readFileSync, statSync } from "node:fs";
import { resolve, sep } from "node:path";

/** Thrown by a capability to refuse an operation; the caller raises PermissionError. */
export class CapabilityDenied extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CapabilityDenied";
  }
}

export interface Capabilities {
  /**
   * Read a text file: its contents, or null when there is no such file. Throws CapabilityDenied
   * when the program may not read it.
   */
  readonly readFile?: (path: string) => string | null;
  /** Whether `path` is a directory (false when absent or denied). */
  readonly isDirectory?: (path: string) => boolean;
  /** Wall-clock time in seconds since the epoch (time.time). */
  readonly wallTime?: () => number;
  /** A monotonic clock in nanoseconds (time.monotonic, time.perf_counter). */
  readonly monotonicNs?: () => bigint;
  /** CPU time of the process in nanoseconds (time.process_time). */
  readonly processTimeNs?: () => bigint;
  /** Block for `seconds` (time.sleep). */
  readonly sleep?: (seconds: number) => void;
  /** The environment variables the program may see (os.environ). */
  readonly environ?: Readonly<Record<string, string>>;
  /** Read a line from standard input (input()); null at end of file. */
  readonly readLine?: () => string | null;
}

export interface NodeCapabilityOptions {
  /** Folders under which files may be read (none by default). */
  readonly readRoots?: readonly string[];
  /** Grant the clocks and sleep (default true). */
  readonly clock?: boolean;
  /** Environment variables to expose (none by default). */
  readonly environ?: Readonly<Record<string, string>>;
}

function under(path: string, roots: readonly string[]): boolean {
  const full = resolve(path);
  return roots.some((r) => full === r || full.startsWith(r.endsWith(sep) ? r : r + sep));
}

/** Capabilities backed by node:fs and node's clocks, limited to what `options` grants. */
export function nodeCapabilities(options: NodeCapabilityOptions = {}): Capabilities {
  const roots = (options.readRoots ?? []).map((r) => resolve(r));
  const clock = options.clock ?? true;
  const caps: {
    -readonly [K in keyof Capabilities]: Capabilities[K];
  } = {};
  if (roots.length > 0) {
    caps.readFile = (path) => {
      if (!under(path, roots)) throw new CapabilityDenied(path);
      try {
        return readFileSync(path, "utf8");
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === "ENOENT" || code === "ENOTDIR" || code === "EISDIR") return null;
        throw new CapabilityDenied(path);
      }
    };
    caps.isDirectory = (path) => {
      if (!under(path, roots)) return false;
      try {
        return statSync(path).isDirectory();
      } catch {
        return false;
      }
    };
  }
  if (clock) {
    caps.wallTime = () => Date.now() / 1000;
    caps.monotonicNs = () => process.hrtime.bigint();
    caps.processTimeNs = () => {
      const u = process.cpuUsage();
      return BigInt(u.user + u.system) * 1000n;
    };
    caps.sleep = (seconds) => {
      if (seconds > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, seconds * 1000);
    };
  }
  if (options.environ !== undefined) caps.environ = options.environ;
  return caps;
}
