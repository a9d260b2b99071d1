import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Ingested data: import history with row-level errors, services (one row per service of a place),
 * search events (append-only, BRIN on time) with their daily rollups, settlements, mutual aid,
 * territory indicators, deployment activities and targets, live-feed batches.
 */
export class Ingest1764000000001 implements MigrationInterface {
  name = 'Ingest1764000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX postal_code_commune_idx ON postal_code (country, commune_code);

      CREATE TABLE import_run (
        id bigserial PRIMARY KEY,
        kind text NOT NULL,
        format text NOT NULL,
        source text NOT NULL,
        file_name text,
        file_hash text,
        file_bytes bigint,
        created_by text,
        mode text NOT NULL DEFAULT 'atomic' CHECK (mode IN ('atomic', 'partial')),
        dry_run boolean NOT NULL DEFAULT false,
        status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'succeeded', 'rejected', 'failed', 'interrupted')),
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        duration_ms integer,
        read_count integer NOT NULL DEFAULT 0,
        inserted_count integer NOT NULL DEFAULT 0,
        updated_count integer NOT NULL DEFAULT 0,
        unchanged_count integer NOT NULL DEFAULT 0,
        rejected_count integer NOT NULL DEFAULT 0,
        removed_count integer NOT NULL DEFAULT 0,
        message text,
        first_errors jsonb NOT NULL DEFAULT '[]'::jsonb
      );
      CREATE INDEX import_run_started_idx ON import_run (started_at DESC);
      CREATE INDEX import_run_hash_idx ON import_run (kind, file_hash);

      CREATE TABLE import_error (
        run_id bigint NOT NULL REFERENCES import_run (id) ON DELETE CASCADE,
        line integer NOT NULL,
        field text NOT NULL,
        reason text NOT NULL,
        source_id text
      );
      CREATE INDEX import_error_run_idx ON import_error (run_id, line);

      CREATE TABLE service (
        id bigserial PRIMARY KEY,
        source text NOT NULL,
        source_id text NOT NULL,
        place_source_id text NOT NULL,
        place_name text NOT NULL,
        name text,
        category_id text NOT NULL,
        theme_id text NOT NULL,
        status text NOT NULL,
        visibility text NOT NULL,
        lat double precision,
        lon double precision,
        commune_code text,
        department_code text,
        region_code text,
        postal_code text,
        address text,
        city text,
        country text NOT NULL DEFAULT 'FR',
        closed_periods jsonb NOT NULL DEFAULT '[]'::jsonb,
        saturation text,
        opening_hours jsonb,
        publics jsonb,
        languages text[] NOT NULL DEFAULT '{}',
        phone text,
        email text,
        website text,
        description text,
        created_at_source timestamptz,
        updated_at_source timestamptz,
        campaign_status text,
        row_hash text NOT NULL,
        import_id bigint REFERENCES import_run (id),
        first_seen_at timestamptz NOT NULL DEFAULT now(),
        last_changed_at timestamptz NOT NULL DEFAULT now(),
        removed_at timestamptz,
        UNIQUE (source, source_id)
      );
      CREATE INDEX service_place_idx ON service (source, place_source_id);
      CREATE INDEX service_dept_idx ON service (department_code, theme_id) WHERE removed_at IS NULL;
      CREATE INDEX service_commune_idx ON service (commune_code) WHERE removed_at IS NULL;

      CREATE TABLE search_event (
        occurred_at timestamptz NOT NULL,
        source text NOT NULL,
        source_id text,
        category_id text,
        theme_id text,
        search_text text,
        geo_type text NOT NULL,
        commune_code text,
        department_code text,
        region_code text,
        result_count integer NOT NULL,
        user_status text NOT NULL,
        origin text NOT NULL,
        language text,
        admin_search boolean NOT NULL DEFAULT false,
        import_id bigint
      );
      CREATE INDEX search_event_time_brin ON search_event USING brin (occurred_at);
      CREATE UNIQUE INDEX search_event_source_uidx ON search_event (source, source_id) WHERE source_id IS NOT NULL;

      -- Daily rollup: the coarsest known territory, '' for unknown dimensions (keeps the key NOT NULL).
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
      CREATE INDEX search_rollup_dept_idx ON search_rollup_day (department_code, day);
      CREATE INDEX search_rollup_region_idx ON search_rollup_day (region_code, day);

      -- Ingest API keys for the live search feed: only a SHA-256 of the key is stored.
      CREATE TABLE api_key (
        id bigserial PRIMARY KEY,
        name text NOT NULL,
        source text NOT NULL,
        prefix text NOT NULL,
        key_hash text NOT NULL UNIQUE,
        created_by text,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        last_used_at timestamptz
      );

      CREATE TABLE ingest_batch (
        idempotency_key text PRIMARY KEY,
        source text NOT NULL,
        api_key_id bigint,
        received_at timestamptz NOT NULL DEFAULT now(),
        accepted integer NOT NULL,
        rejected integer NOT NULL,
        import_id bigint REFERENCES import_run (id)
      );

      CREATE TABLE settlement (
        id bigserial PRIMARY KEY,
        source text NOT NULL,
        source_id text NOT NULL,
        name text,
        lat double precision,
        lon double precision,
        commune_code text,
        department_code text,
        region_code text,
        address text,
        status text NOT NULL,
        closing_reason text,
        built_at date,
        declared_at date,
        closed_at date,
        population_total integer,
        population_couples integer,
        population_minors integer,
        water_access boolean,
        electricity_access boolean,
        sanitary_access boolean,
        trash_evacuation boolean,
        owner_type text,
        field_type text,
        updated_at_source timestamptz,
        row_hash text NOT NULL,
        import_id bigint REFERENCES import_run (id),
        removed_at timestamptz,
        UNIQUE (source, source_id)
      );
      CREATE INDEX settlement_dept_idx ON settlement (department_code) WHERE removed_at IS NULL;

      CREATE TABLE mutual_aid (
        id bigserial PRIMARY KEY,
        source text NOT NULL,
        source_id text NOT NULL,
        kind text NOT NULL,
        category text NOT NULL,
        lat double precision,
        lon double precision,
        commune_code text,
        department_code text,
        region_code text,
        created_at_source timestamptz NOT NULL,
        status text NOT NULL,
        row_hash text NOT NULL,
        import_id bigint REFERENCES import_run (id),
        UNIQUE (source, source_id)
      );
      CREATE INDEX mutual_aid_dept_idx ON mutual_aid (department_code);

      CREATE TABLE indicator (
        level text NOT NULL,
        code text NOT NULL,
        indicator text NOT NULL,
        year integer NOT NULL,
        value double precision NOT NULL,
        unit text,
        source text,
        row_hash text NOT NULL,
        import_id bigint REFERENCES import_run (id),
        PRIMARY KEY (level, code, indicator, year)
      );

      CREATE TABLE activity (
        id bigserial PRIMARY KEY,
        source text NOT NULL,
        source_id text NOT NULL,
        kind text NOT NULL,
        date date NOT NULL,
        level text NOT NULL,
        code text NOT NULL,
        department_code text,
        region_code text,
        title text,
        people integer,
        listeners integer,
        funder text,
        amount numeric(14, 2),
        row_hash text NOT NULL,
        import_id bigint REFERENCES import_run (id),
        UNIQUE (source, source_id)
      );
      CREATE INDEX activity_dept_idx ON activity (department_code, date);

      CREATE TABLE target (
        level text NOT NULL,
        code text NOT NULL,
        year integer NOT NULL,
        metric text NOT NULL,
        value double precision NOT NULL,
        row_hash text NOT NULL,
        import_id bigint REFERENCES import_run (id),
        PRIMARY KEY (level, code, year, metric)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DROP INDEX postal_code_commune_idx; DROP TABLE target, activity, indicator, mutual_aid, settlement, ingest_batch, api_key, search_rollup_day, search_event, service, import_error, import_run`,
    );
  }
}
