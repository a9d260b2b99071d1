/**
 * What went wrong with an API call, as a key of the message catalogue (`errors.*` in public/i18n): the API answers
 * a status, sometimes a `code` (password_change_required) and an English `message`; the user reads French (or
 * English) saying what happened and what to do, never the raw text.
 */
export type ApiErrorKey =
  | 'network'
  | 'badRequest'
  | 'session'
  | 'passwordChange'
  | 'outsideTerritory'
  | 'national'
  | 'role'
  | 'forbidden'
  | 'notFound'
  | 'notComputed'
  | 'tooLarge'
  | 'tooMany'
  | 'unavailable'
  | 'server'
  | 'unknown';

interface HttpLikeError {
  status?: number;
  error?: unknown;
  message?: string;
}

function body(e: HttpLikeError): { code?: string; message?: string } {
  const b = e.error;
  if (b && typeof b === 'object') return b as { code?: string; message?: string };
  if (typeof b === 'string') {
    try {
      return JSON.parse(b) as { code?: string; message?: string };
    } catch {
      return { message: b };
    }
  }
  return {};
}

export function apiErrorKey(err: unknown): ApiErrorKey {
  if (!err || typeof err !== 'object') return 'unknown';
  const e = err as HttpLikeError;
  const status = e.status ?? -1;
  const { code, message = '' } = body(e);
  if (status === 0) return 'network';
  if (status === 400) return 'badRequest';
  if (status === 401) return 'session';
  if (status === 403) {
    if (code === 'password_change_required') return 'passwordChange';
    if (/outside your territories/.test(message)) return 'outsideTerritory';
    if (/national figures/.test(message)) return 'national';
    if (/your role/.test(message)) return 'role';
    return 'forbidden';
  }
  if (status === 404) return 'notFound';
  if (status === 413) return 'tooLarge';
  if (status === 429) return 'tooMany';
  if (status === 503 && /not been computed/.test(message)) return 'notComputed';
  if (status === 503 || status === 502 || status === 504) return 'unavailable';
  if (status >= 500) return 'server';
  return 'unknown';
}
