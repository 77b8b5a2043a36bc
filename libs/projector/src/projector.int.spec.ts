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
import { Column, Entity, PrimaryColumn, type DataSource, type EntityManager } from 'typeorm';
import type { Projection, Reaction } from './projection.js';
import { Projector } from './projector.js';
import { openReadModelDataSource } from './read-model-data-source.js';

/** One row per applied event: a plain INSERT, so applying an event twice would fail loudly. */
@Entity({ name: 'test_tally' })
class TallyRow {
  @PrimaryColumn({ name: 'event_id', type: 'uuid' })
  eventId: string;

  @Column({ name: 'stream_id', type: 'text' })
  streamId: string;

  @Column({ type: 'integer' })
  revision: number;
}

class TallyProjection implements Projection {
  readonly name = 'test-tally';
  readonly entities = [TallyRow];
  /** Event ids whose handling fails the first time it is attempted. */
  readonly failOnce = new Set<string>();

  async apply(events: readonly RecordedEvent[], manager: EntityManager): Promise<void> {
    for (const event of events) {
      if (this.failOnce.delete(event.eventId)) throw new Error(`handler failed on ${event.eventId}`);
      await manager.insert(TallyRow, { eventId: event.eventId, streamId: event.streamId, revision: event.revision });
    }
  }
}

/** Counts the events it is given; no tables of its own. */
class CountingProjection implements Projection {
  readonly entities = [];
  seen = 0;
  constructor(readonly name: string) {}

  async apply(events: readonly RecordedEvent[]): Promise<void> {
    this.seen += events.length;
  }
}

const rows = (dataSource: DataSource) => dataSource.manager.find(TallyRow, { order: { eventId: 'ASC' } });

