import { campaignStart, parseGlobalFilters, presetDates, presetOf, scopedTerritory } from './global-filters';

describe('global filters', () => {
  it('reads the shared names of the URL and drops malformed values', () => {
    expect(
      parseGlobalFilters({ territory: 'department:95', from: '2025-01-01', to: '2025-03-31', theme: 'Food', granularity: 'week' }),
    ).toEqual({
      territory: { level: 'department', code: '95' },
      from: '2025-01-01',
      to: '2025-03-31',
      theme: 'food',
    });
    expect(parseGlobalFilters({ territory: 'nope', from: '2025-02-30', theme: 'pizza' })).toEqual({
      territory: null,
      from: null,
      to: null,
      theme: null,
    });
  });

  it('defines the current campaign as starting on the last 1 September', () => {
    expect(campaignStart('2026-11-23')).toBe('2026-09-01');
    expect(campaignStart('2026-08-31')).toBe('2025-09-01');
    expect(presetDates({ kind: 'campaign' }, '2026-03-10')).toEqual({ from: '2025-09-01', to: null });
    expect(presetOf({ from: '2025-09-01', to: null }, '2026-03-10')).toEqual({ kind: 'campaign' });
    expect(presetOf({ from: '2025-09-01', to: null }, '2026-10-10')).toEqual({ kind: 'custom' });
    expect(presetOf({ from: null, to: null }, '2026-03-10')).toEqual({ kind: 'last12' });
  });

  it('shows the department of a finer territory on views that stop at the department', () => {
    const dep = { territory: 'department', period: false, theme: false } as const;
    expect(scopedTerritory({ level: 'commune', code: '95500' }, dep, '95')).toEqual({
      territory: { level: 'department', code: '95' },
      coarsened: true,
    });
    expect(scopedTerritory({ level: 'region', code: '11' }, dep, null)).toEqual({
      territory: { level: 'region', code: '11' },
      coarsened: false,
    });
    expect(scopedTerritory({ level: 'commune', code: '95500' }, { ...dep, territory: 'any' }, '95')).toEqual({
      territory: { level: 'commune', code: '95500' },
      coarsened: false,
    });
  });
});
