import { Module } from '@nestjs/common';
import { CommandsModule } from '../commands/commands.module.js';
import { PlacementFacts } from './placement-facts.service.js';
import { PlacementsController } from './placements.controller.js';

@Module({ imports: [CommandsModule], controllers: [PlacementsController], providers: [PlacementFacts] })
export class PlacementsModule {}
