import { euros, percent } from '@banenpool/audit';
import {
  assertNever,
  grossOf,
  HUNDRED_PERCENT,
  ROUNDING_RULE,
  type DayWage,
  type DifferenceLine,
  type DifferenceReason,
  type PayComponents,
  type PayLine,
  type PayPeriod,
  type PayTotals,
  type TopUpLine,
  type UnpaidTimesheet,
  type WorkerPay,
} from '@banenpool/domain';
import { groupBy } from './collections.js';
import { hoursText } from './pay-run-export.js';

/** An amount as integer cents and as a person reads it ('€ 1.234,56'). */
export interface Money {
  cents: number;
  euros: string;
}

export interface StatementAmounts {
  wage: Money;
  surcharge: Money;
  holidayAllowance: Money;
  pensionEmployee: Money;
  pensionEmployer: Money;
}

export interface StatementLine {
  timesheetId: string;
  /** Which approval of the sheet was paid. */
  approval: number;
  placementId: string;
  /** The hirer (cost centre). */
  employerId: string;
  hourType: PayLine['hourType'];
  hours: string;
  hourlyWage: Money;
  /** Where the hourly wage came from: the CAO version, scale and step, or the minimum wage for the worker's age. */
  wageSource: string;
  /** How each amount was taken: sick-pay share, surcharge, holiday allowance and pension percentages. */
  calculation: string[];
  amounts: StatementAmounts;
  leaveEarnedHours: string;
}

export interface StatementDay {
  day: string;
  hours: string;
  lines: StatementLine[];
  /** Wage + surcharge + holiday allowance of the day. */
  gross: Money;
}

export interface StatementTopUp {
  week: string;
  from: string;
  to: string;
  guaranteedHours: string;
  paidHours: string;
  hours: string;
  hourlyWage: Money;
  wageSource: string;
  amounts: StatementAmounts;
}

export interface StatementDifference {
  /** The finalized period the day was paid in. */
  periodId: string;
  day: string;
  source: string;
  employerId?: string;
  paidHours: string;
  dueHours: string;
  paid: StatementAmounts;
  due: StatementAmounts;
  difference: StatementAmounts;
  /** Why the day is paid again, in words. */
  reasons: string[];
}

/** One worker's pay in a run, as a person reads it: per day the hours, the wage and where it came from, every amount in euros. */
export interface WorkerStatement {
  payRunId: string;
  period: PayPeriod;
  status: 'calculated' | 'finalized';
  attempt: number;
  workerId: string;
  rounding: typeof ROUNDING_RULE;
  days: StatementDay[];
  topUps: StatementTopUp[];
  differences: StatementDifference[];
  totals: StatementAmounts & { gross: Money; hoursPaid: string; topUpHours: string; leaveEarnedHours: string };
}

const money = (cents: number): Money => ({ cents, euros: euros(cents) });

const amountsOf = (a: PayComponents): StatementAmounts => ({
  wage: money(a.wageCents),
  surcharge: money(a.surchargeCents),
  holidayAllowance: money(a.holidayAllowanceCents),
  pensionEmployee: money(a.pensionEmployeeCents),
  pensionEmployer: money(a.pensionEmployerCents),
});

export function workerStatement(
  run: { payRunId: string; period: PayPeriod; status: 'calculated' | 'finalized'; attempt: number },
  pay: WorkerPay,
): WorkerStatement {
  return {
    ...run,
    workerId: pay.workerId,
    rounding: ROUNDING_RULE,
    days: daysOf(pay.lines),
    topUps: pay.topUps.map(topUpOf),
    differences: pay.differences.map(differenceOf),
    totals: totalsOf(pay.totals),
  };
}

function daysOf(lines: readonly PayLine[]): StatementDay[] {
  return [...groupBy(lines, (line) => line.day)]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([day, ofDay]) => ({
      day,
      hours: hoursText(ofDay.reduce((sum, line) => sum + line.minutes, 0)),
      lines: ofDay.map(lineOf),
      gross: money(ofDay.reduce((sum, line) => sum + grossOf(line.amounts), 0)),
    }));
}

function lineOf(line: PayLine): StatementLine {
  return {
    timesheetId: line.timesheetId,
    approval: line.timesheetVersion,
    placementId: line.placementId,
    employerId: line.employerId,
    hourType: line.hourType,
    hours: hoursText(line.minutes),
    hourlyWage: money(line.wage.hourlyCents),
    wageSource: wageSourceOf(line.wage),
    calculation: calculationOf(line),
    amounts: amountsOf(line.amounts),
    leaveEarnedHours: hoursText(line.leaveAccruedMinutes),
  };
}

