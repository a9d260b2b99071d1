import type { Pool } from 'pg';
import type { Clock } from '@vigie/calendar';
import type { DataSource } from 'typeorm';
import { TerritoryAccess } from '../auth/territory-access.js';
import { CoverageRepository } from '../coverage/coverage.repository.js';
import { DeploymentRepository } from '../deployment/deployment.repository.js';
import { DeploymentService } from '../deployment/deployment.service.js';
import { SearchesRepository } from '../searches/searches.repository.js';
import { SearchesService } from '../searches/searches.service.js';
import { TerritoriesRepository } from '../territories/territories.repository.js';
import { PdfRenderer } from './pdf.js';
import { ReportsService } from './reports.service.js';

/**
 * The same ReportsService (and the same services and repositories underneath) as the API, wired by hand
 * on a pg pool for the CLI. The repositories only use `DataSource.query(sql, params)`, which the pool
 * answers with the same rows.
 */
export function reportsServiceFor(pool: Pool, clock: Clock): ReportsService & { close(): Promise<void> } {
  const ds = { query: async (sql: string, params?: unknown[]) => (await pool.query(sql, params)).rows } as unknown as DataSource;
  const territories = new TerritoriesRepository(ds);
  const pdf = new PdfRenderer();
  const service = new ReportsService(
    new DeploymentService(new DeploymentRepository(ds), clock),
    new DeploymentRepository(ds),
    new SearchesService(new SearchesRepository(ds), territories, clock),
    new CoverageRepository(pool),
    territories,
    new TerritoryAccess(pool),
    pdf,
    pool,
    clock,
  );
  return Object.assign(service, { close: () => pdf.onModuleDestroy() });
}
