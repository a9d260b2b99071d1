import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The daily rollup goes: at every measured scale its key (day × commune × category × status × origin ×
 * language × results bucket) was almost unique per event (3.54 M rows for 3.60 M events at national scale),
 * so it doubled the cost of every import (a second heap tuple and three B-tree entries per event, half of a
 * 1.8 M-event import) and answered no faster than the events themselves. It also kept one row per event
 * after the raw events were purged, which defeats the retention limit.
 *
 * In its place: the events carry their day on the French calendar (stored, generated) with a BRIN index on
 * it and a B-tree per department × day, and the view `search_event_day` presents them with the former
 * rollup's columns ('' for unknown, searches = 1 per event), so that every query reads it like a rollup.
 * The monthly rollups (migration 1764000000005) stay and keep the aggregates of purged months.
 */
export class SearchEventDay1764000000007 implements MigrationInterface {
  name = 'SearchEventDay1764000000007';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE search_event ADD COLUMN day date GENERATED ALWAYS AS ((occurred_at AT TIME ZONE 'Europe/Paris')::date) STORED;
      CREATE INDEX search_event_day_brin ON search_event USING brin (day);
      CREATE INDEX search_event_dept_day_idx ON search_event ((coalesce(department_code, '')), day);
      CREATE VIEW search_event_day AS
        SELECT day,
               coalesce(commune_code, '') AS commune_code,
               coalesce(department_code, '') AS department_code,
               coalesce(region_code, '') AS region_code,
               coalesce(category_id, '') AS category_id,
               coalesce(theme_id, '') AS theme_id,
               user_status,
               origin,
               coalesce(language, '') AS language,
               (CASE WHEN result_count = 0 THEN 0 WHEN result_count <= 5 THEN 1 ELSE 2 END)::smallint AS results_bucket,
               1 AS searches,
               (result_count = 0)::int AS zero_results
        FROM search_event;
      DROP TABLE search_rollup_day;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE search_rollup_day (
        day date NOT NULL,
        commune_code text NOT NULL,
        department_code text NOT NULL,
        region_code text NOT NULL,
        category_id text NOT NULL,
        theme_id text NOT NULL,
        user_status text NOT NULL,
        origin text NOT NULL,
        language text NOT NULL,
        results_bucket smallint NOT NULL,
        searches integer NOT NULL,
        zero_results integer NOT NULL,
        PRIMARY KEY (day, commune_code, department_code, region_code, category_id, theme_id, user_status, origin, language, results_bucket)
      );
      INSERT INTO search_rollup_day
      SELECT day, commune_code, department_code, region_code, category_id, theme_id, user_status, origin, language, results_bucket, sum(searches), sum(zero_results)
      FROM search_event_day GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10;
      CREATE INDEX search_rollup_dept_idx ON search_rollup_day (department_code, day);
      CREATE INDEX search_rollup_region_idx ON search_rollup_day (region_code, day);
      DROP VIEW search_event_day;
      DROP INDEX search_event_dept_day_idx;
      DROP INDEX search_event_day_brin;
      ALTER TABLE search_event DROP COLUMN day;
    `);
  }
}
