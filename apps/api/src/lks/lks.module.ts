import { Module } from '@nestjs/common';
import { LksClaimsController, ReassessmentsDueController, WageValueDecisionsController } from './lks.controller.js';

@Module({ controllers: [WageValueDecisionsController, LksClaimsController, ReassessmentsDueController] })
export class LksModule {}
