import { parseArgs } from 'node:util';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadDemo } from '../app/demo/demo-loader.js';
import { refreshCoverage } from '../app/coverage/coverage-refresh.js';
import { findFormat } from '../app/imports/formats.js';
import { loadGeoResolver } from '../app/imports/geo-resolver.cache.js';
import { importFile } from '../app/imports/import-file.js';
import { purgeOldSearchEvents, rebuildRollups } from '../app/searches/maintenance.js';
import { openContext, progress } from './context.js';
import { coverageCommand } from '../app/directory-coverage/directory-coverage.cli.js';
import { CLI_VIEWER } from '../app/reports/reports.service.js';
import { reportsServiceFor } from '../app/reports/reports.factory.js';
import { audit, createUser, resetPassword, UserInputError } from '../app/auth/users.store.js';
import { CATEGORY_ERAS, type CategoryEra } from '@vigie/taxonomy';

const HELP = `vigie — territorial analytics for solidarity-service directories

Usage: npx vigie <command> [options]

  import <kind> <file>      import a file (kinds: services, search-events, settlements, mutual-aid,
                            indicators, activities, targets)
        --format F          soliguide | data-inclusion | csv | resorption-bidonvilles | xlsx | geojson
        --source S          source name stored with the rows (default: the format)
        --partial           keep good rows when some are rejected (default: all or nothing)
        --dry-run           check and count, write nothing
        --incremental       (services, settlements) the file is not a full export: mark nothing removed
        --category-era E    (Soliguide) 2020 | current: table of the numeric category codes when the file
                            cannot tell (codes renumbered in 2022); without it such codes are reported, not guessed
  demo [--scale department|national|national-x10] [--seed N] [--department 95]
                            load deterministic demo data on the real geography
  metrics refresh           recompute coverage metrics (a new dated snapshot)
  coverage list | coverage declare <department> --from YYYY-MM-DD [--note N] | coverage declare --from-deployment
  coverage remove <department>
                            directory coverage: departments where the directory is deployed, from a day
  rollups rebuild           recompute search rollups from raw events
  searches purge [--months 25]
                            delete raw search events older than the retention (monthly rollups kept)
  apikey create --name N --source S | apikey list | apikey revoke <id>
                            ingest API keys for POST /api/ingest/search-events
  user add --email E --role admin|coordinator|copil|funder --territory department:95 [--territory …]
                            create a user (prints a generated password once unless --password)
  user reset-password --email E | user list
                            one-time temporary password (lock cleared, sessions closed); list users
  report <funder|copil|services-list> --territory department:95 [--from YYYY-MM-DD] [--to YYYY-MM-DD]
         [--format pdf|csv|xlsx] [--lang fr|en|es] [--theme food | --category C] [--sort name|city|postal_code]
         [--separator ';'] -o file
                            funder impact report, COPIL pack (PDF) or service list (PDF, CSV, XLSX)

Database: DATABASE_URL when set, else the embedded Postgres under .data/ (shared with a running server).`;

export type Command = (args: string[]) => Promise<number>;
export const commands = new Map<string, Command>();

