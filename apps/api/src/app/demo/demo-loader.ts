import type { Pool } from 'pg';
import { type DemoCommune, type DemoOptions, generateDemo } from '@vigie/demo-generator';
import type { ParsedRow } from '@vigie/ingest-domain';
import { type ImportSummary, runImport } from '../imports/import-runner.js';
import type { KindSpec } from '../imports/kinds/kind.js';
import { activitiesKind, indicatorsKind, mutualAidKind, settlementsKind, targetsKind } from '../imports/kinds/other.kinds.js';
import { searchEventsKind } from '../imports/kinds/search-events.kind.js';
import { servicesKind } from '../imports/kinds/services.kind.js';
import { declareCoverage } from '../directory-coverage/directory-coverage.store.js';

async function* asRows<T>(items: Iterable<T>): AsyncGenerator<ParsedRow<T>> {
  let line = 0;
  for (const record of items) yield { ok: true, line: ++line, record };
}

/** The analysis units: Paris, Lyon and Marseille by arrondissement, not as a whole (issue 16). */
export async function loadCommunes(pool: Pool): Promise<DemoCommune[]> {
  const { rows } = await pool.query(
    `SELECT c.code, c.name, c.department_code AS "departmentCode", c.region_code AS "regionCode", c.epci_code AS "epciCode", c.population, c.lat, c.lon,
            p.postal_code AS "postalCode"
     FROM commune c
     LEFT JOIN (SELECT commune_code, min(postal_code) AS postal_code FROM postal_code WHERE country = 'FR' GROUP BY 1) p ON p.commune_code = c.code
     WHERE c.country = 'FR' AND NOT c.has_arrondissements ORDER BY c.code`,
  );
  return rows;
}

/**
 * Generates the deterministic demo on the real geography and loads it through the same import
 * pipeline as real files (so the demo exercises COPY, upserts and rollups, and shows in the history).
 */
export async function loadDemo(
  pool: Pool,
  /**
   * source (default 'demo'): tests give their own, so that loading one department never marks another
   * test's demo services removed (a full export only removes what its own source no longer lists).
   */
  options: DemoOptions & {
    source?: string;
    /**
     * Declare the demo's directory coverage (its departments from their first deployment activity; an existing
     * declaration is kept). Default: for the product demo only (source 'demo'), so that tests sharing a database do
     * not change each other's coverage.
     */
    declareCoverage?: boolean;
  },
  log: (m: string) => void = () => undefined,
): Promise<ImportSummary[]> {
  const communes = await loadCommunes(pool);
  const t0 = Date.now();
  const data = generateDemo(communes, options);
  log(
    `demo generated in ${Date.now() - t0} ms: ${data.services.length} services, ${data.searchCount} searches, ${data.settlements.length} settlements`,
  );
  const source = options.source ?? 'demo';
  const own = <T extends { source: string }>(items: T[]): T[] => (source === 'demo' ? items : items.map((r) => ({ ...r, source })));
  const common = { source, format: 'demo', fileName: `demo-${options.scale}-seed${options.seed}`, createdBy: 'vigie demo' };
  const steps: [KindSpec<never>, Iterable<unknown>, boolean][] = [
    [servicesKind as KindSpec<never>, own(data.services), true],
    [settlementsKind as KindSpec<never>, own(data.settlements), true],
    [mutualAidKind as KindSpec<never>, own(data.mutualAid), false],
    [indicatorsKind as KindSpec<never>, data.indicators, false],
    [activitiesKind(source) as KindSpec<never>, data.activities, false],
    [targetsKind as KindSpec<never>, data.targets, false],
    [searchEventsKind(source) as KindSpec<never>, data.searches(), false],
  ];
  const out: ImportSummary[] = [];
  for (const [spec, items, fullExport] of steps) {
    const s = await runImport(pool, spec, asRows(items as Iterable<never>), { ...common, fullExport, chunkSize: 100_000 });
    if (s.status !== 'succeeded') throw new Error(`demo ${spec.kind}: ${s.message}`);
    log(`demo ${spec.kind}: ${s.inserted} inserted, ${s.updated} updated, ${s.unchanged} unchanged in ${s.durationMs} ms`);
    out.push(s);
  }
  if (options.declareCoverage ?? source === 'demo') {
    const { rows } = await pool.query(`SELECT department_code FROM directory_coverage WHERE country = 'FR'`);
    const declared = new Set(rows.map((r) => r.department_code as string));
    const todo = data.coverage.filter((c) => !declared.has(c.departmentCode));
    for (const c of todo) await declareCoverage(pool, c.departmentCode, c.from, 'vigie demo', 'démo');
    log(`demo directory coverage: ${todo.map((c) => `${c.departmentCode} from ${c.from}`).join(', ') || 'already declared'}`);
  }
  return out;
}

/** True when the database holds no service and no search yet (first start). */
export async function isEmpty(pool: Pool): Promise<boolean> {
  const { rows } = await pool.query(`SELECT NOT EXISTS (SELECT 1 FROM service) AND NOT EXISTS (SELECT 1 FROM search_event) AS empty`);
  return rows[0].empty;
}
