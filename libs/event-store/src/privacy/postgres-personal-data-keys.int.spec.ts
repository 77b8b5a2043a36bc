import { randomBytes } from 'node:crypto';
import { startEmbeddedPostgres } from '../embedded/embedded-postgres.js';
import type { PostgresConnection } from '../postgres/connection.js';
import { ensurePersonalDataKeyTables, PostgresPersonalDataKeys } from './postgres-personal-data-keys.js';

// The data keys beside KurrentDB live in the read-model database, where the event store's
// migrations never run: ensurePersonalDataKeyTables must give it the tables the keys use.
describe('ensurePersonalDataKeyTables', () => {
  let connection: PostgresConnection;

  beforeAll(async () => {
    connection = await startEmbeddedPostgres('memory://');
  });

  afterAll(() => connection.close());

  it('makes the key tables in a database without the event store, again at every start without harm', async () => {
    await ensurePersonalDataKeyTables(connection.pool);
    await ensurePersonalDataKeyTables(connection.pool);
    const keys = new PostgresPersonalDataKeys(connection.pool, randomBytes(32));
    const written = await keys.keysForWriting(['w-1', 'w-2']);
    await keys.shred('w-2');
    expect([written.size, await keys.isShredded('w-1'), await keys.isShredded('w-2')]).toEqual([2, false, true]);
    const { rows } = await connection.pool.query("SELECT 1 FROM information_schema.tables WHERE table_name = 'es_events'");
    expect(rows).toEqual([]); // the events' own tables stay where the events are
  });
});
