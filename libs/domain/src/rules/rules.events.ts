import { z } from 'zod';
import {
  basisPoints,
  byAge,
  cents,
  count,
  localDate,
  prose,
  text,
  weekHours,
  type EventOf,
  type EventRegistry,
  type EventsOf,
} from '../shared/event-schema.js';

/** The effective-dated rule tables the pool applies; each is one stream, `rules-<table>`. */
export const RULE_TABLES = [
  'minimum-wage',
  'working-time',
  'chain-rule',
  'holiday-allowance',
  'sick-pay-and-leave',
  'employer-charges',
  'vat',
  'wage-cost-subsidy',
  'retention',
] as const;
export type RuleTable = (typeof RULE_TABLES)[number];

/** Which period (and revision) of a rule table gave a figure, as events record it (RuleRef of rule-book.ts). */
export const ruleRefSchema = z.object({ table: z.enum(RULE_TABLES), effectiveFrom: localDate, revision: count });

export const ruleTableStreamId = (table: RuleTable): string => `rules-${table}`;

/** Where a row's figures come from, so an auditor can check them: a title and, where one exists, a public address. */
export const ruleSourceSchema = z.object({ title: text, url: z.url().max(500).optional() });
export type RuleSource = z.infer<typeof ruleSourceSchema>;

/**
 * A row's period: from `effectiveFrom` up to and including `effectiveUntil`. A row without an end
 * runs until the next row starts; a date after the last row's end is refused, never extrapolated.
 */
const rowPeriod = { effectiveFrom: localDate, effectiveUntil: localDate.optional(), source: ruleSourceSchema, reason: prose.optional() };

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

export const minimumWageValuesSchema = z.object({
  /** The hourly minimum wage from `adultAge` on. */
  adultHourlyCents: cents,
  adultAge: count,
  /** The statutory youth percentages by age (15 to adultAge − 1). */
  youthBp: byAge(basisPoints),
  /** The lower percentages for apprentices in work-based training (BBL), by age. */
  bblYouthBp: byAge(basisPoints).optional(),
});
export type MinimumWageValues = z.infer<typeof minimumWageValuesSchema>;

/** The Working Hours Act limits for one age band (`maxAge` inclusive; absent: no upper age). */
export const workingTimeBandSchema = z.object({
  minAge: count,
  maxAge: count.optional(),
  shiftHours: weekHours,
  weekHours,
  /** Average hours a week over any 4 consecutive weeks. */
  fourWeekAverageHours: weekHours.optional(),
  /** Average hours a week over any 16 consecutive weeks. */
  sixteenWeekAverageHours: weekHours.optional(),
  /** No work from `from` until `until` (the next morning). */
  night: z.object({ from: clockTime, until: clockTime }).optional(),
  /**
   * The uninterrupted rest between the end of one day's work and the start of the next day's
   * (Arbeidstijdenwet art. 5:3). Optional, as rows published before it was modelled lack it; a band
   * without it is not checked for rest.
   */
  dailyRestHours: weekHours.optional(),
  /** The shorter rest allowed once in any 7 × 24 hours instead of `dailyRestHours`; absent: never shorter. */
  shortenedDailyRestHours: weekHours.optional(),
});
export type WorkingTimeBand = z.infer<typeof workingTimeBandSchema>;

export const workingTimeValuesSchema = z.object({ bands: z.array(workingTimeBandSchema).min(1) });
export type WorkingTimeValues = z.infer<typeof workingTimeValuesSchema>;

export const chainRuleValuesSchema = z.object({
  maxContracts: count,
  maxMonths: count,
  breakingGapMonths: count,
  /** The shorter gap a CAO's seasonal clause may set (work of at most 9 months a year). */
  seasonalBreakingGapMonths: count,
  /** The most a CAO may allow instead of `maxContracts` in `maxMonths`. */
  caoMaxContracts: count,
  caoMaxMonths: count,
});
export type ChainRuleValues = z.infer<typeof chainRuleValuesSchema>;

export const holidayAllowanceValuesSchema = z.object({ minimumBp: basisPoints });
export type HolidayAllowanceValues = z.infer<typeof holidayAllowanceValuesSchema>;

/** What the law gives on days not worked: pay while sick, and the holiday hours that paid hours earn. */
export const sickPayAndLeaveValuesSchema = z.object({
  /** The share of the wage paid for hours of sickness (never below the minimum wage for the worker's age). */
  sickPayBp: basisPoints,
  /** The holiday hours earned per paid hour: 4 × the hours a week per year, i.e. 4 of every 52 weeks. */
  leaveAccrualBp: basisPoints,
});
export type SickPayAndLeaveValues = z.infer<typeof sickPayAndLeaveValuesSchema>;

