import { bucketDays, describeSeries, formatSpan, percentCell, roundCell } from './search-stats';

/** Spaces as plain spaces: ICU versions differ on thin and no-break spaces around the dash. */
const plain = (s: string) => s.replace(/\s/g, ' ');

describe('search stats formatting', () => {
  it('writes a range of days the French or English way', () => {
    expect(formatSpan('2025-12-01', '2025-12-05')).toBe('1–5 déc. 2025');
    expect(plain(formatSpan('2025-01-27', '2025-02-26'))).toBe('27 janv. – 26 févr. 2025');
    expect(plain(formatSpan('2025-01-01', '2025-12-05', 'en'))).toBe('1 Jan – 5 Dec 2025');
    expect(formatSpan('2025-03-01', '2025-02-28')).toBe('—');
  });

  it('knows the length of a bucket (leap February)', () => {
    expect(bucketDays('2024-02-01', 'month')).toBe(29);
    expect(bucketDays('2026-02-01', 'month')).toBe(28);
    expect(bucketDays('2026-12-01', 'month')).toBe(31);
    expect(bucketDays('2026-12-28', 'week')).toBe(7);
  });

  it('rounds export cells to what a person reads', () => {
    expect(percentCell(0.09576497520030523)).toBe(9.6);
    expect(percentCell(null)).toBeNull();
    expect(roundCell(12.3456)).toBe(12.3);
  });

  it('describes a chart in French, with its extremes among whole periods and the incomplete ones named', () => {
    const text = describeSeries(
      'Nombre de recherches par mois, Val-d’Oise',
      [
        { label: 'oct. 2026', value: 2100 },
        { label: 'nov. 2026', value: 2500 },
        { label: 'déc. 2026', value: 400, partial: true },
      ],
      'fr',
    );
    expect(text).toBe(
      'Nombre de recherches par mois, Val-d’Oise\u00a0: 3 valeurs, de oct. 2026 à déc. 2026 ; maximum\u00a0: nov. 2026 (2\u202f500) ; minimum\u00a0: oct. 2026 (2\u202f100) ; périodes incomplètes\u00a0: déc. 2026.',
    );
    expect(describeSeries('Searches', [], 'en')).toBe('Searches: no data.');
  });
});
