// Benchmark of the event store and projector against a raw `pg` baseline doing the same work in
// the same run, on a PostgreSQL scratch database and on in-memory PGlite.
//   npm run bench:store                      (full run)
//   BENCH_SCALE=0.1 npm run bench:store      (quick run)
//   BENCH_BACKENDS=pglite npm run bench:store
//   BENCH_ROUNDS=8 npm run bench:store      (more, shorter ABBA rounds: steadier ratios on a loaded machine)
// Figures go to stdout, progress lines to stderr.
import 'reflect-metadata'; // TypeORM entity decorators (read models) need it before they load
import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import {
  connectPostgres,
  migrateEventStore,
  PostgresEventStore,
  START,
  startEmbeddedPostgres,
  type ExpectedVersion,
  type GlobalPosition,
  type NewEvent,
  type PostgresConnection,
} from '@banenpool/event-store';
import { openReadModelDataSource, Projector } from '@banenpool/projector';
import { allProjections } from '@banenpool/read-models';
import { createScratchDatabase } from '@banenpool/testing';
import type { DataSource } from 'typeorm';

type Backend = 'postgres' | 'pglite';

const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const size = (name: string, full: number, min = 1) => Math.max(min, Math.round(Number(process.env[name] ?? full * SCALE)));
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 4)); // ABBA rounds per append measure
const SIZES = {
  batches: 2 * ROUNDS * Math.ceil(size('BENCH_BATCHES', 40) / (2 * ROUNDS)), // batched appends per side (whole batches per ABBA share)
  batchSize: Number(process.env.BENCH_BATCH_SIZE ?? 500), // not scaled: the batch shape is the point
  single: size('BENCH_SINGLE', 2_000, 16), // events per side with one writer
  concurrent: size('BENCH_CONCURRENT', 8_000, 32), // events per side with 16 writers
  seedStreams: size('BENCH_SEED_STREAMS', 7_000, 10), // realistic 5-10-event streams for feed + projection
};
const WRITERS = 16;
const PAGE = 1_000;
const EVENTS_PER_STREAM = 8; // single-event writers move to a new stream after this many, like real aggregates
const BACKENDS = (process.env.BENCH_BACKENDS ?? 'postgres,pglite').split(',').map((b) => b.trim()) as Backend[];

const started = process.hrtime.bigint();
const progress = (message: string) =>
  process.stderr.write(
    `[${seconds(process.hrtime.bigint() - started)
      .toFixed(1)
      .padStart(6)}s] ${message}\n`,
  );
const seconds = (ns: bigint) => Number(ns) / 1e9;

// ---- realistic events: ~200 bytes of JSON data, with who did it and in answer to what ----------

const TYPES = ['WorkerRegistered', 'AvailabilityDeclared', 'PlacementProposed', 'PlacementAccepted', 'ShiftWorked', 'HoursApproved'];
const CATEGORIES = ['worker', 'placement', 'pool', 'timesheet'];
const CITIES = ['Rotterdam', 'Utrecht', 'Zwolle', 'Eindhoven', 'Groningen'];

function makeEvent(i: number): NewEvent {
  return {
    type: TYPES[i % TYPES.length],
    eventId: randomUUID(),
    data: {
      workerId: randomUUID(),
      poolId: `pool-${i % 37}`,
      shift: { start: '2026-11-23T07:00:00+01:00', end: '2026-11-23T15:30:00+01:00' },
      location: CITIES[i % CITIES.length],
      hourlyRate: 14.4 + (i % 9) / 4,
      remark: 'Heftruckcertificaat aanwezig',
    },
    metadata: { actor: `user-${i % 250}`, correlationId: randomUUID() },
  };
}

let streamCounter = 0;
const newStreamId = (prefix = CATEGORIES[streamCounter % CATEGORIES.length]) => `${prefix}-${++streamCounter}-${randomUUID().slice(0, 8)}`;

// ---- raw baseline: plain `pg` on a table shaped like es_events -------------------------------------

