// Figure 1 — ingest of search events: Vigie's import (CLI `vigie import search-events`, the COPY +
// merge + rollups path) vs `psql \copy` of the same rows into the same table vs row by row: a
// parameterised INSERT per row (the floor of any per-row loop), and TypeORM's insert() and save() per row
// (the ORM of Vigie's stack, see orm.mjs) — one statement or transaction and one commit per row.
import { createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { cli, load, log, run, summary } from './common.mjs';
import { ormLoop } from './orm.mjs';
import { TABLE_COLUMNS } from './searches-csv.mjs';

async function reset(url) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query('TRUNCATE search_event, search_rollup_month_dept, search_rollup_month_region');
  await c.query('CHECKPOINT');
  await c.end();
}
async function count(url) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const { rows } = await c.query(
    'SELECT (SELECT count(*) FROM search_event)::bigint AS e, (SELECT coalesce(sum(searches), 0) FROM search_rollup_month_region)::bigint AS r',
  );
  await c.end();
  return { events: Number(rows[0].e), rollupSearches: Number(rows[0].r) };
}

export async function benchIngest({ url, files, rows, runs = 3, rowRuns = 3, budgetMs = 7 * 60_000, rowBudgetMs = 150_000 }) {
  const tBudget = Date.now();
  const res = {
    rows,
    bytes: statSync(files.source).size,
    vigie: [],
    vigieWall: [],
    psql: [],
    row: [],
    ormInsert: [],
    ormSave: [],
    loads: {},
  };
  const u = new URL(url);
  const psqlEnv = { PGHOST: u.hostname, PGPORT: u.port, PGUSER: u.username, PGPASSWORD: u.password, PGDATABASE: u.pathname.slice(1) };

  // psql \copy of the table-format rows (no parsing, no territory resolution, no rollups): fast, every run.
  for (let i = 0; i < runs; i++) {
    await reset(url);
    res.loads[`psql${i}`] = load();
    const p = await run(
      'psql',
      ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-c', `\\copy search_event (${TABLE_COLUMNS.join(', ')}) FROM '${files.table}'`],
      { env: psqlEnv },
    );
    const cp = await count(url);
    if (cp.events !== rows) throw new Error(`psql copied ${cp.events} rows, expected ${rows}`);
    res.psql.push(rows / (p.ms / 1000));
    log(`ingest run ${i + 1}/${runs}: psql \\copy ${rows} rows in ${(p.ms / 1000).toFixed(1)} s (load ${res.loads[`psql${i}`]})`);
  }
  // Vigie: the CLI import of the source-format CSV (parse, validate, resolve territories, COPY, merge, rollups).
  for (let i = 0; i < runs; i++) {
    await reset(url);
    res.loads[`vigie${i}`] = load();
    const v = await cli(['import', 'search-events', files.source, '--format', 'csv', '--source', 'bench'], url);
    const m = v.stdout.match(/import #\d+ (\w+).* in ([\d.]+) s: read (\d+), inserted (\d+).*rejected (\d+)/);
    if (!m || m[1] !== 'succeeded') throw new Error(`vigie import did not succeed: ${v.stdout}`);
    const cv = await count(url);
    if (cv.events !== rows || cv.rollupSearches !== rows)
      throw new Error(`vigie import stored ${cv.events} events / ${cv.rollupSearches} in rollups, expected ${rows}`);
    res.vigie.push(rows / Number(m[2]));
    res.vigieWall.push(rows / (v.ms / 1000));
    log(
      `ingest run ${i + 1}/${runs}: vigie import ${rows} rows in ${m[2]} s (wall ${(v.ms / 1000).toFixed(1)} s with start-up), rollups = events (load ${res.loads[`vigie${i}`]})`,
    );
    if (i + 1 < runs && Date.now() - tBudget > budgetMs) {
      log(`ingest: time budget spent, stopping after ${i + 1} run(s) (the slowest path)`);
      break;
    }
  }

  // Row by row: the first 50k rows, one parameterised INSERT per row in autocommit.
  const sample = [];
  for await (const line of createInterface({ input: createReadStream(files.sample) })) {
    sample.push(line.split('\t').map((v) => (v === '\\N' ? null : v)));
  }
  const sql = `INSERT INTO search_event (${TABLE_COLUMNS.join(', ')}) VALUES (${TABLE_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})`;
  const tRow = Date.now();
  for (let i = 0; i < rowRuns; i++) {
    await reset(url);
    res.loads[`row${i}`] = load();
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const t0 = performance.now();
    for (const r of sample) await c.query({ name: 'ins', text: sql, values: r });
    const ms = performance.now() - t0;
    await c.end();
    res.row.push(sample.length / (ms / 1000));
    log(`ingest run ${i + 1}/${rowRuns}: row-by-row ${sample.length} rows in ${(ms / 1000).toFixed(1)} s (load ${res.loads[`row${i}`]})`);
    if (i + 1 < rowRuns && Date.now() - tRow > rowBudgetMs) {
      log(`ingest: row-by-row time budget spent, stopping after ${i + 1} run(s)`);
      break;
    }
  }
  res.sampleRows = sample.length;
  // The same sample through the ORM, one call per row (typed values, as an application would hold them).
  const entities = sample.map((r) => {
    const o = Object.fromEntries(TABLE_COLUMNS.map((c, j) => [c, r[j]]));
    o.result_count = Number(o.result_count);
    o.admin_search = o.admin_search === 't';
    return o;
  });
  for (const method of ['insert', 'save']) {
    const out = method === 'insert' ? res.ormInsert : res.ormSave;
    const tOrm = Date.now();
    for (let i = 0; i < rowRuns; i++) {
      await reset(url);
      res.loads[`orm-${method}${i}`] = load();
      const ms = await ormLoop(url, entities, method);
      const stored = (await count(url)).events;
      if (stored !== entities.length) throw new Error(`ORM ${method}() stored ${stored} rows, expected ${entities.length}`);
      out.push(entities.length / (ms / 1000));
      log(
        `ingest run ${i + 1}/${rowRuns}: TypeORM ${method}() per row, ${entities.length} rows in ${(ms / 1000).toFixed(1)} s (load ${res.loads[`orm-${method}${i}`]})`,
      );
      if (i + 1 < rowRuns && Date.now() - tOrm > rowBudgetMs) {
        log(`ingest: ORM ${method}() time budget spent, stopping after ${i + 1} run(s)`);
        break;
      }
    }
  }
  await reset(url);
  const ratio = (a, b) => a.map((x, i) => x / b[i]);
  return {
    ...res,
    s: {
      vigie: summary(res.vigie),
      vigieWall: summary(res.vigieWall),
      psql: summary(res.psql),
      row: summary(res.row),
      vsPsql: summary(res.vigie.map((v, i) => v / res.psql[Math.min(i, res.psql.length - 1)])),
      vsRow: summary(res.vigie.map((v, i) => v / res.row[Math.min(i, res.row.length - 1)])),
      ormInsert: summary(res.ormInsert),
      ormSave: summary(res.ormSave),
      vsOrmInsert: summary(res.vigie.map((v, i) => v / res.ormInsert[Math.min(i, res.ormInsert.length - 1)])),
      vsOrmSave: summary(res.vigie.map((v, i) => v / res.ormSave[Math.min(i, res.ormSave.length - 1)])),
    },
  };
}
