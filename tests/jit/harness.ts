// What the JIT tests share: run a program with thresholds low enough that its loops are traced
// at once, then look at its executors; and the output the same program gives in tier 1.
import { type Executor, traceUops } from "@skein/bytecode";
import { createEngine, type Engine } from "@skein/engine";
import { codeData } from "@skein/objects";
import { uopName } from "@skein/tracer";

export interface Run {
  engine: Engine;
  /** Everything printed so far (also by later `engine.run` calls). */
  readonly out: string;
  /** Executors by the qualified name of the code they start in. */
  executors: (qualname: string) => Executor[];
  uops: (qualname: string) => string[];
}

export function run(source: string, settings = {}): Run {
  let out = "";
  const engine = createEngine({
    jit: "uops",
    jitSettings: { threshold: 16, sideExitThreshold: 4, ...settings },
    stdout: (t) => {
      out += t;
    },
  });
  engine.run(source);
  const executors = (qualname: string): Executor[] =>
    [...engine.jit!.executors].filter(
      (e) => codeData(engine.space, e.trace.code).qualname === qualname,
    );
  return {
    engine,
    get out() {
      return out;
    },
    executors,
    uops: (qualname) =>
      executors(qualname).flatMap((e) => traceUops(e.trace).map((u) => uopName(u.opcode))),
  };
}

export function tier1Output(source: string): string {
  let out = "";
  const engine = createEngine({ stdout: (t) => (out += t) });
  engine.run(source);
  return out;
}
