import { Module } from '@nestjs/common';
import { QueryModel } from '../common/query-model.js';
import { TerritoriesModule } from '../territories/territories.module.js';
import { ServicesController } from './services.controller.js';
import { ServicesRepository } from './services.repository.js';

@Module({ imports: [TerritoriesModule], controllers: [ServicesController], providers: [ServicesRepository, QueryModel] })
export class ServicesModule {}
