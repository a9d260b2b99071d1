import { childLevel, metricInfo, parseMapQuery, toQueryParams } from './map-query';

describe('map query in the URL', () => {
  it('round-trips a territory, a metric and a theme through the query string', () => {
    const q = parseMapQuery({ territory: 'department:2a', metric: 'share_beyond', theme: 'health', settlements: '1', services: '1' });
    expect(q).toEqual({
      territory: { level: 'department', code: '2A' },
      metric: 'share_beyond',
      theme: 'health',
      settlements: true,
      services: true,
    });
    expect(toQueryParams(q)).toEqual({
      territory: 'department:2A',
      metric: 'share_beyond',
      theme: 'health',
      settlements: '1',
      services: '1',
    });
  });

  it('keeps defaults out of the URL and falls back on malformed values', () => {
    const q = parseMapQuery({ territory: 'department:xx<script>', metric: 'nope', theme: 'pizza' });
    expect(q).toEqual({ territory: null, metric: 'gap_score', theme: 'food', settlements: false, services: false });
    expect(toQueryParams(q)).toEqual({ territory: null, metric: null, theme: null, settlements: null, services: null });
    expect(parseMapQuery({ territory: 'commune:95500' }).territory).toBeNull();
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
  });
});
