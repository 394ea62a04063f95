// The modules written in TypeScript, by name: each initializer fills a new module's namespace
// on first import.
import type { ModuleBuilder } from "../module-util.js";
import type { Stdlib } from "../runtime.js";
import { initAst } from "./_ast.js";
import { initDis } from "./dis.js";
import { initGc } from "./gc.js";
import { initIo } from "./io.js";
import { initItertools } from "./itertools.js";
import { initLinecache } from "./linecache.js";
import { initMath } from "./math.js";
import { initRandom } from "./random.js";
import { initStruct } from "./struct.js";
import { initSys } from "./sys.js";
import { initTime } from "./time.js";
import { initTypes } from "./types.js";
import { initWeakref } from "./weakref.js";

export type ModuleInit = (rt: Stdlib, m: ModuleBuilder) => void;

export const BUILTIN_MODULES: Readonly<Record<string, ModuleInit>> = {
  sys: initSys,
  _io: initIo,
  _types: initTypes,
  gc: initGc,
  weakref: initWeakref,
  math: initMath,
  _random: initRandom,
  itertools: initItertools,
  time: initTime,
  _struct: initStruct,
  _linecache: initLinecache,
  _dis: initDis,
  _ast: initAst,
};
