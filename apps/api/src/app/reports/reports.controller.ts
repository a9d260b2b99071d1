import { Body, Controller, Get, HttpCode, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ALL_ROLES, Roles } from '../auth/access.decorators.js';
import type { AuthedRequest } from '../auth/access.guard.js';
import { CurrentViewer, type Viewer } from '../common/viewer.js';
import { CopilQuery, ExportRequestDto, ReportQuery, ServicesListQuery } from './reports.dto.js';
import { contentDisposition, type ReportFile, ReportsService, territoryString } from './reports.service.js';

@ApiTags('reports')
@Controller()
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  private send(res: Response, file: ReportFile): StreamableFile {
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('Content-Disposition', contentDisposition(file.fileName));
    res.setHeader('Cache-Control', 'no-store');
    return new StreamableFile(file.body);
  }

  private who(req: AuthedRequest) {
    return { userId: req.user?.id, actor: req.user?.email };
  }

  @Get('reports/funder')
  @Roles('admin', 'coordinator', 'copil', 'funder')
  @ApiProduces('application/pdf')
  @ApiOperation({
    summary:
      'Funder impact report (PDF): deployment KPIs against targets, searches and peaks, activities, coverage then vs now, methodology',
  })
  async funder(
    @Query() q: ReportQuery,
    @CurrentViewer() viewer: Viewer,
    @Req() req: AuthedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const file = await this.reports.funderPdf(q, viewer);
    await this.reports.record(this.who(req), 'report.funder', territoryString(q), {
      format: 'pdf',
      from: q.from ?? null,
      to: q.to ?? null,
      lang: q.lang ?? 'fr',
      bytes: file.body.length,
    });
    return this.send(res, file);
  }

  @Get('reports/copil')
  @Roles('admin', 'coordinator', 'copil')
  @ApiProduces('application/pdf')
  @ApiOperation({
    summary:
      'COPIL pack (PDF): gap map, priority zones with their explanation, settlement access, search trends and unmet demand, data freshness',
  })
  async copil(
    @Query() q: CopilQuery,
    @CurrentViewer() viewer: Viewer,
    @Req() req: AuthedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const file = await this.reports.copilPdf(q, viewer);
    await this.reports.record(this.who(req), 'report.copil', territoryString(q), {
      format: 'pdf',
      from: q.from ?? null,
      to: q.to ?? null,
      lang: q.lang ?? 'fr',
      theme: q.theme ?? 'food',
      bytes: file.body.length,
    });
    return this.send(res, file);
  }

  @Get('reports/services-list')
  @Roles(...ALL_ROLES)
  @ApiProduces('application/pdf', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOperation({
    summary:
      'Printable list of the ONLINE, public services of a territory for a theme or a category (PDF, CSV or XLSX), with hours, address, phone, publics and closures',
  })
  async servicesList(
    @Query() q: ServicesListQuery,
    @CurrentViewer() viewer: Viewer,
    @Req() req: AuthedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const file = await this.reports.servicesListFile(q, viewer);
    await this.reports.record(this.who(req), 'report.services-list', territoryString(q), {
      format: q.format ?? 'pdf',
      theme: q.theme ?? null,
      category: q.category ?? null,
      lang: q.lang ?? 'fr',
      bytes: file.body.length,
    });
    return this.send(res, file);
  }

  @Post('exports')
  @HttpCode(200)
  @Roles(...ALL_ROLES)
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOperation({
    summary:
      'A dashboard table as CSV (UTF-8 with BOM, formula injection neutralised) or XLSX, with the active filters printed above the rows',
  })
  async export(
    @Body() body: ExportRequestDto,
    @Req() req: AuthedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const file = await this.reports.exportFile(body);
    await this.reports.record(this.who(req), `export.${body.format}`, null, {
      title: body.title,
      rows: body.rows.length,
      columns: body.columns.length,
      filters: body.filters,
    });
    return this.send(res, file);
  }
}
