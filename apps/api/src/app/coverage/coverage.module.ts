import { Module } from '@nestjs/common';
import { ImportsModule } from '../imports/imports.module.js';
import { TerritoriesModule } from '../territories/territories.module.js';
import { CoverageController } from './coverage.controller.js';
import { CoverageRepository } from './coverage.repository.js';
import { CoverageService } from './coverage.service.js';

@Module({
  imports: [ImportsModule, TerritoriesModule],
  controllers: [CoverageController],
  providers: [CoverageRepository, CoverageService],
  exports: [CoverageService, CoverageRepository],
})
export class CoverageModule {}
