// Benchmark of the auditors' tools, each against a raw `pg` baseline doing the reading alone in the same run:
//  1. as-of answers over one 10,000-event stream (goal ≤ 100 ms), on a PostgreSQL scratch database and on PGlite:
//     replayed from the first event, and started from the snapshot a command keeps (ADR 0023);
//  2. on a generated store of ≥ 500,000 pool events (PostgreSQL): verifying every stream's hash chain, sealing a
//     digest of the whole feed and recomputing it (verify against the digest), and
//     rebuilding every read model into a scratch schema and comparing it with the live one.
//   npm run bench:audit                      (full run, about 5 minutes on 2 cores)
//   BENCH_SCALE=0.05 npm run bench:audit     (quick run: a smaller store; the 10,000-event stream stays)
//   BENCH_ONLY=as-of npm run bench:audit     (the as-of part alone, about a minute; BENCH_AS_OF_RUNS=41 for more runs)
// Figures go to stdout, progress lines to stderr.
import 'reflect-metadata'; // TypeORM entity decorators (read models) need it before they load
import { cpus, loadavg } from 'node:os';
import {
  foldHistory,
  keptSnapshotsOf,
  PostgresStreamSnapshots,
  SNAPSHOT_EVERY,
  snapshotDue,
  snapshottingFor,
} from '@banenpool/application';
import { stateAsAppliedOn, stateAsKnownAt, type KeptSnapshots } from '@banenpool/audit';
import {
  agreedPayOf,
  caoDecider,
  caoVersions,
  employerDecider,
  fold,
  hirerTermsFor,
  schemaVersionOf,
  type CaoEvent,
  type DomainEvent,
  type EmployerEvent,
  workerDecider,
} from '@banenpool/domain';
import {
  connectPostgres,
  migrateEventStore,
  PostgresEventStore,
  sealFeedDigest,
  startEmbeddedPostgres,
  verifyEventChain,
  verifyFeedDigests,
  type NewEvent,
  type PostgresConnection,
} from '@banenpool/event-store';
import { openReadModelDataSource, Projector, rebuildAndCompare } from '@banenpool/projector';
import { allProjections } from '@banenpool/read-models';
import { createScratchDatabase } from '@banenpool/testing';
import { workerStream } from '../libs/audit/src/worker-stream.fixtures.js';
import { shippedRules } from '../libs/domain/src/placement/placement-pay.fixtures.js';

const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const STORE_EVENTS = Math.max(1_000, Math.round(500_000 * SCALE));
const STREAM_EVENTS = 10_000; // not scaled: the goal is about a stream of this length
const AS_OF_RUNS = Number(process.env.BENCH_AS_OF_RUNS ?? 21);
const WRITERS = 16;

