import { Module } from '@nestjs/common';
import { InvoiceRunsController, InvoicesController } from './invoices.controller.js';

@Module({ controllers: [InvoiceRunsController, InvoicesController] })
export class InvoicesModule {}
