import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compileToAssembled } from "../src/internal/compile.js";
import { parse } from "../src/internal/parse.js";

// Every source the front end's tests use, plus deterministic mutations of them, goes through the
// whole back end: it must return a CodeUnit listing or a SyntaxError, never throw, and never hit
// an internal compiler error.
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const golden = new URL("./golden/", import.meta.url);
const sources: string[] = [];
for (const f of ["ast.json", "errors.json"]) {
  const data = JSON.parse(readFileSync(new URL(f, golden), "utf8")) as { source: string }[];
  for (const c of data) if (typeof c.source === "string") sources.push(c.source);
}
for (const f of readdirSync(new URL("codegen/", golden)).filter((n) => n.endsWith(".py"))) {
  sources.push(readFileSync(new URL(`codegen/${f}`, golden), "utf8"));
}

function mutations(src: string, seed: number): string[] {
  const r = rng(seed);
  const lines = src.split("\n");
  const out: string[] = [];
  for (let k = 0; k < 4; k++) {
    const copy = lines.slice();
    const i = Math.floor(r() * copy.length);
    if (r() < 0.5) copy.splice(i, 1);
    else copy.splice(i, 0, copy[Math.floor(r() * copy.length)] ?? "");
    out.push(copy.join("\n"));
  }
  // The same code inside a function, a class, a loop and a try.
  const body = lines.map((l) => `    ${l}`).join("\n");
  out.push(`def f(a, *b, **c):\n${body}\n`, `class C:\n${body}\n`, `for _ in x:\n${body}\n`);
  out.push(`async def f():\n${body}\n`, `try:\n${body}\nfinally:\n    pass\n`);
  return out;
}

function check(src: string): void {
  const p = parse(src, "<fuzz>", "exec");
  if (!p.ok) return;
  const r = compileToAssembled(p.ast, "<fuzz>", "exec", src);
  if (!r.ok) expect(r.error.msg).not.toMatch(/^internal compiler error/);
}

describe("compile never throws", () => {
  it(`compiles ${sources.length} sources and their mutations`, () => {
    sources.forEach((src, i) => {
      check(src);
      for (const m of mutations(src, i + 1)) check(m);
    });
  });
});
