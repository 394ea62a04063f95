#!/usr/bin/env node
// The engine's build step after tsup: stamps dist/worker.cjs with its hash and the sizes of the
// packages it inlined, and writes V8's code cache of it, taken after an empty program ran
// (src/internal/worker-bundle.ts). Runs on the machine that installs the workspace, so the cache
// matches its Node.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const { writeWorkerCodeCache } = require("../dist/worker-thread.cjs");
const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
const packages = Object.keys(manifest.dependencies).filter((name) => name.startsWith("@skein/"));
const work = mkdtempSync(join(tmpdir(), "skein-warm-up-"));
try {
  const empty = join(work, "empty.py");
  writeFileSync(empty, "");
  const dist = fileURLToPath(new URL("../dist/", import.meta.url));
  const bytes = writeWorkerCodeCache(dist, packages, empty);
  console.log(`worker code cache: ${(bytes / 2 ** 20).toFixed(1)} MiB`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
