import { z } from 'zod';
import { type EventRegistry } from '@banenpool/domain';
import type { EventStore, ReadStreamOptions } from '@banenpool/event-store';
import { openTestStack, type TestStack } from '@banenpool/testing';
import { executeCommand, loadState, type StreamDecider } from '../command-executor.js';
import { PostgresStreamSnapshots } from './postgres-stream-snapshots.js';
import { keyMark, stepMark, StreamSnapshots, type Snapshotting, type SnapshotKind } from './stream-snapshots.js';

/** A stand-in stream that only counts: its state after n events is known without folding. */
type CountEvent = { type: 'Counted'; data: { by: number } };
type CountCommand = { type: 'Count'; by: number } | { type: 'Nothing' };
type CountState = { total: number; events: number };

const schemas = { Counted: { version: 1, data: z.object({ by: z.int() }) } } satisfies EventRegistry;
const counter: StreamDecider<CountCommand, CountEvent, CountState> = {
  initialState: { total: 0, events: 0 },
  evolve: (state, event) => ({ total: state.total + event.data.by, events: state.events + 1 }),
  decide: (command) => (command.type === 'Count' ? [{ type: 'Counted', data: { by: command.by } }] : []),
};
const KIND: SnapshotKind = { name: 'counter', version: 1 };
const EVERY = 5;

/** The store, telling which revision each read of a stream started from. */
function watched(store: EventStore): { store: EventStore; readsFrom: number[] } {
  const readsFrom: number[] = [];
  const watching = Object.create(store) as EventStore;
  watching.readStream = (streamId: string, options?: ReadStreamOptions) => {
    readsFrom.push(options?.fromRevision ?? 0);
    return store.readStream(streamId, options);
  };
  return { store: watching, readsFrom };
}

