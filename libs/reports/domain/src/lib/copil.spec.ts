import { distanceCell } from './copil.js';
import { formatCount } from './html.js';

describe('COPIL pack: settlements and secrets', () => {
  it('prints a distance class, never metres, when the API gave no metres (positions reduced to the commune)', () => {
    const d = { themeId: 'food', thresholdMeters: 5000 };
    expect(distanceCell({ ...d, meters: null, beyond: false, distanceClass: 'within' }, 'fr')).toBe('≤ 5 km');
    expect(distanceCell({ ...d, meters: null, beyond: true, distanceClass: 'beyond' }, 'en')).toBe('> 5 km');
    expect(distanceCell({ ...d, meters: null, beyond: true, distanceClass: 'none' }, 'fr')).toBe('–');
    expect(distanceCell({ ...d, meters: 1234.56, beyond: false, distanceClass: 'within' }, 'en')).toBe('1.2 km');
  });

  it('prints "< 11" for a primary secret and "s" for a count hidden to protect another', () => {
    expect(formatCount({ lt: 11 }, 'fr')).toBe('< 11');
    expect(formatCount({ secret: true }, 'fr')).toBe('s');
    expect(formatCount(12, 'fr')).toBe('12');
  });
});
