import { Module } from '@nestjs/common';
import { CaosController } from './caos.controller.js';

@Module({ controllers: [CaosController] })
export class CaosModule {}
