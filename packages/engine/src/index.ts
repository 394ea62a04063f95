export { type CliConfig, parseCommandLine, UsageError } from "./internal/cli-args.js";
export { fromPython, type JsValue, PyHandle, type PyValue, toPython } from "./internal/convert.js";
export {
  createEngine,
  Engine,
  EngineConfigError,
  type EngineOptions,
  formatSyntaxError,
  type JitTier,
  PythonError,
  type RunResult,
  type SyntaxDetails,
} from "./internal/engine.js";
export { parseSize } from "./internal/size.js";
