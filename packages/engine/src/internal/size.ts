// Sizes on the command line and in options ("64M", "1G"), and the configuration error type;
// shared by the engine and the command line's main thread, which must not load the engine.

/** A configuration the engine cannot provide (a tier that does not exist yet, a bad size). */
export class EngineConfigError extends Error {}

/** Parse "64M", "1G", "512K" or a number of bytes. */
export function parseSize(size: number | string): number {
  if (typeof size === "number") return size;
  const m = /^(\d+(?:\.\d+)?)\s*([kmg]?)i?b?$/i.exec(size.trim());
  if (m === null) throw new EngineConfigError(`bad size: ${size}`);
  const unit = { "": 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2]!.toLowerCase()]!;
  return Math.floor(Number(m[1]) * unit);
}
