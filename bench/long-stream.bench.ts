// A command's cost against its stream's age: a worker command (CommitHours, as the placement process
// sends it) through the executor on a worker stream of 10,000 events and on a fresh worker's stream,
// in one run, with snapshots off and on, on a PostgreSQL scratch database and on in-memory PGlite.
// Goal: the long stream's command ≤ 2 × the fresh stream's (issue 17, part 4). Also the fold of the
// 10,000 events in memory, event by event (evolve) against in one go (evolveAll), and a raw `pg`
// baseline of the same run (one SELECT of one row, the cheapest round trip a command makes).
//   npm run bench:long-stream
//   BENCH_BACKENDS=pglite BENCH_COMMANDS=30 npm run bench:long-stream
//   BENCH_SNAPSHOTS=off npm run bench:long-stream      (snapshots off only: the "before")
// Figures go to stdout, progress lines to stderr.
import { randomUUID } from 'node:crypto';
import { cpus } from 'node:os';
import { PostgresStreamSnapshots, executeCommand, snapshottingFor } from '@banenpool/application';
import {
  addDays,
  fold,
  schemaVersionOf,
  workerDecider,
  workerStreamId,
  type CommitHours,
  type LocalDate,
  type WorkerEvent,
} from '@banenpool/domain';
import {
  connectPostgres,
  migrateEventStore,
  PostgresEventStore,
  startEmbeddedPostgres,
  type EventStore,
  type NewEvent,
  type PostgresConnection,
} from '@banenpool/event-store';
import { createScratchDatabase } from '@banenpool/testing';
import { workingTimeBook } from '../libs/domain/src/worker/working-time.fixtures.js';
import { load, progress } from './bench-output.js';

type Backend = 'postgres' | 'pglite';
type Mode = 'off' | 'on';

const STREAM_EVENTS = 10_000; // the stream length
const COMMANDS = Number(process.env.BENCH_COMMANDS ?? 60); // measured commands per stream, mode and backend
const WARM_UP = 5;
const BACKENDS = (process.env.BENCH_BACKENDS ?? 'postgres,pglite').split(',').map((b) => b.trim()) as Backend[];
const MODES = (process.env.BENCH_SNAPSHOTS ?? 'off,on').split(',').map((m) => m.trim()) as Mode[];
const APPEND_BATCH = 500;
const CONTRACT_FROM: LocalDate = '2020-01-06';

const sorted = (values: readonly number[]) => [...values].sort((a, b) => a - b);
const median = (values: readonly number[]) => sorted(values)[Math.floor(values.length / 2)];
const p95 = (values: readonly number[]) => sorted(values)[Math.ceil(values.length * 0.95) - 1];
const ms = (value: number) => value.toFixed(2).padStart(8);

// ---- a worker's history as the pool writes it -------------------------------------------------------

const registered = (workerId: string): WorkerEvent => ({
  type: 'WorkerRegistered',
  data: {
    workerId,
    name: 'Anna de Vries',
    birthDate: '1990-05-10',
    homeArea: 'Hengelo',
    location: { postcode: '7551', coordinates: { lat: 52.27, lon: 6.79 } },
    skills: ['cleaning', 'ride operation'],
    availability: { kind: 'hours_per_week', hoursPerWeek: 40, unavailable: [] },
  },
});
const contract = (workerId: string): WorkerEvent => ({
  type: 'PoolContractAgreed',
  data: { workerId, contractId: 'c1', terms: { kind: 'indefinite', from: CONTRACT_FROM, guaranteedHoursPerWeek: 12, maxHoursPerWeek: 40 } },
});

/**
 * Years of placements of one to four weeks, one after another: each commits hours, one in three is
 * extended (committed again, longer), one in four ends early (its last days released). The
 * placement process writes these, as a step of the placement event that caused them.
 */
