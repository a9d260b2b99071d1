import { EARTH_RADIUS_M } from './geo.js';

const RAD = Math.PI / 180;

/** Unit vector (x, y, z) of a WGS84 point on the sphere. */
export function toUnitVector(lat: number, lon: number): [number, number, number] {
  const cl = Math.cos(lat * RAD);
  return [cl * Math.cos(lon * RAD), cl * Math.sin(lon * RAD), Math.sin(lat * RAD)];
}

/** Great-circle metres from a squared chord between unit vectors (same value as haversine). */
export function chord2ToMeters(chord2: number): number {
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(chord2) / 2));
}

/** Squared chord for a great-circle distance in metres (Infinity stays Infinity). */
export function metersToChord2(meters: number): number {
  if (!Number.isFinite(meters)) return Infinity;
  if (meters >= Math.PI * EARTH_RADIUS_M) return 4;
  const c = 2 * Math.sin(meters / (2 * EARTH_RADIUS_M));
  return c * c;
}

const LEAF = 8;

/**
 * Static kd-tree over points on the unit sphere, stored in typed arrays (implicit tree, as kdbush).
 * The straight-line chord between unit vectors is a monotonic function of the great-circle
 * distance, so Euclidean nearest / radius searches in 3-D give exact great-circle answers with no
 * trigonometry in the inner loop. Faster than geokdbush for the millions of queries of a national
 * recompute, and supports a warm-start bound (`hint`) for spatially ordered queries.
 */
export class SphereIndex {
  readonly size: number;
  /** Tree position → caller's point index. */
  readonly ids: Int32Array;
  private readonly xyz: Float64Array;
  private readonly axis: Uint8Array;
  /** Squared chord of the last `nearest` answer (Infinity when none). */
  lastChord2 = Infinity;

  constructor(lats: ArrayLike<number>, lons: ArrayLike<number>, count = lats.length) {
    this.size = count;
    this.ids = new Int32Array(count);
    this.xyz = new Float64Array(count * 3);
    this.axis = new Uint8Array(count);
    for (let i = 0; i < count; i++) {
      const [x, y, z] = toUnitVector(lats[i], lons[i]);
      this.ids[i] = i;
      this.xyz[3 * i] = x;
      this.xyz[3 * i + 1] = y;
      this.xyz[3 * i + 2] = z;
    }
    if (count > 0) this.build(0, count - 1);
  }

  /** Point (unit vector) at tree position p. */
  coord(p: number, d: number): number {
    return this.xyz[3 * p + d];
  }

  private build(left: number, right: number): void {
    if (right - left <= LEAF) return;
    // Split along the axis of largest spread.
    let minX = Infinity, minY = Infinity, minZ = Infinity, maxX = -Infinity, maxY = -Infinity, maxZ = -Infinity;
    const a = this.xyz;
    for (let i = left; i <= right; i++) {
      const x = a[3 * i], y = a[3 * i + 1], z = a[3 * i + 2];
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
      if (z < minZ) minZ = z;
      if (z > maxZ) maxZ = z;
    }
    const sx = maxX - minX, sy = maxY - minY, sz = maxZ - minZ;
    const ax = sx >= sy && sx >= sz ? 0 : sy >= sz ? 1 : 2;
    const m = (left + right) >> 1;
    this.select(m, left, right, ax);
    this.axis[m] = ax;
    this.build(left, m - 1);
    this.build(m + 1, right);
  }

  /** Floyd–Rivest style quickselect (as in kdbush) on one axis. */
  private select(k: number, left: number, right: number, ax: number): void {
    const a = this.xyz;
    while (right > left) {
      if (right - left > 600) {
        const n = right - left + 1;
        const m = k - left + 1;
        const z = Math.log(n);
        const s = 0.5 * Math.exp((2 * z) / 3);
        const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (m - n / 2 < 0 ? -1 : 1);
        const newLeft = Math.max(left, Math.floor(k - (m * s) / n + sd));
        const newRight = Math.min(right, Math.floor(k + ((n - m) * s) / n + sd));
        this.select(k, newLeft, newRight, ax);
      }
      const t = a[3 * k + ax];
      let i = left;
      let j = right;
      this.swap(left, k);
      if (a[3 * right + ax] > t) this.swap(left, right);
      while (i < j) {
        this.swap(i, j);
        i++;
        j--;
        while (a[3 * i + ax] < t) i++;
        while (a[3 * j + ax] > t) j--;
      }
      if (a[3 * left + ax] === t) this.swap(left, j);
      else {
        j++;
        this.swap(j, right);
      }
      if (j <= k) left = j + 1;
      if (k <= j) right = j - 1;
    }
  }

