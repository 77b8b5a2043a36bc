import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createScratchDatabase, type ScratchDatabase } from '@banenpool/testing';
import { startEmbeddedPostgres } from '../embedded/embedded-postgres.js';
import { connectPostgres, type PostgresConnection } from './connection.js';
import { migrateEventStore } from './migrations.js';
import { PostgresEventStore } from './postgres-event-store.js';
import { verifyEventChain } from './verify-chain.js';

interface Subject {
  connection: PostgresConnection;
  store: PostgresEventStore;
  close(): Promise<void>;
}

const batch = (count: number, label: string) =>
  Array.from({ length: count }, (_, i) => ({ type: 'Chained', data: { label, i }, metadata: { actor: 'operator:anna' } }));

/** Streams with single and batched appends under every kind of expected version. */
async function writeStreams(store: PostgresEventStore): Promise<string[]> {
  const streams = Array.from({ length: 5 }, (_, i) => `chain-${i}-${randomUUID()}`);
  for (const stream of streams) {
    await store.appendToStream(stream, batch(3, 'first'), { expectedVersion: 'no_stream' });
    await store.appendToStream(stream, batch(1, 'exact'), { expectedVersion: 2 });
    await store.appendToStream(stream, batch(2, 'exists'), { expectedVersion: 'stream_exists' });
    await store.appendToStream(stream, batch(1, 'any'), { expectedVersion: 'any' });
  }
  return streams;
}

function hashChainSuite(open: () => Promise<Subject>): void {
  let subject: Subject;
  let pool: PostgresConnection['pool'];
  beforeAll(async () => {
    subject = await open();
    pool = subject.connection.pool;
  });
  afterAll(() => subject?.close());

  it('every event carries sha256(predecessor hash || its content), and an untouched store has no break', async () => {
    const [stream] = await writeStreams(subject.store);
    const events = await subject.store.readStream(stream);
    expect(events).toHaveLength(7);
    const contents = await pool.query<{ content: Buffer }>(
      `SELECT es_event_content(stream_id, revision, event_id, event_type, schema_version, data, metadata, recorded_at) AS content
       FROM es_events WHERE stream_id = $1 ORDER BY revision`,
      [stream],
    );
    let previous = Buffer.alloc(0);
    contents.rows.forEach(({ content }, revision) => {
      const expected = createHash('sha256')
        .update(Buffer.concat([previous, content]))
        .digest();
      expect(events[revision].hash).toBe(expected.toString('hex'));
      previous = expected;
    });
    const verification = await verifyEventChain(pool);
    expect(verification.breaks).toEqual([]);
    expect(verification.firstBreak).toBeUndefined();
    expect(verification.events).toBeGreaterThanOrEqual(35);
  });

  it('hashes a batch as verify does, whatever JSON its events hold, onto the head a concurrent append left', async () => {
    // jsonb's text form reorders keys, respaces, re-escapes and rewrites numbers: the append must hash
    // that stored text, revision by revision, as es_verify_chain recomputes it.
    const tricky = [
      { 'b-key': 'Zoë ⚒ 😀 "quoted" \\ back\\slash\n\ttab', a: 1e21, long: 'x'.repeat(3_000), ž: -0.0000001 },
      { nested: { z: [1, 2.5, { '': null }], a: true }, list: [], empty: {} },
      'a bare string',
      1.5e-7,
      null,
    ];
    const stream = `chain-json-${randomUUID()}`;
    await subject.store.appendToStream(stream, batch(2, 'before'), { expectedVersion: 'no_stream' });
    const events = tricky.map((data, i) => ({ type: 'Chained.Tricky_' + i, data, metadata: { actor: 'ü', at: i }, schemaVersion: 1 + i }));
    await Promise.all([
      subject.store.appendToStream(stream, events, { expectedVersion: 'any' }),
      subject.store.appendToStream(stream, batch(3, 'racing'), { expectedVersion: 'any' }),
    ]);
    expect(await verifyEventChain(pool, { streamId: stream })).toEqual({ streams: 1, events: 10, firstBreak: undefined, breaks: [] });
  });

  it('finds an event whose data was edited in the table, and only that stream', async () => {
    const streams = await writeStreams(subject.store);
    await pool.query(`UPDATE es_events SET data = jsonb_set(data, '{label}', '"forged"') WHERE stream_id = $1 AND revision = 4`, [
      streams[2],
    ]);
    const verification = await verifyEventChain(pool);
    expect(verification.breaks).toHaveLength(1);
    expect(verification.firstBreak).toEqual({ streamId: streams[2], revision: 4, reason: expect.stringContaining('was changed') });
    await pool.query('DELETE FROM es_events WHERE stream_id = $1', [streams[2]]);
    await pool.query('DELETE FROM es_streams WHERE stream_id = $1', [streams[2]]);
  });

  it.each([
    ['the actor', `UPDATE es_events SET metadata = '{"actor":"operator:mallory"}' WHERE stream_id = $1 AND revision = 1`, 1, 'was changed'],
    [
      'the recorded time',
      `UPDATE es_events SET recorded_at = recorded_at - interval '1 day' WHERE stream_id = $1 AND revision = 0`,
      0,
      'was changed',
    ],
    ['a middle event removed', 'DELETE FROM es_events WHERE stream_id = $1 AND revision = 3', 4, 'was removed'],
    ['the last event removed', 'DELETE FROM es_events WHERE stream_id = $1 AND revision = 6', 6, 'at its end'],
  ])('finds %s', async (_, tamper, revision, reason) => {
    const [stream] = await writeStreams(subject.store);
    await pool.query(tamper, [stream]);
    const verification = await verifyEventChain(pool, { streamId: stream });
    expect(verification.breaks).toEqual([{ streamId: stream, revision, reason: expect.stringContaining(reason) }]);
    await pool.query('DELETE FROM es_events WHERE stream_id = $1', [stream]);
    await pool.query('DELETE FROM es_streams WHERE stream_id = $1', [stream]);
  });

  it('walks the store in pages of streams with the same result, reporting the earliest break first', async () => {
    const streams = await writeStreams(subject.store);
    await pool.query(`UPDATE es_events SET event_type = 'Forged' WHERE stream_id = $1 AND revision = 5`, [streams[4]]);
    await pool.query(`UPDATE es_events SET event_type = 'Forged' WHERE stream_id = $1 AND revision = 2`, [streams[1]]);
    const progress: number[] = [];
    const paged = await verifyEventChain(pool, { pageSize: 2, onProgress: (checked) => progress.push(checked) });
    const whole = await verifyEventChain(pool);
    expect(paged).toEqual(whole);
    expect(paged.breaks.map((b) => [b.streamId, b.revision])).toEqual([
      [streams[1], 2],
      [streams[4], 5],
    ]);
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.at(-1)).toBe(paged.events);
    for (const stream of [streams[1], streams[4]]) {
      await pool.query('DELETE FROM es_events WHERE stream_id = $1', [stream]);
      await pool.query('DELETE FROM es_streams WHERE stream_id = $1', [stream]);
    }
    expect((await verifyEventChain(pool)).breaks).toEqual([]);
  });

  it('keeps one unbroken chain when concurrent writers append to the same stream', async () => {
    const stream = `chain-concurrent-${randomUUID()}`;
    await Promise.all(
      Array.from({ length: 16 }, (_, i) => subject.store.appendToStream(stream, batch(1 + (i % 3), `w${i}`), { expectedVersion: 'any' })),
    );
    const verification = await verifyEventChain(pool, { streamId: stream });
    expect(verification).toEqual({ streams: 1, events: 31, firstBreak: undefined, breaks: [] });
  });

  it('walks no stream when asked for one that does not exist', async () => {
    expect(await verifyEventChain(pool, { streamId: `chain-missing-${randomUUID()}` })).toEqual({
      streams: 0,
      events: 0,
      firstBreak: undefined,
      breaks: [],
    });
  });
}

