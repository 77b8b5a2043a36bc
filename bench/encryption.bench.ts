// The cost of crypto-shredding (ADR 0020): appends and as-of reads with the personal fields
// encrypted (EncryptingEventStore) against the same without, in one run, on a PostgreSQL scratch
// database and on in-memory PGlite. The long stream is a worker's: 10,000 events, every other one
// holding personal data (a target-group status), read whole as an auditor's as-of question does
// (readStreamForReplay with a recordedUntil cut).
//   npm run bench:encryption
//   BENCH_BACKENDS=pglite BENCH_EVENTS=1000 BENCH_APPENDS=50 BENCH_READS=5 npm run bench:encryption
// Figures go to stdout, progress lines to stderr.
import { randomBytes, randomUUID } from 'node:crypto';
import { PERSONAL_DATA } from '@banenpool/domain';
import {
  connectPostgres,
  EncryptingEventStore,
  migrateEventStore,
  PostgresEventStore,
  PostgresPersonalDataKeys,
  startEmbeddedPostgres,
  type EventStore,
  type NewEvent,
  type PostgresConnection,
} from '@banenpool/event-store';
import { createScratchDatabase } from '@banenpool/testing';
import { personalDataSamples } from '../libs/event-store/src/privacy/personal-data-samples.fixtures.js';
import { load, out, progress } from './bench-output.js';

type Backend = 'postgres' | 'pglite';
type Mode = 'off' | 'on';

const STREAM_EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000);
const APPENDS = Number(process.env.BENCH_APPENDS ?? 200); // single-event appends measured per backend and mode
const READS = Number(process.env.BENCH_READS ?? 20); // as-of reads of the long stream measured
const BACKENDS = (process.env.BENCH_BACKENDS ?? 'postgres,pglite').split(',').map((b) => b.trim()) as Backend[];
const MODES: Mode[] = ['off', 'on'];
const BATCH = 500;

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (value: number) => value.toFixed(2).padStart(8);

const registered = (workerId: string): NewEvent => ({
  type: 'WorkerRegistered',
  schemaVersion: 2,
  data: personalDataSamples(workerId).WorkerRegistered,
});

/** Every other event personal (a dated target-group status), the rest not (a skill). */
const historyEvent = (workerId: string, i: number): NewEvent =>
  i % 2 === 0
    ? {
        type: 'TargetGroupStatusRecorded',
        schemaVersion: 2,
        data: { workerId, inRegister: true, wageValueBp: 5000 + (i % 5000), validFrom: '2026-01-01' },
      }
    : { type: 'SkillAdded', data: { workerId, skill: `skill-${i}` } };

async function open(backend: Backend): Promise<{ connection: PostgresConnection; close: () => Promise<void> }> {
  if (backend === 'pglite') {
    const connection = await startEmbeddedPostgres('memory://');
    await migrateEventStore(connection.pool);
    return { connection, close: () => connection.close() };
  }
  const database = await createScratchDatabase();
  const connection = connectPostgres({ url: database.url, poolSize: 4 });
  await migrateEventStore(connection.pool);
  return {
    connection,
    close: async () => {
      await connection.close();
      await database.drop();
    },
  };
}

function storeFor(mode: Mode, connection: PostgresConnection): EventStore {
  const plain = new PostgresEventStore(connection.pool);
  if (mode === 'off') return plain;
  return new EncryptingEventStore(plain, new PostgresPersonalDataKeys(connection.pool, randomBytes(32)), PERSONAL_DATA);
}

interface Figures {
  buildEventsPerSecond: number;
  appendMs: number;
  registerMs: number;
  readMs: number;
}

async function measure(backend: Backend, mode: Mode): Promise<Figures> {
  const { connection, close } = await open(backend);
  try {
    const store = storeFor(mode, connection);
    const workerId = `w-${randomUUID()}`;
    const stream = `worker-${workerId}`;
    progress(`${backend}/${mode}: building a ${STREAM_EVENTS}-event worker stream in batches of ${BATCH}`);
    const buildStart = performance.now();
    await store.appendToStream(stream, [registered(workerId)], { expectedVersion: 'no_stream' });
    for (let from = 1; from < STREAM_EVENTS; from += BATCH) {
      const batch = Array.from({ length: Math.min(BATCH, STREAM_EVENTS - from) }, (_, k) => historyEvent(workerId, from + k));
      await store.appendToStream(stream, batch, { expectedVersion: 'any' });
    }
    const buildEventsPerSecond = STREAM_EVENTS / ((performance.now() - buildStart) / 1000);

    progress(`${backend}/${mode}: ${APPENDS} single personal-event appends to a known worker, ${APPENDS} new workers`);
    const appends: number[] = [];
    const registers: number[] = [];
    const other = `w-${randomUUID()}`;
    await store.appendToStream(`worker-${other}`, [registered(other)], { expectedVersion: 'no_stream' });
    for (let i = 0; i < APPENDS; i++) {
      let start = performance.now();
      await store.appendToStream(`worker-${other}`, [historyEvent(other, 2 * i)], { expectedVersion: 'any' });
      appends.push(performance.now() - start);
      const fresh = `w-${randomUUID()}`;
      start = performance.now();
      await store.appendToStream(`worker-${fresh}`, [registered(fresh)], { expectedVersion: 'no_stream' }); // a new data key each
      registers.push(performance.now() - start);
    }

    progress(`${backend}/${mode}: ${READS} as-of reads of the ${STREAM_EVENTS}-event stream`);
    const cut = new Date();
    const reads: number[] = [];
    for (let i = 0; i < READS + 2; i++) {
      const start = performance.now();
      const events = await store.readStreamForReplay(stream, { recordedUntil: cut });
      if (events.length !== STREAM_EVENTS) throw new Error(`read ${events.length} events, expected ${STREAM_EVENTS}`);
      if (i >= 2) reads.push(performance.now() - start); // two warm-up reads
    }
    return { buildEventsPerSecond, appendMs: median(appends), registerMs: median(registers), readMs: median(reads) };
  } finally {
    await close();
  }
}

async function main(): Promise<void> {
  out(
    `# bench:encryption — ${STREAM_EVENTS}-event worker stream (half personal), ${APPENDS} appends, ${READS} reads; load at start ${load()}`,
  );
  out('backend   mode  build ev/s  append ms  register ms  as-of read ms  load (1/5/15)');
  const results = new Map<string, Figures>();
  for (const backend of BACKENDS) {
    // The first PGlite of a process compiles its WebAssembly: not a cost of either mode.
    if (backend === 'pglite') await (await open(backend)).close();
    for (const mode of MODES) {
      const figures = await measure(backend, mode);
      results.set(`${backend}/${mode}`, figures);
      out(
        `${backend.padEnd(9)} ${mode.padEnd(4)} ${figures.buildEventsPerSecond.toFixed(0).padStart(11)} ${ms(figures.appendMs)}   ${ms(figures.registerMs)}     ${ms(figures.readMs)}     ${load()}`,
      );
    }
    const off = results.get(`${backend}/off`)!;
    const on = results.get(`${backend}/on`)!;
    out(
      `${backend.padEnd(9)} on/off: build ${(off.buildEventsPerSecond / on.buildEventsPerSecond).toFixed(2)}× the time, append ${(on.appendMs / off.appendMs).toFixed(2)}×, register ${(on.registerMs / off.registerMs).toFixed(2)}×, as-of read ${(on.readMs / off.readMs).toFixed(2)}×`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
