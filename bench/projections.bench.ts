// Benchmark of the read models on PostgreSQL: a generated pool (payroll-pool.ts: workers registered with a
// contract, each placed at a hirer for 25 weeks, every week's timesheet registered, submitted and approved,
// every hirer's rate agreement; each event decided by its stream's decider) appended to a scratch database,
// then (1) each read model projected live from the whole feed alone, batch by batch, each batch in one
// transaction as the projector applies it, (2) the live read models rebuilt in place, as
// `npm run projections:rebuild` does, and (3) every read model rebuilt into a scratch schema and compared
// with the live tables (`rebuildAndCompare`, the auditors' comparison), which also checks what (2) made.
// The baselines in the same run: the raw `pg` read of every event in feed order, the store's feed read
// (what every projection pays before its own work), and the rebuild + compare without COPY (its bulk
// writes as `unnest` statements, the path PGlite takes).
//   npm run bench:projections                        (600 workers, about 50,000 events)
//   BENCH_WORKERS=6000 npm run bench:projections     (about 500,000 events)
//   BENCH_BATCH=10000 npm run bench:projections      (events per feed read and per live transaction; default 2,000)
// Each figure also gives the CPU seconds of this process and of the PostgreSQL server (from /proc, when it runs on
// this machine), and the events/s their sum would allow with every core busy: the bound no overlapping can beat.
// After the figures, a second rebuild + compare with every `pg` statement timed, put down to the read model
// whose `apply` sent it (or to the scratch schema, the transactions, the comparison): where the rebuild waits.
//   BENCH_CPU_PROFILE=/tmp/profiles npm run bench:projections
//       a .cpuprofile of each live projection and of the rebuild (open in Chrome DevTools, or summarise
//       self time per function); `node --cpu-prof dist/bench/projections.bench.js` profiles the whole run.
// Figures go to stdout, progress lines to stderr.
import 'reflect-metadata'; // TypeORM entity decorators (read models) need it before they load
import { cpus } from 'node:os';
import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { shippedRuleBook } from '@banenpool/domain';
import {
  connectPostgres,
  migrateEventStore,
  PostgresEventStore,
  START,
  type EventStore,
  type GlobalPosition,
  type PostgresConnection,
} from '@banenpool/event-store';
import {
  openReadModelDataSource,
  ProjectionCheckpoint,
  Projector,
  REBUILD_BATCH_SIZE,
  rebuildAndCompare,
  type Projection,
} from '@banenpool/projector';
import { allProjections } from '@banenpool/read-models';
import { createScratchDatabase } from '@banenpool/testing';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { mapBounded } from '../libs/application/src/payroll/collections.js';
import { payrollPool } from './payroll-pool.js';
import { load, out, postgresCpuMs, profiled, progress } from './bench-output.js';

const WORKERS = Number(process.env.BENCH_WORKERS ?? 600);
/** The weeks of timesheets: those of the placements' period (payroll-pool.ts), 25 ISO weeks. */
const SHEET_WEEKS = { id: 'bench', kind: 'four_weeks', from: '2026-01-05', to: '2026-06-28' } as const;
const BATCH_SIZE = Number(process.env.BENCH_BATCH ?? 2_000);
const WRITERS = 8;
const GOAL = { rebuild: 20_000, live: 10_000 };
const CPU_PROFILES = process.env.BENCH_CPU_PROFILE;

const int = (n: number) => Math.round(n).toLocaleString('en-US');

interface Timed {
  name: string;
  seconds: number;
  load: string;
  note?: string;
  /** CPU time of this process (every thread) and of the PostgreSQL server's processes (when on this machine). */
  cpu: { node: number; postgres?: number };
}

async function timed(name: string, work: () => Promise<string | void>): Promise<Timed> {
  const t = performance.now();
  const [node, postgres] = [process.cpuUsage(), postgresCpuMs()];
  const note = await profiled(CPU_PROFILES, name, work);
  const { user, system } = process.cpuUsage(node);
  const postgresAfter = postgresCpuMs();
  const cpu = {
    node: (user + system) / 1e6,
    ...(postgres !== undefined && postgresAfter !== undefined && { postgres: (postgresAfter - postgres) / 1000 }),
  };
  return { name, seconds: (performance.now() - t) / 1000, load: load(), note: note ?? undefined, cpu };
}

