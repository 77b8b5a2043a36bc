import { asAppliedOn, asKnownAt } from './as-of.js';
import { streamOf } from './audit-subject.js';
import { payRunScenario, timesheetScenario } from './audit.fixtures.js';
import { historyCsv } from './history-csv.js';
import { historyOf } from './history.js';

const NOW = new Date('2027-01-01T00:00:00Z');
const page = { limit: 100, offset: 0 };

describe('a timesheet, audited', () => {
  const events = timesheetScenario();
  const known = (at: string) => asKnownAt(events, new Date(at)).state;

  it('lives in its own stream, named by its placement and week', () => {
    expect(streamOf({ kind: 'timesheet', id: 'anna-winter-2026-W45' })).toBe('timesheet-anna-winter-2026-W45');
  });

  it('has a history of who registered, rejected, corrected, approved (for whom) and locked it, and when', () => {
    const { entries, total } = historyOf(events, page);
    expect(total).toBe(8);
    expect(entries.map((e) => `${e.recordedAt.slice(0, 10)} ${e.type} by ${e.actor}`)).toEqual([
      '2026-11-06 HoursRegistered by employer:planning@visschedijk',
      '2026-11-06 TimesheetSubmitted by employer:planning@visschedijk',
      '2026-11-09 TimesheetRejected by employer:planning@visschedijk',
      '2026-11-09 TimesheetCorrected by operator:anna',
      '2026-11-09 TimesheetApproved by operator:anna',
      '2026-12-03 TimesheetLocked by operator:bram',
      '2026-12-10 TimesheetCorrected by employer:planning@visschedijk',
      '2026-12-11 TimesheetApproved by employer:planning@visschedijk',
    ]);
    expect(entries[4]).toMatchObject({
      source: 'own',
      rules: [],
      data: { approvedVersion: 1, by: 'operator:anna', onBehalfOf: 'visschedijk' },
    });
    expect(entries[2].data).toMatchObject({ reason: 'Wednesday was a sick day' });
  });

  it('as known at a moment: rejected with its reason; then approved; while a correction awaits approval the approval paid stays', () => {
    expect(known('2026-11-09T09:30:00Z')).toMatchObject({ status: 'rejected', rejection: { reason: 'Wednesday was a sick day' } });
    expect(known('2026-11-09T11:00:00Z')).toMatchObject({
      status: 'approved',
      approved: { approvedVersion: 1, by: 'operator:anna', onBehalfOf: 'visschedijk' },
    });
    const correcting = known('2026-12-10T12:00:00Z') as { status: string; lines: unknown[]; approved: { lines: unknown[] } };
    expect(correcting).toMatchObject({
      status: 'submitted',
      approved: { approvedVersion: 1 },
      lock: { payRunId: '2026-11', approvedVersion: 1 },
    });
    expect([correcting.lines.length, correcting.approved.lines.length]).toEqual([4, 3]);
    expect(known(NOW.toISOString())).toMatchObject({ status: 'approved', approved: { approvedVersion: 2 } });
  });

  it('as applied on a date: the lines of that day, registered and approved, and the lock', () => {
    const wednesday = asAppliedOn(events, '2026-11-04', NOW).applies;
    expect(wednesday).toMatchObject({
      inWeek: true,
      status: 'approved',
      registeredLines: [{ day: '2026-11-04', hourType: 'sick' }],
      approved: { approvedVersion: 2, by: 'employer:planning@visschedijk', lines: [{ day: '2026-11-04', hourType: 'sick' }] },
      lock: { payRunId: '2026-11', approvedVersion: 1 },
    });
    // As known on 1 December, Wednesday was approved once and not yet paid.
    expect(asAppliedOn(events, '2026-11-04', new Date('2026-12-01T00:00:00Z')).applies).toMatchObject({
      approved: { approvedVersion: 1 },
      lock: null,
    });
    expect(asAppliedOn(events, '2026-11-09', NOW).applies).toMatchObject({ inWeek: false, registeredLines: [], approved: { lines: [] } });
    expect(asAppliedOn(events, '2026-11-04', new Date('2026-11-01T00:00:00Z')).applies).toEqual({ status: 'unknown' });
  });
});

