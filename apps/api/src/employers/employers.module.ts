import { Module } from '@nestjs/common';
import { EmployersController } from './employers.controller.js';

@Module({ controllers: [EmployersController] })
export class EmployersModule {}
