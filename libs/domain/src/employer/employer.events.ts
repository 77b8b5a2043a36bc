import { z } from 'zod';
import { localDate, period, prose, text, type EventOf, type EventRegistry, type EventsOf } from '../shared/event-schema.js';
import { streamIdFor } from '../shared/stream-id.js';

export const employerStreamId = (employerId: string): string => streamIdFor('employer', employerId);

/** Every event of an employer's stream: its schema and the version it is written with. */
export const employerEvents = {
  EmployerJoinedPool: { version: 1, data: z.object({ employerId: text, name: text, memberFrom: localDate }) },
  /** `memberUntil` is the last day of membership. */
  EmployerLeftPool: { version: 1, data: z.object({ employerId: text, memberUntil: localDate }) },
  /** The employer applies this CAO from a date until the next application (or the end of membership). */
  CaoApplied: { version: 1, data: z.object({ employerId: text, caoCode: text, from: localDate }) },
  SiteAdded: { version: 1, data: z.object({ employerId: text, siteId: text, name: text, area: text }) },
  /** A function placed in a scale of the CAO the employer applies on `from`. */
  FunctionClassified: { version: 1, data: z.object({ employerId: text, functionName: text, caoCode: text, scale: text, from: localDate }) },
  SeasonalClosureDeclared: { version: 1, data: z.object({ employerId: text, siteId: text, period, reason: prose }) },
} as const satisfies EventRegistry;

type Events = typeof employerEvents;
export type EmployerJoinedPool = EventOf<Events, 'EmployerJoinedPool'>;
export type EmployerLeftPool = EventOf<Events, 'EmployerLeftPool'>;
export type CaoApplied = EventOf<Events, 'CaoApplied'>;
export type SiteAdded = EventOf<Events, 'SiteAdded'>;
export type FunctionClassified = EventOf<Events, 'FunctionClassified'>;
export type SeasonalClosureDeclared = EventOf<Events, 'SeasonalClosureDeclared'>;
export type EmployerEvent = EventsOf<Events>;