function longHistory(workerId: string): { events: WorkerEvent[]; lastDay: LocalDate } {
  const events: WorkerEvent[] = [registered(workerId), contract(workerId)];
  let from = CONTRACT_FROM;
  for (let k = 0; events.length < STREAM_EVENTS; k++) {
    const placementId = `p-${k}`;
    const to = addDays(from, 7 * (1 + (k % 4)) - 3);
    const hours = { workerId, placementId, hoursPerWeek: 8 + (k % 5) * 4 };
    events.push({ type: 'HoursCommitted', data: { ...hours, contractId: 'c1', period: { from, to } } });
    const end = k % 3 === 0 ? addDays(to, 7) : to;
    if (k % 3 === 0) events.push({ type: 'HoursCommitted', data: { ...hours, contractId: 'c1', period: { from, to: end } } });
    if (k % 4 === 0) events.push({ type: 'HoursReleased', data: { ...hours, period: { from: addDays(end, -2), to: end } } });
    from = addDays(end, 3);
  }
  return { events: events.slice(0, STREAM_EVENTS), lastDay: from };
}

const asStored = (events: readonly WorkerEvent[]): NewEvent[] =>
  events.map((event) => ({
    type: event.type,
    data: event.data,
    schemaVersion: schemaVersionOf(event.type),
    metadata: { actor: 'process:placement', causationId: randomUUID(), correlationId: randomUUID(), step: 'commit-hours' },
  }));

async function appendAll(store: EventStore, streamId: string, events: readonly WorkerEvent[]): Promise<void> {
  const stored = asStored(events);
  for (let i = 0; i < stored.length; i += APPEND_BATCH) {
    await store.appendToStream(streamId, stored.slice(i, i + APPEND_BATCH), { expectedVersion: i === 0 ? 'no_stream' : i - 1 });
  }
}

// ---- the fold in memory --------------------------------------------------------------------------------

function foldFigures(): void {
  const { events } = longHistory('fold');
  const time = (run: () => unknown) => {
    const runs = Array.from({ length: 5 }, () => {
      const at = performance.now();
      run();
      return performance.now() - at;
    });
    return median(runs);
  };
  const oneByOne = time(() => events.reduce(workerDecider.evolve, workerDecider.initialState));
  const inOneGo = time(() => fold(workerDecider, events));
  console.log(`\nFold of ${STREAM_EVENTS.toLocaleString('en-US')} worker events in memory (median of 5), load ${load(' ')}`);
  console.log(`  event by event (evolve, before)  ${ms(oneByOne)} ms`);
  console.log(`  in one go (evolveAll, after)     ${ms(inOneGo)} ms   ${(oneByOne / inOneGo).toFixed(1)}× faster`);
}

// ---- commands through the executor ------------------------------------------------------------------------

interface Figures {
  backend: Backend;
  mode: Mode;
  fresh: number[];
  long: number[];
  raw: number[];
  loadBefore: string;
  loadAfter: string;
}

async function openBackend(backend: Backend): Promise<{ connection: PostgresConnection; drop?: () => Promise<void> }> {
  if (backend === 'pglite') return { connection: await startEmbeddedPostgres('memory://') };
  const database = await createScratchDatabase();
  return { connection: connectPostgres({ url: database.url, poolSize: 4 }), drop: database.drop };
}

