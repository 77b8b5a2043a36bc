// Benchmark of the pay run: POST /pay-runs on the started API for one four-week period of a generated pool
// (payroll-pool.ts: ~20 worked days per worker, one confirmed placement each, every week's sheet approved),
// at 500, 1,000 and 2,000 workers, on a PostgreSQL scratch database and on in-memory PGlite; then the
// run's finalization (a lock on every sheet it paid). The baseline in the same run is raw `pg`: reading
// the rows the run reads and inserting the rows it appends, without the application in between.
//   npm run bench:payroll                                                 (full run, about 15 minutes on 2 cores)
//   BENCH_SIZES=200,400 BENCH_BACKENDS=pglite npm run bench:payroll      (quick run)
//   BENCH_PERIOD=2026-P02 npm run bench:payroll                           (another four-week period of 2026)
//   BENCH_CPU_PROFILE=/tmp/profiles npm run bench:payroll                 (a .cpuprofile of each run and finalization)
// Figures go to stdout, progress lines to stderr.
import 'reflect-metadata'; // TypeORM entity decorators (read models) need it before they load
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { PayRunInputs } from '@banenpool/application';
import { payPeriodOf, payRunStreamId, shippedRuleBook, type PayPeriod } from '@banenpool/domain';
import { formatPosition, type EventStore, type PostgresConnection } from '@banenpool/event-store';
import { EVENT_STORE, loadConfig, POSTGRES_CONNECTION } from '@banenpool/platform';
import { Projector } from '@banenpool/projector';
import { createScratchDatabase, type ScratchDatabase } from '@banenpool/testing';
import { AppModule } from '../apps/api/src/app.module.js';
import { configureHttpApp } from '../apps/api/src/http/configure-http-app.js';
import { mapBounded } from '../libs/application/src/payroll/collections.js';
import { payrollPool, type PayrollPool } from './payroll-pool.js';

type Backend = 'postgres' | 'pglite';

const SIZES = (process.env.BENCH_SIZES ?? '500,1000,2000').split(',').map(Number);
const BACKENDS = (process.env.BENCH_BACKENDS ?? 'postgres,pglite').split(',').map((b) => b.trim()) as Backend[];
const PERIOD: PayPeriod = payPeriodOf(process.env.BENCH_PERIOD ?? '2026-P03', 'four_weeks');
/** The API's default pool has ten connections; PGlite has one, so its appends go one at a time. */
const WRITERS: Record<Backend, number> = { postgres: 8, pglite: 1 };
const GOAL = { workers: 2_000, seconds: 10 };
const OPERATOR_KEY = 'demo-operator';
/** A folder: each pay run and finalization is CPU-profiled into it (open the .cpuprofile in Chrome DevTools). */
const CPU_PROFILES = process.env.BENCH_CPU_PROFILE;

