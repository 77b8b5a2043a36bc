import { Module } from '@nestjs/common';
import { BanenafspraakModule } from '../banenafspraak/banenafspraak.module.js';
import { BoardModule } from '../board/board.module.js';
import { CapacityGapsModule } from '../capacity-gaps/capacity-gaps.module.js';
import { ConflictsModule } from '../conflicts/conflicts.module.js';
import { EmployerViewsModule } from '../employer-views/employer-views.module.js';
import { ReleasedWorkersModule } from '../released-workers/released-workers.module.js';
import { UpcomingEndsModule } from '../upcoming-ends/upcoming-ends.module.js';
import { WorkerHoursModule } from '../worker-hours/worker-hours.module.js';

/** The read-model queries in one import (each module can also be imported on its own). */
export const READ_MODEL_QUERY_MODULES = [
  BoardModule,
  CapacityGapsModule,
  WorkerHoursModule,
  ReleasedWorkersModule,
  UpcomingEndsModule,
  EmployerViewsModule,
  BanenafspraakModule,
  ConflictsModule,
];

@Module({ imports: READ_MODEL_QUERY_MODULES })
export class ReadModelQueriesModule {}