const started = performance.now();
const progress = (message: string) =>
  process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(1).padStart(6)}s] ${message}\n`);
const ms = (from: number) => performance.now() - from;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const p95 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.ceil(values.length * 0.95) - 1];
const int = (n: number) => Math.round(n).toLocaleString('en-US');

type Append = { streamId: string; events: DomainEvent<string, unknown>[] };
const append = (streamId: string, ...events: DomainEvent<string, unknown>[]): Append => ({ streamId, events });
const toNew = (events: readonly DomainEvent<string, unknown>[]): NewEvent[] =>
  events.map((e) => ({
    type: e.type,
    data: e.data,
    schemaVersion: schemaVersionOf(e.type),
    metadata: { actor: 'operator:bench', correlationId: 'bench' },
  }));

// ---- one long stream: a worker placed week by week for two centuries of weeks -------------------

/** 10,000 events of one worker: registered, a contract, then weekly placements' hours committed and released. */
const longWorkerStream = (workerId: string) =>
  workerStream(workerId, STREAM_EVENTS / 2, { from: '1830-01-04', releaseEvery: 1 }).slice(0, STREAM_EVENTS);

async function appendInBatches(store: PostgresEventStore, streamId: string, events: readonly DomainEvent<string, unknown>[]) {
  for (let i = 0; i < events.length; i += 500)
    await store.appendToStream(streamId, toNew(events.slice(i, i + 500)), { expectedVersion: 'any' });
}

interface AsOfFigures {
  backend: string;
  /** Wall time of each answer as known now (all 10,000 events) replayed from the first event. */
  knownAtFull: number[];
  /** As known now, then as applied on a date, started from the snapshot; then as known halfway (before the snapshot: a full replay). */
  knownAt: number[];
  appliedOn: number[];
  halfway: number[];
  /** This process's CPU time for each answer as known now from the snapshot (on PGlite that includes the database, which runs in it). */
  knownAtCpu: number[];
  /** The baseline: a raw `pg` SELECT of the same rows and columns the replay reads. */
  raw: number[];
  load: { before: number; after: number };
}

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/**
 * The snapshot a command keeps of the stream at its worst for an as-of: the most events after it a
 * command leaves (one fewer than SNAPSHOT_EVERY), so an answer as known now folds 99 events onto it.
 */
async function keepSnapshot(connection: PostgresConnection, store: PostgresEventStore, streamId: string): Promise<KeptSnapshots> {
  const snapshots = new PostgresStreamSnapshots(connection.pool);
  const revision = STREAM_EVENTS - SNAPSHOT_EVERY;
  const recent = await store.readStream(streamId, { toRevision: revision });
  const loaded = { state: foldHistory(workerDecider, recent), version: revision, recent };
  const { snapshot } = snapshotDue(streamId, loaded, snapshottingFor(workerDecider, snapshots)!)!;
  await snapshots.write(snapshot, []);
  return keptSnapshotsOf(snapshots);
}

/** An answer as sent, without the part that says where its fold started. */
const asSent = (answer: object) => JSON.stringify({ ...answer, replayedFrom: undefined });

/**
 * Times the as-of answers over the whole stream, replayed from the first event and from the kept
 * snapshot, and as known halfway (the store cuts the stream at the instant), against a raw `pg`
 * read of the same rows, interleaved so that load hits all alike.
 */
async function measureAsOf(backend: string, connection: PostgresConnection, store: PostgresEventStore): Promise<AsOfFigures> {
  const workerId = `long-${backend}`;
  const streamId = `worker-${workerId}`;
  progress(`${backend}: writing one worker stream of ${STREAM_EVENTS.toLocaleString('en-US')} events and a snapshot`);
  await appendInBatches(store, streamId, longWorkerStream(workerId));
  const snapshots = await keepSnapshot(connection, store, streamId);
  const subject = { kind: 'worker', id: workerId } as const;
  const now = new Date();
  // Appends are of 500 events, each at its own instant: as known at the 5,000th event's, half the stream was recorded.
  const [middle] = await store.readStreamForReplay(streamId, { fromRevision: STREAM_EVENTS / 2 - 1, maxCount: 1 });
  const figures: AsOfFigures = {
    backend,
    knownAtFull: [],
    knownAt: [],
    appliedOn: [],
    halfway: [],
    knownAtCpu: [],
    raw: [],
    load: { before: loadavg()[0], after: 0 },
  };
  for (let run = 0; run < AS_OF_RUNS; run++) {
    let t = performance.now();
    const full = await stateAsKnownAt(store, subject, now);
    figures.knownAtFull.push(ms(t));
    if (full.eventsReplayed !== STREAM_EVENTS) throw new Error(`as-of replayed ${full.eventsReplayed} events, expected ${STREAM_EVENTS}`);
    t = performance.now();
    const cpu = cpuMs();
    const known = await stateAsKnownAt(store, subject, now, snapshots);
    figures.knownAt.push(ms(t));
    figures.knownAtCpu.push(cpuMs() - cpu);
    if (!known.replayedFrom.snapshot || asSent(known) !== asSent(full))
      throw new Error('the answer from the snapshot is not the full replay’s');
    t = performance.now();
    await stateAsAppliedOn(store, subject, '1900-06-06', now, snapshots);
    figures.appliedOn.push(ms(t));
    t = performance.now();
    const half = await stateAsKnownAt(store, subject, middle.recordedAt, snapshots);
    figures.halfway.push(ms(t));
    if (half.eventsReplayed !== STREAM_EVENTS / 2 || half.replayedFrom.snapshot)
      throw new Error(`as-of halfway replayed ${half.eventsReplayed} events`);
    t = performance.now();
    const raw = await connection.pool.query(
      'SELECT stream_id, revision::text, event_type, schema_version, data, recorded_at FROM es_events WHERE stream_id = $1 ORDER BY revision',
      [streamId],
    );
    figures.raw.push(ms(t));
    if (raw.rows.length !== STREAM_EVENTS) throw new Error(`raw read ${raw.rows.length} rows`);
  }
  figures.load.after = loadavg()[0];
  return figures;
}

// ---- a pool store of ≥ 500,000 events ---------------------------------------------------------------

/** Each CAO with the wage of step 1 of its scale A, and the step its placements are agreed at. */
const CAO = {
  recreatie: { code: 'recreatie', hourlyCents: 1512, step: 1 },
  schoonmaak: { code: 'schoonmaak', hourlyCents: 1598, step: 2 },
};
type BenchCao = (typeof CAO)[keyof typeof CAO];
const CAO_CONTENT = (hourlyCents: number) => ({
  wageScales: { A: [hourlyCents - 32, hourlyCents, hourlyCents + 33] },
  surcharges: { timeBands: [], publicHolidayBp: 10000 },
  holidayPayBp: 800,
  fullTimeHoursPerWeek: 38,
  seasonalClause: false,
  illustrative: true,
});

function caoStreams(): Append[] {
  return Object.values(CAO).map(({ code, hourlyCents }) =>
    append(
      `cao-${code}`,
      { type: 'CaoRegistered', data: { code, name: `CAO ${code} (illustrative)` } },
      { type: 'CaoVersionPublished', data: { code, effectiveFrom: '2026-01-01', content: CAO_CONTENT(hourlyCents) } },
    ),
  );
}

const CAO_VERSIONS = caoStreams().flatMap(({ events }) => caoVersions(fold(caoDecider, events as CaoEvent[])));

const employer = (employerId: string, caoCode: string, siteId: string, functionName: string, ...more: DomainEvent<string, unknown>[]) =>
  append(
    `employer-${employerId}`,
    { type: 'EmployerJoinedPool', data: { employerId, name: employerId, memberFrom: '2026-01-01' } },
    { type: 'CaoApplied', data: { employerId, caoCode, from: '2026-01-01' } },
    { type: 'SiteAdded', data: { employerId, siteId, name: siteId, area: 'hengelo' } },
    { type: 'FunctionClassified', data: { employerId, functionName, caoCode, scale: 'A', from: '2026-01-01' } },
    ...more,
  );

/**
 * One park closing for the winter and one facility-services company, ten workers who work at the park
 * in summer and are placed at the facility company for the winter, as the API and the placement process
 * write it: about 135 events. `k` makes every id of this pool its own.
 */
function winterPool(k: number): Append[] {
  const park = `park-${k}`;
  const facility = `facility-${k}`;
  const request = `winter-${k}`;
  const parkEmployer = employer(park, 'recreatie', 'park', 'attractiemedewerker', {
    type: 'SeasonalClosureDeclared',
    data: { employerId: park, siteId: 'park', period: { from: '2026-11-01', to: '2027-03-31' }, reason: 'Winter closure' },
  });
  const facilityEmployer = employer(facility, 'schoonmaak', 'hengelo', 'schoonmaker');
  const appends: Append[] = [
    parkEmployer,
    facilityEmployer,
    append(`capacity-${request}`, {
      type: 'CapacityRequested',
      data: {
        requestId: request,
        employerId: facility,
        siteId: 'hengelo',
        functionName: 'schoonmaker',
        requiredSkill: 'cleaning',
        period: { from: '2026-11-02', to: '2027-03-28' },
        hoursPerWeek: 24,
        headcount: 10,
      },
    }),
  ];
  for (let w = 0; w < 10; w++) {
    const workerId = `w-${k}-${w}`;
    const birthDate = `19${70 + w * 3}-05-1${w % 9}`;
    appends.push(
      append(
        `worker-${workerId}`,
        {
          type: 'WorkerRegistered',
          data: {
            workerId,
            name: `Worker ${k}/${w}`,
            birthDate,
            homeArea: 'hengelo',
            skills: ['attractions'],
            availability: { kind: 'hours_per_week', hoursPerWeek: 40, unavailable: [] },
          },
        },
        {
          type: 'PoolContractAgreed',
          data: {
            workerId,
            contractId: 'c1',
            terms: { kind: 'indefinite', from: '2026-03-01', guaranteedHoursPerWeek: 24, maxHoursPerWeek: 32 },
          },
        },
        { type: 'SkillAdded', data: { workerId, skill: 'cleaning' } },
      ),
      ...placed(
        `${workerId}-park`,
        workerId,
        birthDate,
        park,
        'park',
        'attractiemedewerker',
        { from: '2026-04-01', to: '2026-10-31' },
        CAO.recreatie,
        parkEmployer,
      ),
      append(`placement-${workerId}-park`, { type: 'PlacementEnded', data: { placementId: `${workerId}-park`, lastDay: '2026-10-31' } }),
      ...placed(
        `${workerId}-winter`,
        workerId,
        birthDate,
        facility,
        'hengelo',
        'schoonmaker',
        { from: '2026-11-02', to: '2027-03-28' },
        CAO.schoonmaak,
        facilityEmployer,
        request,
      ),
    );
  }
  return appends;
}

function placed(
  placementId: string,
  workerId: string,
  birthDate: string,
  employerId: string,
  siteId: string,
  functionName: string,
  period: { from: string; to: string },
  cao: BenchCao,
  hirer: Append,
  requestId?: string,
): Append[] {
  const terms = {
    placementId,
    workerId,
    employerId,
    ...(requestId ? { capacityRequestId: requestId } : {}),
    siteId,
    functionName,
    legalForm: 'payroll',
    hoursPerWeek: 24,
    period,
    billRateCents: 3150,
  };
  return [
    append(
      `placement-${placementId}`,
      { type: 'PlacementProposed', data: terms },
      { type: 'PlacementConfirmed', data: { ...terms, ...confirmation(terms, birthDate, cao, hirer) } },
    ),
    ...(requestId ? [append(`capacity-${requestId}`, { type: 'CapacitySlotReserved', data: { requestId, placementId } })] : []),
    append(`worker-${workerId}`, { type: 'HoursCommitted', data: { workerId, placementId, contractId: 'c1', hoursPerWeek: 24, period } }),
  ];
}

/** What the placement decider records at confirmation (a winter placement's first-day pay is not yet known). */
function confirmation(
  terms: { placementId: string; employerId: string; functionName: string; period: { from: string; to: string } },
  birthDate: string,
  cao: BenchCao,
  hirer: Append,
) {
  const placement = { ...terms, step: cao.step, hirer: fold(employerDecider, hirer.events as EmployerEvent[]) };
  return { ...agreedPayOf(placement, { birthDate }, shippedRules, CAO_VERSIONS), hirerTerms: hirerTermsFor('payroll') };
}

/** Writes pools until the store holds `STORE_EVENTS` events, 16 writers each appending its pools in order. */
async function generateStore(connection: PostgresConnection, store: PostgresEventStore): Promise<number> {
  const perPool = winterPool(0).reduce((n, a) => n + a.events.length, 0);
  const pools = Math.ceil(STORE_EVENTS / perPool);
  progress(`postgres: generating ${int(pools)} pools of ${perPool} events (${int(pools * perPool)} events), ${WRITERS} writers`);
  for (const { streamId, events } of caoStreams()) await store.appendToStream(streamId, toNew(events), { expectedVersion: 'no_stream' });
  let done = 0;
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, writer) => {
      for (let k = writer; k < pools; k += WRITERS) {
        for (const { streamId, events } of winterPool(k)) await store.appendToStream(streamId, toNew(events), { expectedVersion: 'any' });
        if (++done % 200 === 0) progress(`  ${int(done * perPool)} events written`);
      }
    }),
  );
  const {
    rows: [{ n }],
  } = await connection.pool.query<{ n: string }>('SELECT count(*) AS n FROM es_events');
  return Number(n);
}

/** The baseline: every row, whole, in pages of 2,000 by the feed index, as a reader without the store would. */
async function rawFeedRead(connection: PostgresConnection): Promise<number> {
  let after = ['0', '0'];
  let count = 0;
  for (;;) {
    const { rows } = await connection.pool.query<{ transaction_id: string; position: string }>(
      `SELECT * FROM es_events WHERE (transaction_id, position) > ($1::xid8, $2::bigint) ORDER BY transaction_id, position LIMIT 2000`,
      after,
    );
    if (rows.length === 0) return count;
    count += rows.length;
    after = [rows[rows.length - 1].transaction_id, rows[rows.length - 1].position];
  }
}

// ---- running ------------------------------------------------------------------------------------------

interface StoreFigures {
  events: number;
  verifySeconds: number;
  sealSeconds: number;
  digestVerifySeconds: number;
  digestBreaks: number;
  compareSeconds: number;
  rawReadSeconds: number;
  equal: boolean;
  breaks: number;
  projectionSeconds: Record<string, number>;
}

async function measureStore(connection: PostgresConnection, store: PostgresEventStore): Promise<StoreFigures> {
  const events = await generateStore(connection, store);
  const dataSource = await openReadModelDataSource(
    connection,
    allProjections.flatMap((p) => p.entities),
  );
  try {
    progress('postgres: live projection of the whole store, one read model at a time');
    const projector = new Projector(store, dataSource, allProjections, { batchSize: 2_000 });
    const projectionSeconds: Record<string, number> = {};
    for (const projection of allProjections) {
      const t0 = performance.now();
      await projector.catchUp([projection]);
      projectionSeconds[projection.name] = ms(t0) / 1000;
      progress(`  ${projection.name}: ${projectionSeconds[projection.name].toFixed(1)} s`);
    }

    progress('postgres: raw read of every event in feed order (baseline)');
    let t = performance.now();
    const read = await rawFeedRead(connection);
    const rawReadSeconds = ms(t) / 1000;
    if (read !== events) throw new Error(`raw read ${read} events, expected ${events}`);

    progress('postgres: verify every hash chain');
    t = performance.now();
    const verification = await verifyEventChain(connection.pool, {
      onProgress: (checked) => progress(`  ${int(checked)} events verified`),
    });
    const verifySeconds = ms(t) / 1000;

    progress('postgres: seal a digest of the whole feed, then verify against it');
    t = performance.now();
    await sealFeedDigest(connection.pool);
    const sealSeconds = ms(t) / 1000;
    t = performance.now();
    const digestBreaks = (await verifyFeedDigests(connection.pool)).breaks.length;
    const digestVerifySeconds = ms(t) / 1000;

    progress('postgres: rebuild every read model into a scratch schema and compare');
    let shown = 0;
    const comparison = await rebuildAndCompare({
      store,
      dataSource,
      projections: allProjections,
      onProgress: ({ projection, applied: done, total }) => {
        if (done - shown < 100_000 && done < total) return;
        shown = done;
        progress(`  ${projection}: ${int(done)} / ${int(total)}`);
      },
    });
    const digest = { sealSeconds, digestVerifySeconds, digestBreaks };
    return {
      events,
      verifySeconds,
      ...digest,
      compareSeconds: comparison.seconds,
      rawReadSeconds,
      equal: comparison.equal,
      breaks: verification.breaks.length,
      projectionSeconds,
    };
  } finally {
    await dataSource.destroy();
  }
}

function printAsOf(figures: AsOfFigures[]) {
  console.log(`\nAs-of answers over one ${int(STREAM_EVENTS)}-event stream (${AS_OF_RUNS} runs each, interleaved; goal ≤ 100 ms at p95)`);
  console.log(
    `From the snapshot a command keeps at revision ${int(STREAM_EVENTS - SNAPSHOT_EVERY)} (${SNAPSHOT_EVERY - 1} events after it, the most a command leaves); halfway is before it, so replayed from the first event.`,
  );
  console.log(`node ${process.version}, ${cpus().length} cores, load average (1 min) before / after each backend's runs`);
  console.log(
    '| backend | load | as known now, full replay: p50 / p95 | as known now, from the snapshot: p50 / p95 | CPU p50 | as applied on a date, from the snapshot: p50 / p95 | as known halfway (5,000 events, full replay): p50 / p95 | raw `pg` SELECT of all 10,000 rows: p50 / p95 | goal met (from the snapshot)? |',
  );
  console.log('|---|---|---:|---:|---:|---:|---:|---:|---|');
  for (const f of figures) {
    const fmt = (v: number[]) => `${median(v).toFixed(1)} / ${p95(v).toFixed(1)} ms`;
    const met = Math.max(p95(f.knownAt), p95(f.appliedOn)) <= 100 ? 'yes' : 'no';
    console.log(
      `| ${f.backend} | ${f.load.before.toFixed(2)} / ${f.load.after.toFixed(2)} | ${fmt(f.knownAtFull)} | ${fmt(f.knownAt)} | ${median(f.knownAtCpu).toFixed(1)} ms | ${fmt(f.appliedOn)} | ${fmt(f.halfway)} | ${fmt(f.raw)} | ${met} |`,
    );
  }
}

