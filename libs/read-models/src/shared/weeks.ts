import { addDays, isoWeekOf, mondayOf, toEpochDay, type LocalDate, type Period } from '@banenpool/domain';

/**
 * Weeks as the read models count them: ISO weeks (Monday to Sunday), labelled 'YYYY-Www' and keyed
 * by their Monday. Like the domain (`committedHoursIn`), a weekly amount of hours counts in full
 * in every ISO week its period touches: without a roster nobody knows on which days of a partial
 * week the hours fall.
 */
export interface Week {
  /** 'YYYY-Www' */
  readonly week: string;
  /** The Monday that starts it. */
  readonly weekStart: LocalDate;
}

const ISO_WEEK = /^([1-9]\d{3})-W(\d{2})$/;
const QUARTER = /^([1-9]\d{3})-Q([1-4])$/;

/** The Monday of an ISO week 'YYYY-Www', or undefined when there is no such week (2025-W53). */
export function mondayOfIsoWeek(week: string): LocalDate | undefined {
  const match = ISO_WEEK.exec(week);
  if (!match) return undefined;
  const number = Number(match[2]);
  if (number < 1 || number > 53) return undefined;
  // 4 January always lies in week 1.
  const monday = addDays(mondayOf(`${match[1]}-01-04`), (number - 1) * 7);
  return isoWeekOf(monday) === week ? monday : undefined;
}

export const isIsoWeek = (value: unknown): value is string => typeof value === 'string' && mondayOfIsoWeek(value) !== undefined;

/**
 * The most weeks a read model materializes for one period (10 years). The domain gives periods no
 * maximum length; a longer one is a data error, and writing a row for each of its weeks would
 * flood the read models, so its weeks after the first ten years are left out.
 */
export const MAX_WEEKS_PER_PERIOD = 522;

/** Every ISO week that a period touches, first to last (at most MAX_WEEKS_PER_PERIOD of them). */
export function weeksOf(period: Period): Week[] {
  const first = mondayOf(period.from);
  return Array.from({ length: weekCountOf(period) }, (_, i) => {
    const weekStart = addDays(first, 7 * i);
    return { week: isoWeekOf(weekStart), weekStart };
  });
}

/** How many weeks `weeksOf` gives for a period, without making them. */
export function weekCountOf({ from, to }: Period): number {
  const [first, last] = [toEpochDay(mondayOf(from)), toEpochDay(to)];
  return last < first ? 0 : Math.min(MAX_WEEKS_PER_PERIOD, Math.floor((last - first) / 7) + 1);
}

/** The days of the week that starts on `weekStart`. */
export const daysOfWeek = (weekStart: LocalDate): Period => ({ from: weekStart, to: addDays(weekStart, 6) });

/**
 * The calendar quarter an ISO week belongs to, 'YYYY-Qn': the quarter of its Thursday, the same
 * rule that gives an ISO week its year. A week is never split between quarters.
 */
export function quarterOfWeek(weekStart: LocalDate): string {
  const thursday = addDays(weekStart, 3);
  return `${thursday.slice(0, 4)}-Q${Math.floor((Number(thursday.slice(5, 7)) - 1) / 3) + 1}`;
}

export const isQuarter = (value: unknown): value is string => typeof value === 'string' && QUARTER.test(value);

/** The ISO weeks of a quarter (12 to 14 of them: as many as it has Thursdays), by the Thursday rule. */
export function weeksOfQuarter(quarter: string): Week[] {
  const match = QUARTER.exec(quarter);
  if (!match) throw new RangeError(`Not a quarter: ${quarter}`);
  const firstMonth = (Number(match[2]) - 1) * 3 + 1;
  const from = `${match[1]}-${String(firstMonth).padStart(2, '0')}-01`;
  const to = addDays(firstMonth === 10 ? `${Number(match[1]) + 1}-01-01` : `${match[1]}-${String(firstMonth + 3).padStart(2, '0')}-01`, -1);
  return weeksOf({ from, to }).filter((w) => quarterOfWeek(w.weekStart) === quarter);
}
