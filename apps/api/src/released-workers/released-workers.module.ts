import { Module } from '@nestjs/common';
import { ReleasedWorkersController } from './released-workers.controller.js';

@Module({ controllers: [ReleasedWorkersController] })
export class ReleasedWorkersModule {}
