import { apiErrorKey } from './api-error';

describe('API errors as catalogue keys', () => {
  it('reads the status, the code and the known messages', () => {
    expect(apiErrorKey({ status: 0 })).toBe('network');
    expect(apiErrorKey({ status: 403, error: { code: 'password_change_required', message: 'x' } })).toBe('passwordChange');
    expect(apiErrorKey({ status: 403, error: { message: 'department:75 is outside your territories' } })).toBe('outsideTerritory');
    expect(apiErrorKey({ status: 403, error: { message: 'national figures are reserved to national users' } })).toBe('national');
    expect(apiErrorKey({ status: 403, error: '{"message":"your role does not give access to this"}' })).toBe('role');
    expect(apiErrorKey({ status: 503, error: { message: 'coverage metrics have not been computed yet' } })).toBe('notComputed');
    expect(apiErrorKey({ status: 503, error: {} })).toBe('unavailable');
    expect(apiErrorKey({ status: 500 })).toBe('server');
    expect(apiErrorKey({ status: 404 })).toBe('notFound');
    expect(apiErrorKey(null)).toBe('unknown');
  });
});
