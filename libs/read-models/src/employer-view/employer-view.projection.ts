import type { Projection } from '@banenpool/projector';
import { In, type EntityManager } from 'typeorm';
import { CAPACITY_EVENT_TYPES, mergeCapacityFacts } from '../shared/capacity-facts.js';
import {
  isActive,
  mergePlacementFacts,
  storedBefore,
  PLACEMENT_EVENT_TYPES,
  workedPeriod,
  type PlacementFacts,
} from '../shared/placement-facts.js';
import { insertWeeklyRows, saveRows, type WeeklyRows } from '../shared/rows.js';
import {
  EmployerViewClosure,
  EmployerViewEmployer,
  EmployerViewPlacement,
  EmployerViewPlacementWeek,
  EmployerViewRequest,
  EmployerViewSite,
  EmployerViewSlot,
} from './employer-view.entity.js';
import { readModel, type ProjectedEvent } from '../shared/projected-events.js';

/**
 * The employer view: what one employer sees of the pool — its membership, sites and closures,
 * capacity requests (with places filled), placements (any status) and the hours placed with it per
 * ISO week. Nothing about workers beyond their placements with this employer (no target-group
 * status, no other hirers). Queries are always scoped to one employer.
 */
export const employerViewProjection: Projection = readModel({
  name: 'employer-view',
  entities: [
    EmployerViewEmployer,
    EmployerViewSite,
    EmployerViewClosure,
    EmployerViewRequest,
    EmployerViewSlot,
    EmployerViewPlacement,
    EmployerViewPlacementWeek,
  ],
  eventTypes: [
    'EmployerJoinedPool',
    'EmployerLeftPool',
    'SiteAdded',
    'SeasonalClosureDeclared',
    ...CAPACITY_EVENT_TYPES,
    ...PLACEMENT_EVENT_TYPES,
  ],
  async apply(events, manager) {
    await applyEmployerEvents(events, manager);
    await mergeCapacityFacts(manager, EmployerViewRequest, EmployerViewSlot, events);
    const placements = await mergePlacementFacts(manager, EmployerViewPlacement, events);
    if (placements.size === 0) return;
    const stale = storedBefore(placements);
    if (stale.length > 0) await manager.delete(EmployerViewPlacementWeek, { placementId: In(stale) });
    await insertWeeklyRows(manager, EmployerViewPlacementWeek, [...placements.values()].flatMap(placementWeeks));
  },
});

function placementWeeks(facts: PlacementFacts): WeeklyRows<EmployerViewPlacementWeek>[] {
  if (!isActive(facts)) return [];
  const period = workedPeriod(facts);
  if (!period) return [];
  const row = {
    placementId: facts.placementId,
    employerId: facts.employerId,
    workerId: facts.workerId,
    siteId: facts.siteId,
    hoursQuarters: facts.hoursQuarters,
  };
  return [{ row, period }];
}

/** Membership (joined once, left at most once), sites and closures: facts that only accumulate. */
async function applyEmployerEvents(events: readonly ProjectedEvent[], manager: EntityManager): Promise<void> {
  const membership = events.flatMap((e) => (e.type === 'EmployerJoinedPool' || e.type === 'EmployerLeftPool' ? [e] : []));
  if (membership.length > 0) {
    const ids = [...new Set(membership.map((e) => e.data.employerId))];
    const rows = new Map((await manager.findBy(EmployerViewEmployer, { employerId: In(ids) })).map((r) => [r.employerId, r]));
    for (const event of membership) {
      const { employerId } = event.data;
      const row = rows.get(employerId) ?? { employerId, name: null, memberFrom: null, memberUntil: null };
      if (event.type === 'EmployerJoinedPool') rows.set(employerId, { ...row, name: event.data.name, memberFrom: event.data.memberFrom });
      else rows.set(employerId, { ...row, memberUntil: event.data.memberUntil });
    }
    await saveRows(
      manager,
      EmployerViewEmployer,
      ids.map((id) => rows.get(id)!),
      ['employerId'],
    );
  }
  const sites = events.flatMap((e) => (e.type === 'SiteAdded' ? [e.data] : []));
  await saveRows(
    manager,
    EmployerViewSite,
    sites.map(({ employerId, siteId, name, area }) => ({ employerId, siteId, name, area })),
    ['employerId', 'siteId'],
  );
  const closures = events.flatMap((e) => (e.type === 'SeasonalClosureDeclared' ? [e.data] : []));
  await saveRows(
    manager,
    EmployerViewClosure,
    closures.map(({ employerId, siteId, period, reason }) => ({
      employerId,
      siteId,
      periodFrom: period.from,
      periodTo: period.to,
      reason,
    })),
    ['employerId', 'siteId', 'periodFrom'],
  );
}
