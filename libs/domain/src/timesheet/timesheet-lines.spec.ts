import { fold } from '../shared/decider.js';
import { DomainError } from '../shared/domain-error.js';
import { given } from '../shared/given-when-then.js';
import { timesheetDecider } from './timesheet.decider.js';
import { MAX_TIMESHEET_LINES, type TimesheetLine } from './timesheet.events.js';
import { facts, line, MONDAY, register, registered, SATURDAY, SUNDAY, TUESDAY, workWeek } from './timesheet.fixtures.js';

// The rules every line of a sheet keeps, as RegisterHours (and CorrectTimesheet, which uses the same check) applies them.

const accepts = (lines: TimesheetLine[]) =>
  given(timesheetDecider, [])
    .when(register(lines))
    .then([registered(lines)]);
const refuses = (lines: TimesheetLine[], code: string, message?: string) =>
  given(timesheetDecider, []).when(register(lines)).thenRefused(code, { message });

describe('timesheet lines: days', () => {
  it('refuses a day outside the sheet’s ISO week', () =>
    refuses([line('2026-03-09', '09:00', '17:00')], 'day_outside_week', '2026-03-09 is not in week 2026-W10 (2026-03-02 to 2026-03-08)'));

  it('refuses a day outside the placement’s period (it ended on Tuesday)', () =>
    given(timesheetDecider, [])
      .when(register(workWeek, { facts: facts({ placement: { ...facts().placement, period: { from: '2026-01-05', to: TUESDAY } } }) }))
      .thenRefused('day_outside_placement', { message: '2026-03-04 is outside placement p1, which is worked 2026-01-05 to 2026-03-03' }));

  it('refuses a day the site is closed, naming the closure', () =>
    refuses([line(SUNDAY, '09:00', '17:00')], 'site_closed', 'The site is closed 2026-03-08 to 2026-03-08 (Stocktaking)'));

  it('accepts the Saturday before the closure', () => accepts([line(SATURDAY, '09:00', '17:00')]));

  it('refuses a date that is not a calendar date', () => refuses([line('2026-02-30', '09:00', '17:00')], 'invalid_date'));
});

describe('timesheet lines: times', () => {
  it('refuses an end before the start', () =>
    refuses([line(MONDAY, '17:00', '09:00')], 'line_ends_before_start', 'ends at 09:00, not after its start at 17:00'));

  it('refuses an end equal to the start', () => refuses([line(MONDAY, '09:00', '09:00', 0)], 'line_ends_before_start'));

  it('accepts 24:00 as the end of a day', () => accepts([line(MONDAY, '16:00', '24:00')]));

  it('refuses 25:00', () => refuses([line(MONDAY, '09:00', '25:00')], 'invalid_time', '"25:00" on 2026-03-02 is not a clock time'));

  it('refuses a negative break', () => refuses([line(MONDAY, '09:00', '17:00', -15)], 'invalid_break'));

  it('refuses a break as long as the line', () =>
    refuses(
      [line(MONDAY, '09:00', '10:00', 60)],
      'break_too_long',
      'The break of 60 minutes on 2026-03-02 is not shorter than the 60 minutes',
    ));

  it('accepts a break just shorter than the line', () => accepts([line(MONDAY, '09:00', '10:00', 59)]));

  it('refuses lines of one day that overlap', () =>
    refuses(
      [line(MONDAY, '13:00', '17:00'), line(MONDAY, '08:00', '12:00'), line(MONDAY, '09:00', '10:00', 0)],
      'lines_overlap',
      'the line 08:00–12:00 overlaps the line 09:00–10:00',
    ));

  it('accepts a line starting when the one before ends', () =>
    accepts([line(MONDAY, '08:00', '12:00'), line(MONDAY, '12:00', '16:00', 0)]));
});

describe('timesheet lines: the sheet as a whole', () => {
  it(`refuses more than ${MAX_TIMESHEET_LINES} lines`, () =>
    refuses(
      Array.from({ length: MAX_TIMESHEET_LINES + 1 }, (_, i) => line(MONDAY, '00:00', '00:01', 0, i % 2 === 0 ? 'sick' : 'leave')),
      'too_many_lines',
    ));

  it('treats facts about another worker’s placement as a bug of the caller, not a refusal', () => {
    const decide = () =>
      timesheetDecider.decide(
        register(workWeek, { facts: facts({ placement: { ...facts().placement, workerId: 'bram' } }) }),
        fold(timesheetDecider, [registered()]),
        new Date(),
      );
    expect(decide).toThrow('were passed for timesheet p1-2026-W10');
    expect(decide).not.toThrow(DomainError);
  });
});
