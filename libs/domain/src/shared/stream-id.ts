import { refuse } from './domain-error.js';

// The event store accepts letters, digits and _.:@- in stream ids, at most 200 characters.
const ID = /^[A-Za-z0-9_.:@-]{1,100}$/;

/** `<prefix>-<id>`, refusing an id the event store could not hold. */
export function streamIdFor(prefix: string, id: string): string {
  if (typeof id !== 'string' || !ID.test(id)) {
    refuse('invalid_id', `"${id}" is not a valid id: use 1 to 100 letters, digits and _ . : @ - only.`);
  }
  return `${prefix}-${id}`;
}
