import { z } from 'zod';
import { placementDecider, type EventRegistry } from '@banenpool/domain';
import { WrongExpectedVersionError } from '@banenpool/event-store';
import { openTestStack, type TestStack } from '@banenpool/testing';
import { executeCommand, loadState, type StreamDecider } from './command-executor.js';

/** A tiny stand-in for a capacity request: at most `capacity` seats, never more. */
type SeatEvent = { type: 'SeatsOffered'; data: { capacity: number } } | { type: 'SeatTaken'; data: { by: string } };
type SeatCommand = { type: 'OfferSeats'; capacity: number } | { type: 'TakeSeat'; by: string };
type SeatState = { capacity: number; taken: string[] };

class Full extends Error {}

/** The stand-in stream's schemas: the executor reads stored events through them, as it reads the pool's through theirs. */
const schemas = {
  SeatsOffered: { version: 1, data: z.object({ capacity: z.int() }) },
  SeatTaken: { version: 1, data: z.object({ by: z.string() }) },
} satisfies EventRegistry;

const seats: StreamDecider<SeatCommand, SeatEvent, SeatState> = {
  initialState: { capacity: 0, taken: [] },
  evolve: (state, event) =>
    event.type === 'SeatsOffered' ? { ...state, capacity: event.data.capacity } : { ...state, taken: [...state.taken, event.data.by] },
  decide(command, state) {
    if (command.type === 'OfferSeats') return [{ type: 'SeatsOffered', data: { capacity: command.capacity } }];
    if (state.taken.length >= state.capacity) throw new Full(`all ${state.capacity} seats are taken`);
    return [{ type: 'SeatTaken', data: { by: command.by } }];
  },
};

