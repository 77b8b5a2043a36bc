import { Module } from '@nestjs/common';
import { ConflictsController } from './conflicts.controller.js';

@Module({ controllers: [ConflictsController] })
export class ConflictsModule {}
