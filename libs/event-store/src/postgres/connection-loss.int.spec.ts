import { createServer } from 'node:net';
import { createScratchDatabase, type ScratchDatabase } from '@banenpool/testing';
import pg from 'pg';
import { EventStoreUnavailableError } from '../errors.js';
import { connectPostgres, type PostgresConnection } from './connection.js';
import { migrateEventStore } from './migrations.js';
import { PostgresEventStore } from './postgres-event-store.js';

const APPLICATION = 'banenpool-connection-loss';

/** A connection the server drops fails its query as "unavailable" and never the process. */
describe('PostgresEventStore and its pool when the server drops a connection', () => {
  let database: ScratchDatabase;
  let connection: PostgresConnection;
  let store: PostgresEventStore;
  /** The test's own session: holds locks and kills the pool's backends. */
  let session: pg.Client;
  const reported: Error[] = [];

  beforeAll(async () => {
    database = await createScratchDatabase();
    connection = connectPostgres({ url: database.url, applicationName: APPLICATION, onConnectionError: (error) => reported.push(error) });
    await migrateEventStore(connection.pool);
    store = new PostgresEventStore(connection.pool);
    session = new pg.Client({ connectionString: database.url });
    await session.connect();
  });
  afterAll(async () => {
    await session.end();
    await connection.close();
    await database.drop();
  });

  const killPool = () =>
    session.query('SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity WHERE application_name = $1', [APPLICATION]);

  async function until(condition: () => Promise<boolean> | boolean, what: string): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error(`${what} did not happen within 10 s`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it('raises EventStoreUnavailableError for an append whose connection is terminated mid-query, and appends again after', async () => {
    await store.appendToStream('worker-lost', [{ type: 'Registered', data: {} }], { expectedVersion: 'no_stream' });
    await session.query('BEGIN');
    try {
      await session.query(`SELECT 1 FROM es_streams WHERE stream_id = 'worker-lost' FOR UPDATE`);
      const append = store.appendToStream('worker-lost', [{ type: 'Lost', data: {} }], { expectedVersion: 0 });
      append.catch(() => undefined); // awaited below
      await until(async () => {
        await session.query('SELECT pg_stat_clear_snapshot()'); // inside a transaction the view is otherwise read once
        const { rows } = await session.query(`SELECT 1 FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'`, [
          APPLICATION,
        ]);
        return rows.length > 0;
      }, 'the append waiting for the row lock');
      await killPool();
      const error: unknown = await append.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(EventStoreUnavailableError);
      expect((error as Error).cause).toMatchObject({ code: '57P01' });
    } finally {
      await session.query('ROLLBACK');
    }
    await store.appendToStream('worker-lost', [{ type: 'Kept', data: {} }], { expectedVersion: 0 });
    expect((await store.readStream('worker-lost')).map((e) => e.type)).toEqual(['Registered', 'Kept']);
  });

  it('reports, and does not throw, the error of a client that is checked out when its server goes away', async () => {
    reported.length = 0;
    const held = await connection.pool.connect(); // its holder listens for nothing
    try {
      await killPool();
      await until(() => reported.length > 0, 'the report of the lost connection');
      expect(reported[0].message).toMatch(/terminating connection due to administrator command|Connection terminated/);
      await expect(held.query('SELECT 1')).rejects.toThrow();
    } finally {
      held.release(true);
    }
    expect((await connection.pool.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });

  it('raises EventStoreUnavailableError when no server listens, and the plain error for a statement the server refuses', async () => {
    const url = new URL(database.url);
    url.port = String(await closedPort());
    const nowhere = connectPostgres({ url: url.toString(), onConnectionError: () => undefined });
    try {
      await expect(new PostgresEventStore(nowhere.pool).headPosition()).rejects.toBeInstanceOf(EventStoreUnavailableError);
    } finally {
      await nowhere.close();
    }
    await session.query('DROP TABLE es_events CASCADE');
    await expect(store.readStream('worker-lost')).rejects.toMatchObject({ code: '42P01' });
  });
});

/** A port nothing listens on: bound for a moment by this process, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
