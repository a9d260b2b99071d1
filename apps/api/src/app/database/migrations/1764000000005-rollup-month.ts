import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Monthly rollups for national, regional and departmental views: the daily rollup's key (day × commune ×
 * category × status × origin × language × results bucket) is almost unique per event at national scale,
 * so those views read as many rows as raw events. These keep month × territory × category only
 * (`day` = first day of the month), maintained in the same statement as the daily rollup.
 */
export class RollupMonth1764000000005 implements MigrationInterface {
  name = 'RollupMonth1764000000005';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE search_rollup_month_dept (
        day date NOT NULL,
        department_code text NOT NULL,
        region_code text NOT NULL,
        category_id text NOT NULL,
        theme_id text NOT NULL,
        searches integer NOT NULL,
        zero_results integer NOT NULL,
        PRIMARY KEY (department_code, day, region_code, category_id, theme_id)
      );
      CREATE TABLE search_rollup_month_region (
        day date NOT NULL,
        region_code text NOT NULL,
        category_id text NOT NULL,
        theme_id text NOT NULL,
        searches integer NOT NULL,
        zero_results integer NOT NULL,
        PRIMARY KEY (day, region_code, category_id, theme_id)
      );
      INSERT INTO search_rollup_month_dept (day, department_code, region_code, category_id, theme_id, searches, zero_results)
      SELECT date_trunc('month', day)::date, department_code, region_code, category_id, theme_id, sum(searches), sum(zero_results)
      FROM search_rollup_day GROUP BY 1, 2, 3, 4, 5;
      INSERT INTO search_rollup_month_region (day, region_code, category_id, theme_id, searches, zero_results)
      SELECT date_trunc('month', day)::date, region_code, category_id, theme_id, sum(searches), sum(zero_results)
      FROM search_rollup_day GROUP BY 1, 2, 3, 4;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE search_rollup_month_region, search_rollup_month_dept`);
  }
}
