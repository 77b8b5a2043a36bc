import { refuse } from '../shared/domain-error.js';
import { addDays, addMonths, mondayOf } from '../shared/local-date.js';
import type { PayPeriod, PayPeriodKind } from './pay-run.events.js';

/** Thirteen four-week periods a year; the thirteenth also takes week 53 in a year that has one. */
export const FOUR_WEEK_PERIODS_A_YEAR = 13;
const MONTHS_A_YEAR = 12;
const DAYS_IN_FOUR_WEEKS = 28;

const FORMS: { readonly [K in PayPeriodKind]: { readonly pattern: RegExp; readonly example: string; readonly count: number } } = {
  four_weeks: { pattern: /^([1-9]\d{3})-P(\d{2})$/, example: '2027-P03', count: FOUR_WEEK_PERIODS_A_YEAR },
  month: { pattern: /^([1-9]\d{3})-(\d{2})$/, example: '2027-03', count: MONTHS_A_YEAR },
};

/**
 * The period an id names, in the pool's kind of period: `2027-P03` is ISO weeks 9–12 of 2027,
 * `2027-03` is March 2027. An id of the other kind, or a number out of range, is refused.
 */
export function payPeriodOf(id: string, kind: PayPeriodKind): PayPeriod {
  const { year, number } = numbered(id, kind);
  return periodNumbered(year, number, kind);
}

/** Every pay period of a year, in order (for four-week periods: of the ISO year). */
export function payPeriodsOf(year: number, kind: PayPeriodKind): PayPeriod[] {
  return Array.from({ length: FORMS[kind].count }, (_, i) => periodNumbered(year, i + 1, kind));
}

/** The period after `period`: the first of the next year after the last of a year. */
export function nextPayPeriod(period: PayPeriod): PayPeriod {
  const { year, number } = numbered(period.id, period.kind);
  return number === FORMS[period.kind].count ? periodNumbered(year + 1, 1, period.kind) : periodNumbered(year, number + 1, period.kind);
}

function numbered(id: string, kind: PayPeriodKind): { year: number; number: number } {
  const { pattern, example, count } = FORMS[kind];
  const match = typeof id === 'string' ? pattern.exec(id) : null;
  const number = Number(match?.[2]);
  if (match === null || number < 1 || number > count) {
    refuse(
      'invalid_pay_period',
      `"${id}" is not a pay period of this pool: it pays ${kind === 'month' ? 'by calendar month' : 'every four weeks'}, ` +
        `so a period is written like ${example} (1 to ${count}).`,
    );
  }
  return { year: Number(match[1]), number };
}

function periodNumbered(year: number, number: number, kind: PayPeriodKind): PayPeriod {
  const nn = String(number).padStart(2, '0');
  if (kind === 'month') {
    const from = `${year}-${nn}-01`;
    return { id: `${year}-${nn}`, kind, from, to: addDays(addMonths(from, 1), -1) };
  }
  const from = addDays(firstMondayOfIsoYear(year), (number - 1) * DAYS_IN_FOUR_WEEKS);
  const to = number === FOUR_WEEK_PERIODS_A_YEAR ? addDays(firstMondayOfIsoYear(year + 1), -1) : addDays(from, DAYS_IN_FOUR_WEEKS - 1);
  return { id: `${year}-P${nn}`, kind, from, to };
}

// ISO week 1 is the week holding 4 January.
const firstMondayOfIsoYear = (year: number) => mondayOf(`${year}-01-04`);