const started = performance.now();
const progress = (message: string) =>
  process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(1).padStart(6)}s] ${message}\n`);
const out = (line = '') => process.stdout.write(`${line}\n`);
const int = (n: number) => Math.round(n).toLocaleString('en-US');
const secs = (ms: number) => (ms / 1000).toFixed(2);
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');

// ---- timing the phases of the real run ---------------------------------------------------------------

interface Span {
  readonly start: number;
  readonly end: number;
}

/** Start and end of each call of the wrapped methods, by label. */
class Phases {
  private readonly spans = new Map<string, Span[]>();

  /**
   * Times every call of `target[method]` that `label` names (undefined: not timed). The handlers call
   * the same instances the app holds, so this times the real run from outside, without changing it.
   */
  wrap<T extends object, K extends keyof T>(target: T, method: K, label: (args: unknown[]) => string | undefined): void {
    const original = target[method] as (...args: unknown[]) => Promise<unknown>;
    const timed = async (...args: unknown[]) => {
      const name = label(args);
      if (name === undefined) return original.apply(target, args);
      const start = performance.now();
      try {
        return await original.apply(target, args);
      } finally {
        const spans = this.spans.get(name) ?? [];
        spans.push({ start, end: performance.now() });
        this.spans.set(name, spans);
      }
    };
    target[method] = timed as T[K];
  }

  /** From the first call's start to the last call's end (calls may overlap). */
  wall(name: string): Span {
    const spans = this.spans.get(name) ?? [];
    if (spans.length === 0) return { start: NaN, end: NaN };
    return { start: Math.min(...spans.map((s) => s.start)), end: Math.max(...spans.map((s) => s.end)) };
  }

  ms(name: string): number {
    const { start, end } = this.wall(name);
    return end - start;
  }

  /** The calls' durations added up (for calls made one after another). */
  sum(name: string): number {
    return (this.spans.get(name) ?? []).reduce((total, s) => total + s.end - s.start, 0);
  }

  clear(): void {
    this.spans.clear();
  }
}

// ---- one backend, one size -------------------------------------------------------------------------------

interface Figures {
  backend: Backend;
  workers: number;
  pool: PayrollPool;
  setup: { generate: number; append: number; project: number };
  payLines: number;
  paidWorkers: number;
  /** The JSON text of the run's events' data. */
  runBytes: number;
  run: { total: number; waitReadModels: number; earlierRuns: number; readInputs: number; compute: number; append: number };
  projectRun: number;
  baseline: { read: number; write: number };
  finalize: { total: number; readRun: number; locks: number; locked: number };
  loadAfter: number;
}

/** The API as main.ts starts it (demo keys, embedded projector), on a scratch database or in-memory PGlite. */
async function startApi(backend: Backend, database?: ScratchDatabase): Promise<{ app: INestApplication; url: string }> {
  const config = loadConfig({
    ...(database ? { DATABASE_URL: database.url } : { DATA_DIR: 'memory://' }),
    LOG_LEVEL: 'silent',
  });
  const app = await NestFactory.create(AppModule.forRoot(config), { logger: false });
  configureHttpApp(app);
  await app.listen(0, '127.0.0.1');
  const url = await app.getUrl();
  progress(`${backend}: API started on ${url}`);
  return { app, url };
}

/** `work`, CPU-profiled into CPU_PROFILES/<name>.cpuprofile when that is set. */
async function profiled<T>(name: string, work: () => Promise<T>): Promise<T> {
  if (!CPU_PROFILES) return work();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(join(CPU_PROFILES, `${name}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
}

async function post(url: string, body: object = {}): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${OPERATOR_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as Record<string, unknown>;
  if (response.status !== 201) throw new Error(`POST ${url} answered ${response.status}: ${JSON.stringify(answer)}`);
  return answer;
}

/** Until every read model and reaction has passed the head of the feed, and the head stays put. */
async function projectionsCaughtUp(backend: Backend, store: EventStore, projector: Projector): Promise<void> {
  for (;;) {
    const head = await store.headPosition({ committed: true });
    if (head === undefined) return;
    if (await projector.waitFor(head, 10_000)) {
      const now = await store.headPosition({ committed: true });
      if (now !== undefined && formatPosition(now) === formatPosition(head)) return;
      continue;
    }
    const behind = (await projector.status()).filter((s) => s.eventsBehind > 0).map((s) => `${s.name} ${s.eventsBehind}+`);
    progress(`  ${backend}: projections behind: ${behind.join(', ') || 'reactions appending'}`);
  }
}

interface Api {
  readonly backend: Backend;
  readonly url: string;
  readonly store: EventStore;
  readonly pg: PostgresConnection['pool'];
  readonly projector: Projector;
}

/** The pool appended in one stream per call (no_stream, as new streams), then projected; checked in the timesheets read model. */
async function fillStore({ backend, store, pg, projector }: Api, workers: number) {
  let t = performance.now();
  const pool = payrollPool(workers, PERIOD, shippedRuleBook(new Date()));
  const generate = performance.now() - t;
  progress(
    `${backend}: ${int(workers)} workers generated (${int(pool.sheets)} sheets, ${int(pool.days)} days, ${int(pool.lines)} lines, ${int(pool.events)} events)`,
  );
  // The projector waits while the store is filled: the events are there at once, as after a restore,
  // rather than projected in thousands of small batches that take turns with the appends.
  await projector.stop();
  t = performance.now();
  let appended = 0;
  await mapBounded(pool.appends, WRITERS[backend], async ({ streamId, events }) => {
    await store.appendToStream(streamId, events, { expectedVersion: 'no_stream' });
    if (++appended % 5_000 === 0) progress(`  ${backend}: ${int(appended)} of ${int(pool.appends.length)} streams appended`);
  });
  const append = performance.now() - t;
  progress(`${backend}: appended in ${secs(append)} s; projecting (the placement process commits every worker's hours)`);
  t = performance.now();
  projector.start();
  await projectionsCaughtUp(backend, store, projector);
  const project = performance.now() - t;
  const {
    rows: [{ approved }],
  } = await pg.query<{ approved: string }>(`SELECT count(*)::text AS approved FROM rm_timesheets WHERE status = 'approved'`);
  if (Number(approved) !== pool.sheets) throw new Error(`the timesheets read model holds ${approved} approved sheets, not ${pool.sheets}`);
  return { pool, setup: { generate, append, project } };
}

