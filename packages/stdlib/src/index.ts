export { sortRefs } from "@skein/objects";
export { type BuiltinsHost, createBuiltinsModule, isInstanceOf } from "./internal/builtins.js";
export {
  type Capabilities,
  CapabilityDenied,
  type NodeCapabilityOptions,
  nodeCapabilities,
} from "./internal/capabilities.js";
export {
  type CachedModule,
  decodeCode as decodeCodeUnit,
  encodeCode as encodeCodeUnit,
} from "./internal/code-cache.js";
export { Stdlib, type StdlibOptions } from "./internal/runtime.js";
