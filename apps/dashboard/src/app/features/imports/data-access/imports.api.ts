import { HttpClient, type HttpEvent } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { ImportFormatInfo, ImportKind, ImportRunPage, ImportSummary } from '@vigie/contracts';
import type { Observable } from 'rxjs';

export interface UploadRequest {
  kind: ImportKind;
  format: string | null;
  partial: boolean;
  dryRun: boolean;
  file: File;
  companion: File | null;
}

/**
 * Imports (`api/imports/*`). Provided by the imports route, whose HttpClient uses the XHR backend:
 * the fetch backend cannot report upload progress.
 */
@Injectable()
export class ImportsApi {
  private readonly http = inject(HttpClient);

  formats(): Observable<ImportFormatInfo[]> {
    return this.http.get<ImportFormatInfo[]>('api/imports/formats');
  }

  list(limit: number, offset: number): Observable<ImportRunPage> {
    return this.http.get<ImportRunPage>('api/imports', { params: { limit, offset } });
  }

  /** Upload events (progress of the upload, then the summary once the server has imported the file). */
  upload(r: UploadRequest): Observable<HttpEvent<ImportSummary>> {
    const body = new FormData();
    body.append('file', r.file, r.file.name);
    if (r.companion) body.append('companion', r.companion, r.companion.name);
    const params: Record<string, string> = { partial: String(r.partial), dryRun: String(r.dryRun) };
    if (r.format) params['format'] = r.format;
    return this.http.post<ImportSummary>(`api/imports/${encodeURIComponent(r.kind)}`, body, {
      params,
      reportProgress: true,
      observe: 'events',
    });
  }

  errorsUrl(id: number): string {
    return `api/imports/${id}/errors.csv`;
  }
}
