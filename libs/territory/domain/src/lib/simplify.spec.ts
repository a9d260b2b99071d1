import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GeoJsonGeometry } from '@vigie/contracts';
import { countPositions, simplifyTopology } from './simplify.js';

const root = join(import.meta.dirname, '../../../../..');

type Ring = number[][];
const key = (p: number[]) => `${p[0]},${p[1]}`;
const ringsOf = (g: GeoJsonGeometry): Ring[] => (g.type === 'Polygon' ? (g.coordinates as Ring[]) : (g.coordinates as Ring[][]).flat());
const polygon = (...rings: Ring[]): GeoJsonGeometry => ({ type: 'Polygon', coordinates: rings });

/** Planar shoelace area of a ring, in square degrees (only compared with itself). */
function ringArea(ring: Ring): number {
  let s = 0;
  for (let i = 0; i + 1 < ring.length; i++) s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return Math.abs(s) / 2;
}
function area(g: GeoJsonGeometry): number {
  const polys = g.type === 'Polygon' ? [g.coordinates as Ring[]] : (g.coordinates as Ring[][]);
  return polys.reduce((s, poly) => s + poly.reduce((a, ring, i) => a + (i === 0 ? 1 : -1) * ringArea(ring), 0), 0);
}
/** Rings that are open, shorter than 4 positions or repeat a position consecutively. */
function invalidRings(g: GeoJsonGeometry): string[] {
  return ringsOf(g)
    .filter(
      (ring) => ring.length < 4 || key(ring[ring.length - 1]) !== key(ring[0]) || ring.some((p, i) => i > 0 && key(p) === key(ring[i - 1])),
    )
    .map((ring) => JSON.stringify(ring).slice(0, 80));
}
const expectValid = (g: GeoJsonGeometry) => expect(invalidRings(g)).toEqual([]);
/** The part of `ring` from `from` to `to`, walking forward (cyclically). */
function stretch(ring: Ring, from: number[], to: number[]): string[] {
  const open = ring.slice(0, -1).map(key);
  const start = open.indexOf(key(from));
  expect(start).toBeGreaterThanOrEqual(0);
  const out: string[] = [];
  for (let k = 0; k <= open.length; k++) {
    out.push(open[(start + k) % open.length]);
    if (out[out.length - 1] === key(to)) return out;
  }
  throw new Error(`${key(to)} not in ring`);
}
/**
 * `n` + 1 vertices (4 decimals) from `from` to `to`: 0.001° wiggles, except around a 0.01° plateau in
 * the middle whose two ends are exactly as far from the chord. Douglas–Peucker at 0.009° keeps one of
 * them, the first it meets: which one depends on the direction of travel.
 */
function side(from: number[], to: number[], n = 100): Ring {
  const [dx, dy] = [to[0] - from[0], to[1] - from[1]];
  const len = Math.hypot(dx, dy);
  const out: Ring = [];
  for (let i = 0; i <= n; i++) {
    const t = i / n;
    const off = t > 0.44 && t < 0.56 ? 0.01 : t < 0.4 || t > 0.6 ? (i % 2) * 0.001 : 0;
    out.push([from[0] + t * dx + (off * dy) / len, from[1] + t * dy - (off * dx) / len].map((v) => Math.round(v * 1e4) / 1e4));
  }
  return out;
}
/** A closed square ring of four such sides (corners listed anticlockwise from the first). */
function square(corners: number[][]): Ring {
  return corners.flatMap((c, i) => side(c, corners[(i + 1) % 4]).slice(0, -1)).concat([corners[0]]);
}
/** A ring's vertices from its smallest one, in the direction of its smaller neighbour: same ring ⇔ same list. */
function normalise(ring: Ring): string[] {
  const open = ring.slice(0, -1);
  let m = 0;
  open.forEach((p, i) => {
    if (p[0] < open[m][0] || (p[0] === open[m][0] && p[1] < open[m][1])) m = i;
  });
  const rotated = [...open.slice(m), ...open.slice(0, m)];
  const back = [rotated[0], ...rotated.slice(1).reverse()];
  const [a, b] = [rotated[1], back[1]];
  return (a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]) ? rotated : back).map(key);
}

