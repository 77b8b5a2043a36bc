import { Module } from '@nestjs/common';
import { WorkersController } from './workers.controller.js';
import { WorkerErasureController } from './worker-erasure.controller.js';

@Module({ controllers: [WorkersController, WorkerErasureController] })
export class WorkersModule {}
