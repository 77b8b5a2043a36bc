import { Module } from '@nestjs/common';
import { CommandsModule } from '../commands/commands.module.js';
import { CaosController } from './caos.controller.js';

@Module({ imports: [CommandsModule], controllers: [CaosController] })
export class CaosModule {}
