// Benchmark of the pay run: POST /pay-runs on the started API for one four-week period of a generated pool
// (payroll-pool.ts: ~20 worked days per worker, one confirmed placement each, every week's sheet approved),
// at 500, 1,000 and 2,000 workers, on a PostgreSQL scratch database and on in-memory PGlite; then the
// run's finalization (a lock on every sheet it paid); then invoicing every hirer of the period at once
// (POST /invoice-runs: a hirer for every five workers, 400 at 2,000), its numbers read back from the
// ledger and checked gapless. The baseline in the same run is raw `pg`: reading the rows the run (or the
// invoicing) reads and inserting the rows it appends, without the application in between.
//   npm run bench:payroll                                                 (full run, about 15 minutes on 2 cores)
//   BENCH_SIZES=200,400 BENCH_BACKENDS=pglite npm run bench:payroll      (quick run)
//   BENCH_PERIOD=2026-P02 npm run bench:payroll                           (another four-week period of 2026)
//   BENCH_INVOICES=0 npm run bench:payroll                                (the pay run and finalization only)
//   BENCH_CPU_PROFILE=/tmp/profiles npm run bench:payroll                 (a .cpuprofile of each run, finalization and invoicing)
// Figures go to stdout, progress lines to stderr.
import 'reflect-metadata'; // TypeORM entity decorators (read models) need it before they load
import { cpus, loadavg } from 'node:os';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { InvoiceInputs, PayRunInputs, UseCaseExecutor, type InvoiceRunAnswer } from '@banenpool/application';
import { invoiceNumberOf, invoiceStreamId, payPeriodOf, payRunStreamId, shippedRuleBook, type PayPeriod } from '@banenpool/domain';
import { formatPosition, type EventStore, type PostgresConnection } from '@banenpool/event-store';
import { EVENT_STORE, loadConfig, POSTGRES_CONNECTION } from '@banenpool/platform';
import { Projector } from '@banenpool/projector';
import { createScratchDatabase, type ScratchDatabase } from '@banenpool/testing';
import { AppModule } from '../apps/api/src/app.module.js';
import { configureHttpApp } from '../apps/api/src/http/configure-http-app.js';
import { mapBounded } from '../libs/application/src/payroll/collections.js';
import { payrollPool, type PayrollPool } from './payroll-pool.js';
import { load, out, profiled, progress } from './bench-output.js';

type Backend = 'postgres' | 'pglite';

const SIZES = (process.env.BENCH_SIZES ?? '500,1000,2000').split(',').map(Number);
const BACKENDS = (process.env.BENCH_BACKENDS ?? 'postgres,pglite').split(',').map((b) => b.trim()) as Backend[];
const PERIOD: PayPeriod = payPeriodOf(process.env.BENCH_PERIOD ?? '2026-P03', 'four_weeks');
/** BENCH_INVOICES=0: no invoice run after the finalization. */
const INVOICES = process.env.BENCH_INVOICES !== '0';
/** The API's default pool has ten connections; PGlite has one, so its appends go one at a time. */
const WRITERS: Record<Backend, number> = { postgres: 8, pglite: 1 };
const GOAL = { workers: 2_000, seconds: 10 };
const OPERATOR_KEY = 'demo-operator';
/** A folder: each pay run and finalization is CPU-profiled into it (open the .cpuprofile in Chrome DevTools). */
const CPU_PROFILES = process.env.BENCH_CPU_PROFILE;

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const secs = (ms: number) => (ms / 1000).toFixed(2);

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

  /** From the end of each call of `from` to the start of the next call of `to`, added up (calls made one after another). */
  between(from: string, to: string): number {
    const starts = (this.spans.get(to) ?? []).map((s) => s.start);
    return (this.spans.get(from) ?? []).reduce((total, { end }) => {
      const next = Math.min(...starts.filter((start) => start >= end));
      return Number.isFinite(next) ? total + next - end : total;
    }, 0);
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
  /** Absent with BENCH_INVOICES=0. */
  invoicing?: InvoiceFigures;
}

