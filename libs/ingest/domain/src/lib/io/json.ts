import { NUL_REASON } from './csv.js';
import { readLines } from './lines.js';
import { peekText } from './peek.js';
import { decodeText, type TextSource } from './source.js';

/** One JSON document read from a stream, or why it could not be read. `line` is where it starts. */
export type JsonItem = { ok: true; line: number; value: unknown } | { ok: false; line: number; reason: string };

export type Reviver = (key: string, value: unknown) => unknown;

export interface JsonReadOptions {
  /** Applied by JSON.parse to every document (e.g. {@link ejsonReviver}). */
  reviver?: Reviver;
  /**
   * When the input is one object holding the documents in an array (GeoJSON `features`, an API
   * response `{ "places": [...] }`), the key of that array in the top-level object.
   */
  itemsAt?: string;
}

/** Newline-delimited JSON: one document per line; blank lines are skipped; a bad line is reported and skipped. */
export async function* readNdjson(source: TextSource, options: JsonReadOptions = {}): AsyncGenerator<JsonItem> {
  for await (const { line, text } of readLines(source)) {
    if (!text.trim()) continue;
    yield parseItem(text, line, options.reviver);
  }
}

function parseItem(text: string, line: number, reviver?: Reviver): JsonItem {
  let value: unknown;
  try {
    value = JSON.parse(text, reviver);
  } catch (e) {
    return { ok: false, line, reason: `malformed JSON: ${(e as Error).message}` };
  }
  // A NUL written as the escape \u0000 (one native search per document; the path is looked for only then).
  if (text.includes('\\u0000')) {
    const path = nulPath(value, '');
    if (path !== null) return { ok: false, line, reason: `${NUL_REASON} in field "${path || '(value)'}"` };
  }
  return { ok: true, line, value };
}

/** The path of the first string (or key) holding a NUL character, or null. */
function nulPath(v: unknown, path: string): string | null {
  if (typeof v === 'string') return v.includes('\u0000') ? path : null;
  if (v === null || typeof v !== 'object') return null;
  for (const [k, x] of Object.entries(v)) {
    const p = path ? `${path}.${k}` : k;
    if (k.includes('\u0000')) return p;
    const found = nulPath(x, p);
    if (found !== null) return found;
  }
  return null;
}

/**
 * Streams the elements of a JSON array (`[ {...}, {...} ]`), or of the array at `itemsAt` in a
 * top-level object, or a sequence of concatenated top-level values, one element at a time.
 *
 * A small incremental scanner tracks strings, escapes and nesting depth, so only the current element
 * is held in memory. Each element is handed to JSON.parse; a malformed element is reported with the
 * line where it starts and scanning goes on with the next one (as long as brackets balance).
 */
