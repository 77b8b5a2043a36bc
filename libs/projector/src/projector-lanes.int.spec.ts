import { randomUUID } from 'node:crypto';
import {
  comparePositions,
  connectPostgres,
  PostgresEventStore,
  START,
  type GlobalPosition,
  type RecordedEvent,
} from '@banenpool/event-store';
import { openTestStack, STACK_KINDS, type TestStack } from '@banenpool/testing';
import type pg from 'pg';
import { Entity, PrimaryColumn, type DataSource, type EntityManager } from 'typeorm';
import type { Projection } from './projection.js';
import { Projector } from './projector.js';
import { openReadModelDataSource } from './read-model-data-source.js';
import { countStatements } from './sql-statement-counter.js';

/** One row per applied event and projection: a plain INSERT, so applying an event twice fails loudly. */
@Entity({ name: 'test_lane_rows' })
class LaneRow {
  @PrimaryColumn({ type: 'text' })
  projection: string;

  @PrimaryColumn({ name: 'event_id', type: 'uuid' })
  eventId: string;
}

/** Writes a row per event; can be told to fail on an event, or to hold each batch until let go. */
class RowProjection implements Projection {
  readonly entities = [LaneRow];
  readonly batches: number[] = [];
  /** Event ids it refuses while they are in here. */
  readonly poison = new Set<string>();
  private gate?: { entered: () => void; release: Promise<void> };

  constructor(readonly name = `test-lane-${randomUUID()}`) {}

  async apply(events: readonly RecordedEvent[], manager: EntityManager): Promise<void> {
    const gate = this.gate;
    if (gate) {
      gate.entered();
      await gate.release;
    }
    const refused = events.find((e) => this.poison.has(e.eventId));
    if (refused) throw new Error(`${this.name} refuses ${refused.eventId}`);
    this.batches.push(events.length);
    await manager.insert(
      LaneRow,
      events.map((e) => ({ projection: this.name, eventId: e.eventId })),
    );
  }

  /** From now on each batch waits in `apply` for the returned release; `entered` resolves when one does. */
  hold(): { entered: Promise<void>; release: () => void } {
    let release!: () => void;
    let entered!: () => void;
    const enteredPromise = new Promise<void>((resolve) => (entered = resolve));
    this.gate = { entered, release: new Promise<void>((resolve) => (release = resolve)) };
    return {
      entered: enteredPromise,
      release: () => {
        this.gate = undefined;
        release();
      },
    };
  }

  get applied(): number {
    return this.batches.reduce((a, b) => a + b, 0);
  }
}