commands.set('import', async (args) => {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string' },
      source: { type: 'string' },
      partial: { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
      incremental: { type: 'boolean', default: false },
      structures: { type: 'string' },
      'temp-infos': { type: 'string' },
      'category-era': { type: 'string' },
    },
  });
  const era = values['category-era'];
  if (era !== undefined && !(CATEGORY_ERAS as readonly string[]).includes(era))
    throw new Error(`--category-era must be ${CATEGORY_ERAS.join(' or ')}`);
  const [kind, file] = positionals;
  if (!kind || !file) throw new Error('usage: vigie import <kind> <file> [--format F] [--partial] [--dry-run] (see vigie help)');
  if (!existsSync(file)) throw new Error(`no such file: ${file}`);
  const entry = findFormat(kind, values.format, file);
  if (typeof entry === 'string') throw new Error(entry);
  const companion = values.structures ?? values['temp-infos'] ?? null;
  if (companion && !existsSync(companion)) throw new Error(`no such file: ${companion}`);
  const ctx = await openContext();
  try {
    const bar = progress(`${kind} (${entry.format})`);
    const s = await importFile(
      ctx.pool,
      await loadGeoResolver(ctx.pool),
      entry,
      { path: file, companionPath: companion },
      {
        source: values.source,
        partial: values.partial,
        dryRun: values['dry-run'],
        fullExport: values.incremental ? false : undefined,
        categoryEra: era as CategoryEra | undefined,
        createdBy: 'cli',
        onProgress: (p) => bar.update(`${p.read.toLocaleString('fr-FR')} rows read, ${p.rejected.toLocaleString('fr-FR')} rejected`),
      },
    );
    bar.done();
    console.log(
      `import #${s.id} ${s.status}${s.dryRun ? ' (dry run)' : ''} in ${(s.durationMs / 1000).toFixed(1)} s: read ${s.read}, inserted ${s.inserted}, updated ${s.updated}, unchanged ${s.unchanged}, rejected ${s.rejected}, removed ${s.removed}`,
    );
    if (s.detected) console.log(`file: ${s.detected}`);
    if (s.message) console.log(s.message);
    for (const e of s.firstErrors) console.log(`  line ${e.line}, ${e.field}: ${e.reason}`);
    for (const w of s.firstWarnings ?? []) console.log(`  warning, line ${w.line}: ${w.reason}`);
    if (s.rejected > s.firstErrors.length) console.log(`  … every error: GET /api/imports/${s.id}/errors.csv`);
    return s.status === 'succeeded' ? 0 : 1;
  } finally {
    await ctx.close();
  }
});

commands.set('demo', async (args) => {
  const { values } = parseArgs({
    args,
    options: {
      scale: { type: 'string', default: 'department' },
      seed: { type: 'string', default: '42' },
      department: { type: 'string', default: '95' },
    },
  });
  const scale = values.scale as 'department' | 'national' | 'national-x10';
  if (!['department', 'national', 'national-x10'].includes(scale)) throw new Error('--scale must be department, national or national-x10');
  if (!/^\d+$/.test(values.seed ?? '')) throw new Error('--seed must be a non-negative integer');
  const ctx = await openContext();
  try {
    const t0 = Date.now();
    await loadDemo(ctx.pool, { scale, seed: Number(values.seed), department: values.department, today: ctx.config.clock.now() }, (m) =>
      console.log(m),
    );
    console.log(
      `demo loaded in ${((Date.now() - t0) / 1000).toFixed(1)} s (${scale}${scale === 'department' ? ' ' + values.department : ''}, seed ${values.seed})`,
    );
    return 0;
  } finally {
    await ctx.close();
  }
});

commands.set('coverage', (args) =>
  coverageCommand(args, async () => {
    const ctx = await openContext();
    return { pool: ctx.pool, today: ctx.config.clock.today(), close: () => ctx.close() };
  }),
);

commands.set('metrics', async (args) => {
  if (args[0] !== 'refresh') throw new Error('usage: vigie metrics refresh');
  const ctx = await openContext();
  try {
    const r = await refreshCoverage(ctx.pool, 'cli', { today: ctx.config.clock.today() });
    console.log(
      `coverage snapshot ${r.snapshotId} computed in ${r.durationMs} ms: ${JSON.stringify(r.timings)}; ${JSON.stringify(r.counts)}`,
    );
    console.log('a running server picks it up at once (it reads the current snapshot); restart it to refresh its what-if model');
    return 0;
  } finally {
    await ctx.close();
  }
});

commands.set('rollups', async (args) => {
  if (args[0] !== 'rebuild') throw new Error('usage: vigie rollups rebuild');
  const ctx = await openContext();
  try {
    const t0 = Date.now();
    const r = await rebuildRollups(ctx.pool);
    console.log(
      r.fromDay
        ? `rollups rebuilt from ${r.fromDay}: ${r.rows} rows, ${r.searches} searches (${Date.now() - t0} ms)`
        : 'no raw search events: nothing to rebuild',
    );
    return 0;
  } finally {
    await ctx.close();
  }
});

