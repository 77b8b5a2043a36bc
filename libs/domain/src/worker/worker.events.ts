import { z } from 'zod';
import {
  basisPoints,
  count,
  localDate,
  period,
  prose,
  text,
  weekHours,
  type EventOf,
  type EventRegistry,
  type EventsOf,
} from '../shared/event-schema.js';
import { WEEKDAYS } from '../shared/local-date.js';
import { streamIdFor } from '../shared/stream-id.js';

export const workerStreamId = (workerId: string): string => streamIdFor('worker', workerId);

const periods = z.array(period).readonly();

/** When the worker can work: hours per weekday, or simply hours a week; plus periods they cannot. */
export const availabilitySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('by_weekday'), hoursByWeekday: z.partialRecord(z.enum(WEEKDAYS), weekHours), unavailable: periods }),
  z.object({ kind: z.literal('hours_per_week'), hoursPerWeek: weekHours, unavailable: periods }),
]);
export type Availability = z.infer<typeof availabilitySchema>;

/**
 * Membership of the target group of the jobs agreement and the assessed wage value. Sensitive:
 * kept in its own event so that it can be hidden from everyone but operators. No diagnoses, ever.
 */
export const targetGroupStatusSchema = z.object({
  inRegister: z.boolean(),
  /** Assessed wage value (loonwaarde) as a share of full productivity. */
  wageValueBp: basisPoints.optional(),
});
export type TargetGroupStatus = z.infer<typeof targetGroupStatusSchema>;

const contractHours = {
  guaranteedHoursPerWeek: weekHours,
  /** At most 60 (Working Hours Act). */
  maxHoursPerWeek: weekHours,
};

export const contractTermsSchema = z.discriminatedUnion('kind', [
  z.object({ ...contractHours, kind: z.literal('fixed_term'), from: localDate, to: localDate }),
  z.object({ ...contractHours, kind: z.literal('indefinite'), from: localDate }),
]);
export type ContractTerms = z.infer<typeof contractTermsSchema>;

/** Where a fixed-term contract stands in its chain, recorded so auditors see why it was allowed. */
export const chainPositionSchema = z.object({
  /** 1 for the first fixed-term contract of a chain. */
  position: count,
  chainStartedOn: localDate,
  /** The gap that breaks a chain, in months: 6, or 3 under a CAO's seasonal clause. */
  breakingGapMonths: count,
});
export type ChainPosition = z.infer<typeof chainPositionSchema>;

const hoursOfPlacement = { workerId: text, placementId: text, hoursPerWeek: weekHours, period };

/** Every event of a worker's stream: its schema and the version it is written with. */
export const workerEvents = {
  WorkerRegistered: {
    version: 1,
    data: z.object({
      workerId: text,
      name: text,
      birthDate: localDate,
      homeArea: text,
      skills: z.array(text),
      availability: availabilitySchema,
    }),
  },
  TargetGroupStatusRecorded: { version: 1, data: targetGroupStatusSchema.extend({ workerId: text }) },
  SkillAdded: { version: 1, data: z.object({ workerId: text, skill: text }) },
  SkillRemoved: { version: 1, data: z.object({ workerId: text, skill: text }) },
  AvailabilityChanged: { version: 1, data: z.object({ workerId: text, availability: availabilitySchema }) },
  /** A pool employment contract in force; `chain` is present for fixed-term contracts. */
  PoolContractAgreed: {
    version: 1,
    data: z.object({ workerId: text, contractId: text, terms: contractTermsSchema, chain: chainPositionSchema.optional() }),
  },
  PoolContractEnded: { version: 1, data: z.object({ workerId: text, contractId: text, lastDay: localDate, reason: prose }) },
  /** Hours a week the worker is committed to a placement; a later one for the same placement replaces it. */
  HoursCommitted: { version: 1, data: z.object({ ...hoursOfPlacement, contractId: text }) },
  /** The part of a placement's commitment that is released (all of it, or from a date on). */
  HoursReleased: { version: 1, data: z.object(hoursOfPlacement) },
} as const satisfies EventRegistry;

type Events = typeof workerEvents;
export type WorkerRegistered = EventOf<Events, 'WorkerRegistered'>;
export type TargetGroupStatusRecorded = EventOf<Events, 'TargetGroupStatusRecorded'>;
export type SkillAdded = EventOf<Events, 'SkillAdded'>;
export type SkillRemoved = EventOf<Events, 'SkillRemoved'>;
export type AvailabilityChanged = EventOf<Events, 'AvailabilityChanged'>;
export type PoolContractAgreed = EventOf<Events, 'PoolContractAgreed'>;
export type PoolContractEnded = EventOf<Events, 'PoolContractEnded'>;
export type HoursCommitted = EventOf<Events, 'HoursCommitted'>;
export type HoursReleased = EventOf<Events, 'HoursReleased'>;
export type WorkerEvent = EventsOf<Events>;
