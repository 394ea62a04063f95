// \N{name} lookup over the generated name table (Unicode 15.1, as CPython 3.13). Names computed
// by algorithm (CJK ideographs, Hangul syllables, ...) are derived; the rest are decoded from the
// word-coded table into a map on first use.
import { ALGORITHMIC, ALPHABET, NAMES, RUNS, WORDS } from "../generated/unicode-names.gen.js";

const JAMO_L = [
  "G",
  "GG",
  "N",
  "D",
  "DD",
  "R",
  "M",
  "B",
  "BB",
  "S",
  "SS",
  "",
  "J",
  "JJ",
  "C",
  "K",
  "T",
  "P",
  "H",
];
const JAMO_V = [
  "A",
  "AE",
  "YA",
  "YAE",
  "EO",
  "E",
  "YEO",
  "YE",
  "O",
  "WA",
  "WAE",
  "OE",
  "YO",
  "U",
  "WEO",
  "WE",
  "WI",
  "YU",
  "EU",
  "YI",
  "I",
];
const JAMO_T = [
  "",
  "G",
  "GG",
  "GS",
  "N",
  "NJ",
  "NH",
  "D",
  "L",
  "LG",
  "LM",
  "LB",
  "LS",
  "LT",
  "LP",
  "LH",
  "M",
  "B",
  "BS",
  "S",
  "SS",
  "NG",
  "J",
  "C",
  "K",
  "T",
  "P",
  "H",
];

let table: Map<string, number> | null = null;

function buildTable(): Map<string, number> {
  const words = WORDS.split(",");
  const digit = new Int8Array(128).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) digit[ALPHABET.charCodeAt(i)] = i;
  const half = ALPHABET.length / 2;
  const cps: number[] = [];
  for (const run of RUNS.split(",")) {
    const [s, n] = run.split(":") as [string, string];
    const start = Number.parseInt(s, 16);
    const count = Number.parseInt(n, 16);
    for (let i = 0; i < count; i++) cps.push(start + i);
  }
  const map = new Map<string, number>();
  let k = 0;
  for (const coded of NAMES.split(",")) {
    let name = "";
    let acc = 0;
    let glue = true;
    for (let i = 0; i < coded.length; i++) {
      const d = digit[coded.charCodeAt(i)]!;
      if (d >= half) {
        acc = acc * half + (d - half);
        continue;
      }
      const w = words[acc * half + d]!;
      acc = 0;
      if (w === "-" || w === " -" || w === "- ") {
        name += w;
        glue = true;
      } else {
        name += glue ? w : ` ${w}`;
        glue = false;
      }
    }
    map.set(name, cps[k++]!);
  }
  return map;
}

/** The code point named `name` (case-insensitive, as Python's \N), or -1. */
export function lookupUnicodeName(name: string): number {
  const upper = name.toUpperCase();
  const dash = upper.lastIndexOf("-");
  if (dash > 0) {
    const ranges = ALGORITHMIC[upper.slice(0, dash)];
    const hex = upper.slice(dash + 1);
    if (ranges !== undefined && /^[0-9A-F]{4,6}$/.test(hex)) {
      const cp = Number.parseInt(hex, 16);
      for (const [a, b] of ranges) if (cp >= a && cp <= b) return cp;
      return -1;
    }
  }
  if (upper.startsWith("HANGUL SYLLABLE ")) {
    const rest = upper.slice(16);
    for (let l = 0; l < JAMO_L.length; l++) {
      const L = JAMO_L[l]!;
      if (!rest.startsWith(L)) continue;
      for (let v = 0; v < JAMO_V.length; v++) {
        const V = JAMO_V[v]!;
        if (!rest.startsWith(V, L.length)) continue;
        const t = JAMO_T.indexOf(rest.slice(L.length + V.length));
        if (t >= 0) return 0xac00 + (l * 21 + v) * 28 + t;
      }
    }
  }
  table ??= buildTable();
  return table.get(upper) ?? -1;
}
