import { fold } from '../shared/decider.js';
import { given } from '../shared/given-when-then.js';
import type { ApproveTimesheet, CorrectTimesheet, LockTimesheet, RejectTimesheet } from './timesheet.commands.js';
import { timesheetDecider } from './timesheet.decider.js';
import {
  approved,
  corrected,
  facts,
  line,
  locked,
  register,
  registered,
  rejected,
  sheetOf,
  submitted,
  workWeek,
} from './timesheet.fixtures.js';

const hirer = { by: 'employer:visschedijk' };
const approve = (actor: ApproveTimesheet['actor'] = hirer): ApproveTimesheet => ({ type: 'ApproveTimesheet', actor });
const reject = (reason = 'Friday was a day off'): RejectTimesheet => ({ type: 'RejectTimesheet', actor: hirer, reason });
const correct = (lines = fourDays, reason = 'Friday was a day off'): CorrectTimesheet => ({
  type: 'CorrectTimesheet',
  lines,
  reason,
  by: 'operator:olga',
  facts: facts(),
});
const lock = (payRunId: string, approvedVersion = 1): LockTimesheet => ({ type: 'LockTimesheet', payRunId, approvedVersion });
const submit = { type: 'SubmitTimesheet', by: 'employer:visschedijk' } as const;

const fourDays = workWeek.slice(0, 4);
const approvedSheet = [registered(), submitted, approved(1)];
const paidSheet = [...approvedSheet, locked('pay-run-2026-03')];

describe('timesheet: registering hours', () => {
  it('opens the sheet of the placement and week with the first registration', () =>
    given(timesheetDecider, []).when(register(workWeek)).then([registered()]));

  it('replaces the lines while the sheet is a draft', () =>
    given(timesheetDecider, [registered()])
      .when(register(fourDays))
      .then([registered(fourDays)]));

  it('refuses a sheet id that is not the placement and week', () =>
    given(timesheetDecider, [])
      .when(register(workWeek, { timesheetId: 'p1-2026-W11' }))
      .thenRefused('timesheet_id_mismatch', { message: 'go on timesheet p1-2026-W10, not on p1-2026-W11' }));

  it('refuses a week its year does not have', () =>
    given(timesheetDecider, [])
      .when(register(workWeek, { timesheetId: 'p1-2027-W53', week: '2027-W53' }))
      .thenRefused('invalid_week'));

  it('refuses new hours once the sheet is submitted: a correction with a reason changes it', () =>
    given(timesheetDecider, [registered(), submitted])
      .when(register(fourDays))
      .thenRefused('timesheet_not_draft', { kind: 'conflict', message: 'is submitted and awaits approval' }));

  it('locked means locked: hours of a sheet a pay run paid are not registered again', () =>
    given(timesheetDecider, paidSheet)
      .when(register(fourDays))
      .thenRefused('timesheet_not_draft', { kind: 'conflict', message: 'locked by pay run pay-run-2026-03' }));

  it('takes a sheet without work: sick the whole week', () => {
    const sick = workWeek.map((l) => ({ ...l, hourType: 'sick' as const }));
    given(timesheetDecider, [])
      .when(register(sick))
      .then([registered(sick)]);
  });
});

describe('timesheet: submission', () => {
  it('hands a draft to the hirer', () => given(timesheetDecider, [registered()]).when(submit).then([submitted]));

  it('refuses an empty sheet', () =>
    given(timesheetDecider, [registered([])])
      .when(submit)
      .thenRefused('timesheet_empty'));

  it('refuses a sheet that has no hours at all (404)', () =>
    given(timesheetDecider, []).when(submit).thenRefused('timesheet_not_found', { kind: 'not_found' }));

  it('refuses a second submission', () =>
    given(timesheetDecider, [registered(), submitted]).when(submit).thenRefused('timesheet_not_draft', { kind: 'conflict' }));
});

