import { Module } from '@nestjs/common';
import { WorkersController } from './workers.controller.js';
import { WorkerAccessLogController } from './worker-access-log.controller.js';
import { WorkerExportController } from './worker-export.controller.js';
import { WorkerErasureController } from './worker-erasure.controller.js';

@Module({ controllers: [WorkersController, WorkerExportController, WorkerErasureController, WorkerAccessLogController] })
export class WorkersModule {}