/** POST /pay-runs, timed with its phases; checked against the approved lines. */
async function timePayRun({ backend, url, pg }: Api, phases: Phases, pool: PayrollPool) {
  progress(`${backend}: POST /pay-runs ${PERIOD.id} for ${int(pool.workers)} workers (load ${load()})`);
  const t = performance.now();
  await profiled(`pay-run-${backend}-${pool.workers}`, () => post(`${url}/pay-runs`, { period: PERIOD.id }));
  const total = performance.now() - t;
  const {
    rows: [paid],
  } = await pg.query<{ workers: string; lines: string; bytes: string }>(
    `SELECT (count(*) - 1)::text AS workers, coalesce(sum(jsonb_array_length(data->'lines')), 0)::text AS lines,
       sum(octet_length(data::text))::text AS bytes
     FROM es_events WHERE stream_id = $1`,
    [payRunStreamId(PERIOD.id)],
  );
  if (Number(paid.lines) !== pool.lines) throw new Error(`the run paid ${paid.lines} lines, the approved sheets hold ${pool.lines}`);
  progress(`${backend}: run ${secs(total)} s`);
  return {
    payLines: Number(paid.lines),
    paidWorkers: Number(paid.workers),
    runBytes: Number(paid.bytes),
    run: {
      total,
      waitReadModels: phases.ms('waitReadModels'),
      earlierRuns: phases.ms('earlierRuns'),
      readInputs: phases.ms('readInputs'),
      // From the inputs read to the append: every worker's pay, the decider, the events.
      compute: phases.wall('append payRun').start - phases.wall('readInputs').end,
      append: phases.ms('append payRun'),
    },
  };
}

/** POST …/finalization, timed: the run read (twice: to find the sheets, then to finalize it) and the locks. */
async function timeFinalization({ backend, url }: Api, phases: Phases, pool: PayrollPool) {
  phases.clear();
  progress(`${backend}: POST /pay-runs/${PERIOD.id}/finalization (${int(pool.sheets)} locks)`);
  const t = performance.now();
  const finalized = await profiled(`finalize-${backend}-${pool.workers}`, () => post(`${url}/pay-runs/${PERIOD.id}/finalization`));
  const total = performance.now() - t;
  if (finalized.lockedTimesheets !== pool.sheets) throw new Error(`finalization locked ${String(finalized.lockedTimesheets)} sheets`);
  return {
    total,
    readRun: phases.sum('read payRun'),
    locks: phases.wall('append timesheet').end - phases.wall('read timesheet').start,
    locked: pool.sheets,
  };
}

/** Times the handlers' calls on the instances the app holds. */
function phasesOf(app: INestApplication, store: EventStore): Phases {
  const phases = new Phases();
  const inputs = app.get(PayRunInputs);
  phases.wrap(inputs, 'caughtUp', () => 'waitReadModels');
  phases.wrap(inputs, 'runs', () => 'earlierRuns');
  phases.wrap(inputs, 'read', () => 'readInputs');
  const streamKind = (args: unknown[]) => {
    const streamId = String(args[0]);
    return streamId.startsWith('pay-run-') ? 'payRun' : streamId.startsWith('timesheet-') ? 'timesheet' : undefined;
  };
  phases.wrap(store, 'appendToStream', (args) => streamKind(args) && `append ${streamKind(args)}`);
  phases.wrap(store, 'readStream', (args) => streamKind(args) && `read ${streamKind(args)}`);
  return phases;
}