interface InvoiceFigures {
  hirers: number;
  /** As checked in the ledger and the issued invoices. */
  invoices: CheckedInvoices;
  run: { total: number; waitReadModels: number; readInputs: number; draft: number; numbers: number; append: number };
  projectInvoices: number;
  baseline: { read: number; insert: number; insertEach: number };
  loadAfter: number;
}

/** The API as main.ts starts it (demo keys, embedded projector), on a scratch database or in-memory PGlite. */
async function startApi(backend: Backend, database?: ScratchDatabase): Promise<{ app: INestApplication; url: string }> {
  const config = loadConfig({
    ...(database ? { DATABASE_URL: database.url } : { DATA_DIR: 'memory://' }),
    ...(database ? { MASTER_KEY: Buffer.alloc(32, 7).toString('base64') } : {}), // required off the embedded default (ADR 0020)
    LOG_LEVEL: 'silent',
  });
  const app = await NestFactory.create(AppModule.forRoot(config), { logger: false });
  configureHttpApp(app);
  await app.listen(0, '127.0.0.1');
  const url = await app.getUrl();
  progress(`${backend}: API started on ${url}`);
  return { app, url };
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
  await profiled(CPU_PROFILES, `pay-run-${backend}-${pool.workers}`, () => post(`${url}/pay-runs`, { period: PERIOD.id }));
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
  const finalized = await profiled(CPU_PROFILES, `finalize-${backend}-${pool.workers}`, () =>
    post(`${url}/pay-runs/${PERIOD.id}/finalization`),
  );
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
  // Invoicing, per hirer in turn: its inputs read, its documents drafted, each numbered in the year's
  // ledger and then appended to its own stream (each a command of the executor: read, decide, append).
  phases.wrap(app.get(InvoiceInputs), 'of', () => 'invoiceInputs');
  phases.wrap(app.get(UseCaseExecutor), 'step', (args) => {
    const streamId = String(args[1]);
    return streamId.startsWith('invoice-numbers-') ? 'number' : streamId.startsWith('invoice-') ? 'append invoice' : undefined;
  });
  return phases;
}

/** POST /invoice-runs for every hirer, timed with its phases: every hirer gets its invoice, none is refused. */
async function timeInvoiceRun({ backend, url }: Api, phases: Phases, pool: PayrollPool) {
  phases.clear();
  progress(`${backend}: POST /invoice-runs ${PERIOD.id} for ${int(pool.hirers)} hirers (load ${load()})`);
  const t = performance.now();
  const answer = (await profiled(CPU_PROFILES, `invoice-run-${backend}-${pool.workers}`, () =>
    post(`${url}/invoice-runs`, { periodId: PERIOD.id }),
  )) as unknown as InvoiceRunAnswer;
  const total = performance.now() - t;
  const [refused] = answer.refused;
  if (refused) throw new Error(`the invoice run refused ${answer.refused.length} hirers, the first: ${JSON.stringify(refused)}`);
  const issued = answer.documents.filter((d) => d.issued && d.kind === 'invoice').length;
  if (issued !== pool.hirers || answer.documents.length !== pool.hirers) {
    throw new Error(`the invoice run answered ${answer.documents.length} documents, ${issued} invoices issued, for ${pool.hirers} hirers`);
  }
  progress(`${backend}: invoice run ${secs(total)} s`);
  return {
    total,
    waitReadModels: phases.ms('waitReadModels'),
    readInputs: phases.sum('invoiceInputs'),
    // Between a hirer's inputs read and its first number: drafting its invoice (and its credit note).
    draft: phases.between('invoiceInputs', 'number'),
    numbers: phases.sum('number'),
    append: phases.sum('append invoice'),
  };
}

