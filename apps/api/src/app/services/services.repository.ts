import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import type { ServicePoint, TerritoryRef } from '@vigie/contracts';
import { PG_POOL } from '../database/pg-pool.js';

const TERRITORY_COLUMN = { region: 's.region_code', department: 's.department_code', commune: 's.commune_code' } as const;

export interface ServicePointsFilter {
  territory: TerritoryRef | null;
  theme?: string;
  category?: string;
  /** The day "open today" refers to (the API clock's Paris day). */
  today: string;
  limit: number;
}

/** Referenced services read for the map's points layer (public directory listings, no personal data). */
@Injectable()
export class ServicesRepository {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  /** ONLINE services with coordinates in the territory, in id order, with the total before the limit. */
  async points(f: ServicePointsFilter): Promise<{ total: number; points: ServicePoint[] }> {
    const params: unknown[] = [f.today];
    const where = [`s.removed_at IS NULL`, `s.status = 'ONLINE'`, `s.lat IS NOT NULL`, `s.lon IS NOT NULL`];
    const ref = f.territory;
    if (ref) {
      params.push(ref.code);
      where.push(
        ref.level === 'epci'
          ? `s.commune_code IN (SELECT code FROM commune WHERE epci_code = $${params.length})`
          : `${TERRITORY_COLUMN[ref.level]} = $${params.length}`,
      );
    }
    if (f.theme) where.push(`s.theme_id = $${params.push(f.theme)}`);
    if (f.category) where.push(`s.category_id = $${params.push(f.category)}`);
    params.push(f.limit);
    const { rows } = await this.pool.query(
      `SELECT s.id, s.place_name AS name, s.lat, s.lon, s.category_id, s.theme_id, s.commune_code,
              NOT EXISTS (
                SELECT 1 FROM jsonb_array_elements(CASE WHEN jsonb_typeof(s.closed_periods) = 'array' THEN s.closed_periods ELSE '[]'::jsonb END) p
                WHERE p->>'start' ~ '^\\d{4}-\\d{2}-\\d{2}$' AND (p->>'start')::date <= $1::date
                  AND (p->>'end' IS NULL OR (p->>'end' ~ '^\\d{4}-\\d{2}-\\d{2}$' AND (p->>'end')::date >= $1::date))
              ) AS open,
              count(*) OVER () AS total
       FROM service s WHERE ${where.join(' AND ')}
       ORDER BY s.id LIMIT $${params.length}`,
      params,
    );
    return {
      total: rows.length ? Number(rows[0].total) : 0,
      points: rows.map((r) => ({
        id: Number(r.id),
        name: r.name,
        lat: r.lat,
        lon: r.lon,
        categoryId: r.category_id,
        themeId: r.theme_id,
        open: r.open,
        communeCode: r.commune_code,
      })),
    };
  }
}
