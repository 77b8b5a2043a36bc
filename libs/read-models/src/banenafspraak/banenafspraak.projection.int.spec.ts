import { workerStreamId, type HourType } from '@banenpool/domain';
import { STACK_KINDS } from '@banenpool/testing';
import { approvedTimesheet, placements, timesheetLine, type ScenarioAppend } from '../shared/pool-scenario.fixtures.js';
import { expectReplaysEqual, openHarness, type ReadModelHarness } from '../shared/read-model.testing.js';
import { mondayOfIsoWeek } from '../shared/weeks.js';
import { BanenafspraakApprovedSheet, BanenafspraakMinutes, BanenafspraakStatus, BanenafspraakWorker } from './banenafspraak.entity.js';
import { banenafspraakProjection } from './banenafspraak.projection.js';
import {
  banenafspraakByQuarter,
  banenafspraakByWeek,
  banenafspraakWorkerWeeks,
  type BanenafspraakQuarterFilter,
  type BanenafspraakWeekFilter,
} from './banenafspraak.query.js';

const week = (w: string) => mondayOfIsoWeek(w)!;
const page = { limit: 100, offset: 0 };

const status = (workerId: string, data: { inRegister: boolean; validFrom: string; validUntil?: string }): ScenarioAppend => ({
  streamId: workerStreamId(workerId),
  events: [{ type: 'TargetGroupStatusRecorded', data: { workerId, ...data } }],
});

/** Eight hours (08:00 to 16:00) on each of these days. */
const days = (dates: string[], hourType: HourType = 'normal') => dates.map((day) => timesheetLine(day, '08:00', '16:00', hourType));