commands.set('searches', async (args) => {
  const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { months: { type: 'string' } } });
  if (positionals[0] !== 'purge') throw new Error('usage: vigie searches purge [--months 25]');
  const ctx = await openContext();
  try {
    const months = values.months ? Number(values.months) : ctx.config.retentionMonths;
    if (!Number.isInteger(months) || months < 1) throw new Error('--months must be a positive integer');
    const n = await purgeOldSearchEvents(ctx.pool, months, ctx.config.clock.today());
    console.log(`${n} raw search events older than ${months} months deleted (monthly rollups kept)`);
    return 0;
  } finally {
    await ctx.close();
  }
});

commands.set('apikey', async (args) => {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: { name: { type: 'string' }, source: { type: 'string' } },
  });
  const ctx = await openContext();
  try {
    if (positionals[0] === 'create') {
      if (!values.name || !values.source || !/^[a-z0-9_-]{1,40}$/.test(values.source))
        throw new Error('usage: vigie apikey create --name "Soliguide prod" --source soliguide');
      const key = `vg_${randomBytes(24).toString('base64url')}`;
      const hash = createHash('sha256').update(key).digest('hex');
      const { rows } = await ctx.pool.query(
        `INSERT INTO api_key (name, source, prefix, key_hash, created_by) VALUES ($1, $2, $3, $4, 'cli') RETURNING id`,
        [values.name, values.source, key.slice(0, 7), hash],
      );
      console.log(`API key ${rows[0].id} for source "${values.source}" (shown once, store it now):\n${key}`);
      return 0;
    }
    if (positionals[0] === 'list') {
      const { rows } = await ctx.pool.query(
        `SELECT id, name, source, prefix, created_at, revoked_at, last_used_at FROM api_key ORDER BY id`,
      );
      for (const r of rows)
        console.log(
          `${r.id}\t${r.prefix}…\t${r.source}\t${r.name}\t${r.revoked_at ? 'revoked' : 'active'}\tlast used ${r.last_used_at?.toISOString() ?? 'never'}`,
        );
      return 0;
    }
    if (positionals[0] === 'revoke' && /^\d+$/.test(positionals[1] ?? '')) {
      const { rowCount } = await ctx.pool.query(`UPDATE api_key SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`, [
        Number(positionals[1]),
      ]);
      console.log(rowCount ? `API key ${positionals[1]} revoked` : `no active API key ${positionals[1]}`);
      return rowCount ? 0 : 1;
    }
    throw new Error('usage: vigie apikey create --name N --source S | apikey list | apikey revoke <id>');
  } finally {
    await ctx.close();
  }
});

commands.set('user', async (args) => {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      email: { type: 'string' },
      role: { type: 'string' },
      territory: { type: 'string', multiple: true },
      password: { type: 'string' },
    },
  });
  const ctx = await openContext();
  try {
    if (positionals[0] === 'add') {
      if (!values.email || !values.role)
        throw new Error(
          'usage: vigie user add --email E --role admin|coordinator|copil|funder --territory department:95 [--territory …] [--password P]',
        );
      const password = values.password ?? process.env['VIGIE_USER_PASSWORD'] ?? null;
      try {
        const r = await createUser(ctx.pool, {
          email: values.email,
          role: values.role,
          territories: values.territory ?? [],
          password,
          createdBy: 'cli',
        });
        await audit(ctx.pool, {
          actor: 'cli',
          action: 'user.create',
          details: { id: r.user.id, email: r.user.email, role: r.user.role, territories: r.user.territories },
        });
        console.log(`user ${r.user.id} ${r.user.email} (${r.user.role}, ${r.user.territories.join(', ')}) created`);
        if (r.generated) console.log(`temporary password (shown once, to be changed at first sign-in):\n${r.password}`);
        return 0;
      } catch (e) {
        if (e instanceof UserInputError) throw new Error(e.message);
        throw e;
      }
    }
    if (positionals[0] === 'reset-password') {
      if (!values.email) throw new Error('usage: vigie user reset-password --email E');
      const r = await resetPassword(ctx.pool, { email: values.email }).catch((e) => {
        throw e instanceof UserInputError ? new Error(e.message) : e;
      });
      if (!r) throw new Error(`no user ${values.email}`);
      await audit(ctx.pool, { actor: 'cli', action: 'user.reset-password', details: { id: r.user.id, email: r.user.email } });
      console.log(`password of ${r.user.email} reset, lock cleared, sessions closed; temporary password (shown once):\n${r.password}`);
      return 0;
    }
    if (positionals[0] === 'list') {
      const { rows } = await ctx.pool.query(`SELECT id, email, role, territories, disabled, locked_until FROM app_user ORDER BY email`);
      for (const r of rows)
        console.log(
          `${r.id}\t${r.email}\t${r.role}\t${r.territories.join(',')}${r.disabled ? '\tdisabled' : ''}${r.locked_until > new Date() ? '\tlocked' : ''}`,
        );
      return 0;
    }
    throw new Error('usage: vigie user add --email E --role R --territory T [--territory …] | user reset-password --email E | user list');
  } finally {
    await ctx.close();
  }
});

