import { minimumWageOn, refOf } from '../rules/rule-book.js';
import { addDays, daysBetween, isoWeekOf, laterOf, weekStartsIn, type LocalDate, type Period } from '../shared/local-date.js';
import type { PoolContract } from '../worker/worker.state.js';
import { accruedLeave, compareText, exactWage, fastMulDivRoundHalfUp, roundedComponents, type PayContext } from './pay-line.js';
import type { PayLine, TopUpLine } from './pay-run.events.js';

/** Monday to Friday: a week's first five days, each a fifth of the guarantee. */
const WORKDAYS_A_WEEK = 5;

/**
 * The pool's top-ups to the guaranteed hours of the worker's contracts, for each ISO week of
 * `period` (for a week split by the period's edge, its part inside): the guarantee pro rata to the
 * weekdays of the week inside the period and the contract (a fifth each), less the minutes paid on
 * the days of that part, whatever their hour type. Weekend days do not add to the guarantee, but
 * hours worked on them do count as paid.
 */
export function topUpsOf(context: PayContext, contracts: readonly PoolContract[], period: Period, lines: readonly PayLine[]): TopUpLine[] {
  return contracts
    .filter((contract) => contract.terms.guaranteedHoursPerWeek > 0)
    .flatMap((contract) => {
      const window = overlapOf(period, contractPeriod(contract));
      return window === undefined ? [] : weekPartsOf(window).flatMap((part) => topUpOfWeek(context, contract, part, lines) ?? []);
    })
    .sort((a, b) => compareText(a.from, b.from) || compareText(a.contractId, b.contractId));
}

/** The days of one ISO week inside a window, and how many of them are Monday to Friday. */
interface WeekPart extends Period {
  readonly monday: LocalDate;
  readonly weekdays: number;
}

// Only a window's first and last week can be partial, so only their edges need counting.
function weekPartsOf(window: Period): WeekPart[] {
  const mondays = weekStartsIn(window);
  return mondays.map((monday, i) => {
    const next = mondays[i + 1];
    const from = i === 0 ? window.from : monday;
    const to = next === undefined ? window.to : addDays(next, -1);
    const [first, last] = [i === 0 ? daysBetween(monday, from) : 0, next === undefined ? daysBetween(monday, to) : 6];
    return { monday, from, to, weekdays: Math.max(0, Math.min(last + 1, WORKDAYS_A_WEEK) - first) };
  });
}

/** The top-up of one week's days, valued at the minimum wage for the worker's age on its first weekday; undefined when none is due. */
function topUpOfWeek(context: PayContext, contract: PoolContract, part: WeekPart, lines: readonly PayLine[]): TopUpLine | undefined {
  if (part.weekdays === 0) return undefined;
  const guaranteedMinutes = fastMulDivRoundHalfUp(Math.round(contract.terms.guaranteedHoursPerWeek * 60), part.weekdays, WORKDAYS_A_WEEK);
  const paid = lines.reduce((sum, line) => (line.day >= part.from && line.day <= part.to ? sum + line.minutes : sum), 0);
  const minutes = guaranteedMinutes - paid;
  if (minutes <= 0) return undefined;
  // A part with a weekday starts on one: the week's first day in the window is a weekend day only when it has none.
  const minimumWage = minimumWageOn(context.rules, context.birthDate, part.from);
  const { holidayAllowance, sickPayAndLeave } = context.rulesOn(part.from);
  // The pool pays the top-up as employer itself: no hirer's CAO, so the statutory holiday allowance and no pension.
  const rates = { holidayAllowanceBp: holidayAllowance.values.minimumBp, pensionEmployeeBp: 0, pensionEmployerBp: 0 };
  return {
    week: isoWeekOf(part.monday),
    from: part.from,
    to: part.to,
    contractId: contract.contractId,
    guaranteedMinutes,
    paidMinutes: paid,
    minutes,
    hourlyCents: minimumWage.hourlyCents,
    minimumWage: minimumWage.rule,
    amounts: roundedComponents({ wage: exactWage(minutes, minimumWage.hourlyCents), surcharge: 0 }, rates),
    leaveAccruedMinutes: accruedLeave(minutes, sickPayAndLeave.values.leaveAccrualBp),
    rules: [refOf(holidayAllowance), refOf(sickPayAndLeave)],
  };
}

/** The days a contract runs: to its last day when it was ended early; an indefinite one has no end. */
const contractPeriod = ({ terms, lastDay }: PoolContract): { from: LocalDate; to?: LocalDate } => ({
  from: terms.from,
  to: lastDay ?? (terms.kind === 'fixed_term' ? terms.to : undefined),
});

function overlapOf(period: Period, other: { from: LocalDate; to?: LocalDate }): Period | undefined {
  const overlap = { from: laterOf(period.from, other.from), to: other.to === undefined ? period.to : earlierOf(period.to, other.to) };
  return overlap.from <= overlap.to ? overlap : undefined;
}

const earlierOf = (a: LocalDate, b: LocalDate): LocalDate => (a <= b ? a : b);
