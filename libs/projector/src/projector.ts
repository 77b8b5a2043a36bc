import { EventEmitter } from 'node:events';
import { comparePositions, START, type EventStore, type GlobalPosition, type RecordedEvent } from '@banenpool/event-store';
import type { DataSource, EntityManager } from 'typeorm';
import { BatchesReadAhead } from './batches-read-ahead.js';
import { allowCopy, supportsCopy } from './bulk-copy.js';
import { dealByCost } from './deal-by-cost.js';
import { isReaction, type FeedConsumer, type Projection, type Reaction } from './projection.js';
import { ProjectionCheckpoint } from './projection-checkpoint.entity.js';
import { quotedTablePath } from './sql-names.js';
import { defaultLanes, REBUILD_BATCH_SIZE } from './read-model-comparison.js';

export interface ProjectorOptions {
  batchSize?: number;
  /** Events per batch while a rebuild replays the feed into empty tables (default REBUILD_BATCH_SIZE). */
  rebuildBatchSize?: number;
  /** Transactions a rebuild applies each batch in at once (default: up to 3, at most half the pool, as the comparison). */
  rebuildLanes?: number;
  /** How long an idle projection waits before looking at the feed again (a local append wakes it sooner). */
  idleWaitMs?: number;
  /**
   * How long a woken projector lets further appends land before it reads the feed, so that a burst
   * of commands costs one batch, not one each; a reader waiting for its write (waitFor) cuts it short.
   * The least such wait: after a slow batch it waits longer (see GATHER_PER_BUSY_MS).
   */
  gatherMs?: number;
  /** Ceiling of the back-off after a failed batch. */
  maxRetryDelayMs?: number;
  onError?: (projection: string, error: unknown) => void;
  /**
   * Whether a reaction's batch may hold its lock's connection while its commands append through
   * another one of the same pool: true on a PostgreSQL server with more than one connection, never
   * on embedded PGlite (one connection: it would wait for itself). Default false.
   */
  reactionsUnderLock?: boolean;
}

export interface ProjectionStatus {
  name: string;
  checkpoint: GlobalPosition;
  /** Events in the feed after the checkpoint, counted up to `LAG_COUNT_CAP`. */
  eventsBehind: number;
  /** Age of the oldest event not yet applied, 0 when caught up. */
  lagSeconds: number;
  lastError?: string;
}

/** Outcome of one attempt at a batch. */
export type BatchOutcome = { kind: 'applied'; count: number } | { kind: 'caught-up' } | { kind: 'busy' };

/** Progress of long work (rebuilds): called after each applied batch. */
export type BatchListener = (projection: string, applied: number) => void;

export const LAG_COUNT_CAP = 1_000;

/**
 * A woken lane gathers this many milliseconds per millisecond the lanes' last steps took together
 * (at least `gatherMs`, at most the idle wait), so that under steady writes the projector spends
 * about a fifth of the time applying batches. A batch costs mostly its round trips, whatever its
 * size, and shares the event loop and the CPU with the commands: on a loaded machine, where round
 * trips slow down, a fixed 20 ms gather let the projector run back-to-back batches of a few events
 * each, and the slower commands got then, the fewer each batch held (bench:projector, PostgreSQL,
 * 2 cores at load 5–6: 8.5–9.4 SQL statements per command instead of 4, about 110 commands/s).
 */
export const GATHER_PER_BUSY_MS = 4;

/** What one step of a lane did: the consumers that applied the batch, if any. */
type Step = { kind: 'applied'; count: number; consumers: readonly FeedConsumer[] } | { kind: 'caught-up' } | { kind: 'busy' };

/** Consumers the projector moves together, each with its own loop when running. */
interface Lane {
  readonly members: readonly FeedConsumer[];
  /** A wake-up arrived since the lane last looked at the feed: many of them ask for one more step, not one each. */
  woken: boolean;
  /** How long its last step took, which sets how long the lanes gather (GATHER_PER_BUSY_MS). */
  busyMs: number;
}

/** A batch failed; `consumer` is the one whose handler threw, undefined when the transaction itself failed. */
class BatchFailure extends Error {
  constructor(
    readonly consumer: string | undefined,
    readonly reason: unknown,
  ) {
    super(reason instanceof Error ? reason.message : String(reason));
  }
}

