// Deep recursion is a RecursionError, never a host stack overflow: Python-to-Python calls are
// bounded by the recursion limit, and re-entries of the loop from host code (a dunder called from
// a slot) by their own bound, sized from the host stack.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createEngine } from "@skein/engine";
import { hostRecursionLimitFor } from "@skein/interp";
import { afterAll, describe, expect, it } from "vitest";

const EQ_CHAIN = `
class E:
    def __init__(self, n):
        self.n = n
    def __eq__(self, other):
        if self.n == 0:
            return True
        return E(self.n - 1) == other
`;

describe("recursion bounds", () => {
  it("sizes the host bound from the stack", () => {
    // V8's main-thread stack holds a few dozen re-entries, the CLI worker's 256 MiB thousands.
    expect(hostRecursionLimitFor(984 * 1024)).toBeGreaterThanOrEqual(32);
    expect(hostRecursionLimitFor(984 * 1024)).toBeLessThan(100);
    expect(hostRecursionLimitFor(256 * 2 ** 20)).toBeGreaterThan(10_000);
  });

  it("host re-entries on the main thread end in RecursionError, not a host overflow", () => {
    const engine = createEngine({ heapLimit: "64M" });
    engine.run(EQ_CHAIN);
    expect(engine.eval("E(20) == 1")).toBe(true);
    expect(() => engine.run("E(1000) == 1")).toThrow(/RecursionError: maximum recursion depth/);
    // The engine is still usable afterwards.
    expect(engine.eval("E(10) == 1")).toBe(true);
  });

  describe("the skein command (a worker with a big stack)", () => {
    const cli = resolve(import.meta.dirname, "..", "..", "engine", "dist", "cli.js");
    const dir = mkdtempSync(join(tmpdir(), "skein-recursion-"));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it("recurses 5000 deep through __eq__ under setrecursionlimit(10000)", () => {
      const path = join(dir, "eq.py");
      writeFileSync(
        path,
        `import sys\nsys.setrecursionlimit(10000)\n${EQ_CHAIN}\nprint(E(5000) == 1)\ntry:\n    E(20000) == 1\nexcept RecursionError as e:\n    print("RecursionError", e)\n`,
      );
      const r = spawnSync(process.execPath, [cli, path], { encoding: "utf8", timeout: 120_000 });
      expect(r.stderr).toBe("");
      expect(r.stdout).toBe("True\nRecursionError maximum recursion depth exceeded\n");
      expect(r.status).toBe(0);
    });
  });
});
