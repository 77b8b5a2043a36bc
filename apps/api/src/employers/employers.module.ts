import { Module } from '@nestjs/common';
import { CommandsModule } from '../commands/commands.module.js';
import { EmployersController } from './employers.controller.js';

@Module({ imports: [CommandsModule], controllers: [EmployersController] })
export class EmployersModule {}