/**
 * Reads the global feed and applies it to the projections, each at its own checkpoint.
 *
 * Every read model is in one lane: the consumers at the lowest checkpoint (normally all of them)
 * share each batch, read once from the feed, then applied in ONE transaction that (1) tries the
 * advisory lock of each of them in one statement, so another projector process skips what it
 * holds, (2) re-reads their stored checkpoints and keeps those still where this process last saw
 * them, (3) applies the batch to each of those and (4) moves their checkpoints in one statement.
 * A crash or a failing handler rolls all of it back and the batch is read again. Between batches
 * the checkpoints are kept in memory (step 2 re-validates them), so a batch costs the feed read
 * and five statements whatever the number of read models. Reading before the transaction matters
 * in embedded mode, where the pool has one connection. Wake-ups (notify) coalesce: however many
 * arrive during a batch, they ask for one more, and a woken lane first lets a burst of appends land
 * (`gatherMs`, longer after a slow batch) unless a reader waits for its write.
 *
 * A read model whose handler throws drops out of the lane for a back-off (doubling up to
 * `maxRetryDelayMs`, with lastError set), while the others go on without it at once; when its
 * back-off ends it is the furthest behind, so it catches up alone and rejoins the others where it
 * meets them. A failure no handler caused (the database) backs off the whole group.
 *
 * A reaction's commands cannot join that transaction (they may go to another store). On a
 * PostgreSQL server each reaction has a lane of its own and its commands run inside its
 * transaction, under its lock, so processes take turns and a batch another process has handled is
 * skipped. On embedded PGlite (one process, one connection) they run just before the read models'
 * transaction, which then moves the reaction's checkpoint too. Either way a reaction may see a
 * batch again: after a crash, or (embedded) when a read model of its batch failed (see Reaction).
 */
export class Projector {
  private readonly events = new EventEmitter();
  private readonly lastErrors = new Map<string, string>();
  private readonly failures = new Map<string, { count: number; retryAt: number }>();
  /** Where each consumer's stored checkpoint was when this process last looked: a hint, checked under the lock. */
  private readonly known = new Map<string, GlobalPosition>();
  /** Bumped when a rebuild resets checkpoints, so a batch that started before does not write its stale position back. */
  private epoch = 0;
  private readonly batchSize: number;
  private readonly idleWaitMs: number;
  /** Calls of waitFor under way: while there are any, a woken lane does not wait to gather appends. */
  private waiters = 0;
  /** Wake-ups so far: a read of the feed started after the n-th one shows what was appended before it. */
  private wakes = 0;
  /** The feed read under way, which a lane at the same checkpoint shares instead of reading again. */
  private reading?: { after: GlobalPosition; wakes: number; batch: Promise<RecordedEvent[]> };
  /**
   * A rebuild's batches read ahead: its lanes take each of them in turn, and a batch is dropped once every read
   * model being rebuilt has passed it.
   */
  private readonly ahead: BatchesReadAhead;
  /** The gather under way, which a lane woken meanwhile joins (see gather). */
  private gathering?: Promise<void>;
  private running?: { controller: AbortController; lanes: Lane[]; loops: Promise<void>[] };
  /**
   * The read models a rebuild is replaying. Their batches are rebuild-sized and may write through COPY where the
   * database takes it, as the rebuild into a scratch schema does (bulk-copy.ts): their tables start empty, so the
   * writes are large.
   */
  private readonly rebuilding = new Set<string>();
  private copySupported?: boolean;
  /** What each consumer's last batch took (ms), to balance a rebuild's lanes. */
  private readonly costs = new Map<string, number>();
  /** Transactions a rebuild's batch is split over (see rebuildLanes). */
  private readonly lanes: number;

  constructor(
    private readonly store: EventStore,
    private readonly dataSource: DataSource,
    readonly projections: readonly FeedConsumer[],
    private readonly options: ProjectorOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 1_000;
    this.idleWaitMs = options.idleWaitMs ?? 100;
    this.lanes = Math.max(1, options.rebuildLanes ?? defaultLanes(dataSource));
    this.ahead = new BatchesReadAhead(store);
    this.events.setMaxListeners(0);
  }

