import { workingTimeLimitsOn, type RuleBook } from '../rules/rule-book.js';
import type { WorkingTimeBand } from '../rules/rules.events.js';
import { refuse } from '../shared/domain-error.js';
import { addDays, ageOn, contains, isoWeekOf, mondayOf, overlaps, type LocalDate, type Period } from '../shared/local-date.js';
import {
  clockSpan,
  minutesOnDay,
  patternOrSpread,
  weekdayOf,
  workedSpanOf,
  type ClockSpan,
  type WorkPattern,
} from '../shared/work-pattern.js';
import type { Hours } from '../shared/working-hours.js';

// The Working Hours Act over every hirer a worker works for, day by day: the one place its limits
// are judged, by the worker stream when hours are committed and by a placement before it is confirmed.

/** Hours a worker is committed to: a placement's pattern on the days of its period. */
export interface WorkLoad {
  readonly placementId: string;
  readonly period: Period;
  /** The agreed pattern, or the even Monday–Friday spread of the hours a week. */
  readonly pattern: WorkPattern;
}

export const workLoad = (placementId: string, hoursPerWeek: Hours, pattern: WorkPattern | undefined, period: Period): WorkLoad => ({
  placementId,
  period,
  pattern: patternOrSpread(hoursPerWeek, pattern),
});

export interface WorkingTimeCheck {
  readonly birthDate: LocalDate;
  /** Its working-time table gives the limits by age and date. */
  readonly rules: RuleBook;
  /** The maximum hours a week of the pool contract covering the changed days. */
  readonly contractMaxHoursPerWeek: Hours;
  /** The worker's other commitments, for every hirer; at least those within `reachOf(changed)`. */
  readonly others: readonly WorkLoad[];
  /** The commitment being made, over its whole period. */
  readonly adding: WorkLoad;
  /**
   * The days whose hours change (a new period, or an extension's added days). Only the days, weeks
   * and windows holding one of them are judged: the others lose hours at most, and were judged before.
   */
  readonly changed: Period;
}

const LONGEST_WINDOW_WEEKS = 16;
const DAY_MINUTES = 24 * 60;

/** The days a window of up to 16 ISO weeks holding a day of `period` can reach: 15 weeks either side of its weeks. */
export function reachOf(period: Period): Period {
  const before = LONGEST_WINDOW_WEEKS - 1;
  return { from: addDays(mondayOf(period.from), -7 * before), to: addDays(mondayOf(period.to), 7 * (before + 1) - 1) };
}

/**
 * Refuses a commitment that would break the contract maximum or the Working Hours Act over all the
 * worker's commitments, with the worker's age on each day: the hours of each ISO week, their average
 * over every 4 and every 16 consecutive weeks (weeks without work count as 0 h), the hours of each day,
 * and work at night by the agreed times. A week or window with days of different ages is held to the
 * strictest limits among the days worked in it.
 */
export function requireWorkingTimeFits(check: WorkingTimeCheck): void {
  const days = dayLoadsIn(check, reachOf(check.changed));
  requireWeeksFit(days, split, check.contractMaxHoursPerWeek);
  for (const day of days) {
    if (!contains(check.changed, day.date) || day.limits === undefined) continue;
    requireShiftFits(day, day.limits, split);
    requireNoNightWork(day, day.limits, check.adding);
  }
}

/** Minutes of work: of what is being added or changed (`own`), and of the worker's others. */
export interface Load {
  readonly own: number;
  readonly others: number;
}

/** How a refusal's message splits a load, e.g. "36 h already committed + 24 h for this placement". */
export type DescribeLoad = (load: Load) => string;

export interface Limits {
  readonly band: WorkingTimeBand;
  readonly age: number;
}

export interface DayLoad extends Load {
  readonly date: LocalDate;
  /** The limits for the worker's age that day; only looked up for a day worked. */
  readonly limits?: Limits;
}

