import type { GeoJsonGeometry } from '@vigie/contracts';

/**
 * Topology-preserving simplification of a set of polygons that share borders (TopoJSON-like).
 *
 * Every vertex is keyed by its exact coordinates. A vertex is a junction (never moved, never dropped)
 * when the set of rings containing it differs from that of its previous or next vertex, or when its
 * neighbours differ between the rings that share it. Rings are cut into arcs between junctions; a
 * border shared by two rings is then the same vertex sequence in both (possibly reversed). Each arc is
 * simplified once, with Douglas–Peucker in a canonical orientation (lexicographically smaller endpoint
 * first), and both neighbours receive the identical result: no gap, no overlap.
 *
 * A ring without any junction (an island, or an enclave that is both a hole and another polygon's outer
 * ring) fixes its lexicographically smallest vertex and the vertex farthest from it, whatever its
 * starting vertex. Rings stay valid (closed, ≥ 4 positions): a ring that would collapse keeps the
 * original points of its arcs (for both neighbours), a junction-free one keeps the smallest triangle.
 *
 * Distances are planar in degrees of latitude, longitude scaled by cos(latitude) at the arc's canonical
 * first vertex (a local equirectangular projection): `toleranceDeg` 0.001 ≈ 111 m.
 * Output coordinates are rounded to 4 decimals; consecutive duplicates are dropped.
 */
