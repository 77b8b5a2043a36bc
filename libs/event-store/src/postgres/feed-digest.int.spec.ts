import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { createScratchDatabase } from '@banenpool/testing';
import { startEmbeddedPostgres } from '../embedded/embedded-postgres.js';
import { formatPosition, START } from '../global-position.js';
import { connectPostgres, type PostgresConnection } from './connection.js';
import { sealFeedDigest, verifyFeedDigests, type FeedDigest } from './feed-digest.js';
import { migrateEventStore } from './migrations.js';
import { PostgresEventStore } from './postgres-event-store.js';
import { verifyEventChain } from './verify-chain.js';

interface Subject {
  connection: PostgresConnection;
  store: PostgresEventStore;
  close(): Promise<void>;
}

const batch = (count: number, label: string) =>
  Array.from({ length: count }, (_, i) => ({ type: 'Sealed', data: { label, i }, metadata: { actor: 'operator:anna' } }));

/** Three worker streams and two placement streams of 7 events each, in several appends. */
async function writeStreams(store: PostgresEventStore): Promise<{ workers: string[]; placements: string[] }> {
  const workers = Array.from({ length: 3 }, () => `worker-${randomUUID()}`);
  const placements = Array.from({ length: 2 }, () => `placement-${randomUUID()}`);
  for (const stream of [...workers, ...placements]) {
    await store.appendToStream(stream, batch(3, 'first'), { expectedVersion: 'no_stream' });
    await store.appendToStream(stream, batch(4, 'more'), { expectedVersion: 2 });
  }
  return { workers, placements };
}

/** How long a transaction elsewhere on the server may hold the feed's head back before a seal gives up. */
const HEAD_WAIT_MS = 150_000;

/** A test that seals, given the time a seal may wait for the feed's head on top of jest's default. */
const itSeals = (name: string, test: () => Promise<void>) => it(name, test, HEAD_WAIT_MS + 60_000);

