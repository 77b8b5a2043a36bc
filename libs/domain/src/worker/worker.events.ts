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
import { ruleRefSchema } from '../rules/rules.events.js';
import { WEEKDAYS } from '../shared/local-date.js';
import { locationSchema, withLocationOfArea } from '../geography/location.js';
import { streamIdFor } from '../shared/stream-id.js';
import { workPatternSchema } from '../shared/work-pattern.js';

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

/** A target-group status and the days it holds (how several combine: target-group.ts). */
export const datedTargetGroupStatusSchema = targetGroupStatusSchema.extend({
  /** The first day it holds. Absent: since registration (a status given at registration, or recorded before statuses were dated). */
  validFrom: localDate.optional(),
  /** The last day it holds (a register entry that ends). Absent: until a status that takes effect later. */
  validUntil: localDate.optional(),
});
export type DatedTargetGroupStatus = z.infer<typeof datedTargetGroupStatusSchema>;

const targetGroupStatusRecordedSchema = datedTargetGroupStatusSchema
  .extend({ workerId: text })
  .refine((s) => s.validFrom === undefined || s.validUntil === undefined || s.validUntil >= s.validFrom, 'ends before it starts');

/**
 * Version 1 had no dates: the status held from the beginning, for every week, until the next one
 * replaced it. An absent validFrom means exactly that, so it reads as version 2 unchanged.
 */
const targetGroupStatusRecordedV1Schema = targetGroupStatusSchema.extend({ workerId: text });

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
  /** The chain-rule row applied (absent on contracts agreed before the figures came from the rule tables). */
  rule: ruleRefSchema.optional(),
  /** The CAO binding the pool whose seasonal clause set the shorter gap, when one did. */
  seasonalClauseCao: text.optional(),
});
export type ChainPosition = z.infer<typeof chainPositionSchema>;

const workerRegisteredV1 = z.object({
  workerId: text,
  name: text,
  birthDate: localDate,
  homeArea: text,
  skills: z.array(text),
  availability: availabilitySchema,
});

/**
 * Why a worker's personal data is erased, as a code: free text typed by an operator could name the
 * person, and the erasure event is the one event that cannot be encrypted with the key it shreds.
 */
export const ERASURE_REASONS = ['data_subject_request', 'consent_withdrawn', 'no_longer_needed', 'unlawful_processing'] as const;
export type ErasureReason = (typeof ERASURE_REASONS)[number];

const hoursOfPlacement = { workerId: text, placementId: text, hoursPerWeek: weekHours, period };

/** Every event of a worker's stream: its schema and the version it is written with. */
export const workerEvents = {
  /**
   * Version 2 records where the worker lives: `location` (postcode and coordinates), and `homeArea`
   * as the town's name. Version 1 had only `homeArea`, a key of a fixed Twente distance table.
   */
  WorkerRegistered: {
    version: 2,
    data: workerRegisteredV1.extend({
      /** Absent only on a version 1 event whose area the table of places does not know: never proposed, reported as such. */
      location: locationSchema.optional(),
    }),
    upcasters: { 1: workerRegisteredV1.transform(withLocationOfArea('homeArea')) },
  },
  TargetGroupStatusRecorded: {
    version: 2,
    data: targetGroupStatusRecordedSchema,
    upcasters: { 1: targetGroupStatusRecordedV1Schema.transform((undated) => undated) },
  },
  SkillAdded: { version: 1, data: z.object({ workerId: text, skill: text }) },
  SkillRemoved: { version: 1, data: z.object({ workerId: text, skill: text }) },
  AvailabilityChanged: { version: 1, data: z.object({ workerId: text, availability: availabilitySchema }) },
  /** A pool employment contract in force; `chain` is present for fixed-term contracts. */
  PoolContractAgreed: {
    version: 1,
    data: z.object({ workerId: text, contractId: text, terms: contractTermsSchema, chain: chainPositionSchema.optional() }),
  },
  PoolContractEnded: { version: 1, data: z.object({ workerId: text, contractId: text, lastDay: localDate, reason: prose }) },
  /**
   * A fixed-term contract the worker had directly with a hirer (not through the pool). It counts as
   * a link of the chain of the worker's pool contracts: the pool succeeds that employer (art. 7:668a lid 2 BW).
   */
  DirectContractRecorded: {
    version: 1,
    data: z.object({
      workerId: text,
      employerId: text,
      contractId: text,
      from: localDate,
      to: localDate,
      kind: z.literal('fixed_term'),
    }),
  },
  /**
   * Hours a week the worker is committed to a placement, on the days of its pattern (absent: spread
   * evenly over Monday to Friday); a later one for the same placement replaces it.
   */
  HoursCommitted: { version: 1, data: z.object({ ...hoursOfPlacement, contractId: text, pattern: workPatternSchema.optional() }) },
  /** The part of a placement's commitment that is released (all of it, or from a date on). */
  HoursReleased: { version: 1, data: z.object(hoursOfPlacement) },
  /**
   * The worker's personal data was erased (GDPR art. 17): their data key is shredded, so the name,
   * birth date, location and target-group data in the earlier events are unreadable. This event holds
   * no personal data: a reason code (never free text, which could name the person) and the day.
   * `retained` keeps what the law makes the pool keep and cannot be derived from the shredded events
   * (art. 17(3)(b)): the register periods of the target-group statuses (no wage value), so that the
   * banenafspraak count of the hours already approved stays what it was, also after a rebuild.
   */
  WorkerDataErased: {
    version: 1,
    data: z.object({
      workerId: text,
      reason: z.enum(ERASURE_REASONS),
      erasedOn: localDate,
      retained: z.object({
        targetGroupStatuses: z.array(
          targetGroupStatusSchema.omit({ wageValueBp: true }).extend({
            validFrom: localDate.optional(),
            validUntil: localDate.optional(),
          }),
        ),
      }),
    }),
  },
} as const satisfies EventRegistry;

type Events = typeof workerEvents;
export type WorkerRegistered = EventOf<Events, 'WorkerRegistered'>;
export type TargetGroupStatusRecorded = EventOf<Events, 'TargetGroupStatusRecorded'>;
export type SkillAdded = EventOf<Events, 'SkillAdded'>;
export type SkillRemoved = EventOf<Events, 'SkillRemoved'>;
export type AvailabilityChanged = EventOf<Events, 'AvailabilityChanged'>;
export type PoolContractAgreed = EventOf<Events, 'PoolContractAgreed'>;
export type PoolContractEnded = EventOf<Events, 'PoolContractEnded'>;
export type DirectContractRecorded = EventOf<Events, 'DirectContractRecorded'>;
export type HoursCommitted = EventOf<Events, 'HoursCommitted'>;
export type HoursReleased = EventOf<Events, 'HoursReleased'>;
export type WorkerDataErased = EventOf<Events, 'WorkerDataErased'>;
export type WorkerEvent = EventsOf<Events>;
