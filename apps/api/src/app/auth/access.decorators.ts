import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiCookieAuth } from '@nestjs/swagger';
import type { UserRole } from '@vigie/contracts';

export const ACCESS_KEY = 'vigie:access';
export const RATE_LIMIT_KEY = 'vigie:rate-limit';

export type AccessRule = { kind: 'public' } | { kind: 'api-key' } | { kind: 'roles'; roles: UserRole[] };

/**
 * Default deny: the global AccessGuard refuses every route that carries none of these three decorators
 * (on the handler or on its controller; the handler's wins).
 */
export const Public = (): ClassDecorator & MethodDecorator => SetMetadata(ACCESS_KEY, { kind: 'public' } satisfies AccessRule);

/** Signed-in users with one of these roles (session cookie). Territory checks happen in the handler. */
export const Roles = (...roles: UserRole[]): ClassDecorator & MethodDecorator =>
  applyDecorators(SetMetadata(ACCESS_KEY, { kind: 'roles', roles } satisfies AccessRule), ApiCookieAuth('vigie_session'));

/** Machine routes authenticated by their own guard (ingest API keys): the AccessGuard lets them through. */
export const ApiKeyAuth = (): ClassDecorator & MethodDecorator => SetMetadata(ACCESS_KEY, { kind: 'api-key' } satisfies AccessRule);

/** Every signed-in role. */
export const ALL_ROLES: UserRole[] = ['admin', 'coordinator', 'copil', 'funder'];

/** Token bucket per client IP and route, see RateLimitGuard; `bucket` names a configured limit. */
export const RateLimit = (bucket: 'login' | 'ingest'): ClassDecorator & MethodDecorator => SetMetadata(RATE_LIMIT_KEY, bucket);

export const BEFORE_PASSWORD_CHANGE_KEY = 'vigie:before-password-change';
/**
 * Routes a user who must change their password may still call (their own profile, the password change);
 * every other signed-in route answers 403 with code `password_change_required` until they do.
 */
export const AllowedBeforePasswordChange = (): MethodDecorator => SetMetadata(BEFORE_PASSWORD_CHANGE_KEY, true);

export const AUDIT_KEY = 'vigie:audit';
/** Writes an audit_log row (user, action, territory of the query, path, status) when the handler succeeds. */
export const Audit = (action: string): MethodDecorator => SetMetadata(AUDIT_KEY, action);

export const ANY_TERRITORY_KEY = 'vigie:any-territory';
/**
 * Routes whose answers are the same public reference for every user (the geography: names, outlines,
 * populations): the territory scope guard lets a scoped user name any territory there. Data routes never carry it.
 */
export const AnyTerritory = (): ClassDecorator & MethodDecorator => SetMetadata(ANY_TERRITORY_KEY, true);
