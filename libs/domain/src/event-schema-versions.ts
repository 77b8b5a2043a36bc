import { allocationEventSchemaVersions } from './allocation/allocation.events.js';
import { capacityEventSchemaVersions } from './capacity/capacity.events.js';
import { caoEventSchemaVersions } from './cao/cao.events.js';
import { employerEventSchemaVersions } from './employer/employer.events.js';
import { placementEventSchemaVersions } from './placement/placement.events.js';
import { workerEventSchemaVersions } from './worker/worker.events.js';

/** The schema version each event type is written with today, over all streams. */
export const eventSchemaVersions: Readonly<Record<string, number>> = {
  ...caoEventSchemaVersions,
  ...employerEventSchemaVersions,
  ...workerEventSchemaVersions,
  ...capacityEventSchemaVersions,
  ...placementEventSchemaVersions,
  ...allocationEventSchemaVersions,
};

/** For the command executor's `schemaVersionOf`; an unknown type is a bug, so it throws. */
export function schemaVersionOf(eventType: string): number {
  if (!Object.hasOwn(eventSchemaVersions, eventType)) throw new Error(`Unknown event type ${eventType}`);
  return eventSchemaVersions[eventType];
}
