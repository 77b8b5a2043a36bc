import type { LocalDate } from '../shared/local-date.js';
import type { DatedTargetGroupStatus } from './worker.events.js';

// A status recorded without a start (at registration, or before statuses were dated) holds from
// the beginning: it sorts before every date.
const startOf = (status: DatedTargetGroupStatus): string => status.validFrom ?? '';

/**
 * The target-group status that holds on a day, from the worker's recordings in the order they
 * were recorded. Each states the status from its `validFrom` until a recording that takes effect
 * later, or until its own `validUntil` (after which the worker is not in the register until a
 * later start says so). A recording with the same start as an earlier one corrects it. So
 * recording a change from a date on never rewrites the days before that date.
 */
export function targetGroupStatusOn(history: readonly DatedTargetGroupStatus[], date: LocalDate): DatedTargetGroupStatus | undefined {
  let effective: DatedTargetGroupStatus | undefined;
  for (const status of history) {
    if (startOf(status) <= date && (effective === undefined || startOf(status) >= startOf(effective))) effective = status;
  }
  return effective?.validUntil === undefined || date <= effective.validUntil ? effective : undefined;
}
