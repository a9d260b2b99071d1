import fc from 'fast-check';
import { columnKey } from './io/csv.js';
import { CsvColumns, csvFields } from './parsers/fields.js';
import { RowIssues } from './validation.js';
import { isoTimestamp, parseDate, parseNumber, parseTimestamp } from './values.js';

const now = new Date('2026-11-23T12:00:00.000Z');

/** The answer and the errors of a parse function, for comparing two of them. */
function outcome<T>(parse: (issues: RowIssues) => T): { value: T; errors: RowIssues['errors'] } {
  const issues = new RowIssues(7, 'id-7');
  return { value: parse(issues), errors: issues.errors };
}

describe('parseTimestamp', () => {
  const same = (raw: unknown) =>
    expect(outcome((i) => parseTimestamp(raw, 'createdAt', i, now))).toEqual(
      outcome((i) => isoTimestamp(parseDate(raw, 'createdAt', i, now))),
    );

  it.each([
    '2024-11-22T00:04:08.804Z',
    '2024-02-29T23:59:59.999Z',
    '2023-02-29T10:00:00.000Z', // no such day
    '2024-04-31T10:00:00.000Z',
    '2024-01-01T24:00:00.000Z', // hour 24: the next day for Date
    '2024-13-01T10:00:00.000Z',
    '0999-01-01T10:00:00.000Z',
    '1900-01-01T00:00:00.000Z',
    '2026-11-24T23:59:59.999Z', // within the 36 h tolerance
    '2026-11-25T00:00:00.001Z', // in the future
    '2024-11-22T00:04:08Z',
    '2024-11-22 00:04:08.804Z',
    ' 2024-11-22T00:04:08.804Z',
    '22/11/2024',
    '',
    null,
    1732233848804,
  ])('%p answers as isoTimestamp(parseDate(…))', (raw) => same(raw));

  it('answers as isoTimestamp(parseDate(…)) for any canonical-looking timestamp', () => {
    const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
    const ts = fc
      .tuple(
        fc.constantFrom('19', '20', '09', '99'),
        digits(2),
        fc.constantFrom('01', '02', '04', '09', '12', '13', '00'),
        digits(2),
        digits(2),
        digits(2),
        digits(2),
        digits(3),
      )
      .map(([c, y, mo, d, h, mi, s, ms]) => `${c}${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}Z`);
    fc.assert(
      fc.property(ts, (raw) => same(raw)),
      { seed: 20261123, numRuns: 2000 },
    );
  });
});

describe('parseNumber', () => {
  it.each(['0', '007', '123456789012345', '1234567890123456', '1 234', '12,5', '-3', 'abc', ' 42'])(
    '%p: the digit-only fast path answers as the general rule',
    (raw) => {
      const cleaned = raw
        .trim()
        .replace(/[\s\u00a0\u202f€]/g, '')
        .replace(',', '.');
      const expected = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(cleaned) ? Number(cleaned) : null;
      expect(outcome((i) => parseNumber(raw, 'n', i)).value).toBe(expected);
    },
  );
});

describe('CsvColumns', () => {
  it('answers as csvFields over the row map, for every list of names', () => {
    const header = ['ID', 'created_at', 'City code', 'cityCode', 'id', '', 'Nb results', 'lat'];
    const keys = header.map(columnKey);
    const lists = [
      ['_id', 'id'],
      ['createdAt', 'created_at', 'date'],
      ['location.cityCode', 'cityCode', 'city_code'],
      ['nbResults', 'nb_results'],
      ['location.lat', 'lat'],
      ['nothing'],
    ];
    const cells = fc.array(fc.constantFrom('', 'x', '0', 'y'), { minLength: keys.length, maxLength: keys.length });
    const columns = new CsvColumns(keys);
    fc.assert(
      fc.property(cells, (row) => {
        const values = new Map<string, string>();
        keys.forEach((k, i) => k && !values.has(k) && values.set(k, row[i]));
        const reference = csvFields(values);
        columns.cells = row;
        for (const names of lists) {
          expect(columns.pickIn(names)).toBe(reference.pick(...names));
          expect(columns.pick(...names)).toBe(reference.pick(...names));
        }
      }),
      { seed: 20261123, numRuns: 300 },
    );
  });
});
