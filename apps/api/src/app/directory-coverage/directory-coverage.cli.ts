import { parseArgs } from 'node:util';
import type { Pool } from 'pg';
import { isValidCode } from '@vigie/territory-domain';
import { declareCoverage, deploymentSuggestion, readDirectoryCoverage } from './directory-coverage.store.js';

export const COVERAGE_USAGE = `usage: vigie coverage list
       vigie coverage declare <department> --from YYYY-MM-DD [--note "…"]
       vigie coverage declare --from-deployment
       vigie coverage remove <department>`;

const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} %`);

/**
 * `vigie coverage …`: the directory coverage (docs/METRICS.md, "Directory coverage") from the command line. A change
 * is seen by the next recompute (`vigie metrics refresh`, or a running server's next one).
 */
export async function coverageCommand(
  args: string[],
  open: () => Promise<{ pool: Pool; today: string; close(): Promise<void> }>,
  out: (line: string) => void = (l) => console.log(l),
): Promise<number> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: { from: { type: 'string' }, note: { type: 'string' }, 'from-deployment': { type: 'boolean', default: false } },
  });
  const [action, raw] = positionals;
  if (!['list', 'declare', 'remove'].includes(action ?? '')) throw new Error(COVERAGE_USAGE);
  const code = raw?.toUpperCase();
  if (action !== 'list' && !values['from-deployment'] && (!code || !isValidCode('department', code)))
    throw new Error(`${raw ? `"${raw}" is not a department code; ` : ''}${COVERAGE_USAGE}`);
  if (action === 'declare' && !values['from-deployment'] && !values.from) throw new Error(COVERAGE_USAGE);
  const ctx = await open();
  try {
    if (action === 'declare' && values['from-deployment']) {
      const suggested = await deploymentSuggestion(ctx.pool);
      for (const s of suggested) await declareCoverage(ctx.pool, s.code, s.from, 'cli', 'from the deployment data');
      out(`${suggested.length} departments declared from the deployment data: ${suggested.map((s) => `${s.code} (${s.from})`).join(', ')}`);
    } else if (action === 'declare') {
      await declareCoverage(ctx.pool, code!, values.from!, 'cli', values.note ?? null);
      out(`department ${code} covered from ${values.from}`);
    } else if (action === 'remove') {
      out(
        (await declareCoverage(ctx.pool, code!, null, 'cli'))
          ? `department ${code}: declaration removed`
          : `department ${code} was not declared`,
      );
    }
    const c = await readDirectoryCoverage(ctx.pool, ctx.today, null);
    out(
      c.source === 'all'
        ? 'nothing declared: every territory counts as covered (vigie coverage declare 95 --from 2024-01-01)'
        : `directory coverage on ${c.referenceDay}: ${c.coveredDepartments} of ${c.totalDepartments} departments, ${pct(c.populationShare)} of the population`,
    );
    for (const d of c.departments)
      out(
        `  ${d.code.padEnd(4)}${d.name.padEnd(28)}${d.from ? `from ${d.from}` : 'not declared   '}${d.covered ? '' : ' (not yet)'}  ${d.services} services` +
          (d.flag === 'few_services' ? `  ⚠ fewer than ${c.thresholds.fewServices} services` : '') +
          (d.flag === 'undeclared_with_services' ? `  ⚠ ${c.thresholds.manyServices} services or more but not declared` : ''),
      );
    if (c.suggested.length) out(`deployment data names: ${c.suggested.map((s) => `${s.code} (${s.from})`).join(', ')} (--from-deployment)`);
    out('recompute the metrics to apply: vigie metrics refresh');
    return 0;
  } finally {
    await ctx.close();
  }
}
