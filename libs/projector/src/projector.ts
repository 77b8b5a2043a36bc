import { EventEmitter } from 'node:events';
import { comparePositions, START, type EventStore, type GlobalPosition, type RecordedEvent } from '@banenpool/event-store';
import type { DataSource, EntityManager } from 'typeorm';
import { isReaction, type FeedConsumer, type Projection } from './projection.js';
import { ProjectionCheckpoint } from './projection-checkpoint.entity.js';

export interface ProjectorOptions {
  batchSize?: number;
  /** How long an idle projection waits before looking at the feed again (a local append wakes it sooner). */
  idleWaitMs?: number;
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
 * Reads the global feed and applies it to the projections, each at its own checkpoint.
 *
 * A batch is read first, then applied in one transaction that (1) takes a transaction-scoped
 * advisory lock on the projection, so another projector process skips it, (2) re-reads the
 * checkpoint to make sure nobody moved it meanwhile, (3) applies the events and (4) moves the
 * checkpoint. A crash or a failing handler rolls all of it back and the batch is read again.
 * Reading before the transaction matters in embedded mode, where the pool has one connection.
 * A reaction's commands cannot join that transaction (they may go to another store): on a
 * PostgreSQL server they run inside it, under the lock, so processes take turns and a batch
 * another process has handled is skipped; on embedded PGlite (one process, one connection) they
 * run just before it. Either way a reaction may see a batch again after a crash (see Reaction).
 */
export class Projector {
  private readonly events = new EventEmitter();
  private readonly lastErrors = new Map<string, string>();
  private readonly batchSize: number;
  private running?: { controller: AbortController; loops: Promise<void>[] };

  constructor(
    private readonly store: EventStore,
    private readonly dataSource: DataSource,
    readonly projections: readonly FeedConsumer[],
    private readonly options: ProjectorOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 1_000;
    this.events.setMaxListeners(0);
  }

  /** Runs every projection in the background until stop(). */
  start(): void {
    if (this.running) return;
    const controller = new AbortController();
    this.running = { controller, loops: this.projections.map((p) => this.loop(p, controller.signal)) };
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running.controller.abort();
    this.events.emit('wake');
    await Promise.all(this.running.loops);
    this.running = undefined;
  }

  /** Something was appended in this process: look at the feed now rather than after the idle wait. */
  notify(): void {
    this.events.emit('wake');
  }

  /**
   * Applies batches until every projection has passed every event committed when it was called.
   * An empty read of the feed alone does not mean that: on PostgreSQL the feed holds back
   * committed events behind any older transaction still running on the server (ADR 0004), so
   * the projection waits for them rather than stopping short.
   * Projections at the same checkpoint (all of them, in a rebuild from zero) share each batch: the
   * feed is read once for all of them, not once per projection. The furthest behind go first, and
   * the others join them when they meet.
   */
  async catchUp(projections: readonly FeedConsumer[] = this.projections, onBatch?: BatchListener): Promise<void> {
    const head = await this.store.headPosition({ committed: true });
    let pending = [...projections];
    while (pending.length > 0) {
      const checkpoints: GlobalPosition[] = [];
      for (const projection of pending) checkpoints.push(await this.checkpoint(projection.name));
      const from = checkpoints.reduce((a, b) => (comparePositions(a, b) <= 0 ? a : b));
      const group = pending.filter((_, i) => comparePositions(checkpoints[i], from) === 0);
      const batch = await this.store.readAll({ after: from, limit: this.batchSize });
      let applied = false;
      for (const projection of batch.length > 0 ? group : []) {
        const outcome = await this.applyBatch(projection, from, batch);
        if (outcome.kind === 'applied') {
          applied = true;
          onBatch?.(projection.name, outcome.count);
        }
      }
      if (batch.length === 0) {
        const passed = new Set<FeedConsumer>();
        for (const projection of group) if (await this.hasPassed(projection, head)) passed.add(projection);
        pending = pending.filter((p) => !passed.has(p));
        if (passed.size === group.length) continue;
      }
      // Nothing moved: the feed is held back, or another projector holds these projections.
      if (!applied) await this.nextWake(this.options.idleWaitMs ?? 100);
    }
  }

  private async hasPassed(projection: FeedConsumer, head: GlobalPosition | undefined): Promise<boolean> {
    return head === undefined || comparePositions(await this.checkpoint(projection.name), head) >= 0;
  }

  /** Empties a projection's tables and checkpoint in one transaction, then replays the whole feed. */
  async rebuild(name?: string, onBatch?: BatchListener): Promise<void> {
    const readModels = this.projections.filter((p): p is Projection => !isReaction(p));
    const selected = readModels.filter((p) => name === undefined || p.name === name);
    if (selected.length === 0) throw new Error(`Unknown projection ${name}; known: ${readModels.map((p) => p.name).join(', ')}`);
    for (const projection of selected) {
      await this.dataSource.transaction(async (manager) => {
        await this.waitLock(manager, projection);
        for (const entity of projection.entities) await manager.clear(entity);
        await manager.delete(ProjectionCheckpoint, { name: projection.name });
      });
    }
    await this.catchUp(selected, onBatch);
  }

