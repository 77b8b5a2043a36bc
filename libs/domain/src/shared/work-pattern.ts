import { z } from 'zod';
import { refuse } from './domain-error.js';
import { requireHours } from './guards.js';
import { contains, daysBetween, mondayOf, WEEKDAYS, type LocalDate, type Period, type Weekday } from './local-date.js';
import { CLOCK_TIME, clockTime } from './event-schema.js';
import type { Hours } from './working-hours.js';

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

/** The hours a week a pattern adds up to. */
export const weeklyHoursOf = (pattern: WorkPattern): Hours => Object.values(pattern).reduce((sum, day) => sum + (day?.hours ?? 0), 0);

/** Minutes after midnight of a clock time 'HH:MM' ('24:00' is 1440). */
export const minutesOfClock = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** A span of clock minutes from the start of a day; `end` beyond 1440 runs into the next day. */
export interface ClockSpan {
  readonly start: number;
  readonly end: number;
}

/**
 * The clock span from `from` to `until`: an `until` not after `from` is on the next day, so 22:00–02:00
 * is four hours and 08:00–08:00 a full day.
 */
export function clockSpan(from: string, until: string): ClockSpan {
  const start = minutesOfClock(from);
  const end = minutesOfClock(until);
  return { start, end: end > start ? end : end + 24 * 60 };
}

/** The span a pattern day is worked in, when its times were agreed. */
export const workedSpanOf = (day: PatternDay | undefined): ClockSpan | undefined =>
  day?.start !== undefined && day.end !== undefined ? clockSpan(day.start, day.end) : undefined;

/**
 * A sound pattern for a placement of `hoursPerWeek`: weekdays by name, each day's hours in quarters
 * from 0 to 24 and, when times are given, both of them and no more hours than they span; the days
 * adding up to the hours a week, since those are what the pay and the hirer's invoice are based on.
 */
export function requireWorkPattern(pattern: WorkPattern, hoursPerWeek: Hours): void {
  for (const [weekday, day] of Object.entries(pattern)) {
    if (!(WEEKDAYS as readonly string[]).includes(weekday)) refuse('invalid_weekday', `"${weekday}" is not a weekday.`);
    if (day !== undefined) requirePatternDay(weekday, day);
  }
  const weekly = weeklyHoursOf(pattern);
  if (weekly !== hoursPerWeek) {
    refuse(
      'pattern_hours_mismatch',
      `The work pattern adds up to ${weekly} h a week, but the placement is for ${hoursPerWeek} h a week; the days must add up to the hours a week.`,
    );
  }
}

function requirePatternDay(weekday: string, day: PatternDay): void {
  requireHours(day.hours, `The hours on ${weekday}`, { allowZero: true, max: 24 });
  if (day.start === undefined && day.end === undefined) return;
  if (day.start === undefined || day.end === undefined) {
    refuse('incomplete_pattern_times', `The pattern gives ${weekday} ${day.start ? 'a start' : 'an end'} time only; give both or neither.`);
  }
  for (const time of [day.start, day.end]) {
    if (!CLOCK_TIME.test(time)) refuse('invalid_time', `"${time}" on ${weekday} is not a clock time (HH:MM, 00:00 to 24:00).`);
  }
  const span = clockSpan(day.start, day.end);
  if (Math.round(day.hours * 60) > span.end - span.start) {
    refuse(
      'pattern_hours_outside_times',
      `${day.hours} h on ${weekday} do not fit between ${day.start} and ${day.end} (${(span.end - span.start) / 60} h).`,
    );
  }
}

/** Whether two patterns (or their absence) agree on every weekday. */
export function samePattern(a: WorkPattern | undefined, b: WorkPattern | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return WEEKDAYS.every((weekday) => {
    const [x, y] = [a[weekday], b[weekday]];
    return x?.hours === y?.hours && x?.start === y?.start && x?.end === y?.end;
  });
}
