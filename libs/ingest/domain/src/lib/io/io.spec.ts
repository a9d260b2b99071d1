import fc from 'fast-check';
import { readCsv, readCsvChunks, detectDelimiter, columnKey, type CsvItem } from './csv.js';
import { readJsonArray, readJsonDocuments, readNdjson, type JsonItem } from './json.js';
import { ejsonReviver, fromExtendedJson } from './ejson.js';
import { readLines } from './lines.js';

async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}
/** Splits a string into chunks of n characters, to exercise chunk boundaries. */
function chunks(s: string, n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length; i += n) out.push(s.slice(i, i + n));
  return out;
}

describe('readLines', () => {
  it('numbers lines, handles CRLF, BOM and a last line without terminator', async () => {
    const lines = await all(readLines([Buffer.from('\ufeffa\r\nb\n'), Buffer.from('c')]));
    expect(lines).toEqual([
      { line: 1, text: 'a' },
      { line: 2, text: 'b' },
      { line: 3, text: 'c' },
    ]);
  });
  it('decodes a multi-byte character split across chunks', async () => {
    const bytes = Buffer.from('é\n');
    const lines = await all(readLines([bytes.subarray(0, 1), bytes.subarray(1)]));
    expect(lines[0].text).toBe('é');
  });
  it('falls back to Windows-1252 when the bytes are not UTF-8', async () => {
    const lines = await all(readLines([Buffer.from([0x43, 0x72, 0xe9, 0x74, 0x65, 0x69, 0x6c])]));
    expect(lines[0].text).toBe('Créteil');
  });
});

describe('readNdjson', () => {
  it('reports a malformed line and keeps going', async () => {
    const items = await all(readNdjson(['{"a":1}\n\n{"a":\n{"a":3}\n']));
    expect(items.map((i) => [i.ok, i.line])).toEqual([
      [true, 1],
      [false, 3],
      [true, 4],
    ]);
    expect((items[1] as { reason: string }).reason).toMatch(/^malformed JSON/);
  });
});

describe('readJsonArray', () => {
  const text = '[\n  {"a": "x,]}\\"", "b": [1, 2]},\n  {"a": 2,,},\n  {"a": 3}\n]\n';
  it.each([1, 2, 3, 7, 1000])('streams elements with their start line (chunks of %i chars)', async (n) => {
    const items = await all(readJsonArray(chunks(text, n)));
    expect(items.map((i) => [i.ok, i.line])).toEqual([
      [true, 2],
      [false, 3],
      [true, 4],
    ]);
    expect((items[0] as { value: unknown }).value).toEqual({ a: 'x,]}"', b: [1, 2] });
  });
  it('streams the array found at a key of the top-level object (GeoJSON features)', async () => {
    const geo =
      '{"type": "FeatureCollection", "name": "features",\n "features": [\n{"type":"Feature","properties":{"id":1}},\n{"type":"Feature","properties":{"id":2}}], "x": [9]}';
    const items = await all(readJsonArray(chunks(geo, 5), { itemsAt: 'features' }));
    expect(items.map((i) => i.ok && (i.value as { properties: { id: number } }).properties.id)).toEqual([1, 2]);
    expect(items.map((i) => i.line)).toEqual([3, 4]);
  });
  it('reports a missing array key and a truncated input', async () => {
    const missing = await all(readJsonArray(['{"a": []}'], { itemsAt: 'features' }));
    expect(missing).toEqual([{ ok: false, line: 1, reason: expect.stringContaining('no array at key "features"') }]);
    const truncated = await all(readJsonArray(['[{"a":1},\n{"a":']));
    expect(truncated.map((i) => [i.ok, i.line])).toEqual([
      [true, 1],
      [false, 2],
    ]);
  });
  it('reads concatenated top-level objects (pretty-printed mongoexport)', async () => {
    const items = await all(readJsonArray(['{\n "a": 1\n}\n{\n "a": 2\n}\n']));
    expect(items.map((i) => [i.ok, i.line])).toEqual([
      [true, 1],
      [true, 4],
    ]);
  });
});

describe('readJsonDocuments', () => {
  it('detects an array or NDJSON', async () => {
    const arr = await all(readJsonDocuments(['  \n', '[{"a":1},{"a":2}]']));
    const nd = await all(readJsonDocuments(['{"a":1}\n{"a":2}\n']));
    expect(arr.map((i: JsonItem) => i.line)).toEqual([2, 2]);
    expect(nd.map((i: JsonItem) => i.line)).toEqual([1, 2]);
  });
});

