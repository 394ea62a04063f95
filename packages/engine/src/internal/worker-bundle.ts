// The `skein` command's engine thread runs one bundled script, dist/worker.cjs (worker.ts with
// every @skein package inlined), so that start-up neither resolves nor evaluates dozens of ES
// modules, and compiles it with a V8 code cache made at build time from a warmed-up run, so that
// it parses almost nothing either (packages/engine/README.md, "Start-up", has the figures).
//
// The cache file begins with the key the build appended to the bundle (a hash of its text): V8
// itself checks only the source's length, its version and its flags, so an edited bundle of the
// same length would otherwise run with stale bytecode. A missing, stale or rejected cache costs
// time, never correctness: the bundle is then compiled from its source.
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { Script } from "node:vm";

/** Whether the bundle ran from V8's code cache ("missing" also when the cache is stale). */
export type CodeCacheUse = "used" | "rejected" | "missing";

/** How the engine's thread started, for `-X stats` (times in milliseconds). */
export interface StartupInfo {
  readonly codeCache: CodeCacheUse;
  /** Reading, compiling and evaluating the bundle. */
  readonly loadBundleMs: number;
}

/** What dist/worker.cjs exports (src/worker.ts). */
export interface WorkerModule {
  runWorker(input: unknown, startup: StartupInfo): void;
  warmUp(emptyProgram: string): void;
}

/** Milliseconds since `start` (a process.hrtime.bigint(); `performance` would load a module). */
export function msSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export const BUNDLE_FILE = "worker.cjs";
export const CACHE_FILE = "worker.cjs.cache";
const KEY_MARK = "\n//# skein-code-cache-key=";
const KEY_LENGTH = 16;

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

/** The bundle's key: the hash the build appended to it, or null when it has none. */
function keyOf(source: string): string | null {
  const at = source.lastIndexOf(KEY_MARK);
  if (at < 0) return null;
  const key = source.slice(at + KEY_MARK.length, at + KEY_MARK.length + KEY_LENGTH);
  return key.length === KEY_LENGTH ? key : null;
}

/** The cached data for this bundle text, or undefined when the cache is missing or stale. */
function cachedDataFor(source: string, cacheFile: string): Buffer | undefined {
  const key = keyOf(source);
  if (key === null) return undefined;
  let cache: Buffer;
  try {
    cache = readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  return cache.toString("latin1", 0, KEY_LENGTH) === key ? cache.subarray(KEY_LENGTH) : undefined;
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

/** Read the bundle in `dir`. esbuild writes ASCII only (the build checks it), so latin1 is exact. */
function readBundle(dir: string): { file: string; source: string } {
  const file = resolve(dir, BUNDLE_FILE);
  return { file, source: readFileSync(file, "latin1") };
}

/** Load the worker bundle of `dir` (dist/), with its code cache when V8 accepts it. */
export function loadWorkerBundle(dir: string): { exports: WorkerModule; startup: StartupInfo } {
  const start = process.hrtime.bigint();
  const { file, source } = readBundle(dir);
  const cachedData = cachedDataFor(source, join(dir, CACHE_FILE));
  const { exports, script } = evaluate(file, source, cachedData);
  const codeCache =
    cachedData === undefined ? "missing" : script.cachedDataRejected ? "rejected" : "used";
  return { exports, startup: { codeCache, loadBundleMs: msSince(start) } };
}

/**
 * The build's step after tsup: key the bundle, run `emptyProgram` with it (the functions start-up
 * compiles lazily are then compiled) and write V8's code cache of it. Returns the cache's size in
 * bytes.
 */
export function writeWorkerCodeCache(dir: string, emptyProgram: string): number {
  const { file, source: built } = readBundle(dir);
  if (/[\u0080-\u00ff]/.test(built)) throw new Error(`${file} is not ASCII`);
  const body = keyOf(built) === null ? built : built.slice(0, built.lastIndexOf(KEY_MARK));
  const key = hashText(body);
  const source = `${body}${KEY_MARK}${key}\n`;
  writeFileSync(file, source);
  const { exports, script } = evaluate(file, source, undefined);
  exports.warmUp(emptyProgram);
  const data = script.createCachedData();
  writeFileSync(join(dir, CACHE_FILE), Buffer.concat([Buffer.from(key, "latin1"), data]));
  return KEY_LENGTH + data.length;
}
