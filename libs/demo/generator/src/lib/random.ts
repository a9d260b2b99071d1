/**
 * Seeded pseudo-random numbers. Everything the generator draws comes from here: never Math.random,
 * never the clock. sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, 128-bit state) seeded
 * through splitmix32, with independent sub-streams derived from (seed, label) so that one part of the
 * demo (say, the places of commune 95018) does not change when another part changes.
 */

/** 32-bit string hash (FNV-1a) used to derive sub-stream seeds from labels. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    const sm = splitmix32(seed);
    this.a = sm();
    this.b = sm();
    this.c = sm();
    this.d = sm();
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** A sub-stream for (seed, label): stable whatever else is drawn elsewhere. */
  static derive(seed: number, label: string): Rng {
    return new Rng((hashString(label) ^ Math.imul(seed >>> 0, 0x9e3779b1)) >>> 0);
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform in [min, max). */
  range(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Integer uniform in [min, max] (inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Standard normal (Box–Muller, one value per call). */
  normal(mean = 0, sd = 1): number {
    let u = this.next();
    while (u <= 1e-12) u = this.next();
    const v = this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Poisson draw: Knuth for small means, rounded normal for large ones. */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 30) return Math.max(0, Math.round(this.normal(mean, Math.sqrt(mean))));
    const l = Math.exp(-mean);
    let k = 0;
    let p = 1;
    do {
      k++;
      p *= this.next();
    } while (p > l);
    return k - 1;
  }

  /** floor(x) plus one with probability frac(x): an integer with expectation x and little variance. */
  roundStochastic(x: number): number {
    const f = Math.floor(x);
    return f + (this.next() < x - f ? 1 : 0);
  }

  /** Log-normal with the given median and shape sigma. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(this.normal(0, sigma));
  }
}

/**
 * Walker/Vose alias table: O(1) weighted draws, for the hot loops (millions of search events).
 */
export class AliasTable<T> {
  private readonly prob: Float64Array;
  private readonly alias: Uint32Array;

  constructor(
    readonly items: readonly T[],
    weights: readonly number[],
  ) {
    const n = items.length;
    if (n === 0 || weights.length !== n) throw new Error('AliasTable: items and weights must be non-empty and aligned');
    const total = weights.reduce((s, w) => s + Math.max(0, w), 0);
    if (!(total > 0)) throw new Error('AliasTable: weights must have a positive sum');
    this.prob = new Float64Array(n);
    this.alias = new Uint32Array(n);
    const scaled = weights.map((w) => (Math.max(0, w) * n) / total);
    const small: number[] = [];
    const large: number[] = [];
    scaled.forEach((s, i) => (s < 1 ? small : large).push(i));
    while (small.length && large.length) {
      const s = small.pop() as number;
      const l = large.pop() as number;
      this.prob[s] = scaled[s];
      this.alias[s] = l;
      scaled[l] = scaled[l] + scaled[s] - 1;
      (scaled[l] < 1 ? small : large).push(l);
    }
    for (const i of large) this.prob[i] = 1;
    for (const i of small) this.prob[i] = 1;
  }

  sampleIndex(rng: Rng): number {
    const u = rng.next() * this.items.length;
    const i = Math.floor(u);
    return u - i < this.prob[i] ? i : this.alias[i];
  }

  sample(rng: Rng): T {
    return this.items[this.sampleIndex(rng)];
  }
}

/** One weighted draw without building a table (small lists). */
export function weightedPick<T>(rng: Rng, entries: readonly (readonly [T, number])[]): T {
  let total = 0;
  for (const [, w] of entries) total += w;
  let u = rng.next() * total;
  for (const [item, w] of entries) {
    u -= w;
    if (u < 0) return item;
  }
  return entries[entries.length - 1][0];
}
