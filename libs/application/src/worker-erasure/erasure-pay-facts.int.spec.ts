import { openReadModelDataSource } from '@banenpool/projector';
import { PayRunRow, TimesheetRow } from '@banenpool/read-models';
import { openTestStack, type TestStack } from '@banenpool/testing';
import type { DataSource } from 'typeorm';
import { erasurePayFacts } from './erasure-pay-facts.js';

const LINE = { day: '2026-01-05', start: '08:00', end: '12:00', breakMinutes: 0, hourType: 'normal' } as const;

const run = (payRunId: string, to: string, status: PayRunRow['status']): PayRunRow => ({
  payRunId,
  periodKind: 'month',
  periodFrom: `${payRunId}-01`,
  periodTo: to,
  status,
  attempt: 1,
  workers: 1,
  totals: {} as PayRunRow['totals'],
  unpaid: [],
  finalizedBy: status === 'finalized' ? 'operator:anna' : null,
  lockedTimesheets: null,
  eventCount: 2,
});

const sheet = (timesheetId: string, workerId: string, monday: string, lockedBy: string | null): TimesheetRow => ({
  timesheetId,
  placementId: `${workerId}-visschedijk`,
  workerId,
  employerId: 'visschedijk',
  week: timesheetId.slice(-8),
  monday,
  status: 'approved',
  lines: [LINE],
  approvedVersion: 1,
  approvedLines: [LINE],
  approvedBy: 'employer:visschedijk',
  onBehalfOf: null,
  lockedByPayRun: lockedBy,
  lockedVersion: lockedBy === null ? null : 1,
  rejectionReason: null,
  eventCount: 3,
});

// The erasure weighs the finalized runs that locked the worker's sheets and the latest one's last
// day (erasure-pay.ts), so those are all it reads of a pool's runs.
describe('erasurePayFacts', () => {
  let stack: TestStack;
  let dataSource: DataSource;

  beforeAll(async () => {
    stack = await openTestStack('pglite');
    dataSource = await openReadModelDataSource(stack.connection, [TimesheetRow, PayRunRow]);
    await dataSource
      .getRepository(PayRunRow)
      .insert([
        run('2025-12', '2025-12-31', 'finalized'),
        run('2026-01', '2026-01-31', 'finalized'),
        run('2026-02', '2026-02-28', 'finalized'),
        run('2026-03', '2026-03-31', 'calculated'),
      ]);
    await dataSource
      .getRepository(TimesheetRow)
      .insert([
        sheet('fenna-2026-W02', 'fenna', '2026-01-05', '2026-01'),
        sheet('fenna-2026-W10', 'fenna', '2026-03-02', '2026-03'),
        sheet('fenna-2026-W11', 'fenna', '2026-03-09', null),
        sheet('anna-2025-W50', 'anna', '2025-12-08', '2025-12'),
      ]);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await stack?.cleanup();
  });

  it('reads the worker’s sheets, the finalized runs that locked them and the latest finalized run, no other', async () => {
    const facts = await erasurePayFacts(dataSource, 'fenna', 'month');
    expect(facts.timesheets.map((s) => [s.timesheetId, s.lock?.payRunId])).toEqual([
      ['fenna-2026-W02', '2026-01'],
      ['fenna-2026-W10', '2026-03'],
      ['fenna-2026-W11', undefined],
    ]);
    expect(facts.finalizedPayRuns).toEqual(
      expect.arrayContaining([
        { payRunId: '2026-01', to: '2026-01-31' },
        { payRunId: '2026-02', to: '2026-02-28' },
      ]),
    );
    expect(facts.finalizedPayRuns).toHaveLength(2);
  });

  it('reads the latest finalized run alone for a worker without sheets', async () => {
    expect(await erasurePayFacts(dataSource, 'nobody', 'month')).toEqual({
      timesheets: [],
      finalizedPayRuns: [{ payRunId: '2026-02', to: '2026-02-28' }],
      payPeriodKind: 'month',
    });
  });
});
