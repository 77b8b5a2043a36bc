import type { Projection } from '@banenpool/projector';
import { In, type EntityManager } from 'typeorm';
import { isActive, mergePlacementFacts, placementsOfWorkers, workedPeriod, type PlacementFacts } from '../shared/placement-facts.js';
import { insertRows, latestBy } from '../shared/rows.js';
import { quarterOfWeek, weeksOf } from '../shared/weeks.js';
import { BanenafspraakHours, BanenafspraakPlacement, BanenafspraakWorker } from './banenafspraak.entity.js';
import { readModel, type ProjectedEvent } from '../shared/projected-events.js';

/**
 * Banenafspraak attribution: the hours that target-group workers work, counted at the hirer (the
 * employer of the placement), per ISO week and calendar quarter. A confirmed placement's hours a
 * week count in every week it is worked, as long as its worker is in the target-group register
 * by their last recorded status (TargetGroupStatusRecorded carries no effective date, so the
 * latest record applies to every week). Recomputed per touched worker.
 */
export const banenafspraakProjection: Projection = readModel({
  name: 'banenafspraak',
  entities: [BanenafspraakHours, BanenafspraakWorker, BanenafspraakPlacement],
  async apply(events, manager) {
    const workers = await mergeStatuses(events, manager);
    const placements = await mergePlacementFacts(manager, BanenafspraakPlacement, events);
    for (const facts of placements.values()) if (facts.workerId) workers.add(facts.workerId);
    if (workers.size === 0) return;
    const ids = [...workers];
    const inRegister = new Set((await manager.findBy(BanenafspraakWorker, { workerId: In(ids), inRegister: true })).map((w) => w.workerId));
    const theirPlacements = await placementsOfWorkers(manager, BanenafspraakPlacement, ids);
    await manager.delete(BanenafspraakHours, { workerId: In(ids) });
    await insertRows(manager, BanenafspraakHours, theirPlacements.filter((p) => inRegister.has(p.workerId!)).flatMap(attributedHours));
  },
});

export function attributedHours(facts: PlacementFacts): BanenafspraakHours[] {
  if (!isActive(facts)) return [];
  const period = workedPeriod(facts);
  if (!period) return [];
  return weeksOf(period).map(({ week, weekStart }) => ({
    placementId: facts.placementId,
    weekStart,
    week,
    quarter: quarterOfWeek(weekStart),
    hirerId: facts.employerId,
    workerId: facts.workerId,
    hoursQuarters: facts.hoursQuarters,
  }));
}

/** Last writer wins by the event's revision in the worker's stream; returns the workers the batch recorded a status for. */
async function mergeStatuses(events: readonly ProjectedEvent[], manager: EntityManager): Promise<Set<string>> {
  const recorded = latestBy(
    events.flatMap((e) => (e.type === 'TargetGroupStatusRecorded' ? [{ ...e.data, revision: e.revision }] : [])),
    (status) => status.workerId,
    (status) => status.revision,
  );
  if (recorded.length === 0) return new Set();
  const rows = recorded.map(({ workerId, inRegister, revision }) => ({ workerId, inRegister, revision }));
  await manager.query(
    `INSERT INTO rm_banenafspraak_workers AS w (worker_id, in_register, revision)
     SELECT * FROM unnest($1::text[], $2::boolean[], $3::int[])
     ON CONFLICT (worker_id) DO UPDATE SET in_register = excluded.in_register, revision = excluded.revision
     WHERE excluded.revision > w.revision`,
    [rows.map((r) => r.workerId), rows.map((r) => r.inRegister), rows.map((r) => r.revision)],
  );
  return new Set(rows.map((r) => r.workerId));
}