/** The limits for a worker born on `birthDate`, on `date`. */
export function limitsOn(rules: RuleBook, birthDate: LocalDate, date: LocalDate): Limits {
  const age = ageOn(birthDate, date);
  return { band: workingTimeLimitsOn(rules, age, date).band, age };
}

/**
 * Judges the weeks and the 4- and 16-week windows holding a changed week: `days` are those of a
 * reach (reachOf), whose changed weeks lie 15 weeks from either end. The contract maximum is judged
 * with the Act's week limit when given.
 */
export function requireWeeksFit(days: readonly DayLoad[], describe: DescribeLoad, contractMaxHours?: Hours): void {
  const weeks = weekLoadsOf(days);
  const changedWeeks = weeks.slice(LONGEST_WINDOW_WEEKS - 1, weeks.length - (LONGEST_WINDOW_WEEKS - 1));
  changedWeeks.forEach((week) => requireWeekFits(week, describe, contractMaxHours));
  AVERAGES.forEach((average) => requireAverageFits(weeks, average, describe));
}

interface WeekLoad extends Load {
  readonly monday: LocalDate;
  /** The bands of the days worked in the week. */
  readonly bands: readonly WorkingTimeBand[];
}

function dayLoadsIn({ adding, others, birthDate, rules }: WorkingTimeCheck, reach: Period): DayLoad[] {
  const near = others.filter((load) => overlaps(load.period, reach));
  const days: DayLoad[] = [];
  for (let date = reach.from; date <= reach.to; date = addDays(date, 1)) {
    const own = minutesOnDay(adding.pattern, adding.period, date);
    const other = near.reduce((sum, load) => sum + minutesOnDay(load.pattern, load.period, date), 0);
    const limits = own + other > 0 ? limitsOn(rules, birthDate, date) : undefined;
    days.push({ date, own, others: other, limits });
  }
  return days;
}

/** The reach's days by ISO week (it starts on a Monday and holds whole weeks). */
function weekLoadsOf(days: readonly DayLoad[]): WeekLoad[] {
  const weeks: WeekLoad[] = [];
  for (let i = 0; i < days.length; i += 7) {
    const week = days.slice(i, i + 7);
    const bands = [...new Set(week.flatMap((day) => (day.limits ? [day.limits.band] : [])))];
    weeks.push({ monday: week[0].date, ...sumOf(week), bands });
  }
  return weeks;
}

const sumOf = (loads: readonly Load[]): Load => ({
  own: loads.reduce((sum, load) => sum + load.own, 0),
  others: loads.reduce((sum, load) => sum + load.others, 0),
});
const totalOf = (load: Load): number => load.own + load.others;

/** The lowest limit that any of the bands sets, with the band setting it; none when no band sets one. */
function strictest(bands: readonly WorkingTimeBand[], limitOf: (band: WorkingTimeBand) => Hours | undefined) {
  let most: { hours: Hours; band: WorkingTimeBand } | undefined;
  for (const band of bands) {
    const hours = limitOf(band);
    if (hours !== undefined && (most === undefined || hours < most.hours)) most = { hours, band };
  }
  return most;
}

function requireWeekFits(week: WeekLoad, describe: DescribeLoad, contractMaxHours?: Hours): void {
  const act = strictest(week.bands, (band) => band.weekHours);
  const limits = [
    ...(act
      ? [
          {
            code: 'working_week_limit_exceeded',
            hours: act.hours,
            text: `the Working Hours Act limit of ${act.hours} h a week for a worker ${agesOf(act.band)}`,
          },
        ]
      : []),
    ...(contractMaxHours === undefined
      ? []
      : [
          {
            code: 'hours_limit_exceeded',
            hours: contractMaxHours,
            text: `the maximum of ${contractMaxHours} h a week in the worker's pool contract`,
          },
        ]),
  ];
  // The lower limit is the one broken first; on a tie the Act is named, as the contract cannot allow more anyway.
  const limit = limits.sort((a, b) => a.hours - b.hours).at(0);
  if (limit === undefined || totalOf(week) <= limit.hours * 60) return;
  refuse(
    limit.code,
    `In week ${isoWeekOf(week.monday)} the worker would work ${hoursOf(totalOf(week))} h a week (${describe(week)}), more than ${limit.text}.`,
  );
}

