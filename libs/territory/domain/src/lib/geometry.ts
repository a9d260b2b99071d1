import type { GeoJsonGeometry } from '@vigie/contracts';

export type Position = [number, number];
export interface BBox {
  minLon: number;
  minLat: number;
  maxLon: number;
  maxLat: number;
}

function eachPosition(geometry: GeoJsonGeometry, fn: (p: number[]) => void): void {
  if (geometry.type === 'Polygon') {
    for (const ring of geometry.coordinates as number[][][]) for (const p of ring) fn(p);
  } else {
    for (const poly of geometry.coordinates as number[][][][]) for (const ring of poly) for (const p of ring) fn(p);
  }
}

export function bboxOf(geometries: Iterable<GeoJsonGeometry>): BBox {
  const b: BBox = { minLon: Infinity, minLat: Infinity, maxLon: -Infinity, maxLat: -Infinity };
  for (const g of geometries) {
    eachPosition(g, ([lon, lat]) => {
      if (lon < b.minLon) b.minLon = lon;
      if (lon > b.maxLon) b.maxLon = lon;
      if (lat < b.minLat) b.minLat = lat;
      if (lat > b.maxLat) b.maxLat = lat;
    });
  }
  return b;
}

/** Maps every position of `geometry` from the `from` box into the `to` box, keeping the aspect ratio. */
export function fitGeometry(geometry: GeoJsonGeometry, from: BBox, to: BBox): GeoJsonGeometry {
  const sx = (to.maxLon - to.minLon) / Math.max(from.maxLon - from.minLon, 1e-9);
  const sy = (to.maxLat - to.minLat) / Math.max(from.maxLat - from.minLat, 1e-9);
  const s = Math.min(sx, sy);
  const ox = to.minLon + (to.maxLon - to.minLon - (from.maxLon - from.minLon) * s) / 2;
  const oy = to.minLat + (to.maxLat - to.minLat - (from.maxLat - from.minLat) * s) / 2;
  const map = (p: number[]) => [round4(ox + (p[0] - from.minLon) * s), round4(oy + (p[1] - from.minLat) * s)];
  if (geometry.type === 'Polygon') {
    return { type: 'Polygon', coordinates: (geometry.coordinates as number[][][]).map((r) => r.map(map)) };
  }
  return {
    type: 'MultiPolygon',
    coordinates: (geometry.coordinates as number[][][][]).map((poly) => poly.map((r) => r.map(map))),
  };
}

function round4(v: number): number {
  return Math.round(v * 1e4) / 1e4;
}

/**
 * Inset boxes for the overseas departments on a national map, stacked in the Bay of Biscay
 * west of metropolitan France (the usual INSEE/IGN layout). Lon/lat degrees.
 */
export const DROM_INSETS: Record<string, BBox> = {
  '971': { minLon: -9.6, minLat: 49.0, maxLon: -7.0, maxLat: 50.6 },
  '972': { minLon: -9.6, minLat: 47.2, maxLon: -7.0, maxLat: 48.7 },
  '973': { minLon: -9.6, minLat: 45.2, maxLon: -7.0, maxLat: 46.9 },
  '974': { minLon: -9.6, minLat: 43.5, maxLon: -7.0, maxLat: 44.9 },
  '976': { minLon: -9.6, minLat: 41.9, maxLon: -7.0, maxLat: 43.2 },
};

/**
 * Moves DROM geometries into insets. `groups` maps a DROM department code to the geometries
 * that belong to it (the department itself, or its communes); they share one transform.
 */
export function insetDromGeometries<T extends { departmentCode: string | null; geometry: GeoJsonGeometry | null }>(items: T[]): T[] {
  const byDept = new Map<string, T[]>();
  for (const it of items) {
    if (it.departmentCode && DROM_INSETS[it.departmentCode] && it.geometry) {
      const list = byDept.get(it.departmentCode) ?? [];
      list.push(it);
      byDept.set(it.departmentCode, list);
    }
  }
  const moved = new Map<T, GeoJsonGeometry>();
  for (const [dept, group] of byDept) {
    const from = bboxOf(group.map((g) => g.geometry as GeoJsonGeometry));
    for (const g of group) moved.set(g, fitGeometry(g.geometry as GeoJsonGeometry, from, DROM_INSETS[dept]));
  }
  return items.map((it) => (moved.has(it) ? { ...it, geometry: moved.get(it) as GeoJsonGeometry } : it));
}

/** True when (lon, lat) is inside the ring (even-odd rule). */
function inRing(ring: number[][], lon: number, lat: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function polygonsOf(g: GeoJsonGeometry): number[][][][] {
  return g.type === 'Polygon' ? [g.coordinates as number[][][]] : (g.coordinates as number[][][][]);
}

/** True when (lon, lat) lies inside the polygon or multipolygon (holes excluded). */
export function pointInGeometry(g: GeoJsonGeometry, lon: number, lat: number): boolean {
  return polygonsOf(g).some((poly) => inRing(poly[0], lon, lat) && !poly.slice(1).some((hole) => inRing(hole, lon, lat)));
}

/** Signed planar area and area centroid of a ring (lon/lat degrees, shoelace formula). */
function ringCentroid(ring: number[][]): { area: number; lon: number; lat: number } {
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const f = ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
    a += f;
    cx += (ring[j][0] + ring[i][0]) * f;
    cy += (ring[j][1] + ring[i][1]) * f;
  }
  return a === 0 ? { area: 0, lon: ring[0][0], lat: ring[0][1] } : { area: a / 2, lon: cx / (3 * a), lat: cy / (3 * a) };
}

/**
 * The point that stands for a territory, as for the communes of data/geo/communes.csv: the area centroid of
 * its largest polygon's outer ring; when that centroid falls outside the geometry (crescents, islands), an
 * interior point instead: the middle of the widest inside stretch of the horizontal line through the centroid.
 * Rounded to 5 decimals (about 1 m).
 */
export function representativePoint(g: GeoJsonGeometry): { lat: number; lon: number } {
  const polys = polygonsOf(g);
  let best = polys[0];
  let bestArea = -1;
  for (const p of polys) {
    const a = Math.abs(ringCentroid(p[0]).area);
    if (a > bestArea) {
      bestArea = a;
      best = p;
    }
  }
  const c = ringCentroid(best[0]);
  const r5 = (v: number) => Math.round(v * 1e5) / 1e5;
  if (pointInGeometry(g, c.lon, c.lat)) return { lat: r5(c.lat), lon: r5(c.lon) };
  const xs: number[] = [];
  for (const ring of best) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i];
      const [xj, yj] = ring[j];
      if (yi > c.lat !== yj > c.lat) xs.push(((xj - xi) * (c.lat - yi)) / (yj - yi) + xi);
    }
  }
  xs.sort((a, b) => a - b);
  let lon = c.lon;
  let width = -1;
  for (let i = 0; i + 1 < xs.length; i += 2) {
    if (xs[i + 1] - xs[i] > width) {
      width = xs[i + 1] - xs[i];
      lon = (xs[i] + xs[i + 1]) / 2;
    }
  }
  return { lat: r5(c.lat), lon: r5(lon) };
}