function printStore(f: StoreFigures) {
  console.log(`\nWhole store on PostgreSQL: ${int(f.events)} events`);
  console.log('| measure | seconds | events/s | result |');
  console.log('|---|---:|---:|---|');
  console.log(
    `| raw \`pg\` read of every event in feed order (baseline) | ${f.rawReadSeconds.toFixed(1)} | ${int(f.events / f.rawReadSeconds)} | - |`,
  );
  console.log(
    `| verify every stream's hash chain | ${f.verifySeconds.toFixed(1)} | ${int(f.events / f.verifySeconds)} | ${f.breaks} breaks |`,
  );
  console.log(`| seal a digest of every stream's head | ${f.sealSeconds.toFixed(1)} | ${int(f.events / f.sealSeconds)} | - |`);
  console.log(
    `| verify against the digest (recompute it) | ${f.digestVerifySeconds.toFixed(1)} | ${int(f.events / f.digestVerifySeconds)} | ${f.digestBreaks} breaks |`,
  );
  for (const [name, secs] of Object.entries(f.projectionSeconds))
    console.log(`| live projection: ${name} | ${secs.toFixed(1)} | ${int(f.events / secs)} | - |`);
  console.log(
    `| rebuild ${allProjections.length} read models into a scratch schema + compare | ${f.compareSeconds.toFixed(1)} | ${int(f.events / f.compareSeconds)} | ${f.equal ? 'equal' : 'DIFFERENT'} |`,
  );
}

