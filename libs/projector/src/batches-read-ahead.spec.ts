import { START, type EventStore, type GlobalPosition, type RecordedEvent } from '@banenpool/event-store';
import { BatchesReadAhead } from './batches-read-ahead.js';

const at = (n: number): GlobalPosition => ({ commit: BigInt(n), prepare: 0n });

/** A feed whose reads are counted; a batch is the events after `after` (one per position) up to `limit`. */
function countedFeed() {
  const reads: number[] = [];
  const store = {
    readAll: ({ after, limit }: { after: GlobalPosition; limit: number }) => {
      reads.push(Number(after.commit));
      return Promise.resolve(Array.from({ length: limit }, (_, i) => ({ position: at(Number(after.commit) + i + 1) }) as RecordedEvent));
    },
  } as unknown as EventStore;
  return { store, reads };
}

describe('BatchesReadAhead', () => {
  it('reads a batch once for every lane that takes it, and keeps it until every lane has passed it', async () => {
    const { store, reads } = countedFeed();
    const ahead = new BatchesReadAhead(store);
    ahead.start(START, 10);
    ahead.start(START, 10); // a second lane asks for the same batch
    const first = ahead.take(START, 10);
    expect(await ahead.take(START, 10)).toBe(await first);
    expect(reads).toEqual([0]);

    ahead.dropPassed([at(10), START]); // one lane is still before it
    expect(ahead.take(START, 10)).toBeDefined();
    ahead.dropPassed([at(10), at(10)]);
    expect(ahead.take(START, 10)).toBeUndefined();
  });

  it('gives a batch only to a take with its limit, read after the wake-ups the taker has seen', () => {
    const { store } = countedFeed();
    const ahead = new BatchesReadAhead(store);
    ahead.start(at(5), 10, 3);
    expect(ahead.take(at(5), 20, 3)).toBeUndefined();
    expect(ahead.take(at(5), 10, 4)).toBeUndefined();
    expect(ahead.take(at(5), 10, 3)).toBeDefined();
  });

  it('keeps at most `max` batches: a lane far ahead reads without keeping', () => {
    const { store, reads } = countedFeed();
    const ahead = new BatchesReadAhead(store, 2);
    for (const n of [0, 10, 20, 30]) ahead.start(at(n), 10);
    expect(reads).toEqual([0, 10]);
    expect(ahead.take(at(20), 10)).toBeUndefined();
    ahead.dropPassed([at(15)]);
    ahead.start(at(20), 10);
    expect(reads).toEqual([0, 10, 20]);
  });
});
