import { comparePositions, formatPosition, type EventStore, type GlobalPosition, type RecordedEvent } from '@banenpool/event-store';

interface Batch {
  readonly after: GlobalPosition;
  readonly limit: number;
  /** Wake-ups seen when the read started (see Projector): it shows what was appended before them. */
  readonly wakes: number;
  readonly batch: Promise<RecordedEvent[]>;
}

/**
 * Batches of the feed read before they are needed, by the position they start after, for a replay whose lanes
 * each go through the feed at their own pace: every lane takes the same batch, read once, and a batch is kept until
 * every lane has passed it. At most `max` are kept: when a fast lane gets that far ahead of a slow one it reads
 * without keeping, and the slow lane reads again, rather than this process holding the whole feed (a rebuild's
 * batch of 20,000 events is tens of megabytes).
 */
export class BatchesReadAhead {
  private readonly batches = new Map<string, Batch>();

  constructor(
    private readonly store: EventStore,
    private readonly max = 4,
  ) {}

  /** Starts reading the batch after `after`, unless another lane already did or `max` batches are kept. */
  start(after: GlobalPosition, limit: number, wakes = 0): void {
    const key = formatPosition(after);
    if (this.batches.get(key)?.limit === limit || this.batches.size >= this.max) return;
    const batch = this.store.readAll({ after, limit });
    batch.catch(() => undefined); // a failure reaches the lane that takes this read, as its own read's would
    this.batches.set(key, { after, limit, wakes, batch });
  }

  /** The batch after `after` read ahead with this limit, if its read started after the `seen`-th wake-up. */
  take(after: GlobalPosition, limit: number, seen = 0): Promise<RecordedEvent[]> | undefined {
    const read = this.batches.get(formatPosition(after));
    return read && read.limit === limit && read.wakes >= seen ? read.batch : undefined;
  }

  /** Drops the batches that every lane, at `positions`, has passed. */
  dropPassed(positions: readonly GlobalPosition[]): void {
    for (const [key, { after }] of this.batches) {
      if (positions.every((position) => comparePositions(after, position) < 0)) this.batches.delete(key);
    }
  }

  clear(): void {
    this.batches.clear();
  }
}
