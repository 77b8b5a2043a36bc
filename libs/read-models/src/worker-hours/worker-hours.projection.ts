import type { Projection } from '@banenpool/projector';
import { In } from 'typeorm';
import { mergeContractFacts } from '../shared/contract-facts.js';
import { isActive, mergePlacementFacts, workedPeriod, type PlacementFacts } from '../shared/placement-facts.js';
import { insertRows } from '../shared/rows.js';
import { weeksOf } from '../shared/weeks.js';
import { WorkerHoursContract, WorkerHoursPlacement, WorkerHoursPlacementWeek } from './worker-hours.entity.js';
import { readModel } from '../shared/projected-events.js';

/**
 * Worker hours: the contracts (guaranteed and maximum hours a week) and, per confirmed placement,
 * the ISO weeks it is worked with its hours. The query puts them together per worker and week —
 * an indefinite contract has no last week, so the weeks are the ones asked for, not stored.
 */
export const workerHoursProjection: Projection = readModel({
  name: 'worker-hours',
  entities: [WorkerHoursPlacementWeek, WorkerHoursContract, WorkerHoursPlacement],
  async apply(events, manager) {
    await mergeContractFacts(manager, WorkerHoursContract, events);
    const placements = await mergePlacementFacts(manager, WorkerHoursPlacement, events);
    if (placements.size === 0) return;
    await manager.delete(WorkerHoursPlacementWeek, { placementId: In([...placements.keys()]) });
    await insertRows(manager, WorkerHoursPlacementWeek, [...placements.values()].flatMap(placementWeeks));
  },
});

export function placementWeeks(facts: PlacementFacts): WorkerHoursPlacementWeek[] {
  if (!isActive(facts)) return [];
  const period = workedPeriod(facts);
  if (!period) return [];
  return weeksOf(period).map(({ weekStart }) => ({
    placementId: facts.placementId,
    weekStart,
    workerId: facts.workerId,
    employerId: facts.employerId,
    siteId: facts.siteId,
    functionName: facts.functionName,
    hoursQuarters: facts.hoursQuarters,
  }));
}