/** The higher of the CAO wage and the minimum wage that day, and which one it was. */
export function wageSourceOf({ basis, age, cao, minimumWage }: DayWage): string {
  const youth =
    cao.youthBp < HUNDRED_PERCENT ? ` at the CAO's youth wage of ${percent(cao.youthBp)} of ${euros(cao.scaleHourlyCents)}` : '';
  const caoWage = `CAO ${cao.code} (version from ${cao.effectiveFrom}, revision ${cao.revision}), scale ${cao.scale} step ${cao.step}${youth}`;
  const { rule } = minimumWage;
  const statutory =
    `the statutory minimum wage at age ${age}` +
    `${minimumWage.youthBp < HUNDRED_PERCENT ? `, ${percent(minimumWage.youthBp)} of the adult wage` : ''}` +
    ` (minimum-wage table from ${rule.effectiveFrom}, revision ${rule.revision})`;
  return basis === 'cao'
    ? `${caoWage}: ${euros(cao.hourlyCents)} an hour, not below ${statutory} of ${euros(minimumWage.hourlyCents)}`
    : `${statutory}: ${euros(minimumWage.hourlyCents)} an hour, above ${caoWage} of ${euros(cao.hourlyCents)}`;
}

function calculationOf({ rates, minutes, hourType }: PayLine): string[] {
  return [
    ...(rates.wageShareBp < HUNDRED_PERCENT ? [`sick pay: ${percent(rates.wageShareBp)} of the wage, never below the minimum wage`] : []),
    ...(rates.surchargeBp > 0
      ? [
          `${hourType.replace('_', ' ')} surcharge: ${percent(rates.surchargeBp)} over ${hoursText(rates.surchargedMinutes)} of ${hoursText(minutes)} hours`,
        ]
      : []),
    `holiday allowance reserved: ${percent(rates.holidayAllowanceBp)} of wage and surcharge`,
    ...(rates.pensionEmployeeBp + rates.pensionEmployerBp > 0
      ? [`pension premium: ${percent(rates.pensionEmployeeBp)} employee, ${percent(rates.pensionEmployerBp)} employer`]
      : []),
    `holiday hours earned: ${percent(rates.leaveAccrualBp)} of the hours`,
  ];
}

function topUpOf(topUp: TopUpLine): StatementTopUp {
  const rule = topUp.minimumWage;
  return {
    week: topUp.week,
    from: topUp.from,
    to: topUp.to,
    guaranteedHours: hoursText(topUp.guaranteedMinutes),
    paidHours: hoursText(topUp.paidMinutes),
    hours: hoursText(topUp.minutes),
    hourlyWage: money(topUp.hourlyCents),
    wageSource: `paid by the pool to the guaranteed hours of contract ${topUp.contractId}, at the statutory minimum wage (table from ${rule.effectiveFrom}, revision ${rule.revision})`,
    amounts: amountsOf(topUp.amounts),
  };
}

function differenceOf(difference: DifferenceLine): StatementDifference {
  return {
    periodId: difference.periodId,
    day: difference.day,
    source: difference.source,
    ...(difference.employerId && { employerId: difference.employerId }),
    paidHours: hoursText(difference.paidMinutes),
    dueHours: hoursText(difference.dueMinutes),
    paid: amountsOf(difference.paid),
    due: amountsOf(difference.due),
    difference: amountsOf(difference.difference),
    reasons: difference.reasons.map(reasonText),
  };
}

export function reasonText(reason: DifferenceReason): string {
  switch (reason.kind) {
    case 'timesheet_corrected':
      return `timesheet ${reason.timesheetId} was corrected after it was paid (approval ${reason.version})`;
    case 'approved_late':
      return `timesheet ${reason.timesheetId} was approved after its period was paid (approval ${reason.version})`;
    case 'cao_changed':
      return `CAO ${reason.caoCode}: the version from ${reason.effectiveFrom} changed (revision ${reason.revision})`;
    case 'minimum_wage_changed':
      return `the minimum wage from ${reason.rule.effectiveFrom} was published or corrected (revision ${reason.rule.revision})`;
    case 'rule_changed':
      return `the ${reason.rule.table} table from ${reason.rule.effectiveFrom} changed (revision ${reason.rule.revision})`;
    case 'top_up_changed':
      return `the hours paid in guaranteed-hours week ${reason.week} changed`;
    default:
      return assertNever(reason);
  }
}

function totalsOf(totals: PayTotals): WorkerStatement['totals'] {
  return {
    ...amountsOf(totals),
    gross: money(totals.grossCents),
    hoursPaid: hoursText(totals.paidMinutes),
    topUpHours: hoursText(totals.topUpMinutes),
    leaveEarnedHours: hoursText(totals.leaveAccruedMinutes),
  };
}

/**
 * A pay run cut down to what concerns one worker: the sheets it locked and left unpaid name other
 * workers (their ids hold the placement's, often the worker's name), so only the worker's own stay.
 */
export function runOfWorker<Run extends { unpaid: readonly UnpaidTimesheet[]; lockedTimesheets?: readonly { timesheetId: string }[] }>(
  run: Run,
  pay: Pick<WorkerPay, 'workerId' | 'lines'>,
): Run {
  const paidSheets = new Set(pay.lines.map((line) => line.timesheetId));
  return {
    ...run,
    unpaid: run.unpaid.filter((sheet) => sheet.workerId === pay.workerId),
    ...(run.lockedTimesheets === undefined
      ? {}
      : { lockedTimesheets: run.lockedTimesheets.filter((sheet) => paidSheets.has(sheet.timesheetId)) }),
  };
}
