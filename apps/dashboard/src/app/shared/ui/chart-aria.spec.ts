import { chartAria, describeSeries, formatIsoWeek, formatMonth } from './chart-aria';

describe('chart descriptions written by the app', () => {
  it('says what the chart shows and its extremes, in French or English', () => {
    const pts = [
      { label: 'janv. 2026', value: 1200 },
      { label: 'févr. 2026', value: 3400 },
      { label: 'mars 2026', value: 800 },
    ];
    expect(describeSeries('Recherches par mois', pts, 'fr')).toBe(
      'Recherches par mois\u00a0: 3 valeurs, de janv. 2026 à mars 2026 ; maximum\u00a0: févr. 2026 (3\u202f400) ; minimum\u00a0: mars 2026 (800).',
    );
    expect(describeSeries('Searches per month', pts, 'en')).toBe(
      'Searches per month: 3 values, from janv. 2026 to mars 2026; highest: févr. 2026 (3,400); lowest: mars 2026 (800).',
    );
    expect(describeSeries('Vide', [], 'fr')).toBe('Vide\u00a0: aucune donnée.');
    expect(chartAria('x').label.description).toBe('x');
  });

  it('formats months and ISO weeks for people', () => {
    expect(formatMonth('2026-06', 'fr')).toBe('juin 2026');
    expect(formatMonth('2026-06-01', 'en')).toBe('June 2026');
    expect(formatIsoWeek('2026-W50', 'fr')).toBe('semaine 50 de 2026');
    expect(formatIsoWeek('2026-W05', 'en', true)).toBe('wk 5');
  });
});
