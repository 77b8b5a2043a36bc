import {
  connectPostgres,
  migrateEventStore,
  PostgresEventStore,
  startEmbeddedPostgres,
  type PostgresConnection,
} from '@banenpool/event-store';
import { createScratchDatabase } from './scratch-database.js';

export type StackKind = 'postgres' | 'pglite';
export const STACK_KINDS: readonly StackKind[] = ['pglite', 'postgres'];

export interface TestStack {
  kind: StackKind;
  connection: PostgresConnection;
  store: PostgresEventStore;
  /** For PostgreSQL: the scratch database's URL, to open a second "process" on it. */
  url?: string;
  cleanup(): Promise<void>;
}

/** A migrated event store on a fresh PostgreSQL database or an in-memory PGlite. */
export async function openTestStack(kind: StackKind): Promise<TestStack> {
  if (kind === 'pglite') {
    const connection = await startEmbeddedPostgres('memory://');
    await migrateEventStore(connection.pool);
    return { kind, connection, store: new PostgresEventStore(connection.pool), cleanup: () => connection.close() };
  }
  const database = await createScratchDatabase();
  const connection = connectPostgres({ url: database.url });
  await migrateEventStore(connection.pool);
  return {
    kind,
    connection,
    store: new PostgresEventStore(connection.pool),
    url: database.url,
    async cleanup() {
      await connection.close();
      await database.drop();
    },
  };
}
