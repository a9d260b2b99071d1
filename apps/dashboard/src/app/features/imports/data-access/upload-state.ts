import type { HttpEvent } from '@angular/common/http';
import type { ImportSummary } from '@vigie/contracts';

/** Where an upload is: sending the file (with a ratio when the size is known), importing on the server, done, failed. */
export type UploadState =
  | { phase: 'idle' }
  | { phase: 'uploading'; ratio: number | null }
  | { phase: 'importing' }
  | { phase: 'done'; summary: ImportSummary }
  | { phase: 'failed'; status: number; message: string; key?: string };

/** HttpEventType values (kept as numbers so that this file stays free of Angular runtime code, for unit tests). */
const SENT = 0;
const UPLOAD_PROGRESS = 1;
const RESPONSE = 4;

export function nextUploadState(state: UploadState, e: HttpEvent<ImportSummary>): UploadState {
  switch (e.type as number) {
    case SENT:
      return { phase: 'uploading', ratio: 0 };
    case UPLOAD_PROGRESS: {
      if (e.type !== 1) return state;
      const ratio = e.total ? Math.min(1, e.loaded / e.total) : null;
      return ratio === 1 ? { phase: 'importing' } : { phase: 'uploading', ratio };
    }
    case RESPONSE:
      if (e.type !== 4) return state;
      return e.body ? { phase: 'done', summary: e.body } : { phase: 'failed', status: e.status, message: 'empty response' };
    default:
      return state;
  }
}

/** The message of an API error body ({ message } from Nest), else the HTTP status text. */
export function errorMessage(err: { status?: number; error?: unknown; message?: string }): string {
  const body = err.error as { message?: unknown } | string | null | undefined;
  if (body && typeof body === 'object' && body.message) return Array.isArray(body.message) ? body.message.join('; ') : String(body.message);
  if (typeof body === 'string' && body.trim()) return body.trim().slice(0, 300);
  return err.message ?? `HTTP ${err.status ?? '?'}`;
}

export function formatBytes(bytes: number | null, lang = 'fr'): string {
  if (bytes === null) return '—';
  const units = lang === 'en' ? ['B', 'kB', 'MB', 'GB'] : ['o', 'ko', 'Mo', 'Go'];
  let v = bytes;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'fr-FR', { maximumFractionDigits: i ? 1 : 0 }).format(v)}\u00a0${units[i]}`;
}