describe.each(STACK_KINDS)('banenafspraak attribution on %s', (kind) => {
  let harness: ReadModelHarness;
  const byWeek = (filter: Partial<BanenafspraakWeekFilter>) => banenafspraakByWeek(harness.dataSource, { ...page, ...filter });
  const byQuarter = (filter: Partial<BanenafspraakQuarterFilter>) => banenafspraakByQuarter(harness.dataSource, { ...page, ...filter });
  const lines = (items: { hirerId: string; period: string; hours: string; jobs: string; workers: number; weeks: number }[]) =>
    items.map((i) => `${i.period} ${i.hirerId}: ${i.hours} h = ${i.jobs} jobs (${i.workers} workers, ${i.weeks} weeks)`);
  const weekAt = async (hirerId: string, isoWeek: string) =>
    lines((await byWeek({ hirerId, fromWeek: week(isoWeek), toWeek: week(isoWeek) })).items);
  const quarterAt = async (hirerId: string, quarter: string) =>
    lines((await byQuarter({ hirerId, fromQuarter: quarter, toQuarter: quarter })).items);

  beforeAll(async () => {
    harness = await openHarness(kind, banenafspraakProjection);
  });
  afterAll(() => harness?.close());

  it('counts nothing the hirer has not approved, nor the approved hours of a worker outside the register', async () => {
    // Anna (in the register) has placements all year, but her only sheet was rejected; Cem's approved sheet counts
    // nothing while he is recorded as not in the register, and Femke's is a draft.
    expect(await byWeek({})).toMatchObject({ items: [], total: 0 });
  });

  it('counts the approved hours of target-group workers at the hirer, per week, and the jobs they make', async () => {
    await harness.append([
      approvedTimesheet(placements.annaPark, '2026-W44', days(['2026-10-26', '2026-10-27', '2026-10-28'])),
      // Her park placement starts on Wednesday 1 April: three days of 4.8 h.
      approvedTimesheet(
        placements.annaPark,
        '2026-W14',
        ['2026-04-01', '2026-04-02', '2026-04-03'].map((day) => timesheetLine(day, '08:00', '12:48')),
      ),
      // Femke is not (yet) recorded as in the register.
      approvedTimesheet(placements.femkeTaxi, '2026-W36', [
        timesheetLine('2026-09-01', '08:00', '14:00'),
        timesheetLine('2026-09-03', '08:00', '14:00'),
      ]),
    ]);
    expect(lines((await byWeek({})).items)).toEqual([
      '2026-W14 waarbeek: 14.40 h = 0.56 jobs (1 workers, 1 weeks)',
      '2026-W44 waarbeek: 24.00 h = 0.94 jobs (1 workers, 1 weeks)',
    ]);
    expect((await byWeek({ hirerId: 'taxi-twente' })).total).toBe(0);
  });

  it('per quarter: a week counts in the quarter of its Thursday, jobs are the average over the quarter’s weeks', async () => {
    // Week 44 ends on Sunday 1 November but its Thursday is 29 October: Q4, which has 14 ISO weeks (40 to 53).
    // 24 h / (25.5 × 14) = 0.067 jobs; Q2 2026 has 13 weeks: 14.4 h / (25.5 × 13) = 0.043.
    expect(lines((await byQuarter({ hirerId: 'waarbeek' })).items)).toEqual([
      '2026-Q2 waarbeek: 14.40 h = 0.04 jobs (1 workers, 13 weeks)',
      '2026-Q4 waarbeek: 24.00 h = 0.07 jobs (1 workers, 14 weeks)',
    ]);
  });

  it('counts sick and leave hours (paid hours), and hours approved before the worker’s status was recorded', async () => {
    await harness.part2();
    // Anna's corrected week 45, approved by an operator for Visschedijk: two days worked and a sick Wednesday.
    expect(await weekAt('visschedijk', '2026-W45')).toEqual(['2026-W45 visschedijk: 24.00 h = 0.94 jobs (1 workers, 1 weeks)']);
    // Femke is now recorded as in the register since her registration: her approved taxi hours count.
    expect(await weekAt('taxi-twente', '2026-W36')).toEqual(['2026-W36 taxi-twente: 12.00 h = 0.47 jobs (1 workers, 1 weeks)']);
    await harness.append([approvedTimesheet(placements.femkeBolletje, '2026-W37', days(['2026-09-07'], 'leave'))]);
    expect(await weekAt('bolletje', '2026-W37')).toEqual(['2026-W37 bolletje: 8.00 h = 0.31 jobs (1 workers, 1 weeks)']);
  });

  it('replaces a sheet’s hours on its re-approval, and an earlier approval seen again changes nothing', async () => {
    await harness.append([approvedTimesheet(placements.annaWinter, '2026-W45', days(['2026-11-02', '2026-11-03']), 2)]);
    expect(await weekAt('visschedijk', '2026-W45')).toEqual(['2026-W45 visschedijk: 16.00 h = 0.63 jobs (1 workers, 1 weeks)']);
    // As a replay out of order would show it: the first approval after the second.
    await harness.append([approvedTimesheet(placements.annaWinter, '2026-W45', days(['2026-11-02', '2026-11-03', '2026-11-04']))]);
    expect(await weekAt('visschedijk', '2026-W45')).toEqual(['2026-W45 visschedijk: 16.00 h = 0.63 jobs (1 workers, 1 weeks)']);
  });

  it('counts each day by the status that holds that day: a status recorded later changes only the days it covers', async () => {
    const workWeek = ['2027-02-01', '2027-02-02', '2027-02-03', '2027-02-04', '2027-02-05'];
    await harness.append([
      approvedTimesheet(placements.cemWinter, '2027-W05', days(workWeek)),
      approvedTimesheet(placements.annaWinter, '2027-W05', days(workWeek.slice(0, 3))),
      approvedTimesheet(placements.annaWinter, '2027-W10', days(['2027-03-08', '2027-03-09', '2027-03-10'])),
    ]);
    expect(await weekAt('visschedijk', '2027-W05')).toEqual(['2027-W05 visschedijk: 24.00 h = 0.94 jobs (1 workers, 1 weeks)']);

    // Cem (recorded as not in the register) is in it from Wednesday 3 February 2027: his Wednesday to Friday count.
    await harness.append([status('cem', { inRegister: true, validFrom: '2027-02-03' })]);
    expect(await weekAt('visschedijk', '2027-W05')).toEqual(['2027-W05 visschedijk: 48.00 h = 1.88 jobs (2 workers, 1 weeks)']);
    // His approved week 45 of 2026 still does not count.
    expect(await quarterAt('visschedijk', '2026-Q4')).toEqual(['2026-Q4 visschedijk: 16.00 h = 0.04 jobs (1 workers, 14 weeks)']);

    // Anna's register entry is recorded as running from 4 January to 28 February 2027 only: week 10 no longer counts.
    expect(await quarterAt('visschedijk', '2027-Q1')).toEqual(['2027-Q1 visschedijk: 72.00 h = 0.24 jobs (2 workers, 12 weeks)']);
    await harness.append([status('anna', { inRegister: true, validFrom: '2027-01-04', validUntil: '2027-02-28' })]);
    expect(await quarterAt('visschedijk', '2027-Q1')).toEqual(['2027-Q1 visschedijk: 48.00 h = 0.16 jobs (2 workers, 12 weeks)']);
    expect(await quarterAt('visschedijk', '2026-Q4')).toEqual(['2026-Q4 visschedijk: 16.00 h = 0.04 jobs (1 workers, 14 weeks)']);
  });

  it('names the workers and weeks behind a hirer’s quarter: approved minutes per worker per week', async () => {
    const behind = async (hirerId: string, quarter: string) =>
      (await banenafspraakWorkerWeeks(harness.dataSource, hirerId, quarter)).map(
        (r) => `${r.workerId} ${r.name} ${r.week} ${r.weekStart} ${r.minutes}`,
      );
    // The 48 h of Q1 2027 above: Anna's Monday to Wednesday and Cem's Wednesday to Friday of week 5.
    expect(await behind('visschedijk', '2027-Q1')).toEqual([
      'anna Anna de Vries 2027-W05 2027-02-01 1440',
      'cem Cem Yilmaz 2027-W05 2027-02-01 1440',
    ]);
    expect(await behind('visschedijk', '2026-Q4')).toEqual(['anna Anna de Vries 2026-W45 2026-11-02 960']);
    // Week 44 of 2026 ends in November but counts in Q4 by its Thursday.
    expect(await behind('waarbeek', '2026-Q4')).toEqual(['anna Anna de Vries 2026-W44 2026-10-26 1440']);
    expect(await behind('waarbeek', '2027-Q1')).toEqual([]);
  });

  it('keeps an erased worker’s count from the register periods the erasure retained, and blanks the name', async () => {
    const quarters = [
      await quarterAt('visschedijk', '2027-Q1'),
      await quarterAt('visschedijk', '2026-Q4'),
      await quarterAt('waarbeek', '2026-Q4'),
    ];
    const recorded = (await harness.stack.store.readStream(workerStreamId('anna'))).flatMap((event) =>
      event.type === 'TargetGroupStatusRecorded' ? [event.data as { inRegister: boolean; validFrom?: string; validUntil?: string }] : [],
    );
    expect(recorded.length).toBeGreaterThan(0);
    const targetGroupStatuses = recorded.map(({ inRegister, validFrom, validUntil }) => ({ inRegister, validFrom, validUntil }));
    await harness.append([
      {
        streamId: workerStreamId('anna'),
        events: [
          {
            type: 'WorkerDataErased',
            data: { workerId: 'anna', reason: 'data_subject_request', erasedOn: '2027-06-01', retained: { targetGroupStatuses } },
          },
        ],
      },
    ]);
    expect([
      await quarterAt('visschedijk', '2027-Q1'),
      await quarterAt('visschedijk', '2026-Q4'),
      await quarterAt('waarbeek', '2026-Q4'),
    ]).toEqual(quarters);
    const names = (await banenafspraakWorkerWeeks(harness.dataSource, 'visschedijk', '2027-Q1')).map((r) => `${r.workerId} ${r.name}`);
    expect(names).toEqual(['anna [erased]', 'cem Cem Yilmaz']);
  });

  it('gives the same rows after replays, out-of-order and re-split batches, and a rebuild', async () => {
    await expectReplaysEqual(harness, banenafspraakProjection, async () => [
      await harness.dataSource.manager.find(BanenafspraakMinutes, { order: { placementId: 'ASC', weekStart: 'ASC' } }),
      await harness.dataSource.manager.find(BanenafspraakStatus, { order: { workerId: 'ASC', revision: 'ASC' } }),
      await harness.dataSource.manager.find(BanenafspraakApprovedSheet, { order: { timesheetId: 'ASC' } }),
      await harness.dataSource.manager.find(BanenafspraakWorker, { order: { workerId: 'ASC' } }),
      await byQuarter({}),
      await banenafspraakWorkerWeeks(harness.dataSource, 'visschedijk', '2027-Q1'),
    ]);
  });
});
