import type { GeoResolver } from '../geo-resolver.js';
import { readCsv } from '../io/csv.js';
import type { TextSource } from '../io/source.js';
import type { ActivityKind, ActivityRecord, IndicatorRecord, ParsedRow, TargetMetric, TargetRecord } from '../records.js';
import { RowIssues, unreadable, type ParseOptions } from '../validation.js';
import { identity, isoDay, parseCount, parseDate, parseEnum, parseNumber, text } from '../values.js';
import { csvFields, type FieldSource } from './fields.js';
import { parseTerritory } from './territory-fields.js';

export interface TerritoryTableOptions extends ParseOptions {
  /** When given, codes must exist (not only be well-formed); former commune codes are mapped. */
  geo?: GeoResolver;
}

/** A year between 1900 and `now`'s year + `ahead`. */
function parseYear(raw: unknown, issues: RowIssues, now: Date, ahead: number): number | null {
  const y = parseNumber(raw, 'year', issues);
  if (y === null) {
    if (!issues.errors.some((e) => e.field === 'year')) issues.add('year', 'missing year');
    return null;
  }
  const max = now.getUTCFullYear() + ahead;
  if (!Number.isInteger(y) || y < 1900 || y > max) {
    issues.add('year', `invalid year ${y} (expected 1900–${max})`);
    return null;
  }
  return y;
}

async function* rows<T>(
  source: TextSource,
  required: string[],
  map: (f: FieldSource, line: number) => ParsedRow<T>,
): AsyncGenerator<ParsedRow<T>> {
  for await (const item of readCsv(source)) {
    if (item.kind === 'error') yield unreadable(item.line, item.reason);
    else if (item.kind === 'header') {
      const missing = required.filter((c) => !item.keys.includes(c));
      if (missing.length) {
        yield unreadable(1, `missing column(s): ${missing.join(', ')}`, missing.join(','));
        return;
      }
    } else yield map(csvFields(item.values), item.line);
  }
}

/** Territory indicators CSV: `level,code,indicator,year,value[,unit,source]`. */
export function parseIndicatorsCsv(source: TextSource, options: TerritoryTableOptions = {}): AsyncGenerator<ParsedRow<IndicatorRecord>> {
  const now = options.now ?? new Date();
  return rows(source, ['level', 'code', 'indicator', 'year', 'value'], (f, line) => {
    const issues = new RowIssues(line);
    const territory = parseTerritory(f.pick('level'), f.pick('code'), issues, options.geo);
    const indicator = text(f.pick('indicator'));
    if (!indicator) issues.add('indicator', 'missing indicator');
    else if (!/^[a-z0-9_]+$/.test(indicator))
      issues.add('indicator', `invalid indicator "${indicator}" (expected snake_case, e.g. poverty_rate)`);
    const year = parseYear(f.pick('year'), issues, now, 0);
    const value = parseNumber(f.pick('value'), 'value', issues);
    if (value === null && !issues.errors.some((e) => e.field === 'value')) issues.add('value', 'missing value');
    return issues.result(() => ({
      ...territory!,
      indicator: indicator!,
      year: year!,
      value: value!,
      unit: text(f.pick('unit')),
      source: text(f.pick('source')),
    }));
  });
}

const ACTIVITY_KINDS: Record<string, ActivityKind> = {
  training: 'training',
  formation: 'training',
  sensitisation: 'sensitisation',
  sensibilisation: 'sensitisation',
  awareness: 'sensitisation',
  copil: 'copil',
  'comite de pilotage': 'copil',
  funding: 'funding',
  financement: 'funding',
};

/**
 * Deployment activities CSV: `id,kind,date,level,code,title,people,listeners,funder,amount`.
 * kind: training|sensitisation|copil|funding (French accepted); funding lines need an amount;
 * listeners (trained "écoutants") cannot exceed people.
 */
export function parseActivitiesCsv(source: TextSource, options: TerritoryTableOptions = {}): AsyncGenerator<ParsedRow<ActivityRecord>> {
  const now = options.now ?? new Date();
  return rows(source, ['id', 'kind', 'date', 'level', 'code'], (f, line) => {
    const id = text(f.pick('id'));
    const issues = new RowIssues(line, id ?? undefined);
    if (!id) issues.add('id', 'missing id');
    const kind = parseEnum(f.pick('kind'), 'kind', issues, ACTIVITY_KINDS, {
      required: true,
      allowed: ['training', 'sensitisation', 'copil', 'funding'],
    });
    const date = parseDate(f.pick('date'), 'date', issues, now);
    if (!date && !issues.errors.some((e) => e.field === 'date')) issues.add('date', 'missing date');
    const territory = parseTerritory(f.pick('level'), f.pick('code'), issues, options.geo);
    const people = parseCount(f.pick('people'), 'people', issues);
    const listeners = parseCount(f.pick('listeners'), 'listeners', issues);
    if (people !== null && listeners !== null && listeners > people)
      issues.add('listeners', `more listeners (${listeners}) than people (${people})`);
    const amount = parseNumber(f.pick('amount'), 'amount', issues);
    if (amount !== null && amount < 0) issues.add('amount', `negative amount: ${amount}`);
    if (kind === 'funding' && amount === null && !issues.errors.some((e) => e.field === 'amount'))
      issues.add('amount', 'a funding line needs an amount');
    return issues.result(() => ({
      sourceId: id!,
      kind: kind!,
      date: isoDay(date)!,
      ...territory!,
      title: text(f.pick('title')),
      people,
      listeners,
      funder: text(f.pick('funder')),
      amount,
    }));
  });
}

export const TARGET_METRICS: readonly TargetMetric[] = [
  'structures',
  'searches_per_month',
  'people_sensitised',
  'listeners_trained',
  'copil_held',
  'funds_raised',
  'budget',
];

/** Deployment targets CSV: `level,code,year,metric,value` (years up to 10 ahead). */
export function parseTargetsCsv(source: TextSource, options: TerritoryTableOptions = {}): AsyncGenerator<ParsedRow<TargetRecord>> {
  const now = options.now ?? new Date();
  return rows(source, ['level', 'code', 'year', 'metric', 'value'], (f, line) => {
    const issues = new RowIssues(line);
    const territory = parseTerritory(f.pick('level'), f.pick('code'), issues, options.geo);
    const year = parseYear(f.pick('year'), issues, now, 10);
    const metric = parseEnum(f.pick('metric'), 'metric', issues, identity(TARGET_METRICS), { required: true });
    const value = parseNumber(f.pick('value'), 'value', issues);
    if (value === null && !issues.errors.some((e) => e.field === 'value')) issues.add('value', 'missing value');
    if (value !== null && value < 0) issues.add('value', `negative target: ${value}`);
    return issues.result(() => ({ ...territory!, year: year!, metric: metric!, value: value! }));
  });
}