export async function* readJsonArray(source: TextSource, options: JsonReadOptions = {}): AsyncGenerator<JsonItem> {
  const stack: number[] = []; // char codes of open containers: '[' or '{'
  let inString = false;
  let escape = false;
  let line = 1;
  /** Depth (stack length) at which elements live; -1 = not decided yet. 0 = top-level values. */
  let targetDepth = -1;
  let inTarget = false;
  let targetDone = false;
  // Element being captured.
  let capturing = false;
  let parts: string[] = [];
  let startLine = 0;
  let startIdx = 0;
  // Last string seen directly inside the top-level object (candidate key for `itemsAt`).
  let keyStart = -1;
  let lastKey = '';
  let keyParts: string[] = [];
  let stray = false;

  const finish = (chunk: string, endIdx: number): JsonItem => {
    parts.push(chunk.slice(startIdx, endIdx));
    const text = parts.join('');
    parts = [];
    capturing = false;
    return parseItem(text, startLine, options.reviver);
  };

  for await (const chunk of decodeText(source)) {
    if (capturing) startIdx = 0;
    if (keyStart >= 0) keyStart = 0;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (c === 10) line++;
      if (inString) {
        if (escape) escape = false;
        else if (c === 92 /* \ */) escape = true;
        else if (c === 34 /* " */) {
          inString = false;
          if (keyStart >= 0) {
            keyParts.push(chunk.slice(keyStart, i));
            lastKey = keyParts.join('');
            keyParts = [];
            keyStart = -1;
          }
        }
        continue;
      }
      if (c === 32 || c === 10 || c === 13 || c === 9) continue;
      if (targetDepth === -1) {
        // First significant character decides the layout.
        if (c === 91 /* [ */) targetDepth = 1;
        else if (c === 123 /* { */ && options.itemsAt) targetDepth = 2;
        else targetDepth = 0;
        inTarget = targetDepth === 0;
        if (targetDepth === 1) {
          stack.push(c);
          inTarget = true;
          continue;
        }
      }
      const depth = stack.length;
      if (targetDepth === 0 && depth === 0 && c !== 123 && c !== 91) {
        // Top-level sequences hold objects or arrays only: report a run of stray characters once.
        if (!stray) yield { ok: false, line, reason: `malformed JSON: unexpected character '${chunk[i]}' between documents` };
        stray = true;
        continue;
      }
      stray = false;
      if (inTarget && !capturing && depth === targetDepth && c !== 44 /* , */ && c !== 93 /* ] */) {
        capturing = true;
        startIdx = i;
        startLine = line;
      }
      if (c === 34) {
        inString = true;
        if (!inTarget && depth === 1 && targetDepth === 2) {
          keyStart = i + 1;
          keyParts = [];
        }
        continue;
      }
      if (c === 123 || c === 91) {
        stack.push(c);
        if (!inTarget && !targetDone && targetDepth === 2 && c === 91 && stack.length === 2 && lastKey === options.itemsAt) inTarget = true;
        continue;
      }
      if (c === 125 /* } */ || c === 93 /* ] */) {
        if (capturing && depth === targetDepth && targetDepth > 0) {
          // The array closes right after an element.
          yield finish(chunk, i);
        }
        stack.pop();
        if (inTarget && targetDepth > 0 && stack.length < targetDepth) {
          inTarget = false;
          targetDone = true;
        }
        if (capturing && targetDepth === 0 && stack.length === 0) yield finish(chunk, i + 1);
        continue;
      }
      if (c === 44 && capturing && depth === targetDepth) {
        yield finish(chunk, i);
        continue;
      }
    }
    if (capturing) parts.push(chunk.slice(startIdx));
    if (keyStart >= 0) keyParts.push(chunk.slice(keyStart));
  }
  if (capturing) {
    const text = parts.join('');
    yield stack.length > 0 || inString
      ? { ok: false, line: startLine, reason: 'malformed JSON: unexpected end of input inside this element' }
      : parseItem(text, startLine, options.reviver);
  } else if (targetDepth === -1) {
    // Empty input: no documents.
  } else if (targetDepth === 2 && !targetDone && !inTarget) {
    yield { ok: false, line: 1, reason: `malformed JSON: no array at key "${options.itemsAt}" in the top-level object` };
  } else if (stack.length > 0) {
    yield { ok: false, line, reason: 'malformed JSON: unexpected end of input (unclosed array)' };
  }
}

/**
 * Reads JSON documents whatever the layout (decided on the first 64 KB):
 * - a JSON array is streamed element by element;
 * - an object holding `"<itemsAt>": [` is a wrapper (API response, GeoJSON) whose array is streamed;
 * - an object alone on its first line (`{` then a newline) starts pretty-printed documents, read one
 *   after the other;
 * - anything else is NDJSON (one document per line; a bad line never hides the next ones).
 */
export async function* readJsonDocuments(source: TextSource, options: JsonReadOptions = {}): AsyncGenerator<JsonItem> {
  const { head, rest } = await peekText(decodeText(source), (h) => h.length >= 65536);
  const start = head.trimStart();
  const key = options.itemsAt;
  const wrapper = start.startsWith('{') && key !== undefined && new RegExp(`"${key.replace(/[^\w]/g, '\\$&')}"\\s*:\\s*\\[`).test(head);
  const pretty = /^\{\s*\n/.test(start);
  if (start.startsWith('[') || wrapper) yield* readJsonArray(rest, options);
  else if (pretty) yield* readJsonArray(rest, { reviver: options.reviver });
  else yield* readNdjson(rest, { reviver: options.reviver });
}
