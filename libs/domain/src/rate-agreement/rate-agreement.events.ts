import { z } from 'zod';
import { basisPoints, cents, localDate, prose, text, type EventOf, type EventRegistry, type EventsOf } from '../shared/event-schema.js';
import { streamIdFor } from '../shared/stream-id.js';
import { HOUR_TYPES } from '../timesheet/timesheet.events.js';

/** One stream per hirer holds every rate agreement with it: `rates-<employerId>`. */
export const rateAgreementsStreamId = (employerId: string): string => streamIdFor('rates', employerId);

/**
 * What a rate covers: the hirer's every placement, those of one function, or one placement. On a day,
 * the most specific agreement in force applies (placement, then function, then the hirer).
 */
export const rateScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('employer') }),
  z.object({ kind: z.literal('function'), functionCode: text }),
  z.object({ kind: z.literal('placement'), placementId: text }),
]);
export type RateScope = z.infer<typeof rateScopeSchema>;

/**
 * The price of an hour: a factor on the gross wage of the day (wage + CAO surcharge; 18500 = 1.85 ×),
 * which follows every wage rise on its day, or a fixed amount an hour, which does not.
 */
export const rateSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('factor'), factorBp: basisPoints }),
  z.object({ kind: z.literal('fixed'), hourlyCents: cents }),
]);
export type Rate = z.infer<typeof rateSchema>;

/** The extra charged per hour type on top of the rate (overtime, irregular hours, …); absent: none. */
export const rateSurchargesSchema = z.partialRecord(z.enum(HOUR_TYPES), basisPoints);
export type RateSurcharges = z.infer<typeof rateSurchargesSchema>;

/** What the cost-price check compared a rate with, recorded so an auditor sees why it was accepted. */
export const costPriceCheckSchema = z.object({
  /** The highest cost of an hour of the covered placements on the first day (fixed rate), or the cost as a factor (factor rate). */
  costHourlyCents: cents.optional(),
  costFactorBp: basisPoints.optional(),
  /** The placements the check covered (none for a factor rate or when the scope has no placement yet). */
  placementIds: z.array(text),
});
export type CostPriceCheck = z.infer<typeof costPriceCheckSchema>;

export const rateAgreementEvents = {
  /** A rate agreed with the hirer from `from` (up to and including `to`, when given). */
  RateAgreed: {
    version: 1,
    data: z.object({
      agreementId: text,
      employerId: text,
      scope: rateScopeSchema,
      from: localDate,
      to: localDate.optional(),
      rate: rateSchema,
      surchargesBp: rateSurchargesSchema,
      /** The share of each invoice the hirer pays to the pool's G-account (chain liability, Wet ketenaansprakelijkheid). */
      gAccountShareBp: basisPoints,
      check: costPriceCheckSchema,
      by: text,
      reason: prose.optional(),
    }),
  },
  /** The agreement applies no more after `lastDay`; days already invoiced are not touched. */
  RateAgreementEnded: {
    version: 1,
    data: z.object({ agreementId: text, employerId: text, lastDay: localDate, by: text, reason: prose }),
  },
} as const satisfies EventRegistry;

type Events = typeof rateAgreementEvents;
export type RateAgreed = EventOf<Events, 'RateAgreed'>;
export type RateAgreementEnded = EventOf<Events, 'RateAgreementEnded'>;
export type RateAgreementEvent = EventsOf<Events>;