describe.each(STACK_KINDS)('Projector lanes on %s', (kind) => {
  let stack: TestStack;
  let dataSource: DataSource;
  const projectors: Projector[] = [];

  const projectorOf = (projections: Projection[], options: ConstructorParameters<typeof Projector>[3] = {}) => {
    const projector = new Projector(stack.store, dataSource, projections, { idleWaitMs: 60_000, ...options });
    projectors.push(projector);
    return projector;
  };
  const append = async (count = 1) => {
    const events = Array.from({ length: count }, () => ({ type: 'Laned', data: {}, eventId: randomUUID() }));
    const { position } = await stack.store.appendToStream(`lane-${randomUUID()}`, events, { expectedVersion: 'no_stream' });
    return { ids: events.map((e) => e.eventId), position };
  };
  /** Until the feed shows `position`: a transaction running elsewhere on the server holds it back meanwhile (ADR 0004). */
  const settled = async (position: GlobalPosition) => {
    const deadline = Date.now() + 20_000;
    while (comparePositions((await stack.store.headPosition()) ?? START, position) < 0) {
      if (Date.now() > deadline) throw new Error('the feed stayed held back for 20 s');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const feedLength = async () => (await stack.store.readAll({ after: START, limit: 1_000_000 })).length;
  const rowsOf = async (projection: Projection) => dataSource.manager.countBy(LaneRow, { projection: projection.name });

  beforeAll(async () => {
    stack = await openTestStack(kind);
    dataSource = await openReadModelDataSource(stack.connection, [LaneRow]);
  });
  afterEach(async () => {
    await Promise.all(projectors.splice(0).map((p) => p.stop()));
  });
  afterAll(async () => {
    await dataSource.destroy();
    await stack.cleanup();
  });

  /** The SQL statements the running projector sends to apply one appended event, and what it applied. */
  const statementsForOneEvent = async (readModels: number) => {
    const projections = Array.from({ length: readModels }, () => new RowProjection());
    const projector = projectorOf(projections);
    const { position } = await append();
    await settled(position);
    projector.start();
    expect(await projector.waitFor(position, 20_000)).toBe(true);

    const next = await append();
    await settled(next.position);
    const counter = countStatements();
    try {
      projector.notify();
      expect(await projector.waitFor(next.position, 20_000)).toBe(true);
    } finally {
      counter.stop();
    }
    for (const projection of projections) expect(projection.batches.at(-1)).toBe(1);
    // Each read model's own INSERT is its apply; everything else is the projector's.
    return counter.statements.filter((s) => !s.startsWith('INSERT INTO "test_lane_rows"'));
  };

  it('applies a batch to every read model with the same few statements, however many there are', async () => {
    const one = await statementsForOneEvent(1);
    const nine = await statementsForOneEvent(9);
    // The feed read, then BEGIN, the locks, the checkpoints, their update, COMMIT; read-your-writes from memory.
    expect(nine).toHaveLength(6);
    expect(nine).toEqual(one);
  });

  it('a woken projector lets a burst of appends land and applies them as one batch; a reader waiting cuts that short', async () => {
    const projection = new RowProjection();
    const projector = projectorOf([projection], { gatherMs: 60_000 });
    const first = await append();
    await settled(first.position);
    projector.start();
    expect(await projector.waitFor(first.position, 20_000)).toBe(true);

    const before = projection.batches.length;
    let last = START;
    for (let i = 0; i < 3; i++) {
      last = (await append()).position;
      projector.notify();
    }
    await settled(last);
    expect(projection.batches.length).toBe(before); // still gathering
    expect(await projector.waitFor(last, 20_000)).toBe(true);
    expect(projection.batches.slice(before)).toEqual([3]);
  });

  it('after a slow batch a woken projector gathers longer than gatherMs, so it does not spend its time on tiny batches', async () => {
    const projection = new RowProjection();
    const projector = projectorOf([projection], { gatherMs: 1 });
    const first = await append();
    await settled(first.position);
    const slow = projection.hold();
    projector.start();
    await slow.entered;
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // the batch takes 1.5 s: the next gather is 6 s, not 1 ms
    slow.release();
    expect(await projector.waitFor(first.position, 20_000)).toBe(true);

    const before = projection.batches.length;
    let last = START;
    for (let i = 0; i < 3; i++) {
      last = (await append()).position;
      projector.notify();
    }
    await settled(last);
    expect(projection.batches.length).toBe(before); // still gathering
    expect(await projector.waitFor(last, 20_000)).toBe(true);
    expect(projection.batches.slice(before)).toEqual([3]);
  });

  it('a read model that throws drops out for a back-off while the others go on; it catches up alone and reports meanwhile', async () => {
    const [failing, a, b] = [new RowProjection(), new RowProjection(), new RowProjection()];
    const errors: string[] = [];
    const projector = projectorOf([failing, a, b], {
      idleWaitMs: 20,
      maxRetryDelayMs: 100,
      onError: (name, error) => errors.push(`${name}: ${String(error)}`),
    });
    const poisoned = await append(3);
    failing.poison.add(poisoned.ids[1]);
    const after = await append(2);
    await settled(after.position);
    projector.start();

    const deadline = Date.now() + 20_000;
    while ((await rowsOf(a)) < (await feedLength()) || (await rowsOf(b)) < (await feedLength())) {
      if (Date.now() > deadline) throw new Error('the healthy read models did not reach the head');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const stuck = (await projector.status()).find((s) => s.name === failing.name)!;
    expect(stuck.lastError).toBe(`${failing.name} refuses ${poisoned.ids[1]}`);
    expect(stuck.eventsBehind).toBeGreaterThanOrEqual(5);
    expect(errors.length).toBeGreaterThanOrEqual(1);
    expect(new Set(errors)).toEqual(new Set([`${failing.name}: Error: ${failing.name} refuses ${poisoned.ids[1]}`]));

    failing.poison.clear();
    expect(await projector.waitFor(after.position, 20_000)).toBe(true);
    expect((await projector.status()).map((s) => s.lastError)).toEqual([undefined, undefined, undefined]);
    for (const projection of [failing, a, b]) expect(await rowsOf(projection)).toBe(await feedLength());
  });

  it.each([1, 2])('a rebuild replays every read model in the same batches, in %i transaction(s) each', async (lanes) => {
    await append(7);
    const projections = [new RowProjection(), new RowProjection(), new RowProjection()];
    const projector = projectorOf(projections, { rebuildBatchSize: 4, rebuildLanes: lanes });
    const counter = countStatements();
    try {
      await projector.rebuild();
    } finally {
      counter.stop();
    }
    const feed = await feedLength();
    for (const projection of projections) {
      expect(await rowsOf(projection)).toBe(feed);
      expect(projection.batches).toEqual(projections[0].batches);
    }
    const transactions = counter.statements.filter((s) => s === 'START TRANSACTION').length;
    expect(transactions).toBe(1 + lanes * Math.ceil(feed / 4)); // the emptying, then each batch's lanes
  });

  it('when read models of one batch fail in the database, the one whose statement failed first is blamed', async () => {
    await append(2);
    // Both send statements at once in one transaction: the second's duplicate row aborts it, and the first's
    // next statement is then refused too. Only the duplicate is this batch's cause.
    const healthy = new RowProjection();
    const duplicating: Projection = {
      name: `test-lane-${randomUUID()}`,
      entities: [LaneRow],
      async apply(events, manager) {
        const rows = events.map((e) => ({ projection: this.name, eventId: e.eventId }));
        await manager.insert(LaneRow, [...rows, ...rows]);
      },
    };
    const slowHealthy: Projection = {
      name: healthy.name,
      entities: [LaneRow],
      async apply(events, manager) {
        await manager.query('SELECT pg_sleep(0.05)');
        await healthy.apply(events, manager);
      },
    };
    const errors: string[] = [];
    const projector = projectorOf([slowHealthy, duplicating], {
      idleWaitMs: 20,
      maxRetryDelayMs: 60_000,
      onError: (name, error) => errors.push(`${name}: ${String(error)}`),
    });
    projector.start();
    const deadline = Date.now() + 20_000;
    while (errors.length === 0 || (await rowsOf(healthy)) < (await feedLength())) {
      if (Date.now() > deadline) throw new Error('the healthy read model did not reach the head');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(errors).toEqual([expect.stringMatching(new RegExp(`^${duplicating.name}: .*duplicate key`))]);
    expect((await projector.status()).find((s) => s.name === healthy.name)?.lastError).toBeUndefined();
    expect(await rowsOf(duplicating)).toBe(0);
  });

  if (kind === 'postgres') {
    // On PGlite the held batch would keep the only connection from the appends made during it.
    it('coalesces wake-ups: many appends and notifications during a batch make one more batch, not one each', async () => {
      const projection = new RowProjection();
      const projector = projectorOf([projection]);
      const first = await append();
      await settled(first.position);
      projector.start();
      expect(await projector.waitFor(first.position, 20_000)).toBe(true);

      const gate = projection.hold();
      const held = await append();
      await settled(held.position);
      projector.notify();
      await gate.entered;
      let last = START;
      for (let i = 0; i < 3; i++) {
        last = (await append()).position;
        projector.notify();
      }
      await settled(last);
      for (let i = 0; i < 10; i++) projector.notify();
      const batchesBefore = projection.batches.length;
      gate.release();
      expect(await projector.waitFor(last, 20_000)).toBe(true);
      expect(projection.batches.slice(batchesBefore)).toEqual([1, 3]);
      expect(projection.applied).toBe(await rowsOf(projection));
    });

    // On PGlite the lanes share one connection: the held lane's transaction would keep the other from it.
    it('in a rebuild, a lane goes on with its next batches while another is still writing one', async () => {
      await append(12);
      const [slow, fast] = [new RowProjection(), new RowProjection()];
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      const applySlowly = slow.apply.bind(slow);
      slow.apply = async (events, manager) => {
        if (slow.batches.length === 1) await released; // its second batch waits
        return applySlowly(events, manager);
      };
      const projector = projectorOf([slow, fast], { rebuildBatchSize: 4, rebuildLanes: 2 });
      const rebuilt = projector.rebuild();
      try {
        const feed = await feedLength();
        const deadline = Date.now() + 20_000;
        while ((await rowsOf(fast)) < feed) {
          if (Date.now() > deadline) throw new Error('the fast lane waited for the slow one');
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        expect(slow.batches).toHaveLength(1);
        expect(fast.batches.length).toBeGreaterThanOrEqual(3);
      } finally {
        release();
        await rebuilt;
      }
      expect(await rowsOf(slow)).toBe(await feedLength());
      expect(slow.batches).toEqual(fast.batches);
    });

    describe('with a second projector process on the same database', () => {
      let other: { connection: ReturnType<typeof connectPostgres>; dataSource: DataSource };
      beforeAll(async () => {
        const connection = connectPostgres({ url: stack.url! });
        other = { connection, dataSource: await openReadModelDataSource(connection, [LaneRow]) };
      });
      afterAll(async () => {
        await other.dataSource.destroy();
        await other.connection.close();
      });
      const otherProjector = (projections: Projection[], options: ConstructorParameters<typeof Projector>[3] = {}) => {
        const projector = new Projector(new PostgresEventStore(other.connection.pool), other.dataSource, projections, {
          idleWaitMs: 60_000,
          ...options,
        });
        projectors.push(projector);
        return projector;
      };

      it('never applies a batch twice, and together they reach the head', async () => {
        const names = [`test-lane-${randomUUID()}`, `test-lane-${randomUUID()}`, `test-lane-${randomUUID()}`];
        const mine = names.map((name) => new RowProjection(name));
        const theirs = names.map((name) => new RowProjection(name));
        const first = projectorOf(mine, { batchSize: 3, idleWaitMs: 5 });
        const second = otherProjector(theirs, { batchSize: 3, idleWaitMs: 5 });
        first.start();
        second.start();
        let last = START;
        for (let i = 0; i < 30; i++) {
          last = (await append(1 + (i % 3))).position;
          (i % 2 === 0 ? first : second).notify();
        }
        expect(await first.waitFor(last, 20_000)).toBe(true);
        expect(await second.waitFor(last, 20_000)).toBe(true);
        const feed = await feedLength();
        for (const [i, name] of names.entries()) {
          expect(await dataSource.manager.countBy(LaneRow, { projection: name })).toBe(feed);
          expect(mine[i].applied + theirs[i].applied).toBe(feed); // each event once, by one of the two
        }
        expect((await first.status()).concat(await second.status()).map((s) => s.lastError)).toEqual(
          names.concat(names).map(() => undefined),
        );
      });

      it('skips a batch the other process applied since it last looked: its checkpoint in memory is checked under the lock', async () => {
        const name = `test-lane-${randomUUID()}`;
        const [mine, theirs] = [new RowProjection(name), new RowProjection(name)];
        const first = projectorOf([mine]);
        await first.catchUp();
        const appended = await append(4);
        await settled(appended.position);
        await otherProjector([theirs]).catchUp();
        expect(theirs.batches.at(-1)).toBe(4);

        const before = mine.applied;
        first.start(); // knows the checkpoint from before the other's batch
        expect(await first.waitFor(appended.position, 20_000)).toBe(true);
        expect(mine.applied).toBe(before);
        expect(await rowsOf(mine)).toBe(await feedLength());
      });

      it('applies to the read models whose lock it gets; one another process holds catches up once it is let go', async () => {
        const [free, held] = [new RowProjection(), new RowProjection()];
        const projector = projectorOf([free, held], { idleWaitMs: 10 });
        const lock: pg.PoolClient = await other.connection.pool.connect();
        try {
          await lock.query('BEGIN');
          await lock.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`banenpool.projection.${held.name}`]);
          const catchingUp = projector.catchUp();
          const feed = await feedLength();
          const deadline = Date.now() + 20_000;
          while ((await rowsOf(free)) < feed) {
            if (Date.now() > deadline) throw new Error('the free read model did not reach the head');
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
          expect(await rowsOf(held)).toBe(0);
          expect(await projector.checkpoint(held.name)).toEqual(START);
          await lock.query('COMMIT');
          await catchingUp;
        } finally {
          lock.release();
        }
        expect(await rowsOf(held)).toBe(await feedLength());
        expect(held.applied).toBe(await feedLength());
      });
    });
  }
});
