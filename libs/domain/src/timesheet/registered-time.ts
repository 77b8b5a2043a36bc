import type { LocalDate } from '../shared/local-date.js';

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