  /** Runs every projection in the background until stop(). */
  start(): void {
    if (this.running) return;
    const controller = new AbortController();
    const lanes = this.lanesOf(this.projections).map((members) => ({ members, woken: true, busyMs: 0 }));
    this.running = { controller, lanes, loops: lanes.map((lane) => this.loop(lane, controller.signal)) };
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running.controller.abort();
    this.events.emit('wake');
    this.events.emit('hurry');
    await Promise.all(this.running.loops);
    this.running = undefined;
  }

  /** Something was appended in this process: look at the feed now rather than after the idle wait. */
  notify(): void {
    this.wakes++;
    for (const lane of this.running?.lanes ?? []) lane.woken = true;
    this.events.emit('wake');
  }

  /**
   * Applies batches until every projection has passed every event committed when it was called.
   * An empty read of the feed alone does not mean that: on PostgreSQL the feed holds back
   * committed events behind any older transaction still running on the server (ADR 0004), so
   * the projection waits for them rather than stopping short.
   * Read models at the same checkpoint (all of them, in a rebuild from zero) share each batch and
   * its transaction. The furthest behind go first, and the others join them when they meet.
   */
  async catchUp(projections: readonly FeedConsumer[] = this.projections, onBatch?: BatchListener, split = true): Promise<void> {
    const head = await this.store.headPosition({ committed: true });
    await this.refresh(projections);
    for (const members of this.lanesOf(projections)) {
      let pending = members;
      while (pending.length > 0) {
        const step = await unwrapped(this.step(pending, this.wakes, split));
        if (step.kind === 'applied') {
          for (const consumer of step.consumers) onBatch?.(consumer.name, step.count);
          continue;
        }
        if (step.kind === 'caught-up') pending = pending.filter((p) => !this.passed(p, head));
        // Nothing moved: the feed is held back, or another projector holds these projections.
        if (pending.length > 0) await this.nextWake(this.idleWaitMs);
      }
    }
  }

  private passed(consumer: FeedConsumer, head: GlobalPosition | undefined): boolean {
    return head === undefined || comparePositions(this.known.get(consumer.name) ?? START, head) >= 0;
  }

  /** Empties the read models' tables and checkpoints in one transaction, then replays the whole feed into all of them at once. */
  async rebuild(name?: string, onBatch?: BatchListener): Promise<void> {
    const readModels = this.projections.filter((p): p is Projection => !isReaction(p));
    const selected = readModels.filter((p) => name === undefined || p.name === name);
    if (selected.length === 0) throw new Error(`Unknown projection ${name}; known: ${readModels.map((p) => p.name).join(', ')}`);
    const names = selected.map((p) => p.name);
    const limit = this.options.rebuildBatchSize ?? REBUILD_BATCH_SIZE;
    // The feed's first batch is read while the tables are emptied (about 0.1 s of a 2.5 s rebuild of 48,000 events).
    this.ahead.start(START, limit, this.wakes);
    const tables = selected.flatMap((p) => p.entities).map((entity) => this.dataSource.getMetadata(entity).tablePath);
    await this.dataSource
      .transaction(async (manager) => {
        // Sorted: two rebuilds waiting for the same locks take them in one order and cannot deadlock.
        await manager.query('SELECT pg_advisory_xact_lock(hashtext(key)) FROM unnest($1::text[]) AS key', [names.map(lockKey).sort()]);
        await manager.query(`TRUNCATE ${tables.map(quotedTablePath).join(', ')}`);
        await manager.query('DELETE FROM projection_checkpoints WHERE name = ANY($1)', [names]);
      })
      .catch((error: unknown) => {
        if (this.rebuilding.size === 0) this.ahead.clear();
        throw error;
      });
    this.epoch++;
    for (const projection of selected) this.known.set(projection.name, START);
    this.copySupported ??= await supportsCopy(this.dataSource);
    for (const name of names) this.rebuilding.add(name);
    try {
      await this.replayInLanes(selected, onBatch);
    } finally {
      for (const name of names) this.rebuilding.delete(name);
      if (this.rebuilding.size === 0) this.ahead.clear();
    }
  }

