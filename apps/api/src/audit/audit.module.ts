import { Module } from '@nestjs/common';
import { AuditAccessInterceptor } from './audit-access.interceptor.js';
import { AuditController } from './audit.controller.js';
import { ComparisonJobs } from './comparison-jobs.service.js';

@Module({ controllers: [AuditController], providers: [ComparisonJobs, AuditAccessInterceptor] })
export class AuditModule {}
