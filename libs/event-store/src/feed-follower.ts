import type { EventStore, RecordedEvent } from './event-store.port.js';
import { START, type GlobalPosition } from './global-position.js';

export interface FollowOptions {
  after?: GlobalPosition;
  batchSize?: number;
  /** How long to wait before asking again when the feed had nothing new. */
  idleWaitMs?: number;
  signal: AbortSignal;
}

/**
 * Follows the global feed from a checkpoint, batch by batch, until the signal aborts.
 * The checkpoint only moves past events that were returned, so nothing is skipped or repeated.
 */
export async function* followAll(store: EventStore, options: FollowOptions): AsyncGenerator<RecordedEvent[]> {
  const { batchSize = 500, idleWaitMs = 100, signal } = options;
  let after = options.after ?? START;
  while (!signal.aborted) {
    const batch = await store.readAll({ after, limit: batchSize });
    if (batch.length > 0) {
      after = batch[batch.length - 1].position;
      yield batch;
    }
    if (batch.length < batchSize) await abortableDelay(idleWaitMs, signal);
  }
}

function abortableDelay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
