import {
  BadRequestException,
  Controller,
  Get,
  NotFoundException,
  Param,
  ParseIntPipe,
  Post,
  Query,
  Res,
  UploadedFiles,
  UseInterceptors,
} from '@nestjs/common';
import { FileFieldsInterceptor } from '@nestjs/platform-express';
import { ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import type { Response } from 'express';
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  IMPORT_KINDS,
  type ImportFormatInfo,
  type ImportKind,
  type ImportRun,
  type ImportRunPage,
  type ImportSummary,
} from '@vigie/contracts';
import { csvCellText, csvLine } from '@vigie/reports-domain';
import { formatTerritoryRef } from '@vigie/territory-domain';
import { CATEGORY_ERAS, type CategoryEra } from '@vigie/taxonomy';
import { Audit, Roles } from '../auth/access.decorators.js';
import { seesEverything, TerritoryAccess } from '../auth/territory-access.js';
import { CurrentViewer, type Viewer } from '../common/viewer.js';
import { FORMATS } from './formats.js';
import { territoryRowCheck } from '@vigie/ingest-domain';
import { ImportsRepository } from './imports.repository.js';
import { ImportsService } from './imports.service.js';

const UPLOAD_DIR = join(tmpdir(), 'vigie-uploads');
mkdirSync(UPLOAD_DIR, { recursive: true });
const toBool = ({ value }: { value: unknown }) =>
  value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value;
const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value);

class KindParam {
  @IsIn(IMPORT_KINDS as ImportKind[], { message: `kind must be one of ${IMPORT_KINDS.join(', ')}` })
  kind!: ImportKind;
}

class UploadQuery {
  @IsOptional()
  @IsIn(['soliguide', 'data-inclusion', 'csv', 'resorption-bidonvilles', 'geojson'], {
    message: 'format must be soliguide, data-inclusion, csv, resorption-bidonvilles or geojson',
  })
  format?: string;

  @IsOptional()
  @Matches(/^[a-z0-9_-]{1,40}$/, { message: 'source must be 1–40 characters among a-z 0-9 _ -' })
  source?: string;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'partial must be true or false' })
  partial?: boolean;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'dryRun must be true or false' })
  dryRun?: boolean;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'incremental must be true or false' })
  incremental?: boolean;

  /** Soliguide numeric category codes: the era of their table when the file does not tell it (see docs/FORMATS.md). */
  @IsOptional()
  @IsIn(CATEGORY_ERAS as CategoryEra[], { message: `categoryEra must be ${CATEGORY_ERAS.join(' or ')}` })
  categoryEra?: CategoryEra;
}

class ListQuery {
  @IsOptional()
  @IsIn(IMPORT_KINDS as ImportKind[])
  kind?: ImportKind;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  offset?: number;
}

interface UploadedFile {
  path: string;
  originalname: string;
  size: number;
}

/** One line of a French-Excel CSV (`;`, formulas neutralised, RFC 4180 quoting): the reports lib's rules. */
export function csvRow(cells: unknown[]): string {
  return (
    csvLine(
      cells.map((c) => csvCellText(c === undefined ? null : (c as string | number | boolean | null), undefined, ';')),
      ';',
    ) + '\r\n'
  );
}

/** Coordinators see the runs of their territories only (history, details, rejected rows); admins every run. */
const visibleRuns = (viewer: Viewer): string[] | null => (seesEverything(viewer) ? null : viewer.territories.map(formatTerritoryRef));

@ApiTags('imports')
@Controller('imports')
// Raw lists (rejected rows, source ids): admins and coordinators only, never copil or funders.
@Roles('admin', 'coordinator')
export class ImportsController {
  constructor(
    private readonly imports: ImportsService,
    private readonly repo: ImportsRepository,
    private readonly access: TerritoryAccess,
  ) {}

  @Get('formats')
  @ApiOperation({ summary: 'Accepted kinds and formats (columns in docs/FORMATS.md)' })
  formats(): ImportFormatInfo[] {
    return FORMATS.map((f) => ({ kind: f.kind, format: f.format, fullExport: f.fullExport }));
  }

  @Post(':kind')
  @Audit('import.upload')
  @ApiConsumes('multipart/form-data')
  @ApiOperation({
    summary:
      'Upload a file to import (field "file"; optional "companion": d·i structures or Soliguide tempInfos). Atomic unless partial=true.',
  })
  @UseInterceptors(
    FileFieldsInterceptor(
      [
        { name: 'file', maxCount: 1 },
        { name: 'companion', maxCount: 1 },
      ],
      { dest: UPLOAD_DIR, limits: { fileSize: Number(process.env['VIGIE_UPLOAD_LIMIT_MB'] ?? 512) * 1024 * 1024, files: 2, fields: 10 } },
    ),
  )
  async upload(
    @Param() p: KindParam,
    @Query() q: UploadQuery,
    @UploadedFiles() files: { file?: UploadedFile[]; companion?: UploadedFile[] } | undefined,
    @CurrentViewer() viewer: Viewer,
  ): Promise<ImportSummary> {
    const file = files?.file?.[0];
    const companion = files?.companion?.[0];
    try {
      if (!file) throw new BadRequestException('no file: send it as multipart/form-data in the field "file"');
      // Coordinators import for their territories only: rows elsewhere are rejected (row-level errors), and
      // their files never mark the source's services elsewhere as removed (never treated as full exports).
      const scoped = !seesEverything(viewer);
      const rowCheck = scoped
        ? territoryRowCheck(
            new Set((await this.access.visibleCodes(viewer, 'department')) ?? []),
            new Set(viewer.territories.filter((t) => t.level === 'region').map((t) => t.code)),
            viewer.territories.map(formatTerritoryRef).join(', ') || 'no territory',
          )
        : undefined;
      return await this.imports.import(
        p.kind,
        q.format,
        { path: file.path, companionPath: companion?.path ?? null },
        {
          source: q.source,
          partial: q.partial,
          dryRun: q.dryRun,
          fullExport: q.incremental || scoped ? false : undefined,
          rowCheck,
          categoryEra: q.categoryEra,
          fileName: file.originalname,
          createdBy: viewer.email ?? null,
        },
      );
    } finally {
      for (const f of [file, companion]) if (f) rmSync(f.path, { force: true });
    }
  }

  @Get()
  @ApiOperation({ summary: 'Import history, newest first' })
  list(@Query() q: ListQuery, @CurrentViewer() viewer: Viewer): Promise<ImportRunPage> {
    return this.repo.list(q.limit ?? 50, q.offset ?? 0, q.kind, visibleRuns(viewer));
  }

  @Get(':id')
  async get(@Param('id', ParseIntPipe) id: number, @CurrentViewer() viewer: Viewer): Promise<ImportRun> {
    const run = await this.repo.get(id, visibleRuns(viewer));
    if (!run) throw new NotFoundException(`import ${id} does not exist`);
    return run;
  }

  @Get(':id/errors.csv')
  @Audit('import.errors-download')
  @ApiOperation({ summary: 'Every rejected row of an import (line, field, reason), as CSV for Excel (UTF-8 BOM, ";")' })
  async errors(@Param('id', ParseIntPipe) id: number, @CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    const run = await this.repo.get(id, visibleRuns(viewer));
    if (!run) throw new NotFoundException(`import ${id} does not exist`);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="vigie-import-${id}-erreurs.csv"`);
    res.write('\uFEFFligne;champ;raison;identifiant source\r\n');
    for await (const e of this.repo.errors(id)) res.write(csvRow([e.line, e.field, e.reason, e.source_id]));
    res.end();
  }
}
