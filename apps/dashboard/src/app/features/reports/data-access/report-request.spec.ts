import { coversTerritory, errorBody, formatsOf, reportErrorKey, reportsFor, reportUrl } from './report-request';

describe('report requests', () => {
  const range = { from: '2025-09-01', to: '2026-05-14' };
  it('builds the funder/COPIL URL with the territory, the period and (COPIL) the theme', () => {
    expect(
      reportUrl(
        'funder',
        { territory: { level: 'department', code: '95' }, from: '2025-09-01', to: null, theme: 'food' },
        range,
        'fr',
        'pdf',
      ),
    ).toBe('api/reports/funder?territory=department%3A95&from=2025-09-01&to=2026-05-14&lang=fr');
    // France is territory=national (the API requires a territory); the COPIL pack takes the chosen theme, else food.
    expect(reportUrl('copil', { territory: null, from: null, to: null, theme: null }, range, 'en', 'pdf')).toBe(
      'api/reports/copil?territory=national&from=2025-09-01&to=2026-05-14&theme=food&lang=en',
    );
    expect(
      reportUrl('copil', { territory: { level: 'department', code: '95' }, from: null, to: null, theme: 'health' }, range, 'fr', 'pdf'),
    ).toBe('api/reports/copil?territory=department%3A95&from=2025-09-01&to=2026-05-14&theme=health&lang=fr');
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

  it('offers each role the reports the API allows', () => {
    expect(reportsFor('funder')).toEqual(['funder', 'services-list']);
    expect(reportsFor('copil')).toEqual(['funder', 'copil', 'services-list']);
    expect(reportsFor('admin')).toEqual(['funder', 'copil', 'services-list']);
    expect(reportsFor(null)).toEqual([]);
    expect(coversTerritory('copil', { level: 'commune', code: '95500' })).toBe(false);
    expect(coversTerritory('copil', null)).toBe(true);
    expect(coversTerritory('services-list', { level: 'commune', code: '95500' })).toBe(true);
  });

  it('turns the API answer into what to do', async () => {
    expect(reportErrorKey(400, { code: 'report_level', message: 'this report covers national, region, department territories' })).toBe(
      'level',
    );
    expect(reportErrorKey(400, { message: 'territory is required (e.g. territory=department:95)' })).toBe('level');
    expect(reportErrorKey(429, { code: 'pdf_busy' })).toBe('busy');
    expect(reportErrorKey(429, { code: 'pdf_rate_limited' })).toBe('rateLimited');
    expect(reportErrorKey(403, { message: 'department 75 is outside your territories' })).toBe('outsideTerritory');
    expect(reportErrorKey(503, { message: 'PDF rendering needs Chromium (not found)' })).toBe('pdfUnavailable');
    expect(reportErrorKey(0, null)).toBe('network');
    const blob = new Blob([JSON.stringify({ statusCode: 429, code: 'pdf_busy', message: 'x' })], { type: 'application/json' });
    expect(await errorBody(blob)).toMatchObject({ code: 'pdf_busy' });
    expect(await errorBody(new Blob(['not json']))).toBeNull();
  });
});
