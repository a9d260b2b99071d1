import { type CallHandler, type ExecutionContext, Inject, Injectable, Logger, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Pool } from 'pg';
import { type Observable, tap } from 'rxjs';
import { PG_POOL } from '../database/pg-pool.js';
import { AUDIT_KEY } from './access.decorators.js';
import type { AuthedRequest } from './access.guard.js';
import { audit } from './users.store.js';

/** Audit trail for handlers marked @Audit('…'): who, when, what, which territory (never the request body). */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Audit');

  constructor(
    private readonly reflector: Reflector,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const action = this.reflector.get<string | undefined>(AUDIT_KEY, ctx.getHandler());
    if (!action) return next.handle();
    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    return next.handle().pipe(
      tap(() => {
        const q = req.query as Record<string, unknown>;
        const territory = typeof q['level'] === 'string' && typeof q['code'] === 'string' ? `${q['level']}:${q['code']}` : null;
        audit(this.pool, {
          userId: req.user?.id,
          actor: req.user?.email,
          action,
          territory,
          details: { method: req.method, path: req.path },
        }).catch((e) => this.logger.error(`audit log write failed: ${(e as Error).message}`));
      }),
    );
  }
}
