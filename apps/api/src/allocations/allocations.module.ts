import { Module } from '@nestjs/common';
import { AllocationRunsController } from './allocation-runs.controller.js';

@Module({ controllers: [AllocationRunsController] })
export class AllocationsModule {}
