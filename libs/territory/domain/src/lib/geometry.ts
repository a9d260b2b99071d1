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
