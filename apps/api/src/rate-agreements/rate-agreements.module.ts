import { Module } from '@nestjs/common';
import { RateAgreementsController, RateWarningsController } from './rate-agreements.controller.js';

@Module({ controllers: [RateAgreementsController, RateWarningsController] })
export class RateAgreementsModule {}
