import { randomBytes } from 'node:crypto';
import { comparePositions, START, type EventStore, type GlobalPosition, type RecordedEvent } from '@banenpool/event-store';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { BatchesReadAhead } from './batches-read-ahead.js';
import { allowCopy, supportsCopy } from './bulk-copy.js';
import { dealByCost } from './deal-by-cost.js';
import type { EntityClass, Projection } from './projection.js';
import { ProjectionCheckpoint } from './projection-checkpoint.entity.js';
import { quoteIdentifier as quote } from './sql-names.js';

export interface RebuildProgress {
  projection: string;
  /** Events applied to this projection's scratch copy so far. */
  applied: number;
  /** Events in the feed when the comparison started (grows if the live projections move past it). */
  total: number;
}

export interface TableComparison {
  table: string;
  liveRows: number;
  rebuiltRows: number;
  /** Rows of the live table that the rebuilt one lacks: its key is missing there, or that row differs. */
  onlyLive: number;
  onlyRebuilt: number;
  /** A few differing rows: `{ side: 'live' | 'rebuilt', row }`. */
  samples: unknown[];
}

export interface ProjectionComparison {
  name: string;
  equal: boolean;
  /** The live checkpoint that the rebuilt copy was brought to and compared at. */
  position?: GlobalPosition;
  tables: TableComparison[];
}

export interface ReadModelComparison {
  equal: boolean;
  /** The newest position any projection was compared at (each one's own is in `projections`). */
  position?: GlobalPosition;
  /** Events replayed into the scratch schema. */
  events: number;
  seconds: number;
  projections: ProjectionComparison[];
}

export interface RebuildAndCompareOptions {
  store: EventStore;
  dataSource: DataSource;
  projections: readonly Projection[];
  onProgress?: (progress: RebuildProgress) => void;
  /** Events per read of the feed and per scratch transaction (default 20,000). */
  batchSize?: number;
  /**
   * Connections used at once, each in its own transaction: to apply a batch to the copies, and to settle and
   * compare them (default: up to 3, at most half the pool; one with a single connection, as in embedded mode).
   */
  lanes?: number;
  /** Whether large writes to the copies may use COPY (`bulk-copy.ts`; default: when the database takes it, not PGlite). */
  copy?: boolean;
}

/**
 * Larger batches mean fewer statements per event: 10,000 instead of 2,000 took the rebuild of a 48,000-event pool from
 * about 3.2 s to 2.3 s of the read models' own time, and 20,000 the whole rebuild + compare from about 14,000 to 17,000
 * events/s (bench:projections, load 5). A batch's events and the rows made of them are held in memory meanwhile.
 */
export const REBUILD_BATCH_SIZE = 20_000;
/** More lanes than this won't overlap more work on the 2-core machines the pool runs on, and would crowd the shared pool. */
const MAX_LANES = 3;
const SAMPLE_ROWS = 3;
/** Rounds of "catch up to the live checkpoint and compare" before giving up on a projection that keeps outrunning the reads. */
const MAX_SETTLE_ROUNDS = 200;

/**
 * Rebuilds every projection from the whole feed into a fresh scratch schema, through the same
 * projection code, and compares each with its live tables at one position: the live checkpoint,
 * read in the same REPEATABLE READ snapshot as the live rows, after the scratch copy was caught
 * up to exactly that position. The live projector waits only while one projection's last batch is
 * applied to its copy and compared (under that projection's batch lock); nothing live is written.
 * The scratch schema is dropped afterwards, also when something fails. See ADR 0008.
 */
