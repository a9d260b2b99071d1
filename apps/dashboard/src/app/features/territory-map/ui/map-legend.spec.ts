import { classOf, legendBreaks, legendClasses, niceRound } from './map-legend';

describe('map legend classes', () => {
  it('rounds to 2 significant digits', () => {
    expect(niceRound(1234)).toBe(1200);
    expect(niceRound(0.03471)).toBeCloseTo(0.035, 10);
    expect(niceRound(1234, 'up')).toBe(1300);
  });

  it('scores and shares have fixed classes of 20, whatever the values', () => {
    expect(legendBreaks([27], 'score')).toEqual([20, 40, 60, 80]);
    expect(legendBreaks([], 'share')).toEqual([0.2, 0.4, 0.6, 0.8]);
  });

  it('one value alone (a department at France level) still gives at least 4 classes, from 0', () => {
    const b = legendBreaks([27], 'open');
    expect(b.length + 1).toBeGreaterThanOrEqual(4);
    expect(b[0]).toBeGreaterThan(0);
    // The value sits in an upper class, not alone above a single break.
    expect(b[0]).toBeLessThanOrEqual(27);
    expect(b[b.length - 1]).toBeLessThan(2 * 27);
    expect(legendBreaks([], 'open').length + 1).toBeGreaterThanOrEqual(4);
  });

  it('many values: rounded quantiles, ascending, at least 4 classes', () => {
    const values = Array.from({ length: 185 }, (_, i) => (i * 137.3) % 5000);
    const b = legendBreaks(values, 'open');
    expect(b.length + 1).toBeGreaterThanOrEqual(4);
    for (let i = 1; i < b.length; i++) expect(b[i]).toBeGreaterThan(b[i - 1]);
    for (const x of b) expect(niceRound(x)).toBe(x);
  });

  it('labels and colours each class; every value falls in exactly one', () => {
    const classes = legendClasses([20, 40, 60, 80], (v) => String(v));
    expect(classes.map((c) => c.label)).toEqual(['< 20', '20 – 40', '40 – 60', '60 – 80', '≥ 80']);
    expect(new Set(classes.map((c) => c.color)).size).toBe(5);
    expect(classOf(classes, 40)?.label).toBe('40 – 60');
    expect(classOf(classes, 100)?.label).toBe('≥ 80');
    expect(classOf(classes, -3)?.label).toBe('< 20');
  });
});
