import { importErrorCode, importOutcomeCode } from './imports.js';

describe('import errors by code', () => {
  it.each([
    ['missing lieu_id', 'missing', { what: 'lieu_id' }],
    ['unknown category "pizza"', 'unknownCategory', { value: 'pizza' }],
    ['unknown thematique(s): foo, bar', 'unknownTheme', { value: 'foo, bar' }],
    ['not a number: "abc"', 'notNumber', { value: 'abc' }],
    ['invalid territory code: department "99" does not exist', 'unknownTerritory', { level: 'department', code: '99' }],
    ['date in the future: 2027-01-02 is after 2026-11-15', 'futureDate', { date: '2027-01-02', today: '2026-11-15' }],
    ['department 75 is outside your territories (department:95)', 'outsideTerritory', { level: 'department', code: '75' }],
    ['missing coordinates and no resolvable commune (postal code 99999)', 'noLocation', {}],
    ['latitude out of range: 123', 'latitudeRange', { value: '123' }],
  ])('%s', (reason, code, params) => {
    expect(importErrorCode(reason)).toEqual({ code, params });
  });

  it('gives null for an unknown reason and names the outcome', () => {
    expect(importErrorCode('something else entirely')).toBeNull();
    expect(importOutcomeCode({ status: 'rejected', mode: 'atomic', dryRun: false, rejected: 3 })).toBe('rejectedAtomic');
    expect(importOutcomeCode({ status: 'succeeded', mode: 'partial', dryRun: false, rejected: 2 })).toBe('rejectedPartial');
    expect(importOutcomeCode({ status: 'succeeded', mode: 'atomic', dryRun: true, rejected: 0 })).toBe('dryRun');
  });
});
