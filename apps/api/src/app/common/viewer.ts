import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { TerritoryRef } from '@vigie/contracts';
import { DEFAULT_K } from '@vigie/analytics-domain';

export type Role = 'admin' | 'coordinator' | 'copil' | 'funder' | 'public';

/**
 * Who is asking, set on `req.viewer` by the global AccessGuard (auth/access.guard.ts) from the session
 * cookie. `public` (no session) is the most restricted view. `national` users (and admins) see everywhere.
 */
export interface Viewer {
  role: Role;
  territories: TerritoryRef[];
  national?: boolean;
  userId?: number;
  email?: string;
}

export const PUBLIC_VIEWER: Viewer = { role: 'public', territories: [] };

export const CurrentViewer = createParamDecorator((_: unknown, ctx: ExecutionContext): Viewer => {
  const req = ctx.switchToHttp().getRequest<{ viewer?: Viewer }>();
  return req.viewer ?? PUBLIC_VIEWER;
});

/**
 * Disclosure threshold: exact counts for admins, and for coordinators when the requested territory is
 * inside one of theirs (`coordinatorOfTerritory`); counts below k suppressed for everyone else.
 */
export function suppressionFor(viewer: Viewer, coordinatorOfTerritory: boolean): number | null {
  if (viewer.role === 'admin') return null;
  if (viewer.role === 'coordinator' && coordinatorOfTerritory) return null;
  return DEFAULT_K;
}

/**
 * k of a route whose territory was already checked against the viewer's (TerritoryAccess): exact counts
 * for admins and coordinators, statistical secrecy (k = 11) for COPIL, funders and anyone else.
 */
export function secrecyThreshold(viewer: Viewer): number | null {
  return suppressionFor(viewer, viewer.role === 'coordinator');
}
