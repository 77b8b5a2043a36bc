import { randomUUID } from 'node:crypto';
import { createScratchDatabase, type ScratchDatabase } from '@banenpool/testing';
import { followAll } from '../feed-follower.js';
import { comparePositions, START } from '../global-position.js';
import type { RecordedEvent } from '../event-store.port.js';
import { eventStoreContract } from '../testing/event-store.contract.js';
import { connectPostgres, type PostgresConnection } from './connection.js';
import { migrateEventStore } from './migrations.js';
import { PostgresEventStore } from './postgres-event-store.js';

async function openStore(): Promise<{ database: ScratchDatabase; connection: PostgresConnection; store: PostgresEventStore }> {
  const database = await createScratchDatabase();
  const connection = connectPostgres({ url: database.url, poolSize: 20 });
  await migrateEventStore(connection.pool);
  return { database, connection, store: new PostgresEventStore(connection.pool) };
}

/**
 * Waits until the feed's visible head is the last committed event. The head stays behind every
 * transaction open on the server, other databases' too, so a test elsewhere can hold it back a while.
 */
async function visibleHeadReached(store: PostgresEventStore, waitMs = 150_000): Promise<void> {
  const committed = (await store.headPosition({ committed: true })) ?? START;
  const deadline = Date.now() + waitMs;
  while (comparePositions((await store.headPosition()) ?? START, committed) < 0) {
    if (Date.now() > deadline) throw new Error(`The feed's visible head did not reach the last commit in ${waitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('PostgresEventStore (PostgreSQL server)', () => {
  eventStoreContract(async () => {
    const { database, connection, store } = await openStore();
    return {
      store,
      cleanup: async () => {
        await connection.close();
        await database.drop();
      },
    };
  });
});

describe('PostgresEventStore global feed under concurrent transactions', () => {
  let database: ScratchDatabase;
  let connection: PostgresConnection;
  let store: PostgresEventStore;

  beforeAll(async () => ({ database, connection, store } = await openStore()));
  afterAll(async () => {
    await connection.close();
    await database.drop();
  });

  it("an append answers with its last event's position, also when its positions cross a power of ten", async () => {
    // The next positions are 9,995 … 10,004: sorted as text, '9999' would come after '10004'.
    await connection.pool.query(`SELECT setval(pg_get_serial_sequence('es_events', 'position'), 9994)`);
    const result = await store.appendToStream(
      'decimal-1',
      Array.from({ length: 10 }, () => ({ type: 'Counted', data: {} })),
      { expectedVersion: 'no_stream' },
    );
    const stored = await store.readStream('decimal-1');
    expect(stored.map((e) => e.position.prepare)).toEqual(Array.from({ length: 10 }, (_, i) => 9_995n + BigInt(i)));
    expect(result.position).toEqual(stored[9].position);
    expect(result.nextExpectedVersion).toBe(9);
  });

  it('a reader never skips an append that took an earlier position but commits later', async () => {
    const from = (await store.headPosition()) ?? START;
    const held = await connection.pool.connect();
    try {
      await held.query('BEGIN');
      // The first append takes its position (and transaction id) and stays uncommitted.
      await new PostgresEventStore(held).appendToStream('late-1', [{ type: 'Late', data: {} }], { expectedVersion: 'no_stream' });
      // A second append takes a later position and commits at once.
      await store.appendToStream('early-1', [{ type: 'Early', data: {} }], { expectedVersion: 'no_stream' });

      // The follower must not see the committed later event yet: advancing past it would skip the first.
      expect(await store.readAll({ after: from, limit: 100 })).toEqual([]);

      await held.query('COMMIT');
    } finally {
      held.release();
    }
    await visibleHeadReached(store);
    const seen = await store.readAll({ after: from, limit: 100 });
    expect(seen.map((e) => e.streamId)).toEqual(['late-1', 'early-1']);
    // Reading on from the last checkpoint yields nothing again: each event exactly once.
    expect(await store.readAll({ after: seen[1].position, limit: 100 })).toEqual([]);
  }, 200_000);

  it('8 concurrent writers while a follower reads: every event seen exactly once, in order', async () => {
    const from = (await store.headPosition()) ?? START;
    const writers = 8;
    const appendsPerWriter = 60;
    const written: string[] = [];

    const writing = Promise.all(
      Array.from({ length: writers }, async (_, writer) => {
        for (let i = 0; i < appendsPerWriter; i++) {
          const batch = Array.from({ length: 1 + (i % 3) }, () => ({ type: 'Written', data: { writer, i }, eventId: randomUUID() }));
          // Some writers share streams, so expected-version conflicts are part of the mix.
          const stream = `writer-${writer % 4}-${i % 5}`;
          await store.appendToStream(stream, batch, { expectedVersion: 'any' });
          written.push(...batch.map((e) => e.eventId));
        }
      }),
    );

    const controller = new AbortController();
    const seen: RecordedEvent[] = [];
    let writersDone = false;
    // Checked on both sides: the follower may have read the last append before the writers' promise settles.
    const stopWhenAllSeen = () => writersDone && seen.length >= written.length && controller.abort();
    void writing.then(() => {
      writersDone = true;
      stopWhenAllSeen();
    });
    for await (const batch of followAll(store, { after: from, batchSize: 50, idleWaitMs: 5, signal: controller.signal })) {
      seen.push(...batch);
      stopWhenAllSeen();
    }
    await writing;

    const ids = seen.map((e) => e.eventId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.slice().sort()).toEqual(written.slice().sort());
    for (let i = 1; i < seen.length; i++) expect(comparePositions(seen[i - 1].position, seen[i].position)).toBe(-1);
  });
});
