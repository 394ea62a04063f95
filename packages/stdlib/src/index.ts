export { type BuiltinsHost, createBuiltinsModule, isInstanceOf } from "./internal/builtins.js";
export { sortRefs } from "./internal/sort.js";