export async function rebuildAndCompare(options: RebuildAndCompareOptions): Promise<ReadModelComparison> {
  const started = performance.now();
  // The total is for progress reports only: counted when someone listens, while the scratch schema is made.
  const counting = options.onProgress ? countFeed(options.store) : Promise.resolve(0);
  counting.catch(() => undefined); // awaited below; a failing schema creation must not leave it unhandled
  // The feed's first batch is read while the scratch tables are made (on a small pool a tenth of the whole).
  const ahead = new BatchesReadAhead(options.store);
  ahead.start(START, options.batchSize ?? REBUILD_BATCH_SIZE);
  const schema = await ScratchSchema.create(options.dataSource, options.projections);
  let projections: ProjectionComparison[];
  let events: number;
  try {
    const comparer = new ReadModelComparer(
      options,
      schema,
      await counting,
      options.copy ?? (await supportsCopy(options.dataSource)),
      ahead,
    );
    projections = await comparer.run();
    events = comparer.eventsReplayed();
  } catch (error) {
    await schema.drop().catch(() => undefined); // the failure that stopped the comparison is the one to report
    throw error;
  }
  await schema.drop();
  const positions = projections.flatMap((p) => (p.position ? [p.position] : []));
  const seconds = (performance.now() - started) / 1000;
  return {
    equal: projections.every((p) => p.equal),
    position: positions.length > 0 ? latest(positions) : undefined,
    events,
    seconds,
    projections,
  };
}

/** A projection's copy in the scratch schema and how far it has applied the feed. */
interface Replica {
  projection: Projection;
  position: GlobalPosition;
  applied: number;
  /** How long its last batch took (ms): the costliest copies are started first. */
  lastMs: number;
}

class ReadModelComparer {
  private readonly replicas: Replica[];
  private readonly batchSize: number;
  private readonly lanes: number;

  constructor(
    private readonly options: RebuildAndCompareOptions,
    private readonly schema: ScratchSchema,
    private total: number,
    /** Whether the copies may be written with COPY (`bulk-copy.ts`). */
    private readonly copy: boolean,
    /** The batches read ahead, the feed's first among them. */
    private readonly ahead: BatchesReadAhead,
  ) {
    this.replicas = options.projections.map((projection) => ({ projection, position: START, applied: 0, lastMs: 0 }));
    this.batchSize = options.batchSize ?? REBUILD_BATCH_SIZE;
    this.lanes = Math.max(1, options.lanes ?? defaultLanes(options.dataSource));
  }

  async run(): Promise<ProjectionComparison[]> {
    // The bulk of the replay reads the feed once for every projection; each then settles alone.
    const live = await liveCheckpoints(this.options.dataSource.manager, this.replicas);
    await this.catchUp(this.replicas, live);
    this.ahead.clear();
    // Each copy settles in transactions of its own, so several settle and compare at once.
    return inLanes(this.replicas, this.lanes, (replica) => this.settle(replica));
  }

  eventsReplayed(): number {
    return Math.max(0, ...this.replicas.map((r) => r.applied));
  }

  /**
   * Reads the next batch, then in one REPEATABLE READ transaction reads the live checkpoint,
   * applies to the copy what the live one has applied of that batch and, once the copy is at the
   * live checkpoint, compares. The snapshot is the whole guarantee: a live batch commits its rows
   * and its checkpoint together, so the live rows seen are exactly those of the checkpoint seen,
   * while the live projector goes on. When the live projection got past the batch meanwhile, the
   * copy keeps what it applied and the next round reads on. The read stays outside the
   * transaction: in embedded mode that holds the only connection.
   */
  private async settle(replica: Replica): Promise<ProjectionComparison> {
    const { name } = replica.projection;
    for (let round = 0; round < MAX_SETTLE_ROUNDS;) {
      const batch = await this.read(replica.position);
      // Only a batch that reached the feed's head and still fell short of the live checkpoint is a lost race.
      if (batch.length < this.batchSize) round++;
      const compared = await this.options.dataSource.transaction('REPEATABLE READ', async (manager) => {
        const [live] = await liveCheckpoints(manager, [replica]);
        if (comparePositions(live, replica.position) < 0) {
          throw new Error(`The live checkpoint of ${name} is behind its copy: was it rebuilt during the comparison?`);
        }
        await this.enter(manager);
        await this.applyUpTo(replica, batch, live, manager);
        if (comparePositions(live, replica.position) !== 0) return undefined;
        return { live, tables: await this.schema.compare(manager, replica.projection) };
      });
      if (compared) {
        const position = comparePositions(compared.live, START) === 0 ? undefined : compared.live;
        return { name, equal: compared.tables.every((t) => t.onlyLive === 0 && t.onlyRebuilt === 0), position, tables: compared.tables };
      }
    }
    throw new Error(`The live projection ${name} kept moving: not compared after ${MAX_SETTLE_ROUNDS} rounds`);
  }

