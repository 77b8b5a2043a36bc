import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { AppConfig, AuthGuard, IdempotencyInterceptor, InfrastructureModule, loggerParams, ObservabilityModule } from '@banenpool/platform';
import { LoggerModule } from 'nestjs-pino';
import { StreamsModule } from './streams/streams.module.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggerModule.forRoot(loggerParams(config.LOG_LEVEL)),
        CqrsModule.forRoot(),
        InfrastructureModule.forRoot(config, { runProjector: config.EMBEDDED_PROJECTOR }),
        ObservabilityModule,
        StreamsModule,
      ],
      providers: [
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
      ],
    };
  }
}
