import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { readCsv } from './csv.js';
import { readNdjson } from './json.js';
import { sniffEncoding } from './source.js';
import { readXlsx, xlsxHeadText } from './xlsx.js';

async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

/** A minimal zip (deflated parts); `lie` overrides the uncompressed size written in the directory. */
function zip(parts: { name: string; data: Buffer; lie?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name);
    const body = deflateRawSync(p.data);
    const size = p.lie ?? p.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(body.length, 20);
    dir.writeUInt32LE(size, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    central.push(dir, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

describe('text decoding', () => {
  it('decodes UTF-16 LE and BE CSVs (with a BOM, and LE without one)', async () => {
    const csv = 'nom;ville\r\nCentre d’accueil;Créteil\r\n';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv, 'utf16le')]);
    const be = Buffer.from(le).swap16();
    for (const bytes of [le, be, Buffer.from(csv, 'utf16le')]) {
      const items = await all(readCsv([bytes.subarray(0, 7), bytes.subarray(7)]));
      expect(items[1]).toEqual({
        kind: 'row',
        line: 2,
        values: new Map([
          ['nom', 'Centre d’accueil'],
          ['ville', 'Créteil'],
        ]),
      });
    }
    expect(sniffEncoding(le)).toBe('utf-16le');
    expect(sniffEncoding(be)).toBe('utf-16be');
    expect(sniffEncoding(Buffer.from('Créteil', 'latin1'))).toBe('windows-1252');
    expect(sniffEncoding(Buffer.from('Créteil'))).toBe('utf-8');
  });

  it('turns a NUL byte into an error of its row, naming the line and the column; the other rows are read', async () => {
    const items = await all(readCsv([Buffer.from('id;name\n1;ok\n2;bad\u0000name\n3;ok\n')]));
    expect(items.map((i) => [i.kind, i.kind === 'header' ? 1 : i.line])).toEqual([
      ['header', 1],
      ['row', 2],
      ['error', 3],
      ['row', 4],
    ]);
    expect(items[2]).toEqual({ kind: 'error', line: 3, field: 'name', reason: expect.stringContaining('a NUL byte') });
  });
});

describe('NUL in JSON', () => {
  it('turns the escape \\u0000 into an error of its document, naming the field; the next documents are read', async () => {
    const items = await all(readNdjson(['{"a":{"b":"x\\u0000"}}\n{"a":"ok"}\n{"a":"\\\\u0000 is text"}\n']));
    expect(items.map((i) => i.ok)).toEqual([false, true, true]);
    expect(items[0]).toEqual({ ok: false, line: 1, reason: expect.stringMatching(/a NUL byte .* in field "a\.b"/) });
  });
});

describe('XLSX limits (checked before exceljs inflates anything)', () => {
  const sheet = (rows: number) =>
    Buffer.from(`<worksheet><sheetData>${'<row r="1"><c t="inlineStr"><is><t>x</t></is></c></row>'.repeat(rows)}</sheetData></worksheet>`);

  it('refuses a workbook that inflates past the uncompressed limit (a zip bomb), with a clear message', async () => {
    const bomb = zip([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(30 * 1024 * 1024, 0x20) }]);
    expect(bomb.length).toBeLessThan(100_000);
    const items = await all(readXlsx([bomb], { maxUncompressedBytes: 20 * 1024 * 1024 }));
    expect(xlsxHeadText(bomb).length).toBeLessThanOrEqual(1024 * 1024); // the detection's peek stays bounded too
    expect(items).toEqual([
      { kind: 'error', line: 1, reason: expect.stringMatching(/^XLSX workbook too large once uncompressed: 30 MB \(limit 20 MB\)/) },
    ]);
  });

  it('catches a part whose declared size lies', async () => {
    const liar = zip([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(5 * 1024 * 1024, 0x20), lie: 1000 }]);
    const items = await all(readXlsx([liar]));
    expect(items).toEqual([{ kind: 'error', line: 1, reason: expect.stringContaining('inflates beyond its declared size') }]);
  });

  it('refuses more rows than the limit', async () => {
    const items = await all(readXlsx([zip([{ name: 'xl/worksheets/sheet1.xml', data: sheet(500) }])], { maxRows: 100 }));
    expect(items).toEqual([{ kind: 'error', line: 1, reason: 'XLSX workbook has more than 100 rows (limit); split the export' }]);
  });

  it('refuses a file that is not a zip, and a file over the size limit', async () => {
    expect(await all(readXlsx([Buffer.from('id,name\n1,a\n')]))).toEqual([
      { kind: 'error', line: 1, reason: 'not an XLSX workbook (no zip directory found)' },
    ]);
    expect(await all(readXlsx([Buffer.alloc(2 * 1024 * 1024)], { maxFileBytes: 1024 * 1024 }))).toEqual([
      { kind: 'error', line: 1, reason: expect.stringContaining('XLSX file larger than 1 MB') },
    ]);
  });

  it('reads a normal workbook, with its hyperlinks and formula cells', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('S');
    ws.addRow(['Adresse', 'n']);
    ws.addRow([{ text: '1 rue A', hyperlink: 'https://rb.example/site/42' }, 3]);
    ws.addRow(['', { formula: 'SUM(B2:B2)', result: 3 }]);
    const items = await all(readXlsx([Buffer.from(await wb.xlsx.writeBuffer())]));
    expect(items[1]).toMatchObject({ kind: 'row', line: 2, links: new Map([['adresse', 'https://rb.example/site/42']]) });
    expect(items[2]).toMatchObject({ kind: 'row', line: 3, formulas: new Set(['n']) });
  });
});