// Same columns, types, defaults (pg_current_xact_id(), clock_timestamp()), identity (own
// sequence), primary key, unique event_id and feed index as es_events: LIKE ... INCLUDING ALL
// copies exactly those. What the raw side lacks is the store's es_streams claim, its RETURNING and
// the hash chain (each event's sha256 and the stream head's update): its hash column may stay empty.
const CREATE_RAW =
  'CREATE TABLE bench_raw_events (LIKE es_events INCLUDING ALL); ALTER TABLE bench_raw_events ALTER COLUMN hash DROP NOT NULL';

const RAW_BATCH = `INSERT INTO bench_raw_events (stream_id, revision, event_id, event_type, schema_version, data, metadata)
  SELECT $1, e.ord - 1, e.event_id, e.event_type, e.schema_version, e.data, e.metadata
  FROM unnest($2::uuid[], $3::text[], $4::int[], $5::jsonb[], $6::jsonb[]) WITH ORDINALITY AS e(event_id, event_type, schema_version, data, metadata, ord)`;

const RAW_ONE = `INSERT INTO bench_raw_events (stream_id, revision, event_id, event_type, schema_version, data, metadata)
  VALUES ($1, $2, $3, $4, $5, $6, $7)`;

// Keyset paging on (transaction_id, position): the only ordered index the es_events shape has.
// Paging by position alone would seq-scan and sort the table for every page, a baseline nobody
// would write. Unlike the store it has no snapshot-xmin filter, no ::text casts, no mapping.
const RAW_PAGE = `SELECT event_id, stream_id, revision, transaction_id, position, event_type, schema_version, data, metadata, recorded_at
  FROM bench_raw_events WHERE (transaction_id, position) > ($1::xid8, $2::bigint)
  ORDER BY transaction_id, position LIMIT ${PAGE}`;

const json = (events: readonly NewEvent[]) => [
  events.map((e) => e.eventId),
  events.map((e) => e.type),
  events.map((e) => e.schemaVersion ?? 1),
  events.map((e) => JSON.stringify(e.data)),
  events.map((e) => JSON.stringify(e.metadata ?? {})),
];

// ---- measuring ---------------------------------------------------------------------------------

interface Row {
  measure: string;
  store: number;
  raw: number;
  baselineNote?: string;
  goal?: { label: string; met: (store: number, raw: number) => boolean };
  /** One-minute load average when the measure ended: other work on the machine shifts both sides, not the ratio alone. */
  load: number;
}

/**
 * Times `store` and `raw` doing `total` events each, in `rounds` rounds of store, raw, raw, store
 * (ABBA), so a drift over the run (a checkpoint, a growing table, autovacuum, other work on the
 * machine) falls on both sides alike; more, shorter rounds follow a loaded machine's swings more
 * closely. Each call gets its own share and must write fresh streams. Returns events/s per side.
 *
 * One untimed share per side goes first: the first share after other work ran 2–3× slower than the
 * rest whichever side took it (batched appends on PostgreSQL, 2026-12-07: 150–220 µs an event against
 * 40–100 µs, both when the store went first and when raw did), and ABBA gives the first share to the
 * store, so the store alone paid for it (runs with the store first: 0.71–0.74 × raw; with the order
 * swapped: 1.08). So `store` and `raw` are each called 2 × rounds + 1 times.
 */
async function abba(label: string, total: number, store: (n: number) => Promise<void>, raw: (n: number) => Promise<void>, rounds = ROUNDS) {
  const share = Math.max(1, Math.floor(total / (2 * rounds)));
  progress(`  ${label}: warm-up, ${share} events per side`);
  await store(share);
  await raw(share);
  const time = async (side: string, work: (n: number) => Promise<void>) => {
    progress(`  ${label}: ${side} ${share} events`);
    const t0 = process.hrtime.bigint();
    await work(share);
    return process.hrtime.bigint() - t0;
  };
  let storeTime = 0n;
  let rawTime = 0n;
  for (let round = 0; round < rounds; round++) {
    storeTime += await time('store', store);
    rawTime += await time('raw', raw);
    rawTime += await time('raw', raw);
    storeTime += await time('store', store);
  }
  const events = 2 * rounds * share;
  return { store: events / seconds(storeTime), raw: events / seconds(rawTime) };
}

