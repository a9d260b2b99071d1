import { formatKpiValue, parseDeploymentQuery, progressWidth, territoryParams, toQueryParams, yearRange } from './deployment-query';

describe('deployment filters in the URL', () => {
  it('round-trips the territory and the year, leaving the defaults out', () => {
    const q = parseDeploymentQuery({ territory: 'department:33', year: '2025' });
    expect(q).toEqual({ territory: { level: 'department', code: '33' }, year: 2025 });
    expect(toQueryParams(q, 2026)).toEqual({ territory: 'department:33', year: '2025' });
    expect(toQueryParams({ territory: null, year: 2026 }, 2026)).toEqual({ territory: null, year: null });
    expect(parseDeploymentQuery({})).toEqual({ territory: null, year: null });
  });

  it('drops malformed values instead of failing', () => {
    expect(parseDeploymentQuery({ territory: 'department:2a' }).territory).toEqual({ level: 'department', code: '2A' });
    expect(parseDeploymentQuery({ territory: 'commune:95500' }).territory).toBeNull();
    expect(parseDeploymentQuery({ territory: 'region:1' }).territory).toBeNull();
    expect(parseDeploymentQuery({ territory: 'department:xx<' }).territory).toBeNull();
    expect(parseDeploymentQuery({ year: '1999' }).year).toBeNull();
    expect(parseDeploymentQuery({ year: '20x5' }).year).toBeNull();
  });

  it('builds API parameters and the activity period of a year', () => {
    expect(territoryParams(null)).toEqual({ level: 'national' });
    expect(territoryParams({ level: 'region', code: '75' })).toEqual({ level: 'region', code: '75' });
    expect(yearRange(2025, '2026-11-22')).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(yearRange(2026, '2026-11-22')).toEqual({ from: '2026-01-01', to: '2026-11-22' });
  });
});

describe('deployment numbers', () => {
  it('formats KPI values the French way', () => {
    expect(formatKpiValue('structures', 1234)).toBe('1\u202f234');
    expect(formatKpiValue('funds_raised', 12500)).toBe('12\u202f500\u00a0€');
    expect(formatKpiValue('searches_per_month', 12.34)).toBe('12,3');
    expect(formatKpiValue('searches_per_month', 1234.5)).toBe('1\u202f235');
    expect(formatKpiValue('copil_held', null)).toBe('—');
  });

  it('caps progress bars', () => {
    expect(progressWidth(0.123)).toBe(12.3);
    expect(progressWidth(1.4)).toBe(100);
    expect(progressWidth(null)).toBe(0);
  });
});
