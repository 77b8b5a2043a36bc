import { workerStreamId } from '@banenpool/domain';
import { STACK_KINDS } from '@banenpool/testing';
import { expectReplaysEqual, openHarness, type ReadModelHarness } from '../shared/read-model.testing.js';
import { mondayOfIsoWeek } from '../shared/weeks.js';
import { BanenafspraakHours, BanenafspraakWorker } from './banenafspraak.entity.js';
import { banenafspraakProjection } from './banenafspraak.projection.js';
import {
  banenafspraakByQuarter,
  banenafspraakByWeek,
  type BanenafspraakQuarterFilter,
  type BanenafspraakWeekFilter,
} from './banenafspraak.query.js';

const week = (w: string) => mondayOfIsoWeek(w)!;
const page = { limit: 100, offset: 0 };

describe.each(STACK_KINDS)('banenafspraak attribution on %s', (kind) => {
  let harness: ReadModelHarness;
  const byWeek = (filter: Partial<BanenafspraakWeekFilter>) => banenafspraakByWeek(harness.dataSource, { ...page, ...filter });
  const byQuarter = (filter: Partial<BanenafspraakQuarterFilter>) => banenafspraakByQuarter(harness.dataSource, { ...page, ...filter });
  const lines = (items: { hirerId: string; period: string; hours: string; jobs: string; workers: number; weeks: number }[]) =>
    items.map((i) => `${i.period} ${i.hirerId}: ${i.hours} h = ${i.jobs} jobs (${i.workers} workers, ${i.weeks} weeks)`);

  beforeAll(async () => {
    harness = await openHarness(kind, banenafspraakProjection);
  });
  afterAll(() => harness?.close());

  it('counts target-group workers’ hours at the hirer, per week, and the jobs they make', async () => {
    // Only Anna is in the register (Cem and Femke recorded as not, Bram and Dewi not recorded).
    expect(lines((await byWeek({ fromWeek: week('2026-W44'), toWeek: week('2026-W45') })).items)).toEqual([
      '2026-W44 waarbeek: 24.00 h = 0.94 jobs (1 workers, 1 weeks)',
      '2026-W45 visschedijk: 24.00 h = 0.94 jobs (1 workers, 1 weeks)',
    ]);
    expect((await byWeek({ hirerId: 'taxi-twente' })).total).toBe(0);
  });

  it('per quarter: a week counts in the quarter of its Thursday, jobs are the average over the quarter’s weeks', async () => {
    // Q4 2026 has 14 ISO weeks (week 40 to 53). Visschedijk: 9 weeks × 24 h = 216 h = 216 / (25.5 × 14) = 0.605 jobs.
    expect(lines((await byQuarter({ fromQuarter: '2026-Q4', toQuarter: '2026-Q4' })).items)).toEqual([
      '2026-Q4 visschedijk: 216.00 h = 0.61 jobs (1 workers, 14 weeks)',
      '2026-Q4 waarbeek: 120.00 h = 0.34 jobs (1 workers, 14 weeks)',
    ]);
    // Q1 2027 has 12 ISO weeks (1 January is a Friday); Anna works all of them at Visschedijk.
    expect(lines((await byQuarter({ hirerId: 'visschedijk' })).items)).toEqual([
      '2026-Q4 visschedijk: 216.00 h = 0.61 jobs (1 workers, 14 weeks)',
      '2027-Q1 visschedijk: 288.00 h = 0.94 jobs (1 workers, 12 weeks)',
    ]);
  });

  it('follows target-group status records and placement changes', async () => {
    await harness.part2();
    // Femke's status is now recorded as in the register: her taxi and Bolletje hours count too.
    expect(lines((await byQuarter({ fromQuarter: '2026-Q3', toQuarter: '2026-Q4' })).items)).toEqual([
      '2026-Q3 bolletje: 48.00 h = 0.14 jobs (1 workers, 13 weeks)',
      '2026-Q3 taxi-twente: 48.00 h = 0.14 jobs (1 workers, 13 weeks)',
      '2026-Q3 waarbeek: 312.00 h = 0.94 jobs (1 workers, 13 weeks)',
      '2026-Q4 bolletje: 192.00 h = 0.54 jobs (1 workers, 14 weeks)',
      '2026-Q4 taxi-twente: 168.00 h = 0.47 jobs (1 workers, 14 weeks)',
      '2026-Q4 visschedijk: 216.00 h = 0.61 jobs (1 workers, 14 weeks)',
      '2026-Q4 waarbeek: 120.00 h = 0.34 jobs (1 workers, 14 weeks)',
    ]);
    // Cem is recorded in the register after all; later Anna's status is corrected to not in it.
    await harness.append([
      { streamId: workerStreamId('cem'), events: [{ type: 'TargetGroupStatusRecorded', data: { workerId: 'cem', inRegister: true } }] },
    ]);
    expect(lines((await byWeek({ hirerId: 'visschedijk', fromWeek: week('2027-W05'), toWeek: week('2027-W05') })).items)).toEqual([
      '2027-W05 visschedijk: 48.00 h = 1.88 jobs (2 workers, 1 weeks)',
    ]);
    await harness.append([
      { streamId: workerStreamId('anna'), events: [{ type: 'TargetGroupStatusRecorded', data: { workerId: 'anna', inRegister: false } }] },
    ]);
    expect(lines((await byWeek({ hirerId: 'visschedijk', fromWeek: week('2027-W05'), toWeek: week('2027-W05') })).items)).toEqual([
      '2027-W05 visschedijk: 24.00 h = 0.94 jobs (1 workers, 1 weeks)',
    ]);
  });

  it('gives the same rows after replays, out-of-order and re-split batches, and a rebuild', async () => {
    await expectReplaysEqual(harness, banenafspraakProjection, async () => [
      await harness.dataSource.manager.find(BanenafspraakHours, { order: { placementId: 'ASC', weekStart: 'ASC' } }),
      await harness.dataSource.manager.find(BanenafspraakWorker, { order: { workerId: 'ASC' } }),
      await byQuarter({}),
    ]);
  });
});
