import { Module } from '@nestjs/common';
import { EmployerViewsController } from './employer-views.controller.js';

@Module({ controllers: [EmployerViewsController] })
export class EmployerViewsModule {}
