import { Module } from '@nestjs/common';
import { CapacityGapsController } from './capacity-gaps.controller.js';

@Module({ controllers: [CapacityGapsController] })
export class CapacityGapsModule {}
