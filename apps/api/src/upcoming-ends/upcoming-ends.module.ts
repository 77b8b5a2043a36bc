import { Module } from '@nestjs/common';
import { UpcomingEndsController } from './upcoming-ends.controller.js';

@Module({ controllers: [UpcomingEndsController] })
export class UpcomingEndsModule {}
