import { employerStreamId, placementStreamId, type EmployerEvent, type LocalDate, type PlacementEvent } from '@banenpool/domain';
import { formatPosition } from '@banenpool/event-store';
import { STACK_KINDS } from '@banenpool/testing';
import { placed, placements, type ScenarioAppend } from '../shared/pool-scenario.fixtures.js';
import { expectReplaysEqual, openHarness, type ReadModelHarness } from '../shared/read-model.testing.js';
import { PlacementConflict, PlacementConflictWeek } from './placement-conflicts.entity.js';
import { placementConflictsProjection } from './placement-conflicts.projection.js';
import { conflictReleasedWeeksOfWorkers, listConflicts, type ConflictsFilter } from './placement-conflicts.query.js';

const closure = (siteId: string, from: LocalDate, to: LocalDate, reason: string): ScenarioAppend => ({
  streamId: employerStreamId('visschedijk'),
  events: [{ type: 'SeasonalClosureDeclared', data: { employerId: 'visschedijk', siteId, period: { from, to }, reason } } as EmployerEvent],
});

const placementEvent = (event: PlacementEvent): ScenarioAppend => ({
  streamId: placementStreamId(event.data.placementId),
  events: [event],
});

// Dewi is placed at Visschedijk over the turn of the year although the site is closed then: the
// confirmation that slipped through (the decider would refuse it).
const dewiChristmas = {
  ...placements.annaWinter,
  id: 'dewi-christmas',
  workerId: 'dewi',
  hours: 20,
  from: '2026-12-28',
  to: '2027-01-10',
  request: undefined,
};