  /**
   * Applies the feed to each replica up to its target. The first batch goes to all of them at once (which measures
   * what each copy costs); then the copies are dealt to `lanes` lanes, the costliest first, and each lane goes on at
   * its own pace, so one lane's copies are written while another's rows are computed, and no lane waits for the
   * slowest at every batch. Every batch is read once for all lanes, the next while this one is applied. Reads
   * happen outside any transaction: in embedded mode a transaction holds the pool's only connection (ADR 0003).
   */
  private async catchUp(replicas: readonly Replica[], targets: readonly GlobalPosition[]): Promise<void> {
    const work = replicas.map((replica, i) => ({ replica, target: targets[i] }));
    if (!(await this.applyNext(work, this.lanes))) return;
    await settled(
      dealByCost(work, this.lanes, ({ replica }) => replica.lastMs).map(async (lane) => {
        while (await this.applyNext(lane, 1));
      }),
    );
  }

  /**
   * Applies the batch after the earliest of these copies to every copy short of its target, in up to `lanes`
   * transactions at once. False when none was short of its target, or the feed had nothing more.
   */
  private async applyNext(work: readonly { replica: Replica; target: GlobalPosition }[], lanes: number): Promise<boolean> {
    const behind = work.filter(({ replica, target }) => comparePositions(replica.position, target) < 0);
    if (behind.length === 0) return false;
    const from = earliest(behind.map(({ replica }) => replica.position));
    const batch = await this.read(from);
    const last = batch.at(-1)?.position;
    if (!last) return false;
    if (behind.some(({ target }) => comparePositions(last, target) < 0)) this.ahead.start(last, this.batchSize);
    await this.applyInLanes(batch, behind, lanes);
    this.ahead.dropPassed(this.replicas.map((replica) => replica.position));
    return true;
  }

  /**
   * Applies one batch to the copies on up to `lanes` connections at once, so that PostgreSQL works on one
   * copy's statements while this process computes another's rows (with the copies one after the other, each
   * of the two sat idle about half the time: bench:projections' profile). Each lane is one transaction that takes the costliest copy left until none is: a
   * transaction per copy and batch cost more in round trips (begin, settings, commit) than the smaller
   * copies' own statements.
   */
  private async applyInLanes(
    batch: readonly RecordedEvent[],
    work: readonly { replica: Replica; target: GlobalPosition }[],
    lanes: number,
  ): Promise<void> {
    const queue = work.filter(({ replica }) => comparePositions(replica.position, batch.at(-1)!.position) < 0);
    queue.sort((a, b) => b.replica.lastMs - a.replica.lastMs);
    await settled(Array.from({ length: Math.min(lanes, queue.length) }, () => this.lane(batch, queue)));
  }

