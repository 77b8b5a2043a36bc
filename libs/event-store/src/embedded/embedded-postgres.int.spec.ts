import { eventStoreContract } from '../testing/event-store.contract.js';
import { migrateEventStore } from '../postgres/migrations.js';
import { PostgresEventStore } from '../postgres/postgres-event-store.js';
import type { PostgresConnection } from '../postgres/connection.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';

describe('PostgresEventStore (embedded PGlite)', () => {
  eventStoreContract(async () => {
    const connection = await startEmbeddedPostgres('memory://');
    await migrateEventStore(connection.pool);
    return { store: new PostgresEventStore(connection.pool), cleanup: () => connection.close() };
  });
});

describe('embedded PGlite transactions', () => {
  let connection: PostgresConnection;
  beforeAll(async () => {
    connection = await startEmbeddedPostgres('memory://');
    await connection.pool.query('CREATE TABLE isolation_probe (id int PRIMARY KEY, writer text NOT NULL)');
  });
  afterAll(() => connection.close());

  it('carries messages of many socket chunks whole, in both directions', async () => {
    // 6 MB is about 100 reads of the socket: the statement must arrive intact and the answer too.
    const text = Array.from({ length: 200_000 }, (_, i) => `line ${i} "quoted" \\ back`).join('\n');
    const { rows } = await connection.pool.query<{ length: number; echoed: string }>(
      'SELECT length($1::text) AS length, $1::text AS echoed',
      [text],
    );
    expect(rows[0].length).toBe(text.length);
    expect(rows[0].echoed).toBe(text);
  });

  it('of several concurrent transactions, the one that fails leaves nothing behind', async () => {
    const write = async (writer: string, ids: number[], fail: boolean) => {
      const client = await connection.pool.connect();
      try {
        await client.query('BEGIN');
        for (const id of ids) {
          await client.query('INSERT INTO isolation_probe (id, writer) VALUES ($1, $2)', [id, writer]);
          await new Promise((resolve) => setImmediate(resolve)); // give the others a chance to interleave
        }
        if (fail) throw new Error(`${writer} fails after its inserts`);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    };
    const outcomes = await Promise.allSettled([
      write('a', [1, 2, 3], false),
      write('b', [10, 11, 12], true),
      write('c', [20, 21, 22], false),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const rows = await connection.pool.query<{ id: number; writer: string }>('SELECT id, writer FROM isolation_probe ORDER BY id');
    expect(rows.rows).toEqual([
      { id: 1, writer: 'a' },
      { id: 2, writer: 'a' },
      { id: 3, writer: 'a' },
      { id: 20, writer: 'c' },
      { id: 21, writer: 'c' },
      { id: 22, writer: 'c' },
    ]);
  });
});