commands.set('report', async (args) => {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      territory: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      format: { type: 'string' },
      lang: { type: 'string' },
      theme: { type: 'string' },
      category: { type: 'string' },
      sort: { type: 'string' },
      separator: { type: 'string' },
      output: { type: 'string', short: 'o' },
    },
  });
  const kind = positionals[0];
  const usage =
    'usage: vigie report <funder|copil|services-list> --territory department:95 [--from D] [--to D] [--format pdf|csv|xlsx] [--lang fr|en|es] -o file';
  if (!kind || !['funder', 'copil', 'services-list'].includes(kind) || !values.territory || !values.output) throw new Error(usage);
  const format = values.format ?? 'pdf';
  if (!['pdf', 'csv', 'xlsx'].includes(format)) throw new Error('--format must be pdf, csv or xlsx');
  if (kind !== 'services-list' && format !== 'pdf') throw new Error(`the ${kind} report is a PDF (--format pdf)`);
  const lang = values.lang ?? 'fr';
  if (!(kind === 'services-list' ? ['fr', 'en', 'es'] : ['fr', 'en']).includes(lang))
    throw new Error(kind === 'services-list' ? '--lang must be fr, en or es' : '--lang must be fr or en');
  if (values.sort && !['name', 'city', 'postal_code'].includes(values.sort)) throw new Error('--sort must be name, city or postal_code');
  if (values.separator && ![',', ';'].includes(values.separator)) throw new Error('--separator must be , or ;');
  const ctx = await openContext();
  const reports = reportsServiceFor(ctx.pool, ctx.config.clock);
  try {
    const t0 = Date.now();
    const file =
      kind === 'funder'
        ? await reports.funderPdf({ territory: values.territory, from: values.from, to: values.to, lang: lang as 'fr' | 'en' }, CLI_VIEWER)
        : kind === 'copil'
          ? await reports.copilPdf(
              { territory: values.territory, from: values.from, to: values.to, lang: lang as 'fr' | 'en', theme: values.theme },
              CLI_VIEWER,
            )
          : await reports.servicesListFile(
              {
                territory: values.territory,
                theme: values.theme,
                category: values.category,
                sort: values.sort as 'name' | 'city' | 'postal_code' | undefined,
                format: format as 'pdf' | 'csv' | 'xlsx',
                separator: values.separator as ',' | ';' | undefined,
                lang: lang as 'fr' | 'en' | 'es',
              },
              CLI_VIEWER,
            );
    writeFileSync(values.output, file.body);
    await reports.record({ actor: 'cli' }, `report.${kind}`, values.territory, {
      format,
      from: values.from ?? null,
      to: values.to ?? null,
      lang,
      bytes: file.body.length,
    });
    console.log(
      `${kind} report written to ${resolve(values.output)} (${(file.body.length / 1024).toFixed(1)} KiB, ${format}, ${Date.now() - t0} ms)`,
    );
    return 0;
  } catch (e) {
    // Nest HTTP errors (400/403/404/503) carry a clear message: print it as a CLI error.
    const r = (e as { getResponse?: () => unknown }).getResponse?.();
    if (r && typeof r === 'object' && 'message' in r) throw new Error(String((r as { message: unknown }).message));
    throw e;
  } finally {
    await reports.close();
    await ctx.close();
  }
});

export async function runCli(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    console.log(HELP);
    return name ? 0 : 2;
  }
  const cmd = commands.get(name);
  if (!cmd) {
    process.stderr.write(`vigie: unknown command "${name}"\n\n${HELP}\n`);
    return 2;
  }
  return cmd(rest);
}
