import type { RowIssues } from './validation.js';

/** Tolerance for clock skew and time zones before a date counts as "in the future". */
const FUTURE_TOLERANCE_MS = 36 * 3600 * 1000;

/** Trimmed string, or null for null/undefined/blank. Numbers are stringified. */
export function text(raw: unknown): string | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'string') return raw.trim() || null;
  if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
  return null;
}

/** Recent labels: a file repeats a few spellings (statuses, origins, categories) on every row. */
const labelCache = new Map<string, string>();

/** Lower case, accents removed, separators as single spaces ("Privé" → "prive"). */
export function normaliseLabel(raw: string): string {
  let v = labelCache.get(raw);
  if (v === undefined) {
    v = raw
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[’'`_\-/]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    if (labelCache.size >= 5_000) labelCache.clear(); // bounded: free-text values must not grow it
    labelCache.set(raw, v);
  }
  return v;
}

/**
 * Parses a date or timestamp: ISO 8601 ("2024-03-01", "2024-03-01T10:00:00Z"), French
 * "01/03/2024" or "01/03/2024 10:00", a JS Date (XLSX cells), or a number (Excel serial day when
 * < 100000, Unix seconds when < 1e11, else Unix milliseconds). Returns a Date or null when blank;
 * records an error when unparseable or later than `now` (+36 h tolerance).
 */
export function parseDate(raw: unknown, field: string, issues: RowIssues, now: Date): Date | null {
  if (raw === null || raw === undefined || raw === '') return null;
  const d = toDate(raw);
  if (!d) {
    issues.add(field, `unparseable date "${String(raw)}" (expected YYYY-MM-DD, an ISO timestamp or DD/MM/YYYY)`);
    return null;
  }
  if (d.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
    issues.add(field, `date in the future: ${d.toISOString().slice(0, 10)} is after ${now.toISOString().slice(0, 10)}`);
    return null;
  }
  return d;
}

function toDate(raw: unknown): Date | null {
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? null : raw;
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return null;
    if (raw < 100000) return new Date(Date.UTC(1899, 11, 30) + Math.round(raw * 86400000));
    return new Date(raw < 1e11 ? raw * 1000 : raw);
  }
  const s = text(raw);
  if (!s) return null;
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T](\d{1,2})[:h](\d{2})(?::(\d{2}))?)?$/.exec(s);
  if (m) {
    const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const d = new Date(Date.UTC(year, month - 1, day, Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)));
    return d.getUTCMonth() === month - 1 && d.getUTCDate() === day ? d : null;
  }
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (m) {
    const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
    return d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]) ? d : null;
  }
  if (!/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(s)) return null;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? null : d;
}

export const isoDay = (d: Date | null): string | null => (d ? d.toISOString().slice(0, 10) : null);
export const isoTimestamp = (d: Date | null): string | null => (d ? d.toISOString() : null);

/**
 * `isoTimestamp(parseDate(…))`, same answers and errors, with a fast path for what most exports write:
 * the canonical "YYYY-MM-DDTHH:MM:SS.sssZ" (toISOString's own form), checked by hand and returned as is.
 */
export function parseTimestamp(raw: unknown, field: string, issues: RowIssues, now: Date): string | null {
  if (typeof raw === 'string' && raw.length === 24) {
    const ms = canonicalIsoMs(raw);
    if (ms !== null) {
      if (ms > now.getTime() + FUTURE_TOLERANCE_MS) {
        issues.add(field, `date in the future: ${raw.slice(0, 10)} is after ${now.toISOString().slice(0, 10)}`);
        return null;
      }
      return raw;
    }
  }
  return isoTimestamp(parseDate(raw, field, issues, now));
}

/** Shape of "YYYY-MM-DDTHH:MM:SS.sssZ": 'd' a digit, any other character itself. */
const CANONICAL_ISO = 'dddd-dd-ddTdd:dd:dd.dddZ';

/**
 * Epoch milliseconds of a canonical ISO timestamp whose fields are all in range (years 1000–9999), for
 * which `new Date(s).toISOString() === s`; null for anything else (left to the general parser).
 */
