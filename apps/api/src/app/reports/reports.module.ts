import { Module } from '@nestjs/common';
import { CoverageModule } from '../coverage/coverage.module.js';
import { DeploymentModule } from '../deployment/deployment.module.js';
import { SearchesModule } from '../searches/searches.module.js';
import { TerritoriesModule } from '../territories/territories.module.js';
import { PdfLimiter } from './pdf-limit.js';
import { PdfRenderer } from './pdf.js';
import { ReportsController } from './reports.controller.js';
import { ReportsService } from './reports.service.js';

/** Funder report, COPIL pack, service lists (PDF/CSV/XLSX) and table exports, from the other modules' services. */
@Module({
  imports: [CoverageModule, DeploymentModule, SearchesModule, TerritoriesModule],
  controllers: [ReportsController],
  providers: [ReportsService, PdfRenderer, PdfLimiter],
  exports: [ReportsService],
})
export class ReportsModule {}
