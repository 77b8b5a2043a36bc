import { Module } from '@nestjs/common';
import { PayPeriodsController, PayRunsController } from './pay-runs.controller.js';

@Module({ controllers: [PayPeriodsController, PayRunsController] })
export class PayRunsModule {}
