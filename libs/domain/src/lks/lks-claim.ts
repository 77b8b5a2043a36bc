import type { PaidRun } from '../payroll/pay-input.js';
import type { PayLine } from '../payroll/pay-run.events.js';
import { compareText } from '../payroll/pay-line.js';
import { holidayAllowanceOn, refOf, wageCostSubsidyOn, type RuleBook, type RuleRef } from '../rules/rule-book.js';
import { refuse } from '../shared/domain-error.js';
import { addDays, addMonths, laterOf, overlaps, type LocalDate, type Period } from '../shared/local-date.js';
import { applyBasisPoints, HUNDRED_PERCENT, mulDivRoundHalfUp, type BasisPoints, type Cents } from '../shared/money.js';
import { claimMonth, type LksClaimLine } from './lks.events.js';
import { paidHoursWithin } from './paid-hours.js';
import type { DecisionInForce } from './wage-value-decisions.js';

/** How a claim's amounts are rounded, stated with every claim: each once, half up, nothing rounded before. */
export const LKS_ROUNDING_RULE =
  'each line’s subsidy (minutes × the exact hourly figure) rounded half up to cents; the employer-charges allowance rounded half up on the summed subsidy' as const;

/** What a month's claim for one decision comes to: the lines and their totals. */
export interface LksClaimFigures {
  readonly lines: readonly LksClaimLine[];
  readonly subsidyCents: Cents;
  readonly employerChargesAllowanceCents: Cents;
  readonly totalCents: Cents;
}

const MINUTES_AN_HOUR = 60;

/**
 * An hourly figure exact: cents × (100 % + a holiday allowance) × a percentage, both in basis
 * points, so that one cent is HUNDRED_PERCENT² of them and nothing is rounded before a line's total.
 */
const EXACT_CENT = HUNDRED_PERCENT * HUNDRED_PERCENT;

/** The figures a paid hour's subsidy is computed from; days that share all of them share a line. */
interface HourlyFigures {
  readonly minimumWageHourlyCents: Cents;
  readonly statutoryHolidayAllowanceBp: BasisPoints;
  readonly caoWageHourlyCents: Cents;
  readonly holidayAllowanceBp: BasisPoints;
  readonly wageValueBp: BasisPoints;
  readonly capBp: BasisPoints;
  readonly employerChargesAllowanceBp: BasisPoints;
  readonly rules: readonly RuleRef[];
}

/**
 * The subsidy an hour, exact (in EXACT_CENT units): (minimum wage + statutory holiday allowance) −
 * wage value × (CAO wage + the CAO's holiday allowance), at most cap × (minimum wage + statutory
 * holiday allowance), never below 0.
 */
export function exactHourlySubsidy(f: Omit<HourlyFigures, 'employerChargesAllowanceBp' | 'rules'>): { exact: number; capped: boolean } {
  const minimum = f.minimumWageHourlyCents * (HUNDRED_PERCENT + f.statutoryHolidayAllowanceBp);
  const gap = Math.max(0, minimum * HUNDRED_PERCENT - f.caoWageHourlyCents * (HUNDRED_PERCENT + f.holidayAllowanceBp) * f.wageValueBp);
  const cap = minimum * f.capBp;
  return { exact: Math.min(gap, cap), capped: gap > cap };
}

/**
 * A paid line's hourly figures: the minimum wage for the worker's age and the per-day wage come
 * from the wage row the pay line carries (what was paid), the CAO's holiday allowance from the
 * percentage it was paid with, the statutory holiday allowance and the subsidy's cap and allowance
 * from the rule tables on the day.
 */
function hourlyFiguresOf(line: PayLine, wageValueBp: BasisPoints, rules: RuleBook): HourlyFigures {
  const statutory = holidayAllowanceOn(rules, line.day);
  const subsidy = wageCostSubsidyOn(rules, line.day);
  return {
    minimumWageHourlyCents: line.wage.minimumWage.hourlyCents,
    statutoryHolidayAllowanceBp: statutory.values.minimumBp,
    caoWageHourlyCents: line.wage.hourlyCents,
    holidayAllowanceBp: line.rates.holidayAllowanceBp,
    wageValueBp,
    capBp: subsidy.values.capBp,
    employerChargesAllowanceBp: subsidy.values.employerChargesAllowanceBp,
    rules: [line.wage.minimumWage.rule, refOf(statutory), refOf(subsidy)],
  };
}

interface Group {
  readonly figures: HourlyFigures;
  from: string;
  to: string;
  minutes: number;
}

/**
 * A month's claim under one wage value from the paid lines of the days it covers: the lines'
 * minutes grouped by their hourly figures (one claim line per group, from its first to its last
 * day), each group's subsidy rounded once, plus the employer-charges allowance on their sum.
 */
