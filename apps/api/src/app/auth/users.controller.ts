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
import { PG_POOL } from '../database/pg-pool.js';
import { Roles } from './access.decorators.js';
import type { AuthedRequest } from './access.guard.js';
import { AuditQuery, CreateApiKeyDto, CreateUserDto, IdParam, UpdateUserDto } from './auth.dto.js';
import { LoginBackoff } from './login-backoff.js';
import { SessionService } from './session.service.js';
import { createApiKey, listApiKeys, revokeApiKey } from './api-keys.store.js';
import {
  audit,
  auditLog,
  checkTerritories,
  createUser,
  findUser,
  listUsers,
  resetPassword,
  updateUser,
  UserInputError,
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
    return listUsers(this.pool);
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
    const u = await findUser(this.pool, { id: p.id });
    if (!u) throw new NotFoundException(`user ${p.id} does not exist`);
    if (p.id === req.user!.id && (body.disabled || (body.role && body.role !== 'admin')))
      throw new BadRequestException('you cannot disable yourself or remove your own admin role');
    const role = body.role ?? u.role;
    const territories =
      body.territories || body.role
        ? await userInput(() => checkTerritories(this.pool, role, body.territories ?? u.territories))
        : u.territories;
    const next = await updateUser(this.pool, p.id, { role, territories, disabled: body.disabled ?? u.disabled });
    if (body.disabled || role !== u.role) await this.sessions.destroyAllOf(p.id);
    else this.sessions.forgetUser(p.id); // territories (or nothing) changed: the sessions stay, re-read
    await audit(this.pool, {
      userId: req.user!.id,
      actor: req.user!.email,
      action: 'user.update',
      details: { id: p.id, email: u.email, ...body },
    });
    return next;
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

@ApiTags('api-keys')
@Controller('api-keys')
@Roles('admin')
export class ApiKeysController {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  @Get()
  @ApiOperation({ summary: 'Ingest API keys (never the key, only its prefix)' })
  async list(): Promise<ApiKeySummary[]> {
    return listApiKeys(this.pool);
  }

  @Post()
  @ApiOperation({ summary: 'Create an ingest API key for POST /api/ingest/search-events: shown once, stored as SHA-256' })
  async create(@Body() body: CreateApiKeyDto, @Req() req: AuthedRequest): Promise<CreatedApiKey> {
    let territories: string[];
    try {
      territories = await checkTerritories(this.pool, 'admin', body.territories ?? ['national']);
    } catch (e) {
      if (e instanceof UserInputError) throw new BadRequestException(e.message);
      throw e;
    }
    const created = await createApiKey(this.pool, { name: body.name, source: body.source, createdBy: req.user!.email, territories });
    await audit(this.pool, {
      userId: req.user!.id,
      actor: req.user!.email,
      action: 'apikey.create',
      details: { id: created.id, source: body.source, name: body.name, territories },
    });
    return created;
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke an ingest API key (immediately refused by the ingest endpoint)' })
  async revoke(@Param() p: IdParam, @Req() req: AuthedRequest): Promise<ApiKeySummary> {
    const revoked = await revokeApiKey(this.pool, p.id);
    if (!revoked) throw new NotFoundException(`API key ${p.id} does not exist`);
    await audit(this.pool, { userId: req.user!.id, actor: req.user!.email, action: 'apikey.revoke', details: { id: p.id } });
    return revoked;
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
    return auditLog(this.pool, q.limit ?? 100);
  }
}