describe.each(STACK_KINDS)('placement conflicts on %s', (kind) => {
  let harness: ReadModelHarness;
  const conflicts = (filter: Partial<ConflictsFilter> = {}) => listConflicts(harness.dataSource, { limit: 50, offset: 0, ...filter });
  const summary = async (filter: Partial<ConflictsFilter> = {}) =>
    (await conflicts(filter)).items.map(
      (c) =>
        `${c.placementId} × ${c.closure.from}: ${c.overlap.from}..${c.overlap.to} (${c.overlap.days} d)` +
        (c.releasedWeeks.length > 0 ? ` frees ${c.releasedWeeks.join(' ')}` : '') +
        (c.placement.ended ? ' ended' : ''),
    );
  const lastPosition = async (streamId: string) => formatPosition((await harness.stack.store.readStream(streamId)).at(-1)!.position);

  beforeAll(async () => {
    harness = await openHarness(kind, placementConflictsProjection);
  });
  afterAll(() => harness?.close());

  it('finds none while every closure was declared before the placements at its site', async () => {
    // The park closes from 1 November; its 2026 season ends on 31 October.
    expect(await summary()).toEqual([]);
  });

  it('lists the confirmed placements a later closure of their site overlaps, and since when', async () => {
    await harness.append([closure('hengelo', '2026-12-21', '2027-01-03', 'Christmas closure')]);
    const christmas = await lastPosition(employerStreamId('visschedijk'));
    await harness.append([closure('hengelo', '2027-03-24', '2027-04-04', 'Renovation'), ...placed(dewiChristmas)]);

    expect(await summary()).toEqual([
      'anna-winter × 2026-12-21: 2026-12-21..2027-01-03 (14 d) frees 2026-W52 2026-W53',
      'bram-winter × 2026-12-21: 2026-12-21..2027-01-03 (14 d) frees 2026-W52 2026-W53',
      'cem-winter × 2026-12-21: 2026-12-21..2027-01-03 (14 d) frees 2026-W52 2026-W53',
      // Dewi works the week of 4 January, which is open: only the week before is freed.
      'dewi-christmas × 2026-12-21: 2026-12-28..2027-01-03 (7 d) frees 2026-W53',
      // Anna works Monday and Tuesday before the renovation starts: that week stays committed.
      'anna-winter × 2027-03-24: 2027-03-24..2027-03-28 (5 d)',
    ]);
    const [anna] = (await conflicts({ workerId: 'anna' })).items;
    expect(anna).toMatchObject({
      employerId: 'visschedijk',
      siteId: 'hengelo',
      functionName: 'schoonmaker',
      hours: 24,
      placement: { from: '2026-11-02', to: '2027-03-28', ended: false },
      closure: { from: '2026-12-21', to: '2027-01-03', reason: 'Christmas closure' },
      // Declared after the confirmation: the closure made the conflict.
      since: { position: christmas },
    });
    expect(new Date(anna.since.at).getTime()).not.toBeNaN();
    // Confirmed after the closure: the confirmation made it.
    const [dewi] = (await conflicts({ workerId: 'dewi' })).items;
    expect(dewi.since.position).toBe(await lastPosition(placementStreamId('dewi-christmas')));
  });

  it('filters by employer, site and worker, and pages', async () => {
    expect(await summary({ employerId: 'waarbeek' })).toEqual([]);
    expect(await summary({ siteId: 'park' })).toEqual([]);
    expect((await conflicts({ employerId: 'visschedijk', siteId: 'hengelo' })).total).toBe(5);
    expect(await summary({ workerId: 'anna', closureFrom: '2027-03-24' })).toEqual([
      'anna-winter × 2027-03-24: 2027-03-24..2027-03-28 (5 d)',
    ]);
    expect(await conflicts({ limit: 2, offset: 1 })).toMatchObject({
      total: 5,
      items: [{ placementId: 'bram-winter' }, { placementId: 'cem-winter' }],
    });
  });

  it('resolves a conflict once the placement no longer overlaps the closure: withdrawn, ended early before it', async () => {
    // Bram's confirmation is undone; Cem's placement is extended into the renovation.
    await harness.part2();
    await harness.append([
      placementEvent({ type: 'PlacementEndedEarly', data: { placementId: 'anna-winter', lastDay: '2026-12-18', reason: 'Moves away' } }),
      placementEvent({ type: 'PlacementEndedEarly', data: { placementId: 'dewi-christmas', lastDay: '2026-12-31', reason: 'Illness' } }),
    ]);
    expect(await summary()).toEqual([
      // Part 2 closes Bolletje's site over the last week of Femke's confirmed placement there.
      'femke-bolletje × 2026-12-14: 2026-12-14..2026-12-18 (5 d) frees 2026-W51',
      'cem-winter × 2026-12-21: 2026-12-21..2027-01-03 (14 d) frees 2026-W52 2026-W53',
      'dewi-christmas × 2026-12-21: 2026-12-28..2026-12-31 (4 d) frees 2026-W53 ended',
      'cem-winter × 2027-03-24: 2027-03-24..2027-03-28 (5 d)',
    ]);
  });

  it('gives allocation the weeks each worker is freed in', async () => {
    expect(await conflictReleasedWeeksOfWorkers(harness.dataSource.manager, ['anna', 'cem', 'dewi'], '2026-12-28')).toEqual([
      { workerId: 'cem', placementId: 'cem-winter', weekStart: '2026-12-21' },
      { workerId: 'cem', placementId: 'cem-winter', weekStart: '2026-12-28' },
      { workerId: 'dewi', placementId: 'dewi-christmas', weekStart: '2026-12-28' },
    ]);
    expect(await conflictReleasedWeeksOfWorkers(harness.dataSource.manager, ['cem'], '2026-12-20')).toEqual([]);
  });

  it('gives the same rows after replays, out-of-order and re-split batches, and a rebuild', async () => {
    await expectReplaysEqual(harness, placementConflictsProjection, async () => [
      await harness.dataSource.manager.find(PlacementConflict, { order: { placementId: 'ASC', closureFrom: 'ASC' } }),
      await harness.dataSource.manager.find(PlacementConflictWeek, { order: { placementId: 'ASC', weekStart: 'ASC' } }),
      await conflicts(),
    ]);
  });
});
