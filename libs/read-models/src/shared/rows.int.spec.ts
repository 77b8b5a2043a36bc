import { allowCopy, openReadModelDataSource, supportsCopy } from '@banenpool/projector';
import { addDays, fromEpochDay, toEpochDay } from '@banenpool/domain';
import { openTestStack, STACK_KINDS, type TestStack } from '@banenpool/testing';
import fc from 'fast-check';
import type { DataSource } from 'typeorm';
import { countStatements } from '../../../projector/src/sql-statement-counter.js';
import { CapacityGapWeek } from '../capacity-gaps/capacity-gaps.entity.js';
import { TimesheetRow } from '../timesheets/timesheets.entity.js';
import { insertRows, insertWeeklyRows, saveRows } from './rows.js';
import { MAX_WEEKS_PER_PERIOD, weeksOf } from './weeks.js';

/** Enough rows for the bulk path (COPY in a rebuild on PostgreSQL), with the characters COPY's text format escapes. */
const ROWS = 600;
const AWKWARD = 'tab\there, line\nbreak, return\r, back\\slash, "quote", \\N, {brace}, comma,';

function sheet(i: number, status: TimesheetRow['status'] = 'draft'): TimesheetRow {
  const lines = [{ date: '2026-01-05', start: '08:00', end: '16:00', hourType: 'normal', note: `${AWKWARD} ${i}` }] as never;
  return {
    timesheetId: `sheet-${i}`,
    placementId: `placement-${i % 7}`,
    workerId: `worker-${i % 11}`,
    employerId: i % 2 === 0 ? 'visschedijk' : AWKWARD,
    week: '2026-W02',
    monday: '2026-01-05',
    status,
    lines,
    approvedVersion: status === 'approved' ? i : null,
    approvedLines: status === 'approved' ? lines : null,
    approvedBy: null,
    onBehalfOf: i % 3 === 0 ? AWKWARD : null,
    lockedByPayRun: null,
    lockedVersion: null,
    rejectionReason: null,
    eventCount: i + 1,
  };
}

function gapWeek(i: number): CapacityGapWeek {
  return {
    requestId: `request-${i}`,
    weekStart: '2026-01-05',
    week: '2026-W02',
    status: 'open',
    employerId: 'visschedijk',
    siteId: 'hengelo',
    functionName: AWKWARD,
    requiredSkill: 'cleaning',
    headcountAsked: 2,
    hoursAskedQuarters: 160,
    headcountFilled: 1,
    hoursFilledQuarters: 80,
    headcountOpen: 1,
    hoursOpenQuarters: 80,
    placementIds: i % 2 === 0 ? [] : [`placement-${i}`, AWKWARD, 'NULL'],
  };
}

describe.each(STACK_KINDS)('bulk row writes on %s', (kind) => {
  let stack: TestStack;
  let dataSource: DataSource;

  beforeAll(async () => {
    stack = await openTestStack(kind);
    dataSource = await openReadModelDataSource(stack.connection, [TimesheetRow, CapacityGapWeek]);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await stack?.cleanup();
  });

  it('writes and upserts rows alike whether COPY may be used (a rebuild on PostgreSQL) or not', async () => {
    const copy = await supportsCopy(dataSource);
    expect(copy).toBe(kind === 'postgres');
    const sheets = (from: number, to: number, status: TimesheetRow['status']) =>
      Array.from({ length: to - from }, (_, i) => sheet(from + i, status));
    let afterSmallUpsert: TimesheetRow[] = [];
    const counted = countStatements();
    try {
      await dataSource.transaction(async (manager) => {
        if (copy) allowCopy(manager);
        await insertRows(manager, TimesheetRow, sheets(0, ROWS, 'draft'));
        // Half the rows change, half are new, too few of either to copy: an upsert, the last row of a key winning.
        await saveRows(manager, TimesheetRow, [sheet(ROWS / 2, 'rejected'), ...sheets(ROWS / 2, ROWS * 1.5, 'approved')], ['timesheetId']);
        afterSmallUpsert = await manager.find(TimesheetRow, { order: { eventCount: 'ASC' } });
        // Enough rows held and new to copy each: the held ones through a staging table, the new ones straight in.
        await saveRows(manager, TimesheetRow, sheets(0, ROWS * 2.5, 'submitted'), ['timesheetId']);
        await insertRows(
          manager,
          CapacityGapWeek,
          Array.from({ length: ROWS }, (_, i) => gapWeek(i)),
        );
      });
    } finally {
      counted.stop();
    }
    const copies = counted.statements.filter((s) => s.startsWith('COPY '));
    expect(copies).toHaveLength(copy ? 4 : 0);

    expect(afterSmallUpsert).toEqual([...sheets(0, ROWS / 2, 'draft'), ...sheets(ROWS / 2, ROWS * 1.5, 'approved')]);
    expect(await dataSource.getRepository(TimesheetRow).find({ order: { eventCount: 'ASC' } })).toEqual(sheets(0, ROWS * 2.5, 'submitted'));
    const gaps = await dataSource.getRepository(CapacityGapWeek).find();
    expect(new Map(gaps.map((g) => [g.requestId, g]))).toEqual(
      new Map(Array.from({ length: ROWS }, (_, i) => [`request-${i}`, gapWeek(i)])),
    );
  });

  it('writes a row for every ISO week of each period, as weeksOf counts them, labels across year ends included', async () => {
    const day = fc.integer({ min: toEpochDay('2014-12-20'), max: toEpochDay('2032-01-10') }).map(fromEpochDay);
    const period = fc.tuple(day, fc.oneof(fc.integer({ min: -3, max: 800 }), fc.constant(7 * MAX_WEEKS_PER_PERIOD + 30)));
    await fc.assert(
      fc.asyncProperty(fc.array(period, { minLength: 1, maxLength: 4 }), async (periods) => {
        const items = periods.map(([from, days], i) => {
          const { week: _week, weekStart: _start, ...row } = gapWeek(i);
          return { row, period: { from, to: addDays(from, days) } };
        });
        await dataSource.transaction(async (manager) => {
          await manager.clear(CapacityGapWeek);
          await insertWeeklyRows(manager, CapacityGapWeek, items);
          const written = await manager.find(CapacityGapWeek, { order: { requestId: 'ASC', weekStart: 'ASC' } });
          const expected = items.flatMap(({ row, period }) =>
            weeksOf(period).map((w) => ({ ...row, week: w.week, weekStart: w.weekStart })),
          );
          expect(written).toEqual(
            expected.sort((a, b) => a.requestId.localeCompare(b.requestId) || a.weekStart.localeCompare(b.weekStart)),
          );
          await manager.clear(CapacityGapWeek);
        });
      }),
      { numRuns: 25 },
    );
  });
});
