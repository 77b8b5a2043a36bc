import type { RuleBook } from '../rules/rule-book.js';
import { refuse } from '../shared/domain-error.js';
import { addDays, contains, daysBetween, type LocalDate, type Period } from '../shared/local-date.js';
import { clockSpan, minutesOfClock } from '../shared/work-pattern.js';
import {
  hoursOf,
  limitsOn,
  reachesInto,
  reachOf,
  requireShiftFits,
  requireWeeksFit,
  type DayLoad,
  type DescribeLoad,
} from '../worker/working-time.js';
import { daysOfIsoWeek } from './iso-week.js';
import type { HourType, TimesheetLine } from './timesheet.events.js';

// The Working Hours Act on the hours actually registered, over all of a worker's timesheets (every
// hirer): the same limits as worker/working-time.ts judges commitments by, plus the daily rest,
// which only registered start and end times can show.

/**
 * A stretch of registered work as the Working Hours Act sees it: one timesheet line, as minutes
 * from the start of its day (end may be 1440 for '24:00'), with its break. Sick and leave lines
 * are not work and are left out by whoever builds these.
 */
export interface RegisteredShift {
  readonly timesheetId: string;
  readonly day: LocalDate;
  readonly startMinute: number;
  readonly endMinute: number;
  readonly breakMinutes: number;
}

const WORK: ReadonlySet<HourType> = new Set(['normal', 'overtime', 'irregular', 'public_holiday']);

/** The work lines of a sheet as shifts; sick and leave lines are not work. */
export const shiftsOf = (timesheetId: string, lines: readonly TimesheetLine[]): RegisteredShift[] =>
  lines
    .filter((line) => WORK.has(line.hourType))
    .map((line) => ({
      timesheetId,
      day: line.day,
      startMinute: minutesOfClock(line.start),
      endMinute: minutesOfClock(line.end),
      breakMinutes: line.breakMinutes,
    }));

/** The days whose registered work can count in a judgement of `week`: 15 weeks either side (every 16-week window holding it). */
export const registeredReachOf = (week: string): Period => reachOf(daysOfIsoWeek(week));

export interface RegisteredTimeCheck {
  readonly birthDate: LocalDate;
  /** Its working-time table gives the limits by age and date. */
  readonly rules: RuleBook;
  /** The ISO week of the sheet whose lines change. */
  readonly week: string;
  /** That sheet's work as it would be. */
  readonly shifts: readonly RegisteredShift[];
  /** The worker's work on other timesheets (every hirer), at least within `registeredReachOf(week)`. */
  readonly otherShifts: readonly RegisteredShift[];
}

const DAY_MINUTES = 24 * 60;
const WEEK_MINUTES = 7 * DAY_MINUTES;

const describe: DescribeLoad = (load) => `${hoursOf(load.others)} h on other timesheets + ${hoursOf(load.own)} h on this timesheet`;

/**
 * Refuses a sheet's work that would break the Working Hours Act over all the worker's registered
 * work, with the worker's age on each day: the hours of a day, of its ISO week and their 4- and
 * 16-week averages, work at night, and the rest between one day's work and the next. Only what
 * touches the sheet's week is judged: the rest was judged when it was registered.
 */
export function requireRegisteredTimeFits(check: RegisteredTimeCheck): void {
  const week = daysOfIsoWeek(check.week);
  const days = dayLoadsIn(check, reachOf(week));
  requireWeeksFit(days, describe);
  for (const day of days) {
    if (contains(week, day.date) && day.limits !== undefined) requireShiftFits(day, day.limits, describe);
  }
  check.shifts.forEach((shift) => requireNoNightWork(shift, check));
  requireDailyRest(check, week);
}

function dayLoadsIn({ shifts, otherShifts, rules, birthDate }: RegisteredTimeCheck, reach: Period): DayLoad[] {
  const own = minutesByDay(shifts);
  const others = minutesByDay(otherShifts);
  const days: DayLoad[] = [];
  for (let date = reach.from; date <= reach.to; date = addDays(date, 1)) {
    const [mine, theirs] = [own.get(date) ?? 0, others.get(date) ?? 0];
    days.push({ date, own: mine, others: theirs, limits: mine + theirs > 0 ? limitsOn(rules, birthDate, date) : undefined });
  }
  return days;
}

/** Worked minutes (breaks left out) by day. */
function minutesByDay(shifts: readonly RegisteredShift[]): Map<LocalDate, number> {
  const byDay = new Map<LocalDate, number>();
  for (const shift of shifts) {
    byDay.set(shift.day, (byDay.get(shift.day) ?? 0) + shift.endMinute - shift.startMinute - shift.breakMinutes);
  }
  return byDay;
}

