import { z } from 'zod';
import {
  basisPoints,
  byAge,
  cents,
  clockTime,
  count,
  localDate,
  prose,
  text,
  weekHours,
  type EventOf,
  type EventRegistry,
  type EventsOf,
} from '../shared/event-schema.js';
import { WEEKDAYS } from '../shared/local-date.js';
import type { YouthPercentages } from '../shared/minimum-wage.js';
import { streamIdFor } from '../shared/stream-id.js';

export const caoStreamId = (code: string): string => streamIdFor('cao', code);

/** A surcharge on hours worked on a weekday between two times ('HH:MM', end exclusive, '24:00' allowed). */
export const timeBandSurchargeSchema = z.object({ weekday: z.enum(WEEKDAYS), start: clockTime, end: clockTime, surchargeBp: basisPoints });
export type TimeBandSurcharge = z.infer<typeof timeBandSurchargeSchema>;

const youthPercentages: z.ZodType<YouthPercentages> = byAge(basisPoints);

/** What one version of a CAO says. */
export const caoVersionContentSchema = z.object({
  /** Hourly wage per step for each scale: step n is entry n, counting from step 0. */
  wageScales: z.record(text, z.array(cents).readonly()),
  /** The CAO's own youth percentages by age, when it has them (the statutory minimum applies regardless). */
  youthBp: youthPercentages.optional(),
  surcharges: z.object({
    timeBands: z.array(timeBandSurchargeSchema).readonly(),
    publicHolidayBp: basisPoints,
    /** On hours beyond the agreed hours; absent in versions recorded before the CAO's overtime was kept. */
    overtimeBp: basisPoints.optional(),
  }),
  holidayPayBp: basisPoints,
  /** The pension premium as shares of the wage; absent in versions recorded before it was kept. */
  pensionPremium: z.object({ employeeBp: basisPoints, employerBp: basisPoints }).optional(),
  fullTimeHoursPerWeek: weekHours,
  /** The CAO's seasonal clause: a gap of more than 3 (instead of 6) months breaks a chain of fixed-term contracts. */
  seasonalClause: z.boolean(),
  /** The figures are made up for a demonstration, not taken from a published CAO. */
  illustrative: z.boolean(),
});
export type CaoVersionContent = z.infer<typeof caoVersionContentSchema>;

/** Every event of a CAO's stream: its schema and the version it is written with. */
export const caoEvents = {
  CaoRegistered: { version: 1, data: z.object({ code: text, name: text }) },
  /** A version effective from a date; without `effectiveUntil` it runs until the next version starts. */
  CaoVersionPublished: {
    version: 1,
    data: z.object({ code: text, effectiveFrom: localDate, effectiveUntil: localDate.optional(), content: caoVersionContentSchema }),
  },
  /** A version's content replaced from its effective date; the earlier revisions stay in the history. */
  CaoVersionCorrected: {
    version: 1,
    data: z.object({ code: text, effectiveFrom: localDate, revision: count, content: caoVersionContentSchema, reason: prose }),
  },
  /**
   * The CAO binds the pool itself (as an employer) from `from` up to and including `until`, on the
   * stated `basis` (e.g. declared generally binding, or the pool's membership of the employers'
   * organisation). Only then may the pool's own contracts use its clauses, such as the seasonal one.
   */
  CaoBindingOnPoolRecorded: {
    version: 1,
    data: z.object({ code: text, from: localDate, until: localDate.optional(), basis: prose }),
  },
} as const satisfies EventRegistry;

type Events = typeof caoEvents;
export type CaoRegistered = EventOf<Events, 'CaoRegistered'>;
export type CaoVersionPublished = EventOf<Events, 'CaoVersionPublished'>;
export type CaoVersionCorrected = EventOf<Events, 'CaoVersionCorrected'>;
export type CaoBindingOnPoolRecorded = EventOf<Events, 'CaoBindingOnPoolRecorded'>;
export type CaoEvent = EventsOf<Events>;
