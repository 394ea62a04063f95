// \N{name} lookup. Names computed by algorithm (CJK ideographs, Hangul syllables) are handled
// here; the rest come from a generated table when one is installed.

let table: ((name: string) => number) | null = null;

/** Installs the full name table (kept separate so the tokenizer does not load it eagerly). */
export function setUnicodeNameTable(lookup: (name: string) => number): void {
  table = lookup;
}

const JAMO_L = ["G", "GG", "N", "D", "DD", "R", "M", "B", "BB", "S", "SS", "", "J", "JJ", "C", "K", "T", "P", "H"];
const JAMO_V = ["A", "AE", "YA", "YAE", "EO", "E", "YEO", "YE", "O", "WA", "WAE", "OE", "YO", "U", "WEO", "WE", "WI", "YU", "EU", "YI", "I"];
const JAMO_T = ["", "G", "GG", "GS", "N", "NJ", "NH", "D", "L", "LG", "LM", "LB", "LS", "LT", "LP", "LH", "M", "B", "BS", "S", "SS", "NG", "J", "C", "K", "T", "P", "H"];

/** The code point named `name` (case-insensitive, as Python), or -1. */
export function lookupUnicodeName(name: string): number {
  const upper = name.toUpperCase();
  const cjk = /^CJK UNIFIED IDEOGRAPH-([0-9A-F]{4,5})$/.exec(upper);
  if (cjk) {
    const cp = Number.parseInt(cjk[1]!, 16);
    if (/^\p{Unified_Ideograph}$/u.test(String.fromCodePoint(cp))) return cp;
    return -1;
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
    return -1;
  }
  return table ? table(upper) : -1;
}
