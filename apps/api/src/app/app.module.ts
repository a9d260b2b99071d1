import { type DynamicModule, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from './auth/auth.module.js';
import { AnswerCache, AnswerCacheInterceptor } from './common/answer-cache.js';
import { DataState } from './common/data-state.js';
import { dataSourceOptions } from './database/data-source.js';
import { pgPoolProvider, PG_POOL } from './database/pg-pool.js';
import { CoverageModule } from './coverage/coverage.module.js';
import { DeploymentModule } from './deployment/deployment.module.js';
import { DirectoryCoverageModule } from './directory-coverage/directory-coverage.module.js';
import { HealthController } from './health/health.controller.js';
import { VIGIE_RUNTIME, type VigieRuntime } from './runtime.js';
import { CalendarController } from './calendar/calendar.controller.js';
import { CLOCK } from './calendar/clock.js';
import { ImportsModule } from './imports/imports.module.js';
import { IngestModule } from './ingest/ingest.module.js';
import { SearchesModule } from './searches/searches.module.js';
import { ServicesModule } from './services/services.module.js';
import { TerritoriesModule } from './territories/territories.module.js';
import { ReportsModule } from './reports/reports.module.js';

@Module({})
export class AppModule {
  static forRoot(runtime: VigieRuntime): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        TypeOrmModule.forRoot(dataSourceOptions(runtime.database.url)),
        AuthModule,
        TerritoriesModule,
        SearchesModule,
        ImportsModule,
        IngestModule,
        CoverageModule,
        DeploymentModule,
        DirectoryCoverageModule,
        ServicesModule,
        ReportsModule,
      ],
      controllers: [HealthController, CalendarController],
      providers: [
        { provide: VIGIE_RUNTIME, useValue: runtime },
        { provide: CLOCK, useValue: runtime.config.clock },
        pgPoolProvider,
        DataState,
        AnswerCache,
        { provide: APP_INTERCEPTOR, useClass: AnswerCacheInterceptor },
      ],
      exports: [VIGIE_RUNTIME, CLOCK, PG_POOL, DataState, AnswerCache],
    };
  }
}