  /**
   * A rebuild's replay: the first batch for all read models together, which measures what each costs; then each lane
   * (see rebuildLanes) catches up on its own, in its own transactions, sharing the feed's reads. A lane that has
   * written its batch goes on with the next while another still writes, so neither this process nor PostgreSQL waits
   * for the slowest lane at every batch (in lockstep, this process was idle for a fifth of a rebuild).
   */
  private async replayInLanes(selected: readonly Projection[], onBatch?: BatchListener): Promise<void> {
    const first = await unwrapped(this.step(selected));
    if (first.kind !== 'applied') return this.catchUp(selected, onBatch);
    for (const consumer of first.consumers) onBatch?.(consumer.name, first.count);
    const lanes = this.rebuildLanes(selected);
    const outcomes = await Promise.allSettled(lanes.map((lane) => this.catchUp(lane, onBatch, false)));
    const failure = outcomes.find((outcome) => outcome.status === 'rejected');
    if (failure) throw failure.reason;
  }

  /** One attempt at the next batch of one projection or reaction. */
  async runBatch(projection: FeedConsumer): Promise<BatchOutcome> {
    await this.refresh([projection]);
    const step = await unwrapped(this.step([projection]));
    return step.kind === 'applied' ? { kind: 'applied', count: step.count } : step;
  }

