import { placementStreamId, workerStreamId, type PlacementEvent, type PlacementTerms, type WorkPattern } from '@banenpool/domain';
import { STACK_KINDS } from '@banenpool/testing';
import type { ScenarioAppend } from '../shared/pool-scenario.fixtures.js';
import { expectReplaysEqual, openHarness, type ReadModelHarness } from '../shared/read-model.testing.js';
import { mondayOfIsoWeek } from '../shared/weeks.js';
import { BanenafspraakMinutes, BanenafspraakPlacement, BanenafspraakStatus } from './banenafspraak.entity.js';
import { banenafspraakProjection } from './banenafspraak.projection.js';
import {
  banenafspraakByQuarter,
  banenafspraakByWeek,
  type BanenafspraakQuarterFilter,
  type BanenafspraakWeekFilter,
} from './banenafspraak.query.js';

const week = (w: string) => mondayOfIsoWeek(w)!;
const page = { limit: 100, offset: 0 };

const status = (workerId: string, data: { inRegister: boolean; validFrom: string; validUntil?: string }): ScenarioAppend => ({
  streamId: workerStreamId(workerId),
  events: [{ type: 'TargetGroupStatusRecorded', data: { workerId, ...data } }],
});

/** Gijs's placement of 30 h a week at a hirer, proposed and confirmed. */
function placed(placementId: string, employerId: string, period: { from: string; to: string }, pattern?: WorkPattern): ScenarioAppend {
  const terms: PlacementTerms = {
    placementId,
    workerId: 'gijs',
    employerId,
    siteId: 'main',
    functionName: 'inpakker',
    legalForm: 'payroll',
    hoursPerWeek: 30,
    period,
    ...(pattern ? { pattern } : {}),
  };
  const confirmed: PlacementEvent = {
    type: 'PlacementConfirmed',
    data: {
      ...terms,
      agreed: { functionName: 'inpakker', caoCode: 'levensmiddelen', scale: 'A', step: 0 },
      hirerTerms: { applies: true, basis: 'payroll (art. 8a Waadi)' },
      firstDayPay: {
        known: false,
        reason: 'not needed here',
        cao: {
          code: 'levensmiddelen',
          effectiveFrom: '2026-01-01',
          revision: 0,
          scale: 'A',
          step: 0,
          scaleHourlyCents: 1490,
          youthBp: 10_000,
          hourlyCents: 1490,
        },
      },
    },
  };
  return { streamId: placementStreamId(placementId), events: [{ type: 'PlacementProposed', data: terms }, confirmed] };
}

