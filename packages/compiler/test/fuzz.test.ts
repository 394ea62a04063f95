import { readdirSync, readFileSync } from "node:fs";
import { parse } from "@skein/compiler";
import { describe, expect, it } from "vitest";

// A small deterministic PRNG (mulberry32), so failures reproduce.
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

const ALPHABET = [
  ..."abcxyz019_ ()[]{}:;,.=+-*/%@<>!&|^~'\"\\#\n\t€é",
  "if ",
  "else",
  "def ",
  "lambda",
  " for ",
  " in ",
  "match ",
  "case ",
  "f'{",
  "}'",
  "async ",
  "await ",
  "yield",
  "**",
  "->",
  ":=",
  "    ",
  "'''",
  "\r\n",
];

function check(src: string): void {
  let r: ReturnType<typeof parse>;
  try {
    r = parse(src, "<fuzz>");
  } catch (e) {
    throw new Error(`host exception for ${JSON.stringify(src)}: ${e}`);
  }
  if (!r.ok) {
    expect(["SyntaxError", "IndentationError", "TabError"]).toContain(r.error.type);
    expect(r.error.lineno).toBeGreaterThanOrEqual(0);
    expect(typeof r.error.msg).toBe("string");
  }
}

describe("fuzz: parse returns a result, never throws", () => {
  const seeds = (() => {
    const dir = new URL("./golden/", import.meta.url);
    const out: string[] = [];
    for (const c of JSON.parse(readFileSync(new URL("ast.json", dir), "utf8")) as {
      source: string;
    }[])
      out.push(c.source);
    void readdirSync;
    return out;
  })();

  it("random token soup", () => {
    const rand = rng(12345);
    for (let n = 0; n < 1500; n++) {
      let s = "";
      const len = Math.floor(rand() * 40);
      for (let i = 0; i < len; i++) s += ALPHABET[Math.floor(rand() * ALPHABET.length)];
      check(s);
    }
  });

  it("mutated valid sources", () => {
    const rand = rng(987);
    for (let n = 0; n < 1500; n++) {
      const base = seeds[Math.floor(rand() * seeds.length)]!;
      const chars = [...base];
      const edits = 1 + Math.floor(rand() * 4);
      for (let k = 0; k < edits; k++) {
        const at = Math.floor(rand() * (chars.length + 1));
        const op = rand();
        if (op < 0.33) chars.splice(at, 1);
        else if (op < 0.66) chars.splice(at, 0, ALPHABET[Math.floor(rand() * ALPHABET.length)]!);
        else chars.splice(at, 1, ALPHABET[Math.floor(rand() * ALPHABET.length)]!);
      }
      check(chars.join(""));
    }
  });

  it("deep nesting never overflows the host stack", () => {
    for (const src of [
      `${"(".repeat(300)}1${")".repeat(300)}`,
      `${"-".repeat(100000)}1`,
      `${"not ".repeat(50000)}x`,
      `x${"**x".repeat(50000)}`,
      `${"lambda: ".repeat(20000)}0`,
      `${"a if b else ".repeat(20000)}c`,
      `${"[".repeat(199)}${"]".repeat(199)}`,
      `f'${"{f'".repeat(100)}'`,
      `${"x.".repeat(100000)}y`,
      `${"if x:\n".repeat(120)}`,
    ]) {
      check(src);
    }
  });
});