describe('hash chain (PostgreSQL server)', () => {
  hashChainSuite(async () => {
    const database = await createScratchDatabase();
    const connection = connectPostgres({ url: database.url, poolSize: 16 });
    await migrateEventStore(connection.pool);
    return { connection, store: new PostgresEventStore(connection.pool), close: () => connection.close().then(database.drop) };
  });
});

describe('hash chain (embedded PGlite)', () => {
  hashChainSuite(async () => {
    const connection = await startEmbeddedPostgres('memory://');
    await migrateEventStore(connection.pool);
    return { connection, store: new PostgresEventStore(connection.pool), close: () => connection.close() };
  });
});

describe('hash chain migration on a store written before it', () => {
  let database: ScratchDatabase;
  let connection: PostgresConnection;
  beforeAll(async () => {
    database = await createScratchDatabase();
    connection = connectPostgres({ url: database.url });
  });
  afterAll(() => connection.close().then(database.drop));

  it('chains the events already there, and new appends continue their chains', async () => {
    const first = new URL('../../../../eventstore/postgres/migrations/001_events.sql', import.meta.url);
    await connection.pool.query(readFileSync(first, 'utf8'));
    await connection.pool.query(
      "CREATE TABLE es_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now()); INSERT INTO es_migrations (name) VALUES ('001_events.sql')",
    );
    // The append as it was before migration 002: no hash.
    await connection.pool.query(`INSERT INTO es_streams VALUES ('old-1', 1), ('old-2', 0);
      INSERT INTO es_events (stream_id, revision, event_id, event_type, schema_version, data, metadata) VALUES
        ('old-1', 0, gen_random_uuid(), 'Old', 1, '{"a": 1}', '{}'), ('old-1', 1, gen_random_uuid(), 'Old', 1, '{"a": 2}', '{}'),
        ('old-2', 0, gen_random_uuid(), 'Old', 1, '{"b": [1, 2]}', '{}')`);

    expect(await migrateEventStore(connection.pool)).toEqual([
      '002_hash_chain.sql',
      '003_feed_digests.sql',
      '004_personal_data_keys.sql',
      '005_chain_hashes_in_one_call.sql',
    ]);
    const store = new PostgresEventStore(connection.pool);
    await store.appendToStream('old-1', batch(2, 'new'), { expectedVersion: 1 });

    expect(await verifyEventChain(connection.pool)).toEqual({ streams: 2, events: 5, firstBreak: undefined, breaks: [] });
    const hashes = (await store.readStream('old-1')).map((e) => e.hash);
    expect(new Set(hashes).size).toBe(4);
    expect(hashes.every((hash) => /^[0-9a-f]{64}$/.test(hash ?? ''))).toBe(true);
  });
});