interface CheckedInvoices {
  count: number;
  first: string;
  last: string;
  lines: number;
  /** The pay lines the invoice lines price (their sources): every approved line once. */
  payLines: number;
  netCents: number;
}

/**
 * The invoicing as the store holds it, read back: in each year's ledger the numbers 1..N in the
 * ledger's order, N the hirers, one number a hirer; each number on one InvoiceIssued in its own
 * stream; every approved pay line on exactly one invoice line; the invoices read model holding them all.
 */
async function checkedInvoices(pg: PostgresConnection['pool'], pool: PayrollPool): Promise<CheckedInvoices> {
  const { rows: ledger } = await pg.query<{ streamId: string; year: number; sequence: number; employerId: string }>(
    `SELECT stream_id AS "streamId", (data->>'year')::int AS year, (data->>'sequence')::int AS sequence, data->>'employerId' AS "employerId"
     FROM es_events WHERE event_type = 'InvoiceNumberAssigned' ORDER BY stream_id, revision`,
  );
  const { rows: issued } = await pg.query<{ streamId: string; number: string; lines: number; sources: number; netCents: string }>(
    `SELECT stream_id AS "streamId", data->>'number' AS number, jsonb_array_length(data->'lines') AS lines,
       (SELECT coalesce(sum(jsonb_array_length(l->'sources')), 0) FROM jsonb_array_elements(data->'lines') l)::int AS sources,
       data->'totals'->>'netCents' AS "netCents"
     FROM es_events WHERE event_type = 'InvoiceIssued'`,
  );
  const fail = (what: string) => {
    throw new Error(`invoice numbers: ${what}`);
  };
  const counted = new Map<string, number>();
  for (const { streamId, sequence } of ledger) {
    const expected = (counted.get(streamId) ?? 0) + 1;
    if (sequence !== expected) fail(`${streamId} holds number ${sequence} where ${expected} comes`);
    counted.set(streamId, expected);
  }
  if (ledger.length !== pool.hirers) fail(`the ledger holds ${ledger.length} numbers for ${pool.hirers} hirers`);
  if (new Set(ledger.map((a) => a.employerId)).size !== pool.hirers) fail('a hirer holds two numbers');
  const numbered = ledger.map(({ year, sequence }) => `${invoiceStreamId(year, sequence)} ${invoiceNumberOf(year, sequence)}`).sort();
  const found = issued.map(({ streamId, number }) => `${streamId} ${number}`).sort();
  if (numbered.join() !== found.join()) fail('the issued invoices are not the ledger’s numbers, each in its own stream');
  const payLines = issued.reduce((n, i) => n + i.sources, 0);
  if (payLines !== pool.lines) fail(`the invoices price ${payLines} pay lines, the approved sheets hold ${pool.lines}`);
  const {
    rows: [projected],
  } = await pg.query<{ count: string }>(`SELECT count(*)::text AS count FROM rm_invoices WHERE period_id = $1`, [PERIOD.id]);
  if (Number(projected.count) !== ledger.length) fail(`the invoices read model holds ${projected.count} of ${ledger.length}`);
  const numberOf = ({ year, sequence }: { year: number; sequence: number }) => invoiceNumberOf(year, sequence);
  return {
    count: ledger.length,
    first: numberOf(ledger[0]),
    last: numberOf(ledger[ledger.length - 1]),
    lines: issued.reduce((n, i) => n + i.lines, 0),
    payLines,
    netCents: issued.reduce((n, i) => n + Number(i.netCents), 0),
  };
}

