import type { GeoJsonGeometry } from '@vigie/contracts';
import type { Pool } from 'pg';
import { pointInGeometry } from '@vigie/territory-domain';

/** A commune of the analysis (arrondissements for Paris, Lyon and Marseille) that holds a what-if point. */
export interface WhatIfPlace {
  code: string;
  name: string;
  departmentCode: string | null;
}

function polygons(g: GeoJsonGeometry): number[][][][] {
  return g.type === 'Polygon' ? [g.coordinates as number[][][]] : (g.coordinates as number[][][][]);
}

/** Point in a (multi)polygon, holes included (the territory library's rule). */
export const geometryContains = pointInGeometry;

/** Metres from a point to the nearest edge of a geometry (equirectangular, fine at commune scale). */
export function metersToBoundary(g: GeoJsonGeometry, lon: number, lat: number): number {
  const kx = 111_320 * Math.cos((lat * Math.PI) / 180);
  const ky = 110_540;
  let best = Infinity;
  for (const poly of polygons(g))
    for (const ring of poly)
      for (let i = 1; i < ring.length; i++) {
        const ax = (ring[i - 1][0] - lon) * kx;
        const ay = (ring[i - 1][1] - lat) * ky;
        const bx = (ring[i][0] - lon) * kx;
        const by = (ring[i][1] - lat) * ky;
        const dx = bx - ax;
        const dy = by - ay;
        const len2 = dx * dx + dy * dy;
        const t = len2 > 0 ? Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2)) : 0;
        const d = Math.hypot(ax + t * dx, ay + t * dy);
        if (d < best) best = d;
      }
  return best;
}

/** A point within this distance of a commune's (simplified) outline counts as inside it when that commune is named. */
export const HINT_TOLERANCE_METERS = 1_500;

interface Candidate extends WhatIfPlace {
  geometry: GeoJsonGeometry | null;
}

/**
 * The commune a what-if point stands in: the commune whose polygon contains it (not the nearest centre, which
 * at a department border can be across it). `hint` is the commune the user clicked or chose: it wins when the
 * point is inside it or within HINT_TOLERANCE_METERS of its outline (simplified outlines leave slivers). A point
 * in no polygon (a sliver, the sea close to the coast) takes the commune with the nearest outline within 2 km.
 */
export function pickPlace(candidates: readonly Candidate[], lat: number, lon: number, hint?: string | null): WhatIfPlace | null {
  const withGeometry = candidates.filter((c): c is Candidate & { geometry: GeoJsonGeometry } => c.geometry !== null);
  const strip = (c: Candidate): WhatIfPlace => ({ code: c.code, name: c.name, departmentCode: c.departmentCode });
  if (hint) {
    const h = withGeometry.find((c) => c.code === hint);
    if (h && (geometryContains(h.geometry, lon, lat) || metersToBoundary(h.geometry, lon, lat) <= HINT_TOLERANCE_METERS)) return strip(h);
  }
  const inside = withGeometry.find((c) => geometryContains(c.geometry, lon, lat));
  if (inside) return strip(inside);
  let best: { c: Candidate; d: number } | null = null;
  for (const c of withGeometry) {
    const d = metersToBoundary(c.geometry, lon, lat);
    if (d <= 2_000 && (!best || d < best.d)) best = { c, d };
  }
  return best ? strip(best.c) : null;
}

/** Reads the communes around a point (bounding box of their centres ± 0.3°) and picks the one it stands in. */
export async function whatIfPlace(pool: Pool, lat: number, lon: number, hint?: string | null): Promise<WhatIfPlace | null> {
  const { rows } = await pool.query<{ code: string; name: string; department_code: string | null; geometry: GeoJsonGeometry | null }>(
    `SELECT code, name, department_code, geometry FROM commune
     WHERE country = 'FR' AND NOT has_arrondissements
       AND ((lat BETWEEN $1::float8 - 0.3 AND $1::float8 + 0.3 AND lon BETWEEN $2::float8 - 0.45 AND $2::float8 + 0.45) OR code = $3)`,
    [lat, lon, hint ?? ''],
  );
  return pickPlace(
    rows.map((r) => ({ code: r.code, name: r.name, departmentCode: r.department_code, geometry: r.geometry })),
    lat,
    lon,
    hint,
  );
}
