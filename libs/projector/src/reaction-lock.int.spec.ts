import { randomUUID } from 'node:crypto';
import { connectPostgres, PostgresEventStore, type RecordedEvent } from '@banenpool/event-store';
import { openTestStack, type TestStack } from '@banenpool/testing';
import type { DataSource } from 'typeorm';
import type { Reaction } from './projection.js';
import { Projector } from './projector.js';
import { openReadModelDataSource } from './read-model-data-source.js';

/** Records every event it is handed, taking a moment per batch as commands to other streams would. */
const recordingReaction = (seen: string[]): Reaction => ({
  kind: 'reaction',
  name: 'test-reaction-lock',
  async react(events: readonly RecordedEvent[]) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    seen.push(...events.map((e) => e.eventId));
    return { appended: 0 };
  },
});

describe('a reaction on a PostgreSQL server, with two projector processes', () => {
  let stack: TestStack;
  const opened: { dataSource: DataSource; close: () => Promise<void> }[] = [];

  beforeAll(async () => {
    stack = await openTestStack('postgres');
  });
  afterAll(async () => {
    for (const { dataSource, close } of opened) await dataSource.destroy().then(close);
    await stack.cleanup();
  });

  /** Another pool, data source and projector: what a second process would have. */
  const otherProcess = async (seen: string[]) => {
    const connection = connectPostgres({ url: stack.url!, poolSize: 3 });
    const dataSource = await openReadModelDataSource(connection, []);
    opened.push({ dataSource, close: () => connection.close() });
    return new Projector(new PostgresEventStore(connection.pool), dataSource, [recordingReaction(seen)], {
      batchSize: 5,
      idleWaitMs: 5,
      reactionsUnderLock: true,
    });
  };

  it('hands each batch to one process only: they take turns under the lock and skip what the other handled', async () => {
    const seen: string[] = [];
    const projectors = [await otherProcess(seen), await otherProcess(seen)];
    projectors.forEach((p) => p.start());
    try {
      const appended: string[] = [];
      let last;
      for (let i = 0; i < 12; i++) {
        const events = Array.from({ length: 3 }, () => ({ type: 'Tallied', data: {}, eventId: randomUUID() }));
        last = (await stack.store.appendToStream(`tally-${randomUUID()}`, events, { expectedVersion: 'no_stream' })).position;
        appended.push(...events.map((e) => e.eventId));
      }
      expect(await projectors[0].waitFor(last!, 20_000)).toBe(true);
      expect(seen.filter((id) => appended.includes(id)).sort()).toEqual([...appended].sort());
    } finally {
      await Promise.all(projectors.map((p) => p.stop()));
    }
  });
});
