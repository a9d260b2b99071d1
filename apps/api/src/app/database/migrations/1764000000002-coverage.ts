import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Coverage snapshots: each recompute writes a new dated snapshot (history kept); the API reads the one
 * marked current, so it keeps serving the previous snapshot while a new one computes.
 */
export class Coverage1764000000002 implements MigrationInterface {
  name = 'Coverage1764000000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE coverage_snapshot (
        id bigserial PRIMARY KEY,
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        reference_day date NOT NULL,
        status text NOT NULL DEFAULT 'computing' CHECK (status IN ('computing', 'ready', 'failed')),
        trigger text NOT NULL,
        config jsonb NOT NULL,
        timings jsonb,
        counts jsonb,
        duration_ms integer,
        message text,
        seasonal jsonb
      );
      CREATE TABLE coverage_current (
        id integer PRIMARY KEY DEFAULT 1 CHECK (id = 1),
        snapshot_id bigint NOT NULL REFERENCES coverage_snapshot (id)
      );
      -- One row per territory × key (commune rows for themes only). real = float4: 7 significant digits is plenty.
      CREATE TABLE coverage_value (
        snapshot_id bigint NOT NULL REFERENCES coverage_snapshot (id) ON DELETE CASCADE,
        level text NOT NULL,
        code text NOT NULL,
        key text NOT NULL,
        key_type text NOT NULL,
        population integer NOT NULL,
        poor_population real,
        services integer NOT NULL,
        services_per_10k real,
        services_per_10k_poor real,
        nearest_m real,
        median_nearest_m real,
        threshold_m real NOT NULL,
        population_beyond integer NOT NULL,
        share_beyond real,
        accessibility real,
        reachable integer NOT NULL,
        searches integer NOT NULL,
        zero_results integer NOT NULL,
        searches_per_10k real,
        zero_result_rate real,
        demand_pressure real,
        settlement_sites integer NOT NULL,
        settlement_sites_beyond integer NOT NULL,
        settlement_residents_beyond integer NOT NULL,
        active_services integer NOT NULL,
        updated_recently integer NOT NULL,
        share_updated_recently real,
        campaign_todo integer NOT NULL,
        campaign_started integer NOT NULL,
        campaign_finished integer NOT NULL,
        mean_completeness real,
        gap_score real,
        gap_rank integer,
        gap_components jsonb,
        explanation_fr text[],
        explanation_en text[],
        PRIMARY KEY (snapshot_id, level, key, code)
      );
      CREATE TABLE coverage_settlement (
        snapshot_id bigint NOT NULL REFERENCES coverage_snapshot (id) ON DELETE CASCADE,
        settlement_id bigint NOT NULL,
        commune_code text NOT NULL,
        department_code text NOT NULL,
        population integer,
        distances jsonb NOT NULL,
        beyond_any boolean NOT NULL,
        PRIMARY KEY (snapshot_id, settlement_id)
      );
      CREATE TABLE coverage_place_quality (
        snapshot_id bigint NOT NULL REFERENCES coverage_snapshot (id) ON DELETE CASCADE,
        place_key text NOT NULL,
        commune_code text NOT NULL,
        services integer NOT NULL,
        score real NOT NULL,
        criteria jsonb NOT NULL,
        PRIMARY KEY (snapshot_id, place_key)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE coverage_place_quality, coverage_settlement, coverage_value, coverage_current, coverage_snapshot`);
  }
}