describe('timesheet: approval by the hirer', () => {
  it('approves exactly the submitted lines as approval 1, with the sheet it is of', () =>
    given(timesheetDecider, [registered(), submitted])
      .when(approve())
      .then([approved(1)]));

  it('records an operator acting on behalf of the hirer', () =>
    given(timesheetDecider, [registered(), submitted])
      .when(approve({ by: 'operator:olga', onBehalfOf: 'visschedijk' }))
      .then([
        {
          type: 'TimesheetApproved',
          data: { ...sheetOf, lines: workWeek, approvedVersion: 1, by: 'operator:olga', onBehalfOf: 'visschedijk' },
        },
      ]));

  it('gives one winner of two approvals: the second finds the sheet approved (409)', () =>
    given(timesheetDecider, approvedSheet)
      .when(approve())
      .thenRefused('timesheet_not_submitted', { kind: 'conflict', message: 'is approved (approval 1)' }));

  it('refuses to approve a draft', () =>
    given(timesheetDecider, [registered()]).when(approve()).thenRefused('timesheet_not_submitted', { kind: 'conflict' }));

  it('approves a correction as the next version, with the corrected lines', () =>
    given(timesheetDecider, [...paidSheet, corrected(fourDays)])
      .when(approve())
      .then([approved(2, fourDays)]));
});

describe('timesheet: rejection', () => {
  it('rejects a submitted sheet with a reason', () => given(timesheetDecider, [registered(), submitted]).when(reject()).then([rejected]));

  it('needs a reason', () => given(timesheetDecider, [registered(), submitted]).when(reject('  ')).thenRefused('missing_text'));

  it('refuses to reject an approved sheet', () =>
    given(timesheetDecider, approvedSheet).when(reject()).thenRefused('timesheet_not_submitted', { kind: 'conflict' }));
});

describe('timesheet: correction', () => {
  it('corrects a rejected sheet, which goes back to the hirer', () =>
    given(timesheetDecider, [registered(), submitted, rejected])
      .when(correct())
      .then([corrected(fourDays)]));

  it('corrects a locked sheet as a new event, keeping what was paid until the correction is approved', () => {
    given(timesheetDecider, paidSheet)
      .when(correct())
      .then([corrected(fourDays)]);
    const state = fold(timesheetDecider, [...paidSheet, corrected(fourDays)]);
    expect(state).toMatchObject({
      status: 'submitted',
      lines: fourDays,
      approved: { approvedVersion: 1, lines: workWeek },
      lock: { payRunId: 'pay-run-2026-03', approvedVersion: 1 },
      corrections: 1,
    });
  });

  it('needs a reason', () => given(timesheetDecider, approvedSheet).when(correct(fourDays, '')).thenRefused('missing_text'));

  it('refuses to correct a draft: its hours are registered again', () =>
    given(timesheetDecider, [registered()]).when(correct()).thenRefused('timesheet_still_draft', { kind: 'conflict' }));

  it('checks the corrected lines like registered ones', () =>
    given(timesheetDecider, approvedSheet)
      .when(correct([line('2026-03-09', '09:00', '17:00')]))
      .thenRefused('day_outside_week'));

  it('forgets a rejection once corrected', () => {
    const state = fold(timesheetDecider, [registered(), submitted, rejected, corrected(fourDays)]);
    expect(state).not.toHaveProperty('rejection');
  });
});

describe('timesheet: lock by a pay run', () => {
  it('locks the approval the pay run paid', () =>
    given(timesheetDecider, approvedSheet)
      .when(lock('pay-run-2026-03'))
      .then([locked('pay-run-2026-03')]));

  it('is idempotent for the same run and approval', () => given(timesheetDecider, paidSheet).when(lock('pay-run-2026-03')).then([]));

  it('locks the last approval while a correction awaits approval: that approval is what was paid', () =>
    given(timesheetDecider, [...approvedSheet, corrected(fourDays)])
      .when(lock('pay-run-2026-03'))
      .then([locked('pay-run-2026-03')]));

  it('refuses a run that paid an approval a later one replaced (409)', () =>
    given(timesheetDecider, [...approvedSheet, corrected(fourDays), approved(2, fourDays)])
      .when(lock('pay-run-2026-03', 1))
      .thenRefused('timesheet_changed_since_pay_run', { kind: 'conflict', message: 'its approval 2 is what is due now' }));

  it('refuses to lock a sheet never approved (409)', () =>
    given(timesheetDecider, [registered(), submitted])
      .when(lock('pay-run-2026-03'))
      .thenRefused('timesheet_changed_since_pay_run', { kind: 'conflict', message: 'it has no approval' }));

  it('lets the next run lock the approved correction', () =>
    given(timesheetDecider, [...paidSheet, corrected(fourDays), approved(2, fourDays)])
      .when(lock('pay-run-2026-04', 2))
      .then([locked('pay-run-2026-04', 2)]));
});
