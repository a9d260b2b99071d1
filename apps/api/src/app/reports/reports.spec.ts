import type { NestExpressApplication } from '@nestjs/platform-express';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import pg from 'pg';
import type { CoverageProfile, DeploymentKpis, PriorityList, QualityView, SearchSeries } from '@vigie/contracts';
import { DEPLOYMENT_DEPARTMENTS } from '@vigie/demo-generator';
import {
  formatCount,
  formatKpi,
  formatMoney,
  formatNumber,
  formatPercent,
  neutraliseFormula,
  parseCsv,
  readXlsxTable,
} from '@vigie/reports-domain';
import { as, loginAs, testApp, testDatabaseUrl, testNow } from '../../test/app.js';
import { CoverageService } from '../coverage/coverage.service.js';
import { PdfLimiter } from './pdf-limit.js';
import { loadDemo } from '../demo/demo-loader.js';
import { runCli } from '../../cli/run.js';

/** Finistère (29) is a demo deployment department that no other spec loads; its own demo source. */
const DEPT = '29';
const T = `department:${DEPT}`;
const TO = process.env['VIGIE_TODAY']!; // the test day (tools/testing/test-day.mjs)
const YEAR = Number(TO.slice(0, 4));
const FROM = `${YEAR}-01-01`;

const binary = (
  res: { on: (e: string, cb: (c?: Buffer) => void) => void; setEncoding: (e: string) => void },
  cb: (err: Error | null, body: Buffer) => void,
) => {
  const chunks: Buffer[] = [];
  res.on('data', (c?: Buffer) => chunks.push(c!));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

/** Text of a PDF through poppler's pdftotext, spaces normalised (French numbers use narrow no-break spaces). */
function pdfText(pdf: Buffer, dir: string, name: string): string {
  const file = join(dir, name);
  writeFileSync(file, pdf);
  return norm(execFileSync('/usr/bin/pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }));
}
/** The pages of a PDF as PNG (pdftoppm -r 60) in tmp/e2e/report-<name>-<page>.png, to look at. */
function pngPages(pdf: Buffer, dir: string, name: string): string[] {
  const out = join(import.meta.dirname, '../../../../../tmp/e2e'); // apps/api/src/app/reports → the repository's tmp/e2e
  mkdirSync(out, { recursive: true });
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  execFileSync('/usr/bin/pdftoppm', ['-r', '60', '-png', file, join(dir, name)]);
  return readdirSync(dir)
    .filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png'))
    .map((f) => {
      const page = Number(/-(\d+)\.png$/.exec(f)![1]);
      const target = join(out, `report-${name}-${page}.png`);
      renameSync(join(dir, f), target);
      return target;
    });
}
const ISO_DAY = /\b\d{4}-\d{2}-\d{2}\b/;
const norm = (s: string) => s.replace(/[\u202f\u00a0\s]+/g, ' ');
/** Names hyphenated at a line end come out of pdftotext without their hyphen ("Carhaix-Plouguer" → "CarhaixPlouguer"). */
const hasName = (text: string, name: string) => text.replace(/-/g, '').includes(norm(name).replace(/-/g, ''));

describe('reports and exports (demo data, real Postgres, Chromium)', () => {
  let app: NestExpressApplication;
  let pool: pg.Pool;
  let dir: string;
  let admin: ReturnType<typeof as>;
  let funder: ReturnType<typeof as>;
  let copil: ReturnType<typeof as>;
  let outsider: ReturnType<typeof as>;

  beforeAll(async () => {
    expect(DEPLOYMENT_DEPARTMENTS).toContain(DEPT);
    dir = mkdtempSync(join(tmpdir(), 'vigie-reports-'));
    app = await testApp();
    pool = new pg.Pool({ connectionString: testDatabaseUrl() });
    admin = as(app, await loginAs(app, 'admin'));
    funder = as(app, await loginAs(app, 'funder', [T]));
    copil = as(app, await loginAs(app, 'copil', [T]));
    outsider = as(app, await loginAs(app, 'coordinator', ['department:95']));
    await loadDemo(pool, { scale: 'department', department: DEPT, seed: 29, source: 'demo-reports-spec', today: testNow() });
    await app.get(CoverageService).refresh('test');
  }, 600_000);

  afterAll(async () => {
    await app?.close();
    await pool?.end();
    rmSync(dir, { recursive: true, force: true });
  });

  it('funder report (PDF): territory, KPIs and search totals equal what the API endpoints return', async () => {
    const res = await funder.get(`/api/reports/funder?territory=${T}&from=${FROM}&to=${TO}`).buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain(`vigie-rapport-financeur-department-29-${FROM}_${TO}.pdf`);
    const text = pdfText(res.body as Buffer, dir, 'funder.pdf');
    expect(text).toContain('Finistère');
    expect(text).toContain("Rapport d'impact");
    const kpis = (await funder.get(`/api/deployment/kpis?level=department&code=${DEPT}&year=${YEAR}`).expect(200)).body as DeploymentKpis;
    for (const k of kpis.kpis) {
      const shown = formatKpi(k.metric, k.value, 'fr');
      expect({ metric: k.metric, found: text.includes(norm(shown)) }).toEqual({ metric: k.metric, found: true });
    }
    const series = (
      await funder.get(`/api/searches/series?level=department&code=${DEPT}&from=${FROM}&to=${TO}&granularity=month`).expect(200)
    ).body as SearchSeries;
    expect(series.suppressionThreshold).toBe(11);
    expect(text).toContain(norm(formatCount(series.totals.searches, 'fr')));
    // Coverage "then vs now": the snapshot dates are printed, and the current population beyond the food threshold.
    const profile = (await funder.get(`/api/coverage/department/${DEPT}`).expect(200)).body as CoverageProfile;
    const food = profile.keys.find((k) => k.key === 'food')!;
    expect(text).toContain(norm(formatNumber(food.populationBeyond, 'fr', 0)));
    expect(text).toMatch(/Méthodologie et sources/);
    expect(text).toMatch(/inférieurs à 11/);
    // Printed as people read them: the territory by name and level, dates in words, no path.
    expect(text).toContain('Finistère (département 29)');
    expect(text).not.toContain(T);
    expect(text).not.toMatch(/docs\//);
    expect(text).not.toMatch(ISO_DAY);
    // Funds: each denominator named, the KPI's progress as in the dashboard.
    const funds = kpis.kpis.find((k) => k.metric === 'funds_raised')!;
    if (funds.target !== null)
      // Table cells come out of pdftotext with the header in between: the amount and the phrase, each named.
      expect(text).toContain(norm(`Objectif de fonds levés ${YEAR} ${formatMoney(funds.target, 'fr')}`));
    if (funds.progress !== null)
      expect(text).toContain(norm(`${formatPercent(funds.progress, 'fr')} de l’objectif de fonds levés atteint`));
    const perMonth = kpis.kpis.find((k) => k.metric === 'searches_per_month')!;
    // KPI tiles sit side by side: pdftotext reads labels, values and hints by line, so each is looked for on its own.
    expect(text).toContain('Recherches par mois');
    expect(text).toContain(norm(formatKpi('searches_per_month', perMonth.value, 'fr')));
    expect(text).toContain(`moyenne des ${kpis.searchMonths} mois complets de ${YEAR}`);
    expect(pngPages(res.body as Buffer, dir, 'funder').length).toBeGreaterThanOrEqual(3);
    const { rows } = await pool.query(
      `SELECT actor, territory, details FROM audit_log WHERE action = 'report.funder' AND actor LIKE 'funder-%' ORDER BY id DESC LIMIT 1`,
    );
    expect(rows[0]).toMatchObject({ territory: T, details: { format: 'pdf' } });
    expect(rows[0].actor).toMatch(/^funder-/);
  }, 120_000);

  for (const theme of ['food', 'health'] as const) {
    it(`COPIL pack (PDF, theme ${theme}): that theme's zones only, once each, figures equal to the API's, no coordinates`, async () => {
      const res = await copil
        .get(`/api/reports/copil?territory=${T}&from=${FROM}&to=${TO}&lang=fr&theme=${theme}`)
        .buffer(true)
        .parse(binary)
        .expect(200);
      expect(res.headers['content-disposition']).toContain(`vigie-dossier-copil-department-29-${theme}-${FROM}_${TO}.pdf`);
      const text = pdfText(res.body as Buffer, dir, `copil-${theme}.pdf`);
      const label = theme === 'food' ? 'Alimentation' : 'Santé';
      expect(text).toContain(`Zones prioritaires — ${label}`);
      expect(text).toContain('Finistère (département 29)');
      expect(text).not.toContain(T);
      expect(text).not.toMatch(/docs\//);
      expect(text).not.toMatch(ISO_DAY);
      // The priority zones of the theme, as GET /api/priorities?theme= ranks them: each once, in that order.
      const pr = (await copil.get(`/api/priorities?level=commune&parent=${T}&theme=${theme}&limit=10`).expect(200)).body as PriorityList;
      expect(pr.zones.length).toBeGreaterThan(0);
      const section = text.slice(text.indexOf(`Zones prioritaires — ${label}`), text.indexOf('Accès des lieux de vie'));
      const flat = section.replace(/-/g, '');
      let at = 0;
      for (const z of pr.zones) {
        const name = norm(z.name).replace(/-/g, '');
        const i = flat.indexOf(name, at);
        expect({ zone: z.name, found: i >= 0 }).toEqual({ zone: z.name, found: true });
        at = i + name.length;
      }
      expect(section).toContain(norm(formatNumber(pr.zones[0].score, 'fr', 0)));
      // Zones ranked only for other themes are not in the pack.
      const all = (await copil.get(`/api/priorities?level=commune&parent=${T}&limit=50`).expect(200)).body as PriorityList;
      const mine = new Set(pr.zones.map((z) => z.code));
      for (const z of all.zones.filter((x) => x.key !== theme && !mine.has(x.code)).slice(0, 5))
        expect({ zone: z.name, found: hasName(section, z.name) }).toEqual({ zone: z.name, found: false });
      // Figures the dashboard shows for the same filters.
      const kpis = (await copil.get(`/api/deployment/kpis?level=department&code=${DEPT}&year=${YEAR}`).expect(200)).body as DeploymentKpis;
      const perMonth = kpis.kpis.find((k) => k.metric === 'searches_per_month')!;
      const figures = text.slice(text.indexOf('Chiffres clés'), text.indexOf('Carte des manques'));
      expect(figures).toContain('Recherches par mois');
      expect(figures).toContain(norm(formatKpi('searches_per_month', perMonth.value, 'fr')));
      const series = (
        await copil.get(`/api/searches/series?level=department&code=${DEPT}&from=${FROM}&to=${TO}&granularity=month`).expect(200)
      ).body as SearchSeries;
      expect(figures).toContain('Recherches sur la période');
      expect(figures).toContain(norm(formatCount(series.totals.searches, 'fr')));
      const q = (await copil.get(`/api/quality?level=department&code=${DEPT}`).expect(200)).body as QualityView;
      expect(text).toContain(norm(formatNumber(q.activeServices, 'fr', 0)));
      // The map page: the territory's communes drawn, with the legend entries.
      expect(text).toContain(`Carte des manques — ${label}`);
      expect(text).toContain('pas de données');
      // Privacy: no coordinates, no settlement names, distances as classes (never metres).
      const { rows } = await pool.query(`SELECT lat, lon, name FROM settlement WHERE department_code = $1 AND lat IS NOT NULL LIMIT 5`, [
        DEPT,
      ]);
      for (const s of rows) {
        expect(text).not.toContain(String(s.lat));
        if (s.name) expect(hasName(text, s.name)).toBe(false);
      }
      const settlements = text.slice(text.indexOf('Accès des lieux de vie'), text.indexOf('Tendances de recherche'));
      expect(settlements).not.toMatch(/\d m\b/);
      expect(pngPages(res.body as Buffer, dir, `copil-${theme}`).length).toBeGreaterThanOrEqual(5);
    }, 120_000);
  }

  it('COPIL pack: funders are refused (REPORT_ROLES), a commune is refused with code report_level', async () => {
    await funder.get(`/api/reports/copil?territory=${T}`).expect(403);
    const res = await copil.get(`/api/reports/copil?territory=commune:29232`).expect(400);
    expect(res.body.code).toBe('report_level');
  });

  it("directory coverage: a partly covered region prints the caveat with the API's figures", async () => {
    const profile = (await admin.get('/api/coverage/region/53').expect(200)).body as CoverageProfile;
    const res = await admin.get(`/api/reports/funder?territory=region:53&from=${FROM}&to=${TO}`).buffer(true).parse(binary).expect(200);
    const text = pdfText(res.body as Buffer, dir, 'funder-53.pdf');
    const c = profile.coverage;
    if (c && c.status === 'partial')
      expect(text).toContain(
        norm(
          `Données pour ${c.departments} département${c.departments > 1 ? 's' : ''} sur ${c.of}, ${formatPercent(c.populationShare, 'fr')} de la population`,
        ),
      );
    else expect(text).not.toContain('Données pour');
    expect(text).toContain('Bretagne (région)');
  }, 120_000);

  it('PDFs are limited per user: 2 at a time, N a minute (429, Retry-After, code); CSV is not limited', async () => {
    const limiter = app.get(PdfLimiter);
    const saved = limiter.now;
    let clock = 1_000_000;
    limiter.now = () => clock;
    const someone = as(app, await loginAs(app, 'copil', [T]));
    try {
      // Two PDFs in progress for this user (held here, as two slow renders would): a third is refused.
      const me = (await someone.get('/api/auth/me').expect(200)).body as { id: number };
      const a = limiter.acquire(`user:${me.id}`);
      const b = limiter.acquire(`user:${me.id}`);
      const busy = await someone.get(`/api/reports/services-list?territory=${T}&theme=food&format=pdf`).expect(429);
      expect(busy.body.code).toBe('pdf_busy');
      expect(Number(busy.headers['retry-after'])).toBeGreaterThan(0);
      // Another user is not affected; CSV is not limited.
      await someone.get(`/api/reports/services-list?territory=${T}&theme=food&format=csv`).expect(200);
      a();
      b();
      // N a minute: the slots taken above count; fill the window, then one more is refused until the minute is over.
      for (let i = 2; i < limiter.limits.perMinute; i++) limiter.acquire(`user:${me.id}`)();
      clock += 20_000;
      const limited = await someone.get(`/api/reports/services-list?territory=${T}&theme=food&format=pdf`).expect(429);
      expect(limited.body.code).toBe('pdf_rate_limited');
      expect(Number(limited.headers['retry-after'])).toBe(40);
      clock += 40_000;
      await someone.get(`/api/reports/services-list?territory=${T}&theme=food&format=pdf`).buffer(true).parse(binary).expect(200);
    } finally {
      limiter.now = saved;
    }
  }, 120_000);

  it('service lists (CSV and XLSX): only ONLINE public services, same rows in both, categories labelled in es', async () => {
    const { rows: expected } = await pool.query(
      `SELECT count(*)::int n FROM service WHERE department_code = $1 AND theme_id = 'food' AND status = 'ONLINE' AND visibility = 'ALL' AND removed_at IS NULL`,
      [DEPT],
    );
    expect(expected[0].n).toBeGreaterThan(0);
    const csv = await admin
      .get(`/api/reports/services-list?territory=${T}&theme=food&sort=city&format=csv&lang=es`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const csvText = (csv.body as Buffer).toString('utf8');
    expect(csvText.charCodeAt(0)).toBe(0xfeff);
    const parsed = parseCsv(csvText);
    const header = parsed.findIndex((r) => r[0] === 'Servicio');
    expect(header).toBeGreaterThan(0);
    const csvRows = parsed.slice(header + 1);
    expect(csvRows).toHaveLength(expected[0].n);
    const cities = csvRows.map((r) => r[4]);
    expect(cities).toEqual([...cities].sort(new Intl.Collator('es-ES', { sensitivity: 'base', numeric: true }).compare));
    const xlsx = await admin
      .get(`/api/reports/services-list?territory=${T}&theme=food&sort=city&format=xlsx&lang=es`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const back = await readXlsxTable(xlsx.body as Buffer);
    expect(back.filters.map((f) => f.label)).toContain('Territorio');
    // XLSX text cells are never formulas, so they keep their text; CSV cells are neutralised.
    expect(back.rows.map((r) => r.map((c) => neutraliseFormula(c === null ? '' : String(c))))).toEqual(csvRows);
  }, 120_000);

  it('exports: a "=HYPERLINK" cell is neutralised in CSV, XLSX reads back the same rows, filters printed', async () => {
    const body = {
      title: 'Recherches par commune',
      filters: [{ label: 'Territoire', value: 'Finistère' }],
      columns: [
        { key: 'name', label: 'Commune', type: 'text' },
        { key: 'n', label: 'Recherches', type: 'number' },
      ],
      rows: [
        ['=HYPERLINK("http://x")', 12],
        ['Quimper', 1234.5],
        ['-1+2', -3],
      ],
      format: 'csv',
      separator: ';',
    };
    const csv = await admin.post('/api/exports').send(body).buffer(true).parse(binary).expect(200);
    expect(csv.headers['content-disposition']).toMatch(/filename="vigie-recherches-par-commune-\d{4}-\d{2}-\d{2}\.csv"/);
    const rows = parseCsv((csv.body as Buffer).toString('utf8'), ';');
    expect(rows[0]).toEqual(['Recherches par commune']);
    expect(rows[1]).toEqual(['Territoire', 'Finistère']);
    expect(rows.slice(-3)).toEqual([
      [`'=HYPERLINK("http://x")`, '12'],
      ['Quimper', '1234,5'],
      ["'-1+2", '-3'],
    ]);
    const xlsx = await admin
      .post('/api/exports')
      .send({ ...body, format: 'xlsx' })
      .buffer(true)
      .parse(binary)
      .expect(200);
    const back = await readXlsxTable(xlsx.body as Buffer);
    expect(back.filters).toEqual(body.filters);
    expect(back.rows).toEqual(body.rows);
    const { rows: audit } = await pool.query(`SELECT details FROM audit_log WHERE action = 'export.xlsx' ORDER BY id DESC LIMIT 1`);
    expect(audit[0].details).toMatchObject({ title: body.title, rows: 3 });
  });

  it('400 on malformed requests, with field errors', async () => {
    const bad = async (url: string) => (await admin.get(url).expect(400)).body;
    expect((await bad('/api/reports/funder?territory=department:999')).message).toMatch(/territory/);
    expect((await bad(`/api/reports/funder?territory=${T}&from=2026-13-01`)).message).toMatch(/from/);
    expect((await bad(`/api/reports/copil?territory=${T}&lang=de`)).message).toMatch(/lang/);
    expect((await bad(`/api/reports/funder?territory=${T}&from=2026-05-01&to=2026-01-01`)).message).toMatch(/after/);
    expect((await bad(`/api/reports/services-list?territory=${T}&format=docx`)).message).toMatch(/format/);
    expect((await bad(`/api/reports/services-list?territory=${T}&theme=pizza`)).message).toMatch(/theme/);
    const post = async (body: object) =>
      (await admin.post('/api/exports').send(body).expect(400)).body as { details: { field: string; reason: string }[] };
    const ok = { title: 't', filters: [], columns: [{ key: 'a', label: 'A' }], rows: [['x']], format: 'csv' };
    expect((await post({ ...ok, rows: [['x', 'y']] })).details[0]).toMatchObject({
      field: 'rows',
      reason: expect.stringMatching(/2 cells but there are 1 columns/),
    });
    expect(
      (await post({ ...ok, columns: Array.from({ length: 101 }, (_, i) => ({ key: `c${i}`, label: `C${i}` })), rows: [] })).details[0]
        .field,
    ).toBe('columns');
    expect((await post({ ...ok, rows: [[{ f: 1 }]] })).details[0].field).toBe('rows');
    expect((await post({ ...ok, format: 'pdf' })).details[0].field).toBe('format');
    expect((await post({ ...ok, extra: 1 })).details[0].reason).toMatch(/extra/);
  });

  it('403 outside the territory, 401 without a session', async () => {
    await outsider.get(`/api/reports/funder?territory=${T}`).expect(403);
    await outsider.get(`/api/reports/copil?territory=${T}`).expect(403);
    await outsider.get(`/api/reports/services-list?territory=${T}&format=csv`).expect(403);
    await copil.get('/api/reports/funder?territory=national').expect(403);
    await outsider.get(`/api/reports/funder?level=department&code=${DEPT}`).expect(403);
    await as(app, null).get(`/api/reports/services-list?territory=${T}&format=csv`).expect(401);
  });

  it('CLI: npx vigie report writes the same files (admin, exact counts) and says where and how big', async () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const csvFile = join(dir, 'list.csv');
      expect(
        await runCli([
          'report',
          'services-list',
          '--territory',
          T,
          '--theme',
          'food',
          '--sort',
          'city',
          '--format',
          'csv',
          '--lang',
          'es',
          '-o',
          csvFile,
        ]),
      ).toBe(0);
      const api = await admin
        .get(`/api/reports/services-list?territory=${T}&theme=food&sort=city&format=csv&lang=es`)
        .buffer(true)
        .parse(binary)
        .expect(200);
      expect(readFileSync(csvFile, 'utf8')).toBe((api.body as Buffer).toString('utf8'));
      const pdfFile = join(dir, 'cli-funder.pdf');
      expect(await runCli(['report', 'funder', '--territory', T, '--from', FROM, '--to', TO, '-o', pdfFile])).toBe(0);
      expect(log.mock.calls.map((c) => String(c[0])).join('\n')).toMatch(
        new RegExp(`funder report written to .*cli-funder\\.pdf \\(\\d+\\.\\d KiB, pdf`),
      );
      const text = pdfText(readFileSync(pdfFile), dir, 'cli-funder-copy.pdf');
      expect(text).toContain('Finistère');
      const admins = (
        await admin.get(`/api/searches/series?level=department&code=${DEPT}&from=${FROM}&to=${TO}&granularity=month`).expect(200)
      ).body as SearchSeries;
      expect(admins.suppressionThreshold).toBeNull();
      expect(text).toContain(norm(formatCount(admins.totals.searches, 'fr')));
      await expect(runCli(['report', 'funder', '--territory', 'department:999', '-o', pdfFile])).rejects.toThrow(/territory/);
    } finally {
      log.mockRestore();
    }
  }, 120_000);

  it('without Chromium, PDFs answer 503 with a clear message while CSV still works', async () => {
    const saved = process.env['VIGIE_CHROMIUM_PATH'];
    process.env['VIGIE_CHROMIUM_PATH'] = '/nonexistent/chromium';
    try {
      const res = await admin.get(`/api/reports/services-list?territory=${T}&theme=food&format=pdf`).expect(503);
      expect(res.body.message).toMatch(/Chromium/);
      await admin.get(`/api/reports/services-list?territory=${T}&theme=food&format=csv`).expect(200);
    } finally {
      if (saved === undefined) delete process.env['VIGIE_CHROMIUM_PATH'];
      else process.env['VIGIE_CHROMIUM_PATH'] = saved;
    }
  });
});
