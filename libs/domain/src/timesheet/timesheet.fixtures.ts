import { shippedRules } from '../placement/placement-pay.fixtures.js';
import type { LocalDate } from '../shared/local-date.js';
import type { RegisterHours, TimesheetFacts } from './timesheet.commands.js';
import { timesheetIdOf, type HourType, type TimesheetEvent, type TimesheetLine } from './timesheet.events.js';
import { shiftsOf, type RegisteredShift } from './registered-time.js';

// Anna (adult, born 2000-05-10) is placed with Visschedijk (p1) from 5 January to 29 March 2026.
// Her sheet of ISO week 2026-W10 runs from Monday 2 March to Sunday 8 March; the office is closed
// on Sunday 8 March for stocktaking. The rules are the ones the service ships (with the daily rest).

export const WEEK = '2026-W10';
export const MONDAY = '2026-03-02';
export const TUESDAY = '2026-03-03';
export const WEDNESDAY = '2026-03-04';
export const SATURDAY = '2026-03-07';
export const SUNDAY = '2026-03-08';
export const SHEET_ID = timesheetIdOf('p1', WEEK);

export const sheetOf = { timesheetId: SHEET_ID, placementId: 'p1', workerId: 'anna', employerId: 'visschedijk', week: WEEK } as const;

/** A line of work from `start` to `end` with a half-hour break (a normal hour type unless given). */
export const line = (day: LocalDate, start: string, end: string, breakMinutes = 30, hourType: HourType = 'normal'): TimesheetLine => ({
  day,
  start,
  end,
  breakMinutes,
  hourType,
});

/** Monday to Friday of week 2026-W10, 09:00–17:30 with a half-hour break: 8 h a day, 40 h. */
export const workWeek: TimesheetLine[] = ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06'].map((day) =>
  line(day, '09:00', '17:30'),
);

export const facts = (overrides: Partial<TimesheetFacts> = {}): TimesheetFacts => ({
  placement: { placementId: 'p1', workerId: 'anna', employerId: 'visschedijk', period: { from: '2026-01-05', to: '2026-03-29' } },
  closures: [{ period: { from: SUNDAY, to: SUNDAY }, reason: 'Stocktaking' }],
  worker: { birthDate: '2000-05-10' },
  otherShifts: [],
  rules: shippedRules,
  ...overrides,
});

/** Anna's work at another hirer (De Waarbeek, placement p0) in some week, as the application reads it. */
export const elsewhere = (week: string, ...lines: TimesheetLine[]): RegisteredShift[] => shiftsOf(timesheetIdOf('p0', week), lines);

export const register = (lines: readonly TimesheetLine[], overrides: Partial<RegisterHours> = {}): RegisterHours => ({
  type: 'RegisterHours',
  timesheetId: SHEET_ID,
  week: WEEK,
  lines,
  by: 'employer:visschedijk',
  facts: facts(),
  ...overrides,
});

export const registered = (lines: readonly TimesheetLine[] = workWeek): TimesheetEvent => ({
  type: 'HoursRegistered',
  data: { ...sheetOf, lines: [...lines], by: 'employer:visschedijk' },
});
export const submitted: TimesheetEvent = { type: 'TimesheetSubmitted', data: { timesheetId: SHEET_ID, by: 'employer:visschedijk' } };
export const approved = (approvedVersion = 1, lines: readonly TimesheetLine[] = workWeek): TimesheetEvent => ({
  type: 'TimesheetApproved',
  data: { ...sheetOf, lines: [...lines], approvedVersion, by: 'employer:visschedijk' },
});
export const rejected: TimesheetEvent = {
  type: 'TimesheetRejected',
  data: { timesheetId: SHEET_ID, reason: 'Friday was a day off', by: 'employer:visschedijk' },
};
export const corrected = (lines: readonly TimesheetLine[], reason = 'Friday was a day off'): TimesheetEvent => ({
  type: 'TimesheetCorrected',
  data: { timesheetId: SHEET_ID, lines: [...lines], reason, by: 'operator:olga' },
});
export const locked = (payRunId: string, approvedVersion = 1): TimesheetEvent => ({
  type: 'TimesheetLocked',
  data: { timesheetId: SHEET_ID, payRunId, approvedVersion },
});
