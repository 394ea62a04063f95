// The benchmark harness itself: a one-run pass over one program writes the JSON, the Markdown
// table and the SVG chart, with Skein's result checked against CPython's checksum when CPython
// 3.13 is installed.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "..", "..");
const out = mkdtempSync(join(tmpdir(), "skein-bench-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe("npm run bench", () => {
  it("measures a program and writes the report", { timeout: 300_000 }, () => {
    const r = spawnSync(
      process.execPath,
      [
        join(root, "bench", "run.mjs"),
        "--runs",
        "1",
        "--only",
        "loops",
        "--impl",
        "cpython-3.13,skein",
        "--no-micro",
        "--no-pyperformance",
        "--no-compile",
        "--out",
        out,
      ],
      { encoding: "utf8", timeout: 290_000 },
    );
    expect(r.status, r.stderr).toBe(0);
    const report = JSON.parse(readFileSync(join(out, "latest.json"), "utf8"));
    const rows = report.results as { benchmark: string; impls: Record<string, unknown> }[];
    const loops = rows.find((row) => row.benchmark === "loops");
    expect(loops).toBeDefined();
    const skein = loops!.impls.skein as { median: number; checksumOk: boolean | null };
    expect(skein.median).toBeGreaterThan(0);
    // Compared with CPython when it ran; a wrong answer is never a pass.
    expect(skein.checksumOk).not.toBe(false);
    expect(rows.some((row) => row.benchmark === "(startup)")).toBe(true);
    const md = readFileSync(join(out, "latest.md"), "utf8");
    expect(md).toContain("| loops |");
    expect(readFileSync(join(out, "latest.svg"), "utf8")).toContain("<svg");
  });
});
