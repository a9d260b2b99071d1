import { Module } from '@nestjs/common';
import { TerritoriesModule } from '../territories/territories.module.js';
import { SearchesController } from './searches.controller.js';
import { SearchesRepository } from './searches.repository.js';
import { RetentionService } from './retention.service.js';
import { SearchesService } from './searches.service.js';

@Module({
  imports: [TerritoriesModule],
  controllers: [SearchesController],
  providers: [SearchesRepository, SearchesService, RetentionService],
  exports: [SearchesRepository, SearchesService],
})
export class SearchesModule {}
