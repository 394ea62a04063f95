// The `skein` command's engine thread runs one bundled script, dist/worker.cjs (worker.ts with
// every @skein package inlined), so that start-up neither resolves nor evaluates dozens of ES
// modules, and compiles it with a V8 code cache made at build time from a warmed-up run, so that
// it parses almost nothing either (packages/engine/README.md, "Start-up", has the figures).
//
// The build stamps the bundle with a last line: a hash of its text, which the cache file begins
// with, so a cache is used only with the build that made it (V8 itself checks only the source's
// length, its version and its flags; a bundle tsup rebuilt has no stamp until the build step
// stamps it again), and the size of each package's dist entry it inlined. When a package was rebuilt since (its size differs), the thread imports
// the packages as modules instead (dist/worker.js), so the command never runs stale code nor
// pairs it with a newer standard library's compiled modules. A missing, stale or rejected cache,
// or a stale bundle, costs time, never correctness.
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { Script } from "node:vm";

/**
 * How the engine's thread started, for `-X stats` (times in milliseconds). `codeCache`: whether
 * the bundle ran from V8's code cache ("missing" also when the cache is stale); "modules" when
 * the bundle was older than the packages and they were imported instead.
 */
export interface StartupInfo {
  readonly codeCache: "used" | "rejected" | "missing" | "modules";
  /** Reading, compiling and evaluating the bundle (or importing the modules). */
  readonly loadBundleMs: number;
}

/** What dist/worker.cjs and dist/worker.js export (src/worker.ts). */
export interface WorkerModule {
  runWorker(input: unknown, startup: StartupInfo): void;
  warmUp(emptyProgram: string): void;
}

/** Milliseconds since `start` (a process.hrtime.bigint(); `performance` would load a module). */
export function msSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const BUNDLE_FILE = "worker.cjs";
const CACHE_FILE = "worker.cjs.cache";
const MODULES_FILE = "worker.js";
const STAMP_MARK = "\n//# skein-worker-build=";
const KEY_LENGTH = 16;

/**
 * The build's stamp: the bundle's hash, and each inlined package's dist entry (its path from
 * dist/, the same in the workspace and in an npm install, and its size).
 */
interface Stamp {
  readonly key: string;
  readonly packages: Readonly<Record<string, { readonly path: string; readonly size: number }>>;
}

/** FNV-1a, twice with different offsets, as 16 hex digits: a change check, not a security one. */
function hashText(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x0100019d);
  }
  return (a >>> 0).toString(16).padStart(8, "0") + (b >>> 0).toString(16).padStart(8, "0");
}

/** The bundle's text without its stamp, and the stamp (null when the build did not stamp it). */
function splitStamp(source: string): { body: string; stamp: Stamp | null } {
  const at = source.lastIndexOf(STAMP_MARK);
  if (at < 0) return { body: source, stamp: null };
  try {
    return { body: source.slice(0, at), stamp: JSON.parse(source.slice(at + STAMP_MARK.length)) };
  } catch {
    return { body: source.slice(0, at), stamp: null };
  }
}

/** The size of a file, or -1 when it is not there. */
function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return -1;
  }
}

/**
 * Whether every package the bundle inlined is still the one it inlined. Resolving the packages
 * costs milliseconds, so their entries are looked for where the build found them first.
 */
function packagesUnchanged(stamp: Stamp, bundle: string): boolean {
  let require: NodeJS.Require | null = null;
  for (const [name, { path, size }] of Object.entries(stamp.packages)) {
    if (sizeOf(join(dirname(bundle), path)) === size) continue;
    require ??= createRequire(bundle);
    let entry: string;
    try {
      entry = require.resolve(name);
    } catch {
      return false;
    }
    if (sizeOf(entry) !== size) return false;
  }
  return true;
}

/** The cached data for this bundle, or undefined when the cache is missing or stale. */
function cachedDataFor(stamp: Stamp, cacheFile: string): Buffer | undefined {
  let cache: Buffer;
  try {
    cache = readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  const fresh = cache.toString("latin1", 0, KEY_LENGTH) === stamp.key;
  return fresh ? cache.subarray(KEY_LENGTH) : undefined;
}

/** Compile the CommonJS bundle as Node's loader would wrap it, and run its top level. */
function evaluate(file: string, source: string, cachedData: Buffer | undefined) {
  const script = new Script(
    `(function (exports, require, module, __filename, __dirname) {${source}\n})`,
    cachedData === undefined ? { filename: file } : { filename: file, cachedData },
  );
  const module = { exports: {} as WorkerModule };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
  return { exports: module.exports, script };
}

/**
 * Load the engine thread's code from `dir` (dist/): the bundle with its code cache when V8
 * accepts it, the bundle alone without a usable cache, the packages as modules when the bundle is
 * older than one of them (or was not stamped).
 */
export async function loadWorker(dir: string): Promise<{
  exports: WorkerModule;
  startup: StartupInfo;
}> {
  const start = process.hrtime.bigint();
  const file = resolve(dir, BUNDLE_FILE);
  // esbuild writes ASCII only (the build checks it), so latin1 reads it exactly, and faster.
  const source = readFileSync(file, "latin1");
  const { stamp } = splitStamp(source);
  if (stamp === null || !packagesUnchanged(stamp, file)) {
    const exports = (await import(pathToFileURL(join(dir, MODULES_FILE)).href)) as WorkerModule;
    return { exports, startup: { codeCache: "modules", loadBundleMs: msSince(start) } };
  }
  const cachedData = cachedDataFor(stamp, join(dir, CACHE_FILE));
  const { exports, script } = evaluate(file, source, cachedData);
  const codeCache =
    cachedData === undefined ? "missing" : script.cachedDataRejected ? "rejected" : "used";
  return { exports, startup: { codeCache, loadBundleMs: msSince(start) } };
}

/**
 * The build's step after tsup: stamp the bundle (its hash, the sizes of the packages it inlined:
 * `packages`), run `emptyProgram` with it (the functions start-up compiles lazily are then
 * compiled) and write V8's code cache of it. Returns the cache's size in bytes.
 */
export function writeWorkerCodeCache(
  dir: string,
  packages: readonly string[],
  emptyProgram: string,
): number {
  const file = resolve(dir, BUNDLE_FILE);
  const { body } = splitStamp(readFileSync(file, "latin1"));
  if (/[\u0080-\u00ff]/.test(body)) throw new Error(`${file} is not ASCII`);
  const require = createRequire(file);
  const entries = packages.map((name) => {
    const entry = require.resolve(name);
    return [name, { path: relative(dirname(file), entry), size: sizeOf(entry) }] as const;
  });
  const stamp: Stamp = { key: hashText(body), packages: Object.fromEntries(entries) };
  const source = `${body}${STAMP_MARK}${JSON.stringify(stamp)}\n`;
  writeFileSync(file, source);
  const { exports, script } = evaluate(file, source, undefined);
  exports.warmUp(emptyProgram);
  const data = script.createCachedData();
  writeFileSync(join(dir, CACHE_FILE), Buffer.concat([Buffer.from(stamp.key, "latin1"), data]));
  return KEY_LENGTH + data.length;
}
