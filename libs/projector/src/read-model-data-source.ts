import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { PostgresConnection } from '@banenpool/event-store';
import type pg from 'pg';
import { DataSource } from 'typeorm';
import type { EntityClass } from './projection.js';
import { ProjectionCheckpoint } from './projection-checkpoint.entity.js';

/** Its package.json is not exported, so it is read beside its entry point. */
const TYPEORM_VERSION = (
  JSON.parse(readFileSync(join(dirname(createRequire(import.meta.url).resolve('typeorm')), 'package.json'), 'utf8')) as { version: string }
).version;

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
  if (connection.mode === 'embedded') return synchronizeIfChanged(dataSource);
  const lock = await connection.pool.connect();
  try {
    await lock.query("SELECT pg_advisory_lock(hashtext('banenpool.read-model-schema'))");
    await synchronizeIfChanged(dataSource);
  } finally {
    await lock.query("SELECT pg_advisory_unlock(hashtext('banenpool.read-model-schema'))").finally(() => lock.release());
  }
}

/**
 * TypeORM's synchronize reads the whole catalogue to find what changed, which on embedded PGlite
 * was about a third of a warm start. The entities' schema is fingerprinted instead, and
 * synchronize runs only when the fingerprint differs from the one last synchronized here (a
 * process with other entities, or another version, simply synchronizes again).
 */
async function synchronizeIfChanged(dataSource: DataSource): Promise<void> {
  const fingerprint = schemaFingerprint(dataSource);
  await dataSource.query('CREATE TABLE IF NOT EXISTS rm_schema_fingerprint (id int PRIMARY KEY, fingerprint text NOT NULL)');
  const rows: { fingerprint: string }[] = await dataSource.query('SELECT fingerprint FROM rm_schema_fingerprint WHERE id = 1');
  if (rows[0]?.fingerprint === fingerprint) return;
  await dataSource.synchronize();
  await dataSource.query(
    'INSERT INTO rm_schema_fingerprint (id, fingerprint) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET fingerprint = EXCLUDED.fingerprint',
    [fingerprint],
  );
}

/** Everything of the entities that synchronize turns into DDL, and TypeORM's version (its DDL may change with it). */
export function schemaFingerprint(dataSource: DataSource): string {
  const tables = dataSource.entityMetadatas
    .map((entity) => ({
      table: entity.tablePath,
      columns: entity.columns.map((c) => [
        c.databaseName,
        typeof c.type === 'function' ? c.type.name : c.type,
        c.length,
        c.precision,
        c.scale,
        c.isNullable,
        c.isPrimary,
        c.isArray,
        c.isGenerated,
        c.generationStrategy,
        typeof c.default === 'function' ? String(c.default()) : c.default,
        c.enum,
      ]),
      indices: entity.indices.map((i) => [i.name, i.columns.map((c) => c.databaseName), i.isUnique, i.where]),
      uniques: entity.uniques.map((u) => [u.name, u.columns.map((c) => c.databaseName)]),
      checks: entity.checks.map((c) => [c.name, c.expression]),
      foreignKeys: entity.foreignKeys.map((f) => [f.name, f.columnNames, f.referencedTablePath, f.referencedColumnNames, f.onDelete]),
    }))
    .sort((a, b) => (a.table < b.table ? -1 : 1));
  return createHash('sha256')
    .update(JSON.stringify({ typeorm: TYPEORM_VERSION, tables }))
    .digest('hex');
}
