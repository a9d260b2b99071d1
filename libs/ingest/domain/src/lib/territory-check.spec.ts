import { placeOf, territoryRowCheck } from './territory-check.js';

describe('territory check of imported rows', () => {
  it('locates every kind of record', () => {
    expect(placeOf({ location: { departmentCode: '95', communeCode: '95500' } })).toEqual({ level: 'department', code: '95' });
    expect(placeOf({ location: { departmentCode: null, communeCode: '97411' } })).toEqual({ level: 'department', code: '974' });
    expect(placeOf({ communeCode: null, departmentCode: null, regionCode: '11' })).toEqual({ level: 'region', code: '11' });
    expect(placeOf({ level: 'commune', code: '2A004' })).toEqual({ level: 'department', code: '2A' });
    expect(placeOf({ level: 'country', code: 'FR' })).toEqual({ level: 'country' });
    expect(placeOf({ level: 'epci', code: '200069409' })).toBeNull();
  });

  it("accepts rows of the user's departments and regions only", () => {
    const check = territoryRowCheck(new Set(['95']), new Set(['11']), 'department:95');
    expect(check({ location: { departmentCode: '95' } })).toBeNull();
    expect(check({ level: 'region', code: '11' })).toBeNull();
    expect(check({ location: { departmentCode: '75' } })).toMatch(/department 75 is outside your territories/);
    expect(check({ level: 'country', code: 'FR' })).toMatch(/national rows/);
    expect(check({ location: {} })).toMatch(/no territory/);
  });
});
