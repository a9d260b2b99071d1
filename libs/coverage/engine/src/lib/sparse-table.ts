/**
 * Sparse (key, commune) → fixed-width row of numbers, in typed arrays: an open-addressing hash
 * (linear probing) over rows kept in first-insertion order. Internal to the model: it replaces
 * per-key Maps of small arrays (hundreds of thousands of heap objects nationally).
 */
export class SparseTable {
  readonly width: number;
  /** Number of rows. */
  size = 0;
  keys: Int32Array;
  communes: Int32Array;
  /** Row r occupies values[r·width … r·width + width). */
  values: Float64Array;
  private slots: Int32Array;
  private mask: number;

  constructor(width: number, capacity = 1024) {
    this.width = width;
    const cap = Math.max(16, capacity);
    this.keys = new Int32Array(cap);
    this.communes = new Int32Array(cap);
    this.values = new Float64Array(cap * width);
    let nSlots = 16;
    while (nSlots < 2 * cap) nSlots *= 2;
    this.slots = new Int32Array(nSlots).fill(-1);
    this.mask = nSlots - 1;
  }

  private static hash(k: number, i: number): number {
    let h = Math.imul(k, 0x9e3779b1) ^ Math.imul(i + 0x7f4a7c15, 0x85ebca6b);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    return h ^ (h >>> 12);
  }

  /** Row of (k, i), or -1. */
  find(k: number, i: number): number {
    const slots = this.slots,
      mask = this.mask;
    for (let s = SparseTable.hash(k, i) & mask; ; s = (s + 1) & mask) {
      const r = slots[s];
      if (r < 0) return -1;
      if (this.communes[r] === i && this.keys[r] === k) return r;
    }
  }

  /** Row of (k, i), appended (zeros) when missing; `created` tells which. */
  created = false;
  row(k: number, i: number): number {
    const mask = this.mask;
    let s = SparseTable.hash(k, i) & mask;
    for (; ; s = (s + 1) & mask) {
      const r = this.slots[s];
      if (r < 0) break;
      if (this.communes[r] === i && this.keys[r] === k) {
        this.created = false;
        return r;
      }
    }
    if (this.size === this.keys.length) {
      this.grow();
      return this.row(k, i);
    }
    const r = this.size++;
    this.keys[r] = k;
    this.communes[r] = i;
    this.slots[s] = r;
    this.created = true;
    return r;
  }

  private grow(): void {
    const cap = this.keys.length * 2;
    const keys = new Int32Array(cap),
      communes = new Int32Array(cap),
      values = new Float64Array(cap * this.width);
    keys.set(this.keys);
    communes.set(this.communes);
    values.set(this.values);
    this.keys = keys;
    this.communes = communes;
    this.values = values;
    const nSlots = this.slots.length * 2;
    const slots = new Int32Array(nSlots).fill(-1);
    const mask = nSlots - 1;
    for (let r = 0; r < this.size; r++) {
      let s = SparseTable.hash(keys[r], communes[r]) & mask;
      while (slots[s] >= 0) s = (s + 1) & mask;
      slots[s] = r;
    }
    this.slots = slots;
    this.mask = mask;
  }
}

/**
 * Sparse (key, commune) rows appended by the caller (no hashing while building); lookups go
 * through a commune → rows index built on first use.
 */
export class SparseRows {
  readonly width: number;
  size = 0;
  readonly keys: Int32Array;
  readonly communes: Int32Array;
  readonly values: Float64Array;
  private readonly nCommunes: number;
  private byCommuneStart: Int32Array | null = null;
  private byCommune: Int32Array | null = null;

  constructor(width: number, capacity: number, nCommunes: number) {
    this.width = width;
    this.keys = new Int32Array(capacity);
    this.communes = new Int32Array(capacity);
    this.values = new Float64Array(capacity * width);
    this.nCommunes = nCommunes;
  }

  /** Appends the row (k, i) (zeros) and returns it. */
  append(k: number, i: number): number {
    const r = this.size++;
    this.keys[r] = k;
    this.communes[r] = i;
    return r;
  }

  /** Row of (k, i), or -1. */
  find(k: number, i: number): number {
    if (!this.byCommune) this.index();
    const start = this.byCommuneStart!,
      rows = this.byCommune!;
    for (let p = start[i], end = start[i + 1]; p < end; p++) if (this.keys[rows[p]] === k) return rows[p];
    return -1;
  }

  private index(): void {
    const n = this.nCommunes;
    const start = new Int32Array(n + 1);
    for (let r = 0; r < this.size; r++) start[this.communes[r] + 1]++;
    for (let i = 0; i < n; i++) start[i + 1] += start[i];
    const next = start.slice(0, n);
    const rows = new Int32Array(this.size);
    for (let r = 0; r < this.size; r++) rows[next[this.communes[r]]++] = r;
    this.byCommuneStart = start;
    this.byCommune = rows;
  }
}
