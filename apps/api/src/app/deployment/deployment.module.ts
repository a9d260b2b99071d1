import { Module } from '@nestjs/common';
import { DeploymentController } from './deployment.controller.js';
import { DeploymentRepository } from './deployment.repository.js';
import { DeploymentService } from './deployment.service.js';

@Module({
  controllers: [DeploymentController],
  providers: [DeploymentRepository, DeploymentService],
  exports: [DeploymentService, DeploymentRepository],
})
export class DeploymentModule {}
