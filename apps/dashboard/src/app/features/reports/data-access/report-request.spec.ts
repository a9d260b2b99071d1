import { formatsOf, reportUrl } from './report-request';

describe('report requests', () => {
  const range = { from: '2025-09-01', to: '2026-05-14' };
  it('builds the funder/COPIL URL with the territory and the period', () => {
    expect(
      reportUrl(
        'funder',
        { territory: { level: 'department', code: '95' }, from: '2025-09-01', to: null, theme: 'food' },
        range,
        'fr',
        'pdf',
      ),
    ).toBe('api/reports/funder?territory=department%3A95&from=2025-09-01&to=2026-05-14&lang=fr');
    expect(reportUrl('copil', { territory: null, from: null, to: null, theme: null }, range, 'en', 'pdf')).toBe(
      'api/reports/copil?from=2025-09-01&to=2026-05-14&lang=en',
    );
  });
  it('builds the services-list URL with the theme and the format', () => {
    expect(
      reportUrl(
        'services-list',
        { territory: { level: 'commune', code: '95500' }, from: null, to: null, theme: 'food' },
        range,
        'fr',
        'xlsx',
      ),
    ).toBe('api/reports/services-list?territory=commune%3A95500&theme=food&format=xlsx&lang=fr');
    expect(formatsOf('funder')).toEqual(['pdf']);
    expect(formatsOf('services-list')).toEqual(['pdf', 'csv', 'xlsx']);
  });
});
