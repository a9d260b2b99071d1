import { childLevel, parseMapQuery, toQueryParams } from './map-query';

describe('map query in the URL', () => {
  it('round-trips a territory through the query string', () => {
    const q = parseMapQuery({ territory: 'department:2a' });
    expect(q.territory).toEqual({ level: 'department', code: '2A' });
    expect(toQueryParams(q)).toEqual({ territory: 'department:2A', metric: null });
  });

  it('falls back to France on malformed or undrillable territories', () => {
    expect(parseMapQuery({ territory: 'department:xx<script>' }).territory).toBeNull();
    expect(parseMapQuery({ territory: 'commune:95500' }).territory).toBeNull();
    expect(parseMapQuery({ metric: 'nope' }).metric).toBe('population');
  });

  it('drills France → departments → communes', () => {
    expect(childLevel(null)).toBe('department');
    expect(childLevel({ level: 'region', code: '11' })).toBe('department');
    expect(childLevel({ level: 'department', code: '95' })).toBe('commune');
  });
});
