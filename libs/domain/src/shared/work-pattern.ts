import { z } from 'zod';
import { addDays, contains, daysBetween, laterOf, mondayOf, WEEKDAYS, type LocalDate, type Period, type Weekday } from './local-date.js';
import type { Hours } from './working-hours.js';

const clockTime = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/);

/** One weekday of a work pattern: the hours worked, and (when agreed) from when to when. */
export const patternDaySchema = z.object({
  hours: z.number().min(0).max(24),
  start: clockTime.optional(),
  end: clockTime.optional(),
});
export type PatternDay = z.infer<typeof patternDaySchema>;

/** The hours a placement takes on each weekday; a weekday that is absent is not worked. */
export const workPatternSchema = z.partialRecord(z.enum(WEEKDAYS), patternDaySchema);
export type WorkPattern = z.infer<typeof workPatternSchema>;

const WORKDAYS: readonly Weekday[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'];

/**
 * The pattern a commitment is worked by: its own, or (when none was agreed) the weekly hours spread
 * evenly over Monday to Friday. Quarter hours divided by five are whole minutes, so the spread is exact
 * in minutes; it is what the pool assumes for a placement whose days were never stated.
 */
export function patternOrSpread(hoursPerWeek: Hours, pattern: WorkPattern | undefined): WorkPattern {
  if (pattern !== undefined) return pattern;
  return Object.fromEntries(WORKDAYS.map((day) => [day, { hours: hoursPerWeek / WORKDAYS.length }]));
}

/** The weekday of a date. */
export function weekdayOf(date: LocalDate): Weekday {
  return WEEKDAYS[daysBetween(mondayOf(date), date)];
}

// Sums are kept in whole minutes: an even spread of 36 h is 7.2 h a day, which floats cannot add exactly.
const minutesOf = (day: PatternDay | undefined): number => Math.round((day?.hours ?? 0) * 60);

/** Minutes a pattern works on a date inside `period` (0 outside it or on a day off). */
export function minutesOnDay(pattern: WorkPattern, period: Period, date: LocalDate): number {
  return contains(period, date) ? minutesOf(pattern[weekdayOf(date)]) : 0;
}

/** Minutes a pattern works on the days of `window` that lie inside `period`. */
export function minutesWithin(pattern: WorkPattern, period: Period, window: Period): number {
  let total = 0;
  for (let day = laterOf(window.from, period.from); day <= window.to && day <= period.to; day = addDays(day, 1)) {
    total += minutesOf(pattern[weekdayOf(day)]);
  }
  return total;
}

/** Hours a pattern works on the days of `window` inside `period` (from whole minutes). */
export const hoursWithin = (pattern: WorkPattern, period: Period, window: Period): Hours => minutesWithin(pattern, period, window) / 60;

/** The hours a week a pattern adds up to. */
export const weeklyHoursOf = (pattern: WorkPattern): Hours => Object.values(pattern).reduce((sum, day) => sum + (day?.hours ?? 0), 0);
