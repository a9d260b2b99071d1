import { isValidCode } from '@vigie/territory-domain';
import type { GeoResolver } from '../geo-resolver.js';
import { normaliseDepartmentCode, normaliseFiveCharCode } from '../geo-resolver.js';
import type { TerritoryLevelName } from '../records.js';
import type { RowIssues } from '../validation.js';
import { parseEnum, text } from '../values.js';

export const TERRITORY_LEVELS: Record<string, TerritoryLevelName> = {
  country: 'country',
  pays: 'country',
  national: 'country',
  france: 'country',
  region: 'region',
  department: 'department',
  departement: 'department',
  epci: 'epci',
  commune: 'commune',
};
const LEVEL_NAMES = ['country', 'region', 'department', 'epci', 'commune'];

/**
 * A (level, code) pair: the level (English or French), and a code valid for it: syntax always
 * (INSEE/SIREN patterns), existence too when a resolver is given (regions, departments, communes;
 * a former commune code is mapped to the current one). Country level takes the code "FR".
 */
export function parseTerritory(
  rawLevel: unknown,
  rawCode: unknown,
  issues: RowIssues,
  geo?: GeoResolver,
): { level: TerritoryLevelName; code: string } | null {
  const level = parseEnum(rawLevel, 'level', issues, TERRITORY_LEVELS, { required: true, allowed: LEVEL_NAMES });
  const raw = text(rawCode);
  if (!level) return null;
  if (level === 'country') return { level, code: 'FR' };
  if (!raw) {
    issues.add('code', `missing ${level} code`);
    return null;
  }
  const code = level === 'department' ? normaliseDepartmentCode(raw) : level === 'commune' ? normaliseFiveCharCode(raw) : raw.trim();
  if (!isValidCode(level, code)) {
    issues.add('code', `invalid territory code: "${raw}" is not a valid ${level} code`);
    return null;
  }
  if (geo) {
    if (level === 'commune') {
      const current = geo.currentCommuneCode(code);
      if (!current) issues.add('code', `invalid territory code: commune "${code}" does not exist`);
      return current ? { level, code: current } : null;
    }
    if (level === 'department' && !geo.isDepartment(code)) {
      issues.add('code', `invalid territory code: department "${code}" does not exist`);
      return null;
    }
    if (level === 'region' && !geo.isRegion(code)) {
      issues.add('code', `invalid territory code: region "${code}" does not exist`);
      return null;
    }
  }
  return { level, code };
}