/** One size on one backend: a fresh store and API, filled, paid, the baseline, finalized; closed and dropped after. */
async function one(backend: Backend, workers: number): Promise<Figures> {
  const database = backend === 'postgres' ? await createScratchDatabase() : undefined;
  const { app, url } = await startApi(backend, database);
  try {
    const store = app.get<EventStore>(EVENT_STORE);
    const api: Api = { backend, url, store, pg: app.get<PostgresConnection>(POSTGRES_CONNECTION).pool, projector: app.get(Projector) };
    const { pool, setup } = await fillStore(api, workers);
    const phases = phasesOf(app, store);
    const paid = await timePayRun(api, phases, pool);
    progress(`${backend}: projecting the run`);
    const t = performance.now();
    await projectionsCaughtUp(backend, store, api.projector);
    const projectRun = performance.now() - t;
    progress(`${backend}: baseline: raw reads of the run's input rows, a raw insert of its rows`);
    const baseline = await rawBaseline(api.pg, payRunStreamId(PERIOD.id));
    const finalize = await timeFinalization(api, phases, pool);
    await projectionsCaughtUp(backend, store, api.projector);
    return { backend, workers, pool, setup, ...paid, projectRun, baseline, finalize, loadAfter: loadavg()[0] };
  } finally {
    await app.close();
    await database?.drop();
    progress(`${backend}: closed${database ? ', scratch database dropped' : ''}`);
  }
}

// Same columns, defaults and indexes as es_events (LIKE ... INCLUDING ALL), without the store's stream claim and hash chain.
const CREATE_RAW =
  'CREATE TABLE bench_raw_events (LIKE es_events INCLUDING ALL); ALTER TABLE bench_raw_events ALTER COLUMN hash DROP NOT NULL';
const RAW_INSERT = `INSERT INTO bench_raw_events (stream_id, revision, event_id, event_type, schema_version, data, metadata)
  SELECT $1, e.ord - 1, gen_random_uuid(), e.event_type, e.schema_version, e.data, e.metadata
  FROM unnest($2::text[], $3::int[], $4::jsonb[], $5::jsonb[]) WITH ORDINALITY AS e(event_type, schema_version, data, metadata, ord)`;

/**
 * A jsonb[] parameter as PostgreSQL's array literal, each element the JSON text quoted as a JSON
 * string: JSON.stringify escapes exactly what an element needs (`"` and `\`) and gives the text `pg`
 * makes of an array of strings, several times faster (its escaping runs a regex replace per quote).
 */
const jsonbArray = (values: readonly unknown[]): string => `{${values.map((value) => JSON.stringify(JSON.stringify(value))).join(',')}}`;

/**
 * What the run cannot do faster than: reading, in one query each, every event of the streams it
 * folds (workers, placements, hirers, CAOs, rule tables) and every timesheet row; and inserting
 * its events (the run's own, read back) in one statement, JSON serialisation included.
 */
async function rawBaseline(pg: PostgresConnection['pool'], payRunStream: string) {
  const { rows: run } = await pg.query<{ event_type: string; schema_version: number; data: unknown; metadata: unknown }>(
    'SELECT event_type, schema_version, data, metadata FROM es_events WHERE stream_id = $1 ORDER BY revision',
    [payRunStream],
  );
  await pg.query(CREATE_RAW);
  let t = performance.now();
  const events = await pg.query(
    `SELECT stream_id, revision, event_type, schema_version, data FROM es_events
     WHERE stream_id NOT LIKE 'timesheet-%' AND stream_id NOT LIKE 'pay-run-%'`,
  );
  const sheets = await pg.query('SELECT * FROM rm_timesheets');
  const read = performance.now() - t;
  t = performance.now();
  await pg.query(RAW_INSERT, [
    `raw-${payRunStream}`,
    run.map((e) => e.event_type),
    run.map((e) => e.schema_version),
    jsonbArray(run.map((e) => e.data)),
    jsonbArray(run.map((e) => e.metadata)),
  ]);
  const write = performance.now() - t;
  await pg.query('DROP TABLE bench_raw_events');
  if (events.rows.length === 0 || sheets.rows.length === 0) throw new Error('the raw read found no rows');
  return { read, write };
}

// ---- printing -----------------------------------------------------------------------------------------------

/** A Markdown table: right-aligned figures after the first column. */
function table(head: readonly string[], rows: readonly (readonly string[])[]) {
  out(`| ${head.join(' | ')} |`);
  out(`|${head.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`);
  for (const row of rows) out(`| ${row.join(' | ')} |`);
}

