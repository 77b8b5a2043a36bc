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
import { ruleRefSchema } from '../rules/rules.events.js';
import { streamIdFor } from '../shared/stream-id.js';
import { workPatternSchema } from '../shared/work-pattern.js';

export const placementStreamId = (placementId: string): string => streamIdFor('placement', placementId);

/**
 * Payroll: the pool is the legal employer and the hirer directs the work (art. 8a Waadi). Secondment:
 * the pool lends its worker out (art. 8 Waadi). Either way the worker gets the hirer's pay terms.
 */
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
  /** The hours per weekday (with times when agreed); absent: the hours a week spread evenly over Monday to Friday. */
  pattern: workPatternSchema.optional(),
});
export type PlacementTerms = z.infer<typeof placementTermsSchema>;

/**
 * The hourly wage of one day with every figure it came from, so an auditor can replay it: the
 * hirer's CAO wage for the scale and step that day (with the CAO's own youth percentage for the
 * worker's age that day) and the statutory minimum wage for that age that day; the higher is paid.
 */
export const dayWageSchema = z.object({
  day: localDate,
  hourlyCents: cents,
  /** Which of the two decided: the CAO wage, or the minimum wage because the CAO wage was lower. */
  basis: z.enum(['cao', 'minimum_wage']),
  /** The worker's age that day. */
  age: count,
  cao: z.object({
    code: text,
    /** The CAO version in force that day: its effective date and revision identify its figures. */
    effectiveFrom: localDate,
    revision: count,
    scale: text,
    step: count,
    scaleHourlyCents: cents,
    /** The CAO's own youth percentage for the worker's age; 100 % for adults or a CAO without youth wages. */
    youthBp: basisPoints,
    hourlyCents: cents,
  }),
  minimumWage: z.object({ rule: ruleRefSchema, youthBp: basisPoints, hourlyCents: cents }),
});
export type DayWage = z.infer<typeof dayWageSchema>;

/** What the operator agreed at confirmation: the function's scale in the hirer's CAO on the first day, and the step in it. */
export const agreedPaySchema = z.object({ functionName: text, caoCode: text, scale: text, step: count });
export type AgreedPay = z.infer<typeof agreedPaySchema>;

/** Whether the worker gets the hirer's pay terms, and the article (or record) that says so. */
export const hirerTermsSchema = z.object({ applies: z.boolean(), basis: prose });
export type HirerTerms = z.infer<typeof hirerTermsSchema>;

/**
 * The pay of the first day, as information: a placement is planned ahead of the publication of the
 * minimum wage of its half-year, so it may not be known yet (`reason` says which table was missing;
 * the CAO wage of that day, which it is compared with, is).
 */
export const firstDayPaySchema = z.discriminatedUnion('known', [
  z.object({ known: z.literal(true), wage: dayWageSchema }),
  z.object({ known: z.literal(false), reason: prose, cao: dayWageSchema.shape.cao }),
]);
export type FirstDayPay = z.infer<typeof firstDayPaySchema>;

const placementConfirmedSchema = placementTermsSchema.extend({
  agreed: agreedPaySchema,
  hirerTerms: hirerTermsSchema,
  firstDayPay: firstDayPaySchema,
});

/** Schema version 1 recorded the pay of the whole placement, resolved once for its first day. */
const placementConfirmedV1Schema = placementTermsSchema.extend({
  pay: z.object({
    hourlyCents: cents,
    wageBasis: z.enum(['cao', 'minimum_wage']),
    cao: z.object({
      code: text,
      versionFrom: localDate,
      revision: count,
      scale: text,
      step: count,
      scaleHourlyCents: cents,
      youthBp: basisPoints,
      hourlyCents: cents,
    }),
    minimumWage: z.object({ tableVersion: localDate, age: count, youthBp: basisPoints, hourlyCents: cents }),
  }),
  appliesHirerConditions: z.boolean(),
});

type PlacementConfirmedV1 = z.output<typeof placementConfirmedV1Schema>;

/**
 * Version 1 as version 2, keeping what it recorded: its pay becomes the first day's, and whether the
 * hirer's terms applied stays as it was decided then (secondment: not), whatever the rule is today.
 */
function fromV1({ pay, appliesHirerConditions, ...terms }: PlacementConfirmedV1): z.input<typeof placementConfirmedSchema> {
  const { versionFrom, ...cao } = pay.cao;
  const { tableVersion, age, ...minimumWage } = pay.minimumWage;
  return {
    ...terms,
    agreed: { functionName: terms.functionName, caoCode: cao.code, scale: cao.scale, step: cao.step },
    hirerTerms: { applies: appliesHirerConditions, basis: 'recorded under schema version 1' },
    firstDayPay: {
      known: true,
      wage: {
        day: terms.period.from,
        hourlyCents: pay.hourlyCents,
        basis: pay.wageBasis,
        age,
        cao: { ...cao, effectiveFrom: versionFrom },
        // Version 1's minimum-wage table was a constant that was never corrected: each entry is a first revision.
        minimumWage: { ...minimumWage, rule: { table: 'minimum-wage', effectiveFrom: tableVersion, revision: 0 } },
      },
    },
  };
}

/** Every event of a placement's stream: its schema and the version it is written with. */
export const placementEvents = {
  PlacementProposed: { version: 1, data: placementTermsSchema },
  PlacementConfirmed: { version: 2, data: placementConfirmedSchema, upcasters: { 1: placementConfirmedV1Schema.transform(fromV1) } },
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
