import { Module } from '@nestjs/common';
import { TerritoriesController } from './territories.controller.js';
import { TerritoriesRepository } from './territories.repository.js';

@Module({
  controllers: [TerritoriesController],
  providers: [TerritoriesRepository],
  exports: [TerritoriesRepository],
})
export class TerritoriesModule {}