  private swap(i: number, j: number): void {
    const a = this.xyz;
    for (let d = 0; d < 3; d++) {
      const t = a[3 * i + d];
      a[3 * i + d] = a[3 * j + d];
      a[3 * j + d] = t;
    }
    const t = this.ids[i];
    this.ids[i] = this.ids[j];
    this.ids[j] = t;
  }

  private bestPos = -1;
  private best2 = Infinity;
  private qx = 0;
  private qy = 0;
  private qz = 0;

  /**
   * Tree position of the nearest point with squared chord ≤ maxChord2, or -1; `lastChord2` holds its
   * squared chord. `hintPos` (a tree position, e.g. the previous answer of a spatially ordered scan)
   * seeds the search bound. Ties are broken towards the lowest tree position.
   */
  nearestPos(x: number, y: number, z: number, maxChord2 = Infinity, hintPos = -1): number {
    this.qx = x;
    this.qy = y;
    this.qz = z;
    this.bestPos = -1;
    this.best2 = maxChord2;
    if (this.size === 0) {
      this.lastChord2 = Infinity;
      return -1;
    }
    if (hintPos >= 0) {
      const d2 = this.dist2(hintPos);
      if (d2 <= this.best2) {
        this.best2 = d2;
        this.bestPos = hintPos;
      }
    }
    this.searchNearest(0, this.size - 1);
    this.lastChord2 = this.bestPos < 0 ? Infinity : this.best2;
    return this.bestPos;
  }

  private dist2(p: number): number {
    const a = this.xyz;
    const dx = a[3 * p] - this.qx, dy = a[3 * p + 1] - this.qy, dz = a[3 * p + 2] - this.qz;
    return dx * dx + dy * dy + dz * dz;
  }

  private consider(p: number): void {
    const d2 = this.dist2(p);
    if (d2 < this.best2 || (d2 === this.best2 && (this.bestPos < 0 || p < this.bestPos))) {
      this.best2 = d2;
      this.bestPos = p;
    }
  }

  private searchNearest(left: number, right: number): void {
    if (right - left <= LEAF) {
      for (let p = left; p <= right; p++) this.consider(p);
      return;
    }
    const m = (left + right) >> 1;
    const ax = this.axis[m];
    const q = ax === 0 ? this.qx : ax === 1 ? this.qy : this.qz;
    const diff = q - this.xyz[3 * m + ax];
    this.consider(m);
    if (diff <= 0) {
      this.searchNearest(left, m - 1);
      if (diff * diff <= this.best2) this.searchNearest(m + 1, right);
    } else {
      this.searchNearest(m + 1, right);
      if (diff * diff <= this.best2) this.searchNearest(left, m - 1);
    }
  }

  /** Calls fn(treePosition, chord2) for every point with squared chord ≤ r2 (any order). */
  within(x: number, y: number, z: number, r2: number, fn: (pos: number, chord2: number) => void): void {
    if (this.size === 0) return;
    this.qx = x;
    this.qy = y;
    this.qz = z;
    this.searchWithin(0, this.size - 1, r2, fn);
  }

  private searchWithin(left: number, right: number, r2: number, fn: (pos: number, chord2: number) => void): void {
    if (right - left <= LEAF) {
      for (let p = left; p <= right; p++) {
        const d2 = this.dist2(p);
        if (d2 <= r2) fn(p, d2);
      }
      return;
    }
    const m = (left + right) >> 1;
    const ax = this.axis[m];
    const q = ax === 0 ? this.qx : ax === 1 ? this.qy : this.qz;
    const diff = q - this.xyz[3 * m + ax];
    const d2 = this.dist2(m);
    if (d2 <= r2) fn(m, d2);
    if (diff <= 0 || diff * diff <= r2) this.searchWithin(left, m - 1, r2, fn);
    if (diff >= 0 || diff * diff <= r2) this.searchWithin(m + 1, right, r2, fn);
  }
}
