import type { Period } from '../shared/local-date.js';
import type { RuleBook } from '../rules/rule-book.js';
import type { TimesheetLine } from './timesheet.events.js';
import type { RegisteredShift } from './registered-time.js';

/** Who acts: the caller's label, and the employer an operator acts for (absent when the hirer itself acts). */
export interface TimesheetActor {
  readonly by: string;
  readonly onBehalfOf?: string;
}

/** What registering or correcting hours is checked against, read from other streams by the application. */
export interface TimesheetFacts {
  readonly placement: {
    readonly placementId: string;
    readonly workerId: string;
    readonly employerId: string;
    /** The days it is worked: confirmed and not withdrawn (an early end shortens it). */
    readonly period: Period;
  };
  /** The closures of the placement's site. */
  readonly closures: readonly { readonly period: Period; readonly reason: string }[];
  readonly worker: { readonly birthDate: string };
  /** The worker's registered shifts on other timesheets (every hirer) within reach of this week (registered-time.ts). */
  readonly otherShifts: readonly RegisteredShift[];
  readonly rules: RuleBook;
}

/** Registers (replaces) the week's lines before submission; the first registration opens the sheet. */
export interface RegisterHours {
  readonly type: 'RegisterHours';
  readonly timesheetId: string;
  readonly week: string;
  readonly lines: readonly TimesheetLine[];
  readonly by: string;
  readonly facts: TimesheetFacts;
}

export interface SubmitTimesheet {
  readonly type: 'SubmitTimesheet';
  readonly by: string;
}

/** Only the placement's own hirer, or an operator on its behalf (checked by the application, recorded here). */
export interface ApproveTimesheet {
  readonly type: 'ApproveTimesheet';
  readonly actor: TimesheetActor;
}

export interface RejectTimesheet {
  readonly type: 'RejectTimesheet';
  readonly actor: TimesheetActor;
  readonly reason: string;
}

export interface CorrectTimesheet {
  readonly type: 'CorrectTimesheet';
  readonly lines: readonly TimesheetLine[];
  readonly reason: string;
  readonly by: string;
  readonly facts: TimesheetFacts;
}

/** A pay run paid the lines of the sheet's `approvedVersion`-th approval; refused (409) when a later approval replaced them. */
export interface LockTimesheet {
  readonly type: 'LockTimesheet';
  readonly payRunId: string;
  readonly approvedVersion: number;
}

export type TimesheetCommand = RegisterHours | SubmitTimesheet | ApproveTimesheet | RejectTimesheet | CorrectTimesheet | LockTimesheet;