interface Average {
  readonly weeks: number;
  readonly code: string;
  readonly limitOf: (band: WorkingTimeBand) => Hours | undefined;
}

const AVERAGES: readonly Average[] = [
  { weeks: 4, code: 'four_week_average_exceeded', limitOf: (band) => band.fourWeekAverageHours },
  { weeks: LONGEST_WINDOW_WEEKS, code: 'sixteen_week_average_exceeded', limitOf: (band) => band.sixteenWeekAverageHours },
];

/** Every window of `weeks` consecutive weeks holding a changed week: the first starts that many weeks before the first changed week ends. */
function requireAverageFits(weeks: readonly WeekLoad[], { weeks: size, code, limitOf }: Average, describe: DescribeLoad): void {
  for (let start = LONGEST_WINDOW_WEEKS - size; start <= weeks.length - LONGEST_WINDOW_WEEKS; start++) {
    const window = weeks.slice(start, start + size);
    const limit = strictest(
      window.flatMap((week) => week.bands),
      limitOf,
    );
    const load = sumOf(window);
    if (limit === undefined || totalOf(load) <= limit.hours * size * 60) continue;
    refuse(
      code,
      `From ${isoWeekOf(window[0].monday)} to ${isoWeekOf(window[size - 1].monday)} the worker would work ${hoursOf(totalOf(load))} h (${describe(load)}), ` +
        `an average of ${hoursOf(totalOf(load) / size)} h a week, more than the Working Hours Act's average of ${limit.hours} h a week ` +
        `over ${size} weeks for a worker ${agesOf(limit.band)}.`,
    );
  }
}

export function requireShiftFits(day: DayLoad, { band, age }: Limits, describe: DescribeLoad): void {
  if (totalOf(day) <= band.shiftHours * 60) return;
  refuse(
    'shift_limit_exceeded',
    `On ${day.date} (${isoWeekOf(day.date)}) the worker would work ${hoursOf(totalOf(day))} h (${describe(day)}), ` +
      `more than the Working Hours Act's ${band.shiftHours} h a shift for a worker aged ${age}.`,
  );
}

function requireNoNightWork(day: DayLoad, { band, age }: Limits, adding: WorkLoad): void {
  const patternDay = adding.pattern[weekdayOf(day.date)];
  const worked = workedSpanOf(patternDay);
  if (band.night === undefined || worked === undefined || day.own === 0) return;
  if (!reachesInto(worked, clockSpan(band.night.from, band.night.until))) return;
  refuse(
    'night_work_not_allowed',
    `On ${day.date} placement ${adding.placementId} is worked from ${patternDay?.start} to ${patternDay?.end}, ` +
      `but a worker aged ${age} may not work between ${band.night.from} and ${band.night.until} (Working Hours Act).`,
  );
}

/** Whether the worked span meets the night before, of, or after its day. */
export const reachesInto = (worked: ClockSpan, night: ClockSpan): boolean =>
  [-DAY_MINUTES, 0, DAY_MINUTES].some((shift) => worked.start < night.end + shift && night.start + shift < worked.end);

/** Whole minutes as hours for a message: 7.2, 60, 9.33. */
export const hoursOf = (minutes: number): string => String(Math.round((minutes / 60) * 100) / 100);

const split = (load: Load): string => `${hoursOf(load.others)} h already committed + ${hoursOf(load.own)} h for this placement`;

function agesOf({ minAge, maxAge }: WorkingTimeBand): string {
  if (maxAge === undefined) return `aged ${minAge} or older`;
  if (minAge === 0) return `aged ${maxAge} or younger`;
  return maxAge === minAge ? `aged ${minAge}` : `aged ${minAge} to ${maxAge}`;
}
