import { Module } from '@nestjs/common';
import { CapacityRequestsController } from './capacity-requests.controller.js';

@Module({ controllers: [CapacityRequestsController] })
export class CapacityRequestsModule {}
