import { employerStreamId } from '@banenpool/domain';
import { STACK_KINDS } from '@banenpool/testing';
import { expectReplaysEqual, openHarness, type ReadModelHarness } from '../shared/read-model.testing.js';
import { mondayOfIsoWeek } from '../shared/weeks.js';
import { ReleasedWorkersClosure, ReleasedWorkerWeek } from './released-workers.entity.js';
import { releasedWorkersProjection } from './released-workers.projection.js';
import { listReleasedWorkers, releasedWeeksOfWorkers, type ReleasedWorkersFilter } from './released-workers.query.js';

const WINTER = { from: '2026-11-02', to: '2027-03-28' };

describe.each(STACK_KINDS)('released workers on %s', (kind) => {
  let harness: ReadModelHarness;
  const released = (filter: Partial<ReleasedWorkersFilter> = {}) =>
    listReleasedWorkers(harness.dataSource, { ...WINTER, limit: 50, offset: 0, ...filter });
  /** 'worker: uncovered h in n weeks (first–last), cause by placement' */
  const summary = async (filter: Partial<ReleasedWorkersFilter> = {}) =>
    (await released(filter)).items.map(
      (w) =>
        `${w.workerId}: ${w.uncoveredHours} h in ${w.weeks.length} weeks (${w.weeks[0].week}–${w.weeks.at(-1)!.week}), ` +
        w.releases.map((r) => `${r.cause} ${r.placementId}`).join(' + '),
    );

  beforeAll(async () => {
    harness = await openHarness(kind, releasedWorkersProjection);
  });
  afterAll(() => harness?.close());

  it('lists the workers the park’s closure and ended placements release, with the weeks and hours to cover', async () => {
    expect(await summary()).toEqual([
      // Cem's winter placement ends on 31 January.
      'cem: 192 h in 8 weeks (2027-W05–2027-W12), placement_end cem-winter',
      // Dewi worked the park's season and has no winter work: the closure released her.
      'dewi: 420 h in 21 weeks (2026-W45–2027-W12), site_closure dewi-park-2026',
      // Femke's 12 h at the taxi company remain after Bolletje's peak: 16 of her 28 h are uncovered.
      'femke: 224 h in 14 weeks (2026-W52–2027-W12), placement_end femke-bolletje',
    ]);
    const [dewi] = (await released({ workerId: 'dewi' })).items;
    expect(dewi.releases).toEqual([
      {
        cause: 'site_closure',
        placementId: 'dewi-park-2026',
        employerId: 'waarbeek',
        siteId: 'park',
        lastDay: '2026-10-31',
        closure: { from: '2026-11-01', to: '2027-03-31', reason: 'Winter closure' },
      },
    ]);
    expect(dewi.weeks[0]).toEqual({
      week: '2026-W45',
      weekStart: '2026-11-02',
      guaranteedHours: 20,
      placedHours: 0,
      uncoveredHours: 20,
      releasedBy: 'dewi-park-2026',
    });
    // Bram's early end (30 September) left four weeks uncovered before his winter placement.
    expect(await summary({ from: '2026-10-01', to: '2026-11-01', workerId: 'bram' })).toEqual([
      'bram: 96 h in 4 weeks (2026-W41–2026-W44), placement_end bram-park-2026',
    ]);
    // After the closure the park does not take Dewi back (yet): her release lasts 26 weeks after her last day.
    expect(await summary({ from: '2027-03-29', to: '2027-12-31', workerId: 'dewi' })).toEqual([
      'dewi: 100 h in 5 weeks (2027-W13–2027-W17), site_closure dewi-park-2026 + placement_end dewi-park-2026',
    ]);
  });

  it('filters by the releasing employer and pages over workers', async () => {
    expect((await summary({ employerId: 'waarbeek' })).map((s) => s.split(':')[0])).toEqual(['dewi']);
    const page = await released({ limit: 1, offset: 1 });
    expect(page).toMatchObject({ total: 3, limit: 1, offset: 1, items: [{ workerId: 'dewi' }] });
    await expect(released({ from: '2027-01-01', to: '2026-12-31' })).rejects.toThrow(RangeError);
  });

  it('reads the weeks in which workers are released, for allocation', async () => {
    const weeks = (workerIds: string[], fromWeek: string, toWeek: string) =>
      releasedWeeksOfWorkers(harness.dataSource.manager, workerIds, {
        fromWeek: mondayOfIsoWeek(fromWeek)!,
        toWeek: mondayOfIsoWeek(toWeek)!,
      });
    // Bram from his early end until his winter placement; Cem after his winter placement; Anna not at all.
    expect(await weeks(['cem', 'anna', 'bram'], '2026-W43', '2027-W06')).toEqual([
      { workerId: 'bram', weekStart: '2026-10-19' },
      { workerId: 'bram', weekStart: '2026-10-26' },
      { workerId: 'cem', weekStart: '2027-02-01' },
      { workerId: 'cem', weekStart: '2027-02-08' },
    ]);
    expect(await weeks(['bram', 'cem'], '2026-W44', '2027-W05')).toEqual([
      { workerId: 'bram', weekStart: '2026-10-26' },
      { workerId: 'cem', weekStart: '2027-02-01' },
    ]);
    expect(await weeks([], '2026-W01', '2027-W52')).toEqual([]);
  });

  it('follows withdrawals, extensions and closures declared later', async () => {
    await harness.part2();
    expect(await summary()).toEqual([
      // Bram's winter confirmation was undone: uncovered until his fixed-term contract ends (28 February).
      'bram: 408 h in 17 weeks (2026-W45–2027-W08), placement_end bram-park-2026',
      'dewi: 420 h in 21 weeks (2026-W45–2027-W12), site_closure dewi-park-2026',
      'femke: 224 h in 14 weeks (2026-W52–2027-W12), placement_end femke-bolletje',
    ]);
    // Anna's return to the park covers her spring; Cem's proposed spring placement does not (yet).
    expect(await summary({ from: '2027-03-29', to: '2027-04-30', workerId: 'anna' })).toEqual([]);
    expect(await summary({ from: '2027-03-29', to: '2027-04-11', workerId: 'cem' })).toEqual([
      'cem: 48 h in 2 weeks (2027-W13–2027-W14), placement_end cem-winter',
    ]);

    // The park declares next winter's closure: Anna, back at the park until 31 October 2027, is released by it.
    await harness.append([
      {
        streamId: employerStreamId('waarbeek'),
        events: [
          {
            type: 'SeasonalClosureDeclared',
            data: { employerId: 'waarbeek', siteId: 'park', period: { from: '2027-11-01', to: '2028-03-31' }, reason: 'Winter closure' },
          },
        ],
      },
    ]);
    const [anna] = (await released({ from: '2027-11-01', to: '2028-03-31', workerId: 'anna' })).items;
    expect(anna.releases).toEqual([
      {
        cause: 'site_closure',
        placementId: 'anna-park-2027',
        employerId: 'waarbeek',
        siteId: 'park',
        lastDay: '2027-10-31',
        closure: { from: '2027-11-01', to: '2028-03-31', reason: 'Winter closure' },
      },
    ]);
    expect(anna.uncoveredHours).toBe(22 * 24);
  });

  it('gives the same rows after replays, out-of-order and re-split batches, and a rebuild', async () => {
    await expectReplaysEqual(harness, releasedWorkersProjection, async () => [
      await harness.dataSource.manager.find(ReleasedWorkerWeek, { order: { workerId: 'ASC', weekStart: 'ASC' } }),
      await harness.dataSource.manager.find(ReleasedWorkersClosure, { order: { periodFrom: 'ASC' } }),
      await released({ from: '2026-01-01', to: '2028-12-31', limit: 100 }),
    ]);
  });
});
