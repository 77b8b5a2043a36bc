import type { DomainEvent } from '../shared/decider.js';
import type { Period } from '../shared/local-date.js';
import { streamIdFor } from '../shared/stream-id.js';
import type { Hours } from '../shared/working-hours.js';

export const capacityStreamId = (requestId: string): string => streamIdFor('capacity', requestId);

export type CapacityRequested = DomainEvent<
  'CapacityRequested',
  {
    requestId: string;
    employerId: string;
    siteId: string;
    functionName: string;
    requiredSkill: string;
    period: Period;
    hoursPerWeek: Hours;
    headcount: number;
  }
>;
export type CapacityRequestAmended = DomainEvent<'CapacityRequestAmended', { requestId: string; period: Period; hoursPerWeek: Hours; headcount: number }>;
/** No further places are filled; places already filled stay filled. */
export type CapacityRequestWithdrawn = DomainEvent<'CapacityRequestWithdrawn', { requestId: string; reason: string }>;
export type CapacitySlotReserved = DomainEvent<'CapacitySlotReserved', { requestId: string; placementId: string }>;
export type CapacitySlotReleased = DomainEvent<'CapacitySlotReleased', { requestId: string; placementId: string }>;

export type CapacityEvent = CapacityRequested | CapacityRequestAmended | CapacityRequestWithdrawn | CapacitySlotReserved | CapacitySlotReleased;

export const capacityEventSchemaVersions = {
  CapacityRequested: 1,
  CapacityRequestAmended: 1,
  CapacityRequestWithdrawn: 1,
  CapacitySlotReserved: 1,
  CapacitySlotReleased: 1,
} as const satisfies Record<CapacityEvent['type'], number>;
