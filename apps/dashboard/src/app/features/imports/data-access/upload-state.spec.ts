import type { HttpEvent } from '@angular/common/http';
import type { ImportSummary } from '@vigie/contracts';
import { errorMessage, formatBytes, nextUploadState } from './upload-state';

const summary: ImportSummary = {
  id: 1,
  kind: 'services',
  status: 'succeeded',
  dryRun: false,
  mode: 'partial',
  read: 9,
  inserted: 5,
  updated: 0,
  unchanged: 0,
  rejected: 4,
  removed: 0,
  durationMs: 12,
  message: null,
  firstErrors: [],
};

describe('upload progress', () => {
  it('goes from sending to importing to done', () => {
    let s = nextUploadState({ phase: 'idle' }, { type: 0 } as HttpEvent<ImportSummary>);
    expect(s).toEqual({ phase: 'uploading', ratio: 0 });
    s = nextUploadState(s, { type: 1, loaded: 50, total: 200 } as HttpEvent<ImportSummary>);
    expect(s).toEqual({ phase: 'uploading', ratio: 0.25 });
    s = nextUploadState(s, { type: 1, loaded: 50 } as HttpEvent<ImportSummary>);
    expect(s).toEqual({ phase: 'uploading', ratio: null });
    s = nextUploadState(s, { type: 1, loaded: 200, total: 200 } as HttpEvent<ImportSummary>);
    expect(s).toEqual({ phase: 'importing' });
    s = nextUploadState(s, { type: 4, body: summary, status: 201 } as HttpEvent<ImportSummary>);
    expect(s).toEqual({ phase: 'done', summary });
  });

  it('reads Nest error messages and formats sizes', () => {
    expect(errorMessage({ status: 400, error: { message: 'no file' } })).toBe('no file');
    expect(errorMessage({ status: 400, error: { message: ['a', 'b'] } })).toBe('a; b');
    expect(errorMessage({ status: 500, message: 'Http failure' })).toBe('Http failure');
    expect(formatBytes(1234)).toBe('1,2\u00a0ko');
    expect(formatBytes(999)).toBe('999\u00a0o');
    expect(formatBytes(null)).toBe('—');
  });
});
