// The hooks a JIT driver (a frontend with its executors, @skein/tracer) plugs into tier 1. The
// interpreter calls them from the generated loops: a hot backward jump, each instruction of the
// tracing loop, ENTER_EXECUTOR, and the host frame in which recording started returning to host
// code. Without a driver, backward jumps back their counters off and nothing else is called.

/** RESUME_FRAME codes (see `Tier1Env.enterExecutor`). */
export const RESUME_CONTINUE = 0;
export const RESUME_ERROR = -1;
export const RESUME_SWITCH = 1;

export interface JitHooks {
  /**
   * The adaptive counter of the backward jump at `instr` triggered; `target` is the loop head. The
   * driver resets the counter, and returns RESUME_SWITCH (after setting `ts.resumeFrame` and the
   * frame's FRAME_IP to `target`) to start recording, or RESUME_CONTINUE.
   */
  backedge(frame: number, instr: number, target: number): number;
  /** Before each instruction of the tracing loop; nonzero stops recording (see Tier1Env). */
  record(frame: number, instr: number, sp: number): number;
  /** ENTER_EXECUTOR at `instr`; a RESUME_FRAME code, with `ts.resumeFrame` set. */
  enter(frame: number, instr: number, oparg: number): number;
  /**
   * The dispatch loop running at host depth `hostDepth` returned to host code (its host-owned
   * frame finished or raised). A recording that started at that depth must stop.
   */
  hostReturn(hostDepth: number): void;
  /**
   * Whether the loop at host depth `hostDepth` should be the tracing loop: a recording is active
   * and started at that depth (host code re-entered from a recorded instruction runs untraced).
   */
  shouldTrace(hostDepth: number): boolean;
}
