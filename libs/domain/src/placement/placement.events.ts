import { z } from 'zod';
import {
  basisPoints,
  cents,
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
import { streamIdFor } from '../shared/stream-id.js';

export const placementStreamId = (placementId: string): string => streamIdFor('placement', placementId);

/** Payroll: the pool is the legal employer and the hirer directs the work (art. 8a Waadi: the hirer's conditions). */
export const LEGAL_FORMS = ['payroll', 'secondment'] as const;
export type LegalForm = (typeof LEGAL_FORMS)[number];

export const placementTermsSchema = z.object({
  placementId: text,
  workerId: text,
  employerId: text,
  capacityRequestId: text.optional(),
  siteId: text,
  functionName: text,
  legalForm: z.enum(LEGAL_FORMS),
  hoursPerWeek: weekHours,
  period,
  /** What the pool charges the hirer per hour. */
  billRateCents: cents.optional(),
});
export type PlacementTerms = z.infer<typeof placementTermsSchema>;

/**
 * The pay resolved when the placement was confirmed, with every figure it came from, so an
 * auditor can replay it: the higher of the CAO wage and the statutory minimum wage.
 */
export const placementPaySchema = z.object({
  hourlyCents: cents,
  /** Which of the two decided: the CAO wage, or the minimum wage because the CAO wage was lower. */
  wageBasis: z.enum(['cao', 'minimum_wage']),
  cao: z.object({
    code: text,
    versionFrom: localDate,
    revision: count,
    scale: text,
    step: count,
    scaleHourlyCents: cents,
    /** The CAO's own youth percentage for the worker's age; 100 % for adults or a CAO without youth wages. */
    youthBp: basisPoints,
    hourlyCents: cents,
  }),
  minimumWage: z.object({ tableVersion: localDate, age: count, youthBp: basisPoints, hourlyCents: cents }),
});
export type PlacementPay = z.infer<typeof placementPaySchema>;

/** Every event of a placement's stream: its schema and the version it is written with. */
export const placementEvents = {
  PlacementProposed: { version: 1, data: placementTermsSchema },
  PlacementConfirmed: { version: 1, data: placementTermsSchema.extend({ pay: placementPaySchema, appliesHirerConditions: z.boolean() }) },
  PlacementExtended: { version: 1, data: z.object({ placementId: text, previousTo: localDate, to: localDate }) },
  PlacementEndedEarly: { version: 1, data: z.object({ placementId: text, lastDay: localDate, reason: prose }) },
  /** Ended at its agreed end. */
  PlacementEnded: { version: 1, data: z.object({ placementId: text, lastDay: localDate }) },
  /** Never took effect: a proposal dropped, or a confirmation undone because a later step was refused. */
  PlacementWithdrawn: { version: 1, data: z.object({ placementId: text, reason: prose }) },
} as const satisfies EventRegistry;

type Events = typeof placementEvents;
export type PlacementProposed = EventOf<Events, 'PlacementProposed'>;
export type PlacementConfirmed = EventOf<Events, 'PlacementConfirmed'>;
export type PlacementExtended = EventOf<Events, 'PlacementExtended'>;
export type PlacementEndedEarly = EventOf<Events, 'PlacementEndedEarly'>;
export type PlacementEnded = EventOf<Events, 'PlacementEnded'>;
export type PlacementWithdrawn = EventOf<Events, 'PlacementWithdrawn'>;
export type PlacementEvent = EventsOf<Events>;
