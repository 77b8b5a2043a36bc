import { refuse } from '../shared/domain-error.js';
import { CLOCK_TIME } from '../shared/event-schema.js';
import { requireDate } from '../shared/guards.js';
import { contains, formatPeriod, isoWeekOf, type Period } from '../shared/local-date.js';
import { daysOfIsoWeek } from './iso-week.js';
import { minutesOfClock } from '../shared/work-pattern.js';
import { requireRegisteredTimeFits, shiftsOf } from './registered-time.js';
import type { TimesheetFacts } from './timesheet.commands.js';
import { HOUR_TYPES, MAX_TIMESHEET_LINES, type TimesheetLine } from './timesheet.events.js';

/** The minutes a line counts: from start to end, less the break (negative only for a line the decider would refuse). */
export const minutesOfLine = ({ start, end, breakMinutes }: Pick<TimesheetLine, 'start' | 'end' | 'breakMinutes'>): number =>
  minutesOfClock(end) - minutesOfClock(start) - breakMinutes;

/** Which placement, worker, hirer and ISO week a sheet is of. */
export interface TimesheetIdentity {
  readonly timesheetId: string;
  readonly placementId: string;
  readonly workerId: string;
  readonly employerId: string;
  readonly week: string;
}

/**
 * Refuses lines that a sheet cannot hold: a day outside its week, outside the placement's period
 * or during a closure of its site, a line that ends before it starts or whose break is not shorter
 * than it, lines of one day that overlap, and work that breaks the Working Hours Act over all the
 * worker's timesheets.
 */
export function requireLinesFit(lines: readonly TimesheetLine[], sheet: TimesheetIdentity, facts: TimesheetFacts): void {
  requireFactsAbout(sheet, facts);
  if (lines.length > MAX_TIMESHEET_LINES) {
    refuse('too_many_lines', `A week's timesheet holds at most ${MAX_TIMESHEET_LINES} lines, not ${lines.length}.`);
  }
  const week = daysOfIsoWeek(sheet.week);
  for (const line of lines) {
    requireLineShape(line);
    requireDayOpen(line, week, facts);
    requireTimesInOrder(line);
  }
  requireNoOverlap(lines);
  requireRegisteredTimeFits({
    birthDate: facts.worker.birthDate,
    rules: facts.rules,
    week: sheet.week,
    shifts: shiftsOf(sheet.timesheetId, lines),
    otherShifts: facts.otherShifts,
  });
}

// Facts about another placement would be a bug in the handler, not a refusal to explain to a user.
function requireFactsAbout(sheet: TimesheetIdentity, { placement }: TimesheetFacts): void {
  if (placement.placementId !== sheet.placementId || placement.workerId !== sheet.workerId || placement.employerId !== sheet.employerId) {
    throw new Error(
      `Facts about placement ${placement.placementId} (worker ${placement.workerId}, employer ${placement.employerId}) were passed ` +
        `for timesheet ${sheet.timesheetId} of placement ${sheet.placementId} (worker ${sheet.workerId}, employer ${sheet.employerId})`,
    );
  }
}

// The API validates shapes first; this keeps the decider sound whoever calls it.
function requireLineShape({ day, start, end, breakMinutes, hourType }: TimesheetLine): void {
  requireDate(day, 'The day of a line');
  for (const time of [start, end]) {
    if (!CLOCK_TIME.test(time)) refuse('invalid_time', `"${time}" on ${day} is not a clock time (HH:MM, 00:00 to 24:00).`);
  }
  if (!Number.isInteger(breakMinutes) || breakMinutes < 0) {
    refuse('invalid_break', `The break on ${day} must be a whole number of minutes from 0, not ${breakMinutes}.`);
  }
  if (!(HOUR_TYPES as readonly string[]).includes(hourType)) {
    refuse('invalid_hour_type', `"${hourType}" on ${day} is not an hour type (${HOUR_TYPES.join(', ')}).`);
  }
}

function requireDayOpen({ day }: TimesheetLine, week: Period, { placement, closures }: TimesheetFacts): void {
  if (!contains(week, day)) refuse('day_outside_week', `${day} is not in week ${isoWeekOf(week.from)} (${formatPeriod(week)}).`);
  if (!contains(placement.period, day)) {
    refuse(
      'day_outside_placement',
      `${day} is outside placement ${placement.placementId}, which is worked ${formatPeriod(placement.period)}.`,
    );
  }
  const closure = closures.find((c) => contains(c.period, day));
  if (closure)
    refuse('site_closed', `The site is closed ${formatPeriod(closure.period)} (${closure.reason}), so no hours are worked on ${day}.`);
}

function requireTimesInOrder({ day, start, end, breakMinutes }: TimesheetLine): void {
  const span = minutesOfClock(end) - minutesOfClock(start);
  if (span <= 0) {
    refuse(
      'line_ends_before_start',
      `The line on ${day} ends at ${end}, not after its start at ${start}; work past midnight is two lines, one ending at 24:00.`,
    );
  }
  if (breakMinutes >= span) {
    refuse(
      'break_too_long',
      `The break of ${breakMinutes} minutes on ${day} is not shorter than the ${span} minutes from ${start} to ${end}.`,
    );
  }
}

function requireNoOverlap(lines: readonly TimesheetLine[]): void {
  const ordered = [...lines].sort((a, b) => a.day.localeCompare(b.day) || minutesOfClock(a.start) - minutesOfClock(b.start));
  for (const [i, line] of ordered.entries()) {
    const next = ordered[i + 1];
    if (next?.day === line.day && minutesOfClock(next.start) < minutesOfClock(line.end)) {
      refuse('lines_overlap', `On ${line.day} the line ${line.start}–${line.end} overlaps the line ${next.start}–${next.end}.`);
    }
  }
}
