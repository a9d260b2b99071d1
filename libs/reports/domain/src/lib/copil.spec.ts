import { distanceCell } from './copil.js';
import { formatCount } from './html.js';

describe('COPIL pack: settlements and secrets', () => {
  it('prints a distance class, never metres (positions reduced to the commune)', () => {
    const d = { themeId: 'food', thresholdMeters: 5000 };
    expect(distanceCell({ ...d, meters: null, beyond: false, distanceClass: 'within' }, 'fr')).toBe('≤ 5 km');
    expect(distanceCell({ ...d, meters: null, beyond: true, distanceClass: 'beyond' }, 'en')).toBe('> 5 km');
    expect(distanceCell({ ...d, meters: null, beyond: true, distanceClass: 'none' }, 'fr')).toBe('–');
    // Even with metres (an administrator's pack), the pack prints the class only.
    expect(distanceCell({ ...d, meters: 1234.56, beyond: false, distanceClass: 'within' }, 'en')).toBe('≤ 5 km');
    expect(distanceCell({ ...d, meters: 7012.3, beyond: true, distanceClass: 'beyond' }, 'fr')).toBe('> 5 km');
  });

  it('prints "< 11" for a primary secret and "s" for a count hidden to protect another', () => {
    expect(formatCount({ lt: 11 }, 'fr')).toBe('< 11');
    expect(formatCount({ secret: true }, 'fr')).toBe('s');
    expect(formatCount(12, 'fr')).toBe('12');
  });
});
