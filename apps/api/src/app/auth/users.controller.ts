import {
  BadRequestException,
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  Patch,
  Post,
  Query,
  Req,
} from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Pool } from 'pg';
import type { ApiKeySummary, CreatedApiKey, UserAccount, UserWithPassword } from '@vigie/contracts';
import { createHash, randomBytes } from 'node:crypto';
import { PG_POOL } from '../database/pg-pool.js';
import { Roles } from './access.decorators.js';
import type { AuthedRequest } from './access.guard.js';
import { AuditQuery, CreateApiKeyDto, CreateUserDto, IdParam, UpdateUserDto } from './auth.dto.js';
import { LoginBackoff } from './login-backoff.js';
import { SessionService } from './session.service.js';
import {
  audit,
  checkTerritories,
  createUser,
  resetPassword,
  toAccount,
  USER_COLUMNS,
  UserInputError,
  type UserRow,
} from './users.store.js';

async function userInput<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    if (e instanceof UserInputError) throw new BadRequestException(e.message);
    throw e;
  }
}

@ApiTags('users')
@Controller('users')
@Roles('admin')
export class UsersController {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly sessions: SessionService,
    private readonly backoff: LoginBackoff,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Every user (admins)' })
  async list(): Promise<UserAccount[]> {
    const { rows } = await this.pool.query<UserRow>(`SELECT ${USER_COLUMNS} FROM app_user ORDER BY email`);
    return rows.map(toAccount);
  }

  @Post()
  @ApiOperation({ summary: 'Create a user; the generated temporary password is returned once' })
  async create(@Body() body: CreateUserDto, @Req() req: AuthedRequest): Promise<UserWithPassword> {
    const r = await userInput(() => createUser(this.pool, { ...body, password: null, createdBy: req.user!.email }));
    await audit(this.pool, {
      userId: req.user!.id,
      actor: req.user!.email,
      action: 'user.create',
      details: { id: r.user.id, email: r.user.email, role: r.user.role, territories: r.user.territories },
    });
    return { user: r.user, temporaryPassword: r.password };
  }

  @Patch(':id')
  @ApiOperation({ summary: "Change a user's role, territories, or disable them (their sessions are closed)" })
  async update(@Param() p: IdParam, @Body() body: UpdateUserDto, @Req() req: AuthedRequest): Promise<UserAccount> {
    const { rows } = await this.pool.query<UserRow>(`SELECT ${USER_COLUMNS} FROM app_user WHERE id = $1`, [p.id]);
    const u = rows[0];
    if (!u) throw new NotFoundException(`user ${p.id} does not exist`);
    if (p.id === req.user!.id && (body.disabled || (body.role && body.role !== 'admin')))
      throw new BadRequestException('you cannot disable yourself or remove your own admin role');
    const role = body.role ?? u.role;
    const territories =
      body.territories || body.role
        ? await userInput(() => checkTerritories(this.pool, role, body.territories ?? u.territories))
        : u.territories;
    const next = await this.pool.query<UserRow>(
      `UPDATE app_user SET role = $2, territories = $3::jsonb, disabled = $4 WHERE id = $1 RETURNING ${USER_COLUMNS}`,
      [p.id, role, JSON.stringify(territories), body.disabled ?? u.disabled],
    );
    if (body.disabled || role !== u.role) await this.sessions.destroyAllOf(p.id);
    else this.sessions.forgetUser(p.id); // territories (or nothing) changed: the sessions stay, re-read
    await audit(this.pool, {
      userId: req.user!.id,
      actor: req.user!.email,
      action: 'user.update',
      details: { id: p.id, email: u.email, ...body },
    });
    return toAccount(next.rows[0]);
  }

  @Post(':id/reset-password')
  @HttpCode(200)
  @ApiOperation({ summary: 'New one-time temporary password (shown once), lock cleared, sessions closed' })
  async reset(@Param() p: IdParam, @Req() req: AuthedRequest): Promise<UserWithPassword> {
    const r = await resetPassword(this.pool, { id: p.id });
    if (!r) throw new NotFoundException(`user ${p.id} does not exist`);
    this.sessions.forgetUser(p.id);
    this.backoff.forgetAccount(r.user.email);
    await audit(this.pool, {
      userId: req.user!.id,
      actor: req.user!.email,
      action: 'user.reset-password',
      details: { id: p.id, email: r.user.email },
    });
    return { user: r.user, temporaryPassword: r.password };
  }
}

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

@ApiTags('api-keys')
@Controller('api-keys')
@Roles('admin')
export class ApiKeysController {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  @Get()
  @ApiOperation({ summary: 'Ingest API keys (never the key, only its prefix)' })
  async list(): Promise<ApiKeySummary[]> {
    const { rows } = await this.pool.query<KeyRow>(`SELECT ${KEY_COLUMNS} FROM api_key ORDER BY id`);
    return rows.map(toKey);
  }

  @Post()
  @ApiOperation({ summary: 'Create an ingest API key for POST /api/ingest/search-events: shown once, stored as SHA-256' })
  async create(@Body() body: CreateApiKeyDto, @Req() req: AuthedRequest): Promise<CreatedApiKey> {
    const key = `vg_${randomBytes(24).toString('base64url')}`;
    const hash = createHash('sha256').update(key).digest('hex');
    let territories: string[];
    try {
      territories = await checkTerritories(this.pool, 'admin', body.territories ?? ['national']);
    } catch (e) {
      if (e instanceof UserInputError) throw new BadRequestException(e.message);
      throw e;
    }
    const { rows } = await this.pool.query<KeyRow>(
      `INSERT INTO api_key (name, source, prefix, key_hash, created_by, territories) VALUES ($1, $2, $3, $4, $5, $6::jsonb) RETURNING ${KEY_COLUMNS}`,
      [body.name.trim(), body.source, key.slice(0, 7), hash, req.user!.email, JSON.stringify(territories)],
    );
    await audit(this.pool, {
      userId: req.user!.id,
      actor: req.user!.email,
      action: 'apikey.create',
      details: { id: Number(rows[0].id), source: body.source, name: body.name, territories },
    });
    return { ...toKey(rows[0]), key };
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke an ingest API key (immediately refused by the ingest endpoint)' })
  async revoke(@Param() p: IdParam, @Req() req: AuthedRequest): Promise<ApiKeySummary> {
    const { rows } = await this.pool.query<KeyRow>(
      `UPDATE api_key SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 RETURNING ${KEY_COLUMNS}`,
      [p.id],
    );
    if (!rows.length) throw new NotFoundException(`API key ${p.id} does not exist`);
    await audit(this.pool, { userId: req.user!.id, actor: req.user!.email, action: 'apikey.revoke', details: { id: p.id } });
    return toKey(rows[0]);
  }
}

@ApiTags('audit')
@Controller('audit-log')
@Roles('admin')
export class AuditController {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  @Get()
  @ApiOperation({ summary: 'Latest security-relevant actions: sign-ins, lockouts, user and key changes, imports, downloads' })
  async list(
    @Query() q: AuditQuery,
  ): Promise<{ id: number; at: string; actor: string | null; action: string; territory: string | null; details: unknown }[]> {
    const { rows } = await this.pool.query(`SELECT id, at, actor, action, territory, details FROM audit_log ORDER BY id DESC LIMIT $1`, [
      q.limit ?? 100,
    ]);
    return rows.map((r) => ({
      id: Number(r.id),
      at: r.at.toISOString(),
      actor: r.actor,
      action: r.action,
      territory: r.territory,
      details: r.details,
    }));
  }
}
