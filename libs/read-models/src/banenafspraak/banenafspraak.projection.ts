import {
  minutesWithin,
  patternOrSpread,
  registerPeriodsWithin,
  type DatedTargetGroupStatus,
  type Period,
  type WorkPattern,
} from '@banenpool/domain';
import type { Projection } from '@banenpool/projector';
import { In, type EntityManager } from 'typeorm';
import { hoursOf } from '../shared/hours.js';
import { isActive, mergePlacementFacts, placementsOfWorkers, workedPeriod, type PlacementFacts } from '../shared/placement-facts.js';
import { readModel, type ProjectedEvent } from '../shared/projected-events.js';
import { insertRows } from '../shared/rows.js';
import { daysOfWeek, quarterOfWeek, weeksOf } from '../shared/weeks.js';
import { BanenafspraakMinutes, BanenafspraakPlacement, BanenafspraakStatus } from './banenafspraak.entity.js';

/**
 * Banenafspraak attribution: the hours that target-group workers work, counted at the hirer (the
 * employer of the placement), per ISO week and calendar quarter. A confirmed placement counts, in
 * each week, the minutes its pattern (or its weekly hours spread over Monday to Friday) works on
 * the days of that week that lie in its worked period and on which its worker is in the register
 * by the status that holds that day. So a week in which one placement ends and the next begins
 * counts each hirer's own days once, and a status recorded from a later date leaves the weeks
 * before it as they were. Recomputed per touched worker.
 */
export const banenafspraakProjection: Projection = readModel({
  name: 'banenafspraak',
  entities: [BanenafspraakMinutes, BanenafspraakStatus, BanenafspraakPlacement],
  async apply(events, manager) {
    const workers = await mergeStatuses(events, manager);
    const placements = await mergePlacementFacts(manager, BanenafspraakPlacement, events);
    await mergePatterns(events, manager);
    for (const facts of placements.values()) if (facts.workerId) workers.add(facts.workerId);
    if (workers.size === 0) return;
    const ids = [...workers];
    const histories = await statusHistories(manager, ids);
    const theirPlacements = (await placementsOfWorkers(manager, BanenafspraakPlacement, ids)) as BanenafspraakPlacement[];
    await manager.delete(BanenafspraakMinutes, { workerId: In(ids) });
    await insertRows(
      manager,
      BanenafspraakMinutes,
      theirPlacements.flatMap((p) => attributedMinutes(p, histories.get(p.workerId!) ?? [])),
    );
  },
});

/** The rows of one placement: per week, the minutes worked on its days in the register (weeks without any are left out). */
export function attributedMinutes(
  facts: PlacementFacts & { workPattern: WorkPattern | null },
  history: readonly DatedTargetGroupStatus[],
): BanenafspraakMinutes[] {
  if (!isActive(facts)) return [];
  const worked = workedPeriod(facts);
  if (!worked) return [];
  const pattern = patternOrSpread(hoursOf(facts.hoursQuarters), facts.workPattern ?? undefined);
  const inRegister = registerPeriodsWithin(history, worked);
  return weeksOf(worked).flatMap(({ week, weekStart }) => {
    const minutes = minutesIn(pattern, inRegister, daysOfWeek(weekStart));
    if (minutes === 0) return [];
    return [
      {
        placementId: facts.placementId,
        weekStart,
        week,
        quarter: quarterOfWeek(weekStart),
        hirerId: facts.employerId,
        workerId: facts.workerId,
        minutes,
      },
    ];
  });
}

const minutesIn = (pattern: WorkPattern, periods: readonly Period[], window: Period): number =>
  periods.reduce((sum, period) => sum + minutesWithin(pattern, period, window), 0);

/** Keeps every recorded status (by its revision: the same event twice is one row); returns the workers the batch recorded one for. */
async function mergeStatuses(events: readonly ProjectedEvent[], manager: EntityManager): Promise<Set<string>> {
  const rows = events.flatMap((e) =>
    e.type === 'TargetGroupStatusRecorded'
      ? [
          {
            workerId: e.data.workerId,
            revision: e.revision,
            inRegister: e.data.inRegister,
            validFrom: e.data.validFrom,
            validUntil: e.data.validUntil,
          },
        ]
      : [],
  );
  if (rows.length === 0) return new Set();
  await manager.query(
    `INSERT INTO rm_banenafspraak_statuses (worker_id, revision, in_register, valid_from, valid_until)
     SELECT * FROM unnest($1::text[], $2::int[], $3::boolean[], $4::date[], $5::date[])
     ON CONFLICT (worker_id, revision) DO NOTHING`,
    [
      rows.map((r) => r.workerId),
      rows.map((r) => r.revision),
      rows.map((r) => r.inRegister),
      rows.map((r) => r.validFrom ?? null),
      rows.map((r) => r.validUntil ?? null),
    ],
  );
  return new Set(rows.map((r) => r.workerId));
}

/** Each worker's statuses in the order recorded, as targetGroupStatusOn reads them. */
async function statusHistories(manager: EntityManager, workerIds: readonly string[]): Promise<Map<string, DatedTargetGroupStatus[]>> {
  const rows = await manager.find(BanenafspraakStatus, { where: { workerId: In([...workerIds]) }, order: { revision: 'ASC' } });
  const histories = new Map<string, DatedTargetGroupStatus[]>();
  for (const { workerId, inRegister, validFrom, validUntil } of rows) {
    const history = histories.get(workerId) ?? [];
    history.push({ inRegister, validFrom: validFrom ?? undefined, validUntil: validUntil ?? undefined });
    histories.set(workerId, history);
  }
  return histories;
}

/**
 * The work pattern of a placement's terms, which the shared placement facts do not keep. Proposal
 * and confirmation carry the same terms, so the first one seen sets it and order does not matter.
 */
async function mergePatterns(events: readonly ProjectedEvent[], manager: EntityManager): Promise<void> {
  const patterns = events.flatMap((e) =>
    (e.type === 'PlacementProposed' || e.type === 'PlacementConfirmed') && e.data.pattern
      ? [[e.data.placementId, e.data.pattern] as const]
      : [],
  );
  if (patterns.length === 0) return;
  await manager.query(
    `UPDATE rm_banenafspraak_placements p SET work_pattern = v.pattern
     FROM unnest($1::text[], $2::jsonb[]) AS v(placement_id, pattern)
     WHERE p.placement_id = v.placement_id AND p.work_pattern IS NULL`,
    [patterns.map(([id]) => id), patterns.map(([, pattern]) => pattern)],
  );
}
