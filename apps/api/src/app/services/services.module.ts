import { Module } from '@nestjs/common';
import { TerritoriesModule } from '../territories/territories.module.js';
import { ServicesController } from './services.controller.js';

@Module({ imports: [TerritoriesModule], controllers: [ServicesController] })
export class ServicesModule {}
