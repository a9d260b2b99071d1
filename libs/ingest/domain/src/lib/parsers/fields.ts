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

export function csvFields(values: Map<string, unknown>): FieldSource {
  return {
    pick: (...names) => {
      for (const n of names) {
        const keys = [columnKey(n), columnKey(n.replace(/([a-z])([A-Z])/g, '$1_$2')), columnKey(n.replace(/\./g, '_'))];
        for (const k of keys) {
          const v = values.get(k);
          if (v !== undefined && v !== null && v !== '') return v;
        }
      }
      return undefined;
    },
  };
}
