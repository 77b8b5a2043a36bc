import { Module, type DynamicModule } from '@nestjs/common';
import { InfrastructureModule, ObservabilityModule } from '@banenpool/infrastructure';
import { AppConfig, loggerParams } from '@banenpool/platform';
import { LoggerModule } from 'nestjs-pino';

/** The projection worker: the projector plus /health and /metrics, no API. */
@Module({})
export class ProjectorModule {
  static forRoot(config: AppConfig, runProjector = true): DynamicModule {
    return {
      module: ProjectorModule,
      imports: [
        LoggerModule.forRoot(loggerParams(config.LOG_LEVEL)),
        InfrastructureModule.forRoot(config, { runProjector }),
        ObservabilityModule,
      ],
    };
  }
}
