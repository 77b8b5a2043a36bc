import type { Projection } from '@banenpool/projector';
import { overlaps } from '@banenpool/domain';
import { In, type EntityManager } from 'typeorm';
import {
  CAPACITY_EVENT_TYPES,
  isKnownRequest,
  mergeCapacityFacts,
  type CapacityRequestFacts,
  type CapacitySlotFacts,
} from '../shared/capacity-facts.js';
import { isActive, mergePlacementFacts, PLACEMENT_EVENT_TYPES, workedPeriod, type PlacementFacts } from '../shared/placement-facts.js';
import { insertRows } from '../shared/rows.js';
import { daysOfWeek, weeksOf } from '../shared/weeks.js';
import { CapacityGapPlacement, CapacityGapRequest, CapacityGapSlot, CapacityGapWeek } from './capacity-gaps.entity.js';
import { readModel } from '../shared/projected-events.js';

/**
 * Capacity gaps: per capacity request and ISO week of its period, the places and hours asked
 * (headcount × hours a week) against those filled — a place counts as filled in a week when a
 * placement reserved a slot of the request, is confirmed (not withdrawn) and is worked in that
 * week. The placement process releases the slot of a placement that ends early; the weeks it was
 * worked stay filled, the weeks after its last day's week are open again. A placement whose
 * reservation was refused never held a slot, so it never counts (and is withdrawn anyway). The batch is folded into the read model's own request, slot and placement tables;
 * the weeks of every request it touched (directly, or through one of its placements) are then
 * derived again from those tables.
 */
export const capacityGapsProjection: Projection = readModel({
  name: 'capacity-gaps',
  entities: [CapacityGapWeek, CapacityGapRequest, CapacityGapSlot, CapacityGapPlacement],
  eventTypes: [...CAPACITY_EVENT_TYPES, ...PLACEMENT_EVENT_TYPES],
  async apply(events, manager) {
    const { requestIds } = await mergeCapacityFacts(manager, CapacityGapRequest, CapacityGapSlot, events);
    const placements = await mergePlacementFacts(manager, CapacityGapPlacement, events);
    if (placements.size > 0) {
      for (const facts of placements.values()) if (facts.capacityRequestId) requestIds.add(facts.capacityRequestId);
      const holding = await manager.findBy(CapacityGapSlot, { placementId: In([...placements.keys()]) });
      for (const slot of holding) requestIds.add(slot.requestId);
    }
    if (requestIds.size === 0) return;
    await recompute(manager, [...requestIds]);
  },
});

async function recompute(manager: EntityManager, requestIds: string[]): Promise<void> {
  const requests = await manager.findBy(CapacityGapRequest, { requestId: In(requestIds) });
  const slots = await manager.findBy(CapacityGapSlot, { requestId: In(requestIds) });
  const placementIds = [...new Set(slots.map((s) => s.placementId))];
  const placements = placementIds.length > 0 ? await manager.findBy(CapacityGapPlacement, { placementId: In(placementIds) }) : [];
  const byId = new Map<string, PlacementFacts>(placements.map((p) => [p.placementId, p]));
  await manager.delete(CapacityGapWeek, { requestId: In(requestIds) });
  await insertRows(
    manager,
    CapacityGapWeek,
    requests.flatMap((request) =>
      gapWeeks(
        request,
        slots.filter((s) => s.requestId === request.requestId),
        byId,
      ),
    ),
  );
}

export function gapWeeks(
  request: CapacityRequestFacts,
  slots: readonly CapacitySlotFacts[],
  placements: ReadonlyMap<string, PlacementFacts>,
): CapacityGapWeek[] {
  if (!isKnownRequest(request)) return [];
  const holders = slots
    .map((s) => placements.get(s.placementId))
    .flatMap((p) => (p && isActive(p) ? [{ placement: p, period: workedPeriod(p) }] : []))
    .sort((a, b) => a.placement.placementId.localeCompare(b.placement.placementId));
  const status = request.withdrawn ? 'withdrawn' : 'open';
  const hoursAsked = request.headcount * request.hoursQuarters;
  return weeksOf({ from: request.periodFrom, to: request.periodTo }).map(({ week, weekStart }) => {
    const filled = holders.filter((h) => h.period && overlaps(h.period, daysOfWeek(weekStart))).map((h) => h.placement);
    const hoursFilled = filled.reduce((sum, p) => sum + p.hoursQuarters!, 0);
    return {
      requestId: request.requestId,
      weekStart,
      week,
      employerId: request.employerId,
      siteId: request.siteId,
      functionName: request.functionName,
      requiredSkill: request.requiredSkill,
      status,
      headcountAsked: request.headcount,
      hoursAskedQuarters: hoursAsked,
      headcountFilled: filled.length,
      hoursFilledQuarters: hoursFilled,
      headcountOpen: status === 'open' ? Math.max(0, request.headcount - filled.length) : 0,
      hoursOpenQuarters: status === 'open' ? Math.max(0, hoursAsked - hoursFilled) : 0,
      placementIds: filled.map((p) => p.placementId),
    };
  });
}
