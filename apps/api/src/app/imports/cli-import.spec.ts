import { join } from 'node:path';
import { ensureTestDatabase, testDatabaseUrl, workspaceRoot } from '../../test/app.js';
import { commands } from '../../cli/run.js';

const csv = join(workspaceRoot, 'libs/ingest/domain/src/fixtures/soliguide-csv');

/** `vigie import services <file> --category-era …`: the option reaches the parser; a wrong value is refused. */
describe('vigie import --category-era', () => {
  const env = process.env['DATABASE_URL'];
  let lines: string[];
  const log = console.log;
  beforeAll(async () => {
    await ensureTestDatabase();
    process.env['DATABASE_URL'] = testDatabaseUrl();
  }, 120_000);
  afterAll(() => {
    if (env === undefined) delete process.env['DATABASE_URL'];
    else process.env['DATABASE_URL'] = env;
  });
  beforeEach(() => {
    lines = [];
    console.log = (...a: unknown[]) => void lines.push(a.join(' '));
  });
  afterEach(() => (console.log = log));
  const vigie = (...args: string[]) => commands.get('import')!(args);

  it('imports a Soliguide CSV export and says what it is', async () => {
    await expect(vigie('services', join(csv, 'autoexport-fr.csv'), '--source', 'cli-sg-csv', '--partial')).resolves.toBe(0);
    expect(lines[0]).toMatch(/^import #\d+ succeeded .* inserted 10, .* rejected 2/);
    expect(lines).toContain('file: a Soliguide CSV export (French headers) (CSV, ",")');
    expect(lines.some((l) => l.startsWith('  warning, line 14: coordinates are'))).toBe(true);
  });

  it('reads renumbered numeric codes in the era given', async () => {
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const file = join(mkdtempSync(join(tmpdir(), 'vigie-era-')), 'export.csv');
    writeFileSync(
      file,
      '"Numéro de la fiche","Nom de la structure","Les services","Latitude","Longitude"\n1,"A","110, 601","48.85","2.35"\n',
    );
    await expect(vigie('services', file, '--source', 'cli-era-none')).resolves.toBe(1);
    expect(lines.join('\n')).toContain('ambiguous legacy category 110: INFIRMERIE → infirmary in 2020-era exports');
    lines.length = 0;
    await expect(vigie('services', file, '--source', 'cli-era-2020', '--category-era', '2020')).resolves.toBe(0);
    expect(lines[0]).toMatch(/inserted 2, .* rejected 0/);
    await expect(vigie('services', file, '--category-era', '2019')).rejects.toThrow('--category-era must be 2020 or current');
  });
});