  /**
   * Reads the batch after the lowest checkpoint of `members` and applies it to those at that
   * checkpoint. Checkpoints not known yet are read first (one statement for all of them). The read
   * shows at least what was appended before the `seen`-th wake-up.
   */
  private async step(members: readonly FeedConsumer[], seen = this.wakes, split = true): Promise<Step> {
    if (members.some((m) => !this.known.has(m.name))) await this.refresh(members);
    const from = members.map((m) => this.known.get(m.name) ?? START).reduce((a, b) => (comparePositions(a, b) <= 0 ? a : b));
    const group = members.filter((m) => comparePositions(this.known.get(m.name) ?? START, from) === 0);
    const bulk = group.every((m) => this.rebuilding.has(m.name));
    const limit = bulk ? (this.options.rebuildBatchSize ?? REBUILD_BATCH_SIZE) : this.batchSize;
    const batch = await this.read(from, seen, limit);
    if (batch.length === 0) return { kind: 'caught-up' };
    // In a rebuild, PostgreSQL reads the next batch while the read models write this one.
    if (bulk && batch.length === limit) this.ahead.start(batch[batch.length - 1].position, limit, this.wakes);
    let appended = 0;
    const react = async (reaction: Reaction) => {
      appended += (await reaction.react(batch)).appended;
    };
    if (!this.options.reactionsUnderLock) {
      for (const reaction of group.filter(isReaction)) await handled(reaction, () => react(reaction));
    }
    const epoch = this.epoch;
    const work = async (consumer: FeedConsumer, manager: EntityManager) => {
      const began = performance.now();
      if (!isReaction(consumer)) await consumer.apply(batch, manager);
      else if (this.options.reactionsUnderLock) await react(consumer);
      this.costs.set(consumer.name, performance.now() - began);
    };
    const parts = bulk && split ? this.rebuildLanes(group) : [group];
    const outcomes = await Promise.allSettled(
      parts.map((part) => this.underLock(part, from, batch, bulk && this.copySupported === true, work)),
    );
    const applied = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? outcome.value : []));
    if (this.epoch === epoch) for (const consumer of applied) this.known.set(consumer.name, batch[batch.length - 1].position);
    this.events.emit('progress');
    const failure = outcomes.find((outcome) => outcome.status === 'rejected');
    if (failure) throw failure.reason;
    if (applied.length === 0) return { kind: 'busy' };
    for (const consumer of applied) this.succeeded(consumer.name);
    // A reaction's commands are appends in this process too: a reader waiting for them (waitFor) must not wait out the idle wait.
    if (appended > 0) this.notify();
    return { kind: 'applied', count: batch.length, consumers: applied };
  }

  /**
   * A rebuild's batch on up to `rebuildLanes` connections at once, each lane one transaction (with its read models'
   * locks and checkpoints), as the comparison applies its copies: PostgreSQL then runs one lane's statements while
   * another waits or this process computes rows. The lanes are balanced by what each read model's last batch took;
   * with one connection (embedded PGlite) they take turns.
   */
  private rebuildLanes(group: readonly FeedConsumer[]): FeedConsumer[][] {
    return dealByCost(group, this.lanes, (consumer) => this.costs.get(consumer.name) ?? 0);
  }

  /**
   * The batch after `from`: the read under way when it is after `from` too and started after the
   * `seen`-th wake-up (every lane woken at once reads the feed once), otherwise a new one.
   */
  private read(from: GlobalPosition, seen: number, limit: number): Promise<RecordedEvent[]> {
    const ahead = this.ahead.take(from, limit, seen);
    // Not before the rebuild has started: its first batch is read while it empties the tables (see rebuild).
    if (this.rebuilding.size > 0) this.ahead.dropPassed([...this.rebuilding].map((name) => this.known.get(name) ?? START));
    if (ahead) return ahead;
    const shared = this.reading;
    if (shared && shared.wakes >= seen && comparePositions(shared.after, from) === 0) return shared.batch;
    const batch = this.store.readAll({ after: from, limit });
    const reading = { after: from, wakes: this.wakes, batch };
    this.reading = reading;
    const done = () => {
      if (this.reading === reading) this.reading = undefined;
    };
    batch.then(done, done);
    return batch;
  }

  /**
   * One transaction: the group's locks, the checkpoints still at `from`, the work for each
   * consumer that has both, their new checkpoints. Returns those consumers (none when another
   * projector holds the locks or has applied the batch); the others' checkpoints are refreshed.
   * With `copy` (a rebuild's batch) the read models' large writes may go through COPY.
   */
  private async underLock(
    group: readonly FeedConsumer[],
    from: GlobalPosition,
    batch: readonly RecordedEvent[],
    copy: boolean,
    work: (consumer: FeedConsumer, manager: EntityManager) => Promise<void>,
  ): Promise<FeedConsumer[]> {
    const names = group.map((c) => c.name);
    const epoch = this.epoch;
    try {
      return await this.dataSource.transaction(async (manager) => {
        if (copy) allowCopy(manager);
        const locks: { locked: boolean }[] = await manager.query(
          'SELECT pg_try_advisory_xact_lock(hashtext(k.key)) AS locked FROM unnest($1::text[]) WITH ORDINALITY AS k(key, n) ORDER BY k.n',
          [names.map(lockKey)],
        );
        const stored = await storedCheckpoints(manager, names);
        if (this.epoch === epoch) for (const name of names) this.known.set(name, stored.get(name) ?? START);
        const current = group.filter((c, i) => locks[i].locked && comparePositions(stored.get(c.name) ?? START, from) === 0);
        await applyTogether(current, (consumer) => handled(consumer, () => work(consumer, manager)));
        if (current.length > 0) await saveCheckpoints(manager, current, batch[batch.length - 1].position);
        return current;
      });
    } catch (error) {
      throw error instanceof BatchFailure ? error : new BatchFailure(undefined, error);
    }
  }

  /** Reads the stored checkpoints of `consumers` into memory, in one statement. */
  private async refresh(consumers: readonly FeedConsumer[]): Promise<void> {
    const epoch = this.epoch;
    const stored = await storedCheckpoints(
      this.dataSource.manager,
      consumers.map((c) => c.name),
    );
    if (this.epoch !== epoch) return;
    for (const { name } of consumers) this.known.set(name, stored.get(name) ?? START);
    this.events.emit('progress');
  }

  async checkpoint(name: string, manager: EntityManager = this.dataSource.manager): Promise<GlobalPosition> {
    return (await storedCheckpoints(manager, [name])).get(name) ?? START;
  }

  async status(): Promise<ProjectionStatus[]> {
    const stored = await storedCheckpoints(
      this.dataSource.manager,
      this.projections.map((p) => p.name),
    );
    const pending = new Map<string, Promise<RecordedEvent[]>>(); // projections at one checkpoint share the read
    return Promise.all(
      this.projections.map(async ({ name }) => {
        const checkpoint = stored.get(name) ?? START;
        const key = `${checkpoint.commit}/${checkpoint.prepare}`;
        if (!pending.has(key)) pending.set(key, this.store.readAll({ after: checkpoint, limit: LAG_COUNT_CAP }));
        const behind = await pending.get(key)!;
        const oldest = behind[0]?.recordedAt.getTime();
        return {
          name,
          checkpoint,
          eventsBehind: behind.length,
          lagSeconds: oldest === undefined ? 0 : Math.max(0, (Date.now() - oldest) / 1000),
          lastError: this.lastErrors.get(name),
        };
      }),
    );
  }

  /**
   * Read-your-writes: resolves true once every projection has applied the event at `position` and
   * what the reactions appended because of it, false when `timeoutMs` passes first. A reaction's
   * checkpoint passes `position` only after its commands were appended, so those lie at or before
   * the head of the feed at that moment: every projection then has to reach that head as well.
   * While this process's projector runs, it answers from the checkpoints in memory, which its lanes
   * move when they commit a batch (and refresh from storage when another process moved them);
   * otherwise it re-reads the stored checkpoints (a projector in another process moves them).
   */
  async waitFor(position: GlobalPosition, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    this.waiters++;
    this.events.emit('hurry');
    try {
      if (!(await this.waitUntil(position, deadline))) return false;
      if (!this.projections.some(isReaction)) return true;
      const head = await this.store.headPosition({ committed: true });
      return head === undefined || comparePositions(head, position) <= 0 || (await this.waitUntil(head, deadline));
    } finally {
      this.waiters--;
    }
  }

  private async waitUntil(position: GlobalPosition, deadline: number): Promise<boolean> {
    for (;;) {
      if (await this.reached(position)) return true;
      const remaining = deadline - Date.now();
      if (remaining <= 0) return false;
      await this.nextProgress(Math.min(remaining, 50));
    }
  }

  private async reached(position: GlobalPosition): Promise<boolean> {
    const names = this.projections.map((p) => p.name);
    const checkpoints = this.running ? this.known : await storedCheckpoints(this.dataSource.manager, names);
    return names.every((name) => comparePositions(checkpoints.get(name) ?? START, position) >= 0);
  }

  private async loop(lane: Lane, signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const due = lane.members.filter((m) => (this.failures.get(m.name)?.retryAt ?? 0) <= Date.now());
      if (due.length === 0) {
        lane.woken = false; // the back-off decides when to look again
        await this.nextWake(Math.min(...lane.members.map((m) => this.failures.get(m.name)!.retryAt)) - Date.now());
        continue;
      }
      lane.woken = false;
      try {
        const began = performance.now();
        const step = await this.step(due);
        lane.busyMs = performance.now() - began;
        if (step.kind === 'caught-up') for (const { name } of due) this.succeeded(name);
        // A full batch, or members left at other checkpoints: there is more to do right away.
        if (step.kind === 'applied' && (step.count === this.batchSize || !this.together(due))) continue;
        if (await this.idle(lane, signal)) await this.gather(signal);
        else if (step.kind === 'caught-up') await this.refresh(lane.members);
      } catch (error) {
        const failure = error instanceof BatchFailure ? error : new BatchFailure(undefined, error);
        const failed = failure.consumer === undefined ? due.map((m) => m.name) : [failure.consumer];
        // Without the one that threw, the rest of the lane goes on at once (the rolled-back batch left the known checkpoints true).
        for (const name of failed) this.failed(name, failure.reason);
      }
    }
  }

  /** Waits for a wake-up (returning at once if one came during the last step) or the idle wait; false when it was the idle wait. */
  private async idle(lane: Lane, signal: AbortSignal): Promise<boolean> {
    if (!lane.woken && !signal.aborted) await this.nextWake(this.idleWaitMs);
    return lane.woken;
  }

  /**
   * Every read model in one lane. A reaction under its lock has a lane of its own, so that its
   * commands do not hold the read models' transaction; one that reacts before the transaction (on
   * embedded PGlite) shares the read models' lane, its feed read and its transaction.
   */
  private lanesOf(consumers: readonly FeedConsumer[]): FeedConsumer[][] {
    if (!this.options.reactionsUnderLock) return consumers.length > 0 ? [[...consumers]] : [];
    const readModels = consumers.filter((c) => !isReaction(c));
    return [...(readModels.length > 0 ? [readModels] : []), ...consumers.filter(isReaction).map((r) => [r])];
  }

  /**
   * Lets the appends of a burst land before the next batch, unless a reader waits for one of them:
   * `gatherMs`, or longer when the lanes' last steps were slow (GATHER_PER_BUSY_MS), but no longer
   * than an idle lane waits to look at the feed. A lane that starts gathering while another does
   * joins it, so that they read the feed together, once.
   */
  private async gather(signal: AbortSignal): Promise<void> {
    if (this.waiters > 0 || signal.aborted) return;
    if (!this.gathering) {
      const busyMs = (this.running?.lanes ?? []).reduce((sum, lane) => sum + lane.busyMs, 0);
      const ms = Math.max(this.options.gatherMs ?? 20, Math.min(busyMs * GATHER_PER_BUSY_MS, this.idleWaitMs));
      const gathering = this.waitForEvent('hurry', ms).finally(() => {
        if (this.gathering === gathering) this.gathering = undefined;
      });
      this.gathering = gathering;
    }
    await this.gathering;
  }

  private together(consumers: readonly FeedConsumer[]): boolean {
    const first = this.known.get(consumers[0].name) ?? START;
    return consumers.every((c) => comparePositions(this.known.get(c.name) ?? START, first) === 0);
  }

  private succeeded(name: string): void {
    this.failures.delete(name);
    this.lastErrors.delete(name);
  }

  private failed(name: string, error: unknown): void {
    const count = (this.failures.get(name)?.count ?? 0) + 1;
    const delay = Math.min(100 * 2 ** count, this.options.maxRetryDelayMs ?? 30_000);
    this.failures.set(name, { count, retryAt: Date.now() + delay });
    this.lastErrors.set(name, error instanceof Error ? error.message : String(error));
    this.options.onError?.(name, error);
  }

  private nextWake(ms: number): Promise<void> {
    return this.waitForEvent('wake', ms);
  }

  private nextProgress(ms: number): Promise<void> {
    return this.waitForEvent('progress', ms);
  }

  private waitForEvent(name: 'wake' | 'progress' | 'hurry', ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.events.off(name, done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      this.events.on(name, done);
    });
  }
}

