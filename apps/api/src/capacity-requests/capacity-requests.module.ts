import { Module } from '@nestjs/common';
import { CommandsModule } from '../commands/commands.module.js';
import { CapacityRequestsController } from './capacity-requests.controller.js';

@Module({ imports: [CommandsModule], controllers: [CapacityRequestsController] })
export class CapacityRequestsModule {}
