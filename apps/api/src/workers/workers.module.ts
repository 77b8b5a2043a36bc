import { Module } from '@nestjs/common';
import { WorkersController } from './workers.controller.js';
import { WorkerErasureController } from './worker-erasure.controller.js';
import { WorkerAccessLogController } from './worker-access-log.controller.js';

@Module({ controllers: [WorkersController, WorkerErasureController, WorkerAccessLogController] })
export class WorkersModule {}