describe.each(STACK_KINDS)('Projector on %s', (kind) => {
  let stack: TestStack;
  let dataSource: DataSource;
  let projection: TallyProjection;
  let projector: Projector;

  const append = async (count: number, stream = `tally-${randomUUID()}`) => {
    const events = Array.from({ length: count }, (_, i) => ({ type: 'Tallied', data: { i }, eventId: randomUUID() }));
    const result = await stack.store.appendToStream(stream, events, { expectedVersion: 'any' });
    return { ids: events.map((e) => e.eventId), result };
  };
  /**
   * Waits (bounded) until the feed shows everything up to `position`: a transaction running anywhere
   * on the server, such as another test file's, holds the feed back meanwhile (ADR 0004).
   */
  const settled = async (position: GlobalPosition) => {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const head = await stack.store.headPosition();
      if (head && comparePositions(head, position) >= 0) return;
      if (Date.now() > deadline) throw new Error('the feed stayed held back for 20 s');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  beforeAll(async () => {
    stack = await openTestStack(kind);
    dataSource = await openReadModelDataSource(stack.connection, [TallyRow]);
  });
  afterAll(async () => {
    await dataSource.destroy();
    await stack.cleanup();
  });
  beforeEach(async () => {
    projection = new TallyProjection();
    projector = new Projector(stack.store, dataSource, [projection], { batchSize: 10, idleWaitMs: 20 });
    await projector.rebuild(); // empty tables and checkpoint, replaying whatever earlier tests left
  });
  afterEach(() => projector.stop());

  it('applies the feed in batches and moves the checkpoint with them', async () => {
    const before = (await rows(dataSource)).length;
    const { ids, result } = await append(25);
    await projector.catchUp();
    const applied = await rows(dataSource);
    expect(applied).toHaveLength(before + 25);
    expect(applied.map((r) => r.eventId)).toEqual(expect.arrayContaining(ids));
    expect(comparePositions(await projector.checkpoint(projection.name), result.position)).toBe(0);
  });

  it('a handler failing in the middle of a batch leaves rows and checkpoint as they were; the batch is retried', async () => {
    await projector.catchUp();
    const rowsBefore = await rows(dataSource);
    const checkpointBefore = await projector.checkpoint(projection.name);
    const { ids, result } = await append(8);
    projection.failOnce.add(ids[5]);
    await settled(result.position);

    await expect(projector.runBatch(projection)).rejects.toThrow(`handler failed on ${ids[5]}`);
    expect(await rows(dataSource)).toEqual(rowsBefore);
    expect(await projector.checkpoint(projection.name)).toEqual(checkpointBefore);

    expect(await projector.runBatch(projection)).toEqual({ kind: 'applied', count: 8 });
    expect(await rows(dataSource)).toHaveLength(rowsBefore.length + 8);
  });

  it('the running projector retries a failed batch by itself and reports the error meanwhile', async () => {
    const errors: string[] = [];
    projector = new Projector(stack.store, dataSource, [projection], {
      batchSize: 10,
      idleWaitMs: 20,
      maxRetryDelayMs: 50,
      onError: (_, error) => errors.push(String(error)),
    });
    const { ids, result } = await append(5);
    projection.failOnce.add(ids[2]);
    projector.start();
    expect(await projector.waitFor(result.position, 10_000)).toBe(true);
    expect(errors).toEqual([`Error: handler failed on ${ids[2]}`]);
    expect((await rows(dataSource)).map((r) => r.eventId)).toEqual(expect.arrayContaining(ids));
  });

  it('a rebuild from zero equals the live result', async () => {
    projector.start();
    const appends = [await append(7), await append(13), await append(4)];
    expect(await projector.waitFor(appends[2].result.position, 10_000)).toBe(true);
    const live = await rows(dataSource);
    await projector.rebuild();
    expect(await rows(dataSource)).toEqual(live);
  });

  it('read-your-writes: waitFor resolves once the position is applied, and gives up after its bound', async () => {
    projector.start();
    const { ids, result } = await append(3);
    expect(await projector.waitFor(result.position, 10_000)).toBe(true);
    expect((await rows(dataSource)).map((r) => r.eventId)).toEqual(expect.arrayContaining(ids));
    const future = { commit: result.position.commit + 1_000_000n, prepare: 0n };
    expect(await projector.waitFor(future, 100)).toBe(false);
  });

  it('projections at the same checkpoint share each batch: every page of the feed is read once, not once per projection', async () => {
    await append(25);
    const pagesRead: string[] = [];
    const store = new Proxy(stack.store, {
      get(target, key, receiver) {
        if (key !== 'readAll') return Reflect.get(target, key, receiver);
        return async (options: Parameters<typeof target.readAll>[0]) => {
          const page = await target.readAll(options);
          if (page.length > 0) pagesRead.push(`${options?.after?.commit}/${options?.after?.prepare}`);
          return page;
        };
      },
    });
    const [first, second] = [new CountingProjection(`test-count-${randomUUID()}`), new CountingProjection(`test-count-${randomUUID()}`)];
    await new Projector(store, dataSource, [first, second], { batchSize: 10, idleWaitMs: 10 }).catchUp();
    const feed = (await stack.store.readAll({ after: START, limit: 100_000 })).length;
    expect(first.seen).toBe(feed);
    expect(second.seen).toBe(feed);
    expect(pagesRead.length).toBeGreaterThanOrEqual(Math.ceil(feed / 10));
    expect(new Set(pagesRead).size).toBe(pagesRead.length);
  });

  it('reports its lag', async () => {
    await projector.catchUp();
    await append(4);
    const [behind] = await projector.status();
    expect(behind).toMatchObject({ name: 'test-tally', eventsBehind: 4 });
    expect(behind.lagSeconds).toBeGreaterThanOrEqual(0);
    await projector.catchUp();
    expect((await projector.status())[0]).toMatchObject({ eventsBehind: 0, lagSeconds: 0 });
  });

  it('concurrent transactions through TypeORM are isolated: the one that fails leaves nothing', async () => {
    const write = (streamId: string, fail: boolean) =>
      dataSource.transaction(async (manager) => {
        for (let revision = 0; revision < 3; revision++) {
          await manager.insert(TallyRow, { eventId: randomUUID(), streamId, revision });
          await new Promise((resolve) => setImmediate(resolve));
        }
        if (fail) throw new Error('refused');
      });
    const outcomes = await Promise.allSettled([write('iso-a', false), write('iso-b', true), write('iso-c', false)]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const written = await dataSource.manager.findBy(TallyRow, [{ streamId: 'iso-a' }, { streamId: 'iso-b' }, { streamId: 'iso-c' }]);
    expect(written.map((r) => r.streamId).sort()).toEqual(['iso-a', 'iso-a', 'iso-a', 'iso-c', 'iso-c', 'iso-c']);
    await dataSource.manager.delete(TallyRow, [{ streamId: 'iso-a' }, { streamId: 'iso-c' }]);
  });

  it('a reaction (process manager) sees every event, and a failed batch again; a rebuild leaves it alone', async () => {
    const seen: string[] = [];
    let failNext = true;
    const reaction: Reaction = {
      kind: 'reaction',
      name: 'test-reaction',
      async react(events) {
        if (failNext) {
          failNext = false;
          throw new Error('command refused by a store that was down');
        }
        seen.push(...events.map((e) => e.eventId));
        return { appended: 0 };
      },
    };
    const both = new Projector(stack.store, dataSource, [projection, reaction], { batchSize: 10 });
    await both.catchUp([projection]);
    const { ids, result } = await append(6);
    await settled(result.position);
    await expect(both.runBatch(reaction)).rejects.toThrow('command refused');
    await both.catchUp([reaction]);
    expect(seen).toEqual(expect.arrayContaining(ids));
    const checkpoint = await both.checkpoint('test-reaction');
    await both.rebuild();
    expect(await both.checkpoint('test-reaction')).toEqual(checkpoint);
    await expect(both.rebuild('test-reaction')).rejects.toThrow(/Unknown projection test-reaction; known: test-tally/);
  });

  it('wakes itself after a reaction: what the reaction appended is applied without waiting out the idle wait', async () => {
    const echoes: GlobalPosition[] = [];
    const stream = `wake-${randomUUID()}`;
    const echo: Reaction = {
      kind: 'reaction',
      name: 'test-echo',
      async react(events) {
        const mine = events.filter((e) => e.streamId === stream);
        for (const event of mine) {
          const appended = await stack.store.appendToStream(`echo-${event.eventId}`, [{ type: 'Echoed', data: {} }], {
            expectedVersion: 'any',
          });
          echoes.push(appended.position);
        }
        return { appended: mine.length };
      },
    };
    // Idle for ten minutes: without a wake-up the echo would be applied long after the test gave up.
    const both = new Projector(stack.store, dataSource, [projection, echo], { batchSize: 10, idleWaitMs: 600_000 });
    await both.catchUp();
    both.start();
    try {
      const { result } = await append(1, stream);
      both.notify(); // as the API does after its own append
      expect(await both.waitFor(result.position, 15_000)).toBe(true);
      expect(echoes).toHaveLength(1);
      expect(comparePositions(await both.checkpoint('test-tally'), echoes[0])).toBeGreaterThanOrEqual(0);
    } finally {
      await both.stop();
    }
  });

  if (kind === 'postgres') {
    it('a second projector process is harmless: every event is applied exactly once', async () => {
      // A second pool, data source and projector stand for another process on the same database.
      const other = connectPostgres({ url: stack.url! });
      const otherDataSource = await openReadModelDataSource(other, [TallyRow]);
      const second = new Projector(new PostgresEventStore(other.pool), otherDataSource, [new TallyProjection()], {
        batchSize: 10,
        idleWaitMs: 5,
      });
      try {
        projector.start();
        second.start();
        const appended: string[] = [];
        let last = START;
        for (let i = 0; i < 20; i++) {
          const { ids, result } = await append(1 + (i % 4));
          appended.push(...ids);
          last = result.position;
        }
        expect(await projector.waitFor(last, 20_000)).toBe(true);
        const applied = (await rows(dataSource)).map((r) => r.eventId);
        expect(new Set(applied).size).toBe(applied.length); // the primary key would have refused a double anyway
        expect(applied).toEqual(expect.arrayContaining(appended));
        expect((await projector.status())[0].lastError).toBeUndefined();
        expect((await second.status())[0].lastError).toBeUndefined();
      } finally {
        await second.stop();
        await otherDataSource.destroy();
        await other.close();
      }
    });
  }
});
