import { Module } from '@nestjs/common';
import { WorkerHoursController } from './worker-hours.controller.js';

@Module({ controllers: [WorkerHoursController] })
export class WorkerHoursModule {}