describe.each(STACK_KINDS)('banenafspraak attribution on %s', (kind) => {
  let harness: ReadModelHarness;
  const byWeek = (filter: Partial<BanenafspraakWeekFilter>) => banenafspraakByWeek(harness.dataSource, { ...page, ...filter });
  const byQuarter = (filter: Partial<BanenafspraakQuarterFilter>) => banenafspraakByQuarter(harness.dataSource, { ...page, ...filter });
  const lines = (items: { hirerId: string; period: string; hours: string; jobs: string; workers: number; weeks: number }[]) =>
    items.map((i) => `${i.period} ${i.hirerId}: ${i.hours} h = ${i.jobs} jobs (${i.workers} workers, ${i.weeks} weeks)`);
  const quarterAt = async (hirerId: string, quarter: string) =>
    lines((await byQuarter({ hirerId, fromQuarter: quarter, toQuarter: quarter })).items);

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

  it('counts only the days worked in the week a placement starts: 24 h over five days from a Wednesday is 14.4 h', async () => {
    expect(lines((await byWeek({ hirerId: 'waarbeek', fromWeek: week('2026-W14'), toWeek: week('2026-W15') })).items)).toEqual([
      '2026-W14 waarbeek: 14.40 h = 0.56 jobs (1 workers, 1 weeks)',
      '2026-W15 waarbeek: 24.00 h = 0.94 jobs (1 workers, 1 weeks)',
    ]);
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
    // Femke's status is now recorded as in the register (since registration): her taxi and Bolletje hours count too.
    // Her taxi work starts on Tuesday 1 September: week 36 counts Tuesday to Friday, 4 × 2.4 h.
    expect(lines((await byQuarter({ fromQuarter: '2026-Q3', toQuarter: '2026-Q4' })).items)).toEqual([
      '2026-Q3 bolletje: 48.00 h = 0.14 jobs (1 workers, 13 weeks)',
      '2026-Q3 taxi-twente: 45.60 h = 0.14 jobs (1 workers, 13 weeks)',
      '2026-Q3 waarbeek: 312.00 h = 0.94 jobs (1 workers, 13 weeks)',
      '2026-Q4 bolletje: 192.00 h = 0.54 jobs (1 workers, 14 weeks)',
      '2026-Q4 taxi-twente: 168.00 h = 0.47 jobs (1 workers, 14 weeks)',
      '2026-Q4 visschedijk: 216.00 h = 0.61 jobs (1 workers, 14 weeks)',
      '2026-Q4 waarbeek: 120.00 h = 0.34 jobs (1 workers, 14 weeks)',
    ]);
  });

  it('leaves the weeks before a status’s first day as they were: a change in a later quarter keeps the earlier figure', async () => {
    // Cem (recorded as not in the register) is in it from Wednesday 3 February 2027: week 5 counts his Wednesday to Friday.
    await harness.append([status('cem', { inRegister: true, validFrom: '2027-02-03' })]);
    expect(lines((await byWeek({ hirerId: 'visschedijk', fromWeek: week('2027-W04'), toWeek: week('2027-W05') })).items)).toEqual([
      '2027-W04 visschedijk: 24.00 h = 0.94 jobs (1 workers, 1 weeks)',
      '2027-W05 visschedijk: 38.40 h = 1.51 jobs (2 workers, 1 weeks)',
    ]);
    // Anna 288 h, Cem 14.4 h + 7 weeks × 24 h.
    expect(await quarterAt('visschedijk', '2027-Q1')).toEqual(['2027-Q1 visschedijk: 470.40 h = 1.54 jobs (2 workers, 12 weeks)']);
    expect(await quarterAt('visschedijk', '2026-Q4')).toEqual(['2026-Q4 visschedijk: 216.00 h = 0.61 jobs (1 workers, 14 weeks)']);

    // Anna's register entry is recorded as running from 4 January to 28 February 2027 only.
    await harness.append([status('anna', { inRegister: true, validFrom: '2027-01-04', validUntil: '2027-02-28' })]);
    expect(await quarterAt('visschedijk', '2027-Q1')).toEqual(['2027-Q1 visschedijk: 374.40 h = 1.22 jobs (2 workers, 12 weeks)']);
    expect(await quarterAt('visschedijk', '2026-Q4')).toEqual(['2026-Q4 visschedijk: 216.00 h = 0.61 jobs (1 workers, 14 weeks)']);
    expect(await quarterAt('waarbeek', '2027-Q2')).toEqual([]);
  });

  it('counts a handover week once: each hirer its own days, by its pattern or the even spread', async () => {
    // Gijs works 30 h a week at Akkermans (no pattern: 6 h Monday to Friday) until Wednesday 12 May 2027, then at Borgman
    // on Wednesday, Thursday and Friday, 10 h each, from Thursday 13 May.
    await harness.append([
      status('gijs', { inRegister: true, validFrom: '2027-01-01' }),
      placed('gijs-akkermans', 'akkermans', { from: '2027-05-03', to: '2027-05-12' }),
      placed(
        'gijs-borgman',
        'borgman',
        { from: '2027-05-13', to: '2027-05-28' },
        { wednesday: { hours: 10 }, thursday: { hours: 10 }, friday: { hours: 10 } },
      ),
    ]);
    const weeks = { fromWeek: week('2027-W18'), toWeek: week('2027-W21') };
    expect([
      ...lines((await byWeek({ hirerId: 'akkermans', ...weeks })).items),
      ...lines((await byWeek({ hirerId: 'borgman', ...weeks })).items),
    ]).toEqual([
      '2027-W18 akkermans: 30.00 h = 1.18 jobs (1 workers, 1 weeks)',
      '2027-W19 akkermans: 18.00 h = 0.71 jobs (1 workers, 1 weeks)',
      '2027-W19 borgman: 20.00 h = 0.78 jobs (1 workers, 1 weeks)',
      '2027-W20 borgman: 30.00 h = 1.18 jobs (1 workers, 1 weeks)',
      '2027-W21 borgman: 30.00 h = 1.18 jobs (1 workers, 1 weeks)',
    ]);
  });

  it('gives the same rows after replays, out-of-order and re-split batches, and a rebuild', async () => {
    await expectReplaysEqual(harness, banenafspraakProjection, async () => [
      await harness.dataSource.manager.find(BanenafspraakMinutes, { order: { placementId: 'ASC', weekStart: 'ASC' } }),
      await harness.dataSource.manager.find(BanenafspraakStatus, { order: { workerId: 'ASC', revision: 'ASC' } }),
      await harness.dataSource.manager.find(BanenafspraakPlacement, { order: { placementId: 'ASC' } }),
      await byQuarter({}),
    ]);
  });
});
