import { type ArgumentMetadata, BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';
import { daysBetween, isDay, MAX_DAY, MIN_DAY } from '@vigie/calendar';

function flatten(errors: ValidationError[], prefix = ''): { field: string; reason: string }[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((reason) => ({ field, reason }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** Every date a request may name lies in the calendar's bounds (MIN_DAY…MAX_DAY, inclusive); every period spans at most MAX_PERIOD_DAYS. */
export const MAX_PERIOD_DAYS = 10 * 366;

/** A value that starts like a date (`2026-01-31`, `+010000-01-01`, `2026-01-31T…`): checked against the bounds whatever its key. */
const DATE_LIKE = /^[+-]?\d{4,}-\d{1,2}-\d{1,2}(?:$|T)/;
/** Keys that always hold a date (a malformed value there is left to the DTO's own message). */
const DATE_KEYS = new Set(['from', 'to', 'date', 'day', 'since', 'until']);

function bad(field: string, reason: string): BadRequestException {
  return new BadRequestException({ error: 'Bad Request', message: reason, details: [{ field, reason }] });
}

/** The calendar date of a date-like value, or null when it is not a real day (2026-02-30, month 13…). */
function calendarDay(value: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})(?:$|T)/.exec(value);
  return m && isDay(m[1]) ? m[1] : null;
}

/**
 * The one place where query dates are bounded: every date-like query value must be a real day between
 * MIN_DAY and MAX_DAY (@vigie/calendar), and `from`…`to` must span at most 10 years. Runs before each route's
 * DTO, so no service ever loops over or queries an unbounded period (`to=9999-12-31` was a 10 s month loop).
 */
export function checkQueryDates(query: unknown): void {
  if (!query || typeof query !== 'object') return;
  const days: Record<string, string> = {};
  for (const [key, raw] of Object.entries(query as Record<string, unknown>)) {
    for (const value of Array.isArray(raw) ? raw : [raw]) {
      if (typeof value !== 'string') continue;
      const dateKey = DATE_KEYS.has(key);
      if (!dateKey && !DATE_LIKE.test(value)) continue;
      if (dateKey && !/^[+-]?\d/.test(value)) continue; // not a date at all: the DTO says what it expects
      const day = calendarDay(value);
      if (!day) {
        if (dateKey && !DATE_LIKE.test(value)) continue;
        throw bad(key, `${key} must be a real calendar day YYYY-MM-DD between ${MIN_DAY} and ${MAX_DAY}`);
      }
      if (day < MIN_DAY || day > MAX_DAY) throw bad(key, `${key} must be between ${MIN_DAY} and ${MAX_DAY}`);
      days[key] = day;
    }
  }
  const { from, to } = days;
  if (from && to) {
    // An inverted period is left to the services (after their territory check: 403 outside, 400 inside).
    if (daysBetween(from, to) > MAX_PERIOD_DAYS) throw bad('to', 'the period cannot exceed 10 years');
  }
}

/** Strict DTO validation: unknown fields refused, types transformed, 400 with field-level details; query dates bounded. */
class VigieValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'query') checkQueryDates(value);
    return super.transform(value, metadata);
  }
}

export function strictValidationPipe(): ValidationPipe {
  return new VigieValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const details = flatten(errors);
      return new BadRequestException({ error: 'Bad Request', message: details.map((d) => d.reason).join('; '), details });
    },
  });
}

/** Largest JSON body accepted (413 above). */
export const JSON_BODY_LIMIT = '4mb';
/** POST /api/exports only: the rows of a dashboard table. */
export const EXPORT_BODY_LIMIT = '16mb';
/** Deepest nesting of arrays and objects accepted in a JSON body (400 above). */
export const MAX_JSON_DEPTH = 64;

/**
 * body-parser `verify` hook: refuses a JSON body nested deeper than MAX_JSON_DEPTH with a 400, by one pass over
 * the raw bytes (brackets inside strings do not count) before anything parses or walks it recursively.
 */
export function checkJsonDepth(_req: unknown, _res: unknown, buf: Buffer): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < buf.length; i++) {
    const c = buf[i];
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped byte
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_JSON_DEPTH) {
        throw Object.assign(new Error(`request body nested too deeply (JSON bodies: at most ${MAX_JSON_DEPTH} levels)`), {
          status: 400,
          type: 'entity.too.deep',
        });
      }
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
}
