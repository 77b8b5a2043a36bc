import { WrongExpectedVersionError } from '@banenpool/event-store';
import { openTestStack, type TestStack } from '@banenpool/testing';
import { executeCommand, loadState, type StreamDecider } from './command-executor.js';

/** A tiny stand-in for a capacity request: at most `capacity` seats, never more. */
type SeatEvent = { type: 'SeatsOffered'; data: { capacity: number } } | { type: 'SeatTaken'; data: { by: string } };
type SeatCommand = { type: 'OfferSeats'; capacity: number } | { type: 'TakeSeat'; by: string };
type SeatState = { capacity: number; taken: string[] };

class Full extends Error {}

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
    const result = await executeCommand(stack.store, seats, 'seats-a', { type: 'OfferSeats', capacity: 2 }, { metadata, now });
    expect(result).toMatchObject({ streamId: 'seats-a', version: 0, events: [{ type: 'SeatsOffered' }] });
    expect(result.position).toBeDefined();
    const [stored] = await stack.store.readStream('seats-a');
    expect(stored.metadata).toEqual(metadata);
  });

  it('a stale If-Match is a conflict and appends nothing', async () => {
    await executeCommand(stack.store, seats, 'seats-b', { type: 'OfferSeats', capacity: 2 }, { metadata, now });
    await executeCommand(stack.store, seats, 'seats-b', { type: 'TakeSeat', by: 'anna' }, { metadata, now, expectedVersion: 0 });
    await expect(
      executeCommand(stack.store, seats, 'seats-b', { type: 'TakeSeat', by: 'bram' }, { metadata, now, expectedVersion: 0 }),
    ).rejects.toBeInstanceOf(WrongExpectedVersionError);
    expect((await loadState(stack.store, seats, 'seats-b')).state.taken).toEqual(['anna']);
  });

  it('concurrent commands without If-Match decide again on the newer state: never over-filled, nothing lost', async () => {
    await executeCommand(stack.store, seats, 'seats-c', { type: 'OfferSeats', capacity: 5 }, { metadata, now });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        executeCommand(stack.store, seats, 'seats-c', { type: 'TakeSeat', by: `w${i}` }, { metadata, now }),
      ),
    );
    const won = outcomes.filter((o) => o.status === 'fulfilled');
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    for (const r of refused) expect(r.reason instanceof Full || r.reason instanceof WrongExpectedVersionError).toBe(true);
    const { state } = await loadState(stack.store, seats, 'seats-c');
    expect(state.taken).toHaveLength(won.length);
    expect(state.taken.length).toBeLessThanOrEqual(5);
  });

  it('a keyed request whose events are already there answers them instead of appending again', async () => {
    await executeCommand(stack.store, seats, 'seats-d', { type: 'OfferSeats', capacity: 3 }, { metadata, now });
    const keyed = { ...metadata, idempotencyKey: 'operator:test/k-1#r-1' };
    const first = await executeCommand(
      stack.store,
      seats,
      'seats-d',
      { type: 'TakeSeat', by: 'anna' },
      { metadata: keyed, now, expectedVersion: 0 },
    );
    // The same request again (its lease lapsed while it still appended, and a retry took it over), with its If-Match.
    const again = await executeCommand(
      stack.store,
      seats,
      'seats-d',
      { type: 'TakeSeat', by: 'anna' },
      {
        metadata: keyed,
        now,
        expectedVersion: 0,
        answeredBy: keyed.idempotencyKey,
      },
    );
    expect(again).toEqual(first);
    expect((await loadState(stack.store, seats, 'seats-d')).state.taken).toEqual(['anna']);
    // Another request is not answered by it.
    const other = { ...metadata, idempotencyKey: 'operator:test/k-2#r-2' };
    await executeCommand(
      stack.store,
      seats,
      'seats-d',
      { type: 'TakeSeat', by: 'bram' },
      { metadata: other, now, answeredBy: other.idempotencyKey },
    );
    expect((await loadState(stack.store, seats, 'seats-d')).state.taken).toEqual(['anna', 'bram']);
  });
});
