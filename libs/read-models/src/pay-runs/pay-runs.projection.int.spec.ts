import { STACK_KINDS } from '@banenpool/testing';
import { monthPay, payRun, placements, timesheetLine } from '../shared/pool-scenario.fixtures.js';
import { expectReplaysEqual, openHarness, type ReadModelHarness } from '../shared/read-model.testing.js';
import { PayRunRow, PayRunWorkerRow } from './pay-runs.entity.js';
import { payRunsProjection } from './pay-runs.projection.js';
import {
  employersOfRun,
  findPayRun,
  findRunPay,
  listPayRuns,
  listPayRunWorkerTotals,
  workerPaysAfter,
  workerPaysOfEmployer,
} from './pay-runs.query.js';

const W45_SHIFT = (day: string) => ({ ...timesheetLine(day, '08:00', '16:30'), breakMinutes: 30 });
const W49 = [timesheetLine('2026-12-01', '08:00', '12:00'), timesheetLine('2026-12-02', '08:00', '16:00')];
const W50 = [timesheetLine('2026-12-07', '09:00', '17:00')];

// December: Anna and Cem paid, then recalculated after a correction of Cem's week 49 (and Anna's sheet turned out not approved).
const december = {
  anna: monthPay('2026-12', placements.annaWinter, [{ week: '2026-W50', lines: W50 }]),
  cem: monthPay('2026-12', placements.cemWinter, [{ week: '2026-W49', lines: W49 }]),
  cemCorrected: monthPay('2026-12', placements.cemWinter, [
    { week: '2026-W49', lines: [timesheetLine('2026-12-01', '08:00', '13:00'), W49[1]], version: 2 },
  ]),
};

