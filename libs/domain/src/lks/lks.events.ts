import { z } from 'zod';
import { ruleRefSchema } from '../rules/rules.events.js';
import {
  basisPoints,
  cents,
  count,
  localDate,
  prose,
  text,
  type EventOf,
  type EventRegistry,
  type EventsOf,
} from '../shared/event-schema.js';
import { streamIdFor } from '../shared/stream-id.js';

/** A worker's wage-cost subsidy: the municipality's decisions and the monthly claims, `lks-<workerId>`. */
export const lksStreamId = (workerId: string): string => streamIdFor('lks', workerId);

/** A claim month, `2027-03`. */
export const claimMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

/**
 * The subsidy of a stretch of days with one hourly figure: LKS an hour =
 * min((minimum wage + holiday allowance) − wage value × (CAO wage + holiday allowance), cap × (minimum wage + holiday allowance)),
 * never below 0; the employer-charges allowance is added on the claim's total.
 */
export const lksClaimLineSchema = z.object({
  from: localDate,
  to: localDate,
  minutes: count,
  /** Minimum wage for the worker's age, an hour (from the paid line's wage row). */
  minimumWageHourlyCents: cents,
  /**
   * The statutory holiday allowance on the minimum wage (the holiday-allowance table on those days).
   * Optional only for the schema's sake: every claim line is written with it.
   */
  statutoryHolidayAllowanceBp: basisPoints.optional(),
  /** The worker's CAO wage of those days (the per-day wage, as paid), and the CAO's holiday allowance on it. */
  caoWageHourlyCents: cents,
  holidayAllowanceBp: basisPoints,
  wageValueBp: basisPoints,
  /**
   * The subsidy an hour as applied (after the cap, never below 0), rounded half up to cents for
   * reading; `subsidyCents` is the minutes × the exact figure, rounded once. `capped`: the cap applied.
   */
  subsidyHourlyCents: cents,
  capped: z.boolean(),
  subsidyCents: cents,
  rules: z.array(ruleRefSchema),
});
export type LksClaimLine = z.infer<typeof lksClaimLineSchema>;

export const lksEvents = {
  /** The municipality's decision on the worker's wage value, from `from` (until `to`), to be reassessed by `reassessOn`. */
  WageValueDecided: {
    version: 1,
    data: z.object({
      decisionId: text,
      workerId: text,
      municipality: text,
      wageValueBp: basisPoints,
      from: localDate,
      to: localDate.optional(),
      reassessOn: localDate,
      by: text,
      reference: prose.optional(),
    }),
  },
  /** A month's claim for the worker from paid hours; a correction is a new claim naming the one it corrects. */
  LksClaimCalculated: {
    version: 1,
    data: z.object({
      claimId: text,
      workerId: text,
      month: claimMonth,
      municipality: text,
      decisionId: text,
      /** The finalized pay runs whose paid hours the claim counts. */
      payRunIds: z.array(text),
      lines: z.array(lksClaimLineSchema),
      subsidyCents: cents,
      employerChargesAllowanceCents: cents,
      totalCents: cents,
      corrects: text.optional(),
      by: text,
    }),
  },
  LksClaimSubmitted: { version: 1, data: z.object({ claimId: text, submittedOn: localDate, by: text }) },
  LksClaimPaid: { version: 1, data: z.object({ claimId: text, amountCents: cents, paidOn: localDate, by: text }) },
} as const satisfies EventRegistry;

type Events = typeof lksEvents;
export type WageValueDecided = EventOf<Events, 'WageValueDecided'>;
export type LksClaimCalculated = EventOf<Events, 'LksClaimCalculated'>;
export type LksClaimSubmitted = EventOf<Events, 'LksClaimSubmitted'>;
export type LksClaimPaid = EventOf<Events, 'LksClaimPaid'>;
export type LksEvent = EventsOf<Events>;
