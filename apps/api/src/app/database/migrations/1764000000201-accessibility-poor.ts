import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 16: the need-weighted accessibility index (E2SFCA with demand = poor population, docs/METRICS.md §3), stored
 * at full precision next to the index on the total population; null where poverty is unknown.
 */
export class AccessibilityPoor1764000000201 implements MigrationInterface {
  name = 'AccessibilityPoor1764000000201';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE coverage_value ADD COLUMN accessibility_poor double precision`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE coverage_value DROP COLUMN accessibility_poor`);
  }
}
