import {
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import {
  connectPostgres,
  EncryptingEventStore,
  ensurePersonalDataKeyTables,
  KurrentDbEventStore,
  loadMasterKey,
  migrateEventStore,
  PersonalDataKeys,
  PostgresEventStore,
  PostgresPersonalDataKeys,
  startEmbeddedPostgres,
  type EventStore,
  type PostgresConnection,
} from '@banenpool/event-store';
import { PERSONAL_DATA } from '@banenpool/domain';
import { placementProcess, PostgresStreamSnapshots, StreamSnapshots } from '@banenpool/application';
import { openReadModelDataSource, Projector } from '@banenpool/projector';
import { allProjections } from '@banenpool/read-models';
import { DataSource } from 'typeorm';
import { AppConfig, EVENT_STORE, IdempotencyRecord, POSTGRES_CONNECTION } from '@banenpool/platform';

export interface InfrastructureOptions {
  /** Whether this process applies the feed to the read models. */
  runProjector: boolean;
}

/** The adapter's store before EncryptingEventStore wraps it: only this module sees ciphertext. */
const STORED_EVENT_STORE = 'STORED_EVENT_STORE';

/** Starts the projector with the application and closes everything in reverse order at shutdown. */
@Injectable()
class InfrastructureLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Infrastructure');

  constructor(
    @Inject(POSTGRES_CONNECTION) private readonly connection: PostgresConnection,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly keys: PersonalDataKeys,
    private readonly dataSource: DataSource,
    private readonly projector: Projector,
    @Inject('INFRASTRUCTURE_OPTIONS') private readonly options: InfrastructureOptions,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.options.runProjector) return;
    this.projector.start();
    this.logger.log(`Projector running in this process: ${this.projector.projections.map((p) => p.name).join(', ')}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.projector.stop();
    await this.dataSource.destroy();
    await this.store.close();
    if (this.keys instanceof PostgresPersonalDataKeys) await this.keys.close();
    await this.connection.close();
  }
}

/** The process's storage: one PostgreSQL pool (server or embedded PGlite), the event store, the read models and the projector. */
@Global()
@Module({})
export class InfrastructureModule {
  static forRoot(config: AppConfig, options: InfrastructureOptions): DynamicModule {
    const logger = new Logger('Infrastructure');
    return {
      module: InfrastructureModule,
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: 'INFRASTRUCTURE_OPTIONS', useValue: options },
        {
          provide: POSTGRES_CONNECTION,
          useFactory: async (): Promise<PostgresConnection> => {
            const onConnectionError = (error: Error) => logger.warn({ err: error }, 'Database connection lost; the pool reconnects');
            const connection = config.DATABASE_URL
              ? connectPostgres({ url: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE, onConnectionError })
              : await startEmbeddedPostgres(config.DATA_DIR, onConnectionError);
            logger.log(config.DATABASE_URL ? 'PostgreSQL server (DATABASE_URL)' : `Embedded PGlite in ${config.DATA_DIR}`);
            return connection;
          },
        },
        {
          // The store as the adapter keeps it (personal fields encrypted); everyone else gets EVENT_STORE, which decrypts (ADR 0020).
          provide: STORED_EVENT_STORE,
          inject: [POSTGRES_CONNECTION],
          useFactory: async (connection: PostgresConnection): Promise<EventStore> => {
            if (config.EVENTSTORE_CONNECTION_STRING) {
              logger.log('Events in KurrentDB (EVENTSTORE_CONNECTION_STRING)');
              return new KurrentDbEventStore(config.EVENTSTORE_CONNECTION_STRING, { timeoutMs: config.EVENTSTORE_TIMEOUT_MS });
            }
            const applied = await migrateEventStore(connection.pool);
            if (applied.length > 0) logger.log(`Event store migrations applied: ${applied.join(', ')}`);
            return new PostgresEventStore(connection.pool);
          },
        },
        {
          // Data keys beside the events (migration 004), or in the read-model database when events live in KurrentDB.
          provide: PersonalDataKeys,
          inject: [POSTGRES_CONNECTION, STORED_EVENT_STORE],
          useFactory: async (connection: PostgresConnection): Promise<PersonalDataKeys> => {
            const embedded = !config.DATABASE_URL && !config.EVENTSTORE_CONNECTION_STRING;
            const masterKey = loadMasterKey({ ...config, embedded });
            if (config.EVENTSTORE_CONNECTION_STRING) await ensurePersonalDataKeyTables(connection.pool);
            const keys = new PostgresPersonalDataKeys(connection.pool, masterKey);
            // On a server other instances share the keys: each drops a shredded key the moment it is shredded.
            const onLost = (err: unknown) =>
              logger.warn({ err }, 'Lost the connection that follows shreds; keys are not cached until it is back');
            if (config.DATABASE_URL) keys.followShreds(config.DATABASE_URL, { onLost });
            return keys;
          },
        },
        {
          provide: EVENT_STORE,
          inject: [STORED_EVENT_STORE, PersonalDataKeys],
          useFactory: (stored: EventStore, keys: PostgresPersonalDataKeys): EventStore =>
            new EncryptingEventStore(stored, keys, PERSONAL_DATA),
        },
        {
          provide: DataSource,
          inject: [POSTGRES_CONNECTION],
          useFactory: (connection: PostgresConnection) =>
            openReadModelDataSource(connection, [...allProjections.flatMap((p) => p.entities), IdempotencyRecord]),
        },
        {
          // A cache of long streams' states beside the read models (ADR 0018): every store has that database.
          provide: StreamSnapshots,
          inject: [POSTGRES_CONNECTION],
          useFactory: (connection: PostgresConnection) => new PostgresStreamSnapshots(connection.pool),
        },
        {
          provide: Projector,
          inject: [EVENT_STORE, DataSource, POSTGRES_CONNECTION, StreamSnapshots],
          useFactory: (store: EventStore, dataSource: DataSource, connection: PostgresConnection, snapshots: StreamSnapshots) =>
            new Projector(store, dataSource, [...allProjections, placementProcess(store, undefined, snapshots)], {
              batchSize: config.PROJECTOR_BATCH_SIZE,
              reactionsUnderLock: connection.mode === 'postgres' && config.DATABASE_POOL_SIZE > 1,
              onError: (name, error) =>
                new Logger('Projector').error({ projection: name, err: error }, `Projection ${name} failed; retrying`),
            }),
        },
        InfrastructureLifecycle,
      ],
      exports: [AppConfig, POSTGRES_CONNECTION, EVENT_STORE, DataSource, StreamSnapshots, Projector, PersonalDataKeys],
    };
  }
}