/**
 * The CPU seconds of Node and PostgreSQL, and the rate their sum would allow if every core of this machine worked
 * on it all the time: on a shared 2-core machine, a measure whose seconds come near that bound is held by CPU, not
 * by waiting, and no overlapping of the two can make it faster.
 */
function cpuColumn({ cpu }: Timed, events: number): string {
  if (cpu.postgres === undefined) return `${cpu.node.toFixed(2)} + ?`;
  const bound = events / ((cpu.node + cpu.postgres) / cpus().length);
  return `${cpu.node.toFixed(2)} + ${cpu.postgres.toFixed(2)} (${int(bound)})`;
}

async function fillStore(connection: PostgresConnection, store: EventStore): Promise<number> {
  const pool = payrollPool(WORKERS, SHEET_WEEKS, shippedRuleBook(new Date()));
  progress(`appending ${int(pool.events)} events of ${int(WORKERS)} workers, ${WRITERS} writers`);
  await mapBounded(pool.appends, WRITERS, ({ streamId, events }) =>
    store.appendToStream(streamId, events, { expectedVersion: 'no_stream' }),
  );
  const { rows } = await connection.pool.query<{ n: string }>('SELECT count(*) AS n FROM es_events');
  return Number(rows[0].n);
}

/** Baseline: every row, whole, in pages by the feed index, as a reader without the store would. */
async function rawFeedRead(connection: PostgresConnection): Promise<string> {
  let after = ['0', '0'];
  for (let count = 0; ;) {
    const { rows } = await connection.pool.query<{ transaction_id: string; position: string }>(
      `SELECT * FROM es_events WHERE (transaction_id, position) > ($1::xid8, $2::bigint) ORDER BY transaction_id, position LIMIT ${BATCH_SIZE}`,
      after,
    );
    if (rows.length === 0) return `${int(count)} rows`;
    count += rows.length;
    after = [rows[rows.length - 1].transaction_id, rows[rows.length - 1].position];
  }
}

async function storeFeedRead(store: EventStore): Promise<string> {
  let count = 0;
  for (let after: GlobalPosition = START; ;) {
    const batch = await store.readAll({ after, limit: BATCH_SIZE });
    if (batch.length === 0) return `${int(count)} events`;
    count += batch.length;
    after = batch[batch.length - 1].position;
  }
}

/**
 * One read model alone from the whole feed: each batch read, then applied in one transaction with its checkpoint,
 * as the projector does (without its locks and back-off, which another part of the project changes).
 */
async function projectLive(store: EventStore, dataSource: DataSource, projection: Projection): Promise<string> {
  const rows = await countRows(dataSource, projection);
  if (rows > 0) throw new Error(`${projection.name} is not empty`);
  for (let after: GlobalPosition = START; ;) {
    const batch = await store.readAll({ after, limit: BATCH_SIZE });
    if (batch.length === 0) return `${int(await countRows(dataSource, projection))} rows`;
    after = batch[batch.length - 1].position;
    const checkpoint = { name: projection.name, commit: String(after.commit), prepare: String(after.prepare), updatedAt: new Date() };
    await dataSource.transaction(async (manager) => {
      await projection.apply(batch, manager);
      await manager.upsert(ProjectionCheckpoint, checkpoint, ['name']);
    });
  }
}

async function countRows(dataSource: DataSource, projection: Projection): Promise<number> {
  let total = 0;
  for (const entity of projection.entities) total += await dataSource.getRepository(entity).count();
  return total;
}

/** Where a rebuild's time goes: per read model (its `apply` calls) and for the rest, statements and their wall time. */
interface Breakdown {
  readonly part: string;
  statements: number;
  /** Wall time from sending each statement to its answer (PostgreSQL's work and the round trip). */
  statementMs: number;
  /** Wall time of the part as a whole (for a read model: its `apply` calls, its statements included). */
  totalMs: number;
}

