import { addDays, overlaps, type LocalDate, type Period } from '@banenpool/domain';
import type { Projection } from '@banenpool/projector';
import { In, type EntityManager } from 'typeorm';
import {
  CONTRACT_EVENT_TYPES,
  contractPeriod,
  contractsOfWorkers,
  mergeContractFacts,
  type ContractFacts,
} from '../shared/contract-facts.js';
import {
  isActive,
  mergePlacementFacts,
  PLACEMENT_EVENT_TYPES,
  placementsOfWorkers,
  workedPeriod,
  type ActivePlacement,
  type PlacementFacts,
} from '../shared/placement-facts.js';
import { insertRows, saveRows } from '../shared/rows.js';
import { daysOfWeek, weeksOf } from '../shared/weeks.js';
import {
  ReleasedWorkersClosure,
  ReleasedWorkersContract,
  ReleasedWorkersPlacement,
  ReleasedWorkerWeek,
} from './released-workers.entity.js';
import { readModel, type ProjectedEvent } from '../shared/projected-events.js';

/** A site closure that starts at most this many days after a placement's last day released its worker. */
export const CLOSURE_LEAD_DAYS = 28;
/** How long after a placement's last day its worker is listed while short of guaranteed hours (26 weeks). */
export const RELEASE_HORIZON_DAYS = 182;

/**
 * Released workers: workers whose placement ended (at its agreed end or early) or whose site
 * closed for the season, and the ISO weeks in which their guaranteed hours (the pool contract's)
 * are not covered by other placements. Every confirmed placement's last day releases its worker;
 * when a seasonal closure of its site starts within CLOSURE_LEAD_DAYS after that day, the
 * closure is the cause for the weeks it overlaps. A release lasts RELEASE_HORIZON_DAYS after the
 * last day, the closure's end, or the next placement's end, whichever is latest, and each week is
 * attributed to the latest release before it. Recomputed per touched worker from the read model's
 * own placement, contract and closure tables.
 */
export const releasedWorkersProjection: Projection = readModel({
  name: 'released-workers',
  entities: [ReleasedWorkerWeek, ReleasedWorkersPlacement, ReleasedWorkersContract, ReleasedWorkersClosure],
  eventTypes: [...CONTRACT_EVENT_TYPES, ...PLACEMENT_EVENT_TYPES, 'SeasonalClosureDeclared'],
  async apply(events, manager) {
    const workers = await mergeContractFacts(manager, ReleasedWorkersContract, events);
    const placements = await mergePlacementFacts(manager, ReleasedWorkersPlacement, events);
    for (const facts of placements.values()) if (facts.workerId) workers.add(facts.workerId);
    for (const id of await mergeClosures(manager, events)) workers.add(id);
    if (workers.size === 0) return;
    await recompute(manager, [...workers]);
  },
});

/** Stores the batch's closures and returns the workers placed at the closed sites. */
async function mergeClosures(manager: EntityManager, events: readonly ProjectedEvent[]): Promise<string[]> {
  const closures = events.flatMap((e) => {
    if (e.type !== 'SeasonalClosureDeclared') return [];
    const { employerId, siteId, period, reason } = e.data;
    return [{ employerId, siteId, periodFrom: period.from, periodTo: period.to, reason }];
  });
  if (closures.length === 0) return [];
  await saveRows(manager, ReleasedWorkersClosure, closures, ['employerId', 'siteId', 'periodFrom']);
  const placed = await manager.findBy(
    ReleasedWorkersPlacement,
    closures.map(({ employerId, siteId }) => ({ employerId, siteId })),
  );
  return placed.flatMap((p) => (p.workerId ? [p.workerId] : []));
}

