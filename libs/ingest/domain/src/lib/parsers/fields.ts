import { columnKey } from '../io/csv.js';
import { get } from './common.js';

/**
 * A row seen through its field names, whatever the input: a nested JSON document (paths such as
 * `location.cityCode`) or a flat CSV row (keys normalised with {@link columnKey}, so `cityCode`,
 * `city_code` and `City code` all match `citycode`/`city_code`).
 */
export interface FieldSource {
  /** The first non-blank value among candidate names (dotted paths for JSON). */
  pick(...names: string[]): unknown;
}

export function jsonFields(doc: unknown): FieldSource {
  return {
    pick: (...names) => {
      for (const n of names) {
        const v = get(doc, ...n.split('.'));
        if (v !== undefined && v !== null && v !== '') return v;
      }
      return undefined;
    },
  };
}

/** Flat properties (GeoJSON `properties`, XLSX rows) seen like a CSV row: keys normalised. */
export function flatFields(props: Record<string, unknown>): FieldSource {
  return csvFields(new Map(Object.entries(props).map(([k, v]) => [columnKey(k), v])));
}

/** The column keys a field name may appear under; computed once per name (hot path: every row). */
const keyCache = new Map<string, string[]>();
function candidateKeys(n: string): string[] {
  let keys = keyCache.get(n);
  if (!keys) {
    keys = [...new Set([columnKey(n), columnKey(n.replace(/([a-z])([A-Z])/g, '$1_$2')), columnKey(n.replace(/\./g, '_'))])];
    if (keyCache.size < 10_000) keyCache.set(n, keys);
  }
  return keys;
}

export function csvFields(values: Map<string, unknown>): FieldSource {
  return {
    pick: (...names) => {
      for (const n of names) {
        for (const k of candidateKeys(n)) {
          const v = values.get(k);
          if (v !== undefined && v !== null && v !== '') return v;
        }
      }
      return undefined;
    },
  };
}
