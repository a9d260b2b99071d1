import type { TerritoryLevel, TerritoryRef } from '@vigie/contracts';

export const LEVELS: readonly TerritoryLevel[] = ['region', 'department', 'epci', 'commune'];

/** Rank of a level, 0 = coarsest. `national` is above every level and has rank -1. */
export function levelRank(level: TerritoryLevel): number {
  return LEVELS.indexOf(level);
}

export function isTerritoryLevel(value: unknown): value is TerritoryLevel {
  return typeof value === 'string' && (LEVELS as readonly string[]).includes(value);
}

const CODE_PATTERNS: Record<TerritoryLevel, RegExp> = {
  region: /^\d{2}$/,
  department: /^(\d{2}|2[AB]|97\d)$/,
  epci: /^\d{9}$/,
  commune: /^(\d{5}|2[AB]\d{3})$/,
};

/** True when `code` is syntactically a valid code for `level` (strings, leading zeros kept). */
export function isValidCode(level: TerritoryLevel, code: string): boolean {
  return CODE_PATTERNS[level].test(code);
}

/**
 * Parses "department:95", "commune:2A004", "region:11". Returns null when malformed.
 * Codes are upper-cased so that "2a" becomes "2A".
 */
export function parseTerritoryRef(value: string | null | undefined): TerritoryRef | null {
  if (!value) return null;
  const m = /^([a-z]+):([0-9A-Za-z]+)$/.exec(value.trim());
  if (!m) return null;
  const level = m[1];
  const code = m[2].toUpperCase();
  if (!isTerritoryLevel(level) || !isValidCode(level, code)) return null;
  return { level, code };
}

export function formatTerritoryRef(ref: TerritoryRef): string {
  return `${ref.level}:${ref.code}`;
}

/** Department code of a commune INSEE code: '97411' → '974', '2A004' → '2A', '01001' → '01'. */
export function departmentOfCommune(communeCode: string): string {
  return communeCode.startsWith('97') ? communeCode.slice(0, 3) : communeCode.slice(0, 2);
}

/** The five overseas departments (DROM) shipped with the geography. */
export const DROM_DEPARTMENTS = ['971', '972', '973', '974', '976'] as const;

export function isDrom(departmentCode: string): boolean {
  return (DROM_DEPARTMENTS as readonly string[]).includes(departmentCode);
}

/**
 * Search key for names: lower case, accents removed, punctuation as spaces.
 * "Saint-Ouen-l'Aumône" → "saint ouen l aumone".
 */
export function searchKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
