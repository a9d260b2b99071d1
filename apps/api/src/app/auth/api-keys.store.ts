import type { Pool, PoolClient } from 'pg';
import { createHash, randomBytes } from 'node:crypto';
import type { ApiKeySummary, CreatedApiKey } from '@vigie/contracts';

/** Ingest API keys on a pg pool: only a prefix and a SHA-256 of each key are stored. */

type Db = Pool | PoolClient;

interface KeyRow {
  id: string;
  name: string;
  source: string;
  prefix: string;
  created_by: string | null;
  created_at: Date;
  revoked_at: Date | null;
  last_used_at: Date | null;
  territories: string[];
}
const KEY_COLUMNS = 'id, name, source, prefix, created_by, created_at, revoked_at, last_used_at, territories';
const toKey = (r: KeyRow): ApiKeySummary & { territories: string[] } => ({
  id: Number(r.id),
  name: r.name,
  source: r.source,
  prefix: r.prefix,
  createdBy: r.created_by,
  createdAt: r.created_at.toISOString(),
  revokedAt: r.revoked_at?.toISOString() ?? null,
  lastUsedAt: r.last_used_at?.toISOString() ?? null,
  territories: r.territories,
});

export async function listApiKeys(db: Db): Promise<ApiKeySummary[]> {
  const { rows } = await db.query<KeyRow>(`SELECT ${KEY_COLUMNS} FROM api_key ORDER BY id`);
  return rows.map(toKey);
}

/** A new key (returned once, in clear) for one source and its territories (already checked). */
export async function createApiKey(
  db: Db,
  k: { name: string; source: string; createdBy: string; territories: string[] },
): Promise<CreatedApiKey & { territories: string[] }> {
  const key = `vg_${randomBytes(24).toString('base64url')}`;
  const hash = createHash('sha256').update(key).digest('hex');
  const { rows } = await db.query<KeyRow>(
    `INSERT INTO api_key (name, source, prefix, key_hash, created_by, territories) VALUES ($1, $2, $3, $4, $5, $6::jsonb) RETURNING ${KEY_COLUMNS}`,
    [k.name.trim(), k.source, key.slice(0, 7), hash, k.createdBy, JSON.stringify(k.territories)],
  );
  return { ...toKey(rows[0]), key };
}

/** Revoked now (or kept revoked at its first revocation); null when there is no such key. */
export async function revokeApiKey(db: Db, id: number): Promise<ApiKeySummary | null> {
  const { rows } = await db.query<KeyRow>(
    `UPDATE api_key SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 RETURNING ${KEY_COLUMNS}`,
    [id],
  );
  return rows.length ? toKey(rows[0]) : null;
}
