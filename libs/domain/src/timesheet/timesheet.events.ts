import { z } from 'zod';
import { clockTime, count, localDate, prose, text, type EventOf, type EventRegistry, type EventsOf } from '../shared/event-schema.js';
import { streamIdFor } from '../shared/stream-id.js';

/**
 * What the hours of a line were: worked as agreed, worked beyond the agreed hours, worked in a
 * CAO time band with a surcharge, not worked through sickness or leave, or worked on a public holiday.
 */
export const HOUR_TYPES = ['normal', 'overtime', 'irregular', 'sick', 'leave', 'public_holiday'] as const;
export type HourType = (typeof HOUR_TYPES)[number];

/** The most lines a week's timesheet holds: several per day, far fewer than this in any real week. */
export const MAX_TIMESHEET_LINES = 70;

/**
 * One stretch of a day: from `start` to `end` ('HH:MM', end after start, '24:00' for midnight; a
 * night shift is two lines, one each side of midnight), minus a break in minutes.
 */
export const timesheetLineSchema = z.object({
  day: localDate,
  start: clockTime,
  end: clockTime,
  breakMinutes: count,
  hourType: z.enum(HOUR_TYPES),
  remark: z.string().min(1).max(500).optional(),
});
export type TimesheetLine = z.infer<typeof timesheetLineSchema>;

const lines = z.array(timesheetLineSchema).max(MAX_TIMESHEET_LINES);

/** An ISO week as `2027-W03`. */
export const isoWeek = z.string().regex(/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/);

/** The hours of one placement in one ISO week. Its id is `<placementId>-<isoWeek>`. */
export const timesheetIdOf = (placementId: string, week: string): string => `${placementId}-${week}`;
export const timesheetStreamId = (timesheetId: string): string => streamIdFor('timesheet', timesheetId);

/** Which placement, worker, hirer and week a sheet is of: on the events that projections file it by. */
const sheetOf = { timesheetId: text, placementId: text, workerId: text, employerId: text, week: isoWeek };

/** Who did it, as the caller's label (`employer:…`, `operator:…`); `onBehalfOf` when an operator acted for the hirer. */
const actor = { by: text, onBehalfOf: text.optional() };

export const timesheetEvents = {
  /** The week's lines as now registered, replacing what was registered before (only before submission). */
  HoursRegistered: { version: 1, data: z.object({ ...sheetOf, lines, by: text }) },
  /** Handed to the hirer for approval. */
  TimesheetSubmitted: { version: 1, data: z.object({ timesheetId: text, by: text }) },
  /**
   * The hirer approved exactly these lines; they are what a pay run pays and the hirer is invoiced for.
   * `approvedVersion` counts the sheet's approvals: 1 for the first, one more after each approved correction.
   */
  TimesheetApproved: { version: 1, data: z.object({ ...sheetOf, lines, approvedVersion: count, ...actor }) },
  TimesheetRejected: { version: 1, data: z.object({ timesheetId: text, reason: prose, ...actor }) },
  /**
   * A pay run paid the lines of the sheet's `approvedVersion`-th approval (1 for the first); from now
   * on only a correction, approved again, changes what is due, and the next run settles the difference.
   */
  TimesheetLocked: { version: 1, data: z.object({ timesheetId: text, payRunId: text, approvedVersion: count }) },
  /** New lines after a rejection, or after approval (also after a lock); they go back to the hirer for approval. */
  TimesheetCorrected: { version: 1, data: z.object({ timesheetId: text, lines, reason: prose, by: text }) },
} as const satisfies EventRegistry;

type Events = typeof timesheetEvents;
export type HoursRegistered = EventOf<Events, 'HoursRegistered'>;
export type TimesheetSubmitted = EventOf<Events, 'TimesheetSubmitted'>;
export type TimesheetApproved = EventOf<Events, 'TimesheetApproved'>;
export type TimesheetRejected = EventOf<Events, 'TimesheetRejected'>;
export type TimesheetLocked = EventOf<Events, 'TimesheetLocked'>;
export type TimesheetCorrected = EventOf<Events, 'TimesheetCorrected'>;
export type TimesheetEvent = EventsOf<Events>;