export function simplifyTopology(geometries: readonly (GeoJsonGeometry | null)[], toleranceDeg: number): (GeoJsonGeometry | null)[] {
  if (!(toleranceDeg > 0)) return geometries.slice();
  const tol2 = toleranceDeg * toleranceDeg;

  // 1. Vertices keyed by exact coordinates; rings as open cycles of vertex ids.
  let positions = 0;
  for (const g of geometries) for (const poly of polygonsOf(g)) for (const ring of poly) positions += ring.length;
  const vertices = new VertexIndex(positions);
  const rings: number[][] = [];
  /** Per geometry, per polygon, per ring: index into `rings`, or -1 for a degenerate ring kept as is. */
  const shape = geometries.map((g) =>
    polygonsOf(g).map((poly) =>
      poly.map((ring) => {
        const ids: number[] = [];
        for (const p of ring) {
          const id = vertices.id(p[0], p[1]);
          if (ids[ids.length - 1] !== id) ids.push(id);
        }
        while (ids.length > 1 && ids[ids.length - 1] === ids[0]) ids.pop();
        if (ids.length < 3) return -1;
        rings.push(ids);
        return rings.length - 1;
      }),
    ),
  );
  const { xs, ys } = vertices;
  const n = vertices.size;

  // 2. Junctions. Rings containing each vertex, as sorted lists in one array (rings are visited in order).
  const junction = new Uint8Array(n);
  const firstPrev = new Int32Array(n).fill(-1);
  const firstNext = new Int32Array(n).fill(-1);
  const lastRing = new Int32Array(n).fill(-1);
  const ringCount = new Int32Array(n);
  rings.forEach((ids, r) => {
    const len = ids.length;
    for (let i = 0; i < len; i++) {
      const v = ids[i];
      const prev = ids[(i + len - 1) % len];
      const next = ids[(i + 1) % len];
      if (lastRing[v] !== r) {
        lastRing[v] = r;
        ringCount[v]++;
      }
      if (firstPrev[v] === -1) {
        firstPrev[v] = prev;
        firstNext[v] = next;
      } else if (!((prev === firstPrev[v] && next === firstNext[v]) || (prev === firstNext[v] && next === firstPrev[v]))) {
        junction[v] = 1;
      }
    }
  });
  const offset = new Int32Array(n + 1);
  for (let v = 0; v < n; v++) offset[v + 1] = offset[v] + ringCount[v];
  const ringList = new Int32Array(offset[n]);
  const filled = new Int32Array(n);
  lastRing.fill(-1);
  rings.forEach((ids, r) => {
    for (const v of ids) {
      if (lastRing[v] !== r) {
        lastRing[v] = r;
        ringList[offset[v] + filled[v]++] = r;
      }
    }
  });
  const sameRings = (a: number, b: number): boolean => {
    const la = ringCount[a];
    if (la !== ringCount[b]) return false;
    for (let i = 0; i < la; i++) if (ringList[offset[a] + i] !== ringList[offset[b] + i]) return false;
    return true;
  };
  for (const ids of rings) {
    const len = ids.length;
    for (let i = 0; i < len; i++) {
      const v = ids[i];
      if (!junction[v] && (!sameRings(v, ids[(i + len - 1) % len]) || !sameRings(v, ids[(i + 1) % len]))) junction[v] = 1;
    }
  }

  // 3. Arcs, canonical orientation, simplified once each.
  const less = (a: number, b: number) => xs[a] < xs[b] || (xs[a] === xs[b] && ys[a] < ys[b]);
  const arcs = new Map<string, Arc>();
  const ringArcs: { arc: Arc; reversed: boolean }[][] = rings.map((ids) => {
    const len = ids.length;
    let start = -1;
    for (let i = 0; i < len && start < 0; i++) if (junction[ids[i]]) start = i;
    const pieces: number[][] = [];
    if (start < 0) {
      // Junction-free ring: one closed arc from its smallest vertex (isReversed picks the direction).
      let m = 0;
      for (let i = 1; i < len; i++) if (less(ids[i], ids[m])) m = i;
      const seq: number[] = [];
      for (let k = 0; k <= len; k++) seq.push(ids[(m + k) % len]);
      pieces.push(seq);
    } else {
      let seq = [ids[start]];
      for (let k = 1; k <= len; k++) {
        const v = ids[(start + k) % len];
        seq.push(v);
        if (junction[v]) {
          pieces.push(seq);
          seq = [v];
        }
      }
    }
    return pieces.map((seq) => {
      const reversed = isReversed(seq, less);
      const canonical = reversed ? seq.slice().reverse() : seq;
      // Between junctions, an arc is determined by its first edge: its inner vertices have one pair of neighbours.
      const key = `${canonical[0]},${canonical[1]},${canonical[canonical.length - 1]},${canonical.length}`;
      let arc = arcs.get(key);
      if (!arc) {
        arc = { ids: canonical, kept: simplifyArc(canonical, xs, ys, tol2) };
        arcs.set(key, arc);
      }
      return { arc, reversed };
    });
  });

  // 4. A ring that would collapse keeps the original points of its arcs (for every ring sharing them).
  const assemble = (parts: { arc: Arc; reversed: boolean }[]): number[] => {
    const out: number[] = [];
    for (const { arc, reversed } of parts) {
      const seq = arc.kept;
      for (let k = 0; k < seq.length; k++) {
        const v = seq[reversed ? seq.length - 1 - k : k];
        if (out[out.length - 1] !== v) out.push(v);
      }
    }
    while (out.length > 1 && out[out.length - 1] === out[0]) out.pop();
    return out;
  };
  let assembled = ringArcs.map(assemble);
  let restored = false;
  ringArcs.forEach((parts, r) => {
    if (assembled[r].length >= 3) return;
    for (const { arc } of parts) arc.kept = arc.ids;
    restored = true;
  });
  if (restored) assembled = ringArcs.map(assemble);

  // 5. Back to GeoJSON, 4 decimals, closed rings.
  const toRing = (ids: number[], original: number[][]): number[][] => {
    const out: number[][] = [];
    for (const v of ids) {
      const x = round4(xs[v]);
      const y = round4(ys[v]);
      const last = out[out.length - 1];
      if (!last || last[0] !== x || last[1] !== y) out.push([x, y]);
    }
    while (out.length > 1 && out[out.length - 1][0] === out[0][0] && out[out.length - 1][1] === out[0][1]) out.pop();
    if (out.length < 3) return original.map((p) => [round4(p[0]), round4(p[1])]);
    out.push([out[0][0], out[0][1]]);
    return out;
  };
  return geometries.map((g, gi) => {
    if (!g) return null;
    const coords = polygonsOf(g).map((poly, pi) =>
      poly.map((ring, ri) => {
        const r = shape[gi][pi][ri];
        return r < 0 ? ring.map((p) => [round4(p[0]), round4(p[1])]) : toRing(assembled[r], ring);
      }),
    );
    return g.type === 'Polygon' ? { type: 'Polygon', coordinates: coords[0] } : { type: 'MultiPolygon', coordinates: coords };
  });
}

/** Number of positions of a Polygon / MultiPolygon (closing positions included). */
export function countPositions(geometries: Iterable<GeoJsonGeometry | null>): number {
  let count = 0;
  for (const g of geometries) for (const poly of polygonsOf(g)) for (const ring of poly) count += ring.length;
  return count;
}

function polygonsOf(g: GeoJsonGeometry | null): number[][][][] {
  if (!g) return [];
  return g.type === 'Polygon' ? [g.coordinates as number[][][]] : (g.coordinates as number[][][][]);
}

/** Exact-coordinate vertex ids: open addressing, hashed on the 1e-4° cell, compared exactly (no string keys). */
class VertexIndex {
  readonly xs: Float64Array;
  readonly ys: Float64Array;
  size = 0;
  private readonly slots: Int32Array;
  private readonly mask: number;

  constructor(capacity: number) {
    this.xs = new Float64Array(capacity);
    this.ys = new Float64Array(capacity);
    let slots = 16;
    while (slots < capacity * 2) slots *= 2;
    this.slots = new Int32Array(slots).fill(-1);
    this.mask = slots - 1;
  }

