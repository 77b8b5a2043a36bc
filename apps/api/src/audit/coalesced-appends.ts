import { CoalescedCalls, type AppendOptions, type AppendResult, type EventStore, type NewEvent } from '@banenpool/event-store';

interface Append {
  readonly streamId: string;
  readonly events: readonly NewEvent[];
}

/**
 * Appends that need no version (`expectedVersion: 'any'`) to a busy shared stream, such as the day's
 * access record every personal read writes to: the appends concurrent callers make while one runs go
 * in together as the next, one transaction instead of a queue of writers on the stream's head. Each
 * caller returns only once the append holding its events committed (the batch's result: the version
 * and position of its last event), and fails when it failed; other appends go straight to the store.
 */
export class CoalescedAppends implements Pick<EventStore, 'appendToStream'> {
  private readonly batches: CoalescedCalls<Append, AppendResult>;

  constructor(private readonly store: EventStore) {
    this.batches = new CoalescedCalls((appends) => this.appendAll(appends));
  }

  appendToStream(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    if (options.expectedVersion !== 'any') return this.store.appendToStream(streamId, events, options);
    return this.batches.call({ streamId, events });
  }

  /** One append per stream of the batch (all to the same day stream, but for a batch that spans midnight). */
  private async appendAll(appends: readonly Append[]): Promise<AppendResult[]> {
    const streams = new Map<string, NewEvent[]>();
    for (const { streamId, events } of appends) streams.set(streamId, [...(streams.get(streamId) ?? []), ...events]);
    const results = new Map(
      await Promise.all(
        [...streams].map(
          async ([streamId, events]) => [streamId, await this.store.appendToStream(streamId, events, { expectedVersion: 'any' })] as const,
        ),
      ),
    );
    return appends.map((append) => results.get(append.streamId)!);
  }
}