/** `writers` concurrent loops sharing `n` single-event appends; each writer owns its streams. */
async function writersLoop(n: number, writers: number, append: (stream: string, revision: number, event: NewEvent) => Promise<void>) {
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      const mine = Math.floor(n / writers) + (w < n % writers ? 1 : 0);
      let stream = '';
      for (let i = 0; i < mine; i++) {
        if (i % EVENTS_PER_STREAM === 0) stream = newStreamId();
        await append(stream, i % EVENTS_PER_STREAM, makeEvent(i));
      }
    }),
  );
}

async function runBackend(backend: Backend): Promise<Row[]> {
  progress(`${backend}: opening`);
  const database = backend === 'postgres' ? await createScratchDatabase() : undefined;
  // 16 concurrent writers need 16 connections; PGlite has exactly one by design.
  const connection: PostgresConnection = database
    ? connectPostgres({ url: database.url, poolSize: WRITERS })
    : await startEmbeddedPostgres('memory://');
  const { pool } = connection;
  const store = new PostgresEventStore(pool);
  const rows: Row[] = [];
  const record = (row: Omit<Row, 'load'>) => rows.push({ ...row, load: loadavg()[0] });
  let dataSource: DataSource | undefined;
  try {
    await migrateEventStore(pool);
    await pool.query(CREATE_RAW);
    dataSource = await openReadModelDataSource(
      connection,
      allProjections.flatMap((p) => p.entities),
    );
    // Store side of a single-event append: expectedVersion is what a command would pass, the
    // revision this writer last wrote (returned by its previous append), no_stream for the first.
    const lastWritten = new Map<string, number>();
    const storeOne = async (stream: string, _revision: number, event: NewEvent) => {
      const expectedVersion: ExpectedVersion = lastWritten.get(stream) ?? 'no_stream';
      const { nextExpectedVersion } = await store.appendToStream(stream, [event], { expectedVersion });
      if (nextExpectedVersion % EVENTS_PER_STREAM === EVENTS_PER_STREAM - 1) lastWritten.delete(stream);
      else lastWritten.set(stream, nextExpectedVersion);
    };
    // Raw side: one transaction per row, on a client of the same pool.
    const rawOne = async (stream: string, revision: number, event: NewEvent) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query({
          name: 'bench_raw_one',
          text: RAW_ONE,
          values: [stream, revision, event.eventId, event.type, 1, JSON.stringify(event.data), JSON.stringify(event.metadata)],
        });
        await client.query('COMMIT');
      } finally {
        client.release();
      }
    };
    const storeBatches = async (batches: NewEvent[][]) => {
      for (const batch of batches) await store.appendToStream(newStreamId('batch'), batch, { expectedVersion: 'no_stream' });
    };
    const rawBatches = async (batches: NewEvent[][]) => {
      for (const batch of batches)
        await pool.query({ name: 'bench_raw_batch', text: RAW_BATCH, values: [newStreamId('batch'), ...json(batch)] });
    };
    const makeBatches = (count: number) =>
      Array.from({ length: count }, () => Array.from({ length: SIZES.batchSize }, (_, i) => makeEvent(i)));

    const storeFeed = async (limitEvents = Infinity) => {
      let after: GlobalPosition = START;
      let count = 0;
      while (count < limitEvents) {
        const page = await store.readAll({ after, limit: PAGE });
        if (page.length === 0) break;
        count += page.length;
        after = page[page.length - 1].position;
      }
      return count;
    };
    const rawFeed = async (limitEvents = Infinity) => {
      let after = ['0', '0'];
      let count = 0;
      while (count < limitEvents) {
        const { rows: page } = await pool.query<{ transaction_id: string; position: string }>(RAW_PAGE, after);
        if (page.length === 0) break;
        count += page.length;
        after = [page[page.length - 1].transaction_id, page[page.length - 1].position];
      }
      return count;
    };
    const projector = new Projector(store, dataSource, allProjections, { batchSize: PAGE });

    // Warm-up, untimed: opens every pooled connection, plans every statement, JITs the JS.
    progress(`${backend}: warm-up`);
    await storeBatches(makeBatches(2));
    await rawBatches(makeBatches(2));
    await writersLoop(WRITERS * EVENTS_PER_STREAM, WRITERS, storeOne);
    await writersLoop(WRITERS * EVENTS_PER_STREAM, WRITERS, rawOne);
    await storeFeed(3 * PAGE);
    await rawFeed(3 * PAGE);
    await projector.catchUp();

    // 1. Batched append: batches built beforehand, so both sides time only the write.
    progress(`${backend}: batched append, ${SIZES.batches} x ${SIZES.batchSize} events per side`);
    const batchesPerSide = SIZES.batches + SIZES.batches / (2 * ROUNDS); // the measured shares and abba's warm-up share
    const batches = { store: makeBatches(batchesPerSide), raw: makeBatches(batchesPerSide) };
    const take = (list: NewEvent[][], n: number) => list.splice(0, Math.round(n / SIZES.batchSize));
    const batched = await abba(
      'batched',
      SIZES.batches * SIZES.batchSize,
      (n) => storeBatches(take(batches.store, n)),
      (n) => rawBatches(take(batches.raw, n)),
    );
    record({
      measure: `append ${SIZES.batchSize}-event batches`,
      ...batched,
      goal: { label: '>= 0.8 x raw', met: (s, r) => s >= 0.8 * r },
    });

    // 2. Single-event appends, 1 and 16 writers.
    progress(`${backend}: single-event appends, 1 writer, ${SIZES.single} events per side`);
    const one = await abba(
      '1 writer',
      SIZES.single,
      (n) => writersLoop(n, 1, storeOne),
      (n) => writersLoop(n, 1, rawOne),
    );
    record({ measure: 'append 1 event, 1 writer', ...one });
    progress(`${backend}: single-event appends, ${WRITERS} writers, ${SIZES.concurrent} events per side`);
    const many = await abba(
      `${WRITERS} writers`,
      SIZES.concurrent,
      (n) => writersLoop(n, WRITERS, storeOne),
      (n) => writersLoop(n, WRITERS, rawOne),
    );
    record({ measure: `append 1 event, ${WRITERS} writers`, ...many, goal: { label: '>= 0.7 x raw', met: (s, r) => s >= 0.7 * r } });

    // Seed realistic streams (5-10 events each, appended 1-3 at a time by 16 writers), untimed,
    // so feed and projection run over a store shaped like production rather than 500-event streams.
    progress(`${backend}: seeding ${SIZES.seedStreams} streams of 5-10 events`);
    let seeded = 0;
    await Promise.all(
      Array.from({ length: WRITERS }, async (_, w) => {
        for (let s = w; s < SIZES.seedStreams; s += WRITERS) {
          const stream = newStreamId();
          const length = 5 + (s % 6);
          let expectedVersion: ExpectedVersion = 'no_stream';
          for (let i = 0; i < length;) {
            const events = Array.from({ length: Math.min(1 + (i % 3), length - i) }, (_, k) => makeEvent(i + k));
            expectedVersion = (await store.appendToStream(stream, events, { expectedVersion })).nextExpectedVersion;
            i += events.length;
          }
          if (++seeded % 2_000 === 0) progress(`  seeded ${seeded} streams`);
        }
      }),
    );

    // 3. Feed reading. The raw table gets a copy of exactly the store's rows, so both read the
    // same number and size of rows; VACUUM ANALYZE both so neither pays for first-read hint bits.
    const {
      rows: [{ total }],
    } = await pool.query<{ total: string }>('SELECT count(*)::text AS total FROM es_events');
    const events = Number(total);
    progress(`${backend}: feed read, ${events} events per read`);
    await pool.query('TRUNCATE bench_raw_events');
    await pool.query(`INSERT INTO bench_raw_events (stream_id, revision, event_id, event_type, schema_version, data, metadata, recorded_at)
      SELECT stream_id, revision, event_id, event_type, schema_version, data, metadata, recorded_at FROM es_events ORDER BY transaction_id, position`);
    await pool.query('VACUUM ANALYZE es_events');
    await pool.query('VACUUM ANALYZE bench_raw_events');
    const feed = await abba(
      'feed',
      2 * events, // one round: each share is one whole-feed read
      async (n) => void check('store feed', await storeFeed(), n),
      async (n) => void check('raw feed', await rawFeed(), n),
      1,
    );
    record({ measure: `read feed, pages of ${PAGE}`, ...feed });

    // 4. Projection catch-up over the whole store from an empty read model.
    await dataSource.transaction(async (manager) => {
      for (const entity of allProjections.flatMap((p) => p.entities)) await manager.clear(entity);
      await manager.query('DELETE FROM projection_checkpoints');
    });
    progress(`${backend}: projection catch-up over ${events} events`);
    const t0 = process.hrtime.bigint();
    await projector.catchUp();
    const projected = events / seconds(process.hrtime.bigint() - t0);
    record({
      measure: `projection catch-up (${allProjections.map((p) => p.name).join(', ')})`,
      store: projected,
      raw: feed.raw,
      baselineNote: 'baseline: raw feed read',
      goal: backend === 'postgres' ? { label: '>= 10,000/s', met: (s) => s >= 10_000 } : undefined,
    });
    const {
      rows: [{ streams }],
    } = await pool.query<{ streams: string }>('SELECT count(*)::text AS streams FROM rm_stream_catalog');
    progress(`${backend}: read model holds ${streams} streams`);
    return rows;
  } finally {
    await dataSource?.destroy();
    await connection.close();
    await database?.drop();
    progress(`${backend}: closed${database ? ', scratch database dropped' : ''}`);
  }
}

