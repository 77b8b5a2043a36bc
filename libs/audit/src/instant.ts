import { isValidLocalDate } from '@banenpool/domain';

// An instant with its time and zone, so "as known at" never depends on the server's clock zone.
// Hours, minutes and the zone are bounded here because Date.parse takes 24:00 as the next day.
const INSTANT = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

/** Date.parse rolls 30 February over into March, so the calendar date is checked on its own. */
export function isInstant(value: unknown): value is string {
  const match = typeof value === 'string' ? INSTANT.exec(value) : null;
  return match !== null && isValidLocalDate(match[1]) && Date.parse(match[0]) > 0;
}
