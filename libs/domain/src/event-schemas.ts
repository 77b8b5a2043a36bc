import { allocationEvents } from './allocation/allocation.events.js';
import { auditAccessEvents } from './audit-access/audit-access.events.js';
import { capacityEvents } from './capacity/capacity.events.js';
import { caoEvents } from './cao/cao.events.js';
import { employerEvents } from './employer/employer.events.js';
import { invoiceEvents } from './invoice/invoice.events.js';
import { lksEvents } from './lks/lks.events.js';
import { payRunEvents } from './payroll/pay-run.events.js';
import { placementEvents } from './placement/placement.events.js';
import { rateAgreementEvents } from './rate-agreement/rate-agreement.events.js';
import { ruleEvents } from './rules/rules.events.js';
import { parseEventWith, schemaVersionsOf, type EventRegistry, type EventsOf, type ParsedEvent } from './shared/event-schema.js';
import { timesheetEvents } from './timesheet/timesheet.events.js';
import { workerEvents } from './worker/worker.events.js';

/** Every event type of every stream with its definition. */
export const poolEvents = {
  ...caoEvents,
  ...employerEvents,
  ...workerEvents,
  ...capacityEvents,
  ...placementEvents,
  ...allocationEvents,
  ...auditAccessEvents,
  ...ruleEvents,
  ...timesheetEvents,
  ...payRunEvents,
  ...rateAgreementEvents,
  ...invoiceEvents,
  ...lksEvents,
} as const satisfies EventRegistry;

/** Any event the pool writes, discriminated by `type`. */
export type PoolEvent = EventsOf<typeof poolEvents>;

/** The schema version each event type is written with today, over all streams. */
export const eventSchemaVersions: Readonly<Record<string, number>> = schemaVersionsOf(poolEvents);

/** For the command executor's `schemaVersionOf`; an unknown type is a bug, so it throws. */
export function schemaVersionOf(eventType: string): number {
  if (!Object.hasOwn(eventSchemaVersions, eventType)) throw new Error(`Unknown event type ${eventType}`);
  return eventSchemaVersions[eventType];
}

/** A stored event as the pool event its type's schema makes of it (upcast when older), or why it cannot be one. */
export function parsePoolEvent(type: string, schemaVersion: number, data: unknown): ParsedEvent<PoolEvent> {
  return parseEventWith(poolEvents, type, schemaVersion, data);
}
