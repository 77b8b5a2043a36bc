import { randomBytes } from 'node:crypto';
import { createScratchDatabase, type ScratchDatabase } from '@banenpool/testing';
import { startEmbeddedPostgres } from '../embedded/embedded-postgres.js';
import { connectPostgres, type PostgresConnection } from '../postgres/connection.js';
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

// Concurrent writers share one statement (CoalescedCalls): each must still get the key that is stored.
describe('keys for concurrent writers (PGlite)', () => {
  let connection: PostgresConnection;
  const masterKey = randomBytes(32);

  beforeAll(async () => {
    connection = await startEmbeddedPostgres('memory://');
    await ensurePersonalDataKeyTables(connection.pool);
  });

  afterAll(() => connection.close());

  it('gives every caller of a batch the stored key of its subjects: new, existing or shredded', async () => {
    const before = new PostgresPersonalDataKeys(connection.pool, masterKey);
    const existing = (await before.keysForWriting(['old'])).get('old');
    await before.keysForWriting(['gone']);
    await before.shred('gone');

    const keys = new PostgresPersonalDataKeys(connection.pool, masterKey);
    const answers = await Promise.all([['new-1'], ['old', 'new-2'], ['gone'], ['new-1', 'new-3']].map((ids) => keys.keysForWriting(ids)));
    expect(answers.map((answer) => [...answer.keys()])).toEqual([['new-1'], ['old', 'new-2'], ['gone'], ['new-1', 'new-3']]);
    expect(answers[1].get('old')).toEqual(existing);
    expect(answers[2].get('gone')).toEqual({ shredded: true });
    expect(answers[3].get('new-1')).toEqual(answers[0].get('new-1'));

    // What a process that never cached them reads is what the writers encrypted with.
    const reader = new PostgresPersonalDataKeys(connection.pool, masterKey);
    const stored = await reader.keysForReading(['new-1', 'new-2', 'new-3', 'old']);
    expect(['new-1', 'new-2', 'new-3', 'old'].map((id) => stored.get(id))).toEqual([
      answers[0].get('new-1'),
      answers[1].get('new-2'),
      answers[3].get('new-3'),
      existing,
    ]);
  });
});

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Waited 20 s for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

// Two processes sharing one server: the instance that erases shreds, the other still holds the key.
describe('shred notices between processes (PostgreSQL server)', () => {
  const masterKey = randomBytes(32);
  let database: ScratchDatabase;
  let [eraser, other]: PostgresConnection[] = [];
  let keys: PostgresPersonalDataKeys;
  let cached: PostgresPersonalDataKeys;

  beforeAll(async () => {
    database = await createScratchDatabase();
    [eraser, other] = [connectPostgres({ url: database.url }), connectPostgres({ url: database.url })];
    await ensurePersonalDataKeyTables(eraser.pool);
    keys = new PostgresPersonalDataKeys(eraser.pool, masterKey);
    // An hour: only the notice can make it drop a key in time.
    cached = new PostgresPersonalDataKeys(other.pool, masterKey, { cacheTtlMs: 3_600_000 });
    cached.followShreds(database.url, { retryMs: 50 });
    await until(() => cached.followsShreds, 'the listening connection');
  });

  afterAll(async () => {
    await cached.close();
    await Promise.all([eraser.close(), other.close()]);
    await database.drop();
  });

  it('drops a key another process shredded at once, and reads the subject as shredded', async () => {
    await keys.keysForWriting(['w-1', 'w-2']);
    expect([...(await cached.keysForReading(['w-1', 'w-2'])).values()].map((k) => 'key' in k)).toEqual([true, true]);
    expect(cached.cachedKeys).toBe(2);
    await keys.shred('w-1');
    await until(() => cached.cachedKeys === 1, 'the shred notice');
    expect((await cached.keysForReading(['w-1'])).get('w-1')).toEqual({ shredded: true });
  });

  it('caches no key while the listening connection is lost, and caches again once it is back', async () => {
    await keys.keysForWriting(['w-3']);
    await eraser.pool.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'",
    );
    await until(() => !cached.followsShreds, 'the loss to be seen');
    expect(cached.cachedKeys).toBe(0);
    await cached.keysForReading(['w-3']);
    expect(cached.followsShreds || cached.cachedKeys === 0).toBe(true);
    await until(() => cached.followsShreds, 'the listening connection again');
    await cached.keysForReading(['w-3']);
    expect(cached.cachedKeys).toBe(1);
    await keys.shred('w-3');
    await until(() => cached.cachedKeys === 0, 'the shred notice on the new connection');
  });
});