/** A fresh migrated store on a PostgreSQL scratch database (or PGlite in memory), closed and dropped after `work`. */
async function withStore<T>(
  backend: 'postgres' | 'pglite',
  work: (connection: PostgresConnection, store: PostgresEventStore) => Promise<T>,
): Promise<T> {
  const database = backend === 'postgres' ? await createScratchDatabase() : undefined;
  const connection = database ? connectPostgres({ url: database.url, poolSize: WRITERS }) : await startEmbeddedPostgres('memory://');
  try {
    await migrateEventStore(connection.pool);
    return await work(connection, new PostgresEventStore(connection.pool));
  } finally {
    await connection.close();
    await database?.drop();
  }
}

async function main() {
  progress(`store of ${int(STORE_EVENTS)} events (BENCH_SCALE=${SCALE}), stream of ${int(STREAM_EVENTS)}`);
  const asOf = [
    await withStore('postgres', (c, s) => measureAsOf('postgres', c, s)),
    await withStore('pglite', (c, s) => measureAsOf('pglite', c, s)),
  ];
  printAsOf(asOf);
  if (process.env.BENCH_ONLY === 'as-of') return;
  const whole = await withStore('postgres', measureStore);
  printStore(whole);
  if (!whole.equal || whole.breaks > 0) process.exitCode = 1;
  progress('done, scratch databases dropped');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
