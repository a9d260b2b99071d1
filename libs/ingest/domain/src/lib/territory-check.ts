import { departmentOfCommune } from '@vigie/territory-domain';

/**
 * Where an imported record is, as a department (or a region / the country for records that name one):
 * services, settlements and mutual aid by their resolved location, search events by their resolved
 * territory, indicators/activities/targets by their level and code.
 */
export type RecordPlace = { level: 'department'; code: string } | { level: 'region'; code: string } | { level: 'country' } | null;

export function placeOf(record: unknown): RecordPlace {
  const r = record as Record<string, unknown>;
  const loc = (r['location'] ?? r) as Record<string, unknown>;
  const dept = loc['departmentCode'];
  if (typeof dept === 'string' && dept) return { level: 'department', code: dept };
  const commune = loc['communeCode'];
  if (typeof commune === 'string' && commune) return { level: 'department', code: departmentOfCommune(commune) };
  const region = r['regionCode'];
  if (typeof region === 'string' && region) return { level: 'region', code: region };
  const level = r['level'];
  const code = r['code'];
  if (typeof level === 'string' && typeof code === 'string') {
    if (level === 'country') return { level: 'country' };
    if (level === 'region') return { level: 'region', code };
    if (level === 'department') return { level: 'department', code };
    if (level === 'commune') return { level: 'department', code: departmentOfCommune(code) };
  }
  return null;
}

/**
 * The row check of a viewer limited to some departments and regions (admins and national users: none).
 * A region row is accepted only from a user of that region; a row with no known territory is refused.
 */
export function territoryRowCheck(departments: Set<string>, regions: Set<string>, describe: string): (record: unknown) => string | null {
  return (record) => {
    const p = placeOf(record);
    if (!p) return `no territory could be resolved for this row; your imports are limited to ${describe}`;
    if (p.level === 'country') return `national rows are reserved to national users; your imports are limited to ${describe}`;
    if (p.level === 'region') return regions.has(p.code) ? null : `region ${p.code} is outside your territories (${describe})`;
    return departments.has(p.code) ? null : `department ${p.code} is outside your territories (${describe})`;
  };
}
