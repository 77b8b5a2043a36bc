import { STACK_KINDS } from '@banenpool/testing';
import { expectReplaysEqual, openHarness, type ReadModelHarness } from '../shared/read-model.testing.js';
import { mondayOfIsoWeek } from '../shared/weeks.js';
import { AllocationBoardEntry, AllocationBoardWorker, AllocationBoardWorkerSkill } from './allocation-board.entity.js';
import { allocationBoardProjection } from './allocation-board.projection.js';
import { listBoard, workersWithAnySkill, type BoardFilter } from './allocation-board.query.js';

const week = (w: string) => mondayOfIsoWeek(w)!;
const page = { limit: 50, offset: 0 };

describe.each(STACK_KINDS)('allocation board on %s', (kind) => {
  let harness: ReadModelHarness;
  const board = (filter: Partial<BoardFilter>) => listBoard(harness.dataSource, { ...page, ...filter });
  /** Who works how many hours where in one week: 'worker: placement@employer/site hours'. */
  const summary = async (isoWeek: string, filter: Partial<BoardFilter> = {}) =>
    (await board({ fromWeek: week(isoWeek), toWeek: week(isoWeek), ...filter })).items.map(
      (i) => `${i.workerId} ${i.hours}h: ${i.placements.map((p) => `${p.placementId}@${p.employerId}/${p.siteId}`).join(' + ')}`,
    );

  beforeAll(async () => {
    harness = await openHarness(kind, allocationBoardProjection);
  });
  afterAll(() => harness?.close());

  it('shows per week and worker where they work, how long, under which CAO and wage', async () => {
    expect(await summary('2026-W40')).toEqual([
      'anna 24h: anna-park-2026@waarbeek/park',
      // Bram's early end on Wednesday 30 September: this week still counts in full, the next does not.
      'bram 24h: bram-park-2026@waarbeek/park',
      'cem 24h: cem-park-2026@waarbeek/park',
      'dewi 20h: dewi-park-2026@waarbeek/park',
      // Two small-hour placements linked into one week of 28 h.
      'femke 28h: femke-bolletje@bolletje/almelo + femke-taxi@taxi-twente/depot',
    ]);
    expect(await summary('2026-W41')).toEqual([
      'anna 24h: anna-park-2026@waarbeek/park',
      'cem 24h: cem-park-2026@waarbeek/park',
      'dewi 20h: dewi-park-2026@waarbeek/park',
      'femke 28h: femke-bolletje@bolletje/almelo + femke-taxi@taxi-twente/depot',
    ]);
    const [anna] = (await board({ workerId: 'anna', fromWeek: week('2026-W45'), toWeek: week('2026-W45') })).items;
    expect(anna).toEqual({
      week: '2026-W45',
      weekStart: '2026-11-02',
      workerId: 'anna',
      workerName: 'Anna de Vries',
      hours: 24,
      placements: [
        {
          placementId: 'anna-winter',
          employerId: 'visschedijk',
          siteId: 'hengelo',
          functionName: 'schoonmaker',
          capacityRequestId: 'vd-winter',
          legalForm: 'payroll',
          hours: 24,
          // Confirmed before the minimum wage from July 2026 on was published: the first day's wage is not known.
          hourlyCents: null,
          wageBasis: null,
          cao: { code: 'schoonmaak', versionFrom: null, revision: null, scale: 'A', step: 2 },
          from: '2026-11-02',
          to: '2027-03-28',
        },
      ],
    });
    const [parkWeek] = (await board({ workerId: 'anna', fromWeek: week('2026-W44'), toWeek: week('2026-W44') })).items;
    expect(parkWeek.placements[0]).toMatchObject({
      placementId: 'anna-park-2026',
      hourlyCents: 1512,
      wageBasis: 'cao',
      cao: { code: 'recreatie', versionFrom: '2026-01-01', revision: 0, scale: 'A', step: 1 },
    });
  });

  it('filters by employer, site, skill and week range, and pages over (week, worker)', async () => {
    expect(await summary('2026-W45', { employerId: 'visschedijk' })).toEqual([
      'anna 24h: anna-winter@visschedijk/hengelo',
      'bram 24h: bram-winter@visschedijk/hengelo',
      'cem 24h: cem-winter@visschedijk/hengelo',
    ]);
    // An employer filter shows only that employer's placements, not the worker's other work.
    expect(await summary('2026-W45', { employerId: 'taxi-twente' })).toEqual(['femke 12h: femke-taxi@taxi-twente/depot']);
    expect(await summary('2026-W45', { siteId: 'almelo' })).toEqual(['femke 16h: femke-bolletje@bolletje/almelo']);
    expect(await summary('2026-W45', { skill: 'packing' })).toEqual([
      'femke 28h: femke-bolletje@bolletje/almelo + femke-taxi@taxi-twente/depot',
    ]);
    expect(await summary('2026-W45', { skill: 'welding' })).toEqual([]);
    // Cem's winter placement ends on Sunday 31 January (before its extension in part 2).
    expect(await summary('2027-W04', { employerId: 'visschedijk' })).toHaveLength(3);
    expect(await summary('2027-W05', { employerId: 'visschedijk' })).toEqual([
      'anna 24h: anna-winter@visschedijk/hengelo',
      'bram 24h: bram-winter@visschedijk/hengelo',
    ]);

    const range = await board({ workerId: 'anna', fromWeek: week('2026-W43'), toWeek: week('2026-W46') });
    expect(range.items.map((i) => `${i.week} ${i.placements[0].placementId}`)).toEqual([
      '2026-W43 anna-park-2026',
      '2026-W44 anna-park-2026',
      '2026-W45 anna-winter',
      '2026-W46 anna-winter',
    ]);
    const all = await board({});
    const second = await board({ limit: 2, offset: 2 });
    expect(second.total).toBe(all.total);
    expect(second.items.map((i) => `${i.week} ${i.workerId}`)).toEqual(all.items.slice(2, 4).map((i) => `${i.week} ${i.workerId}`));
    expect(all.items.slice(0, 3).map((i) => `${i.week} ${i.workerId}`)).toEqual(['2026-W14 anna', '2026-W14 bram', '2026-W14 cem']);
    expect(await board({ offset: all.total })).toEqual({ items: [], total: all.total, limit: 50, offset: all.total });
  });

  it('follows withdrawals, extensions and skill changes', async () => {
    await harness.part2();
    // Bram's confirmation was undone: gone from every week. Cem's extension runs to 28 March.
    expect(await summary('2027-W05', { employerId: 'visschedijk' })).toEqual([
      'anna 24h: anna-winter@visschedijk/hengelo',
      'cem 24h: cem-winter@visschedijk/hengelo',
    ]);
    expect(await summary('2027-W12', { employerId: 'visschedijk' })).toHaveLength(2);
    expect(await summary('2027-W13', { employerId: 'visschedijk' })).toEqual([]);
    expect((await board({ workerId: 'bram', fromWeek: week('2026-W41') })).total).toBe(0);
    // Femke lost the skill 'cleaning'; Cem gained it.
    expect((await summary('2026-W45', { skill: 'cleaning' })).map((s) => s.split(' ')[0])).toEqual(['anna', 'cem']);
    // A proposal is not on the board; Anna is back at the park in April.
    expect(await summary('2027-W14')).toEqual(['anna 24h: anna-park-2027@waarbeek/park', 'femke 12h: femke-taxi@taxi-twente/depot']);
  });

  it('gives the same rows after replays, out-of-order and re-split batches, and a rebuild', async () => {
    await expectReplaysEqual(harness, allocationBoardProjection, async () => [
      await harness.dataSource.manager.find(AllocationBoardEntry, { order: { placementId: 'ASC', weekStart: 'ASC' } }),
      await harness.dataSource.manager.find(AllocationBoardWorkerSkill, { order: { workerId: 'ASC', skill: 'ASC' } }),
      await board({ limit: 1000 }),
    ]);
  });

  it('reads the workers with any of the skills asked, with all their skills, for allocation', async () => {
    const withSkills = (skills: string[]) => workersWithAnySkill(harness.dataSource.manager, skills);
    expect(await withSkills(['packing', 'welding'])).toEqual([{ workerId: 'femke', skills: ['driving', 'packing'] }]);
    // Femke lost 'cleaning': her row for it stays, no longer present.
    expect((await withSkills(['cleaning'])).map((w) => w.workerId)).toEqual(['anna', 'bram', 'cem', 'dewi']);
    expect((await withSkills(['cleaning', 'driving'])).map((w) => w.workerId)).toEqual(['anna', 'bram', 'cem', 'dewi', 'femke']);
    expect(await withSkills(['welding'])).toEqual([]);
    expect(await withSkills([])).toEqual([]);
  });

  it('blanks an erased worker’s name and skills, keeps their weeks, and a replay or rebuild brings neither back', async () => {
    const weeksBefore = (await board({ workerId: 'cem', limit: 1000 })).items.map((i) => `${i.week} ${i.hours}`);
    expect(weeksBefore.length).toBeGreaterThan(0);
    await harness.append([
      {
        streamId: 'worker-cem',
        events: [
          {
            type: 'WorkerDataErased',
            data: { workerId: 'cem', reason: 'data_subject_request', erasedOn: '2027-06-01', retained: { targetGroupStatuses: [] } },
          },
        ],
      },
    ]);
    const after = (await board({ workerId: 'cem', limit: 1000 })).items;
    expect(after.map((i) => `${i.week} ${i.hours}`)).toEqual(weeksBefore);
    expect(new Set(after.map((i) => i.workerName))).toEqual(new Set(['[erased]']));
    expect((await workersWithAnySkill(harness.dataSource.manager, ['cleaning'])).map((w) => w.workerId)).not.toContain('cem');
    await expectReplaysEqual(harness, allocationBoardProjection, async () => [
      await harness.dataSource.manager.find(AllocationBoardWorker, { order: { workerId: 'ASC' } }),
      await harness.dataSource.manager.find(AllocationBoardWorkerSkill, { order: { workerId: 'ASC', skill: 'ASC' } }),
      await board({ limit: 1000 }),
    ]);
  });
});
