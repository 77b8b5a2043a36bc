import { assertNever, type Decider } from '../shared/decider.js';
import { conflict, notFound, refuse } from '../shared/domain-error.js';
import { requireText } from '../shared/guards.js';
import type {
  ApproveTimesheet,
  CorrectTimesheet,
  LockTimesheet,
  RegisterHours,
  RejectTimesheet,
  TimesheetActor,
  TimesheetCommand,
} from './timesheet.commands.js';
import { timesheetIdOf, type TimesheetEvent, type TimesheetLine } from './timesheet.events.js';
import { daysOfIsoWeek } from './iso-week.js';
import { requireLinesFit, type TimesheetIdentity } from './timesheet-lines.js';

export type { TimesheetIdentity } from './timesheet-lines.js';

/** An approval: the lines the hirer approved, which pay runs pay until a later approval replaces them. */
export interface TimesheetApproval extends TimesheetActor {
  readonly approvedVersion: number;
  readonly lines: readonly TimesheetLine[];
}

export interface TimesheetRejection extends TimesheetActor {
  readonly reason: string;
}

/** The pay run that paid the sheet, and which approval it paid. */
export interface TimesheetLock {
  readonly payRunId: string;
  readonly approvedVersion: number;
}

interface SheetBase extends TimesheetIdentity {
  /** The lines as now registered or corrected; they may await approval (see `approved`). */
  readonly lines: readonly TimesheetLine[];
  /** How many times the sheet was approved: the next approval is version `approvals + 1`. */
  readonly approvals: number;
  /** The last approval: kept while a later correction awaits approval, as it is what pay runs pay. */
  readonly approved?: TimesheetApproval;
  /** The latest lock by a pay run. */
  readonly lock?: TimesheetLock;
  readonly corrections: number;
}

export type DraftTimesheet = SheetBase & { readonly status: 'draft' };
export type SubmittedTimesheet = SheetBase & { readonly status: 'submitted' };
export type ApprovedTimesheet = SheetBase & { readonly status: 'approved'; readonly approved: TimesheetApproval };
export type RejectedTimesheet = SheetBase & { readonly status: 'rejected'; readonly rejection: TimesheetRejection };

export type Timesheet = DraftTimesheet | SubmittedTimesheet | ApprovedTimesheet | RejectedTimesheet;
export type TimesheetState = { readonly status: 'none' } | Timesheet;

export const timesheetDecider: Decider<TimesheetCommand, TimesheetEvent, TimesheetState> = {
  initialState: { status: 'none' },

  evolve(state, event) {
    if (state.status === 'none') {
      // A sheet's history always starts with HoursRegistered.
      if (event.type !== 'HoursRegistered') return state;
      const { by: _by, ...sheet } = event.data;
      return { ...sheet, status: 'draft', approvals: 0, corrections: 0 };
    }
    const sheet = withoutRejection(state);
    switch (event.type) {
      case 'HoursRegistered':
        return { ...sheet, status: 'draft', lines: event.data.lines };
      case 'TimesheetSubmitted':
        return { ...sheet, status: 'submitted' };
      case 'TimesheetApproved': {
        const { approvedVersion, lines, by, onBehalfOf } = event.data;
        const approved = { approvedVersion, lines, by, ...(onBehalfOf === undefined ? {} : { onBehalfOf }) };
        return { ...sheet, status: 'approved', approvals: approvedVersion, approved };
      }
      case 'TimesheetRejected': {
        const { timesheetId: _id, ...rejection } = event.data;
        return { ...sheet, status: 'rejected', rejection };
      }
      case 'TimesheetLocked':
        return { ...state, lock: { payRunId: event.data.payRunId, approvedVersion: event.data.approvedVersion } };
      case 'TimesheetCorrected':
        return { ...sheet, status: 'submitted', lines: event.data.lines, corrections: sheet.corrections + 1 };
      default:
        return assertNever(event);
    }
  },

  decide(command, state) {
    switch (command.type) {
      case 'RegisterHours':
        return register(command, state);
      case 'SubmitTimesheet': {
        const sheet = inStatus(state, 'timesheet_not_draft', 'draft');
        if (sheet.lines.length === 0) refuse('timesheet_empty', `Timesheet ${sheet.timesheetId} has no lines to submit.`);
        return [{ type: 'TimesheetSubmitted', data: { timesheetId: sheet.timesheetId, by: command.by } }];
      }
      case 'ApproveTimesheet':
        return approve(command, inStatus(state, 'timesheet_not_submitted', 'submitted'));
      case 'RejectTimesheet':
        return reject(command, inStatus(state, 'timesheet_not_submitted', 'submitted'));
      case 'CorrectTimesheet':
        return correct(command, inStatus(state, 'timesheet_still_draft', 'submitted', 'rejected', 'approved'));
      case 'LockTimesheet':
        return lock(command, existing(state));
      default:
        return assertNever(command);
    }
  },
};

/** Every state but 'rejected' carries no rejection; leaving one behind would describe a past refusal as current. */
function withoutRejection(sheet: Timesheet): SheetBase {
  if (sheet.status !== 'rejected') return sheet;
  const { rejection: _rejection, ...rest } = sheet;
  return rest;
}

