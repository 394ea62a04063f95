// The per-benchmark floors of bench/trace-floors.json: with jit=uops and the default thresholds,
// at least that fraction of each benchmark's instructions must run inside traces. Each program runs
// in-process with instruction counts on; it takes minutes, so only `npm run test:full` runs it.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { createEngine } from "@skein/engine";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "..", "..");
const full = process.env.SKEIN_TEST_FULL === "1";
const { floors } = JSON.parse(readFileSync(join(root, "bench", "trace-floors.json"), "utf8")) as {
  floors: Record<string, number>;
};

describe.skipIf(!full)("fraction of each benchmark's instructions run inside traces", () => {
  for (const [name, floor] of Object.entries(floors)) {
    it(`${name} (floor ${floor})`, { timeout: 900_000 }, () => {
      const engine = createEngine({ jit: "uops", countInstructions: true, stdout: () => {} });
      const path = join(root, "bench", `${name}.py`);
      const { exitCode } = engine.runMain(readFileSync(path, "utf8"), path);
      expect(exitCode).toBe(0);
      const tracer = engine.stats().tracer as { fraction_in_traces: number };
      expect(tracer.fraction_in_traces).toBeGreaterThanOrEqual(floor);
    });
  }
});
