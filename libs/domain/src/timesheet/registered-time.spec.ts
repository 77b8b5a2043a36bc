import { given } from '../shared/given-when-then.js';
import { addDays, isoWeekOf, type LocalDate } from '../shared/local-date.js';
import type { RegisteredShift } from './registered-time.js';
import { registeredReachOf, shiftsOf } from './registered-time.js';
import { timesheetDecider } from './timesheet.decider.js';
import type { TimesheetLine } from './timesheet.events.js';
import { elsewhere, facts, line, MONDAY, register, registered, TUESDAY, WEDNESDAY } from './timesheet.fixtures.js';

// The Working Hours Act on registered hours, over all of Anna's timesheets (every hirer). Her sheet
// is of week 2026-W10 (Monday 2 March); her work elsewhere is on sheets of placement p0.

/** `days` days from `monday`, each from `start` to `end` with a half-hour break. */
const days = (monday: LocalDate, count: number, start: string, end: string): TimesheetLine[] =>
  Array.from({ length: count }, (_, i) => line(addDays(monday, i), start, end));
/** Work at the other hirer in the `weeksBefore`-th week before 2026-W10, `count` days of `start`–`end`. */
const weekBefore = (weeksBefore: number, count: number, start: string, end: string): RegisteredShift[] => {
  const monday = addDays(MONDAY, -7 * weeksBefore);
  return elsewhere(isoWeekOf(monday), ...days(monday, count, start, end));
};

const accepts = (lines: TimesheetLine[], otherShifts: RegisteredShift[] = [], birthDate = '2000-05-10') =>
  given(timesheetDecider, [])
    .when(register(lines, { facts: facts({ otherShifts, worker: { birthDate } }) }))
    .then([registered(lines)]);
const refuses = (lines: TimesheetLine[], code: string, message: string, otherShifts: RegisteredShift[] = [], birthDate = '2000-05-10') =>
  given(timesheetDecider, [])
    .when(register(lines, { facts: facts({ otherShifts, worker: { birthDate } }) }))
    .thenRefused(code, { message });

/** Bram turned 17 on 1 February 2026. */
const BRAM = '2009-02-01';

describe('registered hours: a shift (a day’s work over all sheets)', () => {
  it('accepts 12 h', () => accepts([line(MONDAY, '06:00', '18:30')]));

  it('refuses 12.5 h', () =>
    refuses(
      [line(MONDAY, '06:00', '19:00')],
      'shift_limit_exceeded',
      "On 2026-03-02 (2026-W10) the worker would work 12.5 h (0 h on other timesheets + 12.5 h on this timesheet), more than the Working Hours Act's 12 h a shift for a worker aged 25.",
    ));

  it('adds up the sheets of two hirers on one day', () =>
    refuses(
      [line(MONDAY, '15:00', '22:00', 0)],
      'shift_limit_exceeded',
      '13 h (6 h on other timesheets + 7 h on this timesheet)',
      elsewhere('2026-W10', line(MONDAY, '08:00', '14:00', 0)),
    ));

  it('does not count sick and leave lines as work', () =>
    accepts([line(MONDAY, '06:00', '20:00', 0, 'sick'), line(TUESDAY, '06:00', '20:00', 0, 'leave')]));

  it('holds a 17-year-old to 9 h', () => refuses([line(MONDAY, '08:00', '18:00')], 'shift_limit_exceeded', 'would work 9.5 h', [], BRAM));

  it('judges only the sheet’s week: a long day elsewhere in another week was judged when it was registered', () =>
    accepts([line(MONDAY, '09:00', '17:30')], weekBefore(2, 1, '05:00', '20:00')));
});

