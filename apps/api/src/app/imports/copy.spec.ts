import { copyValue, encodeRow } from './copy.js';

describe('COPY text encoding', () => {
  it.each([
    [null, undefined, '\\N'],
    [undefined, undefined, '\\N'],
    [42.5, undefined, '42.5'],
    [Number.NaN, undefined, '\\N'],
    [Infinity, undefined, '\\N'],
    [true, undefined, 't'],
    ['plain', undefined, 'plain'],
    ['a\tb\nc\rd', undefined, 'a\\tb\\nc\\rd'],
    ['\\N', undefined, '\\\\N'], // the two characters backslash-N are a string, not NULL
    ['C:\\dir', undefined, 'C:\\\\dir'],
    [['x', 'y "z"'], undefined, '{"x","y \\\\"z\\\\""}'],
    [[{ a: 1 }], 'jsonb', '[{"a":1}]'],
    [new Date(Date.UTC(2026, 0, 2, 3, 4, 5)), undefined, '2026-01-02T03:04:05.000Z'],
  ])('%p (%s) → %s', (value, type, expected) => {
    expect(copyValue(value, type)).toBe(expected);
  });

  it('encodes a row as tab-separated text ending with a newline', () => {
    expect(encodeRow([1, null, 'a\tb', false])).toBe('1\t\\N\ta\\tb\tf\n');
  });
});