describe('simplifyTopology', () => {
  const border = side([1, 0], [1, 1]);
  // Different start vertices and opposite directions: a ring-by-ring Douglas–Peucker would not match.
  const left = polygon([[0, 0.5], [0, 0], ...border, [0, 1], [0, 0.5]]);
  const right = polygon([[2, 0.3], [2, 1], ...border.slice().reverse(), [2, 0], [2, 0.3]]);

  it('gives two neighbours the identical simplified border, in reverse order', () => {
    const [l, r] = simplifyTopology([left, right], 0.009) as GeoJsonGeometry[];
    const ours = stretch(ringsOf(l)[0], [1, 0], [1, 1]);
    const theirs = stretch(ringsOf(r)[0], [1, 1], [1, 0]);
    expect(ours.length).toBeLessThan(8); // the wiggles are gone
    expect(ours.filter((k) => k === '1.01,0.45' || k === '1.01,0.55')).toHaveLength(1); // the plateau is kept
    expect(theirs).toEqual(ours.slice().reverse());
    expectValid(l);
    expectValid(r);
    expect(countPositions([l, r])).toBeLessThan(countPositions([left, right]) / 5);
  });

  it('simplifies an enclave (a hole that is another polygon) identically on both sides', () => {
    const lake = square([
      [2, 0],
      [3, 0],
      [3, 1],
      [2, 1],
    ]).slice(0, -1);
    // The hole runs the other way round and starts elsewhere.
    const hole = [...lake.slice(0, 150).reverse(), ...lake.slice(150).reverse(), lake[149]];
    const outer = polygon(
      [
        [0, -1],
        [5, -1],
        [5, 2],
        [0, 2],
        [0, -1],
      ],
      hole,
    );
    const inner = polygon([...lake.slice(237), ...lake.slice(0, 238)]);
    const [o, i] = simplifyTopology([outer, inner], 0.009) as GeoJsonGeometry[];
    const simplified = (o.coordinates as Ring[])[1];
    expect(normalise(simplified)).toEqual(normalise((i.coordinates as Ring[])[0]));
    expect(simplified.length).toBeLessThan(lake.length / 5);
    expectValid(o);
    expectValid(i);
  });

  it('simplifies an island the same whatever its starting vertex and direction', () => {
    const island = square([
      [5, 0],
      [6, 0],
      [6, 1],
      [5, 1],
    ]).slice(0, -1);
    const results = new Set<string>();
    for (const start of [0, 1, 50, 100, 170, 399]) {
      for (const reverse of [false, true]) {
        const open = [...island.slice(start), ...island.slice(0, start)];
        if (reverse) open.reverse();
        const [g] = simplifyTopology([polygon([...open, open[0]])], 0.009) as GeoJsonGeometry[];
        expectValid(g);
        results.add(JSON.stringify(normalise((g.coordinates as Ring[])[0])));
      }
    }
    expect(results.size).toBe(1);
    const simplified = JSON.parse([...results][0]) as string[];
    expect(simplified.length).toBeGreaterThanOrEqual(8); // corners and plateaus
    expect(simplified.length).toBeLessThan(40);
  });

  it('keeps a tiny island as a minimal valid ring, a null geometry as null', () => {
    const tiny = polygon([
      [3, 45],
      [3.0002, 45],
      [3.0003, 45.0001],
      [3.0002, 45.0002],
      [3.0001, 45.0002],
      [3, 45.0001],
      [3, 45],
    ]);
    const [g, none] = simplifyTopology([tiny, null], 0.01);
    expect(none).toBeNull();
    expectValid(g!);
    expect(ringsOf(g!)[0]).toHaveLength(4);
    expect(area(g!)).toBeGreaterThan(0);
  });

  describe('on the shipped departments', () => {
    const departments = JSON.parse(readFileSync(join(root, 'data/geo/departements.geojson'), 'utf8')) as {
      features: { properties: { code: string }; geometry: GeoJsonGeometry }[];
    };
    const before = departments.features.map((f) => f.geometry);
    // Its speed is measured by the bench (tools/bench), not here: a test never depends on the machine's speed.
    const after = simplifyTopology(before, 0.003) as GeoJsonGeometry[];

    it('halves the point count at least, with valid rings', () => {
      expect(countPositions(after)).toBeLessThan(countPositions(before) / 2);
      expect(after.flatMap(invalidRings)).toEqual([]);
    });

    it('keeps shared borders shared: no gap, no overlap between neighbours', () => {
      const owners = (gs: GeoJsonGeometry[]) => {
        const m = new Map<string, Set<number>>();
        gs.forEach((g, d) => {
          for (const ring of ringsOf(g)) for (const p of ring) m.set(key(p), (m.get(key(p)) ?? new Set()).add(d));
        });
        return m;
      };
      const was = owners(before);
      const is = owners(after);
      let shared = 0;
      const missing: string[] = [];
      for (const [k, ds] of is) {
        const original = was.get(k) ?? new Set<number>();
        for (const d of ds) if (!original.has(d)) missing.push(`${k} is new in ${departments.features[d].properties.code}`);
        if (original.size > 1) shared++;
        // Every department that had this vertex and still borders here keeps it too.
        for (const d of original) if (!ds.has(d)) missing.push(`${k} dropped by ${departments.features[d].properties.code}`);
      }
      expect(missing).toEqual([]);
      expect(shared).toBeGreaterThan(1000);
    });

    it('changes no department area by 2 % or more', () => {
      const changes = before.map((g, i) => Math.abs(area(after[i]) / area(g) - 1));
      const worst = Math.max(...changes);
      expect(worst).toBeLessThan(0.02);
    });
  });
});