describe('registered hours: the daily rest', () => {
  it('refuses 7 h between the end of Monday’s work and the start of Tuesday’s', () =>
    refuses(
      [line(MONDAY, '14:00', '24:00'), line(TUESDAY, '07:00', '15:00')],
      'daily_rest_too_short',
      "Before work on 2026-03-03 the worker would rest 7 h, less than the Working Hours Act's daily rest of 11 h for a worker aged 25 (or 8 h once in 7 × 24 hours).",
    ));

  it('accepts a rest shortened to 8 h once', () => accepts([line(MONDAY, '14:00', '23:00'), line(TUESDAY, '07:00', '15:00')]));

  it('refuses a second shortened rest within 7 × 24 hours', () =>
    refuses(
      [
        line(MONDAY, '14:00', '23:00'),
        line(TUESDAY, '07:00', '15:00'),
        line(WEDNESDAY, '14:00', '23:00'),
        line('2026-03-05', '07:00', '15:00'),
      ],
      'daily_rest_too_short',
      "Before work on 2026-03-03 the worker would rest 8 h, less than the Working Hours Act's daily rest of 11 h for a worker aged 25; " +
        'it may be 8 h only once in 7 × 24 hours, and the rest before work on 2026-03-05 is shorter too.',
    ));

  it('counts the rest from work at another hirer, also across the start of the week', () =>
    refuses(
      [line(MONDAY, '06:00', '14:00')],
      'daily_rest_too_short',
      'Before work on 2026-03-02 the worker would rest 6 h',
      elsewhere('2026-W09', line('2026-03-01', '16:00', '24:00')),
    ));

  it('sees a night shift split at midnight as one stretch of work, not a rest of 0 h', () =>
    accepts([line(MONDAY, '22:00', '24:00', 0), line(TUESDAY, '00:00', '06:00'), line(WEDNESDAY, '06:00', '14:00')]));

  it('holds a 17-year-old to 12 h, never shortened', () =>
    refuses(
      [line(MONDAY, '12:00', '21:00', 60), line(TUESDAY, '08:00', '16:00')],
      'daily_rest_too_short',
      "rest 11 h, less than the Working Hours Act's daily rest of 12 h for a worker aged 17.",
      [],
      BRAM,
    ));
});

describe('registered hours: the week and its averages', () => {
  it('accepts 60 h in a week', () => accepts(days(MONDAY, 6, '07:00', '17:30')));

  it('refuses 66 h in a week', () =>
    refuses(
      days(MONDAY, 6, '07:00', '18:30'),
      'working_week_limit_exceeded',
      'In week 2026-W10 the worker would work 66 h a week (0 h on other timesheets + 66 h on this timesheet), more than the Working Hours Act limit of 60 h a week for a worker aged 18 or older.',
    ));

  it('adds up the week over two hirers', () =>
    refuses(
      days(MONDAY, 3, '07:00', '17:30'),
      'working_week_limit_exceeded',
      '62 h a week (32 h on other timesheets + 30 h on this timesheet)',
      elsewhere('2026-W10', ...days('2026-03-05', 3, '07:00', '18:10')),
    ));

  it('refuses 58 h a week over four weeks: 55 h on average', () =>
    refuses(
      days(MONDAY, 6, '07:00', '17:10'),
      'four_week_average_exceeded',
      "From 2026-W07 to 2026-W10 the worker would work 232 h (174 h on other timesheets + 58 h on this timesheet), an average of 58 h a week, more than the Working Hours Act's average of 55 h a week over 4 weeks",
      [1, 2, 3].flatMap((weeksBefore) => weekBefore(weeksBefore, 6, '07:00', '17:10')),
    ));

  it('refuses 50 h a week over sixteen weeks: 48 h on average', () =>
    refuses(
      days(MONDAY, 5, '07:00', '17:30'),
      'sixteen_week_average_exceeded',
      'From 2025-W47 to 2026-W10 the worker would work 800 h (750 h on other timesheets + 50 h on this timesheet), an average of 50 h a week',
      Array.from({ length: 15 }, (_, i) => weekBefore(i + 1, 5, '07:00', '17:30')).flat(),
    ));

  it('holds a 17-year-old to 45 h a week', () =>
    refuses(days(MONDAY, 6, '08:00', '16:30'), 'working_week_limit_exceeded', '48 h a week', [], BRAM));
});

describe('registered hours: night work', () => {
  it('refuses a 17-year-old working after 23:00', () =>
    refuses(
      [line(MONDAY, '17:00', '23:30')],
      'night_work_not_allowed',
      'On 2026-03-02 the worker would work from 17:00 to 23:30, but a worker aged 17 may not work between 23:00 and 06:00 (Working Hours Act).',
      [],
      BRAM,
    ));

  it('accepts a 17-year-old working until 23:00', () => accepts([line(MONDAY, '14:00', '23:00', 60)], [], BRAM));

  it('lets an adult work at night', () => accepts([line(MONDAY, '22:00', '24:00', 0), line(TUESDAY, '00:00', '06:00')]));
});

describe('registered hours: what the application loads', () => {
  it('reaches 15 weeks either side of the week', () =>
    expect(registeredReachOf('2026-W10')).toEqual({ from: '2025-11-17', to: '2026-06-21' }));

  it('turns only work lines into shifts', () =>
    expect(
      shiftsOf('p1-2026-W10', [
        line(MONDAY, '09:00', '24:00', 45, 'overtime'),
        line(TUESDAY, '09:00', '17:00', 0, 'sick'),
        line(WEDNESDAY, '09:00', '17:00', 0, 'leave'),
      ]),
    ).toEqual([{ timesheetId: 'p1-2026-W10', day: MONDAY, startMinute: 540, endMinute: 1440, breakMinutes: 45 }]));
});
