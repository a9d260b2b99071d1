import { Body, Controller, Get, HttpCode, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { REPORT_ROLES } from '@vigie/contracts';
import { ALL_ROLES, Roles } from '../auth/access.decorators.js';
import type { AuthedRequest } from '../auth/access.guard.js';
import { CurrentViewer, type Viewer } from '../common/viewer.js';
import { CopilQuery, ExportRequestDto, ReportQuery, ServicesListQuery } from './reports.dto.js';
import { PdfLimiter, PdfLimitException } from './pdf-limit.js';
import { contentDisposition, type ReportFile, ReportsService, type TerritoryInput, territoryString } from './reports.service.js';

/** What a report route needs from the request: the viewer, who to audit, where to write the headers. */
interface Caller {
  viewer: Viewer;
  req: AuthedRequest;
  res: Response;
}

@ApiTags('reports')
@Controller()
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly limiter: PdfLimiter,
  ) {}

  private send(res: Response, file: ReportFile): StreamableFile {
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('Content-Disposition', contentDisposition(file.fileName));
    res.setHeader('Cache-Control', 'no-store');
    return new StreamableFile(file.body);
  }

  private who(req: AuthedRequest) {
    return { userId: req.user?.id, actor: req.user?.email };
  }

  /**
   * One path for every generated file: the PDF limit per user (#17; CSV/XLSX are not limited), the file, the audit
   * line (who, what, which territory, never the content), the headers.
   */
  private async file(
    c: Caller,
    action: string,
    q: TerritoryInput,
    pdf: boolean,
    make: () => Promise<ReportFile>,
    details: Record<string, unknown>,
  ): Promise<StreamableFile> {
    const territory = territoryString(q);
    let file: ReportFile;
    if (pdf) {
      const user = c.req.user?.id !== undefined ? `user:${c.req.user.id}` : `ip:${c.req.ip ?? '?'}`;
      try {
        file = await this.limiter.run(user, make);
      } catch (e) {
        if (e instanceof PdfLimitException) c.res.setHeader('Retry-After', String(e.retryAfter));
        throw e;
      }
    } else file = await make();
    await this.reports.record(this.who(c.req), action, territory, { ...details, bytes: file.body.length });
    return this.send(c.res, file);
  }

  private period(q: ReportQuery) {
    return { format: 'pdf', from: q.from ?? null, to: q.to ?? null, lang: q.lang ?? 'fr' };
  }

  @Get('reports/funder')
  @Roles(...REPORT_ROLES.funder)
  @ApiProduces('application/pdf')
  @ApiOperation({
    summary:
      'Funder impact report (PDF): deployment KPIs against targets, funding, searches and peaks, activities, coverage then vs now, directory coverage caveat, methodology',
  })
  funder(
    @Query() q: ReportQuery,
    @CurrentViewer() viewer: Viewer,
    @Req() req: AuthedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    return this.file({ viewer, req, res }, 'report.funder', q, true, () => this.reports.funderPdf(q, viewer), this.period(q));
  }

  @Get('reports/copil')
  @Roles(...REPORT_ROLES.copil)
  @ApiProduces('application/pdf')
  @ApiOperation({
    summary:
      'COPIL pack (PDF, A4 landscape) for one theme: key figures, territory gap map, priority zones with their explanation, settlement access (distance classes), search trends and unmet demand, data freshness',
  })
  copil(
    @Query() q: CopilQuery,
    @CurrentViewer() viewer: Viewer,
    @Req() req: AuthedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    return this.file({ viewer, req, res }, 'report.copil', q, true, () => this.reports.copilPdf(q, viewer), {
      ...this.period(q),
      theme: q.theme ?? 'food',
    });
  }

  @Get('reports/services-list')
  @Roles(...REPORT_ROLES['services-list'])
  @ApiProduces('application/pdf', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOperation({
    summary:
      'Printable list of the ONLINE, public services of a territory for a theme or a category (PDF, CSV or XLSX), with hours, address, phone, publics and closures',
  })
  servicesList(
    @Query() q: ServicesListQuery,
    @CurrentViewer() viewer: Viewer,
    @Req() req: AuthedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const format = q.format ?? 'pdf';
    return this.file({ viewer, req, res }, 'report.services-list', q, format === 'pdf', () => this.reports.servicesListFile(q, viewer), {
      format,
      theme: q.theme ?? null,
      category: q.category ?? null,
      lang: q.lang ?? 'fr',
    });
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
