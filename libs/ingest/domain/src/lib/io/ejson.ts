/**
 * MongoDB Extended JSON v2 (relaxed and canonical) to plain JSON values, so that parsers see the
 * same shapes whatever the export mode (mongoexport, `EJSON.stringify`, Compass):
 *
 * | EJSON | plain value |
 * | --- | --- |
 * | `{"$oid": "…"}` | the 24-hex string |
 * | `{"$date": "ISO"}`, `{"$date": {"$numberLong": "ms"}}`, `{"$date": ms}` | ISO 8601 UTC string |
 * | `{"$numberInt": "1"}`, `{"$numberLong": "1"}`, `{"$numberDouble": "1.5"}`, `{"$numberDecimal": "1.5"}` | number (`NaN`/`±Infinity` kept as such) |
 * | `{"$undefined": true}` | `null` |
 *
 * Other wrappers (`$binary`, `$regularExpression`, `$timestamp`…) are left as they are.
 */
export function ejsonReviver(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  if (keys.length !== 1 || !keys[0].startsWith('$')) return value;
  const k = keys[0];
  const v = (value as Record<string, unknown>)[k];
  switch (k) {
    case '$oid':
      return typeof v === 'string' ? v : value;
    case '$numberInt':
    case '$numberLong':
    case '$numberDouble':
    case '$numberDecimal':
      return typeof v === 'string' ? parseEjsonNumber(v) : typeof v === 'number' ? v : value;
    case '$date':
      return ejsonDate(v) ?? value;
    case '$undefined':
      return null;
    default:
      return value;
  }
}

/** Deep conversion of an already parsed value (same rules as {@link ejsonReviver}). */
export function fromExtendedJson(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v, i) => ejsonReviver(String(i), fromExtendedJson(v)));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = fromExtendedJson(v);
  return ejsonReviver('', out);
}

function parseEjsonNumber(s: string): number {
  if (s === 'NaN') return NaN;
  if (s === 'Infinity' || s === '+Infinity') return Infinity;
  if (s === '-Infinity') return -Infinity;
  return Number(s);
}

function ejsonDate(v: unknown): string | null {
  // After the reviver ran on the inner value, a canonical {$numberLong} is already a number.
  if (typeof v === 'number' && Number.isFinite(v)) return new Date(v).toISOString();
  if (typeof v === 'string') {
    const d = new Date(v);
    return Number.isNaN(d.getTime()) ? null : d.toISOString();
  }
  if (v && typeof v === 'object' && typeof (v as { $numberLong?: unknown }).$numberLong === 'string') {
    return ejsonDate(Number((v as { $numberLong: string }).$numberLong));
  }
  return null;
}
