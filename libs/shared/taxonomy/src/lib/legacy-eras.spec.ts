import { eraOfCode, isEraIndependent, resolveLegacyCategory } from './legacy-eras.js';

const id = (code: number, era: '2020' | 'current' | null) => {
  const a = resolveLegacyCategory(code, era);
  return a.kind === 'resolved' ? (a.category.categoryId ?? a.category.themeId) : a.kind;
};

describe('Soliguide numeric categories by era', () => {
  it.each([
    // code, 2020-era export, current table
    [110, 'infirmary', 'vet_care'],
    [109, 'vaccination', 'infirmary'],
    [402, 'legal_advice', 'domiciliation'],
    [401, 'access_to_housing', 'legal_advice'],
    [702, 'emergency_accommodation', 'rest_area'],
    [705, 'rest_area', 'information_point'],
    [205, 'integration_through_economic_activity', 'tutoring'],
    [408, 'parent_assistance', 'budget_advice'],
  ])('%i is %s in a 2020-era export and %s in a current one', (code, old, now) => {
    expect(id(code, '2020')).toBe(old);
    expect(id(code, 'current')).toBe(now);
    expect(isEraIndependent(code)).toBe(false);
  });

  it('reads codes that kept their meaning without an era', () => {
    for (const [code, cat] of [
      // Renamed in entourage-ror's 2023 table but the same category in Soliguide's LEGACY_CATEGORIES (descriptions).
      [107, 'pregnancy_care'],
      [505, 'digital_safe'],
      [601, 'food_distribution'],
      [301, 'shower'],
      [1110, 'optical_care'],
      [600, 'food'],
      [101, 'addictions'],
    ] as const) {
      expect(isEraIndependent(code)).toBe(true);
      expect(id(code, null)).toBe(cat);
      expect(id(code, '2020')).toBe(cat);
    }
  });

  it('says a changed code is ambiguous without an era, with both meanings', () => {
    expect(resolveLegacyCategory(110, null)).toEqual({
      kind: 'ambiguous',
      meanings: { '2020': 'INFIRMERIE → infirmary', current: 'vet_care' },
    });
    expect(resolveLegacyCategory('1302', null)).toMatchObject({ kind: 'ambiguous' });
  });

  it('reports codes that exist in one era only', () => {
    expect(id(708, '2020')).toBe('emergency_accommodation');
    expect(resolveLegacyCategory(708, 'current')).toEqual({ kind: 'unknown', reason: 'unknown legacy category 708' });
    expect(resolveLegacyCategory(1302, '2020')).toMatchObject({
      kind: 'unknown',
      reason: expect.stringContaining('no current equivalent'),
    });
    expect(resolveLegacyCategory(704, '2020')).toMatchObject({ kind: 'unknown', reason: expect.stringContaining('LOGEMENT_BASPRIX') });
    expect(resolveLegacyCategory('abc', null)).toMatchObject({ kind: 'unknown' });
  });

  it('knows which codes prove an era', () => {
    expect(eraOfCode(708)).toBe('2020');
    expect(eraOfCode('111')).toBe('2020');
    expect(eraOfCode(1302)).toBe('current');
    expect(eraOfCode(110)).toBeNull();
    expect(eraOfCode(601)).toBeNull();
  });
});