/**
 * Runs `work` with every `pg` statement timed and put down to the read model whose `apply` is running (or to
 * "comparison and feed" outside them): the profile says the rebuild waits on PostgreSQL, this says for whom.
 */
async function withBreakdown<T>(
  projections: readonly Projection[],
  work: (wrapped: readonly Projection[]) => Promise<T>,
): Promise<{ result: T; parts: Breakdown[] }> {
  const parts = new Map<string, Breakdown>();
  const part = (name: string) => parts.get(name) ?? parts.set(name, { part: name, statements: 0, statementMs: 0, totalMs: 0 }).get(name)!;
  const OTHER = 'comparison, feed reads and transactions';
  let current = OTHER;
  const prototype = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = prototype.query;
  prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const counted = part(current === OTHER ? `${OTHER}: ${kindOf(args[0])}` : current);
    const statement = current === OTHER ? undefined : part(`  ${current}: ${kindOf(args[0])}`);
    counted.statements++;
    if (statement) statement.statements++;
    const t = performance.now();
    const result = original.apply(this, args);
    const done = () => {
      counted.statementMs += performance.now() - t;
      if (statement) statement.totalMs = statement.statementMs += performance.now() - t;
    };
    if (result instanceof Promise) void result.finally(done).catch(() => undefined);
    // A COPY (pg-copy-streams) is the stream written to: done when PostgreSQL has taken every row.
    else if (result instanceof Writable)
      finished(result)
        .finally(done)
        .catch(() => undefined);
    return result;
  };
  const wrapped = projections.map((projection): Projection => ({
    ...projection,
    apply: async (batch, manager) => {
      const t = performance.now();
      current = projection.name;
      try {
        await projection.apply(batch, manager);
      } finally {
        current = OTHER;
        part(projection.name).totalMs += performance.now() - t;
      }
    },
  }));
  const started = performance.now();
  try {
    const result = await work(wrapped);
    for (const p of parts.values()) if (p.part.startsWith(OTHER)) p.totalMs = p.statementMs;
    const unaccounted =
      performance.now() - started - [...parts.values()].reduce((sum, p) => sum + (p.part.startsWith(' ') ? 0 : p.totalMs), 0);
    part(`${OTHER}: not waiting on a statement`).totalMs = unaccounted;
    return { result, parts: [...parts.values()].sort((a, b) => b.totalMs - a.totalMs) };
  } finally {
    prototype.query = original;
  }
}

/** What a statement outside the read models is for, by its text. */
function kindOf(query: unknown): string {
  const text = typeof query === 'string' ? query : String((query as { text?: string } | undefined)?.text ?? '');
  if (/SCHEMA/.test(text)) return 'scratch schema';
  if (text.includes('FULL JOIN') || text.includes('NOT EXISTS')) return 'comparing';
  if (/es_events|es_read|readAll|read_all/i.test(text)) return 'feed reads';
  if (/^\s*(START|BEGIN|COMMIT|ROLLBACK|SET|SELECT set_config)/i.test(text)) return 'transactions';
  return text.replace(/\s+/g, ' ').slice(0, 60);
}

function printBreakdown(parts: readonly Breakdown[], batches: number): void {
  out(`\nWhere the rebuild + compare spent its time (${int(batches)} batches; a second run, timed per statement):`);
  out('| part | ms | statements | per batch | ms waiting on PostgreSQL |');
  out('|---|---:|---:|---:|---:|');
  for (const p of parts.filter((p) => !p.part.startsWith(' '))) {
    out(`| ${p.part} | ${int(p.totalMs)} | ${int(p.statements)} | ${(p.statements / batches).toFixed(1)} | ${int(p.statementMs)} |`);
  }
  out("\nThe read models' statements that waited longest on PostgreSQL (ms, count):");
  for (const p of parts.filter((p) => p.part.startsWith(' ')).slice(0, 12))
    out(`- ${p.part.trim()}: ${int(p.statementMs)} ms, ${int(p.statements)}`);
}