export function lksClaimOf(paid: readonly PayLine[], wageValueBp: BasisPoints, rules: RuleBook): LksClaimFigures {
  const groups = new Map<string, Group>();
  for (const line of paid) {
    const figures = hourlyFiguresOf(line, wageValueBp, rules);
    const key = JSON.stringify(figures);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, { figures, from: line.day, to: line.day, minutes: line.minutes });
    else {
      group.from = group.from < line.day ? group.from : line.day;
      group.to = group.to > line.day ? group.to : line.day;
      group.minutes += line.minutes;
    }
  }
  const priced = [...groups.values()]
    .sort((a, b) => compareText(a.from, b.from) || compareText(a.to, b.to) || a.figures.caoWageHourlyCents - b.figures.caoWageHourlyCents)
    .map((group) => ({ group, line: claimLineOf(group) }));
  const subsidyCents = priced.reduce((sum, { line }) => sum + line.subsidyCents, 0);
  const employerChargesAllowanceCents = allowanceOf(priced);
  return {
    lines: priced.map(({ line }) => line),
    subsidyCents,
    employerChargesAllowanceCents,
    totalCents: subsidyCents + employerChargesAllowanceCents,
  };
}

function claimLineOf({ figures, from, to, minutes }: Group): LksClaimLine {
  const { employerChargesAllowanceBp: _allowance, capBp: _cap, rules, ...shown } = figures;
  const { exact, capped } = exactHourlySubsidy(figures);
  return {
    from,
    to,
    minutes,
    ...shown,
    subsidyHourlyCents: mulDivRoundHalfUp(exact, 1, EXACT_CENT),
    capped,
    subsidyCents: mulDivRoundHalfUp(exact, minutes, MINUTES_AN_HOUR * EXACT_CENT),
    rules: [...rules],
  };
}

/** The allowance on the summed subsidy; should its percentage change within a month, on each part's sum at its own. */
function allowanceOf(priced: readonly { group: Group; line: LksClaimLine }[]): Cents {
  const byPercentage = new Map<BasisPoints, Cents>();
  for (const { group, line } of priced) {
    const bp = group.figures.employerChargesAllowanceBp;
    byPercentage.set(bp, (byPercentage.get(bp) ?? 0) + line.subsidyCents);
  }
  return [...byPercentage].reduce((sum, [bp, subsidy]) => sum + applyBasisPoints(subsidy, bp), 0);
}

/** The days of a claim month (`2027-03`); anything else is refused. */
export function claimMonthDays(month: string): Period {
  if (!claimMonth.safeParse(month).success) refuse('invalid_month', `"${month}" is not a claim month: write it as YYYY-MM, e.g. 2027-03.`);
  const from = `${month}-01`;
  return { from, to: addDays(addMonths(from, 1), -1) };
}

/** The days of a claim month a decision is in force; undefined when it is in force on none of them. */
export function decisionDaysIn(month: string, { days }: DecisionInForce): Period | undefined {
  const monthDays = claimMonthDays(month);
  if (!overlaps(days, monthDays)) return undefined;
  return { from: laterOf(days.from, monthDays.from), to: days.to !== undefined && days.to < monthDays.to ? days.to : monthDays.to };
}

/** A month's claim under one decision, and the finalized runs whose paid hours it counts. */
export interface MonthClaim extends LksClaimFigures {
  readonly payRunIds: readonly string[];
}

/**
 * The claim of a month under a decision, from what the finalized runs paid the worker on the days of
 * the month the decision is in force (`paidHoursWithin`): a day without a decision gives nothing.
 */
export function monthClaimOf(runs: readonly PaidRun[], month: string, decision: DecisionInForce, rules: RuleBook): MonthClaim {
  const days = decisionDaysIn(month, decision);
  const paid = days === undefined ? { lines: [], payRunIds: [] } : paidHoursWithin(runs, days);
  return { ...lksClaimOf(paid.lines, decision.decision.wageValueBp, rules), payRunIds: paid.payRunIds };
}

/**
 * A month is claimed once its pay is final: the finalized runs reach its last day (runs are finalized
 * in order, so every earlier day is final too). Claiming earlier would claim part of the month.
 */
export function requireMonthPaid(month: string, lastFinalizedDay: LocalDate | undefined): void {
  const { to } = claimMonthDays(month);
  if (lastFinalizedDay === undefined || lastFinalizedDay < to) {
    refuse(
      'month_not_paid',
      `The pay of ${month} is not final: ${lastFinalizedDay === undefined ? 'no pay run is finalized' : `the finalized pay runs reach ${lastFinalizedDay}`}, ` +
        `not ${to}. Finalize the pay runs of the month first.`,
    );
  }
}
