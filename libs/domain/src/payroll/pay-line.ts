import type { ResolvedCaoVersion } from '../cao/cao.decider.js';
import type { CaoVersionContent, TimeBandSurcharge } from '../cao/cao.events.js';
import type { DayWage } from '../placement/placement.events.js';
import { wageOn } from '../placement/placement-pay.js';
import { holidayAllowanceOn, refOf, sickPayAndLeaveOn, type RuleBook, type RuleRow } from '../rules/rule-book.js';
import type { HolidayAllowanceValues, SickPayAndLeaveValues } from '../rules/rules.events.js';
import { assertNever } from '../shared/decider.js';
import { refuse } from '../shared/domain-error.js';
import { contains, type LocalDate, type Period } from '../shared/local-date.js';
import { HUNDRED_PERCENT, mulDivRoundHalfUp, type BasisPoints } from '../shared/money.js';
import { minutesOfClock, weekdayOf } from '../shared/work-pattern.js';
import type { TimesheetLine } from '../timesheet/timesheet.events.js';
import { minutesOfLine } from '../timesheet/timesheet-lines.js';
import type { PayComponents, PayLine } from './pay-run.events.js';
import type { ApprovedSheet, PayPlacement, WorkerPayInput } from './pay-input.js';

const MINUTES_AN_HOUR = 60;

/**
 * The unit amounts are exact in before rounding: minutes × cents an hour × basis points, so one
 * cent is 600 000 of them. Every product of a line is an integer in it (and a safe one: a day's
 * minutes × any hourly wage × 300 % stays far below 2^53).
 */
const EXACT_CENT = MINUTES_AN_HOUR * HUNDRED_PERCENT;

/** The wage and surcharge of a line, exact (in EXACT_CENT units), before rounding. */
export interface ExactPay {
  readonly wage: number;
  readonly surcharge: number;
}

/** The percentages taken of wage + surcharge. */
interface ShareRates {
  readonly holidayAllowanceBp: BasisPoints;
  readonly pensionEmployeeBp: BasisPoints;
  readonly pensionEmployerBp: BasisPoints;
}

/**
 * ROUNDING_RULE: each component is its exact product rounded half up to whole cents on its own;
 * the holiday allowance and pension are taken of the exact wage + surcharge, not of their rounded cents.
 */
export function roundedComponents(exact: ExactPay, rates: ShareRates): PayComponents {
  const base = exact.wage + exact.surcharge;
  const share = (bp: BasisPoints) => fastMulDivRoundHalfUp(base, bp, EXACT_CENT * HUNDRED_PERCENT);
  return {
    wageCents: fastMulDivRoundHalfUp(exact.wage, 1, EXACT_CENT),
    surchargeCents: fastMulDivRoundHalfUp(exact.surcharge, 1, EXACT_CENT),
    holidayAllowanceCents: share(rates.holidayAllowanceBp),
    pensionEmployeeCents: share(rates.pensionEmployeeBp),
    pensionEmployerCents: share(rates.pensionEmployerBp),
  };
}

/**
 * mulDivRoundHalfUp in plain numbers when the product and the rounding stay safe integers (as a
 * line's amounts do), else mulDivRoundHalfUp itself: its BigInt arithmetic is most of the time of
 * a run of 40 000 lines, six amounts each. The remainder check makes the floating quotient exact.
 */
export function fastMulDivRoundHalfUp(value: number, numerator: number, denominator: number): number {
  const twice = 2 * value * numerator + denominator;
  const safe = Number.isSafeInteger(value) && Number.isSafeInteger(numerator) && Number.isSafeInteger(twice);
  if (!safe || value < 0 || numerator < 0 || denominator <= 0) return mulDivRoundHalfUp(value, numerator, denominator);
  const divisor = 2 * denominator;
  const quotient = Math.floor(twice / divisor);
  const remainder = twice - quotient * divisor;
  return remainder < 0 ? quotient - 1 : remainder >= divisor ? quotient + 1 : quotient;
}

/** The wage of `minutes` at an hourly rate, exact. */
export const exactWage = (minutes: number, hourlyCents: number, shareBp: BasisPoints = HUNDRED_PERCENT): number =>
  minutes * hourlyCents * shareBp;

/** Holiday minutes earned by paid minutes, rounded half up. */
export const accruedLeave = (minutes: number, leaveAccrualBp: BasisPoints): number =>
  fastMulDivRoundHalfUp(minutes, leaveAccrualBp, HUNDRED_PERCENT);

