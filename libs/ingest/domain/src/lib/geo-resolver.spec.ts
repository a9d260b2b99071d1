import { createGeoResolver } from './geo-resolver.js';

// Three communes around Paris sharing postal code 99001, one alias, one lonely commune far away.
const geo = createGeoResolver({
  communes: [
    { code: '11111', departmentCode: '11', regionCode: '76', lat: 48.8, lon: 2.3, population: 100 },
    { code: '11112', departmentCode: '11', regionCode: '76', lat: 48.9, lon: 2.3, population: 5000 },
    { code: '11113', departmentCode: '11', regionCode: '76', lat: 49.0, lon: 2.3, population: 300 },
    { code: '2A004', departmentCode: '2A', regionCode: '94', lat: 41.92, lon: 8.74 },
  ],
  postalCodes: [
    { postalCode: '99001', communeCode: '11111' },
    { postalCode: '99001', communeCode: '11112' },
    { postalCode: '99001', communeCode: '11113' },
    { postalCode: '20000', communeCode: '2A004' },
    { postalCode: '99002', communeCode: '11199' }, // an old code, through its alias
  ],
  aliases: [{ alias: '11199', communeCode: '11113' }],
});

describe('createGeoResolver', () => {
  it('resolves a current code or an alias', () => {
    expect(geo.resolve({ cityCode: '2a004' })).toEqual({ communeCode: '2A004', departmentCode: '2A', regionCode: '94', method: 'code' });
    expect(geo.resolve({ cityCode: '11199' })?.communeCode).toBe('11113');
    expect(geo.resolve({ cityCode: '11199' })?.method).toBe('alias');
    expect(geo.communesOfPostalCode('99002')).toEqual(['11113']);
  });

  it('does not trust a city code that contradicts the postal code or department', () => {
    expect(geo.resolve({ cityCode: '11111', postalCode: '20000' })?.communeCode).toBe('2A004');
    expect(geo.resolve({ cityCode: '11111', departmentCode: '2A', lat: 41.92, lon: 8.74 })?.communeCode).toBe('2A004');
  });

  it('picks among the communes of a shared postal code: nearest to the point, else most populated', () => {
    expect(geo.resolve({ postalCode: '99001', lat: 48.99, lon: 2.3 })?.communeCode).toBe('11113');
    expect(geo.resolve({ postalCode: '99001' })?.communeCode).toBe('11112');
  });

  it('falls back to the nearest centroid within 20 km', () => {
    expect(geo.resolve({ lat: 48.81, lon: 2.31 })).toMatchObject({ communeCode: '11111', method: 'position', meters: expect.any(Number) });
    expect(geo.resolve({ lat: 45, lon: 2.3 })).toBeNull();
    expect(geo.nearestCommune(45, 2.3, Infinity)?.commune.code).toBe('11111');
  });

  it('knows departments and regions', () => {
    expect(geo.isDepartment('2a')).toBe(true);
    expect(geo.isDepartment('12')).toBe(false);
    expect(geo.regionOfDepartment('11')).toBe('76');
    expect(geo.isRegion('94')).toBe(true);
  });
});