function requireNoNightWork(shift: RegisteredShift, { rules, birthDate }: RegisteredTimeCheck): void {
  const { band, age } = limitsOn(rules, birthDate, shift.day);
  if (band.night === undefined) return;
  if (!reachesInto({ start: shift.startMinute, end: shift.endMinute }, clockSpan(band.night.from, band.night.until))) return;
  refuse(
    'night_work_not_allowed',
    `On ${shift.day} the worker would work from ${clockOf(shift.startMinute)} to ${clockOf(shift.endMinute)}, ` +
      `but a worker aged ${age} may not work between ${band.night.from} and ${band.night.until} (Working Hours Act).`,
  );
}

/** Work without a pause between: a line ending at 24:00 and one starting at 00:00 the next day are one. */
interface Stretch {
  /** The day it starts on. */
  readonly day: LocalDate;
  /** Minutes since the start of the day before the sheet's week. */
  readonly start: number;
  readonly end: number;
}

/** The rest before a stretch that starts on a later day than the one before it: the daily rest. */
interface Rest {
  readonly after: Stretch;
  readonly before: Stretch;
  readonly minutes: number;
}

/**
 * The rest between the end of one day's work and the start of the next day's, which the Act asks
 * of every 24 hours (art. 5:3): at least the band's `dailyRestHours`, or once in any 7 × 24 hours
 * its `shortenedDailyRestHours`. A band without `dailyRestHours` (a row published before it was
 * modelled) is not checked. Pauses between stretches of one day are breaks, not the daily rest.
 */
function requireDailyRest(check: RegisteredTimeCheck, week: Period): void {
  const origin = addDays(week.from, -1);
  const rests = restsOf(stretchesOf([...check.shifts, ...check.otherShifts], origin));
  const weekStart = DAY_MINUTES;
  const weekEnd = weekStart + WEEK_MINUTES;
  for (const rest of rests) {
    if (rest.after.end > weekEnd || rest.before.start < weekStart) continue;
    requireRestFits(rest, rests, check);
  }
}

/** The worked stretches, in order, as minutes since the start of `origin` (shifts before it have negative minutes). */
function stretchesOf(shifts: readonly RegisteredShift[], origin: LocalDate): Stretch[] {
  const timed = shifts
    .map((shift) => {
      const offset = daysBetween(origin, shift.day) * DAY_MINUTES;
      return { day: shift.day, start: offset + shift.startMinute, end: offset + shift.endMinute };
    })
    .sort((a, b) => a.start - b.start);
  const stretches: Stretch[] = [];
  for (const shift of timed) {
    const last = stretches.at(-1);
    if (last !== undefined && shift.start <= last.end) stretches[stretches.length - 1] = { ...last, end: Math.max(last.end, shift.end) };
    else stretches.push(shift);
  }
  return stretches;
}

function restsOf(stretches: readonly Stretch[]): Rest[] {
  return stretches.flatMap((before, i) => {
    const after = stretches[i - 1];
    return after !== undefined && before.day > after.day ? [{ after, before, minutes: before.start - after.end }] : [];
  });
}

// The limits are those of the worker's age on the day work resumes.
function requireRestFits(rest: Rest, rests: readonly Rest[], { rules, birthDate }: RegisteredTimeCheck): void {
  const { band, age } = limitsOn(rules, birthDate, rest.before.day);
  const { dailyRestHours: full, shortenedDailyRestHours: shortened } = band;
  if (full === undefined || rest.minutes >= full * 60) return;
  const tooShort = `Before work on ${rest.before.day} the worker would rest ${hoursOf(rest.minutes)} h, less than the Working Hours Act's daily rest of ${full} h for a worker aged ${age}`;
  if (shortened === undefined) refuse('daily_rest_too_short', `${tooShort}.`);
  if (rest.minutes < shortened * 60) refuse('daily_rest_too_short', `${tooShort} (or ${shortened} h once in 7 × 24 hours).`);
  const another = rests.find(
    (other) => other !== rest && other.minutes < full * 60 && Math.abs(other.before.start - rest.before.start) < WEEK_MINUTES,
  );
  if (another) {
    refuse(
      'daily_rest_too_short',
      `${tooShort}; it may be ${shortened} h only once in 7 × 24 hours, and the rest before work on ${another.before.day} is shorter too.`,
    );
  }
}

const clockOf = (minute: number): string => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
