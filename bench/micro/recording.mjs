// The cost of recording (issue #11: while tracing, a program must run at no less than a fifth of
// tier-1 speed): the same Python loops per instruction in tier 1's normal loop, and in the tracing
// loop with the recorder lowering every instruction (a probe that never lets a recording end: a
// finished or abandoned recording starts over at once). bench/run.mjs reports the ratios RATIOS
// names and checks TARGET.
import { createEngine } from "@skein/engine";
import { frameLayout } from "@skein/interp";
import { Recorder } from "@skein/tracer";

// Two loops: plain instructions (the straight path), and calls and returns (frame changes, the
// recorder's other path). Instructions per iteration measured with -X stats.
const WORKLOADS = {
  loop: {
    program: `
class P:
    def __init__(self, x):
        self.x = x
def work(n):
    t = 0
    p = P(3)
    for i in range(n):
        if i & 1:
            t += p.x * 2
        else:
            t -= 1
    return t
`,
    // FOR_ITER, STORE_FAST, the branch and one arm, the backward jump.
    perIteration: 12,
  },
  calls: {
    program: `
class P:
    def __init__(self, x):
        self.x = x
    def get(self):
        return self.x
def add(a, b):
    return a + b
def work(n):
    t = 0
    p = P(3)
    for i in range(n):
        t = add(t, p.get())
    return t
`,
    // Two calls and two returns, with their RESUMEs.
    perIteration: 17,
  },
};

/** The figures to compare (bench/run.mjs prints them as ratios): case -> its baseline. */
export const RATIOS = Object.fromEntries(
  Object.keys(WORKLOADS).flatMap((w) => [
    [`${w}: recording every instruction`, `${w}: tier 1`],
    [`${w}: recording, each trace handed over`, `${w}: tier 1`],
  ]),
);
/** Issue #11: while tracing, a program runs at no less than a fifth of tier-1 speed. */
export const TARGET = {
  max: 5,
  cases: Object.keys(WORKLOADS).map((w) => `${w}: recording every instruction`),
};

function engineWith(program, probe) {
  const engine = createEngine({ stdout: () => {} });
  engine.run(program);
  if (probe) probe(engine);
  return engine;
}

// With `handOver`, every trace is also read (its `Trace` made, as the driver does before
// compiling it): the whole cost of producing traces, not only of recording.
const recordingProbe = (handOver) => (engine) => {
  const ts = engine.interp.ts;
  const recorder = new Recorder(ts, { maxLength: 4000, minInstructions: 1, maxFrameDepth: 64 });
  let active = false;
  ts.jit = {
    backedge(frame, _instr, target) {
      if (active) return 0;
      active = true;
      recorder.begin(frame, target, 0);
      ts.i32[(frame + frameLayout.FRAME_IP) >> 2] = target;
      ts.resumeFrame = frame;
      return 1;
    },
    record(frame, instr, sp) {
      const end = recorder.step(frame, instr, sp);
      if (end !== null) {
        if (handOver && end.kind === "trace" && end.trace.uops.length === 0) {
          throw new Error("an empty trace");
        }
        recorder.begin(frame, instr, 0);
        recorder.step(frame, instr, sp);
      }
      return 0;
    },
    enter() {
      throw new Error("the recording probe installs no executors");
    },
    hostReturn() {
      active = false;
    },
    shouldTrace: () => active,
  };
};

export function setup() {
  const cases = {};
  for (const [name, { program, perIteration }] of Object.entries(WORKLOADS)) {
    const run = (engine) => (n) => {
      engine.run(`work(${Math.max(1, Math.round(n / perIteration))})`);
    };
    cases[`${name}: tier 1`] = run(engineWith(program, null));
    cases[`${name}: recording every instruction`] = run(engineWith(program, recordingProbe(false)));
    cases[`${name}: recording, each trace handed over`] = run(
      engineWith(program, recordingProbe(true)),
    );
  }
  return cases;
}

// `node bench/micro/recording.mjs`: the figures in one run, alternating the cases so that the
// machine's load weighs on all alike, in CPU time of this process (on a machine shared with
// other jobs, wall time mostly measures them), and their ratios to tier 1 (the target: at most 5).
if (import.meta.url === `file://${process.argv[1]}`) {
  const cases = Object.entries(setup());
  const OPS = 2_000_000;
  const times = cases.map(() => []);
  for (const [, fn] of cases) fn(OPS / 10);
  for (let r = 0; r < 9; r++) {
    for (const [k, [, fn]] of cases.entries()) {
      const before = process.cpuUsage();
      fn(OPS);
      const used = process.cpuUsage(before);
      times[k].push(((used.user + used.system) * 1000) / OPS);
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  const ns = Object.fromEntries(cases.map(([name], k) => [name, median(times[k])]));
  for (const [name] of cases) {
    const base = RATIOS[name];
    const ratio = base === undefined ? "" : ` (${(ns[name] / ns[base]).toFixed(2)}x tier 1)`;
    console.log(`${name}: ${ns[name].toFixed(2)} ns per instruction${ratio}`);
  }
}
