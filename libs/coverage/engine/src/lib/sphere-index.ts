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
    let minX = Infinity,
      minY = Infinity,
      minZ = Infinity,
      maxX = -Infinity,
      maxY = -Infinity,
      maxZ = -Infinity;
    const a = this.xyz;
    for (let i = left; i <= right; i++) {
      const x = a[3 * i],
        y = a[3 * i + 1],
        z = a[3 * i + 2];
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
      if (z < minZ) minZ = z;
      if (z > maxZ) maxZ = z;
    }
    const sx = maxX - minX,
      sy = maxY - minY,
      sz = maxZ - minZ;
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

  /** Explicit traversal stack of the searches: subtree bounds and the squared split distance. */
  private stackL = new Int32Array(64);
  private stackR = new Int32Array(64);
  private stackD = new Float64Array(64);
  /** Results of `collectWithin`: tree positions and squared chords. */
  foundPos: Int32Array = new Int32Array(256);
  foundChord2: Float64Array = new Float64Array(256);

  private growStack(): void {
    const l = new Int32Array(this.stackL.length * 2),
      r = new Int32Array(l.length),
      d = new Float64Array(l.length);
    l.set(this.stackL);
    r.set(this.stackR);
    d.set(this.stackD);
    this.stackL = l;
    this.stackR = r;
    this.stackD = d;
  }

  /**
   * Tree position of the nearest point with squared chord ≤ maxChord2, or -1; `lastChord2` holds its
   * squared chord. `hintPos` (a tree position, e.g. the previous answer of a spatially ordered scan)
   * seeds the search bound. Ties are broken towards the lowest tree position.
   */
  nearestPos(x: number, y: number, z: number, maxChord2 = Infinity, hintPos = -1): number {
    const size = this.size;
    if (size === 0) {
      this.lastChord2 = Infinity;
      return -1;
    }
    const a = this.xyz;
    const axis = this.axis;
    let best2 = maxChord2;
    let bestPos = -1;
    if (hintPos >= 0) {
      const dx = a[3 * hintPos] - x,
        dy = a[3 * hintPos + 1] - y,
        dz = a[3 * hintPos + 2] - z;
      const d2 = dx * dx + dy * dy + dz * dz;
      if (d2 <= best2) {
        best2 = d2;
        bestPos = hintPos;
      }
    }
    // Depth-first, near side first; the far side is visited (when popped) only if the splitting
    // plane is within the current best distance: the same visiting order as a recursive search.
    let sp = 0;
    let left = 0;
    let right = size - 1;
    for (;;) {
      if (right - left <= LEAF) {
        for (let p = left; p <= right; p++) {
          const dx = a[3 * p] - x,
            dy = a[3 * p + 1] - y,
            dz = a[3 * p + 2] - z;
          const d2 = dx * dx + dy * dy + dz * dz;
          if (d2 < best2 || (d2 === best2 && (bestPos < 0 || p < bestPos))) {
            best2 = d2;
            bestPos = p;
          }
        }
        let found = false;
        while (sp > 0) {
          sp--;
          if (this.stackD[sp] <= best2) {
            left = this.stackL[sp];
            right = this.stackR[sp];
            found = true;
            break;
          }
        }
        if (!found) break;
        continue;
      }
      const m = (left + right) >> 1;
      const ax = axis[m];
      const diff = (ax === 0 ? x : ax === 1 ? y : z) - a[3 * m + ax];
      const dx = a[3 * m] - x,
        dy = a[3 * m + 1] - y,
        dz = a[3 * m + 2] - z;
      const d2 = dx * dx + dy * dy + dz * dz;
      if (d2 < best2 || (d2 === best2 && (bestPos < 0 || m < bestPos))) {
        best2 = d2;
        bestPos = m;
      }
      if (sp === this.stackL.length) this.growStack();
      if (diff <= 0) {
        this.stackL[sp] = m + 1;
        this.stackR[sp] = right;
        this.stackD[sp++] = diff * diff;
        right = m - 1;
      } else {
        this.stackL[sp] = left;
        this.stackR[sp] = m - 1;
        this.stackD[sp++] = diff * diff;
        left = m + 1;
      }
    }
    this.lastChord2 = bestPos < 0 ? Infinity : best2;
    return bestPos;
  }

  /**
   * Every point with squared chord ≤ r2 (any order), without callbacks: returns their number, the
   * tree positions and squared chords being in `foundPos` / `foundChord2` (valid until the next call).
   */
  collectWithin(x: number, y: number, z: number, r2: number): number {
    const size = this.size;
    if (size === 0) return 0;
    const a = this.xyz;
    const axis = this.axis;
    let pos = this.foundPos;
    let c2s = this.foundChord2;
    let count = 0;
    let sp = 0;
    let left = 0;
    let right = size - 1;
    for (;;) {
      if (right - left <= LEAF) {
        for (let p = left; p <= right; p++) {
          const dx = a[3 * p] - x,
            dy = a[3 * p + 1] - y,
            dz = a[3 * p + 2] - z;
          const d2 = dx * dx + dy * dy + dz * dz;
          if (d2 <= r2) {
            if (count === pos.length) [pos, c2s] = this.growFound();
            pos[count] = p;
            c2s[count++] = d2;
          }
        }
        if (sp === 0) break;
        sp--;
        left = this.stackL[sp];
        right = this.stackR[sp];
        continue;
      }
      const m = (left + right) >> 1;
      const ax = axis[m];
      const diff = (ax === 0 ? x : ax === 1 ? y : z) - a[3 * m + ax];
      const dx = a[3 * m] - x,
        dy = a[3 * m + 1] - y,
        dz = a[3 * m + 2] - z;
      const d2 = dx * dx + dy * dy + dz * dz;
      if (d2 <= r2) {
        if (count === pos.length) [pos, c2s] = this.growFound();
        pos[count] = m;
        c2s[count++] = d2;
      }
      const goLeft = diff <= 0 || diff * diff <= r2;
      const goRight = diff >= 0 || diff * diff <= r2;
      if (goLeft && goRight) {
        if (sp === this.stackL.length) this.growStack();
        this.stackL[sp] = m + 1;
        this.stackR[sp++] = right;
        right = m - 1;
      } else if (goLeft) right = m - 1;
      else left = m + 1;
    }
    return count;
  }

  /**
   * Tree positions cut into spatially compact runs: the subtrees of at most maxSize points, each
   * splitting point above them joined to the run just before it (runs of at most maxSize + 1).
   * Returns the run starts followed by `size`.
   */
  subtreeRuns(maxSize: number): Int32Array {
    const starts: number[] = [];
    const visit = (left: number, right: number): void => {
      if (left > right) return;
      if (right - left + 1 <= maxSize || right - left <= LEAF) {
        starts.push(left);
        return;
      }
      const m = (left + right) >> 1;
      if (m > left) visit(left, m - 1);
      else starts.push(m);
      visit(m + 1, right);
    };
    visit(0, this.size - 1);
    starts.push(this.size);
    return Int32Array.from(starts);
  }

  private groupXyz = new Float64Array(768);
  private groupHint = -1;

  /**
   * For a spatially compact group of query points (xs/ys/zs at the indices members[0..count)),
   * writes into out[index] the squared chord to the nearest point: the same value as
   * `nearestPos(...)` then `lastChord2` (Infinity on an empty tree). One nearest search from the
   * group's centre c bounds every member's answer: a member q's nearest point p satisfies
   * |c − p| ≤ |c − q| + |q − p| ≤ ρ + (ρ + r_c), ρ the group radius and r_c the centre's nearest
   * distance, so the members only scan the points within r_c + 2ρ of c (plus a margin far above
   * rounding errors; extra candidates do not change a minimum).
   */
  nearestChord2Group(xs: Float64Array, ys: Float64Array, zs: Float64Array, members: Int32Array, count: number, out: Float64Array): void {
    if (this.size === 0) {
      for (let j = 0; j < count; j++) out[members[j]] = Infinity;
      return;
    }
    let mx = 0,
      my = 0,
      mz = 0;
    for (let j = 0; j < count; j++) {
      const i = members[j];
      mx += xs[i];
      my += ys[i];
      mz += zs[i];
    }
    mx /= count;
    my /= count;
    mz /= count;
    let rho2 = 0;
    for (let j = 0; j < count; j++) {
      const i = members[j];
      const dx = xs[i] - mx,
        dy = ys[i] - my,
        dz = zs[i] - mz;
      const d2 = dx * dx + dy * dy + dz * dz;
      if (d2 > rho2) rho2 = d2;
    }
    // Seeded with the previous group's answer (groups come in spatial order): a bound only.
    this.groupHint = this.nearestPos(mx, my, mz, Infinity, this.groupHint);
    const r = Math.sqrt(this.lastChord2) + 2 * Math.sqrt(rho2) + 1e-9;
    const nc = this.collectWithin(mx, my, mz, r * r);
    if (this.groupXyz.length < 3 * nc) this.groupXyz = new Float64Array(6 * nc);
    const g = this.groupXyz,
      a = this.xyz,
      fp = this.foundPos;
    for (let c = 0; c < nc; c++) {
      const p = fp[c];
      g[3 * c] = a[3 * p];
      g[3 * c + 1] = a[3 * p + 1];
      g[3 * c + 2] = a[3 * p + 2];
    }
    for (let j = 0; j < count; j++) {
      const i = members[j];
      const x = xs[i],
        y = ys[i],
        z = zs[i];
      let best = Infinity;
      for (let c = 0; c < nc; c++) {
        const dx = g[3 * c] - x,
          dy = g[3 * c + 1] - y,
          dz = g[3 * c + 2] - z;
        const d2 = dx * dx + dy * dy + dz * dz;
        if (d2 < best) best = d2;
      }
      out[i] = best;
    }
  }

  private growFound(): [Int32Array, Float64Array] {
    const pos = new Int32Array(this.foundPos.length * 2),
      c2s = new Float64Array(pos.length);
    pos.set(this.foundPos);
    c2s.set(this.foundChord2);
    this.foundPos = pos;
    this.foundChord2 = c2s;
    return [pos, c2s];
  }

  private qx = 0;
  private qy = 0;
  private qz = 0;

  private dist2(p: number): number {
    const a = this.xyz;
    const dx = a[3 * p] - this.qx,
      dy = a[3 * p + 1] - this.qy,
      dz = a[3 * p + 2] - this.qz;
    return dx * dx + dy * dy + dz * dz;
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
