import type { HttpResponse } from '@angular/common/http';

/** File name from a Content-Disposition header (RFC 6266: `filename*` first), or the fallback. */
export function fileNameOf(disposition: string | null, fallback: string): string {
  if (disposition) {
    const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
    if (star) {
      try {
        return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
      } catch {
        /* malformed: try the plain parameter */
      }
    }
    const plain = /filename\s*=\s*"?([^";]+)"?/.exec(disposition);
    if (plain) return plain[1].trim();
  }
  return fallback;
}

/** "Zones prioritaires — Val-d'Oise" → "zones-prioritaires-val-d-oise". */
export function slug(text: string): string {
  return (
    text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80) || 'export'
  );
}

/** Saves a Blob or a data: URL under a file name (a temporary link, clicked). */
export function saveFile(data: Blob | string, fileName: string): void {
  const url = typeof data === 'string' ? data : URL.createObjectURL(data);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  if (typeof data !== 'string') setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Saves an HTTP answer (responseType 'blob') under the name the server gave it. */
export function saveResponse(res: HttpResponse<Blob>, fallback: string): void {
  if (res.body) saveFile(res.body, fileNameOf(res.headers.get('Content-Disposition'), fallback));
}
