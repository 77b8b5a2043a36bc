import { Module } from '@nestjs/common';
import { CommandsModule } from '../commands/commands.module.js';
import { WorkersController } from './workers.controller.js';

@Module({ imports: [CommandsModule], controllers: [WorkersController] })
export class WorkersModule {}
