import { canOpenView, defaultTerritory, departmentInLabel, isInScope, userScope } from './user-scope';

describe('what a user may see', () => {
  const copil = userScope({ role: 'copil', territories: ['department:95'] });
  const funder = userScope({ role: 'funder', territories: ['region:11'] });
  const admin = userScope({ role: 'admin', territories: ['national'] });

  it('lands on the first territory, France for national users', () => {
    expect(defaultTerritory(copil)).toEqual({ level: 'department', code: '95' });
    expect(defaultTerritory(funder)).toEqual({ level: 'region', code: '11' });
    expect(defaultTerritory(admin)).toBeNull();
    expect(defaultTerritory(userScope({ role: 'coordinator', territories: ['national'] }))).toBeNull();
  });

  it('decides inside / outside, and says when the parents are needed', () => {
    expect(isInScope(copil, { level: 'department', code: '95' })).toBe(true);
    expect(isInScope(copil, { level: 'commune', code: '95500' })).toBe(true);
    expect(isInScope(copil, { level: 'commune', code: '75056' })).toBe(false);
    expect(isInScope(copil, { level: 'department', code: '75' })).toBe(false);
    expect(isInScope(copil, { level: 'region', code: '11' })).toBe(false);
    expect(isInScope(copil, null)).toBe(false);
    expect(isInScope(copil, { level: 'epci', code: '200058485' })).toBeUndefined();
    expect(isInScope(copil, { level: 'epci', code: '200058485' }, { departmentCode: '95' })).toBe(true);
    expect(isInScope(funder, { level: 'department', code: '95' })).toBeUndefined();
    expect(isInScope(funder, { level: 'department', code: '95' }, { regionCode: '11' })).toBe(true);
    expect(isInScope(funder, { level: 'department', code: '33' }, { regionCode: '75' })).toBe(false);
    expect(isInScope(admin, null)).toBe(true);
  });

  it('reads the department of a search label and the views of each role', () => {
    expect(departmentInLabel('Pontoise (95)')).toBe('95');
    expect(departmentInLabel('Ajaccio (2A)')).toBe('2A');
    expect(departmentInLabel('Île-de-France (région)')).toBeNull();
    expect(canOpenView('/imports', 'copil')).toBe(false);
    expect(canOpenView('/imports', 'funder')).toBe(false);
    expect(canOpenView('/imports', 'coordinator')).toBe(true);
    expect(canOpenView('/ensemble', 'funder')).toBe(true);
  });
});
