import { childLevel, displayUnit, formatWhatIf, metricInfo, parseMapQuery, parseWhatIf, toQueryParams } from './map-query';

describe('map query in the URL', () => {
  it('round-trips a territory, a metric and a theme through the query string', () => {
    const q = parseMapQuery({ territory: 'department:2a', metric: 'share_beyond', theme: 'health', settlements: '1', services: '1' });
    expect(q).toEqual({
      territory: { level: 'department', code: '2A' },
      metric: 'share_beyond',
      theme: 'health',
      settlements: true,
      services: true,
      profile: null,
      simulation: false,
      whatIf: null,
    });
    expect(toQueryParams(q)).toEqual({
      territory: 'department:2A',
      metric: 'share_beyond',
      theme: 'health',
      settlements: '1',
      services: '1',
      profile: null,
      sim: null,
      whatif: null,
    });
  });

  it('keeps defaults out of the URL and falls back on malformed values', () => {
    const q = parseMapQuery({ territory: 'department:xx<script>', metric: 'nope', theme: 'pizza' });
    expect(q).toEqual({
      territory: null,
      metric: 'gap_score',
      theme: 'food',
      settlements: false,
      services: false,
      profile: null,
      simulation: false,
      whatIf: null,
    });
    expect(toQueryParams(q)).toEqual({
      territory: null,
      metric: null,
      theme: null,
      settlements: null,
      services: null,
      profile: null,
      sim: null,
      whatif: null,
    });
    expect(parseMapQuery({ territory: 'commune:95500' }).territory).toBeNull();
  });

  it('keeps the open profile and the placed what-if service in the URL', () => {
    const q = parseMapQuery({ territory: 'department:95', profile: 'commune:95541', whatif: '49.20361,1.68472,food_distribution,95541' });
    expect(q.profile).toEqual({ level: 'commune', code: '95541' });
    expect(q.simulation).toBe(true);
    expect(q.whatIf).toEqual({ lat: 49.20361, lon: 1.68472, category: 'food_distribution', commune: '95541' });
    expect(toQueryParams(q)).toMatchObject({ profile: 'commune:95541', whatif: '49.20361,1.68472,food_distribution,95541', sim: null });
    expect(parseMapQuery(toQueryParams(q) as Record<string, string>)).toEqual(q);
    // Mode on without a point; malformed points are dropped.
    expect(parseMapQuery({ sim: '1' })).toMatchObject({ simulation: true, whatIf: null });
    expect(parseWhatIf('49.2,1.6,<script>')).toBeNull();
    expect(parseWhatIf('99,1.6,food_distribution')).toBeNull();
    expect(formatWhatIf({ lat: 49.1, lon: 2, category: 'shower' })).toBe('49.10000,2.00000,shower');
  });

  it('drills France → departments → communes', () => {
    expect(childLevel(null)).toBe('department');
    expect(childLevel({ level: 'region', code: '11' })).toBe('department');
    expect(childLevel({ level: 'department', code: '95' })).toBe('commune');
  });

  it('knows units and the direction of each metric', () => {
    expect(metricInfo('nearest_m')).toMatchObject({ distance: true, higherIsWorse: true });
    expect(metricInfo('share_beyond')).toMatchObject({ percent: true });
    expect(metricInfo('accessibility').higherIsWorse).toBe(false);
    // Distances are stored in metres and read in km: the subtitle says km like the legend.
    expect(displayUnit('nearest_m')).toBe('km');
    expect(displayUnit('share_beyond')).toBe('%');
  });
});
