import type { PostgresConnection } from '@banenpool/event-store';
import type pg from 'pg';
import { DataSource } from 'typeorm';
import type { EntityClass } from './projection.js';
import { ProjectionCheckpoint } from './projection-checkpoint.entity.js';

/**
 * TypeORM on the process's one `pg` pool. In embedded mode that pool has a single connection to
 * PGlite; a second pool would be a second session multiplexed onto the same PGlite backend, which
 * is exactly the isolation hole we avoid. TypeORM accepts the driver module as an option, so it is
 * handed a `Pool` constructor that yields the shared pool (whose owner also ends it).
 */
export async function openReadModelDataSource(connection: PostgresConnection, entities: readonly EntityClass[]): Promise<DataSource> {
  const dataSource = new DataSource({
    type: 'postgres',
    driver: sharedPoolDriver(connection.pool),
    entities: [ProjectionCheckpoint, ...entities],
    synchronize: false,
  });
  await dataSource.initialize();
  await synchronizeOnce(connection, dataSource);
  return dataSource;
}

function sharedPoolDriver(pool: pg.Pool) {
  const shared = new Proxy(pool, {
    get(target, property, receiver) {
      if (property === 'end') return (callback?: (error?: Error) => void) => callback?.();
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return {
    Pool: function SharedPool() {
      return shared;
    },
  };
}

/**
 * Read models are derived data: their schema follows the entities (synchronize) and a changed
 * read model is rebuilt from the feed. Two processes starting together (api and projector) take
 * turns through an advisory lock, on the shared pool's own connection in embedded mode.
 */
async function synchronizeOnce(connection: PostgresConnection, dataSource: DataSource): Promise<void> {
  if (connection.mode === 'embedded') return dataSource.synchronize();
  const lock = await connection.pool.connect();
  try {
    await lock.query("SELECT pg_advisory_lock(hashtext('banenpool.read-model-schema'))");
    await dataSource.synchronize();
  } finally {
    await lock.query("SELECT pg_advisory_unlock(hashtext('banenpool.read-model-schema'))").finally(() => lock.release());
  }
}
