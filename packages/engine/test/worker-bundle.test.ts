// The engine thread's loader (src/internal/worker-bundle.ts) over a small stand-in for dist/: a
// CommonJS bundle that inlined one package, its ES module twin, and the package itself. It runs
// from the code cache the build step wrote, compiles from source without a usable cache, and
// imports the modules when the package changed after the build.
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadWorker, writeWorkerCodeCache } from "../src/internal/worker-bundle.js";

const root = mkdtempSync(join(tmpdir(), "skein-worker-bundle-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const dist = join(root, "engine", "dist");
const inlined = join(root, "node_modules", "inlined");
mkdirSync(dist, { recursive: true });
mkdirSync(inlined, { recursive: true });
writeFileSync(join(inlined, "package.json"), '{ "name": "inlined", "main": "index.js" }');
writeFileSync(join(inlined, "index.js"), "exports.answer = 42;\n");
// The bundle says where it came from; warmUp records that it ran (the build's warm-up).
writeFileSync(
  join(dist, "worker.cjs"),
  `let warmed = false;
exports.runWorker = () => ({ from: "bundle", warmed });
exports.warmUp = (file) => { warmed = file.endsWith("empty.py"); };
`,
);
writeFileSync(
  join(dist, "worker.js"),
  'export const runWorker = () => ({ from: "modules" });\nexport const warmUp = () => {};\n',
);
const emptyProgram = join(root, "empty.py");
writeFileSync(emptyProgram, "");

async function load() {
  const { exports, startup } = await loadWorker(dist);
  return { ran: exports.runWorker({}, startup) as unknown, codeCache: startup.codeCache };
}

describe("the engine thread's bundle", () => {
  it("imports the modules while the build has not stamped the bundle", async () => {
    expect(await load()).toEqual({ ran: { from: "modules" }, codeCache: "modules" });
  });

  it("runs from the code cache the build wrote after its warm-up", async () => {
    expect(writeWorkerCodeCache(dist, ["inlined"], emptyProgram)).toBeGreaterThan(16);
    // The warm-up ran in the build's own evaluation; this is a fresh one.
    expect(await load()).toEqual({ ran: { from: "bundle", warmed: false }, codeCache: "used" });
  });

  it("compiles from source when the cache belongs to another build", async () => {
    writeFileSync(join(dist, "worker.cjs.cache"), "0000000000000000 not a cache");
    expect(await load()).toMatchObject({ ran: { from: "bundle" }, codeCache: "missing" });
    rmSync(join(dist, "worker.cjs.cache"));
    expect(await load()).toMatchObject({ ran: { from: "bundle" }, codeCache: "missing" });
  });

  it("imports the modules when an inlined package changed after the build", async () => {
    writeWorkerCodeCache(dist, ["inlined"], emptyProgram);
    appendFileSync(join(inlined, "index.js"), "exports.more = 1;\n");
    expect(await load()).toEqual({ ran: { from: "modules" }, codeCache: "modules" });
  });
});