function feedDigestSuite(open: () => Promise<Subject>): void {
  let subject: Subject;
  let pool: PostgresConnection['pool'];
  let workers: string[];
  let placements: string[];
  beforeAll(async () => {
    subject = await open();
    pool = subject.connection.pool;
    ({ workers, placements } = await writeStreams(subject.store));
  });
  afterAll(() => subject?.close());

  /**
   * Seals once the visible head of the feed has reached the last event committed. A digest covers
   * the events older than every transaction running on the server, other databases' too, so one
   * left open elsewhere (another test's) would otherwise keep this file's latest appends out of it.
   */
  async function sealAtHead(): Promise<FeedDigest> {
    const written = formatPosition((await subject.store.headPosition({ committed: true })) ?? START);
    const deadline = Date.now() + HEAD_WAIT_MS;
    while (formatPosition((await subject.store.headPosition()) ?? START) !== written) {
      if (Date.now() > deadline)
        throw new Error(`The feed's head did not reach ${written} in ${HEAD_WAIT_MS} ms: a transaction stays open`);
      await sleep(20);
    }
    return sealFeedDigest(pool);
  }

  /** Runs `work` on the store as it is now, and puts every event, stream row and digest back afterwards. */
  async function restoredAfter(work: () => Promise<void>): Promise<void> {
    await pool.query(`CREATE TABLE saved_events AS TABLE es_events; CREATE TABLE saved_streams AS TABLE es_streams;
      CREATE TABLE saved_digests AS TABLE es_digests`);
    try {
      await work();
    } finally {
      await pool.query(`TRUNCATE es_events, es_streams, es_digests;
        INSERT INTO es_events OVERRIDING SYSTEM VALUE TABLE saved_events; INSERT INTO es_streams TABLE saved_streams;
        INSERT INTO es_digests TABLE saved_digests;
        DROP TABLE saved_events, saved_streams, saved_digests`);
    }
  }

  itSeals('seals the heads of every stream at the committed head, chained onto the digest before', async () => {
    const first = await sealAtHead();
    const categories = { worker: { streams: 3, events: 21 }, placement: { streams: 2, events: 14 } };
    expect(first).toMatchObject({ sequence: 1, streams: 5, events: 35, previousHash: null, categories });
    expect(first.position).toBe(formatPosition((await subject.store.headPosition())!));
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
    const again = await sealAtHead();
    expect(again).toMatchObject({ sequence: 2, position: first.position, headsHash: first.headsHash, previousHash: first.hash });
    expect(again.hash).not.toBe(first.hash);
  });

  it('verifies an untouched store against its digests, also after appends that came later', async () => {
    await subject.store.appendToStream(workers[0], batch(2, 'later'), { expectedVersion: 6 });
    await subject.store.appendToStream(`worker-${randomUUID()}`, batch(1, 'later'), { expectedVersion: 'no_stream' });
    const verification = await verifyFeedDigests(pool);
    expect(verification).toEqual({ stored: 2, checked: [2], breaks: [] });
    expect((await verifyEventChain(pool)).breaks).toEqual([]);
  });

  itSeals('finds a tail truncation with a matching es_streams edit, which the chains alone do not', async () => {
    const digest = await sealAtHead();
    await restoredAfter(async () => {
      await pool.query('DELETE FROM es_events WHERE stream_id = $1 AND revision >= 5', [placements[1]]);
      await pool.query('UPDATE es_streams SET revision = 4 WHERE stream_id = $1', [placements[1]]);
      expect((await verifyEventChain(pool)).breaks).toEqual([]);
      const verification = await verifyFeedDigests(pool);
      expect(verification.breaks).toEqual([
        {
          sequence: digest.sequence,
          position: digest.position,
          reason: expect.stringMatching(
            new RegExp(`^events at or before position ${digest.position} differ from the sealed digest.*a stream or its tail`),
          ),
          categories: [{ category: 'placement', sealed: { streams: 2, events: 14 }, now: { streams: 2, events: 12 } }],
        },
      ]);
    });
  });

  itSeals('finds a whole stream deleted with its es_streams row', async () => {
    const digest = await sealAtHead();
    await restoredAfter(async () => {
      await pool.query('DELETE FROM es_events WHERE stream_id = $1', [workers[1]]);
      await pool.query('DELETE FROM es_streams WHERE stream_id = $1', [workers[1]]);
      expect((await verifyEventChain(pool)).breaks).toEqual([]);
      const { breaks } = await verifyFeedDigests(pool);
      expect(breaks).toHaveLength(1);
      expect(breaks[0]).toMatchObject({ sequence: digest.sequence, reason: expect.stringContaining('a stream or its tail was removed') });
      expect(breaks[0].categories).toEqual([{ category: 'worker', sealed: { streams: 4, events: 24 }, now: { streams: 3, events: 17 } }]);
    });
  });

  itSeals('finds a stream rewritten with its later hashes recomputed; an event edited in place is still found by the chain', async () => {
    const digest = await sealAtHead();
    await restoredAfter(async () => {
      await pool.query(`UPDATE es_events SET data = jsonb_set(data, '{label}', '"forged"') WHERE stream_id = $1 AND revision = 2`, [
        workers[2],
      ]);
      expect((await verifyFeedDigests(pool)).breaks).toEqual([]);
      expect((await verifyEventChain(pool)).firstBreak).toMatchObject({ streamId: workers[2], revision: 2 });
      await rehash(pool, workers[2]);
      expect((await verifyEventChain(pool)).breaks).toEqual([]);
      const { breaks } = await verifyFeedDigests(pool);
      const reason = expect.stringContaining('changed and its later hashes recomputed');
      expect(breaks).toEqual([expect.objectContaining({ sequence: digest.sequence, reason })]);
    });
  });

  itSeals('finds a stored digest removed or edited', async () => {
    await sealAtHead();
    const last = await sealAtHead();
    await restoredAfter(async () => {
      await pool.query('DELETE FROM es_digests WHERE sequence = $1', [last.sequence - 1]);
      expect((await verifyFeedDigests(pool)).breaks).toEqual([
        { sequence: last.sequence, position: last.position, reason: expect.stringContaining(`digest ${last.sequence - 1} was removed`) },
      ]);
    });
    await restoredAfter(async () => {
      await pool.query('UPDATE es_digests SET events = events - 7 WHERE sequence = $1', [last.sequence - 2]);
      expect((await verifyFeedDigests(pool)).breaks).toEqual([
        { sequence: last.sequence - 2, position: expect.any(String), reason: expect.stringContaining('was edited') },
      ]);
    });
    await restoredAfter(async () => {
      await pool.query('DELETE FROM es_digests WHERE sequence = $1', [last.sequence]);
      expect((await verifyFeedDigests(pool)).breaks).toEqual([]);
      expect((await verifyFeedDigests(pool, { exported: [last] })).breaks).toEqual([
        { sequence: last.sequence, position: last.position, reason: expect.stringContaining('no longer in es_digests') },
      ]);
    });
    await restoredAfter(async () => {
      await pool.query('DELETE FROM es_digests WHERE sequence >= $1', [last.sequence - 1]);
      await sealAtHead();
      await sealAtHead();
      expect((await verifyFeedDigests(pool)).breaks).toEqual([]);
      expect((await verifyFeedDigests(pool, { exported: [last] })).breaks).toEqual([
        { sequence: last.sequence, position: last.position, reason: expect.stringContaining('is not the exported one') },
      ]);
    });
  });

  itSeals('finds against an exported digest what was hidden by rewriting the stored digests', async () => {
    const exported = await sealAtHead();
    await restoredAfter(async () => {
      await pool.query('DELETE FROM es_events WHERE stream_id = $1', [placements[0]]);
      await pool.query('DELETE FROM es_streams WHERE stream_id = $1', [placements[0]]);
      await pool.query('DELETE FROM es_digests');
      await sealAtHead();
      expect((await verifyFeedDigests(pool)).breaks).toEqual([]);
      const { checked, breaks } = await verifyFeedDigests(pool, { exported: [exported] });
      expect(checked).toEqual([1, exported.sequence]);
      expect(breaks.map((b) => b.reason)).toEqual([
        expect.stringContaining('no longer in es_digests'),
        expect.stringContaining('a stream or its tail was removed'),
      ]);
    });
  });
}

/** What a forger with write access does: recomputes the stream's hashes after an edit, so its chain holds again. */
async function rehash(pool: PostgresConnection['pool'], stream: string): Promise<void> {
  await pool.query(
    `UPDATE es_events e SET hash = chained.hash FROM (
       SELECT revision, es_chain(NULL::bytea, es_event_content(stream_id, revision, event_id, event_type, schema_version, data, metadata, recorded_at))
         OVER (ORDER BY revision) AS hash
       FROM es_events WHERE stream_id = $1) chained
     WHERE e.stream_id = $1 AND e.revision = chained.revision`,
    [stream],
  );
}

describe('feed digests (PostgreSQL server)', () => {
  feedDigestSuite(async () => {
    const database = await createScratchDatabase();
    const connection = connectPostgres({ url: database.url });
    await migrateEventStore(connection.pool);
    return { connection, store: new PostgresEventStore(connection.pool), close: () => connection.close().then(database.drop) };
  });
});

describe('feed digests (embedded PGlite)', () => {
  feedDigestSuite(async () => {
    const connection = await startEmbeddedPostgres('memory://');
    await migrateEventStore(connection.pool);
    return { connection, store: new PostgresEventStore(connection.pool), close: () => connection.close() };
  });
});
