export { loadCode, quicken } from "./internal/code-loader.js";
export {
  ADAPTIVE_COOLDOWN,
  ADAPTIVE_WARMUP,
  backoff,
  JUMP_UNARMED_BACKOFF,
} from "./internal/counters.js";
export * as frameLayout from "./internal/frame-layout.js";
export {
  Interpreter,
  type InterpreterOptions,
  type InterpreterStats,
} from "./internal/interpreter.js";
export {
  type JitHooks,
  RESUME_CONTINUE,
  RESUME_ERROR,
  RESUME_SWITCH,
} from "./internal/jit-hooks.js";
export {
  attachCollector,
  type CycleCollectorOptions,
  collectorOf,
  enableCycleCollector,
  FrameRoots,
  visitFrame,
} from "./internal/roots.js";
export { type SpecializationStats, Specializer } from "./internal/specialize.js";
export {
  EVAL_GC,
  EVAL_INTERRUPT,
  EVAL_TIMEOUT,
  hostRecursionLimitFor,
  type ThreadOptions,
  ThreadState,
  type Tier1ThreadState,
} from "./internal/thread-state.js";
export {
  checkTrace,
  lowerInstruction,
  ReferenceBackend,
  readCache,
  whyNotLowered,
} from "./internal/tier2.js";
export type { Tier2ThreadState } from "./internal/tier2-env.js";