function check(what: string, got: number, expected: number) {
  if (got !== expected) throw new Error(`${what} returned ${got} events, expected ${expected}`);
}

function printTable(backend: Backend, rows: Row[]) {
  const int = (n: number) => Math.round(n).toLocaleString('en-US');
  const table = [
    ['measure', 'store events/s', 'raw events/s', 'ratio', 'goal', 'met?', 'load'],
    ...rows.map((r) => [
      r.measure + (r.baselineNote ? ` [${r.baselineNote}]` : ''),
      int(r.store),
      int(r.raw),
      (r.store / r.raw).toFixed(2),
      r.goal?.label ?? '-',
      r.goal ? (r.goal.met(r.store, r.raw) ? 'yes' : 'no') : '-',
      r.load.toFixed(1),
    ]),
  ];
  const widths = table[0].map((_, c) => Math.max(...table.map((row) => row[c].length)));
  const line = (row: string[]) =>
    '| ' + row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join(' | ') + ' |';
  console.log(`\n${backend === 'postgres' ? 'PostgreSQL (scratch database, pool of 16)' : 'PGlite (memory://, one connection)'}`);
  console.log(line(table[0]));
  console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  for (const row of table.slice(1)) console.log(line(row));
}

async function main() {
  progress(`sizes ${JSON.stringify(SIZES)} (BENCH_SCALE=${SCALE}), backends ${BACKENDS.join(', ')}`);
  const loads = () =>
    loadavg()
      .map((l) => l.toFixed(2))
      .join(' / ');
  console.log(`node ${process.version}, ${cpus().length} cores, load average at start (1/5/15 min): ${loads()}`);
  const results: [Backend, Row[]][] = [];
  for (const backend of BACKENDS) results.push([backend, await runBackend(backend)]);
  for (const [backend, rows] of results) printTable(backend, rows);
  console.log(`\nload average at end (1/5/15 min): ${loads()}`);
  progress('done');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
