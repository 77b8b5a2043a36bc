import { Module } from '@nestjs/common';
import { AuditAccessInterceptor } from './audit-access.interceptor.js';
import { AuditController } from './audit.controller.js';

@Module({ controllers: [AuditController], providers: [AuditAccessInterceptor] })
export class AuditModule {}
