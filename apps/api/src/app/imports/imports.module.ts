import { Module } from '@nestjs/common';
import { GeoResolverCache } from './geo-resolver.cache.js';
import { ImportsController } from './imports.controller.js';
import { ImportsRepository } from './imports.repository.js';
import { ImportsService } from './imports.service.js';

@Module({
  controllers: [ImportsController],
  providers: [ImportsService, ImportsRepository, GeoResolverCache],
  exports: [ImportsService, GeoResolverCache],
})
export class ImportsModule {}
