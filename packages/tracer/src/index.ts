export { JitDriver, type JitOptions, type TracerStats } from "./internal/driver.js";
export { dumpExecutor, type Locator } from "./internal/dump.js";
export { type Decoded, decode, expansion, uopName } from "./internal/instructions.js";
export { Recorder, type RecorderHost, type RecorderOptions } from "./internal/recorder.js";