function printBackend(backend: Backend, figures: Figures[]) {
  out(`\n## ${backend === 'postgres' ? 'PostgreSQL (scratch database, the API’s pool of 10)' : 'PGlite (memory://, one connection)'}`);
  out('\nThe pay run (POST /pay-runs), its phases in seconds, and the raw baseline:\n');
  table(
    [
      'workers',
      'sheets',
      'pay lines',
      'run MB',
      '**pay run s**',
      'lines/s',
      'workers/s',
      'wait RM',
      'earlier runs',
      'read inputs',
      'compute',
      'append',
      'other',
      'raw read s',
      'raw insert s',
      'run / raw',
      'load after',
    ],
    figures.map(({ run, baseline, ...f }) => [
      int(f.paidWorkers),
      int(f.pool.sheets),
      int(f.payLines),
      (f.runBytes / 1e6).toFixed(1),
      `**${secs(run.total)}**`,
      int(f.payLines / (run.total / 1000)),
      int(f.paidWorkers / (run.total / 1000)),
      secs(run.waitReadModels),
      secs(run.earlierRuns),
      secs(run.readInputs),
      secs(run.compute),
      secs(run.append),
      secs(run.total - run.waitReadModels - run.earlierRuns - run.readInputs - run.compute - run.append),
      secs(baseline.read),
      secs(baseline.write),
      (run.total / (baseline.read + baseline.write)).toFixed(1),
      f.loadAfter.toFixed(2),
    ]),
  );
  out('\nAfter the run: the read models catching up with it, then its finalization (POST …/finalization):\n');
  table(
    ['workers', 'projecting the run s', '**finalize s**', 'locks/s', 'reading the run (twice) s', 'locking the sheets s', 'other s'],
    figures.map(({ finalize, ...f }) => [
      int(f.workers),
      secs(f.projectRun),
      `**${secs(finalize.total)}**`,
      int(finalize.locked / (finalize.total / 1000)),
      secs(finalize.readRun),
      secs(finalize.locks),
      secs(finalize.total - finalize.readRun - finalize.locks),
    ]),
  );
  const [smallest] = figures;
  const growth = figures.map(
    (f) =>
      `${int(f.workers)}: ${(f.run.total / f.workers).toFixed(2)} ms a worker (× ${(f.run.total / smallest.run.total).toFixed(2)} the time ` +
      `for × ${(f.workers / smallest.workers).toFixed(1)} the workers)`,
  );
  out(`\nGrowth of the pay run: ${growth.join('; ')}.`);
  const setup = figures.map(
    (f) =>
      `${int(f.workers)} workers: generate ${secs(f.setup.generate)} s, append ${int(f.pool.events)} events ${secs(f.setup.append)} s, ` +
      `project ${secs(f.setup.project)} s`,
  );
  out(`Setup, untimed: ${setup.join('; ')}.`);
  const goal = figures.find((f) => f.workers === GOAL.workers);
  if (backend === 'postgres' && goal) {
    const met = goal.run.total <= GOAL.seconds * 1000;
    out(
      `Goal (${int(GOAL.workers)} workers in ≤ ${GOAL.seconds} s on PostgreSQL): ${met ? 'MET' : 'NOT MET'} — ${secs(goal.run.total)} s.`,
    );
  }
}

async function main() {
  out(`# Pay-run benchmark — ${new Date().toISOString()}`);
  out(
    `node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), load average at start ${load()}; period ${PERIOD.id} (${PERIOD.from} to ${PERIOD.to})`,
  );
  out(
    'Columns: the pay run is POST /pay-runs answered (201); its phases, timed around the real calls: waiting for the read models, ' +
      'reading the earlier runs, reading the inputs (timesheet rows, worker, placement, hirer, CAO and rule streams), computing every ' +
      'worker’s pay and the events, the one append of the run; other = HTTP and the executor. Raw = plain `pg` reading the same rows ' +
      'and inserting the same rows (the floor). Finalize = POST …/finalization: a lock on every sheet, then the run finalized.',
  );
  for (const backend of BACKENDS) {
    const figures: Figures[] = [];
    for (const workers of SIZES) figures.push(await one(backend, workers));
    printBackend(backend, figures);
  }
  progress('done');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