  /** One attempt at the next batch of one projection or reaction. */
  async runBatch(projection: FeedConsumer): Promise<BatchOutcome> {
    const from = await this.checkpoint(projection.name);
    const batch = await this.store.readAll({ after: from, limit: this.batchSize });
    if (batch.length === 0) return { kind: 'caught-up' };
    return this.applyBatch(projection, from, batch);
  }

  /** Applies a batch read after `from`, unless the projection's checkpoint has moved meanwhile. */
  private async applyBatch(projection: FeedConsumer, from: GlobalPosition, batch: readonly RecordedEvent[]): Promise<BatchOutcome> {
    let applied: boolean;
    if (!isReaction(projection)) applied = await this.underLock(projection, from, batch, (manager) => projection.apply(batch, manager));
    else if (this.options.reactionsUnderLock) applied = await this.underLock(projection, from, batch, () => projection.react(batch));
    else {
      await projection.react(batch);
      applied = await this.underLock(projection, from, batch, async () => undefined);
    }
    if (!applied) return { kind: 'busy' };
    this.lastErrors.delete(projection.name);
    this.events.emit('progress');
    return { kind: 'applied', count: batch.length };
  }

  /**
   * One transaction: the projection's lock, its checkpoint still at `from`, the work, the new
   * checkpoint. False when another projector holds the lock or has applied the batch.
   */
  private underLock(
    projection: FeedConsumer,
    from: GlobalPosition,
    batch: readonly RecordedEvent[],
    work: (manager: EntityManager) => Promise<void>,
  ): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      if (!(await this.tryLock(manager, projection))) return false;
      const current = await this.checkpoint(projection.name, manager);
      if (comparePositions(current, from) !== 0) return false; // another projector applied it
      await work(manager);
      await this.saveCheckpoint(manager, projection.name, batch[batch.length - 1]);
      return true;
    });
  }

  async checkpoint(name: string, manager: EntityManager = this.dataSource.manager): Promise<GlobalPosition> {
    const row = await manager.findOneBy(ProjectionCheckpoint, { name });
    return row ? { commit: BigInt(row.commit), prepare: BigInt(row.prepare) } : START;
  }

  async status(): Promise<ProjectionStatus[]> {
    return Promise.all(
      this.projections.map(async ({ name }) => {
        const checkpoint = await this.checkpoint(name);
        const pending = await this.store.readAll({ after: checkpoint, limit: LAG_COUNT_CAP });
        const oldest = pending[0]?.recordedAt.getTime();
        return {
          name,
          checkpoint,
          eventsBehind: pending.length,
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
   * Woken by this process's progress, and otherwise re-checks the stored checkpoints (a projector
   * in another process moves them).
   */
  async waitFor(position: GlobalPosition, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    if (!(await this.waitUntil(position, deadline))) return false;
    if (!this.projections.some(isReaction)) return true;
    const head = await this.store.headPosition({ committed: true });
    return head === undefined || comparePositions(head, position) <= 0 || this.waitUntil(head, deadline);
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
    for (const { name } of this.projections) {
      if (comparePositions(await this.checkpoint(name), position) < 0) return false;
    }
    return true;
  }

  private async loop(projection: FeedConsumer, signal: AbortSignal): Promise<void> {
    let failures = 0;
    while (!signal.aborted) {
      try {
        const outcome = await this.runBatch(projection);
        failures = 0;
        // Also when there was nothing to apply: a caught-up projection must not stay "down" after a blip.
        this.lastErrors.delete(projection.name);
        if (outcome.kind !== 'applied') await this.nextWake(this.options.idleWaitMs ?? 100);
      } catch (error) {
        failures++;
        this.lastErrors.set(projection.name, error instanceof Error ? error.message : String(error));
        this.options.onError?.(projection.name, error);
        await this.nextWake(Math.min(100 * 2 ** failures, this.options.maxRetryDelayMs ?? 30_000));
      }
    }
  }

  /** Transaction-scoped, so a crashed projector can never leave its projection locked. */
  private async tryLock(manager: EntityManager, projection: FeedConsumer): Promise<boolean> {
    const rows: { locked: boolean }[] = await manager.query('SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked', [
      lockKey(projection.name),
    ]);
    return rows[0].locked;
  }

  private async waitLock(manager: EntityManager, projection: Projection): Promise<void> {
    await lockProjection(manager, projection.name);
  }

  private async saveCheckpoint(manager: EntityManager, name: string, last: RecordedEvent): Promise<void> {
    await manager.upsert(
      ProjectionCheckpoint,
      { name, commit: last.position.commit.toString(), prepare: last.position.prepare.toString(), updatedAt: new Date() },
      ['name'],
    );
  }

  private nextWake(ms: number): Promise<void> {
    return this.waitForEvent('wake', ms);
  }

  private nextProgress(ms: number): Promise<void> {
    return this.waitForEvent('progress', ms);
  }

  private waitForEvent(name: 'wake' | 'progress', ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.events.off(name, done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.events.on(name, done);
    });
  }
}

const lockKey = (name: string) => `banenpool.projection.${name}`;

/** Waits for the lock every batch of the projection takes; until the transaction ends, its checkpoint cannot move. */
async function lockProjection(manager: EntityManager, name: string): Promise<void> {
  await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [lockKey(name)]);
}