describe('Extended JSON', () => {
  it('converts relaxed and canonical forms', () => {
    const canonical =
      '{"_id":{"$oid":"6190176e197f726f4477a9bf"},"d":{"$date":{"$numberLong":"1640995200000"}},"n":{"$numberInt":"7"},"l":{"$numberLong":"9007199254740"},"x":{"$numberDouble":"1.5"},"nan":{"$numberDouble":"NaN"}}';
    expect(JSON.parse(canonical, ejsonReviver)).toEqual({
      _id: '6190176e197f726f4477a9bf',
      d: '2022-01-01T00:00:00.000Z',
      n: 7,
      l: 9007199254740,
      x: 1.5,
      nan: NaN,
    });
    expect(fromExtendedJson({ d: { $date: '2022-03-04T14:00:22Z' }, keep: { $regularExpression: { pattern: 'a' } } })).toEqual({
      d: '2022-03-04T14:00:22.000Z',
      keep: { $regularExpression: { pattern: 'a' } },
    });
  });
});

describe('readCsv', () => {
  const rows = (items: CsvItem[]) => items.filter((i) => i.kind !== 'header');
  it('detects the separator', () => {
    expect(detectDelimiter('a;b;"c,d"')).toBe(';');
    expect(detectDelimiter('a,b')).toBe(',');
    expect(detectDelimiter('a\tb')).toBe('\t');
  });
  it('normalises column names', () => {
    expect(columnKey("Date d'installation")).toBe('date_d_installation');
    expect(columnKey(' Code INSEE ')).toBe('code_insee');
  });
  it.each([1, 4, 1000])('numbers rows by their first line, with multi-line fields (chunks of %i)', async (n) => {
    const csv = '\ufeffid;name\r\n1;"a\nb"\r\n\r\n2;c\r\n3;d;extra\r\n;\r\n4\r\n5;"e"\r\n';
    const items = await all(readCsv(chunks(csv, n)));
    expect(items[0]).toEqual({ kind: 'header', line: 1, columns: ['id', 'name'], keys: ['id', 'name'] });
    expect(rows(items).map((i) => [i.kind, i.line])).toEqual([
      ['row', 2],
      ['row', 5],
      ['error', 6],
      ['error', 8],
      ['row', 9],
    ]);
    expect((rows(items)[0] as { values: Map<string, string> }).values.get('name')).toBe('a\nb');
  });
  it('reports broken quoting and goes on', async () => {
    const items = rows(await all(readCsv(['a,b\n1,"x"y\n2,z\n'])));
    expect(items.map((i) => [i.kind, i.line])).toEqual([
      ['error', 2],
      ['row', 3],
    ]);
  });
  it('reads whole lines at once as it reads them character by character (random files, any chunking)', async () => {
    // Chunks of one character go through the character path; longer ones split quote-free lines at once.
    const text = fc
      .array(fc.constantFrom('a', 'b ', ',', ';', '"', '""', '\n', '\r\n', '\r', ' '), { maxLength: 60 })
      .map((parts) => 'h1,h2\n' + parts.join(''));
    await fc.assert(
      fc.asyncProperty(text, fc.integer({ min: 2, max: 9 }), async (csv, n) => {
        const reference = await all(readCsv(chunks(csv, 1)));
        expect(await all(readCsv(chunks(csv, n)))).toEqual(reference);
        expect(await all(readCsv([csv]))).toEqual(reference);
      }),
      { seed: 20261123, numRuns: 400 },
    );
  });
  it('gives the same rows as cells, a chunk of input at a time', async () => {
    const csv = 'id;name;id\n1;a;x\n\n2;"b\nc";y\n3\n';
    const items = (await all(readCsvChunks(chunks(csv, 4)))).flat();
    expect(items).toEqual([
      { kind: 'header', line: 1, columns: ['id', 'name', 'id'], keys: ['id', 'name', 'id'] },
      { kind: 'row', line: 2, cells: ['1', 'a', 'x'] },
      { kind: 'row', line: 4, cells: ['2', 'b\nc', 'y'] },
      { kind: 'error', line: 6, reason: 'malformed CSV row: 1 cells, the header has 3 columns' },
    ]);
  });
});
