import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { SearchBreakdown, SearchPeaks, SearchSeries } from '@vigie/contracts';
import { CurrentViewer, type Viewer } from '../common/viewer.js';
import { BreakdownQuery, PeaksQuery, SeriesQuery } from './searches.dto.js';
import { SearchesService } from './searches.service.js';

@ApiTags('searches')
@Controller('searches')
export class SearchesController {
  constructor(private readonly searches: SearchesService) {}

  @Get('series')
  @ApiOperation({ summary: 'Searches and zero-result searches per day/week/month, with the previous period and the previous year' })
  async series(@Query() q: SeriesQuery, @CurrentViewer() viewer: Viewer): Promise<SearchSeries> {
    return this.searches.series(await this.searches.filters(q), q.granularity ?? 'month', viewer);
  }

  @Get('breakdown')
  @ApiOperation({ summary: 'Top-N searches by category, theme, territory, user status, origin, language or results bucket, with shares' })
  async breakdown(@Query() q: BreakdownQuery, @CurrentViewer() viewer: Viewer): Promise<SearchBreakdown> {
    return this.searches.breakdown(await this.searches.filters(q), q.by ?? 'theme', q.limit ?? 20, viewer);
  }

  @Get('peaks')
  @ApiOperation({ summary: 'Months or weeks significantly above the trend (robust z-score on a rolling median)' })
  async peaks(@Query() q: PeaksQuery): Promise<SearchPeaks> {
    const f = await this.searches.filters({ ...q, from: q.from ?? new Date(Date.now() - 3 * 365 * 86_400_000).toISOString().slice(0, 10) });
    return this.searches.peaks(f, q.granularity ?? 'month');
  }
}
