// The modules written in TypeScript, by name: each initializer fills a new module's namespace
// on first import.
import type { ModuleBuilder } from "../module-util.js";
import type { Stdlib } from "../runtime.js";
import { initIo } from "./io.js";
import { initSys } from "./sys.js";
import { initTypes } from "./types.js";

export type ModuleInit = (rt: Stdlib, m: ModuleBuilder) => void;

export const BUILTIN_MODULES: Readonly<Record<string, ModuleInit>> = {
  sys: initSys,
  _io: initIo,
  types: initTypes,
};