describe.each(['pglite', 'postgres'] as const)('commands from snapshots (on %s)', (kind) => {
  let stack: TestStack;
  let snapshots: PostgresStreamSnapshots;
  const now = new Date('2026-11-23T10:00:00Z');
  const metadata = { actor: 'operator:test', correlationId: 'c-1' };
  const snapshotting = (store: StreamSnapshots = snapshots): Snapshotting => ({ store, kind: KIND, every: EVERY });
  const count = (store: EventStore, streamId: string, by: number, options: Partial<Parameters<typeof executeCommand>[4]> = {}) =>
    executeCommand(store, counter, streamId, { type: 'Count', by }, { schemas, metadata, now, snapshots: snapshotting(), ...options });
  const countTimes = async (streamId: string, times: number) => {
    for (let i = 1; i <= times; i++) await count(stack.store, streamId, i);
  };

  beforeAll(async () => {
    stack = await openTestStack(kind);
    snapshots = new PostgresStreamSnapshots(stack.connection.pool);
  });
  afterAll(() => stack.cleanup());

  it('keeps a snapshot once the stream has grown past the last one, and folds only what follows it', async () => {
    await countTimes('count-a', 12); // snapshots taken by the commands that loaded 5 and 10 events
    expect((await snapshots.read('count-a', KIND, []))?.snapshot).toMatchObject({ revision: 9, state: { total: 55, events: 10 } });

    const { store, readsFrom } = watched(stack.store);
    const result = await count(store, 'count-a', 13);
    expect(readsFrom).toEqual([0, 9]); // its first page, full, so from the snapshot on

    expect(result.version).toBe(12);
    const whole = await loadState(stack.store, counter, 'count-a', schemas);
    expect(whole.state).toEqual({ total: 91, events: 13 });
    expect(await loadState(stack.store, counter, 'count-a', schemas, snapshotting())).toEqual(whole);
  });

  it('reads a stream shorter than a snapshot interval once, without asking the snapshot store', async () => {
    await countTimes('count-short', EVERY - 2);
    let asked = 0;
    const counting = Object.create(snapshots) as StreamSnapshots;
    counting.read = (...args) => {
      asked++;
      return snapshots.read(...args);
    };
    const { store, readsFrom } = watched(stack.store);
    const result = await count(store, 'count-short', 1, { snapshots: snapshotting(counting) });
    expect({ readsFrom, asked, version: result.version }).toEqual({ readsFrom: [0], asked: 0, version: EVERY - 2 });
  });

  it('ignores a snapshot of another history, of another state version or with a state it cannot fold on, and folds the whole stream', async () => {
    await countTimes('count-b', 3);
    const wrong = [
      { streamId: 'count-b', kind: KIND, revision: 1, eventId: 'not-this-stream', state: { total: 1000, events: 2 } },
      {
        streamId: 'count-b',
        kind: { ...KIND, version: 0 },
        revision: 2,
        eventId: (await stack.store.readStream('count-b'))[2].eventId,
        state: { total: 1000, events: 3 },
      },
    ];
    for (const snapshot of wrong) {
      await snapshots.write(snapshot, []);
      expect((await loadState(stack.store, counter, 'count-b', schemas, snapshotting())).state).toEqual({ total: 6, events: 3 });
    }
    const refusing: StreamDecider<CountCommand, CountEvent, CountState> = {
      ...counter,
      evolve: (state, event) => {
        if (typeof state.total !== 'number') throw new Error('not a counter');
        return counter.evolve(state, event);
      },
    };
    const [second] = await stack.store.readStream('count-b', { fromRevision: 1 });
    await snapshots.write({ streamId: 'count-b', kind: KIND, revision: 1, eventId: second.eventId, state: { tally: 3 } }, []);
    expect((await loadState(stack.store, refusing, 'count-b', schemas, snapshotting())).state).toEqual({ total: 6, events: 3 });
  });

  it('a snapshot store that fails neither fails nor changes a command', async () => {
    const failing = new (class extends StreamSnapshots {
      read = () => Promise.reject(new Error('snapshots unreachable'));
      write = () => Promise.reject(new Error('snapshots unreachable'));
    })();
    for (let i = 1; i <= 7; i++) await count(stack.store, 'count-c', i, { snapshots: snapshotting(failing) });
    expect((await loadState(stack.store, counter, 'count-c', schemas)).state).toEqual({ total: 28, events: 7 });
  });

  it('a process step done before the snapshot is not done again', async () => {
    const step = { metadata: { ...metadata, causationId: 'cause-1' }, once: 'count-once' };
    await count(stack.store, 'count-d', 100, step);
    await countTimes('count-d', 6);
    expect((await snapshots.read('count-d', KIND, [stepMark('count-once', 'cause-1')]))?.marked).toBe(true);

    const again = await count(stack.store, 'count-d', 100, step);
    expect(again.events).toEqual([]);
    expect((await loadState(stack.store, counter, 'count-d', schemas)).state.total).toBe(121);
  });

  it('a keyed request answered before the snapshot gets that answer, not a second append', async () => {
    const tag = 'operator:test/key-1#1';
    const first = await count(stack.store, 'count-e', 100, { metadata: { ...metadata, idempotencyKey: tag }, answeredBy: tag });
    await countTimes('count-e', 6);
    expect((await snapshots.read('count-e', KIND, [keyMark(tag)]))?.marked).toBe(true);

    const retried = await count(stack.store, 'count-e', 100, { metadata: { ...metadata, idempotencyKey: tag }, answeredBy: tag });
    expect(retried).toEqual(first);
    expect((await loadState(stack.store, counter, 'count-e', schemas)).state.events).toBe(7);
  });

  it('a process that holds a snapshot gets the newer one another process wrote', async () => {
    await countTimes('count-g', 3);
    const [first, second] = await stack.store.readStream('count-g');
    const other = new PostgresStreamSnapshots(stack.connection.pool);
    await snapshots.write({ streamId: 'count-g', kind: KIND, revision: 0, eventId: first.eventId, state: { total: 1, events: 1 } }, []);
    expect((await snapshots.read('count-g', KIND, []))?.snapshot.state).toEqual({ total: 1, events: 1 });
    await other.write({ streamId: 'count-g', kind: KIND, revision: 1, eventId: second.eventId, state: { total: 3, events: 2 } }, []);
    expect((await snapshots.read('count-g', KIND, []))?.snapshot).toMatchObject({ revision: 1, state: { total: 3, events: 2 } });
    await other.write({ streamId: 'count-g', kind: { ...KIND, version: 2 }, revision: 1, eventId: second.eventId, state: { sum: 3 } }, []);
    expect(await snapshots.read('count-g', KIND, [])).toBeUndefined();
    expect((await snapshots.read('count-g', { ...KIND, version: 2 }, []))?.snapshot.state).toEqual({ sum: 3 });
  });

  it('keeps the newest snapshot when an older one is written after it', async () => {
    const [, , third] = (await countTimes('count-f', 3), await stack.store.readStream('count-f'));
    const [second] = await stack.store.readStream('count-f', { fromRevision: 1 });
    await snapshots.write({ streamId: 'count-f', kind: KIND, revision: 2, eventId: third.eventId, state: { total: 6, events: 3 } }, []);
    await snapshots.write({ streamId: 'count-f', kind: KIND, revision: 1, eventId: second.eventId, state: { total: 3, events: 2 } }, []);
    expect((await snapshots.read('count-f', KIND, []))?.snapshot.revision).toBe(2);
  });

  it('keeps with a snapshot the hash of its event and when the events it folds were recorded, also those of the snapshot it was folded onto', async () => {
    await countTimes('count-h', 12); // snapshots at revisions 4, then 9 folded onto it
    const events = await stack.store.readStream('count-h', { toRevision: 9 });
    const latest = Math.max(...events.map((event) => event.recordedAt.getTime()));
    const { snapshot } = (await new PostgresStreamSnapshots(stack.connection.pool).read('count-h', KIND, []))!;
    expect(snapshot).toMatchObject({ revision: 9, hash: events[9].hash, recordedUntil: new Date(latest + 1) });
  });

  it('does not say when the events were recorded once a snapshot it was folded onto did not', async () => {
    await countTimes('count-i', 5);
    const [fifth] = await stack.store.readStream('count-i', { fromRevision: 4 });
    await snapshots.write({ streamId: 'count-i', kind: KIND, revision: 4, eventId: fifth.eventId, state: { total: 15, events: 5 } }, []);
    await countTimes('count-i', 6); // the sixth loads five events past the snapshot, and keeps a new one
    const { snapshot } = (await new PostgresStreamSnapshots(stack.connection.pool).read('count-i', KIND, []))!;
    expect(snapshot.revision).toBe(9);
    expect(snapshot).not.toHaveProperty('recordedUntil');
  });
});
