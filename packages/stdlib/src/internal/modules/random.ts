// _random: the Mersenne Twister (MT19937) core of the random module, bit for bit as CPython's
// _randommodule.c: init_by_array seeding from an int's 32-bit words (str seeds go through
// SHA-512 as random.py does), 53-bit random(), getrandbits, getstate/setstate. The derived
// methods are Python source in lib/random.py.
import type * as NodeCrypto from "node:crypto";
import { createRequire } from "node:module";
import {
  intFromBigInt,
  intToBigInt,
  isInt,
  isStr,
  layout,
  type ObjectSpace,
  type PyType,
  SideTable,
  strValue,
  tupleFromRefs,
  tupleItem,
  tupleLength,
} from "@skein/objects";
import { ERROR, NULL, type StackRef, TAG_MASK } from "@skein/stackref";

let crypto: typeof NodeCrypto | null = null;

/** node:crypto, loaded when first seeded: the engine's start-up does not pay for it (~4 ms). */
function nodeCrypto(): typeof NodeCrypto {
  crypto ??= createRequire(import.meta.url)("node:crypto") as typeof NodeCrypto;
  return crypto;
}

import type { ModuleBuilder } from "../module-util.js";
import type { Stdlib } from "../runtime.js";

const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;

class MersenneTwister {
  readonly mt = new Uint32Array(N);
  index = N + 1;

