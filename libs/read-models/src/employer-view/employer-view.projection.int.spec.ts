import { employerStreamId } from '@banenpool/domain';
import { STACK_KINDS } from '@banenpool/testing';
import { expectReplaysEqual, openHarness, type ReadModelHarness } from '../shared/read-model.testing.js';
import { mondayOfIsoWeek } from '../shared/weeks.js';
import { EmployerViewEmployer, EmployerViewPlacement, EmployerViewPlacementWeek, EmployerViewRequest } from './employer-view.entity.js';
import { employerViewProjection } from './employer-view.projection.js';
import { employerOverview, listEmployerPlacements, listEmployerRequests, sitesOfMembers } from './employer-view.query.js';

const weeks = (from: string, to: string) => ({ fromWeek: mondayOfIsoWeek(from)!, toWeek: mondayOfIsoWeek(to)! });
const page = { limit: 50, offset: 0 };

describe.each(STACK_KINDS)('employer view on %s', (kind) => {
  let harness: ReadModelHarness;
  const overview = (employerId: string, from = '2026-W45', to = '2026-W46') =>
    employerOverview(harness.dataSource, employerId, weeks(from, to));

  beforeAll(async () => {
    harness = await openHarness(kind, employerViewProjection);
  });
  afterAll(() => harness?.close());

  it('shows an employer its membership, sites, requests, placements and hours', async () => {
    expect(await overview('visschedijk')).toEqual({
      employerId: 'visschedijk',
      name: 'Visschedijk Facilitair',
      membership: { from: '2026-01-01', until: null },
      sites: [{ siteId: 'hengelo', name: 'Visschedijk Facilitair hengelo', area: 'hengelo', closures: [] }],
      requests: { open: 1, withdrawn: 0, openPlaces: 0 },
      placements: { proposed: 0, confirmed: 3, ended: 0, withdrawn: 0 },
      hoursByWeek: [
        { week: '2026-W45', weekStart: '2026-11-02', hours: 72, placements: 3, workers: 3 },
        { week: '2026-W46', weekStart: '2026-11-09', hours: 72, placements: 3, workers: 3 },
      ],
    });
    const park = await overview('waarbeek', '2026-W40', '2026-W41');
    expect(park?.sites[0].closures).toEqual([{ from: '2026-11-01', to: '2027-03-31', reason: 'Winter closure' }]);
    expect(park?.placements).toEqual({ proposed: 0, confirmed: 0, ended: 4, withdrawn: 0 });
    // Bram's early end on 30 September: his hours count in week 40, not in week 41.
    expect(park?.hoursByWeek.map((w) => `${w.week} ${w.hours} h ${w.workers} workers`)).toEqual([
      '2026-W40 92 h 4 workers',
      '2026-W41 68 h 3 workers',
    ]);
    expect(await overview('nobody')).toBeUndefined();
  });

  it('lists the employer’s requests and placements, and only its own', async () => {
    const requests = await listEmployerRequests(harness.dataSource, 'bolletje', page);
    expect(requests).toEqual({
      items: [
        {
          requestId: 'bolletje-autumn',
          siteId: 'almelo',
          functionName: 'inpakker',
          requiredSkill: 'packing',
          period: { from: '2026-09-07', to: '2026-12-18' },
          hoursPerWeek: 16,
          headcount: 3,
          filled: 1,
          openPlaces: 2,
          status: 'open',
        },
      ],
      total: 1,
      ...page,
    });
    const placements = await listEmployerPlacements(harness.dataSource, 'taxi-twente', page);
    expect(placements.items).toEqual([
      {
        placementId: 'femke-taxi',
        workerId: 'femke',
        siteId: 'depot',
        functionName: 'chauffeur',
        capacityRequestId: null,
        legalForm: 'secondment',
        hoursPerWeek: 12,
        period: { from: '2026-09-01', to: '2027-06-30' },
        lastDay: null,
        status: 'confirmed',
        billRateCents: 3150,
        // From 1 September 2026: confirmed before that half-year's minimum wage was published, so its first day's wage is not known.
        pay: { hourlyCents: null, wageBasis: null, cao: { code: 'taxi', versionFrom: null, revision: null, scale: 'B', step: 0 } },
      },
    ]);
    const park = await listEmployerPlacements(harness.dataSource, 'waarbeek', { ...page, limit: 2, offset: 1 });
    expect(park).toMatchObject({
      total: 4,
      items: [{ placementId: 'bram-park-2026', lastDay: '2026-09-30' }, { placementId: 'cem-park-2026' }],
    });
  });

  it('follows withdrawals, extensions, amendments and new placements', async () => {
    await harness.part2();
    const visschedijk = await overview('visschedijk', '2027-W05', '2027-W05');
    expect(visschedijk?.placements).toEqual({ proposed: 1, confirmed: 2, ended: 0, withdrawn: 1 });
    expect(visschedijk?.hoursByWeek).toEqual([{ week: '2027-W05', weekStart: '2027-02-01', hours: 48, placements: 2, workers: 2 }]);
    const withdrawn = await listEmployerPlacements(harness.dataSource, 'visschedijk', { ...page, status: 'withdrawn' });
    expect(withdrawn.items.map((p) => `${p.placementId} ${p.status}`)).toEqual(['bram-winter withdrawn']);
    expect((await listEmployerRequests(harness.dataSource, 'bolletje', page)).items[0]).toMatchObject({
      headcount: 2,
      filled: 1,
      openPlaces: 1,
    });
    expect((await listEmployerRequests(harness.dataSource, 'bolletje', { ...page, status: 'withdrawn' })).total).toBe(0);
  });

  it('gives the same rows after replays, out-of-order and re-split batches, and a rebuild', async () => {
    await expectReplaysEqual(harness, employerViewProjection, async () => [
      await harness.dataSource.manager.find(EmployerViewEmployer, { order: { employerId: 'ASC' } }),
      await harness.dataSource.manager.find(EmployerViewRequest, { order: { requestId: 'ASC' } }),
      await harness.dataSource.manager.find(EmployerViewPlacement, { order: { placementId: 'ASC' } }),
      await harness.dataSource.manager.find(EmployerViewPlacementWeek, { order: { placementId: 'ASC', weekStart: 'ASC' } }),
      await Promise.all(['visschedijk', 'waarbeek', 'bolletje', 'taxi-twente'].map((id) => overview(id, '2026-W01', '2027-W52'))),
    ]);
  });

  it('reads the sites of member employers, with membership and closures, for allocation', async () => {
    await harness.append([
      {
        streamId: employerStreamId('taxi-twente'),
        events: [{ type: 'EmployerLeftPool', data: { employerId: 'taxi-twente', memberUntil: '2027-06-30' } }],
      },
      // A hand-made stream: a site of an employer that never joined.
      {
        streamId: employerStreamId('ghost'),
        events: [{ type: 'SiteAdded', data: { employerId: 'ghost', siteId: 'shed', name: 'Shed', area: 'almelo' } }],
      },
    ]);
    expect(await sitesOfMembers(harness.dataSource.manager, ['waarbeek', 'taxi-twente', 'ghost', 'visschedijk'])).toStrictEqual([
      { employerId: 'taxi-twente', siteId: 'depot', area: 'enschede', membership: { from: '2026-01-01', to: '2027-06-30' }, closures: [] },
      { employerId: 'visschedijk', siteId: 'hengelo', area: 'hengelo', membership: { from: '2026-01-01' }, closures: [] },
      {
        employerId: 'waarbeek',
        siteId: 'park',
        area: 'hengelo',
        membership: { from: '2026-01-01' },
        closures: [{ from: '2026-11-01', to: '2027-03-31' }],
      },
    ]);
    expect(await sitesOfMembers(harness.dataSource.manager, [])).toEqual([]);
  });
});
