// A refleak check in the style of CPython's `regrtest -R`: each program runs several times in one
// engine, and after the warm-up runs the live objects and the references counted to tracked
// objects must stay the same from one run to the next, and the live heap bytes must not grow.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { createEngine } from "@skein/engine";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "..", "..", "..");
const here = import.meta.dirname;
const WARMUPS = 2;
const CHECKED = 2;

// The gc programs, and programs of other areas that exercise classes, closures, generators and
// exceptions (what leaks when a reference is lost).
const programs = [
  ...readdirSync(here)
    .filter((n) => n.endsWith(".py"))
    .map((n) => join(here, n)),
  ...[
    "basics/exceptions.py",
    "basics/functions.py",
    "generators/basics.py",
    "generators/coroutines.py",
    "objects/classes.py",
  ].map((p) => join(root, "tests", "python", p)),
];

interface Snapshot {
  objects: number;
  references: number;
  bytes: number;
}

function runRepeatedly(source: string, name: string): Snapshot[] {
  const engine = createEngine({ heapLimit: "256M", stdout: () => {}, stderr: () => {} });
  const snapshots: Snapshot[] = [];
  for (let i = 0; i < WARMUPS + CHECKED; i++) {
    engine.runMain(source, name);
    engine.collector.collect();
    const stats = engine.heap.stats();
    snapshots.push({
      objects: engine.liveObjects(),
      references: engine.collector.trackedReferences(),
      bytes: stats.liveBytes,
    });
  }
  return snapshots.slice(WARMUPS - 1);
}

describe("refleak check: programs run repeatedly in one engine leave nothing behind", () => {
  for (const path of programs) {
    it(relative(root, path), () => {
      const [first, ...rest] = runRepeatedly(readFileSync(path, "utf8"), relative(root, path));
      for (const s of rest) {
        expect(s.objects).toBe(first!.objects);
        expect(s.references).toBe(first!.references);
        // Blocks may shrink (a table compacted between runs); they must not grow.
        expect(s.bytes).toBeLessThanOrEqual(first!.bytes);
      }
    });
  }

  it("notices a program that keeps something alive between runs", () => {
    // gc.garbage outlives the runs: each run leaves one more list behind.
    const leaky = "import gc\ngc.garbage.append([])\n";
    const [first, second] = runRepeatedly(leaky, "leaky.py");
    expect(second!.objects).toBe(first!.objects + 1);
    expect(second!.references).toBeGreaterThan(first!.references);
  });
});
