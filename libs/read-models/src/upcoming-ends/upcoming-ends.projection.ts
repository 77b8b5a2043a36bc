import { addDays, type LocalDate } from '@banenpool/domain';
import type { Projection } from '@banenpool/projector';
import { In } from 'typeorm';
import {
  isActive,
  mergePlacementFacts,
  PLACEMENT_EVENT_TYPES,
  placementsOfWorkers,
  placementStatus,
  workedPeriod,
  type PlacementFacts,
} from '../shared/placement-facts.js';
import { insertRows } from '../shared/rows.js';
import { UpcomingEnd, UpcomingEndsPlacement } from './upcoming-ends.entity.js';
import { readModel } from '../shared/projected-events.js';

/** A next placement that starts at most this many days after the last day is a follow-up. */
export const FOLLOW_UP_DAYS = 14;

/**
 * Upcoming ends (doorstroom): every confirmed placement's last day, with the worker's follow-up
 * if there is one — another placement of theirs that starts after this one started and no later
 * than FOLLOW_UP_DAYS after its last day, and runs beyond that last day. A confirmed follow-up
 * counts; a proposed one is shown apart (it may still fall through). Which placements end within
 * a horizon is the query's business: the rows hold no notion of "today". Recomputed per touched
 * worker, since a follow-up is another placement of the same worker.
 */
export const upcomingEndsProjection: Projection = readModel({
  name: 'upcoming-ends',
  entities: [UpcomingEnd, UpcomingEndsPlacement],
  eventTypes: PLACEMENT_EVENT_TYPES,
  async apply(events, manager) {
    const merged = await mergePlacementFacts(manager, UpcomingEndsPlacement, events);
    const workers = [...new Set([...merged.values()].flatMap((p) => (p.workerId ? [p.workerId] : [])))];
    if (workers.length === 0) return;
    const placements = await placementsOfWorkers(manager, UpcomingEndsPlacement, workers);
    await manager.delete(UpcomingEnd, { workerId: In(workers) });
    await insertRows(manager, UpcomingEnd, upcomingEnds(placements));
  },
});

interface Candidate {
  placement: PlacementFacts;
  from: LocalDate;
  to: LocalDate;
}

export function upcomingEnds(placements: readonly PlacementFacts[]): UpcomingEnd[] {
  const confirmed: Candidate[] = placements.filter(isActive).flatMap((placement) => {
    const period = workedPeriod(placement);
    return period ? [{ placement, ...period }] : [];
  });
  const proposed: Candidate[] = placements
    .filter((p) => placementStatus(p) === 'proposed' && p.workerId !== null && p.periodFrom !== null && p.periodTo !== null)
    .map((placement) => ({ placement, from: placement.periodFrom!, to: placement.periodTo! }));
  return confirmed.map(({ placement, from, to }) => {
    const followsUp = (next: Candidate) =>
      next.placement.placementId !== placement.placementId &&
      next.placement.workerId === placement.workerId &&
      next.from > from &&
      next.from <= addDays(to, FOLLOW_UP_DAYS) &&
      next.to > to;
    const first = (candidates: Candidate[]) =>
      candidates
        .filter(followsUp)
        .sort((a, b) => a.from.localeCompare(b.from) || a.placement.placementId.localeCompare(b.placement.placementId))[0];
    const followUp = first(confirmed);
    const proposedFollowUp = followUp ? undefined : first(proposed);
    return {
      placementId: placement.placementId,
      workerId: placement.workerId!,
      employerId: placement.employerId!,
      siteId: placement.siteId!,
      functionName: placement.functionName!,
      hoursQuarters: placement.hoursQuarters!,
      periodFrom: from,
      lastDay: to,
      endedEarly: placement.endedEarly,
      followUpPlacementId: followUp?.placement.placementId ?? null,
      followUpEmployerId: followUp?.placement.employerId ?? null,
      followUpFrom: followUp?.from ?? null,
      proposedFollowUpPlacementId: proposedFollowUp?.placement.placementId ?? null,
      proposedFollowUpFrom: proposedFollowUp?.from ?? null,
    };
  });
}