  /** One lane: a transaction that applies the batch to copies taken from `queue` until it is empty. */
  private async lane(batch: readonly RecordedEvent[], queue: { replica: Replica; target: GlobalPosition }[]): Promise<void> {
    // The first copy is taken before waiting for a connection: with one connection, the first lane then does the rest.
    let job = queue.shift();
    const runner = this.options.dataSource.createQueryRunner();
    try {
      await runner.connect();
      await runner.startTransaction();
      await this.enter(runner.manager);
      for (; job; job = queue.shift()) {
        const started = performance.now();
        await this.applyUpTo(job.replica, batch, job.target, runner.manager);
        job.replica.lastMs = performance.now() - started;
      }
      await runner.commitTransaction();
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }

  /** Points the transaction at the scratch copies, and lets the read models write them in bulk. */
  private async enter(manager: EntityManager): Promise<void> {
    await this.schema.enter(manager);
    if (this.copy) allowCopy(manager);
  }

  private read(after: GlobalPosition): Promise<RecordedEvent[]> {
    return this.ahead.take(after, this.batchSize) ?? readBatch(this.options.store, after, this.batchSize);
  }

  /** Applies the batch's events after the replica's position up to `target`, in `manager`'s transaction (in the scratch schema). */
  private async applyUpTo(
    replica: Replica,
    batch: readonly RecordedEvent[],
    target: GlobalPosition,
    manager: EntityManager,
  ): Promise<void> {
    const events = batch.filter((e) => comparePositions(e.position, replica.position) > 0 && comparePositions(e.position, target) <= 0);
    if (events.length === 0) return;
    await replica.projection.apply(events, manager);
    replica.position = events[events.length - 1].position;
    replica.applied += events.length;
    this.total = Math.max(this.total, replica.applied);
    this.options.onProgress?.({ projection: replica.projection.name, applied: replica.applied, total: this.total });
  }
}

/**
 * The scratch schema: an UNLOGGED copy of each live read-model table (LIKE … INCLUDING ALL keeps
 * columns in order, defaults, keys and indexes, which the projections' upserts need). The
 * projections' SQL names tables unqualified, so `SET LOCAL search_path` points a transaction at
 * the copies; without the live schema on that path a stray live reference fails instead of writing.
 */
class ScratchSchema {
  private constructor(
    private readonly dataSource: DataSource,
    readonly name: string,
    /** Table name → the schema its live table is in. */
    private readonly liveSchemas: ReadonlyMap<string, string>,
    /** Table name → its primary key's columns. */
    private readonly keys: ReadonlyMap<string, readonly string[]>,
  ) {}

  static async create(dataSource: DataSource, projections: readonly Projection[]): Promise<ScratchSchema> {
    const tables = projections.flatMap((p) => tablesOf(dataSource, p));
    const liveSchemas = await resolveLiveSchemas(dataSource.manager, tables);
    await dropAbandonedScratchSchemas(dataSource);
    const keys = new Map(projections.flatMap((p) => p.entities).map((entity) => primaryKeyOf(dataSource, entity)));
    const schema = new ScratchSchema(dataSource, `${SCRATCH_PREFIX}${randomBytes(6).toString('hex')}`, liveSchemas, keys);
    // One round trip, one transaction. Not waiting for the commit to reach the disk: 30 tables took 0.85 s instead
    // of 1.4 s in a trial at load 10 (an unlogged table's init fork is synced when it is created anyway).
    const name = quote(schema.name);
    await dataSource.query(
      [
        // No BEGIN: a failing statement then rolls the implicit transaction back instead of leaving it open.
        `SET LOCAL synchronous_commit TO off`,
        `CREATE SCHEMA ${name}`,
        `DO $$ BEGIN EXECUTE format('COMMENT ON SCHEMA %s IS %L', ${literal(name)}, 'started ' || now()::text); END $$`,
        ...tables.map((table) => `CREATE UNLOGGED TABLE ${schema.scratch(table)} (LIKE ${schema.live(table)} INCLUDING ALL)`),
      ].join(';\n'),
    );
    return schema;
  }

  /** Points the transaction at the copies (before any projection writes in it). */
  async enter(manager: EntityManager): Promise<void> {
    // Scratch data is thrown away: waiting for its commits to reach the disk buys nothing.
    await manager.query(`SELECT set_config('search_path', $1, true), set_config('synchronous_commit', 'off', true)`, [quote(this.name)]);
  }

  async compare(manager: EntityManager, projection: Projection): Promise<TableComparison[]> {
    const results: TableComparison[] = [];
    for (const table of tablesOf(this.dataSource, projection)) results.push(await this.compareTable(manager, table));
    return results;
  }

  async drop(): Promise<void> {
    await dropSchema(this.dataSource, this.name);
  }

