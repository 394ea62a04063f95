#!/usr/bin/env node
// The engine's build step after tsup: keys dist/worker.cjs and writes V8's code cache of it,
// taken after an empty program ran (src/internal/worker-bundle.ts). Runs on the machine that
// installs the workspace, so the cache matches its Node.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const { writeWorkerCodeCache } = require("../dist/worker-thread.cjs");
const work = mkdtempSync(join(tmpdir(), "skein-warm-up-"));
try {
  const empty = join(work, "empty.py");
  writeFileSync(empty, "");
  const bytes = writeWorkerCodeCache(fileURLToPath(new URL("../dist/", import.meta.url)), empty);
  console.log(`worker code cache: ${(bytes / 2 ** 20).toFixed(1)} MiB`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
