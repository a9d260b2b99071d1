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
  // Department 95: published rate 20 %; commune 95018 publishes 25 %, 95001 and 95002 are secret.
  // Department 93: 28.4 %, one secret commune. Department 971: no rate at all.
  const units = [
    { code: '95018', departmentCode: '95', population: 600 },
    { code: '95001', departmentCode: '95', population: 300 },
    { code: '95002', departmentCode: '95', population: 100 },
    { code: '93001', departmentCode: '93', population: 500 },
    { code: '97101', departmentCode: '971', population: 800 },
  ];
  const shipped = tables({
    communeReference: { '95018': { rate: 25, year: 2021 } },
    departmentReference: { '95': { rate: 20, year: 2021 }, '93': { rate: 28.4, year: 2021 } },
  });
  const chosen = resolvePoverty(units, shipped);

  it('a commune with a published rate uses it', () => {
    expect(chosen.get('95018')).toEqual({ rate: 25, year: 2021, source: 'commune' });
  });

  it("a secret commune gets its own department's rate, flagged as an estimate", () => {
    expect(chosen.get('95001')).toEqual({ rate: 20, year: 2021, source: 'department' });
    expect(chosen.get('95002')).toEqual({ rate: 20, year: 2021, source: 'department' });
  });

  it('a department whose communes are all secret gives them its own rate', () => {
    expect(chosen.get('93001')).toEqual({ rate: 28.4, year: 2021, source: 'department' });
  });

  it('a commune of a department without a rate has none: no other department rate is borrowed', () => {
    expect(chosen.get('97101')).toBeNull();
  });

  it('two departments with different rates: no rate crosses the boundary', () => {
    const alone = resolvePoverty([{ code: '95001', departmentCode: '95', population: 300 }], shipped);
    expect(alone.get('95001')?.rate).toBe(20);
    expect(resolvePoverty([{ code: '93001', departmentCode: '93', population: 500 }], shipped).get('93001')?.rate).toBe(28.4);
    expect(resolvePoverty([{ code: '97101', departmentCode: '971', population: 800 }], shipped).get('97101')).toBeNull();
  });

  it('an imported rate of the same territory wins on the same or a later year, not on an earlier one', () => {
    const t = (year: number) =>
      tables({
        communeReference: { '95018': { rate: 25, year: 2021 } },
        communeImport: { '95018': { rate: 30, year } },
        departmentReference: { '95': { rate: 20, year: 2021 } },
      });
    expect(resolvePoverty(units, t(2021)).get('95018')).toEqual({ rate: 30, year: 2021, source: 'import' });
    expect(resolvePoverty(units, t(2023)).get('95018')).toEqual({ rate: 30, year: 2023, source: 'import' });
    expect(resolvePoverty(units, t(2019)).get('95018')).toEqual({ rate: 25, year: 2021, source: 'commune' });
  });

  it("a commune's own rate wins over any department rate, even a later imported one", () => {
    const t = tables({ communeReference: { '95018': { rate: 25, year: 2021 } }, departmentImport: { '95': { rate: 19, year: 2025 } } });
    const r = resolvePoverty(units, t);
    expect(r.get('95018')?.source).toBe('commune');
    expect(r.get('95001')).toEqual({ rate: 19, year: 2025, source: 'department' });
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
