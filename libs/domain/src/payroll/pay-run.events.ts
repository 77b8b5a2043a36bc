import { z } from 'zod';
import { ruleRefSchema } from '../rules/rules.events.js';
import { dayWageSchema } from '../placement/placement.events.js';
import {
  basisPoints,
  cents,
  clockTime,
  count,
  localDate,
  text,
  type EventOf,
  type EventRegistry,
  type EventsOf,
} from '../shared/event-schema.js';
import { streamIdFor } from '../shared/stream-id.js';
import { HOUR_TYPES, isoWeek } from '../timesheet/timesheet.events.js';

/** The pool's pay period: four ISO weeks (13 a year, the 13th takes week 53) or a calendar month. */
export const PAY_PERIOD_KINDS = ['four_weeks', 'month'] as const;
export type PayPeriodKind = (typeof PAY_PERIOD_KINDS)[number];

/** `2027-P03` (four weeks: ISO weeks 9–12 of 2027) or `2027-03` (March 2027); `from`/`to` are its first and last day. */
export const payPeriodSchema = z.object({ id: text, kind: z.enum(PAY_PERIOD_KINDS), from: localDate, to: localDate });
export type PayPeriod = z.infer<typeof payPeriodSchema>;

export const payRunStreamId = (periodId: string): string => streamIdFor('pay-run', periodId);

/**
 * How every amount of a line is rounded: each component is the exact product (minutes × cents an
 * hour × percentage) rounded half up to whole cents on its own; totals are sums of rounded components.
 */
export const ROUNDING_RULE = 'each component of a line rounded half up to whole cents; totals are sums of rounded components' as const;

/** A line's money, in integer cents. */
export const payComponentsSchema = z.object({
  /** Minutes × the hourly wage of the day (for sickness: the sick-pay share, never below the minimum wage). */
  wageCents: cents,
  /** The CAO surcharge for the hour type (overtime, time bands, public holiday); 0 when none applies. */
  surchargeCents: cents,
  /** The holiday allowance reserved on wage + surcharge: the CAO's percentage, at least the statutory minimum. */
  holidayAllowanceCents: cents,
  /** The pension premium of the hirer's CAO on wage + surcharge, where the hirer's terms apply; else 0. */
  pensionEmployeeCents: cents,
  pensionEmployerCents: cents,
});
export type PayComponents = z.infer<typeof payComponentsSchema>;

/** The percentages a line's components came from, as applied. */
const appliedRatesSchema = z.object({
  /** Sickness: the share paid (e.g. 7000); else 10000. */
  wageShareBp: basisPoints,
  surchargeBp: basisPoints,
  /** Of the surcharge's minutes, how many a time band covered (irregular hours); else all or none. */
  surchargedMinutes: count,
  /**
   * Irregular hours: the CAO time bands the line's minutes fell in, each with its own surcharge
   * (`surchargeBp` is then their average over the minutes, rounded half up, for information).
   */
  timeBands: z.array(z.object({ start: clockTime, end: clockTime, surchargeBp: basisPoints, minutes: count })).optional(),
  holidayAllowanceBp: basisPoints,
  pensionEmployeeBp: basisPoints,
  pensionEmployerBp: basisPoints,
  leaveAccrualBp: basisPoints,
});

/** One timesheet line of one day, paid: the line it comes from, the wage of that day with its sources, and the amounts. */
export const payLineSchema = z.object({
  timesheetId: text,
  /** Which approval of the timesheet was paid (TimesheetApproved.approvedVersion). */
  timesheetVersion: count,
  /** The line's index in the approved lines. */
  lineIndex: count,
  placementId: text,
  /** Cost centre: the hirer. */
  employerId: text,
  day: localDate,
  hourType: z.enum(HOUR_TYPES),
  minutes: count,
  /** The wage row of the day: CAO code, version, revision, scale, step, youth %, the minimum-wage row. */
  wage: dayWageSchema,
  rates: appliedRatesSchema,
  amounts: payComponentsSchema,
  /** Holiday hours earned, in minutes (rounded half up). */
  leaveAccruedMinutes: count,
  /** The rule rows used besides the wage's minimum-wage row: holiday allowance, sick pay and leave. */
  rules: z.array(ruleRefSchema),
});
export type PayLine = z.infer<typeof payLineSchema>;

/**
 * The pool's top-up to a worker's guaranteed hours in a week when the paid hours fell short: paid
 * by the pool, never invoiced. Valued at the minimum wage for the worker's age on the week's first day in the period.
 */
