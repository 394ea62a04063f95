export { sortRefs } from "@skein/objects";
export { type BuiltinsHost, createBuiltinsModule, isInstanceOf } from "./internal/builtins.js";
