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
  /** `pick` over a constant list of names (a source may resolve each list once: see {@link csvColumns}). */
  pickIn(names: readonly string[]): unknown;
}

export function jsonFields(doc: unknown): FieldSource {
  const pickIn = (names: readonly string[]) => {
    for (const n of names) {
      const v = get(doc, ...n.split('.'));
      if (v !== undefined && v !== null && v !== '') return v;
    }
    return undefined;
  };
  return { pick: (...names) => pickIn(names), pickIn };
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
  const pickIn = (names: readonly string[]) => {
    for (const n of names) {
      for (const k of candidateKeys(n)) {
        const v = values.get(k);
        if (v !== undefined && v !== null && v !== '') return v;
      }
    }
    return undefined;
  };
  return { pick: (...names) => pickIn(names), pickIn };
}

/**
 * The rows of one CSV file (cells in header order, as readCsvChunks yields them) seen through
 * their field names, with the same answers as {@link csvFields} over each row's map: each constant list
 * of names given to `pickIn` is resolved to its columns once for the file. Set `cells` to the current row.
 */
export class CsvColumns implements FieldSource {
  cells: readonly string[] = [];
  private readonly lists = new Map<readonly string[], number[]>();
  constructor(private readonly keys: readonly string[]) {}

  /** The columns a list of names reads, in the order csvFields tries them (first column of a key). */
  private columns(names: readonly string[]): number[] {
    const cols: number[] = [];
    for (const n of names) {
      for (const k of candidateKeys(n)) {
        const i = k ? this.keys.indexOf(k) : -1;
        if (i >= 0) cols.push(i);
      }
    }
    return cols;
  }

  pick(...names: string[]): unknown {
    return this.read(this.columns(names));
  }

  pickIn(names: readonly string[]): unknown {
    let cols = this.lists.get(names);
    if (!cols) {
      cols = this.columns(names);
      if (this.lists.size < 1_000) this.lists.set(names, cols);
    }
    return this.read(cols);
  }

  private read(cols: number[]): unknown {
    for (let i = 0; i < cols.length; i++) {
      const v = this.cells[cols[i]];
      if (v !== '') return v;
    }
    return undefined;
  }
}
