import { InvalidAppendError } from './errors.js';
import type { ExpectedVersion, NewEvent } from './event-store.port.js';

const STREAM_ID = /^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,199}$/;
const EVENT_TYPE = /^[A-Za-z][A-Za-z0-9_.]{0,99}$/;

/** The rules every adapter applies before it writes, so all stores refuse the same input. */
export function validateAppend(streamId: string, events: readonly NewEvent[], expected: ExpectedVersion): void {
  if (!STREAM_ID.test(streamId)) {
    throw new InvalidAppendError(`Invalid stream id "${streamId}": letters, digits and _.:@- only, at most 200`);
  }
  if (events.length === 0) throw new InvalidAppendError('An append needs at least one event');
  if (typeof expected === 'number' && (!Number.isSafeInteger(expected) || expected < 0)) {
    throw new InvalidAppendError(`Invalid expected version ${expected}`);
  }
  for (const event of events) {
    if (!EVENT_TYPE.test(event.type)) throw new InvalidAppendError(`Invalid event type "${event.type}"`);
    const version = event.schemaVersion ?? 1;
    if (!Number.isInteger(version) || version < 1) {
      throw new InvalidAppendError(`Invalid schema version ${version} for ${event.type}`);
    }
  }
}
