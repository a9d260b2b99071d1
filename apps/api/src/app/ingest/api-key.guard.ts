import { type CanActivate, type ExecutionContext, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import { PG_POOL } from '../database/pg-pool.js';

export interface ApiKeyPrincipal {
  id: number;
  source: string;
  /** Where the key may write events: 'national', 'region:11', 'department:95', 'epci:…', 'commune:…'. */
  territories: string[];
}

/** Ingest API key from `Authorization: Bearer …` or `X-Api-Key`; only its SHA-256 is stored. Revoked keys are refused. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; apiKey?: ApiKeyPrincipal }>();
    const auth = req.headers['authorization'];
    const key = auth?.startsWith('Bearer ') ? auth.slice(7).trim() : req.headers['x-api-key']?.trim();
    if (!key) throw new UnauthorizedException('an ingest API key is required (Authorization: Bearer <key>)');
    const hash = createHash('sha256').update(key).digest('hex');
    const { rows } = await this.pool.query(
      `UPDATE api_key SET last_used_at = now() WHERE key_hash = $1 AND revoked_at IS NULL RETURNING id, source, territories`,
      [hash],
    );
    if (!rows.length) throw new UnauthorizedException('unknown or revoked API key');
    req.apiKey = { id: Number(rows[0].id), source: rows[0].source, territories: rows[0].territories };
    return true;
  }
}
