export {
  createEngine,
  Engine,
  EngineConfigError,
  PythonError,
  formatSyntaxError,
  parseSize,
  type EngineOptions,
  type JitTier,
  type RunResult,
  type SyntaxDetails,
} from "./internal/engine.js";
export { parseCommandLine, UsageError, type CliConfig } from "./internal/cli-args.js";
