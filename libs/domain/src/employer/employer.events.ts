import { z } from 'zod';
import { localDate, period, prose, text, type EventOf, type EventRegistry, type EventsOf } from '../shared/event-schema.js';
import { locationSchema, withLocationOfArea } from '../geography/location.js';
import { streamIdFor } from '../shared/stream-id.js';

export const employerStreamId = (employerId: string): string => streamIdFor('employer', employerId);

const monthCount = z.int().min(1).max(1200);

const siteAddedV1 = z.object({ employerId: text, siteId: text, name: text, area: text });

/** Every event of an employer's stream: its schema and the version it is written with. */
export const employerEvents = {
  EmployerJoinedPool: { version: 1, data: z.object({ employerId: text, name: text, memberFrom: localDate }) },
  /** `memberUntil` is the last day of membership. */
  EmployerLeftPool: { version: 1, data: z.object({ employerId: text, memberUntil: localDate }) },
  /** The employer applies this CAO from a date until the next application (or the end of membership). */
  CaoApplied: { version: 1, data: z.object({ employerId: text, caoCode: text, from: localDate }) },
  /**
   * Version 2 records where the site stands: `location` (postcode and coordinates), and `area` as the
   * town's name. Version 1 had only `area`, a key of a fixed Twente distance table.
   */
  SiteAdded: {
    version: 2,
    data: siteAddedV1.extend({
      /** Absent only on a version 1 event whose area the table of places does not know: never staffed, reported as such. */
      location: locationSchema.optional(),
    }),
    upcasters: { 1: siteAddedV1.transform(withLocationOfArea('area')) },
  },
  /** A function placed in a scale of the CAO the employer applies on `from`. */
  FunctionClassified: { version: 1, data: z.object({ employerId: text, functionName: text, caoCode: text, scale: text, from: localDate }) },
  SeasonalClosureDeclared: { version: 1, data: z.object({ employerId: text, siteId: text, period, reason: prose }) },
  /**
   * The longest the employer takes a pool worker, from `from` until the next statement: one
   * placement (`maxPlacementMonths`), and one worker over placements that follow one another
   * (`maxWorkerMonths`). A limit left out is no limit.
   */
  PlacementLimitsStated: {
    version: 1,
    data: z.object({
      employerId: text,
      maxPlacementMonths: monthCount.optional(),
      maxWorkerMonths: monthCount.optional(),
      from: localDate,
      reason: prose.optional(),
    }),
  },
} as const satisfies EventRegistry;

type Events = typeof employerEvents;
export type EmployerJoinedPool = EventOf<Events, 'EmployerJoinedPool'>;
export type EmployerLeftPool = EventOf<Events, 'EmployerLeftPool'>;
export type CaoApplied = EventOf<Events, 'CaoApplied'>;
export type SiteAdded = EventOf<Events, 'SiteAdded'>;
export type FunctionClassified = EventOf<Events, 'FunctionClassified'>;
export type SeasonalClosureDeclared = EventOf<Events, 'SeasonalClosureDeclared'>;
export type PlacementLimitsStated = EventOf<Events, 'PlacementLimitsStated'>;
export type EmployerEvent = EventsOf<Events>;