describe('a pay run, audited', () => {
  const events = payRunScenario();

  it('lives in the stream of its period', () => {
    expect(streamOf({ kind: 'pay-run', id: '2026-11' })).toBe('pay-run-2026-11');
  });

  it('has a history whose pay lines name every wage row and rule row they used, once', () => {
    const { entries } = historyOf(events, page);
    expect(entries.map((e) => `${e.type} ${(e.data as { workerId?: string }).workerId ?? ''}`.trim())).toEqual([
      'PayRunStarted',
      'PayLinesCalculated anna',
      'PayLinesCalculated cem',
      'PayRunStarted',
      'PayLinesCalculated anna',
      'PayLinesCalculated bram',
      'PayLinesCalculated cem',
      'PayRunFinalized',
    ]);
    expect(entries[1].rules).toEqual([
      { rule: 'cao', code: 'schoonmaak', version: '2026-01-01', revision: 0, scale: 'A', step: 0 },
      { rule: 'minimum_wage_table', version: '2026-07-01', revision: 0, age: 36 },
      { rule: 'rule_table', table: 'holiday-allowance', version: '2026-01-01', revision: 0 },
    ]);
    expect(entries[0].rules).toEqual([]);
    expect(historyCsv([entries[1]])).toContain(
      'CAO schoonmaak version 2026-01-01 revision 0, scale A step 0; minimum-wage table 2026-07-01 revision 0 (age 36); holiday-allowance table 2026-01-01 revision 0',
    );
  });

  it('as known at a moment: status, period, attempt and totals per worker and in all, without the lines', () => {
    const first = asKnownAt(events, new Date('2026-12-01T12:00:00Z')).state;
    expect(first).toEqual({
      status: 'calculated',
      payRunId: '2026-11',
      period: { id: '2026-11', kind: 'month', from: '2026-11-01', to: '2026-11-30' },
      attempt: 1,
      unpaid: [{ timesheetId: 'bram-winter-2026-W45', workerId: 'bram', employerId: 'visschedijk', week: '2026-W45', status: 'submitted' }],
      workers: [
        {
          workerId: 'anna',
          lines: 2,
          topUps: 0,
          differences: 0,
          totals: expect.objectContaining({ grossCents: 27_648, paidMinutes: 960 }),
        },
        { workerId: 'cem', lines: 1, topUps: 0, differences: 0, totals: expect.objectContaining({ grossCents: 13_824 }) },
      ],
      totals: expect.objectContaining({
        wageCents: 38_400,
        holidayAllowanceCents: 3072,
        grossCents: 41_472,
        paidMinutes: 1440,
        workers: 2,
      }),
    });
    const final = asKnownAt(events, NOW).state;
    expect(final).toMatchObject({
      status: 'finalized',
      attempt: 2,
      unpaid: [],
      finalizedBy: 'operator:bram',
      timesheetsLocked: [
        { timesheetId: 'anna-winter-2026-W45', approvedVersion: 1 },
        { timesheetId: 'bram-winter-2026-W45', approvedVersion: 1 },
        { timesheetId: 'cem-winter-2026-W45', approvedVersion: 1 },
      ],
      totals: { grossCents: 55_296, workers: 3 },
    });
    expect((final as { workers: { workerId: string }[] }).workers.map((w) => w.workerId)).toEqual(['anna', 'bram', 'cem']);
    expect(JSON.stringify(final)).not.toContain('"wage"');
  });

  it('as applied on a date: each worker’s lines of that day in the latest attempt, with their wage rows', () => {
    const monday = asAppliedOn(events, '2026-11-02', NOW).applies as { workers: { workerId: string; lines: unknown[] }[] };
    expect(monday).toMatchObject({ inPeriod: true, status: 'finalized', attempt: 2 });
    expect(monday.workers.map((w) => `${w.workerId} ${w.lines.length}`)).toEqual(['anna 1', 'cem 1']);
    expect(monday.workers[0].lines[0]).toMatchObject({
      day: '2026-11-02',
      minutes: 480,
      wage: { hourlyCents: 1600, cao: { revision: 0 } },
    });
    // Bram's Tuesday was paid only by the second attempt.
    const tuesday = (knownAt: string) =>
      asAppliedOn(events, '2026-11-03', new Date(knownAt)).applies as { workers: { workerId: string }[] };
    expect(tuesday('2026-12-01T12:00:00Z').workers).toEqual([]);
    expect(tuesday(NOW.toISOString()).workers.map((w) => w.workerId)).toEqual(['bram']);
    expect(asAppliedOn(events, '2026-12-01', NOW).applies).toMatchObject({ inPeriod: false, workers: [] });
    expect(asAppliedOn(events, '2026-11-02', new Date('2026-11-30T00:00:00Z')).applies).toEqual({ status: 'none' });
  });
});
