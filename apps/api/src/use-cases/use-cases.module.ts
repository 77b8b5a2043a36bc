import { Module } from '@nestjs/common';
import {
  ErasedSpaceReclaim,
  HashChains,
  ReadModelRebuild,
  ReadModelsCatchUp,
  USE_CASE_EVENT_STORE,
  USE_CASE_PROVIDERS,
} from '@banenpool/application';
import { decryptingStoreOf, reclaimErasedSpace, verifyChainEpochs, type EventStore, type PostgresConnection } from '@banenpool/event-store';
import { AppConfig, EVENT_STORE, POSTGRES_CONNECTION } from '@banenpool/platform';
import { Projector } from '@banenpool/projector';
import { DataSource } from 'typeorm';
import { RuleTableSeeding } from '../rules/rule-table-seeding.js';
import { readModelRebuild } from './read-model-rebuild.js';
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
    {
      provide: HashChains,
      inject: [POSTGRES_CONNECTION, AppConfig, EVENT_STORE],
      // With KurrentDB the events are not in PostgreSQL, whatever that connection holds.
      useFactory: (connection: PostgresConnection, config: AppConfig, store: EventStore): HashChains => ({
        pool: config.EVENTSTORE_CONNECTION_STRING ? null : connection.pool,
        verifyEarlierChains: () => verifyChainEpochs(connection.pool, decryptingStoreOf(store)),
      }),
    },
    {
      provide: ErasedSpaceReclaim,
      inject: [POSTGRES_CONNECTION],
      useFactory: (connection: PostgresConnection): ErasedSpaceReclaim => ({ reclaim: (tables) => reclaimErasedSpace(connection, tables) }),
    },
    { provide: ReadModelRebuild, inject: [EVENT_STORE, DataSource], useFactory: readModelRebuild },
    ...USE_CASE_PROVIDERS,
    WakeProjector,
    RuleTableSeeding,
  ],
})
export class UseCasesModule {}