  id(x: number, y: number): number {
    x += 0; // -0 and 0 are the same point
    y += 0;
    let h = Math.imul(Math.round(x * 1e4) | 0, 0x9e3779b1) ^ Math.imul(Math.round(y * 1e4) | 0, 0x85ebca6b);
    h ^= h >>> 15;
    for (let s = h & this.mask; ; s = (s + 1) & this.mask) {
      const id = this.slots[s];
      if (id < 0) {
        this.slots[s] = this.size;
        this.xs[this.size] = x;
        this.ys[this.size] = y;
        return this.size++;
      }
      if (this.xs[id] === x && this.ys[id] === y) return id;
    }
  }
}

interface Arc {
  /** Original vertex ids, canonical orientation. */
  ids: number[];
  /** Simplified vertex ids, canonical orientation, same endpoints. */
  kept: number[];
}

/** Whether `seq` runs against its canonical orientation (the smaller end first; for a closed arc, the smaller side). */
function isReversed(seq: number[], less: (a: number, b: number) => boolean): boolean {
  for (let i = 0, j = seq.length - 1; i < j; i++, j--) {
    if (seq[i] !== seq[j]) return less(seq[j], seq[i]);
  }
  return false;
}

/** Projected coordinates and flags of the arc being simplified, reused from arc to arc. */
let scratch = { x: new Float64Array(1024), y: new Float64Array(1024), keep: new Uint8Array(1024) };

/** Douglas–Peucker on one canonical arc; endpoints kept. A closed arc also keeps its farthest vertex. */
function simplifyArc(ids: number[], lons: Float64Array, lats: Float64Array, tol2: number): number[] {
  const m = ids.length - 1;
  if (m < 2) return ids;
  const scale = Math.cos((lats[ids[0]] * Math.PI) / 180);
  if (scratch.x.length <= m) scratch = { x: new Float64Array(2 * m + 2), y: new Float64Array(2 * m + 2), keep: new Uint8Array(2 * m + 2) };
  const { x, y, keep } = scratch;
  for (let i = 0; i <= m; i++) {
    x[i] = lons[ids[i]] * scale;
    y[i] = lats[ids[i]];
    keep[i] = 0;
  }
  keep[0] = keep[m] = 1;
  const stack: number[] = [];
  if (ids[0] === ids[m]) {
    let far = 0;
    let best = -1;
    for (let i = 1; i < m; i++) {
      const d = (x[i] - x[0]) ** 2 + (y[i] - y[0]) ** 2;
      if (d > best) {
        best = d;
        far = i;
      }
    }
    keep[far] = 1;
    stack.push(0, far, far, m);
  } else {
    stack.push(0, m);
  }
  while (stack.length) {
    const hi = stack.pop()!;
    const lo = stack.pop()!;
    // Farthest vertex from the segment lo–hi (distance to the segment, inlined: the hot loop).
    const ax = x[lo];
    const ay = y[lo];
    const dx = x[hi] - ax;
    const dy = y[hi] - ay;
    const l2 = dx * dx + dy * dy;
    let worst = -1;
    let at = -1;
    for (let i = lo + 1; i < hi; i++) {
      const px = x[i] - ax;
      const py = y[i] - ay;
      let t = l2 > 0 ? (px * dx + py * dy) / l2 : 0;
      t = t < 0 ? 0 : t > 1 ? 1 : t;
      const ex = t * dx - px;
      const ey = t * dy - py;
      const d = ex * ex + ey * ey;
      if (d > worst) {
        worst = d;
        at = i;
      }
    }
    if (at >= 0 && worst > tol2) {
      keep[at] = 1;
      stack.push(lo, at, at, hi);
    }
  }
  const kept: number[] = [];
  for (let i = 0; i <= m; i++) if (keep[i]) kept.push(i);
  if (ids[0] === ids[m] && kept.length < 4) {
    // A closed arc reduced to a segment: keep the smallest triangle (vertex farthest from it).
    const far = kept[1];
    let best = 0;
    let at = -1;
    for (let i = 1; i < m; i++) {
      const d = segmentDistance2(x[i], y[i], x[0], y[0], x[far], y[far]);
      if (d > best) {
        best = d;
        at = i;
      }
    }
    if (at < 0) return ids;
    keep[at] = 1;
    kept.length = 0;
    for (let i = 0; i <= m; i++) if (keep[i]) kept.push(i);
  }
  return kept.map((i) => ids[i]);
}

function segmentDistance2(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const l2 = dx * dx + dy * dy;
  let t = l2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / l2 : 0;
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  const ex = ax + t * dx - px;
  const ey = ay + t * dy - py;
  return ex * ex + ey * ey;
}

function round4(v: number): number {
  return Math.round(v * 1e4) / 1e4;
}
