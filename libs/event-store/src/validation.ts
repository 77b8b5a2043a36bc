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
    const unstorable = findUnstorableText(event.data) ?? findUnstorableText(event.metadata);
    if (unstorable !== undefined) throw new InvalidAppendError(`${event.type} holds text no store can keep: ${unstorable}`);
    const version = event.schemaVersion ?? 1;
    if (!Number.isInteger(version) || version < 1) {
      throw new InvalidAppendError(`Invalid schema version ${version} for ${event.type}`);
    }
  }
}

/** NUL cannot be stored in PostgreSQL's jsonb, and a lone surrogate is not text in any store. */
// eslint-disable-next-line no-control-regex -- finding NUL is the point
export const UNSTORABLE_TEXT = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Describes the first unstorable string (value or key) in an event's data, if any. */
function findUnstorableText(value: unknown, depth = 0): string | undefined {
  if (typeof value === 'string') return UNSTORABLE_TEXT.test(value) ? 'a NUL character or a lone surrogate' : undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  if (depth > 64) return 'data nested more than 64 levels deep';
  for (const [key, entry] of Object.entries(value)) {
    const found = UNSTORABLE_TEXT.test(key)
      ? 'a field name with a NUL character or a lone surrogate'
      : findUnstorableText(entry, depth + 1);
    if (found) return found;
  }
  return undefined;
}
