import { type CanActivate, type ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { TERRITORY_LEVELS, type TerritoryLevel, type TerritoryRef } from '@vigie/contracts';
import { formatTerritoryRef, isValidCode, parseTerritoryRef } from '@vigie/territory-domain';
import { ANY_TERRITORY_KEY } from './access.decorators.js';
import type { AuthedRequest } from './access.guard.js';
import { contains, seesEverything, TerritoryAccess } from './territory-access.js';

/** Territory references a request names, wherever a route takes them: `level`+`code` (query or path), `territory=`, `parent=`. */
export function namedTerritories(req: Pick<AuthedRequest, 'query' | 'params'>): TerritoryRef[] {
  const out: TerritoryRef[] = [];
  const one = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const pair = (level: unknown, code: unknown) => {
    const l = one(level);
    const c = one(code)?.toUpperCase();
    if (l && c && (TERRITORY_LEVELS as readonly string[]).includes(l) && isValidCode(l as TerritoryLevel, c))
      out.push({ level: l as TerritoryLevel, code: c });
  };
  const q = (req.query ?? {}) as Record<string, unknown>;
  const p = (req.params ?? {}) as Record<string, unknown>;
  pair(q['level'], q['code']);
  pair(p['level'], p['code']);
  for (const key of ['territory', 'parent']) {
    const ref = parseTerritoryRef(one(q[key]));
    if (ref) out.push(ref);
  }
  return out;
}

/**
 * The territory half of the one serve layer (docs/PRIVACY.md): a global guard, after the access guard, that
 * refuses (403) any request of a territory-scoped user naming a territory that has nothing in common with
 * theirs, whatever the route. A route therefore cannot serve a foreign territory by forgetting its own check.
 * "In common" is the loosest rule any route applies (the territory is inside one of the user's, or contains
 * one, as a map of their region does); each route still narrows to what it may show (TerritoryAccess.scope,
 * childScope). Admins and national users name any territory; malformed references are left to the route's 400;
 * routes of public reference data (the geography) opt out explicitly with @AnyTerritory().
 */
@Injectable()
export class TerritoryScopeGuard implements CanActivate {
  constructor(
    private readonly access: TerritoryAccess,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    if (this.reflector.getAllAndOverride<boolean>(ANY_TERRITORY_KEY, [ctx.getHandler(), ctx.getClass()])) return true;
    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    const viewer = req.viewer;
    if (!viewer || viewer.role === 'public' || seesEverything(viewer)) return true;
    for (const ref of namedTerritories(req)) {
      if (await this.access.canSee(viewer, ref)) continue;
      const overlaps = await Promise.all(viewer.territories.map((t) => contains(this.access.pool, ref, t)));
      if (!overlaps.some(Boolean)) throw new ForbiddenException(`${formatTerritoryRef(ref)} is outside your territories`);
    }
    return true;
  }
}
