// Tier selection: with `jit: "uops"` the engine plugs the trace recorder (@skein/tracer) into the
// interpreter, with the reference tier-2 uop interpreter (or the embedder's Backend) running the
// executors; `-X trace-dump` prints each new executor.
import type { Backend, Frontend } from "@skein/bytecode";
import { type Interpreter, ReferenceBackend } from "@skein/interp";
import { codeData, layout, type ObjectSpace } from "@skein/objects";
import { dumpExecutor, JitDriver, type JitOptions } from "@skein/tracer";

export interface JitSettings {
  /** Backward jumps before a loop is recorded (default 4000). */
  readonly threshold?: number;
  /** Side-exit executions before a trace is recorded from it (default 64). */
  readonly sideExitThreshold?: number;
  /** Longest trace in uops (default 800). */
  readonly maxTraceLength?: number;
  /** Deepest chain of side-exit traces (default 4). */
  readonly maxChainDepth?: number;
}

/** Attach a JIT driver to the interpreter; `dump` receives each executor's dump when given. */
export function attachJit(
  space: ObjectSpace,
  interp: Interpreter,
  backend: Backend | undefined,
  frontend: Frontend | undefined,
  settings: JitSettings,
  dump: ((text: string) => void) | undefined,
): JitDriver {
  const options: JitOptions = {
    backend: backend ?? new ReferenceBackend(interp.ts),
    ...(frontend === undefined ? {} : { frontend }),
    ...settings,
    ...(dump === undefined
      ? {}
      : { onTrace: (executor) => dump(`${dumpExecutor(executor, locator(space))}\n`) }),
  };
  const driver = new JitDriver(interp.ts, options);
  interp.ts.jit = driver;
  space.onTypeModified = (version) => driver.invalidateTypeVersion(version);
  space.onFunctionModified = (version) => driver.functionModified(version);
  space.onDictModified = (dict) => driver.dictModified(dict);
  space.onCodeFreed = (code) => driver.codeFreed(code);
  return driver;
}

/** `qualname (file:line) @offset` for a code object and an instruction in it. */
function locator(space: ObjectSpace): (code: number, unit: number) => string {
  return (code, unit) => {
    const data = codeData(space, code);
    const first = space.i32[(code + layout.CODE_BYTECODE) >> 2]!;
    const index = unit - first;
    const line = data.positions[4 * index] ?? -1;
    const where = line >= 0 ? `${data.filename}:${line}` : data.filename;
    return `${data.qualname} (${where}) @${2 * index}`;
  };
}
