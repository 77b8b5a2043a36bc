import { timesheetStreamId, type TimesheetEvent } from '@banenpool/domain';
import { STACK_KINDS } from '@banenpool/testing';
import { expectReplaysEqual, openHarness, type ReadModelHarness } from '../shared/read-model.testing.js';
import { TimesheetRow } from './timesheets.entity.js';
import { timesheetsProjection } from './timesheets.projection.js';
import { listTimesheets, sheetsUpTo, submittedSheetsOf, type TimesheetFilter, type TimesheetView } from './timesheets.query.js';

const W45 = '2026-11-02';

/** 'sheet status: lines as day hourType | approved vN by (for) | locked by run vN' */
const summary = (s: TimesheetView) =>
  [
    `${s.timesheetId} ${s.status}: ${s.lines.map((l) => `${l.day.slice(5)} ${l.hourType}`).join(', ')}`,
    s.approved &&
      `approved v${s.approved.approvedVersion} by ${s.approved.by}${s.approved.onBehalfOf ? ` for ${s.approved.onBehalfOf}` : ''}`,
    s.approved && `paid ${s.approved.lines.length} lines`,
    s.lock && `locked by ${s.lock.payRunId} v${s.lock.approvedVersion}`,
  ]
    .filter(Boolean)
    .join(' | ');

describe.each(STACK_KINDS)('timesheets on %s', (kind) => {
  let harness: ReadModelHarness;
  const list = (filter: Partial<TimesheetFilter> = {}) => listTimesheets(harness.dataSource, { limit: 50, offset: 0, ...filter });

  beforeAll(async () => {
    harness = await openHarness(kind, timesheetsProjection);
  });
  afterAll(() => harness?.close());

  it('folds each sheet: registered, submitted, approved or rejected', async () => {
    expect((await sheetsUpTo(harness.dataSource, '2026-12-31')).map(summary)).toEqual([
      'anna-winter-2026-W45 rejected: 11-02 normal, 11-03 normal, 11-04 normal',
      'cem-winter-2026-W45 approved: 11-02 normal, 11-03 normal, 11-04 normal | approved v1 by employer:planning@visschedijk | paid 3 lines',
      'femke-taxi-2026-W45 draft: 11-05 normal',
    ]);
    const { items } = await list({ employerId: 'visschedijk' });
    expect(items.map((i) => [i.timesheetId, i.version, i.rejectionReason])).toEqual([
      ['anna-winter-2026-W45', 2, 'Wednesday was a sick day'],
      ['cem-winter-2026-W45', 2, undefined],
    ]);
    expect(items[1]).toMatchObject({
      placementId: 'cem-winter',
      workerId: 'cem',
      employerId: 'visschedijk',
      week: '2026-W45',
      monday: W45,
    });
  });

  it('keeps the approved lines apart from a correction, and the lock of the pay run that paid them', async () => {
    await harness.part2();
    await harness.append([
      {
        streamId: timesheetStreamId('femke-taxi-2026-W45'),
        events: [{ type: 'TimesheetSubmitted', data: { timesheetId: 'femke-taxi-2026-W45', by: 'employer:demo@taxi-twente' } }],
      },
      {
        streamId: timesheetStreamId('cem-winter-2026-W45'),
        events: [
          { type: 'TimesheetLocked', data: { timesheetId: 'cem-winter-2026-W45', payRunId: '2026-12', approvedVersion: 2 } },
          {
            type: 'TimesheetCorrected',
            data: { timesheetId: 'cem-winter-2026-W45', lines: [], reason: 'Never worked that week', by: 'operator:demo' },
          },
        ] satisfies TimesheetEvent[],
      },
    ]);
    expect((await sheetsUpTo(harness.dataSource, W45)).map(summary)).toEqual([
      'anna-winter-2026-W45 approved: 11-02 normal, 11-03 normal, 11-04 sick | approved v1 by operator:demo for visschedijk | paid 3 lines',
      'cem-winter-2026-W45 submitted:  | approved v2 by employer:planning@visschedijk | paid 4 lines | locked by 2026-12 v2',
      'femke-taxi-2026-W45 submitted: 11-05 normal',
    ]);
    // The rejection is history once the corrected sheet was approved.
    expect((await list({ workerId: 'anna' })).items[0].rejectionReason).toBeUndefined();
    expect(await sheetsUpTo(harness.dataSource, '2026-11-01')).toEqual([]);
  });

  it('filters by employer, worker, placement, status and weeks, paginated', async () => {
    const ids = async (filter: Partial<TimesheetFilter>) => {
      const page = await list(filter);
      return `${page.total}: ${page.items.map((i) => i.timesheetId).join(' ')}`;
    };
    expect(await ids({})).toBe('3: anna-winter-2026-W45 cem-winter-2026-W45 femke-taxi-2026-W45');
    expect(await ids({ limit: 1, offset: 1 })).toBe('3: cem-winter-2026-W45');
    expect(await ids({ status: 'submitted' })).toBe('2: cem-winter-2026-W45 femke-taxi-2026-W45');
    expect(await ids({ employerId: 'taxi-twente', workerId: 'femke', placementId: 'femke-taxi' })).toBe('1: femke-taxi-2026-W45');
    expect(await ids({ employerId: 'taxi-twente', workerId: 'anna' })).toBe('0: ');
    expect(await ids({ fromWeek: W45, toWeek: W45 })).toBe('3: anna-winter-2026-W45 cem-winter-2026-W45 femke-taxi-2026-W45');
    expect(await ids({ fromWeek: '2026-11-09' })).toBe('0: ');
    expect(await ids({ toWeek: '2026-10-26' })).toBe('0: ');
    expect(await submittedSheetsOf(harness.dataSource, 'visschedijk', W45)).toEqual(['cem-winter-2026-W45']);
    expect(await submittedSheetsOf(harness.dataSource, 'visschedijk', '2026-11-09')).toEqual([]);
  });

  it('gives the same rows after replays, out-of-order and re-split batches, and a rebuild', async () => {
    await expectReplaysEqual(harness, timesheetsProjection, async () => [
      await harness.dataSource.manager.find(TimesheetRow, { order: { timesheetId: 'ASC' } }),
      await sheetsUpTo(harness.dataSource, '2027-12-31'),
    ]);
  });
});