/** Orders ids and dates alike: as strings, without the cost of a locale. */
export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A placement's day: its wage, and the CAO version the wage came from (whose surcharges and premiums apply). */
export interface WagedDay {
  readonly wage: DayWage;
  readonly version: ResolvedCaoVersion;
}

export interface DayRules {
  readonly holidayAllowance: RuleRow<HolidayAllowanceValues>;
  readonly sickPayAndLeave: RuleRow<SickPayAndLeaveValues>;
}

/**
 * What one worker's lines are computed with, looked up once per worker call: a run pays thousands
 * of workers, each with several lines a day on the same few placements, versions and rule rows.
 */
export interface PayContext {
  readonly birthDate: LocalDate;
  readonly rules: RuleBook;
  placementOf(placementId: string): PayPlacement;
  wagedDay(placement: PayPlacement, day: LocalDate): WagedDay;
  rulesOn(day: LocalDate): DayRules;
}

export function payContextOf({ worker, placements, caoVersions, rules }: WorkerPayInput): PayContext {
  const versions = new Map(caoVersions.map((v) => [versionKey(v.code, v.effectiveFrom), v]));
  const wagedDays = new Map<string, WagedDay>();
  const versionOf = ({ cao }: DayWage) =>
    versions.get(versionKey(cao.code, cao.effectiveFrom)) ??
    refuse('no_cao_version', `CAO ${cao.code} has no version from ${cao.effectiveFrom} among the versions the pay run was given.`);
  const dayRules = new Map<LocalDate, DayRules>();
  return {
    birthDate: worker.birthDate,
    rules,
    placementOf: (placementId) =>
      placements.get(placementId) ??
      refuse('placement_not_found', `Worker ${worker.workerId} has hours on placement ${placementId}, which the pay run was not given.`),
    wagedDay: (placement, day) =>
      cached(wagedDays, `${placement.waged.placementId} ${day}`, () => {
        const wage = wageOn(placement.waged, worker, day, rules, caoVersions);
        return { wage, version: versionOf(wage) };
      }),
    rulesOn: (day) =>
      cached(dayRules, day, () => ({ holidayAllowance: holidayAllowanceOn(rules, day), sickPayAndLeave: sickPayAndLeaveOn(rules, day) })),
  };
}

const versionKey = (code: string, effectiveFrom: LocalDate) => `${code} ${effectiveFrom}`;

function cached<Value>(cache: Map<string, Value>, key: string, compute: () => Value): Value {
  let value = cache.get(key);
  if (value === undefined) {
    value = compute();
    cache.set(key, value);
  }
  return value;
}

/** The pay lines of the sheets' lines on the days of `period`, by day. */
export function payLinesWithin(context: PayContext, sheets: readonly ApprovedSheet[], period: Period): PayLine[] {
  return sheets
    .flatMap((sheet) => sheet.lines.flatMap((line, index) => (contains(period, line.day) ? [payLineOf(context, sheet, index)] : [])))
    .sort((a, b) => compareText(a.day, b.day) || compareText(a.timesheetId, b.timesheetId) || a.lineIndex - b.lineIndex);
}

/**
 * One approved line, paid: minutes × the wage of its day, the CAO surcharge of its hour type, the
 * holiday allowance (the CAO's percentage, at least the statutory one), the CAO's pension premium
 * where the hirer's terms apply, and the holiday hours it earns.
 */
export function payLineOf(context: PayContext, sheet: ApprovedSheet, lineIndex: number): PayLine {
  const line = sheet.lines[lineIndex];
  const placement = context.placementOf(sheet.placementId);
  const minutes = workedMinutes(sheet.timesheetId, line);
  const { wage, version } = context.wagedDay(placement, line.day);
  const { content } = version;
  const { holidayAllowance, sickPayAndLeave } = context.rulesOn(line.day);
  const surcharge = surchargeOf(line, minutes, content.surcharges);
  const pension = placement.hirerTermsApply ? content.pensionPremium : undefined;
  const rates = {
    wageShareBp: line.hourType === 'sick' ? sickPayAndLeave.values.sickPayBp : HUNDRED_PERCENT,
    surchargeBp: surcharge.bp,
    surchargedMinutes: surcharge.minutes,
    ...(surcharge.timeBands && { timeBands: surcharge.timeBands }),
    holidayAllowanceBp: Math.max(content.holidayPayBp, holidayAllowance.values.minimumBp),
    pensionEmployeeBp: pension?.employeeBp ?? 0,
    pensionEmployerBp: pension?.employerBp ?? 0,
    leaveAccrualBp: sickPayAndLeave.values.leaveAccrualBp,
  };
  // Only a share below 100 % (sickness) can fall under the minimum wage; the law then pays the minimum.
  const wageExact = Math.max(exactWage(minutes, wage.hourlyCents, rates.wageShareBp), exactWage(minutes, wage.minimumWage.hourlyCents));
  return {
    timesheetId: sheet.timesheetId,
    timesheetVersion: sheet.version,
    lineIndex,
    placementId: sheet.placementId,
    employerId: sheet.employerId,
    day: line.day,
    hourType: line.hourType,
    minutes,
    wage,
    rates,
    amounts: roundedComponents({ wage: wageExact, surcharge: wage.hourlyCents * surcharge.minuteBp }, rates),
    leaveAccruedMinutes: accruedLeave(minutes, rates.leaveAccrualBp),
    rules: [refOf(holidayAllowance), refOf(sickPayAndLeave)],
  };
}

