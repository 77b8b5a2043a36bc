import { Logger, Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { InfrastructureModule, ObservabilityModule } from '@banenpool/infrastructure';
import { ApiKeyRing, apiKeyRingFor, AppConfig, AuthGuard, IdempotencyInterceptor, loggerParams } from '@banenpool/platform';
import { LoggerModule } from 'nestjs-pino';
import { AuditModule } from './audit/audit.module.js';
import { AllocationsModule } from './allocations/allocations.module.js';
import { CapacityRequestsModule } from './capacity-requests/capacity-requests.module.js';
import { CaosModule } from './caos/caos.module.js';
import { ReadYourWritesInterceptor } from './consistency/read-your-writes.interceptor.js';
import { EmployersModule } from './employers/employers.module.js';
import { ETagInterceptor } from './http/etag.interceptor.js';
import { PayRunsModule } from './pay-runs/pay-runs.module.js';
import { LksModule } from './lks/lks.module.js';
import { RateAgreementsModule } from './rate-agreements/rate-agreements.module.js';
import { InvoicesModule } from './invoices/invoices.module.js';
import { FinanceModule } from './finance/finance.module.js';
import { PlacementsModule } from './placements/placements.module.js';
import { ReadModelQueriesModule } from './read-model-queries/read-model-queries.module.js';
import { RulesModule } from './rules/rules.module.js';
import { StreamsModule } from './streams/streams.module.js';
import { TimesheetsModule } from './timesheets/timesheets.module.js';
import { UseCasesModule } from './use-cases/use-cases.module.js';
import { WorkersModule } from './workers/workers.module.js';

@Module({})
export class AppModule {
  /** Throws ConfigError for a key setting the service must not start with (demo keys off loopback, say), before anything opens. */
  static forRoot(config: AppConfig): DynamicModule {
    const keys = apiKeyRingFor(config, (message) => new Logger('Auth').error(message));
    return {
      module: AppModule,
      imports: [
        LoggerModule.forRoot(loggerParams(config.LOG_LEVEL)),
        CqrsModule.forRoot(),
        InfrastructureModule.forRoot(config, { runProjector: config.EMBEDDED_PROJECTOR }),
        ObservabilityModule,
        UseCasesModule,
        StreamsModule,
        CaosModule,
        EmployersModule,
        WorkersModule,
        CapacityRequestsModule,
        PlacementsModule,
        ReadModelQueriesModule,
        AllocationsModule,
        AuditModule,
        RulesModule,
        TimesheetsModule,
        PayRunsModule,
        LksModule,
        RateAgreementsModule,
        InvoicesModule,
        FinanceModule,
      ],
      providers: [
        { provide: ApiKeyRing, useValue: keys },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        { provide: APP_INTERCEPTOR, useClass: ReadYourWritesInterceptor },
        // Innermost: an answer replayed for an Idempotency-Key leaves as it was first given.
        { provide: APP_INTERCEPTOR, useClass: ETagInterceptor },
      ],
    };
  }
}
