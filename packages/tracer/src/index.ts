export { JitDriver, type JitOptions, type TracerStats } from "./internal/driver.js";
export { dumpExecutor } from "./internal/dump.js";
export { Recorder, type RecorderHost, type RecorderOptions } from "./internal/recorder.js";