async function runBackend(backend: Backend): Promise<Figures[]> {
  progress(`${backend}: opening`);
  const { connection, drop } = await openBackend(backend);
  const { pool } = connection;
  const store = new PostgresEventStore(pool);
  const snapshotStore = new PostgresStreamSnapshots(pool);
  try {
    await migrateEventStore(pool);
    const figures: Figures[] = [];
    for (const mode of MODES) {
      const longId = `worker-long-${mode}`;
      const { events, lastDay } = longHistory(longId);
      progress(`${backend}/${mode}: appending ${events.length.toLocaleString('en-US')} events`);
      await appendAll(store, workerStreamId(longId), events);
      const snapshots = mode === 'on' ? snapshottingFor(workerDecider, snapshotStore) : undefined;
      let placement = 0;
      let day = addDays(lastDay, 30);
      // A new placement each time, after all the others: the command decides and appends one event.
      const commit = async (workerId: string): Promise<number> => {
        const command: CommitHours = {
          type: 'CommitHours',
          placementId: `new-${++placement}`,
          hoursPerWeek: 8,
          period: { from: day, to: addDays(day, 11) },
          rules: workingTimeBook,
        };
        day = addDays(day, 14);
        const metadata = { actor: 'process:placement', causationId: randomUUID(), correlationId: randomUUID() };
        const at = performance.now();
        const result = await executeCommand(store, workerDecider, workerStreamId(workerId), command, {
          metadata,
          now: new Date(),
          schemaVersionOf,
          once: 'commit-hours',
          snapshots,
        });
        const took = performance.now() - at;
        if (result.events.length !== 1) throw new Error(`expected one HoursCommitted on ${workerId}, got ${result.events.length}`);
        return took;
      };
      const freshWorker = async (): Promise<string> => {
        const workerId = `worker-fresh-${randomUUID().slice(0, 8)}`;
        await appendAll(store, workerStreamId(workerId), [registered(workerId), contract(workerId)]);
        return workerId;
      };
      const raw = async (): Promise<number> => {
        const at = performance.now();
        await pool.query('SELECT revision FROM es_events WHERE stream_id = $1 ORDER BY revision DESC LIMIT 1', [workerStreamId(longId)]);
        return performance.now() - at;
      };

      progress(`${backend}/${mode}: warming up`);
      for (let i = 0; i < WARM_UP; i++) {
        await commit(longId);
        await commit(await freshWorker());
        await raw();
      }
      const result: Figures = { backend, mode, fresh: [], long: [], raw: [], loadBefore: load(' '), loadAfter: '' };
      progress(`${backend}/${mode}: ${COMMANDS} commands on each stream, interleaved`);
      for (let i = 0; i < COMMANDS; i++) {
        const fresh = await freshWorker(); // made before the clock starts: a stream of two events
        result.long.push(await commit(longId));
        result.fresh.push(await commit(fresh));
        result.raw.push(await raw());
      }
      result.loadAfter = load(' ');
      figures.push(result);
    }
    return figures;
  } finally {
    await connection.close();
    await drop?.();
  }
}

function print(figures: readonly Figures[]): void {
  console.log(`\nCommitHours through the executor: a ${STREAM_EVENTS.toLocaleString('en-US')}-event worker stream against a fresh one`);
  console.log(`(${COMMANDS} commands each, interleaved; ms; goal long ≤ 2 × fresh)`);
  console.log(
    'backend   snapshots  fresh p50  fresh p95   long p50   long p95  long/fresh (p50)  raw pg p50  load avg (1/5/15 min) before → after',
  );
  for (const f of figures) {
    const ratio = median(f.long) / median(f.fresh);
    console.log(
      `${f.backend.padEnd(9)} ${f.mode.padEnd(9)} ${ms(median(f.fresh))}   ${ms(p95(f.fresh))}   ${ms(median(f.long))}   ${ms(p95(f.long))}  ` +
        `${ratio.toFixed(2).padStart(8)}×${ratio <= 2 ? ' ok  ' : ' OVER'}    ${ms(median(f.raw))}    ${f.loadBefore} → ${f.loadAfter}`,
    );
  }
}

async function main(): Promise<void> {
  console.log(`long-stream benchmark, ${new Date().toISOString()}, ${cpus().length} cores, load average ${load(' ')}`);
  foldFigures();
  const figures: Figures[] = [];
  for (const backend of BACKENDS) figures.push(...(await runBackend(backend)));
  print(figures);
  console.log(`\nload average at the end: ${load(' ')}`);
}

await main();