const lockKey = (name: string) => `banenpool.projection.${name}`;

/** Runs one consumer's handler; its failure names it, so the rest of its lane can go on without it. */
async function handled(consumer: FeedConsumer, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    throw new BatchFailure(consumer.name, error);
  }
}

/**
 * The read models' work of one batch at once, in one transaction: each read model awaits its own statements in turn,
 * and `pg` sends the connection's queued statements one after the other, so while PostgreSQL runs one read model's
 * statement the next read model computes its rows. One after the other, a rebuild waited on PostgreSQL for 40 % of
 * its time with the CPU idle (bench:projections' profile). Read models own disjoint tables, so their statements may
 * interleave. Reactions run after them, one at a time, as their commands may take connections of their own. When
 * one fails, the others are let finish before the transaction rolls back, and the earliest failure is thrown: the
 * later ones may only be the aborted transaction refusing the others' statements.
 */
async function applyTogether(consumers: readonly FeedConsumer[], run: (consumer: FeedConsumer) => Promise<void>): Promise<void> {
  const failures: unknown[] = [];
  await Promise.all(consumers.filter((c) => !isReaction(c)).map((consumer) => run(consumer).catch((error) => failures.push(error))));
  if (failures.length > 0) throw failures[0];
  for (const reaction of consumers.filter(isReaction)) await run(reaction);
}

