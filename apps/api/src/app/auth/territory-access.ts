import { ForbiddenException, Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import type { TerritoryLevel, TerritoryRef } from '@vigie/contracts';
import { formatTerritoryRef, levelRank, parseTerritoryRef } from '@vigie/territory-domain';
import { PG_POOL } from '../database/pg-pool.js';
import type { Viewer } from '../common/viewer.js';

const COLUMN: Record<'region' | 'department' | 'epci', string> = {
  region: 'region_code',
  department: 'department_code',
  epci: 'epci_code',
};

/** Parses the territories stored with a user ('national', 'department:95', …). */
export function parseUserTerritories(values: string[]): { national: boolean; territories: TerritoryRef[] } {
  const territories: TerritoryRef[] = [];
  let national = false;
  for (const v of values) {
    if (v === 'national') national = true;
    else {
      const ref = parseTerritoryRef(v);
      if (ref) territories.push(ref);
    }
  }
  return { national, territories };
}

export function seesEverything(viewer: Viewer): boolean {
  return viewer.role === 'admin' || !!viewer.national;
}

/**
 * Is `inner` inside `outer`, using the territory tables? An EPCI counts as inside a department or a
 * region only when every one of its communes is (some EPCI straddle two departments).
 */
export async function contains(pool: Pool, outer: TerritoryRef, inner: TerritoryRef): Promise<boolean> {
  if (outer.level === inner.level) return outer.code === inner.code;
  if (levelRank(outer.level) > levelRank(inner.level) || outer.level === 'commune') return false;
  const col = COLUMN[outer.level as 'region' | 'department' | 'epci'];
  let sql: string;
  if (inner.level === 'commune') sql = `SELECT 1 FROM commune WHERE code = $1 AND ${col} = $2`;
  else if (inner.level === 'epci') {
    sql = `SELECT 1 FROM commune WHERE epci_code = $1 HAVING count(*) > 0 AND bool_and(${col} = $2)`;
  } else sql = `SELECT 1 FROM department WHERE code = $1 AND region_code = $2`; // department in region
  const { rowCount } = await pool.query(sql, [inner.code, outer.code]);
  return !!rowCount;
}

/**
 * Territory scoping for every territorial query. `null` means the whole country.
 */
@Injectable()
export class TerritoryAccess {
  constructor(@Inject(PG_POOL) readonly pool: Pool) {}

  /** Is `ref` (null: national) inside one of the viewer's territories? Admins and national users: always. */
  async canSee(viewer: Viewer, ref: TerritoryRef | null): Promise<boolean> {
    if (seesEverything(viewer)) return true;
    if (!ref) return false;
    for (const t of viewer.territories) if (await contains(this.pool, t, ref)) return true;
    return false;
  }

  /**
   * Codes of `level` the viewer may see (a territory is visible when it lies inside one of the viewer's),
   * or null for everything (admins, national users). Used to scope lists and maps in the queries.
   */
  async visibleCodes(viewer: Viewer, level: TerritoryLevel): Promise<string[] | null> {
    if (seesEverything(viewer)) return null;
    const by = (l: TerritoryLevel) => viewer.territories.filter((t) => t.level === l).map((t) => t.code);
    const [regions, departments, epcis, communes] = [by('region'), by('department'), by('epci'), by('commune')];
    const inside = `(c.region_code = ANY($1) OR c.department_code = ANY($2) OR c.epci_code = ANY($3) OR c.code = ANY($4))`;
    let params: string[][] = [regions, departments, epcis, communes];
    let sql: string;
    if (level === 'commune') sql = `SELECT c.code FROM commune c WHERE c.country = 'FR' AND ${inside}`;
    else if (level === 'epci')
      sql = `SELECT c.epci_code AS code FROM commune c WHERE c.epci_code IS NOT NULL GROUP BY c.epci_code HAVING bool_and(${inside})`;
    else if (level === 'department') {
      sql = `SELECT d.code FROM department d WHERE d.country = 'FR' AND (d.region_code = ANY($1) OR d.code = ANY($2))`;
      params = [regions, departments];
    } else {
      sql = `SELECT r.code FROM region r WHERE r.country = 'FR' AND r.code = ANY($1)`;
      params = [regions];
    }
    const { rows } = await this.pool.query<{ code: string }>(sql, params);
    return rows.map((r) => r.code);
  }

  /**
   * For lists of territories inside `parent` (null: France): null when the viewer sees all of them, the
   * visible codes when `parent` only overlaps the viewer's territories (e.g. a department coordinator
   * looking at the map of France or of their region), 403 when it has nothing in common with them.
   */
  async childScope(viewer: Viewer, parent: TerritoryRef | null, level: TerritoryLevel): Promise<string[] | null> {
    if (await this.canSee(viewer, parent)) return null;
    const overlaps = !parent || (await Promise.all(viewer.territories.map((t) => contains(this.pool, parent, t)))).some(Boolean);
    if (!overlaps) throw new ForbiddenException(`${parent ? formatTerritoryRef(parent) : 'France'} is outside your territories`);
    return (await this.visibleCodes(viewer, level)) ?? [];
  }

  /** 403 unless the viewer may see `ref`. */
  async assertTerritoryAccess(viewer: Viewer, ref: TerritoryRef | null): Promise<void> {
    if (!(await this.canSee(viewer, ref))) {
      throw new ForbiddenException(
        ref
          ? `${formatTerritoryRef(ref)} is outside your territories`
          : 'national figures are reserved to national users; choose one of your territories',
      );
    }
  }

  /** The territory used when a request names none: national for admins and national users, else the viewer's first. */
  defaultTerritory(viewer: Viewer): TerritoryRef | null {
    return seesEverything(viewer) ? null : (viewer.territories[0] ?? null);
  }

  /**
   * Requested territory, or the viewer's default, checked. `exact` is true when the viewer may see
   * exact counts there (admins; coordinators inside their territories), the rule of `suppressionFor`.
   */
  async scope(
    viewer: Viewer,
    requested: TerritoryRef | null | undefined,
  ): Promise<{ ref: TerritoryRef | null; coordinatorOfTerritory: boolean }> {
    const ref = requested === undefined || requested === null ? this.defaultTerritory(viewer) : requested;
    await this.assertTerritoryAccess(viewer, ref);
    return { ref, coordinatorOfTerritory: viewer.role === 'coordinator' || viewer.role === 'admin' };
  }

  /** Exact settlement coordinates: admins, and coordinators of a territory containing `ref` (see snapToCommune). */
  async exactCoordinatesAllowed(viewer: Viewer, ref: TerritoryRef): Promise<boolean> {
    if (viewer.role === 'admin') return true;
    return viewer.role === 'coordinator' && (await this.canSee(viewer, ref));
  }
}

/**
 * Settlements (informal-settlement locations) are shown at their exact coordinates only to admins and to
 * coordinators of their territory; everyone else gets the centre of the commune (docs/PRIVACY.md).
 * Call with the commune's centre (commune.lat/lon) already looked up.
 */
export function snapToCommune<T extends { lat: number | null; lon: number | null }>(
  point: T,
  commune: { lat: number; lon: number } | null,
  exactAllowed: boolean,
): T & { precision: 'exact' | 'commune' | 'hidden' } {
  if (exactAllowed) return { ...point, precision: 'exact' };
  if (!commune) return { ...point, lat: null, lon: null, precision: 'hidden' };
  return { ...point, lat: commune.lat, lon: commune.lon, precision: 'commune' };
}