/** What the pool pays on top of the gross wage: the employer's social-insurance premiums and levies, as a share of the gross. */
export const employerChargesValuesSchema = z.object({ chargesBp: basisPoints });
export type EmployerChargesValues = z.infer<typeof employerChargesValuesSchema>;

/** The VAT rate on the pool's invoices (the general rate: secondment is a taxable supply of services). */
export const vatValuesSchema = z.object({ standardBp: basisPoints });
export type VatValues = z.infer<typeof vatValuesSchema>;

/** The wage-cost subsidy (LKS) of the Participatiewet: its cap and the allowance for employer charges. */
export const wageCostSubsidyValuesSchema = z.object({
  /** At most this share of (minimum wage + holiday allowance) an hour. */
  capBp: basisPoints,
  /** The flat allowance for employer charges added to the subsidy, as a share of it. */
  employerChargesAllowanceBp: basisPoints,
});
export type WageCostSubsidyValues = z.infer<typeof wageCostSubsidyValuesSchema>;

/**
 * How long the pool keeps what the law makes it keep, also after a worker's personal data is erased
 * (GDPR art. 17(3)(b)): the wage administration (hours, pay, invoices, wage-cost subsidy claims)
 * for `fiscalRecordsYears` after the end of the calendar year it concerns (art. 52 AWR: 7 years).
 */
export const retentionValuesSchema = z.object({ fiscalRecordsYears: count });
export type RetentionValues = z.infer<typeof retentionValuesSchema>;

/** Every event of the rule-table streams: one `…Published` event per period of a table. */
export const ruleEvents = {
  MinimumWagePublished: { version: 1, data: z.object({ ...rowPeriod, values: minimumWageValuesSchema }) },
  WorkingTimeLimitsPublished: { version: 1, data: z.object({ ...rowPeriod, values: workingTimeValuesSchema }) },
  ChainRuleParametersPublished: { version: 1, data: z.object({ ...rowPeriod, values: chainRuleValuesSchema }) },
  HolidayAllowanceMinimumPublished: { version: 1, data: z.object({ ...rowPeriod, values: holidayAllowanceValuesSchema }) },
  SickPayAndLeavePublished: { version: 1, data: z.object({ ...rowPeriod, values: sickPayAndLeaveValuesSchema }) },
  EmployerChargesPublished: { version: 1, data: z.object({ ...rowPeriod, values: employerChargesValuesSchema }) },
  VatRatePublished: { version: 1, data: z.object({ ...rowPeriod, values: vatValuesSchema }) },
  WageCostSubsidyFiguresPublished: { version: 1, data: z.object({ ...rowPeriod, values: wageCostSubsidyValuesSchema }) },
  RetentionPeriodsPublished: { version: 1, data: z.object({ ...rowPeriod, values: retentionValuesSchema }) },
} as const satisfies EventRegistry;

type Events = typeof ruleEvents;
export type MinimumWagePublished = EventOf<Events, 'MinimumWagePublished'>;
export type WorkingTimeLimitsPublished = EventOf<Events, 'WorkingTimeLimitsPublished'>;
export type ChainRuleParametersPublished = EventOf<Events, 'ChainRuleParametersPublished'>;
export type HolidayAllowanceMinimumPublished = EventOf<Events, 'HolidayAllowanceMinimumPublished'>;
export type SickPayAndLeavePublished = EventOf<Events, 'SickPayAndLeavePublished'>;
export type EmployerChargesPublished = EventOf<Events, 'EmployerChargesPublished'>;
export type VatRatePublished = EventOf<Events, 'VatRatePublished'>;
export type WageCostSubsidyFiguresPublished = EventOf<Events, 'WageCostSubsidyFiguresPublished'>;
export type RetentionPeriodsPublished = EventOf<Events, 'RetentionPeriodsPublished'>;
export type RuleEvent = EventsOf<Events>;

/** The event type that publishes a period of each table. */
export const PUBLISHED_EVENT_OF: { readonly [T in RuleTable]: RuleEvent['type'] } = {
  'minimum-wage': 'MinimumWagePublished',
  'working-time': 'WorkingTimeLimitsPublished',
  'chain-rule': 'ChainRuleParametersPublished',
  'holiday-allowance': 'HolidayAllowanceMinimumPublished',
  'sick-pay-and-leave': 'SickPayAndLeavePublished',
  'employer-charges': 'EmployerChargesPublished',
  vat: 'VatRatePublished',
  'wage-cost-subsidy': 'WageCostSubsidyFiguresPublished',
  retention: 'RetentionPeriodsPublished',
};
