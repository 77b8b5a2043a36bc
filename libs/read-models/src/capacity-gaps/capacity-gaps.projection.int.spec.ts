import { capacityStreamId, placementStreamId } from '@banenpool/domain';
import { STACK_KINDS } from '@banenpool/testing';
import { expectReplaysEqual, openHarness, type ReadModelHarness } from '../shared/read-model.testing.js';
import { mondayOfIsoWeek } from '../shared/weeks.js';
import { CapacityGapSlot, CapacityGapWeek } from './capacity-gaps.entity.js';
import { capacityGapsProjection } from './capacity-gaps.projection.js';
import { listCapacityGaps, openRequestsInWeeks, type CapacityGapFilter, type OpenRequestsFilter } from './capacity-gaps.query.js';

const week = (w: string) => mondayOfIsoWeek(w)!;

describe.each(STACK_KINDS)('capacity gaps on %s', (kind) => {
  let harness: ReadModelHarness;
  const gaps = (filter: Partial<CapacityGapFilter>) => listCapacityGaps(harness.dataSource, { limit: 100, offset: 0, ...filter });
  /** 'week: filled/asked places, filled/asked hours, open places/hours' for one request. */
  const line = async (requestId: string, isoWeek: string) => {
    const [gap] = (await gaps({ requestId, fromWeek: week(isoWeek), toWeek: week(isoWeek) })).items;
    return (
      gap &&
      `${gap.week} ${gap.status}: ${gap.filled.headcount}/${gap.asked.headcount} places, ${gap.filled.hours}/${gap.asked.hours} h, open ${gap.open.headcount}/${gap.open.hours} h [${gap.filled.placementIds.join(',')}]`
    );
  };
  /** The allocation engine's read, with ISO weeks for Mondays. */
  const openRequests = (filter: Partial<OpenRequestsFilter> & { fromWeek: string; toWeek: string }) =>
    openRequestsInWeeks(harness.dataSource.manager, {
      employerIds: [],
      requestIds: [],
      ...filter,
      fromWeek: week(filter.fromWeek),
      toWeek: week(filter.toWeek),
    });

  beforeAll(async () => {
    harness = await openHarness(kind, capacityGapsProjection);
  });
  afterAll(() => harness?.close());

  it('compares places and hours asked with those filled, per request and week', async () => {
    // Visschedijk's winter request touches 21 ISO weeks (2026 has a week 53).
    expect((await gaps({ requestId: 'vd-winter' })).total).toBe(21);
    expect(await line('vd-winter', '2026-W45')).toBe('2026-W45 open: 2/2 places, 48/48 h, open 0/0 h [anna-winter,cem-winter]');
    // Cem's placement ends on 31 January; Bram's confirmation holds no place (the request was full).
    expect(await line('vd-winter', '2027-W05')).toBe('2027-W05 open: 1/2 places, 24/48 h, open 1/24 h [anna-winter]');
    expect(await line('vd-winter', '2026-W44')).toBeUndefined();
    expect(await line('bolletje-autumn', '2026-W37')).toBe('2026-W37 open: 1/3 places, 16/48 h, open 2/32 h [femke-bolletje]');
  });

  it('filters by employer, week range and open places, and pages', async () => {
    const open = await gaps({ employerId: 'visschedijk', openOnly: true });
    expect(open.items.map((g) => g.week)).toEqual([
      '2027-W05',
      '2027-W06',
      '2027-W07',
      '2027-W08',
      '2027-W09',
      '2027-W10',
      '2027-W11',
      '2027-W12',
    ]);
    const range = await gaps({ fromWeek: week('2026-W50'), toWeek: week('2026-W52') });
    expect(range.items.map((g) => `${g.week} ${g.requestId}`)).toEqual([
      '2026-W50 bolletje-autumn',
      '2026-W50 vd-winter',
      '2026-W51 bolletje-autumn',
      '2026-W51 vd-winter',
      '2026-W52 vd-winter',
    ]);
    const page = await gaps({ fromWeek: week('2026-W50'), toWeek: week('2026-W52'), limit: 2, offset: 4 });
    expect(page).toMatchObject({ total: 5, limit: 2, offset: 4, items: [{ week: '2026-W52', requestId: 'vd-winter' }] });
    expect((await gaps({ employerId: 'taxi-twente' })).total).toBe(0);
  });

  it('reads the requests touching a range of weeks for allocation, with their reserved and open places', async () => {
    expect(await openRequests({ fromWeek: '2026-W51', toWeek: '2026-W51' })).toEqual([
      {
        requestId: 'bolletje-autumn',
        employerId: 'bolletje',
        siteId: 'almelo',
        functionName: 'inpakker',
        requiredSkill: 'packing',
        period: { from: '2026-09-07', to: '2026-12-18' },
        hoursPerWeek: 16,
        headcount: 3,
        reservedSlots: 1,
        openByWeek: { '2026-12-14': 2 },
      },
      {
        requestId: 'vd-winter',
        employerId: 'visschedijk',
        siteId: 'hengelo',
        functionName: 'schoonmaker',
        requiredSkill: 'cleaning',
        period: { from: '2026-11-02', to: '2027-03-28' },
        hoursPerWeek: 24,
        headcount: 2,
        // Anna's and Cem's; Bram's confirmation holds none.
        reservedSlots: 2,
        openByWeek: { '2026-12-14': 0 },
      },
    ]);
    // Bolletje's request ends on Friday 18 December, before week 52; Cem's place is open again from February.
    const winter = await openRequests({ fromWeek: '2026-W52', toWeek: '2027-W05' });
    expect(winter.map((r) => r.requestId)).toEqual(['vd-winter']);
    expect(winter[0].openByWeek).toMatchObject({ '2027-01-25': 0, '2027-02-01': 1 });
    expect(Object.keys(winter[0].openByWeek)).toHaveLength(7);
    // Both filters hold at once.
    const requestIds = async (filter: Partial<OpenRequestsFilter>) =>
      (await openRequests({ fromWeek: '2026-W37', toWeek: '2027-W12', ...filter })).map((r) => r.requestId);
    expect(await requestIds({ employerIds: ['visschedijk'] })).toEqual(['vd-winter']);
    expect(await requestIds({ requestIds: ['bolletje-autumn'] })).toEqual(['bolletje-autumn']);
    expect(await requestIds({ employerIds: ['visschedijk'], requestIds: ['bolletje-autumn'] })).toEqual([]);
    expect(await openRequests({ fromWeek: '2026-W30', toWeek: '2026-W36' })).toEqual([]);
  });

  it('follows extensions, amendments, early ends and withdrawals', async () => {
    await harness.part2();
    expect(await line('vd-winter', '2027-W05')).toBe('2027-W05 open: 2/2 places, 48/48 h, open 0/0 h [anna-winter,cem-winter]');
    expect((await gaps({ employerId: 'visschedijk', openOnly: true })).total).toBe(0);
    expect(await line('bolletje-autumn', '2026-W37')).toBe('2026-W37 open: 1/2 places, 16/32 h, open 1/16 h [femke-bolletje]');

    // Femke leaves Bolletje on Friday 27 November; the process releases her place; Bolletje then withdraws the request.
    await harness.append([
      {
        streamId: placementStreamId('femke-bolletje'),
        events: [
          { type: 'PlacementEndedEarly', data: { placementId: 'femke-bolletje', lastDay: '2026-11-27', reason: 'Peak over early' } },
        ],
      },
      {
        streamId: capacityStreamId('bolletje-autumn'),
        events: [
          { type: 'CapacitySlotReleased', data: { requestId: 'bolletje-autumn', placementId: 'femke-bolletje' } },
          { type: 'CapacityRequestWithdrawn', data: { requestId: 'bolletje-autumn', reason: 'Peak over' } },
        ],
      },
    ]);
    expect(await line('bolletje-autumn', '2026-W48')).toBe('2026-W48 withdrawn: 1/2 places, 16/32 h, open 0/0 h [femke-bolletje]');
    expect(await line('bolletje-autumn', '2026-W49')).toBe('2026-W49 withdrawn: 0/2 places, 0/32 h, open 0/0 h []');
  });

  it('gives the same rows after replays, out-of-order and re-split batches, and a rebuild', async () => {
    await expectReplaysEqual(harness, capacityGapsProjection, async () => [
      await harness.dataSource.manager.find(CapacityGapWeek, { order: { requestId: 'ASC', weekStart: 'ASC' } }),
      await harness.dataSource.manager.find(CapacityGapSlot, { order: { requestId: 'ASC', placementId: 'ASC' } }),
      await gaps({ limit: 1000 }),
    ]);
  });

  it("leaves withdrawn requests out of the allocation engine's read", async () => {
    expect((await openRequests({ fromWeek: '2026-W48', toWeek: '2026-W50' })).map((r) => r.requestId)).toEqual(['vd-winter']);
  });
});
