import { contains, laterOf, overlaps, type LocalDate, type Period } from '@banenpool/domain';
import { comparePositions, formatPosition, parsePosition } from '@banenpool/event-store';
import type { Projection } from '@banenpool/projector';
import { In, type EntityManager } from 'typeorm';
import { isActive, mergePlacementFacts, PLACEMENT_EVENT_TYPES, workedPeriod, type PlacementFacts } from '../shared/placement-facts.js';
import { readModel, type ProjectedEvent } from '../shared/projected-events.js';
import { insertRows, saveRows } from '../shared/rows.js';
import { daysOfWeek, weeksOf } from '../shared/weeks.js';
import {
  PlacementConflict,
  PlacementConflictsClosure,
  PlacementConflictsConfirmation,
  PlacementConflictsPlacement,
  PlacementConflictWeek,
} from './placement-conflicts.entity.js';

/** When an event was recorded: its time and global position. */
export interface Moment {
  readonly at: Date;
  readonly position: string;
}

/**
 * Placement conflicts: a confirmed placement whose worked days overlap a seasonal closure of its
 * site. Deciders refuse to confirm or extend a placement into a closure, but a closure declared
 * later closes the site under placements already confirmed; this read model makes those visible
 * (and, should a confirmation ever slip through, the reverse too: the facts are folded without
 * regard to order). A conflict lasts while they overlap: an early end before the closure, a
 * withdrawal, or any other change that moves the worked days out of it removes it. Recomputed per
 * touched placement (its own events, or a closure declared at its site) from the read model's own
 * placement, confirmation and closure tables.
 */
export const placementConflictsProjection: Projection = readModel({
  name: 'placement-conflicts',
  entities: [
    PlacementConflict,
    PlacementConflictWeek,
    PlacementConflictsPlacement,
    PlacementConflictsConfirmation,
    PlacementConflictsClosure,
  ],
  eventTypes: [...PLACEMENT_EVENT_TYPES, 'SeasonalClosureDeclared'],
  async apply(events, manager) {
    await saveConfirmations(manager, events);
    const touched = new Set((await mergePlacementFacts(manager, PlacementConflictsPlacement, events)).keys());
    for (const id of await mergeClosures(manager, events)) touched.add(id);
    if (touched.size > 0) await recompute(manager, [...touched]);
  },
});

const momentOf = (event: ProjectedEvent): Moment => ({ at: event.recordedAt, position: formatPosition(event.position) });

async function saveConfirmations(manager: EntityManager, events: readonly ProjectedEvent[]): Promise<void> {
  const confirmations = events.flatMap((e) =>
    e.type === 'PlacementConfirmed' ? [{ placementId: e.data.placementId, ...momentOf(e) }] : [],
  );
  await saveRows(manager, PlacementConflictsConfirmation, confirmations, ['placementId']);
}

/** Stores the batch's closures and returns the placements at the closed sites. */
async function mergeClosures(manager: EntityManager, events: readonly ProjectedEvent[]): Promise<string[]> {
  const closures = events.flatMap((e) => {
    if (e.type !== 'SeasonalClosureDeclared') return [];
    const { employerId, siteId, period, reason } = e.data;
    return [{ employerId, siteId, periodFrom: period.from, periodTo: period.to, reason, ...momentOf(e) }];
  });
  if (closures.length === 0) return [];
  await saveRows(manager, PlacementConflictsClosure, closures, ['employerId', 'siteId', 'periodFrom']);
  const placed = await manager.findBy(
    PlacementConflictsPlacement,
    closures.map(({ employerId, siteId }) => ({ employerId, siteId })),
  );
  return placed.map((p) => p.placementId);
}

async function recompute(manager: EntityManager, placementIds: string[]): Promise<void> {
  const placements = await manager.findBy(PlacementConflictsPlacement, { placementId: In(placementIds) });
  const confirmations = new Map(
    (await manager.findBy(PlacementConflictsConfirmation, { placementId: In(placementIds) })).map((c) => [c.placementId, c]),
  );
  const sites = [...new Map(placements.filter((p) => p.employerId && p.siteId).map((p) => [`${p.employerId}/${p.siteId}`, p])).values()];
  const closures =
    sites.length > 0
      ? await manager.findBy(
          PlacementConflictsClosure,
          sites.map((p) => ({ employerId: p.employerId!, siteId: p.siteId! })),
        )
      : [];
  await manager.delete(PlacementConflictWeek, { placementId: In(placementIds) });
  await manager.delete(PlacementConflict, { placementId: In(placementIds) });
  const found = placements.flatMap((p) => conflictsOf(p, closures, confirmations.get(p.placementId)));
  await insertRows(
    manager,
    PlacementConflict,
    found.map((f) => f.conflict),
  );
  await insertRows(
    manager,
    PlacementConflictWeek,
    found.flatMap((f) => f.weeks),
  );
}

const later = (a: Moment, b: Moment): Moment => (comparePositions(parsePosition(a.position)!, parsePosition(b.position)!) >= 0 ? a : b);

export interface FoundConflict {
  conflict: PlacementConflict;
  weeks: PlacementConflictWeek[];
}

/** A placement's conflicts with the closures of its site (a pure function of its facts, the closures and its confirmation). */
export function conflictsOf(
  placement: PlacementFacts,
  closures: readonly PlacementConflictsClosure[],
  confirmation: Moment | undefined,
): FoundConflict[] {
  if (!isActive(placement)) return [];
  const worked = workedPeriod(placement);
  if (!worked) return [];
  return closures
    .filter((c) => c.employerId === placement.employerId && c.siteId === placement.siteId)
    .map((c) => ({ closure: c, period: { from: c.periodFrom, to: c.periodTo } }))
    .filter(({ period }) => overlaps(period, worked))
    .map(({ closure, period }) => {
      const overlap = { from: laterOf(worked.from, period.from), to: earlierDate(worked.to, period.to) };
      const since = confirmation ? later(confirmation, closure) : closure;
      return {
        conflict: {
          placementId: placement.placementId,
          closureFrom: closure.periodFrom,
          closureTo: closure.periodTo,
          closureReason: closure.reason,
          workerId: placement.workerId,
          employerId: placement.employerId,
          siteId: placement.siteId,
          functionName: placement.functionName,
          hoursQuarters: placement.hoursQuarters,
          workedFrom: worked.from,
          workedTo: worked.to,
          ended: placement.lastDay !== null,
          overlapFrom: overlap.from,
          overlapTo: overlap.to,
          sinceAt: since.at,
          sincePosition: since.position,
        },
        weeks: releasedWeeks(worked, period, overlap).map(({ week, weekStart }) => ({
          placementId: placement.placementId,
          closureFrom: closure.periodFrom,
          weekStart,
          week,
          workerId: placement.workerId,
        })),
      };
    });
}

const earlierDate = (a: LocalDate, b: LocalDate): LocalDate => (a <= b ? a : b);

/**
 * The weeks of the overlap in which every worked day is closed. A week the placement is also
 * worked in on open days stays committed: a weekly amount of hours counts in full in every week its
 * period touches (shared/weeks.ts), so a partly closed week releases nothing.
 */
function releasedWeeks(worked: Period, closure: Period, overlap: Period) {
  return weeksOf(overlap).filter(({ weekStart }) => {
    const week = daysOfWeek(weekStart);
    const workedInWeek = { from: laterOf(week.from, worked.from), to: earlierDate(week.to, worked.to) };
    return contains(closure, workedInWeek);
  });
}