/** A public method fails with the handler's own error, as a caller expects, not the lane's wrapper. */
async function unwrapped<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    throw error instanceof BatchFailure ? error.reason : error;
  }
}

async function storedCheckpoints(manager: EntityManager, names: readonly string[]): Promise<Map<string, GlobalPosition>> {
  const rows: Pick<ProjectionCheckpoint, 'name' | 'commit' | 'prepare'>[] = await manager.query(
    'SELECT name, "commit", prepare FROM projection_checkpoints WHERE name = ANY($1)',
    [names],
  );
  return new Map(rows.map((row) => [row.name, { commit: BigInt(row.commit), prepare: BigInt(row.prepare) }]));
}

/** All of the consumers' checkpoints to `position`, in one statement. */
async function saveCheckpoints(manager: EntityManager, consumers: readonly FeedConsumer[], position: GlobalPosition): Promise<void> {
  await manager.query(
    `INSERT INTO projection_checkpoints (name, "commit", prepare, updated_at)
     SELECT name, $2::text, $3::text, now() FROM unnest($1::text[]) AS name
     ON CONFLICT (name) DO UPDATE SET "commit" = excluded."commit", prepare = excluded.prepare, updated_at = excluded.updated_at`,
    [consumers.map((c) => c.name), position.commit.toString(), position.prepare.toString()],
  );
}
