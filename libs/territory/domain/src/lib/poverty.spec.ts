import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePovertyCsv, resolvePoverty, summarisePoverty, type PovertyRate, type PovertyTables } from './poverty.js';
import { DatasetError } from './dataset.js';

const tables = (t: Partial<Record<keyof PovertyTables, Record<string, PovertyRate>>>): PovertyTables => ({
  communeReference: new Map(Object.entries(t.communeReference ?? {})),
  departmentReference: new Map(Object.entries(t.departmentReference ?? {})),
  communeImport: new Map(Object.entries(t.communeImport ?? {})),
  departmentImport: new Map(Object.entries(t.departmentImport ?? {})),
});

describe('resolvePoverty: which rate a commune uses', () => {
  // Department 95 has a published rate of 17.7 %, department 97 none; Argenteuil-like 95018 has its own 27 %,
  // 95001 is secret (no published rate); 97001 is in a department without any rate.
  const shipped = tables({
    communeReference: { '95018': { rate: 27, year: 2021 } },
    departmentReference: { '95': { rate: 17.7, year: 2021 }, '93': { rate: 28.4, year: 2021 } },
  });

  it('a commune with a published rate uses it', () => {
    expect(resolvePoverty({ code: '95018', departmentCode: '95' }, shipped)).toEqual({ rate: 27, year: 2021, source: 'commune' });
  });

  it('a secret commune uses its own department rate, flagged as an estimate', () => {
    expect(resolvePoverty({ code: '95001', departmentCode: '95' }, shipped)).toEqual({ rate: 17.7, year: 2021, source: 'department' });
  });

  it('a commune of a department without a rate has none: no other department rate is borrowed', () => {
    expect(resolvePoverty({ code: '97101', departmentCode: '971' }, shipped)).toBeNull();
  });

  it('two departments with different rates: each secret commune gets its own department rate', () => {
    expect(resolvePoverty({ code: '93001', departmentCode: '93' }, shipped)?.rate).toBe(28.4);
    expect(resolvePoverty({ code: '95001', departmentCode: '95' }, shipped)?.rate).toBe(17.7);
  });

  it('an imported rate of the same territory wins on the same or a later year, not on an earlier one', () => {
    const t = (year: number) =>
      tables({
        communeReference: { '95018': { rate: 27, year: 2021 } },
        communeImport: { '95018': { rate: 30, year } },
        departmentReference: { '95': { rate: 17.7, year: 2021 } },
      });
    expect(resolvePoverty({ code: '95018', departmentCode: '95' }, t(2021))).toEqual({ rate: 30, year: 2021, source: 'import' });
    expect(resolvePoverty({ code: '95018', departmentCode: '95' }, t(2023))).toEqual({ rate: 30, year: 2023, source: 'import' });
    expect(resolvePoverty({ code: '95018', departmentCode: '95' }, t(2019))).toEqual({ rate: 27, year: 2021, source: 'commune' });
  });

  it("a commune's own rate wins over any department rate, even a later imported one", () => {
    const t = tables({ communeReference: { '95018': { rate: 27, year: 2021 } }, departmentImport: { '95': { rate: 12, year: 2025 } } });
    expect(resolvePoverty({ code: '95018', departmentCode: '95' }, t)?.source).toBe('commune');
    expect(resolvePoverty({ code: '95001', departmentCode: '95' }, t)).toEqual({ rate: 12, year: 2025, source: 'department' });
  });
});

describe('summarisePoverty: an area from its units', () => {
  it('sums rate × population over the units with a rate; units without one add nothing and are counted as none', () => {
    const s = summarisePoverty([
      { population: 1000, poverty: { rate: 20, year: 2021, source: 'commune' } },
      { population: 3000, poverty: { rate: 10, year: 2021, source: 'department' } },
      { population: 6000, poverty: null },
    ]);
    expect(s.poorPopulation).toBeCloseTo(200 + 300, 9);
    expect(s.rate).toBeCloseTo(12.5, 9);
    expect(s.estimated).toBe(true);
    expect(s.source).toBe('department');
    expect(s.shares).toEqual({ commune: 0.1, import: 0, department: 0.3, none: 0.6 });
    expect(s.years).toEqual({ from: 2021, to: 2021 });
  });

  it('an area where no unit has a rate has no poor population (null), not a guess', () => {
    const s = summarisePoverty([{ population: 500, poverty: null }]);
    expect(s).toMatchObject({ rate: null, poorPopulation: null, source: null, estimated: false, years: null });
    expect(s.shares.none).toBe(1);
  });
});

describe('parsePovertyCsv', () => {
  it('keeps published rates only (blank = secret statistique)', () => {
    expect(parsePovertyCsv('code,year,poverty_rate,median_income\n01001,2021,,25820\n13055,2021,26.0,20600\n', 'commune')).toEqual([
      { level: 'commune', code: '13055', year: 2021, rate: 26 },
    ]);
    expect(() => parsePovertyCsv('code;year\n', 'commune')).toThrow(DatasetError);
    expect(() => parsePovertyCsv('code,year,poverty_rate\n01001,2021,130\n', 'commune')).toThrow(DatasetError);
  });

  it('reads the shipped INSEE Filosofi 2021 files', () => {
    const dir = join(import.meta.dirname, '../../../../../data/indicators');
    const communes = parsePovertyCsv(readFileSync(join(dir, 'communes-pauvrete.csv'), 'utf8'), 'commune');
    const arrondissements = parsePovertyCsv(readFileSync(join(dir, 'arrondissements-pauvrete.csv'), 'utf8'), 'commune');
    const departments = parsePovertyCsv(readFileSync(join(dir, 'departements-pauvrete.csv'), 'utf8'), 'department');
    expect(communes).toHaveLength(4352);
    expect(arrondissements).toHaveLength(45);
    expect(departments).toHaveLength(98);
    expect(communes.find((r) => r.code === '75056')).toEqual({ level: 'commune', code: '75056', year: 2021, rate: 16 });
    expect(departments.find((r) => r.code === '95')?.rate).toBe(17.7);
    expect(departments.some((r) => ['971', '973', '976'].includes(r.code))).toBe(false);
  });
});
