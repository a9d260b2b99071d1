import { Module } from '@nestjs/common';
import { ImportsModule } from '../imports/imports.module.js';
import { ApiKeyGuard } from './api-key.guard.js';
import { IngestController } from './ingest.controller.js';
import { IngestService } from './ingest.service.js';
import { RollupVersionTicker } from './rollup-version.js';

@Module({
  imports: [ImportsModule],
  controllers: [IngestController],
  providers: [IngestService, ApiKeyGuard, RollupVersionTicker],
})
export class IngestModule {}