function canonicalIsoMs(s: string): number | null {
  for (let i = 0; i < 24; i++) {
    const c = s.charCodeAt(i);
    const want = CANONICAL_ISO.charCodeAt(i);
    if (want === 100 ? c < 48 || c > 57 : c !== want) return null;
  }
  const n = (from: number, to: number) => {
    let v = 0;
    for (let i = from; i < to; i++) v = v * 10 + s.charCodeAt(i) - 48;
    return v;
  };
  const year = n(0, 4);
  const month = n(5, 7);
  const day = n(8, 10);
  const hour = n(11, 13);
  const minute = n(14, 16);
  const second = n(17, 19);
  if (year < 1000 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31)) return null;
  return Date.UTC(year, month - 1, day, hour, minute, second, n(20, 23));
}

/** Plain digit strings: Number() reads them as parseNumber would (nothing to clean). */
const DIGITS = /^\d{1,15}$/;

/** Parses "1234", "1 234,5", "1234.5", numbers; null when blank; error when not a number. */
export function parseNumber(raw: unknown, field: string, issues: RowIssues): number | null {
  if (raw === null || raw === undefined || raw === '') return null;
  if (typeof raw === 'string' && DIGITS.test(raw)) return Number(raw);
  if (typeof raw === 'number') {
    if (Number.isFinite(raw)) return raw;
    issues.add(field, `not a number: ${raw}`);
    return null;
  }
  const s = text(raw);
  if (!s) return null;
  const cleaned = s.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.');
  const n = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(cleaned) ? Number(cleaned) : NaN;
  if (Number.isNaN(n)) {
    issues.add(field, `not a number: "${s}"`);
    return null;
  }
  return n;
}

/** A count: a non-negative integer ("negative count" and "not an integer" are errors). */
export function parseCount(raw: unknown, field: string, issues: RowIssues): number | null {
  const n = parseNumber(raw, field, issues);
  if (n === null) return null;
  if (n < 0) {
    issues.add(field, `negative count: ${n}`);
    return null;
  }
  if (!Number.isInteger(n)) {
    issues.add(field, `not a whole number: ${n}`);
    return null;
  }
  return n;
}

/** Yes/no in French or English ("oui", "non", "true", "1"…); null when blank or unknown ("inconnu"). */
export function parseBoolean(raw: unknown): boolean | null {
  if (typeof raw === 'boolean') return raw;
  if (typeof raw === 'number') return raw === 1 ? true : raw === 0 ? false : null;
  const s = text(raw);
  if (!s) return null;
  const k = normaliseLabel(s);
  if (['oui', 'yes', 'true', '1', 'vrai', 'o', 'y'].includes(k)) return true;
  if (['non', 'no', 'false', '0', 'faux', 'n'].includes(k)) return false;
  return null;
}

/**
 * Maps a raw value to an enum through a table of accepted spellings (keys compared after
 * {@link normaliseLabel}). Blank → null (or an error when `required`); unknown → an error that lists
 * the allowed values.
 */
export function parseEnum<T extends string>(
  raw: unknown,
  field: string,
  issues: RowIssues,
  spellings: Record<string, T>,
  options: { required?: boolean; allowed?: readonly string[] } = {},
): T | null {
  const s = text(raw);
  const allowed = options.allowed ?? [...new Set(Object.values(spellings))];
  if (!s) {
    if (options.required) issues.add(field, `missing value (allowed: ${allowed.join(', ')})`);
    return null;
  }
  const table = normalisedTable(spellings);
  const v = table.get(normaliseLabel(s));
  if (v === undefined) {
    issues.add(field, `unknown value "${s}" (allowed: ${allowed.join(', ')})`);
    return null;
  }
  return v;
}

const tables = new WeakMap<object, Map<string, string>>();
function normalisedTable<T extends string>(spellings: Record<string, T>): Map<string, T> {
  let t = tables.get(spellings);
  if (!t) {
    t = new Map(Object.entries(spellings).map(([k, v]) => [normaliseLabel(k), v]));
    tables.set(spellings, t);
  }
  return t as Map<string, T>;
}

/** Identity spellings for a list of values (each value accepted as itself). */
export function identity<T extends string>(values: readonly T[]): Record<string, T> {
  return Object.fromEntries(values.map((v) => [v, v])) as Record<string, T>;
}
