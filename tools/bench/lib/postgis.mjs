// Figure 3 reference: the nearest open service per commune × theme computed by PostGIS (KNN `<->` on
// geography with GiST indexes), on a Debian Postgres 15 + PostGIS cluster started here on a loopback
// port (installed with apt when missing), run as the postgres user, removed at the end.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { freePort } from './pg.mjs';
import { load, log, summary } from './common.mjs';

const BIN = '/usr/lib/postgresql/15/bin';

export function ensurePostgis() {
  if (existsSync('/usr/share/postgresql/15/extension/postgis.control') && existsSync(`${BIN}/initdb`)) return 'already installed';
  log('installing postgresql-15-postgis-3 with apt-get (missing)…');
  execFileSync('apt-get', ['install', '-y', '-q', 'postgresql-15-postgis-3'], {
    stdio: 'ignore',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return 'installed by the bench';
}

export async function startPostgis() {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-postgis-'));
  chmodSync(dir, 0o755);
  execFileSync('chown', ['postgres:postgres', dir]);
  const port = await freePort();
  const as = (cmd, args) => execFileSync('runuser', ['-u', 'postgres', '--', `${BIN}/${cmd}`, ...args], { stdio: 'pipe' });
  as('initdb', ['-D', join(dir, 'data'), '-A', 'trust', '-U', 'postgres', '--encoding=UTF8', '--locale=C']);
  as('pg_ctl', [
    '-D',
    join(dir, 'data'),
    '-l',
    join(dir, 'log'),
    '-w',
    '-o',
    `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c shared_buffers=512MB -c work_mem=64MB -c max_parallel_workers_per_gather=0`,
    'start',
  ]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      try {
        as('pg_ctl', ['-D', join(dir, 'data'), '-m', 'fast', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** Loads the same communes and open services, indexes them, and times the KNN queries for every theme. */
export async function postgisNearest(url, { communes, openServices, themes, runs = 3 }) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const res = {};
  try {
    res.version = (await c.query(`CREATE EXTENSION postgis; SELECT postgis_full_version() AS v`))[1].rows[0].v
      .split(' ')
      .slice(0, 2)
      .join(' ');
    await c.query(
      `CREATE TABLE commune (code text PRIMARY KEY, g geography(Point, 4326) NOT NULL); CREATE TABLE svc (theme text NOT NULL, g geography(Point, 4326) NOT NULL)`,
    );
    const t0 = performance.now();
    const copy = async (sql, rows) =>
      pipeline(
        Readable.from(
          (function* () {
            for (const r of rows) yield r;
          })(),
        ),
        c.query(copyStreams.from(sql)),
      );
    await copy(
      `COPY commune (code, g) FROM STDIN`,
      communes.map(([code, lat, lon]) => `${code}\tSRID=4326;POINT(${lon} ${lat})\n`),
    );
    await copy(
      `COPY svc (theme, g) FROM STDIN`,
      openServices.map(([theme, lat, lon]) => `${theme}\tSRID=4326;POINT(${lon} ${lat})\n`),
    );
    for (const t of themes) await c.query(`CREATE INDEX ON svc USING gist (g) WHERE theme = '${t}'`);
    await c.query('ANALYZE');
    res.setupMs = performance.now() - t0;
    const plan = await c.query(
      `EXPLAIN SELECT c.code, n.d FROM commune c CROSS JOIN LATERAL (SELECT ST_Distance(c.g, s.g, false) AS d FROM svc s WHERE s.theme = '${themes[0]}' ORDER BY c.g <-> s.g LIMIT 1) n`,
    );
    res.plan = plan.rows.map((r) => r['QUERY PLAN']).join('\n');
    res.times = [];
    res.loads = [];
    let answers;
    for (let i = 0; i < runs; i++) {
      res.loads.push(load());
      const t1 = performance.now();
      answers = {};
      for (const t of themes) {
        const { rows } = await c.query(
          `SELECT c.code, n.d FROM commune c CROSS JOIN LATERAL (SELECT ST_Distance(c.g, s.g, false) AS d FROM svc s WHERE s.theme = '${t}' ORDER BY c.g <-> s.g LIMIT 1) n`,
        );
        const m = (answers[t] = {});
        for (const r of rows) m[r.code] = r.d;
      }
      res.times.push(performance.now() - t1);
      log(
        `postgis run ${i + 1}/${runs}: ${themes.length} themes × ${communes.length} communes in ${(res.times[i] / 1000).toFixed(1)} s (load ${res.loads[i]})`,
      );
      if (i === 0 && res.times[0] > 45_000) runs = Math.min(runs, 2);
    }
    res.s = summary(res.times);
    res.answers = answers;
  } finally {
    await c.end();
  }
  return res;
}

/** Same answers? max |d_engine − d_postgis| and how many commune × theme pairs differ by more than 1 m. */
export function compareAnswers(engine, postgis, themes) {
  let pairs = 0,
    over1m = 0,
    maxDiff = 0,
    presence = 0;
  for (const t of themes) {
    const a = engine[t] ?? {};
    const b = postgis[t] ?? {};
    for (const code of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const x = a[code] ?? null,
        y = b[code] ?? null;
      if ((x === null) !== (y === null)) {
        presence++;
        continue;
      }
      if (x === null) continue;
      pairs++;
      const d = Math.abs(x - y);
      if (d > maxDiff) maxDiff = d;
      if (d > 1) over1m++;
    }
  }
  return { pairs, over1m, maxDiff, presence };
}
