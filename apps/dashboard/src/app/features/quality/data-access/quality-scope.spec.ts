import { qualityScope } from './quality-scope';

describe('quality scope from the URL', () => {
  it('accepts regions and departments, falls back to France', () => {
    expect(qualityScope('department:2a')).toEqual({ level: 'department', code: '2A' });
    expect(qualityScope('region:11')).toEqual({ level: 'region', code: '11' });
    expect(qualityScope('commune:95500')).toEqual({ level: 'country', code: 'FR' });
    expect(qualityScope(null)).toEqual({ level: 'country', code: 'FR' });
  });
});