describe('executeCommand (on PGlite)', () => {
  let stack: TestStack;
  const now = new Date('2026-11-23T10:00:00Z');
  const metadata = { actor: 'operator:test', correlationId: 'c-1' };

  beforeAll(async () => (stack = await openTestStack('pglite')));
  afterAll(() => stack.cleanup());

  it('appends the decided events with the actor and answers the new version and position', async () => {
    const result = await executeCommand(stack.store, seats, 'seats-a', { type: 'OfferSeats', capacity: 2 }, { schemas, metadata, now });
    expect(result).toMatchObject({ streamId: 'seats-a', version: 0, events: [{ type: 'SeatsOffered' }] });
    expect(result.position).toBeDefined();
    const [stored] = await stack.store.readStream('seats-a');
    expect(stored.metadata).toEqual(metadata);
  });

  it('appends nothing when what must come before the append fails (a keyed request taken over)', async () => {
    const beforeAppend = Promise.reject(new Error('taken over'));
    beforeAppend.catch(() => undefined); // as UseCaseExecutor does: the executor awaits it only after reading the stream
    await expect(
      executeCommand(stack.store, seats, 'seats-taken', { type: 'OfferSeats', capacity: 2 }, { schemas, metadata, now, beforeAppend }),
    ).rejects.toThrow('taken over');
    expect(await stack.store.readStream('seats-taken')).toEqual([]);
  });

  it('a stale If-Match is a conflict and appends nothing', async () => {
    await executeCommand(stack.store, seats, 'seats-b', { type: 'OfferSeats', capacity: 2 }, { schemas, metadata, now });
    await executeCommand(stack.store, seats, 'seats-b', { type: 'TakeSeat', by: 'anna' }, { schemas, metadata, now, expectedVersion: 0 });
    await expect(
      executeCommand(stack.store, seats, 'seats-b', { type: 'TakeSeat', by: 'bram' }, { schemas, metadata, now, expectedVersion: 0 }),
    ).rejects.toBeInstanceOf(WrongExpectedVersionError);
    expect((await loadState(stack.store, seats, 'seats-b', schemas)).state.taken).toEqual(['anna']);
  });

  it('concurrent commands without If-Match decide again on the newer state: never over-filled, nothing lost', async () => {
    await executeCommand(stack.store, seats, 'seats-c', { type: 'OfferSeats', capacity: 5 }, { schemas, metadata, now });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        executeCommand(stack.store, seats, 'seats-c', { type: 'TakeSeat', by: `w${i}` }, { schemas, metadata, now }),
      ),
    );
    const won = outcomes.filter((o) => o.status === 'fulfilled');
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    for (const r of refused) expect(r.reason instanceof Full || r.reason instanceof WrongExpectedVersionError).toBe(true);
    const { state } = await loadState(stack.store, seats, 'seats-c', schemas);
    expect(state.taken).toHaveLength(won.length);
    expect(state.taken.length).toBeLessThanOrEqual(5);
  });

  it('a keyed request whose events are already there answers them instead of appending again', async () => {
    await executeCommand(stack.store, seats, 'seats-d', { type: 'OfferSeats', capacity: 3 }, { schemas, metadata, now });
    const keyed = { ...metadata, idempotencyKey: 'operator:test/k-1#r-1' };
    const first = await executeCommand(
      stack.store,
      seats,
      'seats-d',
      { type: 'TakeSeat', by: 'anna' },
      { schemas, metadata: keyed, now, expectedVersion: 0 },
    );
    // The same request again (its lease lapsed while it still appended, and a retry took it over), with its If-Match.
    const again = await executeCommand(
      stack.store,
      seats,
      'seats-d',
      { type: 'TakeSeat', by: 'anna' },
      {
        schemas,
        metadata: keyed,
        now,
        expectedVersion: 0,
        answeredBy: keyed.idempotencyKey,
      },
    );
    expect(again).toEqual(first);
    expect((await loadState(stack.store, seats, 'seats-d', schemas)).state.taken).toEqual(['anna']);
    // Another request is not answered by it.
    const other = { ...metadata, idempotencyKey: 'operator:test/k-2#r-2' };
    await executeCommand(
      stack.store,
      seats,
      'seats-d',
      { type: 'TakeSeat', by: 'bram' },
      { schemas, metadata: other, now, answeredBy: other.idempotencyKey },
    );
    expect((await loadState(stack.store, seats, 'seats-d', schemas)).state.taken).toEqual(['anna', 'bram']);
  });

  describe('reading a pool stream', () => {
    const terms = {
      placementId: 'old',
      workerId: 'anna',
      employerId: 'visschedijk',
      siteId: 'office',
      functionName: 'cleaner',
      legalForm: 'secondment',
      hoursPerWeek: 20,
      period: { from: '2026-01-05', to: '2026-03-29' },
    };
    /** PlacementConfirmed as schema version 1 stored it. */
    const confirmedV1 = {
      ...terms,
      pay: {
        hourlyCents: 1520,
        wageBasis: 'cao',
        cao: {
          code: 'schoonmaak',
          versionFrom: '2026-01-01',
          revision: 0,
          scale: 'A',
          step: 1,
          scaleHourlyCents: 1520,
          youthBp: 10000,
          hourlyCents: 1520,
        },
        minimumWage: { tableVersion: '2026-01-01', age: 25, youthBp: 10000, hourlyCents: 1471 },
      },
      appliesHirerConditions: false,
    };
    const store = (streamId: string, confirmedSchemaVersion: number) =>
      stack.store.appendToStream(
        streamId,
        [
          { type: 'PlacementProposed', data: terms, schemaVersion: 1, metadata },
          { type: 'PlacementConfirmed', data: confirmedV1, schemaVersion: confirmedSchemaVersion, metadata },
        ],
        { expectedVersion: 'no_stream' },
      );

    it('folds an event of an older schema version as its upcaster reads it, and decides on that', async () => {
      await store('placement-old', 1);
      const { state } = await loadState(stack.store, placementDecider, 'placement-old');
      expect(state).toMatchObject({
        status: 'confirmed',
        agreed: { step: 1 },
        hirerTerms: { applies: false, basis: 'recorded under schema version 1' },
      });
      const withdrawal = { type: 'WithdrawPlacement', reason: 'The hours were refused' } as const;
      const result = await executeCommand(stack.store, placementDecider, 'placement-old', withdrawal, { metadata, now });
      expect(result.events).toEqual([{ type: 'PlacementWithdrawn', data: { placementId: 'old', reason: 'The hours were refused' } }]);
    });

    it('refuses to fold or decide on a stream with an event its schema cannot read', async () => {
      await store('placement-unreadable', 2);
      const unreadable = /Event 1 of stream placement-unreadable \(PlacementConfirmed, schema version 2\) cannot be read \(invalid_data\)/;
      await expect(loadState(stack.store, placementDecider, 'placement-unreadable')).rejects.toThrow(unreadable);
      const withdrawal = { type: 'WithdrawPlacement', reason: 'Never mind' } as const;
      await expect(executeCommand(stack.store, placementDecider, 'placement-unreadable', withdrawal, { metadata, now })).rejects.toThrow(
        unreadable,
      );
    });
  });
});
