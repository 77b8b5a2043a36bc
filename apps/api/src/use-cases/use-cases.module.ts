import { Module } from '@nestjs/common';
import { ReadModelsCatchUp, USE_CASE_EVENT_STORE, USE_CASE_PROVIDERS } from '@banenpool/application';
import { AppConfig, EVENT_STORE } from '@banenpool/platform';
import { Projector } from '@banenpool/projector';
import { WakeProjector } from './wake-projector.handler.js';

/** The use cases of libs/application as Nest providers, with their ports bound to this process's infrastructure. */
@Module({
  providers: [
    { provide: USE_CASE_EVENT_STORE, useExisting: EVENT_STORE },
    {
      provide: ReadModelsCatchUp,
      inject: [Projector, AppConfig],
      useFactory: (projector: Projector, config: AppConfig): ReadModelsCatchUp => ({
        waitFor: (position) => projector.waitFor(position, config.READ_YOUR_WRITES_MAX_WAIT_MS),
      }),
    },
    ...USE_CASE_PROVIDERS,
    WakeProjector,
  ],
})
export class UseCasesModule {}
