import { Module } from '@nestjs/common';
import { CoverageModule } from '../coverage/coverage.module.js';
import { DirectoryCoverageController } from './directory-coverage.controller.js';

@Module({
  imports: [CoverageModule],
  controllers: [DirectoryCoverageController],
})
export class DirectoryCoverageModule {}