describe.each(STACK_KINDS)('pay runs on %s', (kind) => {
  let harness: ReadModelHarness;
  const db = () => harness.dataSource;

  beforeAll(async () => {
    harness = await openHarness(kind, payRunsProjection);
  });
  afterAll(() => harness?.close());

  it('holds no run before the first calculation', async () => {
    expect(await listPayRuns(db(), { limit: 10, offset: 0 })).toEqual({ items: [], total: 0, limit: 10, offset: 0 });
    expect(await findPayRun(db(), '2026-11')).toBeUndefined();
  });

  it('folds a finalized run: where it stands, the sheets it did not pay and locked, each worker’s pay', async () => {
    await harness.part2();
    const cem = monthPay('2026-11', placements.cemWinter, [
      { week: '2026-W45', lines: ['2026-11-02', '2026-11-03', '2026-11-04'].map(W45_SHIFT) },
    ]);
    expect(cem.lines).toHaveLength(3);
    expect(await findPayRun(db(), '2026-11')).toEqual({
      payRunId: '2026-11',
      period: { id: '2026-11', kind: 'month', from: '2026-11-01', to: '2026-11-30' },
      status: 'finalized',
      attempt: 1,
      // PayRunStarted, Cem's lines, PayRunFinalized: revisions 0 to 2.
      version: 2,
      totals: { ...cem.totals, workers: 1 },
      unpaid: [
        { timesheetId: 'anna-winter-2026-W45', workerId: 'anna', employerId: 'visschedijk', week: '2026-W45', status: 'rejected' },
        { timesheetId: 'femke-taxi-2026-W45', workerId: 'femke', employerId: 'taxi-twente', week: '2026-W45', status: 'draft' },
      ],
      finalizedBy: 'operator:demo',
      lockedTimesheets: [{ timesheetId: 'cem-winter-2026-W45', approvedVersion: 1 }],
    });
    expect(await findRunPay(db(), '2026-11', 'cem')).toEqual({ run: await findPayRun(db(), '2026-11'), pay: cem });
    expect(await findRunPay(db(), '2026-11', 'anna')).toEqual({ run: expect.objectContaining({ payRunId: '2026-11' }), pay: undefined });
    expect(await findRunPay(db(), '2026-12', 'cem')).toBeUndefined();
  });

  it('keeps an open run’s attempt, and replaces its workers with a recalculation’s, also in a later batch', async () => {
    const { streamId, events } = payRun('2026-12', [[december.anna, december.cem], [december.cemCorrected]]);
    await harness.append([{ streamId, events: events.slice(0, 3) }]);
    expect(await findPayRun(db(), '2026-12')).toMatchObject({ status: 'calculated', attempt: 1, version: 2, unpaid: [] });
    expect((await findPayRun(db(), '2026-12'))?.totals.grossCents).toBe(december.anna.totals.grossCents + december.cem.totals.grossCents);
    expect(await listPayRunWorkerTotals(db(), '2026-12', { limit: 10, offset: 0 })).toEqual({
      items: [
        { workerId: 'anna', totals: december.anna.totals },
        { workerId: 'cem', totals: december.cem.totals },
      ],
      total: 2,
      limit: 10,
      offset: 0,
    });

    await harness.append([{ streamId, events: events.slice(3) }]);
    const run = await findPayRun(db(), '2026-12');
    expect(run).toMatchObject({ status: 'calculated', attempt: 2, version: 4, totals: { ...december.cemCorrected.totals, workers: 1 } });
    expect(run?.finalizedBy).toBeUndefined();
    expect((await findRunPay(db(), '2026-12', 'anna'))?.pay).toBeUndefined();
    expect((await findRunPay(db(), '2026-12', 'cem'))?.pay).toEqual(december.cemCorrected);
  });

  it('lists the runs by period and pages a run’s workers, by offset and by worker id', async () => {
    // October's run, appended last, is listed first.
    const october = [placements.annaWinter, placements.cemWinter].map((p) =>
      monthPay('2026-10', p, [{ week: '2026-W41', lines: [timesheetLine('2026-10-06', '08:00', '12:00')] }]),
    );
    await harness.append([payRun('2026-10', [october])]);
    const runs = await listPayRuns(db(), { limit: 2, offset: 0 });
    expect({ ...runs, items: runs.items.map((r) => r.payRunId) }).toEqual({ items: ['2026-10', '2026-11'], total: 3, limit: 2, offset: 0 });

    expect(await listPayRunWorkerTotals(db(), '2026-10', { limit: 1, offset: 1 })).toEqual({
      items: [{ workerId: 'cem', totals: october[1].totals }],
      total: 2,
      limit: 1,
      offset: 1,
    });
    const run = { payRunId: '2026-10', attempt: 1 };
    expect(await workerPaysAfter(db(), run, '', 1)).toEqual([october[0]]);
    expect(await workerPaysAfter(db(), run, 'anna', 5)).toEqual([october[1]]);
    expect(await workerPaysAfter(db(), run, 'cem', 5)).toEqual([]);
    // An attempt a recalculation replaced has no workers left.
    expect(await workerPaysAfter(db(), { payRunId: '2026-12', attempt: 1 }, '', 5)).toEqual([]);
  });

  it('names the hirers a run pays and reads the pay of one hirer’s workers only', async () => {
    const [anna, cem] = [placements.annaWinter, placements.cemWinter].map((p) =>
      monthPay('2026-09', p, [{ week: '2026-W37', lines: [timesheetLine('2026-09-07', '08:00', '12:00')] }]),
    );
    // Cem's hours that month were at Taxi Twente.
    const atTaxi = { ...cem, lines: cem.lines.map((line) => ({ ...line, employerId: 'taxi-twente' })) };
    await harness.append([payRun('2026-09', [[anna, atTaxi]])]);
    const run = { payRunId: '2026-09', attempt: 1 };
    expect(await employersOfRun(db(), run)).toEqual(['taxi-twente', 'visschedijk']);
    expect(await workerPaysOfEmployer(db(), run, 'taxi-twente')).toEqual([atTaxi]);
    expect(await workerPaysOfEmployer(db(), run, 'visschedijk')).toEqual([anna]);
    expect(await workerPaysOfEmployer(db(), run, 'bolletje')).toEqual([]);
    expect(await employersOfRun(db(), { ...run, attempt: 2 })).toEqual([]);
  });

  it('gives the same rows after replays, out-of-order and re-split batches, and a rebuild', async () => {
    await expectReplaysEqual(harness, payRunsProjection, async () => [
      await db().manager.find(PayRunRow, { order: { payRunId: 'ASC' } }),
      await db().manager.find(PayRunWorkerRow, { order: { payRunId: 'ASC', workerId: 'ASC' } }),
      await listPayRuns(db(), { limit: 10, offset: 0 }),
    ]);
  });
});
