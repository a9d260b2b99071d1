import { formatNumber, formatPercent } from './format';
import { quantileBreaks } from './palettes';

describe('French number formatting', () => {
  it('uses a narrow no-break space for thousands and a comma for decimals', () => {
    expect(formatNumber(1234.5, 'fr', 1)).toBe('1\u202f234,5');
    expect(formatPercent(0.12, 'fr')).toBe('12\u00a0%');
    expect(formatNumber(1234.5, 'en', 1)).toBe('1,234.5');
    expect(formatNumber(null)).toBe('—');
  });
});

describe('quantileBreaks', () => {
  it('splits values into classes of equal counts without duplicate breaks', () => {
    expect(quantileBreaks([1, 2, 3, 4, 5, 6, 7, 8], 4)).toEqual([3, 5, 7]);
    expect(quantileBreaks([5, 5, 5, 5], 4)).toEqual([5]);
    expect(quantileBreaks([], 4)).toEqual([]);
  });
});