function workedMinutes(timesheetId: string, line: TimesheetLine): number {
  const minutes = minutesOfLine(line);
  const { day, start, end, breakMinutes } = line;
  if (minutes < 0) {
    refuse(
      'invalid_timesheet_line',
      `Timesheet ${timesheetId} has a line on ${day} from ${start} to ${end} with a ${breakMinutes}-minute break: it cannot be paid.`,
    );
  }
  return minutes;
}

type BandMinutes = Pick<TimeBandSurcharge, 'start' | 'end' | 'surchargeBp'> & { readonly minutes: number };

interface Surcharge {
  /** The surcharge's percentage (for time bands: their average over the minutes). */
  readonly bp: BasisPoints;
  /** The minutes it is paid on. */
  readonly minutes: number;
  /** Σ minutes × percentage: the surcharge is this × the hourly wage, exact. */
  readonly minuteBp: number;
  readonly timeBands?: BandMinutes[];
}

const NO_SURCHARGE: Surcharge = { bp: 0, minutes: 0, minuteBp: 0 };
const flat = (bp: BasisPoints, minutes: number): Surcharge => ({ bp, minutes, minuteBp: bp * minutes });

/** Which of the CAO's surcharges an hour type earns; sickness and leave earn none. */
function surchargeOf(line: TimesheetLine, minutes: number, surcharges: CaoVersionContent['surcharges']): Surcharge {
  switch (line.hourType) {
    case 'normal':
    case 'sick':
    case 'leave':
      return NO_SURCHARGE;
    case 'overtime':
      // A version recorded before the CAO's overtime was kept has none: no surcharge rather than a guess.
      return flat(surcharges.overtimeBp ?? 0, minutes);
    case 'public_holiday':
      return flat(surcharges.publicHolidayBp, minutes);
    case 'irregular':
      return bandSurcharge(line, minutes, surcharges.timeBands);
    default:
      return assertNever(line.hourType);
  }
}

/**
 * The surcharge of the minutes a line spends in each of its weekday's time bands. Where in the line
 * the break was taken is not registered: it is taken from the minutes outside the bands first, then
 * from the least surcharged band, so the bands never pay more minutes than were worked.
 */
function bandSurcharge(line: TimesheetLine, worked: number, bands: readonly TimeBandSurcharge[]): Surcharge {
  const weekday = weekdayOf(line.day);
  const [start, end] = [minutesOfClock(line.start), minutesOfClock(line.end)];
  const inBands = bands
    .filter((band) => band.weekday === weekday)
    .map(({ start: from, end: until, surchargeBp }) => ({
      start: from,
      end: until,
      surchargeBp,
      minutes: Math.max(0, Math.min(end, minutesOfClock(until)) - Math.max(start, minutesOfClock(from))),
    }))
    .sort((a, b) => b.surchargeBp - a.surchargeBp);
  let left = worked;
  const timeBands = inBands
    .map((band) => {
      const minutes = Math.min(band.minutes, left);
      left -= minutes;
      return { ...band, minutes };
    })
    .filter((band) => band.minutes > 0)
    .sort((a, b) => compareText(a.start, b.start));
  const minutes = timeBands.reduce((sum, band) => sum + band.minutes, 0);
  const minuteBp = timeBands.reduce((sum, band) => sum + band.minutes * band.surchargeBp, 0);
  return { bp: minutes === 0 ? 0 : fastMulDivRoundHalfUp(minuteBp, 1, minutes), minutes, minuteBp, timeBands };
}
