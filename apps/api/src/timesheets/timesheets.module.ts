import { Module } from '@nestjs/common';
import { TimesheetsController } from './timesheets.controller.js';

@Module({ controllers: [TimesheetsController] })
export class TimesheetsModule {}
