import { Module } from '@nestjs/common';
import { CommandsModule } from '../commands/commands.module.js';
import { PlacementFacts } from '../placements/placement-facts.service.js';
import { AllocationRunsController } from './allocation-runs.controller.js';
import { AllocationRuns } from './allocation-runs.service.js';

@Module({ imports: [CommandsModule], controllers: [AllocationRunsController], providers: [AllocationRuns, PlacementFacts] })
export class AllocationsModule {}
