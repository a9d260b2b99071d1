import { ejsonReviver } from '../io/ejson.js';
import { readJsonDocuments, type JsonItem, type JsonReadOptions } from '../io/json.js';
import type { TextSource } from '../io/source.js';

export type Doc = Record<string, unknown>;

/** Reads Soliguide-style documents (NDJSON or JSON array, Extended JSON converted). */
export function readMongoDocuments(source: TextSource, options: Pick<JsonReadOptions, 'itemsAt'> = {}): AsyncGenerator<JsonItem> {
  return readJsonDocuments(source, { ...options, reviver: ejsonReviver });
}

export function isDoc(v: unknown): v is Doc {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Safe property path access: get(doc, 'position', 'location', 'coordinates'). */
export function get(v: unknown, ...path: (string | number)[]): unknown {
  let cur = v;
  for (const k of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[k];
  }
  return cur;
}

export function first(...values: unknown[]): unknown {
  return values.find((v) => v !== null && v !== undefined && v !== '');
}

export function stringArray(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim() !== '').map((x) => x.trim()) : [];
}

/** Plain text from HTML-ish descriptions (tags dropped, entities for spaces decoded, whitespace collapsed). */
export function plainText(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const s = v
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
  return s || null;
}