  initGenrand(seed: number): void {
    const mt = this.mt;
    mt[0] = seed >>> 0;
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1]! ^ (mt[i - 1]! >>> 30);
      // 1812433253 * prev + i, modulo 2**32, without losing bits to doubles.
      mt[i] = (Math.imul(1812433253, prev) + i) >>> 0;
    }
    this.index = N;
  }

  initByArray(key: readonly number[]): void {
    const mt = this.mt;
    this.initGenrand(19650218);
    let i = 1;
    let j = 0;
    const keyLength = key.length;
    for (let k = Math.max(N, keyLength); k > 0; k--) {
      const prev = mt[i - 1]! ^ (mt[i - 1]! >>> 30);
      mt[i] = ((mt[i]! ^ Math.imul(prev, 1664525)) + key[j]! + j) >>> 0;
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1]!;
        i = 1;
      }
      if (j >= keyLength) j = 0;
    }
    for (let k = N - 1; k > 0; k--) {
      const prev = mt[i - 1]! ^ (mt[i - 1]! >>> 30);
      mt[i] = ((mt[i]! ^ Math.imul(prev, 1566083941)) - i) >>> 0;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1]!;
        i = 1;
      }
    }
    mt[0] = 0x80000000;
    this.index = N;
  }

  genrandUint32(): number {
    const mt = this.mt;
    if (this.index >= N) {
      let kk = 0;
      for (; kk < N - M; kk++) {
        const y = (mt[kk]! & UPPER_MASK) | (mt[kk + 1]! & LOWER_MASK);
        mt[kk] = mt[kk + M]! ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
      }
      for (; kk < N - 1; kk++) {
        const y = (mt[kk]! & UPPER_MASK) | (mt[kk + 1]! & LOWER_MASK);
        mt[kk] = mt[kk + (M - N)]! ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
      }
      const y = (mt[N - 1]! & UPPER_MASK) | (mt[0]! & LOWER_MASK);
      mt[N - 1] = mt[M - 1]! ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
      this.index = 0;
    }
    let y = mt[this.index++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  random(): number {
    const a = this.genrandUint32() >>> 5;
    const b = this.genrandUint32() >>> 6;
    return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
  }

  getrandbits(k: number): bigint | number {
    if (k <= 32) return this.genrandUint32() >>> (32 - k);
    let result = 0n;
    let shift = 0n;
    for (let left = k; left > 0; left -= 32) {
      let r = this.genrandUint32();
      if (left < 32) r >>>= 32 - left;
      result |= BigInt(r) << shift;
      shift += 32n;
    }
    return result;
  }

  /** A uniformly random int in [0, n) by rejection (random.py's _randbelow_with_getrandbits). */
  randbelow(n: bigint): bigint {
    if (n <= 0n) return 0n;
    const k = n.toString(2).length;
    if (k <= 32) {
      const nn = Number(n);
      let r = this.genrandUint32() >>> (32 - k);
      while (r >= nn) r = this.genrandUint32() >>> (32 - k);
      return BigInt(r);
    }
    let r = BigInt(this.getrandbits(k));
    while (r >= n) r = BigInt(this.getrandbits(k));
    return r;
  }
}

const RANDOM_JS = 8;
const RANDOM_SIZE = 12;
const perSpace = new WeakMap<ObjectSpace, { type: PyType; table: SideTable<MersenneTwister> }>();

function seedFromBigInt(mt: MersenneTwister, n: bigint): void {
  if (n < 0n) n = -n;
  const key: number[] = [];
  do {
    key.push(Number(n & 0xffffffffn));
    n >>= 32n;
  } while (n > 0n);
  mt.initByArray(key);
}

export function randomType(s: ObjectSpace): { type: PyType; table: SideTable<MersenneTwister> } {
  const known = perSpace.get(s);
  if (known !== undefined) return known;
  const table = new SideTable<MersenneTwister>();
  const type = s.newStaticType(
    "Random",
    s.b.object,
    {
      dealloc: (addr) => {
        table.remove(s.i32[(addr + RANDOM_JS) >> 2]!);
        s.heap.freeObject(addr);
      },
      new: (cls) => {
        const ct = s.typeFromAddr(cls & ~TAG_MASK);
        const o = s.allocObject(ct, ct.basicSize);
        if (o === 0) return ERROR;
        s.i32.fill(NULL, (o + 8) >> 2, (o + ct.basicSize) >> 2);
        const mt = new MersenneTwister();
        seedFromBigInt(mt, BigInt(`0x${nodeCrypto().randomBytes(32).toString("hex")}`));
        s.i32[(o + RANDOM_JS) >> 2] = table.add(mt);
        return o;
      },
    },
    { flags: layout.TPFLAGS_BASETYPE },
  );
  type.module = "_random";
  type.basicSize = RANDOM_SIZE;
  const gen = (self: StackRef) => table.get(s.i32[((self & ~TAG_MASK) + RANDOM_JS) >> 2]!);
  const i32 = s.i32;
  type.methods.set("random", (self) => s.newFloat(gen(self).random()));
  type.methods.set("seed", (self, args, nargs) => {
    const mt = gen(self);
    const a = nargs > 0 ? i32[args]! : s.None;
    if (a === s.None || a === NULL) {
      seedFromBigInt(mt, BigInt(`0x${nodeCrypto().randomBytes(32).toString("hex")}`));
      return s.None;
    }
    if (isInt(s, a)) {
      seedFromBigInt(mt, intToBigInt(s, a));
      return s.None;
    }
    if (isStr(s, a)) {
      // random.py: int.from_bytes(a.encode() + sha512(a.encode()).digest())
      const bytes = Buffer.from(strValue(s, a), "utf8");
      const digest = nodeCrypto().createHash("sha512").update(bytes).digest();
      const all = Buffer.concat([bytes, digest]);
      seedFromBigInt(mt, BigInt(`0x${all.toString("hex")}`));
      return s.None;
    }
    const h = s.hashExact(a);
    if (h === null) return ERROR;
    seedFromBigInt(mt, BigInt.asUintN(64, h));
    return s.None;
  });
  type.methods.set("getrandbits", (self, args, nargs) => {
    if (nargs !== 1) {
      return s.raise(s.b.TypeError, `getrandbits() takes exactly one argument (${nargs} given)`);
    }
    const v = i32[args]!;
    if (!isInt(s, v)) {
      return s.raise(
        s.b.TypeError,
        `'${s.typeOf(v).name}' object cannot be interpreted as an integer`,
      );
    }
    const k = intToBigInt(s, v);
    if (k < 0n) return s.raise(s.b.ValueError, "number of bits must be non-negative");
    if (k === 0n) return s.newInt(0);
    const r = gen(self).getrandbits(Number(k));
    return typeof r === "number" ? s.newInt(r) : intFromBigInt(s, r);
  });
  type.methods.set("_randbelow", (self, args, nargs) => {
    if (nargs !== 1 || !isInt(s, i32[args]!)) {
      return s.raise(s.b.TypeError, "_randbelow() takes an int");
    }
    return intFromBigInt(s, gen(self).randbelow(intToBigInt(s, i32[args]!)));
  });
  type.methods.set("getstate", (self) => {
    const mt = gen(self);
    const items: StackRef[] = [];
    for (let i = 0; i < N; i++) items.push(s.newInt(mt.mt[i]!));
    items.push(s.newInt(mt.index));
    return tupleFromRefs(s, items);
  });
  type.methods.set("setstate", (self, args, nargs) => {
    if (nargs !== 1)
      return s.raise(s.b.TypeError, `setstate() takes exactly one argument (${nargs} given)`);
    const st = i32[args]!;
    if (s.typeOf(st) !== s.b.tuple) return s.raise(s.b.TypeError, "state vector must be a tuple");
    if (tupleLength(s, st) !== N + 1)
      return s.raise(s.b.ValueError, "state vector is the wrong size");
    const mt = gen(self);
    const values: number[] = [];
    for (let i = 0; i <= N; i++) {
      const v = tupleItem(s, st, i);
      if (!isInt(s, v)) return s.raise(s.b.TypeError, "state vector items must be integers");
      const n = intToBigInt(s, v);
      if (n < 0n || n > 0xffffffffn) {
        return s.raise(s.b.OverflowError, "Python int too large to convert to C unsigned long");
      }
      values.push(Number(n));
    }
    const index = values[N]!;
    if (index < 0 || index > N) return s.raise(s.b.ValueError, "invalid state");
    mt.mt.set(values.slice(0, N));
    mt.index = index;
    return s.None;
  });
  const result = { type, table };
  perSpace.set(s, result);
  return result;
}

export function initRandom(_rt: Stdlib, m: ModuleBuilder): void {
  m.ref("Random", randomType(m.s).type.addr | 1);
}