/** The invoice run for every hirer, its projection, the check of its numbers and its raw baseline. */
async function invoicing(api: Api, phases: Phases, pool: PayrollPool): Promise<InvoiceFigures> {
  const run = await timeInvoiceRun(api, phases, pool);
  const loadAfter = loadavg()[0];
  progress(`${api.backend}: projecting the invoices`);
  const t = performance.now();
  await projectionsCaughtUp(api.backend, api.store, api.projector);
  const projectInvoices = performance.now() - t;
  const invoices = await checkedInvoices(api.pg, pool);
  progress(`${api.backend}: numbers ${invoices.first} to ${invoices.last} read back from the ledger: gapless, one a hirer`);
  progress(`${api.backend}: baseline: raw reads of the invoicing's input rows, raw inserts of its events`);
  const baseline = await rawInvoicingBaseline(api.pg);
  return { hirers: pool.hirers, invoices, run, projectInvoices, baseline, loadAfter };
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
    const loadAfter = loadavg()[0];
    const invoiced = INVOICES ? { invoicing: await invoicing(api, phases, pool) } : {};
    return { backend, workers, pool, setup, ...paid, projectRun, baseline, finalize, loadAfter, ...invoiced };
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

interface RawEvent {
  event_type: string;
  schema_version: number;
  data: unknown;
  metadata: unknown;
}

/** Events as stored, to be inserted again raw. */
const storedEvents = async (pg: PostgresConnection['pool'], where: string, params: unknown[]): Promise<RawEvent[]> =>
  (await pg.query<RawEvent>(`SELECT event_type, schema_version, data, metadata FROM es_events WHERE ${where} ORDER BY position`, params))
    .rows;

/** The events into bench_raw_events as one stream, in one statement. */
const rawInsert = (pg: PostgresConnection['pool'], streamId: string, events: readonly RawEvent[]) =>
  pg.query(RAW_INSERT, [
    streamId,
    events.map((e) => e.event_type),
    events.map((e) => e.schema_version),
    jsonbArray(events.map((e) => e.data)),
    jsonbArray(events.map((e) => e.metadata)),
  ]);

/**
 * What the run cannot do faster than: reading, in one query each, every event of the streams it
 * folds (workers, placements, hirers, CAOs, rule tables) and every timesheet row; and inserting
 * its events (the run's own, read back) in one statement, JSON serialisation included.
 */
async function rawBaseline(pg: PostgresConnection['pool'], payRunStream: string) {
  const run = await storedEvents(pg, 'stream_id = $1', [payRunStream]);
  await pg.query(CREATE_RAW);
  let t = performance.now();
  const events = await pg.query(
    `SELECT stream_id, revision, event_type, schema_version, data FROM es_events
     WHERE stream_id NOT LIKE 'timesheet-%' AND stream_id NOT LIKE 'pay-run-%'`,
  );
  const sheets = await pg.query('SELECT * FROM rm_timesheets');
  const read = performance.now() - t;
  t = performance.now();
  await rawInsert(pg, `raw-${payRunStream}`, run);
  const write = performance.now() - t;
  await pg.query('DROP TABLE bench_raw_events');
  if (events.rows.length === 0 || sheets.rows.length === 0) throw new Error('the raw read found no rows');
  return { read, write };
}

/**
 * What invoicing cannot do faster than: reading, in one query each, the run's pay rows and every
 * event of the placement and rate-agreement streams; inserting its events (numbers and invoices,
 * read back) in one statement, and again one statement an event, one after another, as the
 * numbers of a gapless series are taken.
 */
async function rawInvoicingBaseline(pg: PostgresConnection['pool']) {
  const invoicingEvents = await storedEvents(pg, `stream_id LIKE 'invoice-%'`, []);
  await pg.query(CREATE_RAW);
  let t = performance.now();
  const pays = await pg.query('SELECT worker_id, totals, pay, employer_ids FROM rm_pay_run_workers WHERE pay_run_id = $1', [PERIOD.id]);
  const streams = await pg.query(
    `SELECT stream_id, revision, event_type, schema_version, data FROM es_events
     WHERE stream_id LIKE 'placement-%' OR stream_id LIKE 'rates-%'`,
  );
  const read = performance.now() - t;
  t = performance.now();
  await rawInsert(pg, 'raw-invoicing', invoicingEvents);
  const insert = performance.now() - t;
  t = performance.now();
  for (const [i, event] of invoicingEvents.entries()) await rawInsert(pg, `raw-invoicing-${i}`, [event]);
  const insertEach = performance.now() - t;
  await pg.query('DROP TABLE bench_raw_events');
  if (pays.rows.length === 0 || streams.rows.length === 0) throw new Error('the raw read found no rows');
  return { read, insert, insertEach };
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
  printInvoicing(figures);
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

function printInvoicing(figures: readonly Figures[]) {
  const invoiced = figures.flatMap(({ workers, invoicing }) => (invoicing ? [{ workers, ...invoicing }] : []));
  if (invoiced.length === 0) return;
  out('\nAfter the finalization: every hirer invoiced at once (POST /invoice-runs), its phases in seconds, and the raw baseline:\n');
  table(
    [
      'workers',
      'hirers',
      'invoices',
      'invoice lines',
      'pay lines priced',
      '**invoice run s**',
      'invoices/s',
      'invoice lines/s',
      'wait RM',
      'read inputs',
      'draft',
      'numbers',
      'append',
      'other',
      'raw read s',
      'raw insert s',
      'raw one by one s',
      'run / raw',
      'projecting s',
      'load after',
    ],
    invoiced.map(({ workers, hirers, invoices, run, baseline, projectInvoices, loadAfter }) => [
      int(workers),
      int(hirers),
      int(invoices.count),
      int(invoices.lines),
      int(invoices.payLines),
      `**${secs(run.total)}**`,
      (invoices.count / (run.total / 1000)).toFixed(1),
      int(invoices.lines / (run.total / 1000)),
      secs(run.waitReadModels),
      secs(run.readInputs),
      secs(run.draft),
      secs(run.numbers),
      secs(run.append),
      secs(run.total - run.waitReadModels - run.readInputs - run.draft - run.numbers - run.append),
      secs(baseline.read),
      secs(baseline.insert),
      secs(baseline.insertEach),
      (run.total / (baseline.read + baseline.insertEach)).toFixed(1),
      secs(projectInvoices),
      loadAfter.toFixed(2),
    ]),
  );
  const checked = invoiced.map(
    ({ workers, invoices }) => `${int(workers)} workers: ${invoices.first} to ${invoices.last}, net €${int(invoices.netCents / 100)}`,
  );
  const [smallest] = invoiced;
  const growth = invoiced.map(
    (f) =>
      `${int(f.hirers)} hirers: ${(f.run.total / f.hirers).toFixed(1)} ms a hirer (× ${(f.run.total / smallest.run.total).toFixed(2)} the time ` +
      `for × ${(f.hirers / smallest.hirers).toFixed(1)} the hirers)`,
  );
  out(`\nGrowth of the invoice run: ${growth.join('; ')}.`);
  out(
    `Checked after each run, read back from the store: the ledger's numbers are 1..N with no gap and one a hirer, each on one ` +
      `InvoiceIssued in its own stream, every approved pay line on exactly one invoice line, the invoices read model holds them all — ` +
      `${checked.join('; ')}.`,
  );
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
      'and inserting the same rows (the floor). Finalize = POST …/finalization: a lock on every sheet, then the run finalized. ' +
      'Invoice run = POST /invoice-runs for every hirer (a hirer for every five workers, each with one rate agreement, factor or ' +
      'fixed), hirer after hirer: waiting for the read models, reading its inputs (its workers’ pay rows, placements, rate ' +
      'agreements, earlier invoices), drafting, taking each number in the year’s ledger, appending the invoice to its own ' +
      'stream; other = HTTP, finding the run and its hirers, looking for earlier documents. Raw = plain `pg` reading the pay ' +
      'rows and the placement and rate streams, and inserting the invoicing’s events in one statement and one by one; ' +
      'run / raw against the one-by-one insert.',
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