  /**
   * Both sides matched by primary key in one join: a key on one side only, or on both with rows not
   * equal column by column, is a difference on each side that has it. Measured on a 24,000-event pool,
   * `EXCEPT ALL` (both whole tables sorted on every column) took 4× as long on the timesheets, and a
   * row hash (md5 of the row's text) 6×: turning rows into text costs more than comparing them.
   */
  private async compareTable(manager: EntityManager, table: string): Promise<TableComparison> {
    const live = this.live(table);
    const rebuilt = this.scratch(table);
    const key = this.keys.get(table)!.map(quote);
    const [counts]: Record<string, string>[] = await manager.query(
      `SELECT count(l.${key[0]}) AS live_rows, count(r.${key[0]}) AS rebuilt_rows,
              count(l.${key[0]}) FILTER (WHERE ROW(l.*) IS DISTINCT FROM ROW(r.*)) AS only_live,
              count(r.${key[0]}) FILTER (WHERE ROW(l.*) IS DISTINCT FROM ROW(r.*)) AS only_rebuilt
         FROM ${live} l FULL JOIN ${rebuilt} r ON ${key.map((k) => `l.${k} = r.${k}`).join(' AND ')}`,
    );
    const comparison = {
      table,
      liveRows: Number(counts.live_rows),
      rebuiltRows: Number(counts.rebuilt_rows),
      onlyLive: Number(counts.only_live),
      onlyRebuilt: Number(counts.only_rebuilt),
    };
    if (comparison.onlyLive === 0 && comparison.onlyRebuilt === 0) return { ...comparison, samples: [] };
    const missingFrom = (from: string, other: string) =>
      `SELECT to_jsonb(t) AS row FROM ${from} t
        WHERE NOT EXISTS (SELECT 1 FROM ${other} o WHERE ${key.map((k) => `o.${k} = t.${k}`).join(' AND ')} AND ROW(o.*) IS NOT DISTINCT FROM ROW(t.*))
        LIMIT ${SAMPLE_ROWS}`;
    const samples: unknown[] = await manager.query(
      `(SELECT 'live' AS side, row FROM (${missingFrom(live, rebuilt)}) d)
       UNION ALL (SELECT 'rebuilt', row FROM (${missingFrom(rebuilt, live)}) d)`,
    );
    return { ...comparison, samples };
  }

  private live(table: string): string {
    return `${quote(this.liveSchemas.get(table)!)}.${quote(table)}`;
  }

