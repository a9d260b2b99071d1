import type { AuthUser, TerritoryLevel, TerritoryRef, UserRole } from '@vigie/contracts';
import { departmentOfCommune, parseTerritoryRef } from '@vigie/territory-domain';

/**
 * What a signed-in user may see, read from GET /api/auth/me (the API's rules: apps/api/src/app/auth/territory-access.ts,
 * docs/PRIVACY.md): admins and 'national' users see France; everyone else only their territories (and what lies inside).
 */
export interface UserScope {
  national: boolean;
  territories: TerritoryRef[];
}

export const NATIONAL_SCOPE: UserScope = { national: true, territories: [] };

export function userScope(user: Pick<AuthUser, 'role' | 'territories'> | null | undefined): UserScope {
  if (!user) return NATIONAL_SCOPE;
  const territories: TerritoryRef[] = [];
  let national = user.role === 'admin';
  for (const t of user.territories) {
    if (t === 'national') national = true;
    else {
      const ref = parseTerritoryRef(t);
      if (ref) territories.push(ref);
    }
  }
  return { national, territories };
}

/** Where a user lands: France for national users, else their first territory (the API's default too). */
export function defaultTerritory(scope: UserScope): TerritoryRef | null {
  return scope.national ? null : (scope.territories[0] ?? null);
}

/** Parents of a territory, as the API's detail (or a search result's label) gives them. */
export interface TerritoryParents {
  regionCode?: string | null;
  departmentCode?: string | null;
  epciCode?: string | null;
}

/**
 * Is `t` (null: France) inside the user's territories? `undefined` when the parents are needed and not known yet.
 * Same rule as the API's TerritoryAccess.canSee: inside one of the user's territories, or one of them.
 */
export function isInScope(scope: UserScope, t: TerritoryRef | null, parents?: TerritoryParents | null): boolean | undefined {
  if (scope.national) return true;
  if (!t) return false;
  let unknown = false;
  for (const s of scope.territories) {
    if (s.level === t.level) {
      if (s.code === t.code) return true;
      continue;
    }
    if (rank(s.level) > rank(t.level)) continue; // a coarser territory is never inside a finer one
    const dep = t.level === 'commune' ? departmentOfCommune(t.code) : t.level === 'department' ? t.code : (parents?.departmentCode ?? null);
    if (s.level === 'department') {
      if (dep) {
        if (dep === s.code) return true;
        continue;
      }
      unknown = true;
    } else if (s.level === 'region') {
      if (parents?.regionCode) {
        if (parents.regionCode === s.code) return true;
        continue;
      }
      unknown = true;
    } else if (s.level === 'epci') {
      if (parents?.epciCode !== undefined) {
        if (parents.epciCode === s.code) return true;
        continue;
      }
      unknown = true;
    }
  }
  return unknown ? undefined : false;
}

const RANKS: Record<TerritoryLevel, number> = { region: 0, department: 1, epci: 2, commune: 3 };
function rank(l: TerritoryLevel): number {
  return RANKS[l];
}

/** Department code written in a search result's label: "Pontoise (95)", "CA de Cergy-Pontoise (95)". */
export function departmentInLabel(label: string): string | null {
  return /\((\d{2}|2[AB]|97\d)\)\s*$/.exec(label)?.[1] ?? null;
}

/**
 * Views each role may open (the API's @Roles rules): imports are for admins and coordinators; every other view
 * for every role (COPIL and funders get suppressed small counts there).
 */
const VIEW_ROLES: Record<string, readonly UserRole[]> = {
  imports: ['admin', 'coordinator'],
};

export function canOpenView(path: string, role: UserRole | null | undefined): boolean {
  const roles = VIEW_ROLES[path.replace(/^\//, '')];
  return !roles || (!!role && roles.includes(role));
}
