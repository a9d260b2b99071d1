import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { Pool } from 'pg';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { SearchBreakdown, SearchFilters, SearchPeaks, SearchSeries, UnmetDemand } from '@vigie/contracts';
import { ALL_ROLES, Audit, Roles } from '../auth/access.decorators.js';
import { PG_POOL } from '../database/pg-pool.js';
import { csvRow } from '../imports/imports.controller.js';
import { RAW_EVENT_COLUMNS, rawEvents } from './raw-events.js';
import { TerritoryAccess } from '../auth/territory-access.js';
import { CachedAnswer } from '../common/answer-cache.js';
import { CurrentViewer, type Viewer } from '../common/viewer.js';
import { BreakdownQuery, PeaksQuery, SeriesQuery, UnmetQuery } from './searches.dto.js';
import { SearchesService } from './searches.service.js';

@ApiTags('searches')
@Controller('searches')
@Roles(...ALL_ROLES)
export class SearchesController {
  constructor(
    private readonly searches: SearchesService,
    private readonly access: TerritoryAccess,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  /** Territory scoping: the requested territory (or the viewer's default) must be inside the viewer's territories. */
  private async scope(f: SearchFilters, viewer: Viewer): Promise<{ f: SearchFilters; exact: boolean }> {
    const s = await this.access.scope(viewer, f.level && f.code ? { level: f.level, code: f.code } : null);
    return { f: s.ref ? { ...f, level: s.ref.level, code: s.ref.code } : f, exact: s.coordinatorOfTerritory };
  }

  @Get('series')
  @CachedAnswer('rollups', 'geography', 'day')
  @ApiOperation({ summary: 'Searches and zero-result searches per day/week/month, with the previous period and the previous year' })
  async series(@Query() q: SeriesQuery, @CurrentViewer() viewer: Viewer): Promise<SearchSeries> {
    const { f, exact } = await this.scope(await this.searches.filters(q), viewer);
    return this.searches.series(f, q.granularity ?? 'month', viewer, exact);
  }

  @Get('breakdown')
  @CachedAnswer('rollups', 'geography', 'day')
  @ApiOperation({ summary: 'Top-N searches by category, theme, territory, user status, origin, language or results bucket, with shares' })
  async breakdown(@Query() q: BreakdownQuery, @CurrentViewer() viewer: Viewer): Promise<SearchBreakdown> {
    const { f, exact } = await this.scope(await this.searches.filters(q), viewer);
    return this.searches.breakdown(f, q.by ?? 'theme', q.limit ?? 20, viewer, exact);
  }

  @Get('unmet')
  @CachedAnswer('rollups', 'coverage', 'geography', 'day')
  @ApiOperation({
    summary: 'Unmet demand: territories × categories ranked by zero-result searches or searches per service reachable in the catchment',
  })
  async unmet(@Query() q: UnmetQuery, @CurrentViewer() viewer: Viewer): Promise<UnmetDemand> {
    const { f, exact } = await this.scope(await this.searches.filters(q), viewer);
    return this.searches.unmet(f, { rows: q.rows, sort: q.sort, limit: q.limit }, viewer, exact);
  }

  @Get('events.csv')
  @Roles('admin', 'coordinator')
  @Audit('searches.raw-export')
  @ApiOperation({
    summary:
      'Raw search events of your territory over a period, as CSV (admins and coordinators only; no free search text, no personal data)',
  })
  async events(@Query() q: SeriesQuery, @CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    const { f } = await this.scope(await this.searches.filters(q), viewer);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="vigie-recherches-${f.level ?? 'france'}-${f.code ?? 'FR'}-${f.from}_${f.to}.csv"`,
    );
    res.write('\uFEFF' + RAW_EVENT_COLUMNS.join(';') + '\r\n');
    for await (const row of rawEvents(this.pool, f)) {
      const line = csvRow(RAW_EVENT_COLUMNS.map((c) => (row[c] instanceof Date ? (row[c] as Date).toISOString() : row[c])));
      if (!res.write(line)) await new Promise((resolve) => res.once('drain', resolve));
    }
    res.end();
  }

  @Get('peaks')
  @CachedAnswer('rollups', 'geography', 'day')
  @ApiOperation({
    summary:
      'Whole months or weeks of the period significantly above the trend (robust z-score on a rolling median, up to three years of context)',
  })
  async peaks(@Query() q: PeaksQuery, @CurrentViewer() viewer: Viewer): Promise<SearchPeaks> {
    // The peaks of the period asked (default: the last 12 months, as every search view); the service looks up to
    // three years before it for the trend.
    const { f, exact } = await this.scope(await this.searches.filters(q), viewer);
    return this.searches.peaks(f, q.granularity ?? 'month', viewer, exact);
  }
}