  private scratch(table: string): string {
    return `${quote(this.name)}.${quote(table)}`;
  }
}

const SCRATCH_PREFIX = 'read_model_compare_';

/**
 * Drops the scratch schemas of comparisons that can no longer be running: a process that died in the
 * middle of one (its `finally` never ran) leaves its schema behind. A comparison is in-process and
 * takes minutes (500,000 events: 6.5 min), so a scratch schema started more than a day ago, or with
 * no start recorded (made before the start was), is abandoned.
 */
async function dropAbandonedScratchSchemas(dataSource: DataSource): Promise<void> {
  const rows: { name: string }[] = await dataSource.query(
    `SELECT nspname AS name FROM (
       SELECT nspname, substring(obj_description(oid, 'pg_namespace') FROM '^started ([0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:.+-]+)$') AS started
         FROM pg_namespace WHERE starts_with(nspname, $1)) s
      WHERE started IS NULL OR started::timestamptz < now() - interval '1 day'`,
    [SCRATCH_PREFIX],
  );
  for (const { name } of rows) await dropSchema(dataSource, name);
}

/** Without waiting for the commit to reach the disk: nothing of a scratch schema is worth keeping. */
const dropSchema = (dataSource: DataSource, name: string) =>
  dataSource.query(`SET LOCAL synchronous_commit TO off; DROP SCHEMA IF EXISTS ${quote(name)} CASCADE`);

/** The projection's table names; refused when TypeORM would qualify them, since search_path could not redirect them. */
function tablesOf(dataSource: DataSource, projection: Projection): string[] {
  return projection.entities.map((entity) => {
    const metadata = dataSource.getMetadata(entity);
    if (metadata.schema || metadata.tablePath !== metadata.tableName) {
      throw new Error(
        `${projection.name}: table ${metadata.tablePath} is schema-qualified; the comparison needs unqualified read-model tables`,
      );
    }
    return metadata.tableName;
  });
}

function primaryKeyOf(dataSource: DataSource, entity: EntityClass): [string, string[]] {
  const metadata = dataSource.getMetadata(entity);
  if (metadata.primaryColumns.length === 0) throw new Error(`${metadata.tableName} has no primary key: the comparison matches rows by it`);
  return [metadata.tableName, metadata.primaryColumns.map((column) => column.databaseName)];
}

/** Where each unqualified table name resolves on the live search_path. */
async function resolveLiveSchemas(manager: EntityManager, tables: readonly string[]): Promise<Map<string, string>> {
  const rows: { table: string; schema: string | null }[] = await manager.query(
    `SELECT t.name AS table, n.nspname AS schema
       FROM unnest($1::text[]) AS t(name)
       LEFT JOIN pg_class c ON c.oid = to_regclass(quote_ident(t.name))
       LEFT JOIN pg_namespace n ON n.oid = c.relnamespace`,
    [tables],
  );
  const missing = rows.filter((r) => r.schema === null).map((r) => r.table);
  if (missing.length > 0)
    throw new Error(`Read-model tables missing: ${missing.join(', ')} (open the data source with every projection's entities)`);
  return new Map(rows.map((r) => [r.table, r.schema!]));
}

/**
 * `work` on every item, on at most `lanes` at once, the results in the items' order. After a failure no lane
 * starts another item, and the failure is thrown once all lanes are done: none is left writing into a scratch
 * schema that is being dropped.
 */
async function inLanes<T, R>(items: readonly T[], lanes: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  let failed = false;
  const lane = async () => {
    while (!failed && next < items.length) {
      const i = next++;
      results[i] = await work(items[i]).catch((error: unknown) => {
        failed = true;
        throw error;
      });
    }
  };
  await settled(Array.from({ length: Math.min(lanes, items.length) }, lane));
  return results;
}

/** Waits for all, then throws the first failure. */
async function settled(lanes: readonly Promise<void>[]): Promise<void> {
  const failure = (await Promise.allSettled(lanes)).find((lane) => lane.status === 'rejected');
  if (failure) throw failure.reason;
}

/** Read now, awaited later: an apply failing first must not leave it unhandled. */
function readBatch(store: EventStore, after: GlobalPosition, limit: number): Promise<RecordedEvent[]> {
  const batch = store.readAll({ after, limit });
  batch.catch(() => undefined);
  return batch;
}

/** Half the pool, so that the live projector and the API keep connections while a comparison runs. */
export function defaultLanes(dataSource: DataSource): number {
  const pool = (dataSource.driver as unknown as { master?: { options?: { max?: number } } }).master;
  return Math.min(MAX_LANES, Math.floor((pool?.options?.max ?? 1) / 2));
}

/** The live checkpoints of these replicas' projections, in their order (START when none is stored). */
async function liveCheckpoints(manager: EntityManager, replicas: readonly Replica[]): Promise<GlobalPosition[]> {
  const rows = await manager.findBy(ProjectionCheckpoint, { name: In(replicas.map((r) => r.projection.name)) });
  const byName = new Map(rows.map((row) => [row.name, { commit: BigInt(row.commit), prepare: BigInt(row.prepare) }]));
  return replicas.map((r) => byName.get(r.projection.name) ?? START);
}

/** The events in the feed now: the progress total. */
async function countFeed(store: EventStore): Promise<number> {
  let count = 0;
  for (let after = START; ;) {
    const page = await store.readAll({ after, limit: 10_000 });
    if (page.length === 0) return count;
    count += page.length;
    after = page[page.length - 1].position;
  }
}

const latest = (positions: readonly GlobalPosition[]) => positions.reduce((a, b) => (comparePositions(a, b) >= 0 ? a : b));
const earliest = (positions: readonly GlobalPosition[]) => positions.reduce((a, b) => (comparePositions(a, b) <= 0 ? a : b));

const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;
