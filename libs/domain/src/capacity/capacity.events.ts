import { z } from 'zod';
import { count, period, prose, text, weekHours, type EventOf, type EventRegistry, type EventsOf } from '../shared/event-schema.js';
import { streamIdFor } from '../shared/stream-id.js';

export const capacityStreamId = (requestId: string): string => streamIdFor('capacity', requestId);

const slot = z.object({ requestId: text, placementId: text });

/** Every event of a capacity request's stream: its schema and the version it is written with. */
export const capacityEvents = {
  CapacityRequested: {
    version: 1,
    data: z.object({
      requestId: text,
      employerId: text,
      siteId: text,
      functionName: text,
      requiredSkill: text,
      period,
      hoursPerWeek: weekHours,
      headcount: count,
    }),
  },
  CapacityRequestAmended: { version: 1, data: z.object({ requestId: text, period, hoursPerWeek: weekHours, headcount: count }) },
  /** No further places are filled; places already filled stay filled. */
  CapacityRequestWithdrawn: { version: 1, data: z.object({ requestId: text, reason: prose }) },
  CapacitySlotReserved: { version: 1, data: slot },
  CapacitySlotReleased: { version: 1, data: slot },
} as const satisfies EventRegistry;

type Events = typeof capacityEvents;
export type CapacityRequested = EventOf<Events, 'CapacityRequested'>;
export type CapacityRequestAmended = EventOf<Events, 'CapacityRequestAmended'>;
export type CapacityRequestWithdrawn = EventOf<Events, 'CapacityRequestWithdrawn'>;
export type CapacitySlotReserved = EventOf<Events, 'CapacitySlotReserved'>;
export type CapacitySlotReleased = EventOf<Events, 'CapacitySlotReleased'>;
export type CapacityEvent = EventsOf<Events>;