async function recompute(manager: EntityManager, workerIds: string[]): Promise<void> {
  const placements = await placementsOfWorkers(manager, ReleasedWorkersPlacement, workerIds);
  const contracts = await contractsOfWorkers(manager, ReleasedWorkersContract, workerIds);
  const sites = [...new Map(placements.filter((p) => p.employerId && p.siteId).map((p) => [`${p.employerId}/${p.siteId}`, p])).values()];
  const closures =
    sites.length > 0
      ? await manager.findBy(
          ReleasedWorkersClosure,
          sites.map((p) => ({ employerId: p.employerId!, siteId: p.siteId! })),
        )
      : [];
  await manager.delete(ReleasedWorkerWeek, { workerId: In(workerIds) });
  await insertRows(
    manager,
    ReleasedWorkerWeek,
    workerIds.flatMap((workerId) =>
      releasedWeeks(
        placements.filter((p) => p.workerId === workerId),
        contracts.filter((c) => c.workerId === workerId),
        closures,
      ),
    ),
  );
}

interface Release {
  placement: ActivePlacement;
  lastDay: LocalDate;
  closure?: ReleasedWorkersClosure;
  until: LocalDate;
}

const byEnd = (a: { lastDay: LocalDate; placement: PlacementFacts }, b: { lastDay: LocalDate; placement: PlacementFacts }) =>
  a.lastDay < b.lastDay ? -1 : a.lastDay > b.lastDay ? 1 : a.placement.placementId.localeCompare(b.placement.placementId);

/** One worker's released weeks (a pure function of their placements and contracts, and the closures of their sites). */
export function releasedWeeks(
  placements: readonly PlacementFacts[],
  contracts: readonly ContractFacts[],
  closures: readonly ReleasedWorkersClosure[],
): ReleasedWorkerWeek[] {
  const worked = placements.filter(isActive).flatMap((placement) => {
    const period = workedPeriod(placement);
    return period ? [{ placement, period, lastDay: period.to }] : [];
  });
  const ends = [...worked].sort(byEnd);
  const releases: Release[] = ends.map(({ placement, lastDay }, i) => {
    const closure = closures
      .filter(
        (c) =>
          c.employerId === placement.employerId &&
          c.siteId === placement.siteId &&
          c.periodFrom > lastDay &&
          c.periodFrom <= addDays(lastDay, CLOSURE_LEAD_DAYS),
      )
      .sort((a, b) => a.periodFrom.localeCompare(b.periodFrom))[0];
    const candidates = [addDays(lastDay, RELEASE_HORIZON_DAYS), closure?.periodTo, ends[i + 1]?.lastDay].filter(
      (d): d is LocalDate => d !== undefined,
    );
    return { placement, lastDay, closure, until: candidates.sort().at(-1)! };
  });
  if (releases.length === 0) return [];

  const contractPeriods = contracts.flatMap((c) => {
    const period = contractPeriod(c);
    return period && c.guaranteedQuarters !== null ? [{ period, guaranteed: c.guaranteedQuarters }] : [];
  });
  const horizon = releases
    .map((r) => r.until)
    .sort()
    .at(-1)!;
  const rows: ReleasedWorkerWeek[] = [];
  for (const { week, weekStart } of weeksOf({ from: addDays(releases[0].lastDay, 1), to: horizon })) {
    const days: Period = daysOfWeek(weekStart);
    // The latest release that happened by the end of this week and still lasts in it.
    const release = releases.filter((r) => addDays(r.lastDay, 1) <= days.to && weekStart <= r.until).at(-1);
    if (!release) continue;
    const guaranteed = Math.max(0, ...contractPeriods.filter((c) => overlaps(c.period, days)).map((c) => c.guaranteed));
    const placed = worked.filter((w) => overlaps(w.period, days)).reduce((sum, w) => sum + w.placement.hoursQuarters, 0);
    if (guaranteed <= placed) continue;
    const closure =
      release.closure && overlaps({ from: release.closure.periodFrom, to: release.closure.periodTo }, days) ? release.closure : undefined;
    rows.push({
      workerId: release.placement.workerId,
      weekStart,
      week,
      guaranteedQuarters: guaranteed,
      placedQuarters: placed,
      uncoveredQuarters: guaranteed - placed,
      cause: closure ? 'site_closure' : 'placement_end',
      placementId: release.placement.placementId,
      employerId: release.placement.employerId,
      siteId: release.placement.siteId,
      lastDay: release.lastDay,
      closureFrom: closure?.periodFrom ?? null,
      closureTo: closure?.periodTo ?? null,
      closureReason: closure?.reason ?? null,
    });
  }
  return rows;
}