async function measure(
  connection: PostgresConnection,
  store: EventStore,
  events: number,
): Promise<{ figures: Timed[]; equal: boolean; breakdown: Breakdown[] }> {
  const dataSource = await openReadModelDataSource(
    connection,
    allProjections.flatMap((p) => p.entities),
  );
  try {
    const figures = [
      await timed('raw `pg` read of every event in feed order (baseline)', () => rawFeedRead(connection)),
      await timed('feed read through the store (baseline)', () => storeFeedRead(store)),
    ];
    for (const projection of allProjections) {
      progress(`live: ${projection.name} (load ${load()})`);
      figures.push(await timed(`live: ${projection.name}`, () => projectLive(store, dataSource, projection)));
    }
    progress(`rebuild the live read models, as \`npm run projections:rebuild\` does (load ${load()})`);
    figures.push(
      await timed(
        `rebuild ${allProjections.length} live read models (\`npm run projections:rebuild\`; the comparisons below check it)`,
        async () => {
          await new Projector(store, dataSource, allProjections).rebuild();
          return 'live tables replaced';
        },
      ),
    );
    progress(`rebuild every read model into a scratch schema and compare, without COPY (load ${load()})`);
    figures.push(
      await timed(`rebuild ${allProjections.length} read models + compare, without COPY (baseline: the PGlite path)`, async () => {
        const comparison = await rebuildAndCompare({ store, dataSource, projections: allProjections, copy: false });
        return comparison.equal ? 'equal' : 'DIFFERENT';
      }),
    );
    progress(`rebuild every read model into a scratch schema and compare (load ${load()})`);
    let equal = false;
    figures.push(
      await timed(`rebuild ${allProjections.length} read models + compare`, async () => {
        // Its own batch size and lanes, as the auditors' comparison runs it.
        const comparison = await rebuildAndCompare({ store, dataSource, projections: allProjections });
        equal = comparison.equal;
        if (comparison.events !== events) throw new Error(`rebuilt ${comparison.events} events, expected ${events}`);
        return equal ? 'equal' : `DIFFERENT: ${JSON.stringify(comparison.projections.filter((p) => !p.equal))}`;
      }),
    );
    progress(`rebuild again, each statement timed (load ${load()})`);
    const { parts } = await withBreakdown(allProjections, (projections) =>
      // One lane: the breakdown times one read model's statements at a time.
      rebuildAndCompare({ store, dataSource, projections, lanes: 1 }),
    );
    return { figures, equal, breakdown: parts };
  } finally {
    await dataSource.destroy();
  }
}

function print(events: number, figures: readonly Timed[]) {
  out(
    `\nRead models on PostgreSQL: ${int(events)} events of ${int(WORKERS)} workers, live in batches of ${int(BATCH_SIZE)}, ` +
      `rebuilt in batches of ${int(REBUILD_BATCH_SIZE)} (its default)`,
  );
  out(`node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'})`);
  out(
    '| measure | seconds | events/s | goal | CPU s: Node + PostgreSQL (events/s if all cores worked) | load after (1/5/15 min) | result |',
  );
  out('|---|---:|---:|---:|---:|---|---|');
  for (const f of figures) {
    const goal = f.name.startsWith('live:')
      ? GOAL.live
      : f.name.startsWith('rebuild') && !f.name.includes('baseline')
        ? GOAL.rebuild
        : undefined;
    const rate = events / f.seconds;
    const met = goal === undefined ? '-' : `${int(goal)} (${rate >= goal ? 'met' : 'not met'})`;
    out(`| ${f.name} | ${f.seconds.toFixed(2)} | ${int(rate)} | ${met} | ${cpuColumn(f, events)} | ${f.load} | ${f.note ?? '-'} |`);
  }
}

async function main() {
  progress(`load average at start ${load()}`);
  const database = await createScratchDatabase();
  const connection = connectPostgres({ url: database.url, poolSize: WRITERS });
  try {
    await migrateEventStore(connection.pool);
    const store = new PostgresEventStore(connection.pool);
    const events = await fillStore(connection, store);
    const { figures, equal, breakdown } = await measure(connection, store, events);
    print(events, figures);
    printBreakdown(breakdown, Math.ceil(events / REBUILD_BATCH_SIZE));
    if (!equal) process.exitCode = 1;
  } finally {
    await connection.close();
    await database.drop();
  }
  progress('done, scratch database dropped');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