function register(command: RegisterHours, state: TimesheetState): TimesheetEvent[] {
  const sheet = state.status === 'none' ? openedBy(command) : inStatus(state, 'timesheet_not_draft', 'draft');
  if (command.timesheetId !== sheet.timesheetId || command.week !== sheet.week) {
    refuse(
      'timesheet_id_mismatch',
      `Timesheet ${command.timesheetId} is the sheet of placement ${sheet.placementId} in week ${sheet.week}, not of week ${command.week}.`,
    );
  }
  requireLinesFit(command.lines, sheet, command.facts);
  const { timesheetId, placementId, workerId, employerId, week } = sheet;
  return [
    { type: 'HoursRegistered', data: { timesheetId, placementId, workerId, employerId, week, lines: [...command.lines], by: command.by } },
  ];
}

/** The sheet a first registration opens: of the placement the facts are about, in the command's week. */
function openedBy({ timesheetId, week, facts }: RegisterHours): TimesheetIdentity {
  daysOfIsoWeek(week);
  const { placementId, workerId, employerId } = facts.placement;
  if (timesheetId !== timesheetIdOf(placementId, week)) {
    refuse(
      'timesheet_id_mismatch',
      `The hours of placement ${placementId} in week ${week} go on timesheet ${timesheetIdOf(placementId, week)}, not on ${timesheetId}.`,
    );
  }
  return { timesheetId, placementId, workerId, employerId, week };
}

function approve(command: ApproveTimesheet, sheet: SubmittedTimesheet): TimesheetEvent[] {
  const { timesheetId, placementId, workerId, employerId, week, lines } = sheet;
  const approvedVersion = sheet.approvals + 1;
  return [
    {
      type: 'TimesheetApproved',
      data: { timesheetId, placementId, workerId, employerId, week, lines: [...lines], approvedVersion, ...actorOf(command.actor) },
    },
  ];
}

function reject(command: RejectTimesheet, sheet: SubmittedTimesheet): TimesheetEvent[] {
  requireText(command.reason, 'The reason for rejecting');
  return [{ type: 'TimesheetRejected', data: { timesheetId: sheet.timesheetId, reason: command.reason, ...actorOf(command.actor) } }];
}

// Also after approval and a lock: what was paid stays paid (the approval is kept), and the
// corrected lines, once approved, are settled by the next pay run as a difference.
function correct(command: CorrectTimesheet, sheet: SubmittedTimesheet | RejectedTimesheet | ApprovedTimesheet): TimesheetEvent[] {
  requireText(command.reason, 'The reason for the correction');
  requireLinesFit(command.lines, sheet, command.facts);
  return [
    {
      type: 'TimesheetCorrected',
      data: { timesheetId: sheet.timesheetId, lines: [...command.lines], reason: command.reason, by: command.by },
    },
  ];
}

function lock(command: LockTimesheet, sheet: Timesheet): TimesheetEvent[] {
  const { payRunId, approvedVersion } = command;
  if (sheet.approved?.approvedVersion !== approvedVersion) {
    const now = sheet.approved ? `its approval ${sheet.approved.approvedVersion} is what is due now` : 'it has no approval';
    conflict(
      'timesheet_changed_since_pay_run',
      `Pay run ${payRunId} paid approval ${approvedVersion} of timesheet ${sheet.timesheetId}, but ${now}; calculate the run again.`,
    );
  }
  // A pay run that finalizes again (a retry) finds its lock in place.
  if (sheet.lock?.payRunId === payRunId && sheet.lock.approvedVersion === approvedVersion) return [];
  return [{ type: 'TimesheetLocked', data: { timesheetId: sheet.timesheetId, payRunId, approvedVersion } }];
}

const actorOf = ({ by, onBehalfOf }: TimesheetActor): TimesheetActor => (onBehalfOf === undefined ? { by } : { by, onBehalfOf });

function existing(state: TimesheetState): Timesheet {
  if (state.status === 'none') notFound('timesheet_not_found', 'No hours were registered on this timesheet.');
  return state;
}

/** What the sheet is now, for a refusal's message. */
function statusOf(sheet: Timesheet): string {
  switch (sheet.status) {
    case 'draft':
      return 'is a draft, not submitted yet';
    case 'submitted':
      return 'is submitted and awaits approval';
    case 'approved':
      return sheet.lock
        ? `is approved (approval ${sheet.approved.approvedVersion}) and locked by pay run ${sheet.lock.payRunId}`
        : `is approved (approval ${sheet.approved.approvedVersion})`;
    case 'rejected':
      return `was rejected (${sheet.rejection.reason})`;
    default:
      return assertNever(sheet);
  }
}

type StatusCode = 'timesheet_not_draft' | 'timesheet_not_submitted' | 'timesheet_still_draft';

const WHAT_INSTEAD: Record<StatusCode, string> = {
  timesheet_not_draft: 'hours are registered and submitted on a draft only; after that a correction with a reason changes them',
  timesheet_not_submitted: 'only a submitted sheet is approved or rejected',
  timesheet_still_draft: 'a draft is changed by registering its hours again',
};

/**
 * The sheet, when its status allows the command; else a 409, as it is the sheet's state (often
 * changed by someone else a moment before, as with two approvals at once) that stands in the way.
 */
function inStatus<S extends Timesheet['status']>(
  state: TimesheetState,
  code: StatusCode,
  ...allowed: S[]
): Extract<Timesheet, { status: S }> {
  const sheet = existing(state);
  if (!(allowed as readonly string[]).includes(sheet.status))
    conflict(code, `Timesheet ${sheet.timesheetId} ${statusOf(sheet)}: ${WHAT_INSTEAD[code]}.`);
  return sheet as Extract<Timesheet, { status: S }>;
}