export const topUpLineSchema = z.object({
  week: isoWeek,
  /** The days of the week that count: inside the pay period and the contract. */
  from: localDate,
  to: localDate,
  contractId: text,
  guaranteedMinutes: count,
  paidMinutes: count,
  minutes: count,
  hourlyCents: cents,
  minimumWage: ruleRefSchema,
  amounts: payComponentsSchema,
  leaveAccruedMinutes: count,
  rules: z.array(ruleRefSchema),
});
export type TopUpLine = z.infer<typeof topUpLineSchema>;

/** Why a day of a finalized period is paid again: the event that changed what is due. */
export const differenceReasonSchema = z.discriminatedUnion('kind', [
  /** The sheet was corrected (and the correction approved) after the run paid it. */
  z.object({ kind: z.literal('timesheet_corrected'), timesheetId: text, version: count }),
  /** Approved after the run of its period: paid in full now. */
  z.object({ kind: z.literal('approved_late'), timesheetId: text, version: count }),
  /** A CAO version was corrected or a new one published for the day. */
  z.object({ kind: z.literal('cao_changed'), caoCode: text, effectiveFrom: localDate, revision: count }),
  /** A minimum-wage row was published or corrected for the day. */
  z.object({ kind: z.literal('minimum_wage_changed'), rule: ruleRefSchema }),
  /** Another rule row (holiday allowance, sick pay and leave) changed for the day. */
  z.object({ kind: z.literal('rule_changed'), rule: ruleRefSchema }),
  /** A guaranteed-hours week whose paid hours changed. */
  z.object({ kind: z.literal('top_up_changed'), week: isoWeek }),
]);
export type DifferenceReason = z.infer<typeof differenceReasonSchema>;

/**
 * A day (of a timesheet, or a guaranteed-hours week) of a finalized period whose due pay differs
 * from what was paid: both, and the difference, per component. Nothing of the earlier run changes.
 */
export const differenceLineSchema = z.object({
  /** The finalized period the day belongs to. */
  periodId: text,
  day: localDate,
  /** The sheet (or `top-up:<week>`) whose day it is. */
  source: text,
  placementId: text.optional(),
  employerId: text.optional(),
  paid: payComponentsSchema,
  due: payComponentsSchema,
  difference: payComponentsSchema,
  paidMinutes: count,
  dueMinutes: count,
  leaveAccruedMinutesDifference: z.int(),
  reasons: z.array(differenceReasonSchema).min(1),
  /** The lines due now, with their wage rows: what the day is recomputed from. */
  dueLines: z.array(payLineSchema),
});
export type DifferenceLine = z.infer<typeof differenceLineSchema>;

export const payTotalsSchema = payComponentsSchema.extend({
  paidMinutes: count,
  topUpMinutes: count,
  leaveAccruedMinutes: z.int(),
  /** wage + surcharge + holiday allowance of lines, top-ups and differences: the gross the payroll engine starts from. */
  grossCents: cents,
});
export type PayTotals = z.infer<typeof payTotalsSchema>;

/** A timesheet the run saw but did not pay, and why. */
export const unpaidTimesheetSchema = z.object({
  timesheetId: text,
  workerId: text,
  employerId: text,
  week: isoWeek,
  status: z.enum(['draft', 'submitted', 'rejected']),
});
export type UnpaidTimesheet = z.infer<typeof unpaidTimesheetSchema>;

export const payRunEvents = {
  /** A calculation of the period begins; `attempt` counts recalculations before finalization (1 first). */
  PayRunStarted: {
    version: 1,
    data: z.object({
      payRunId: text,
      period: payPeriodSchema,
      attempt: count,
      rounding: z.literal(ROUNDING_RULE),
      unpaid: z.array(unpaidTimesheetSchema),
    }),
  },
  /** One worker's lines of an attempt. */
  PayLinesCalculated: {
    version: 1,
    data: z.object({
      payRunId: text,
      attempt: count,
      workerId: text,
      lines: z.array(payLineSchema),
      topUps: z.array(topUpLineSchema),
      differences: z.array(differenceLineSchema),
      totals: payTotalsSchema,
    }),
  },
  /** The latest attempt is final; the approved sheets it paid are locked at these versions. */
  PayRunFinalized: {
    version: 1,
    data: z.object({
      payRunId: text,
      attempt: count,
      by: text,
      timesheets: z.array(z.object({ timesheetId: text, approvedVersion: count })),
      totals: payTotalsSchema.extend({ workers: count }),
    }),
  },
} as const satisfies EventRegistry;

type Events = typeof payRunEvents;
export type PayRunStarted = EventOf<Events, 'PayRunStarted'>;
export type PayLinesCalculated = EventOf<Events, 'PayLinesCalculated'>;
export type PayRunFinalized = EventOf<Events, 'PayRunFinalized'>;
export type PayRunEvent = EventsOf<Events>;
