import { isDatabaseUnavailable, isInvalidInputForDatabase } from './errors.filter.js';

describe('retryable database errors become 503, not 500', () => {
  it('recognises pool timeouts, refused connections and Postgres shutdown codes', () => {
    expect(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe(
      true,
    );
    expect(isDatabaseUnavailable(new Error('relation "x" does not exist'))).toBe(false);
    expect(isDatabaseUnavailable('nope')).toBe(false);
  });
});

describe('values Postgres refuses become 400, not 500', () => {
  it('recognises invalid byte sequences and out-of-range values', () => {
    expect(isInvalidInputForDatabase(Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021' }))).toBe(
      true,
    );
    expect(isInvalidInputForDatabase(Object.assign(new Error('query failed'), { driverError: { code: '22003' } }))).toBe(true);
    expect(isInvalidInputForDatabase(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
  });
});
