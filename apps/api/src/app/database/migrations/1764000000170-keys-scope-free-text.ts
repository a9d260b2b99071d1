import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 17 (privacy against a determined reader):
 * - ingest API keys carry a territory scope (`territories`, like users'; existing keys stay national);
 * - a live batch remembers the SHA-256 of its body, so that an Idempotency-Key re-used with another body is a 422;
 * - a server secret (`app_secret`, generated here, never leaves the database and the API process) keys the hash
 *   of the live feed's free-text ids: existing `live:` ids and idempotency keys are replaced by a keyed hash;
 * - no free search text: `search_event.search_text` is emptied and must stay empty (CHECK), nothing writes it;
 * - the 15-minute account lockout is gone (per-(IP, account) backoff in memory): existing locks are cleared.
 */
export class KeysScopeFreeText1764000000170 implements MigrationInterface {
  name = 'KeysScopeFreeText1764000000170';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE api_key ADD COLUMN territories jsonb NOT NULL DEFAULT '["national"]'::jsonb
        CHECK (jsonb_typeof(territories) = 'array' AND jsonb_array_length(territories) > 0);
      ALTER TABLE ingest_batch ADD COLUMN body_hash text;

      CREATE TABLE app_secret (name text PRIMARY KEY, value text NOT NULL);
      INSERT INTO app_secret (name, value)
      SELECT 'live_id_key', encode(sha256(convert_to(gen_random_uuid()::text || gen_random_uuid()::text || clock_timestamp()::text, 'UTF8')), 'hex');

      UPDATE search_event SET search_text = NULL WHERE search_text IS NOT NULL;
      ALTER TABLE search_event ADD CONSTRAINT search_event_no_free_text CHECK (search_text IS NULL);

      UPDATE search_event e SET source_id = 'live:m:' || encode(sha256(convert_to(s.value || e.source || ':' || e.source_id, 'UTF8')), 'hex')
      FROM app_secret s WHERE s.name = 'live_id_key' AND e.source_id LIKE 'live:%';
      UPDATE ingest_batch b SET idempotency_key = 'm:' || encode(sha256(convert_to(s.value || b.idempotency_key, 'UTF8')), 'hex')
      FROM app_secret s WHERE s.name = 'live_id_key';

      UPDATE app_user SET locked_until = NULL WHERE locked_until IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE search_event DROP CONSTRAINT search_event_no_free_text;
      DROP TABLE app_secret;
      ALTER TABLE ingest_batch DROP COLUMN body_hash;
      ALTER TABLE api_key DROP COLUMN territories;
    `);
  }
}
