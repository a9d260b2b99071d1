import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { createGeoResolver, type GeoResolver } from '@vigie/ingest-domain';
import { PG_POOL } from '../database/pg-pool.js';

/** Builds the importers' commune resolver from the geography tables once, then reuses it. */
export async function loadGeoResolver(pool: Pool): Promise<GeoResolver> {
  const [communes, postalCodes, aliases] = await Promise.all([
    pool.query(
      // Paris, Lyon and Marseille as a whole have no position: a point resolves to its arrondissement (issue 16).
      `SELECT code, name, department_code AS "departmentCode", region_code AS "regionCode",
              CASE WHEN has_arrondissements THEN NULL ELSE lat END AS lat, CASE WHEN has_arrondissements THEN NULL ELSE lon END AS lon, population
       FROM commune WHERE country = 'FR'`,
    ),
    pool.query(`SELECT postal_code AS "postalCode", commune_code AS "communeCode" FROM postal_code WHERE country = 'FR'`),
    pool.query(`SELECT alias, commune_code AS "communeCode" FROM commune_alias WHERE country = 'FR'`),
  ]);
  return createGeoResolver({ communes: communes.rows, postalCodes: postalCodes.rows, aliases: aliases.rows });
}

@Injectable()
export class GeoResolverCache {
  private resolver: Promise<GeoResolver> | null = null;
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  get(): Promise<GeoResolver> {
    this.resolver ??= loadGeoResolver(this.pool).catch((e) => {
      this.resolver = null;
      throw e;
    });
    return this.resolver;
  }
}
