import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Searches made by the directory's own administrators are not demand (issue 16, docs/METRICS.md "Searches that
 * are not demand"): a Soliguide search logged with `adminSearch` (made from the back office) or by an account whose
 * status is an administrator's (ADMIN_SOLIGUIDE, ADMIN_TERRITORY, SOLI_BOT: `user_status = 'admin'` once parsed).
 * The events keep them (raw data), but the view search_event_day, which every search figure and the coverage
 * demand input read, leaves them out, and the monthly rollups are rebuilt without them for every month whose raw
 * events are still stored (months already purged keep their rollups: their events can no longer be told apart).
 */
export class DemandSearches1764000000300 implements MigrationInterface {
  name = 'DemandSearches1764000000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE VIEW search_event_day AS
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
        FROM search_event
        WHERE NOT admin_search AND user_status <> 'admin';
    `);
    await rebuildMonthRollups(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE VIEW search_event_day AS
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
    `);
    await rebuildMonthRollups(q);
  }
}

/** The monthly rollups of the months whose raw events are stored, recomputed from the view (as `vigie searches rebuild-rollups`). */
async function rebuildMonthRollups(q: QueryRunner): Promise<void> {
  await q.query(`
    DO $$
    DECLARE first date := (SELECT date_trunc('month', min(day))::date FROM search_event);
    BEGIN
      IF first IS NOT NULL THEN
        DELETE FROM search_rollup_month_dept WHERE day >= first;
        DELETE FROM search_rollup_month_region WHERE day >= first;
        INSERT INTO search_rollup_month_dept (day, department_code, region_code, category_id, theme_id, searches, zero_results)
        SELECT date_trunc('month', day)::date, department_code, region_code, category_id, theme_id, sum(searches), sum(zero_results)
        FROM search_event_day WHERE day >= first GROUP BY 1, 2, 3, 4, 5;
        INSERT INTO search_rollup_month_region (day, region_code, category_id, theme_id, searches, zero_results)
        SELECT date_trunc('month', day)::date, region_code, category_id, theme_id, sum(searches), sum(zero_results)
        FROM search_event_day WHERE day >= first GROUP BY 1, 2, 3, 4;
        UPDATE search_rollup_version SET version = version + 1 WHERE id = 1;
      END IF;
    END $$;
  `);
}
