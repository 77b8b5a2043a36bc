import { workerStreamId } from '@banenpool/domain';
import { STACK_KINDS } from '@banenpool/testing';
import { approvedTimesheet, placements, timesheetLine } from '../shared/pool-scenario.fixtures.js';
import { expectReplaysEqual, openHarness, type ReadModelHarness } from '../shared/read-model.testing.js';
import { mondayOfIsoWeek } from '../shared/weeks.js';
import { WorkerHoursApprovedSheet, WorkerHoursContract, WorkerHoursPlacementWeek } from './worker-hours.entity.js';
import { workerHoursProjection } from './worker-hours.projection.js';
import { contractTermsOfWorkers, listWorkerHours, placementWeeksOfWorkers, type WorkerHoursFilter } from './worker-hours.query.js';

const week = (w: string) => mondayOfIsoWeek(w)!;

describe.each(STACK_KINDS)('worker hours on %s', (kind) => {
  let harness: ReadModelHarness;
  const hours = (filter: Partial<WorkerHoursFilter> & { fromWeek: string; toWeek: string }) =>
    listWorkerHours(harness.dataSource, { limit: 200, offset: 0, ...filter, fromWeek: week(filter.fromWeek), toWeek: week(filter.toWeek) });
  /** 'week: placed/guaranteed (max), shortfall' */
  const line = async (workerId: string, isoWeek: string) => {
    const [w] = (await hours({ workerId, fromWeek: isoWeek, toWeek: isoWeek })).items;
    return (
      w &&
      `${w.week}: ${w.placedHours}/${w.guaranteedHours} (max ${w.maxHours}) short ${w.shortfallHours} free ${w.freeHours} [${w.placements.map((p) => `${p.placementId} ${p.hours}`).join(', ')}]`
    );
  };

  /** 'week: placed planned, approved approved [placement planned/approved, …]' */
  const approved = async (workerId: string, isoWeek: string) => {
    const [w] = (await hours({ workerId, fromWeek: isoWeek, toWeek: isoWeek })).items;
    return `${w.week}: placed ${w.placedHours}, approved ${w.approvedHours} [${w.placements.map((p) => `${p.placementId} ${p.hours}/${p.approvedHours}`).join(', ')}]`;
  };

  beforeAll(async () => {
    harness = await openHarness(kind, workerHoursProjection);
  });
  afterAll(() => harness?.close());

  it('sums the linked small-hour placements of a week against the contract', async () => {
    // Femke's contract starts Tuesday 1 September with the taxi placement; Bolletje's starts the next Monday.
    expect(await line('femke', '2026-W36')).toBe('2026-W36: 12/28 (max 32) short 16 free 20 [femke-taxi 12]');
    expect(await line('femke', '2026-W40')).toBe('2026-W40: 28/28 (max 32) short 0 free 4 [femke-bolletje 16, femke-taxi 12]');
    // Bolletje's placement ends Friday 18 December: that week still counts in full.
    expect(await line('femke', '2026-W51')).toBe('2026-W51: 28/28 (max 32) short 0 free 4 [femke-bolletje 16, femke-taxi 12]');
    expect(await line('femke', '2026-W52')).toBe('2026-W52: 12/28 (max 32) short 16 free 20 [femke-taxi 12]');
    // Bram's park placement ended early on 30 September: the pool must pay or fill his 24 h.
    expect(await line('bram', '2026-W40')).toBe('2026-W40: 24/24 (max 32) short 0 free 8 [bram-park-2026 24]');
    expect(await line('bram', '2026-W41')).toBe('2026-W41: 0/24 (max 32) short 24 free 32 []');
    expect(await line('cem', '2027-W05')).toBe('2027-W05: 0/24 (max 32) short 24 free 32 []');
    // Before Femke's contract, and after Bram's fixed-term contract ended (28 February), there is no week.
    expect(await line('femke', '2026-W35')).toBeUndefined();
    expect(await line('bram', '2027-W09')).toBeUndefined();
  });

  it('lists every worker week of a range, or only the shortfalls, paginated', async () => {
    const all = await hours({ fromWeek: '2026-W52', toWeek: '2026-W53' });
    expect(all.items.map((w) => `${w.workerId} ${w.week} ${w.shortfallHours}`)).toEqual([
      'anna 2026-W52 0',
      'anna 2026-W53 0',
      'bram 2026-W52 0',
      'bram 2026-W53 0',
      'cem 2026-W52 0',
      'cem 2026-W53 0',
      'dewi 2026-W52 20',
      'dewi 2026-W53 20',
      'femke 2026-W52 16',
      'femke 2026-W53 16',
    ]);
    const short = await hours({ fromWeek: '2026-W45', toWeek: '2027-W12', shortfallOnly: true, limit: 3, offset: 0 });
    // Cem from February (8 weeks), Dewi all winter (21 weeks) and Femke from week 52 (14 weeks).
    expect(short.total).toBe(8 + 21 + 14);
    expect(short.items.map((w) => `${w.workerId} ${w.week}`)).toEqual(['cem 2027-W05', 'cem 2027-W06', 'cem 2027-W07']);
    await expect(hours({ fromWeek: '2026-W45', toWeek: '2026-W44' })).rejects.toThrow(RangeError);
    await expect(hours({ fromWeek: '2026-W01', toWeek: '2028-W52' })).rejects.toThrow(/At most/);
  });

  it('shows the hours the hirer approved next to the planned hours', async () => {
    // Week 45: Visschedijk approved Cem's 3 × 8 h and rejected Anna's sheet.
    expect(await approved('cem', '2026-W45')).toBe('2026-W45: placed 24, approved 24 [cem-winter 24/24]');
    expect(await approved('anna', '2026-W45')).toBe('2026-W45: placed 24, approved null [anna-winter 24/null]');
    // Minutes that are no whole quarter of an hour: 7 h 20 min is 7.33 h. Bram's winter placement is still confirmed.
    await harness.append([
      approvedTimesheet(placements.femkeTaxi, '2026-W46', [timesheetLine('2026-11-10', '08:00', '15:20')]),
      approvedTimesheet(placements.bramWinter, '2026-W45', [timesheetLine('2026-11-02', '08:00', '12:00')]),
    ]);
    expect(await approved('femke', '2026-W46')).toBe('2026-W46: placed 28, approved 7.33 [femke-bolletje 16/null, femke-taxi 12/7.33]');
    expect(await approved('bram', '2026-W45')).toBe('2026-W45: placed 24, approved 4 [bram-winter 24/4]');
  });

  it('follows withdrawals and extensions', async () => {
    await harness.part2();
    expect(await line('bram', '2026-W46')).toBe('2026-W46: 0/24 (max 32) short 24 free 32 []');
    expect(await line('cem', '2027-W05')).toBe('2027-W05: 24/24 (max 32) short 0 free 8 [cem-winter 24]');
    // Cem's spring placement is only proposed: nothing placed yet.
    expect(await line('cem', '2027-W14')).toBe('2027-W14: 0/24 (max 32) short 24 free 32 []');
  });

  it('replaces a sheet’s approved hours on its re-approval, and keeps approved hours the plan no longer has', async () => {
    // Anna's corrected sheet (a sick Wednesday) approved; Cem's corrected one (a forgotten Thursday) approved again.
    expect(await approved('anna', '2026-W45')).toBe('2026-W45: placed 24, approved 24 [anna-winter 24/24]');
    expect(await approved('cem', '2026-W45')).toBe('2026-W45: placed 24, approved 32 [cem-winter 24/32]');
    // Bram's winter confirmation was undone after his Monday was approved: nothing planned, 4 h approved.
    expect(await approved('bram', '2026-W45')).toBe('2026-W45: placed 0, approved 4 [bram-winter 0/4]');
  });

  it('gives the same rows after replays, out-of-order and re-split batches, and a rebuild', async () => {
    await expectReplaysEqual(harness, workerHoursProjection, async () => [
      await harness.dataSource.manager.find(WorkerHoursPlacementWeek, { order: { placementId: 'ASC', weekStart: 'ASC' } }),
      await harness.dataSource.manager.find(WorkerHoursContract, { order: { workerId: 'ASC', contractId: 'ASC' } }),
      await harness.dataSource.manager.find(WorkerHoursApprovedSheet, { order: { timesheetId: 'ASC' } }),
      await hours({ fromWeek: '2026-W01', toWeek: '2027-W52', limit: 1000 }),
    ]);
  });

  it("reads the workers' contract terms and placement weeks for allocation", async () => {
    await harness.append([
      {
        streamId: workerStreamId('dewi'),
        events: [
          { type: 'PoolContractEnded', data: { workerId: 'dewi', contractId: 'c1', lastDay: '2027-01-31', reason: 'Moved away' } },
          // Ended but never agreed (a hand-made event): no terms, so no contract.
          { type: 'PoolContractEnded', data: { workerId: 'dewi', contractId: 'c0', lastDay: '2026-02-28', reason: 'Legacy' } },
        ],
      },
    ]);
    expect(await contractTermsOfWorkers(harness.dataSource.manager, ['bram', 'dewi', 'femke', 'nobody'])).toStrictEqual([
      {
        workerId: 'bram',
        contractId: 'c1',
        period: { from: '2026-03-01', to: '2027-02-28' },
        guaranteedHoursPerWeek: 24,
        maxHoursPerWeek: 32,
      },
      {
        workerId: 'dewi',
        contractId: 'c1',
        period: { from: '2026-03-01', to: '2027-01-31' },
        guaranteedHoursPerWeek: 20,
        maxHoursPerWeek: 24,
      },
      { workerId: 'femke', contractId: 'c1', period: { from: '2026-09-01' }, guaranteedHoursPerWeek: 28, maxHoursPerWeek: 32 },
    ]);
    const weeks = (workerIds: string[], toWeek: string) => placementWeeksOfWorkers(harness.dataSource.manager, workerIds, week(toWeek));
    expect(await weeks(['femke'], '2026-W37')).toEqual([
      { workerId: 'femke', placementId: 'femke-taxi', employerId: 'taxi-twente', weekStart: '2026-08-31', hours: 12 },
      { workerId: 'femke', placementId: 'femke-bolletje', employerId: 'bolletje', weekStart: '2026-09-07', hours: 16 },
      { workerId: 'femke', placementId: 'femke-taxi', employerId: 'taxi-twente', weekStart: '2026-09-07', hours: 12 },
    ]);
    // Bram's park weeks from April to his early end; his withdrawn winter placement has none.
    const bram = await weeks(['bram'], '2027-W12');
    expect(new Set(bram.map((w) => w.placementId))).toEqual(new Set(['bram-park-2026']));
    expect([bram.length, bram[0].weekStart, bram.at(-1)!.weekStart]).toEqual([27, '2026-03-30', '2026-09-28']);
    expect(await contractTermsOfWorkers(harness.dataSource.manager, [])).toEqual([]);
    expect(await weeks([], '2027-W12')).toEqual([]);
  });
});
