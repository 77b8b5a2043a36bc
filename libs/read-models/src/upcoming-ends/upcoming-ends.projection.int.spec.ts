import { STACK_KINDS } from '@banenpool/testing';
import { expectReplaysEqual, openHarness, type ReadModelHarness } from '../shared/read-model.testing.js';
import { UpcomingEnd } from './upcoming-ends.entity.js';
import { upcomingEndsProjection } from './upcoming-ends.projection.js';
import { listUpcomingEnds, type UpcomingEndsFilter } from './upcoming-ends.query.js';

describe.each(STACK_KINDS)('upcoming ends on %s', (kind) => {
  let harness: ReadModelHarness;
  const ends = (filter: Partial<UpcomingEndsFilter> = {}) =>
    listUpcomingEnds(harness.dataSource, { asOf: '2026-11-23', horizonMonths: 6, limit: 50, offset: 0, ...filter });
  const summary = async (filter: Partial<UpcomingEndsFilter> = {}) =>
    (await ends(filter)).items.map(
      (e) =>
        `${e.lastDay} ${e.placementId} (${e.daysLeft} d)` +
        (e.followUp ? ` → ${e.followUp.placementId} ${e.followUp.from}` : '') +
        (e.proposedFollowUp ? ` → proposed ${e.proposedFollowUp.placementId}` : ''),
    );

  beforeAll(async () => {
    harness = await openHarness(kind, upcomingEndsProjection);
  });
  afterAll(() => harness?.close());

  it('lists placements ending within the horizon with no follow-up, soonest first', async () => {
    expect(await summary()).toEqual([
      '2026-12-18 femke-bolletje (25 d)',
      '2027-01-31 cem-winter (69 d)',
      '2027-02-28 bram-winter (97 d)',
      '2027-03-28 anna-winter (125 d)',
    ]);
    // The park's season ended before asOf; Femke's taxi placement ends after the horizon.
    expect(await summary({ horizonMonths: 8 })).toContain('2027-06-30 femke-taxi (219 d)');
    // At the end of the park's season only Dewi has nothing next.
    expect(await summary({ asOf: '2026-10-01', horizonMonths: 1 })).toEqual(['2026-10-31 dewi-park-2026 (30 d)']);
    expect(await summary({ asOf: '2026-10-01', horizonMonths: 1, includeFollowedUp: true })).toEqual([
      '2026-10-31 anna-park-2026 (30 d) → anna-winter 2026-11-02',
      '2026-10-31 cem-park-2026 (30 d) → cem-winter 2026-11-02',
      '2026-10-31 dewi-park-2026 (30 d)',
    ]);
  });

  it('filters by employer and worker, and pages', async () => {
    expect(await summary({ employerId: 'visschedijk' })).toEqual([
      '2027-01-31 cem-winter (69 d)',
      '2027-02-28 bram-winter (97 d)',
      '2027-03-28 anna-winter (125 d)',
    ]);
    expect(await summary({ workerId: 'femke', horizonMonths: 12 })).toEqual([
      '2026-12-18 femke-bolletje (25 d)',
      '2027-06-30 femke-taxi (219 d)',
    ]);
    expect(await ends({ limit: 2, offset: 2 })).toMatchObject({
      total: 4,
      items: [{ placementId: 'bram-winter' }, { placementId: 'anna-winter' }],
    });
  });

  it('follows withdrawals, extensions and next placements', async () => {
    await harness.part2();
    // Bram's winter placement was withdrawn; Cem's was extended and only has a proposal after it;
    // Anna returns to the park four days after her winter placement.
    expect(await summary()).toEqual(['2026-12-18 femke-bolletje (25 d)', '2027-03-28 cem-winter (125 d) → proposed cem-spring-2027']);
    expect(await summary({ includeFollowedUp: true, workerId: 'anna' })).toEqual([
      '2027-03-28 anna-winter (125 d) → anna-park-2027 2027-04-01',
    ]);
  });

  it('gives the same rows after replays, out-of-order and re-split batches, and a rebuild', async () => {
    await expectReplaysEqual(harness, upcomingEndsProjection, async () => [
      await harness.dataSource.manager.find(UpcomingEnd, { order: { placementId: 'ASC' } }),
      await ends({ asOf: '2026-01-01', horizonMonths: 36, includeFollowedUp: true }),
    ]);
  });
});
