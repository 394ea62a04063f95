// Stack effect strings ("counter/1, left, right -- res") and symbolic stack offsets.

/** A stack item or cache entry of a uop's stack effect. */
export interface StackItem {
  readonly name: string;
  /** null: one slot; else the slot count expression of a variable-length item (`args[oparg]`). */
  readonly size: string | null;
  /** Cache units (1, 2 or 4) of a cache entry `name/N`; 0 for stack items. */
  readonly cacheSize: number;
}

export interface StackEffect {
  readonly inputs: readonly StackItem[];
  readonly outputs: readonly StackItem[];
  /** Cache entries, in order (they are written among the inputs). */
  readonly caches: readonly StackItem[];
}

export class SpecError extends Error {}

export function parseStackEffect(text: string): StackEffect {
  const sides = text.split("--");
  if (sides.length !== 2)
    throw new SpecError(`stack effect needs one "--": ${JSON.stringify(text)}`);
  const parseSide = (side: string): StackItem[] =>
    side
      .split(",")
      .map((s) => s.trim())
      .filter((s) => s !== "")
      .map(parseItem);
  const inputsAll = parseSide(sides[0]!);
  const outputs = parseSide(sides[1]!);
  const caches = inputsAll.filter((i) => i.cacheSize > 0);
  const inputs = inputsAll.filter((i) => i.cacheSize === 0);
  if (outputs.some((o) => o.cacheSize > 0))
    throw new SpecError(`cache entry among outputs: ${text}`);
  return { inputs, outputs, caches };
}

function parseItem(s: string): StackItem {
  let m = /^([A-Za-z_]\w*)\/(\d+)$/.exec(s);
  if (m) {
    const n = Number(m[2]);
    if (n !== 1 && n !== 2 && n !== 4)
      throw new SpecError(`cache entry size must be 1, 2 or 4: ${s}`);
    return { name: m[1]!, size: null, cacheSize: n };
  }
  m = /^([A-Za-z_]\w*)\[(.+)\]$/.exec(s);
  if (m) return { name: m[1]!, size: m[2]!.trim(), cacheSize: 0 };
  m = /^([A-Za-z_]\w*)$/.exec(s);
  if (m) return { name: m[1]!, size: null, cacheSize: 0 };
  throw new SpecError(`bad stack item: ${JSON.stringify(s)}`);
}

/**
 * A symbolic stack offset: a constant plus integer multiples of opaque terms ("oparg",
 * "(oparg & 1)"), so each instruction ends with one `sp = sp + k` however its items are sized.
 */
export class Sym {
  constructor(
    readonly c: number,
    readonly terms: ReadonlyMap<string, number> = new Map(),
  ) {}

  static zero = new Sym(0);

  /** The size of an item: 1, or its parsed size expression. */
  static size(item: StackItem): Sym {
    return item.size === null ? new Sym(1) : Sym.parse(item.size);
  }

  /** Parse `oparg`, `oparg-1`, `oparg*2`, `2*oparg`, `7`; anything else is one opaque term. */
  static parse(expr: string): Sym {
    const e = expr.replace(/\s+/g, "");
    if (/^-?\d+$/.test(e)) return new Sym(Number(e));
    let m = /^([a-z_]\w*)([+-]\d+)?$/.exec(e);
    if (m) return new Sym(m[2] ? Number(m[2]) : 0, new Map([[m[1]!, 1]]));
    m = /^([a-z_]\w*)\*(\d+)$/.exec(e) ?? /^(\d+)\*([a-z_]\w*)$/.exec(e);
    if (m) {
      const [name, k] = /^\d+$/.test(m[1]!) ? [m[2]!, Number(m[1])] : [m[1]!, Number(m[2])];
      return new Sym(0, new Map([[name, k]]));
    }
    return new Sym(0, new Map([[`(${expr.trim()})`, 1]]));
  }

  add(o: Sym): Sym {
    const terms = new Map(this.terms);
    for (const [t, k] of o.terms) {
      const v = (terms.get(t) ?? 0) + k;
      if (v === 0) terms.delete(t);
      else terms.set(t, v);
    }
    return new Sym(this.c + o.c, terms);
  }

  neg(): Sym {
    return new Sym(-this.c, new Map([...this.terms].map(([t, k]) => [t, -k])));
  }

  sub(o: Sym): Sym {
    return this.add(o.neg());
  }

  isZero(): boolean {
    return this.c === 0 && this.terms.size === 0;
  }

  isConstant(): boolean {
    return this.terms.size === 0;
  }

  equals(o: Sym): boolean {
    return this.sub(o).isZero();
  }

  /** `base + this` as source text: `sp - 2 - oparg`. */
  render(base: string): string {
    let s = base;
    const sorted = [...this.terms].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [t, k] of sorted) {
      const mag = Math.abs(k) === 1 ? t : `${Math.abs(k)} * ${t}`;
      s += k > 0 ? ` + ${mag}` : ` - ${mag}`;
    }
    if (this.c > 0) s += ` + ${this.c}`;
    if (this.c < 0) s += ` - ${-this.c}`;
    return s;
  }

  /** As a standalone expression (no base): `2 + oparg`, `-1`. */
  toExpr(): string {
    const r = this.render("0");
    if (r === "0") return "0";
    if (r.startsWith("0 + ")) return r.slice(4);
    if (r.startsWith("0 - ")) return `-${r.slice(4)}`;
    return r;
  }
}
