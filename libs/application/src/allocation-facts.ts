// Reads the facts the allocation engine needs from the read models (through their own query
// functions, so their tables stay theirs), all at one feed position, and the facts no read model
// holds (where workers live, their availability, where sites stand) from the worker and employer
// streams, folded up to that same position.
import { comparePositions, formatPosition, START, type EventStore, type GlobalPosition, type RecordedEvent } from '@banenpool/event-store';
import {
  employerDecider,
  employerStreamId,
  fold,
  parsePoolEvent,
  workerDecider,
  workerStreamId,
  type AllocationScope,
  type Decider,
} from '@banenpool/domain';
import {
  conflictReleasedWeeksOfWorkers,
  contractTermsOfWorkers,
  openRequestsInWeeks,
  placementWeeksOfWorkers,
  releasedWeeksOfWorkers,
  sitesOfMembers,
  workersWithAnySkill,
} from '@banenpool/read-models';
import type { DataSource, EntityManager } from 'typeorm';
import type {
  AllocationFacts,
  ClosedPlacementWeekFact,
  ContractFact,
  PlacementWeekFact,
  RequestFact,
  SiteFact,
  WorkerFact,
} from './allocation-input.js';

/** The read models the input comes from; they must all stand at the same position. */
export const ALLOCATION_READ_MODELS = [
  'capacity-gaps',
  'employer-view',
  'allocation-board',
  'worker-hours',
  'released-workers',
  'placement-conflicts',
] as const;

const ATTEMPTS = 5;

export interface AllocationReadSide {
  readonly dataSource: DataSource;
  readonly store: EventStore;
  /** Resolves once every read model has applied the event at `position` (Projector.waitFor, bounded). */
  waitForReadModels(position: GlobalPosition): Promise<boolean>;
}

/** The read models did not come to one position (writes kept arriving, or the projector is behind). */
export class AllocationSnapshotUnavailableError extends Error {
  override readonly name = 'AllocationSnapshotUnavailableError';
}

export interface AllocationSnapshot {
  readonly facts: AllocationFacts;
  readonly position: GlobalPosition;
}

/**
 * Waits until the read models have every event committed so far (a 503 when they do not in time),
 * then reads them in one REPEATABLE READ transaction whose checkpoints must all be equal: each
 * projection writes its rows and its checkpoint in one transaction, so equal checkpoints in one
 * snapshot mean every row is as of that position. When a write slips in between, it tries again
 * (bounded).
 */
export async function readAllocationSnapshot(side: AllocationReadSide, scope: AllocationScope): Promise<AllocationSnapshot> {
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const head = (await side.store.headPosition({ committed: true })) ?? START;
    if (!(await side.waitForReadModels(head))) {
      throw new AllocationSnapshotUnavailableError(
        `The read models did not reach the head of the feed (${formatPosition(head)}) in time; try again.`,
      );
    }
    const read = await side.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const position = await commonCheckpoint(manager);
      return position && { position, rows: await readRows(manager, scope) };
    });
    if (read) {
      const workers = await withProfiles(side.store, read.rows.workers, read.position);
      const sites = await withSiteLocations(side.store, read.rows.sites, read.position);
      return { facts: { requests: read.rows.requests, sites, workers }, position: read.position };
    }
  }
  throw new AllocationSnapshotUnavailableError(`The read models did not reach one common position in ${ATTEMPTS} attempts; try again.`);
}

// The projector's own checkpoint table: libs/projector exports no query for it.
async function commonCheckpoint(manager: EntityManager): Promise<GlobalPosition | undefined> {
  const rows: { name: string; commit: string; prepare: string }[] = await manager.query(
    'SELECT name, commit, prepare FROM projection_checkpoints WHERE name = ANY($1)',
    [[...ALLOCATION_READ_MODELS]],
  );
  const positions = ALLOCATION_READ_MODELS.map((name) => rows.find((r) => r.name === name)).map((r) =>
    r ? { commit: BigInt(r.commit), prepare: BigInt(r.prepare) } : START,
  );
  return positions.every((p) => comparePositions(p, positions[0]) === 0) ? positions[0] : undefined;
}

type WorkerRow = Omit<WorkerFact, 'homeArea' | 'location' | 'availability'>;

async function readRows(
  manager: EntityManager,
  scope: AllocationScope,
): Promise<{ requests: RequestFact[]; sites: SiteFact[]; workers: WorkerRow[] }> {
  const requests: RequestFact[] = await openRequestsInWeeks(manager, scope);
  const employerIds = [...new Set(requests.map((r) => r.employerId))];
  const skills = [...new Set(requests.map((r) => r.requiredSkill))];
  return { requests, sites: await sitesOfMembers(manager, employerIds), workers: await readWorkers(manager, skills, scope) };
}

/**
 * Workers with at least one of the skills asked, with their contracts, confirmed placements' weeks,
 * released weeks and the weeks a closure declared after a placement's confirmation took from it.
 */
async function readWorkers(manager: EntityManager, skills: string[], scope: AllocationScope): Promise<WorkerRow[]> {
  const workers = await workersWithAnySkill(manager, skills);
  const workerIds = workers.map((w) => w.workerId);
  const contracts = await contractTermsOfWorkers(manager, workerIds);
  const weeks = await placementWeeksOfWorkers(manager, workerIds, scope.toWeek);
  const released = await releasedWeeksOfWorkers(manager, workerIds, scope);
  const closed = await conflictReleasedWeeksOfWorkers(manager, workerIds, scope.toWeek);
  return workers.map(({ workerId, skills }) => ({
    workerId,
    skills,
    contracts: contracts
      .filter((c) => c.workerId === workerId)
      .map(({ period, guaranteedHoursPerWeek, maxHoursPerWeek }): ContractFact => ({ period, guaranteedHoursPerWeek, maxHoursPerWeek })),
    placementWeeks: weeks
      .filter((w) => w.workerId === workerId)
      .map(({ placementId, employerId, weekStart, hours }): PlacementWeekFact => ({ placementId, employerId, weekStart, hours })),
    releasedWeeks: released.filter((r) => r.workerId === workerId).map((r) => r.weekStart),
    closedPlacementWeeks: closed
      .filter((c) => c.workerId === workerId)
      .map(({ placementId, weekStart }): ClosedPlacementWeekFact => ({ placementId, weekStart })),
  }));
}

/** Home area, location and availability from each worker's stream, as it stood at `position`. */
async function withProfiles(store: EventStore, workers: readonly WorkerRow[], position: GlobalPosition): Promise<WorkerFact[]> {
  const profiles = await Promise.all(
    workers.map(async (worker) => {
      const state = await foldedAt(store, workerDecider, workerStreamId(worker.workerId), position);
      if (state.status === 'none') return [];
      if (state.status === 'erased') return []; // erased: no location or availability any more, never proposed
      const { homeArea, location, availability } = state;
      return [{ ...worker, homeArea, ...(location && { location }), availability }];
    }),
  );
  return profiles.flat();
}

/** Each site's location from its employer's stream, as it stood at `position` (the employer view holds only its area's name). */
async function withSiteLocations(store: EventStore, sites: readonly SiteFact[], position: GlobalPosition): Promise<SiteFact[]> {
  const employerIds = [...new Set(sites.map((s) => s.employerId))];
  const employers = await Promise.all(employerIds.map((id) => foldedAt(store, employerDecider, employerStreamId(id), position)));
  const located = new Map(
    employers.flatMap((e) => (e.status === 'none' ? [] : e.sites.map((s) => [`${e.employerId}/${s.siteId}`, s.location] as const))),
  );
  return sites.map((site) => {
    const location = located.get(`${site.employerId}/${site.siteId}`);
    return location ? { ...site, location } : site;
  });
}

/** A stream's state at `position`, its events read through their schemas so that older versions are upcast. */
async function foldedAt<Event, State>(
  store: EventStore,
  decider: Pick<Decider<unknown, Event, State>, 'initialState' | 'evolve'>,
  streamId: string,
  position: GlobalPosition,
): Promise<State> {
  const history = await store.readStream(streamId);
  return fold(
    decider,
    history.filter((e) => comparePositions(e.position, position) <= 0).map((e) => asDomainEvent<Event>(e)),
  );
}

/** As its schema reads it; as stored when the schema refuses it (as the deciders fold it on the write side). */
function asDomainEvent<Event>(recorded: RecordedEvent): Event {
  const parsed = parsePoolEvent(recorded.type, recorded.schemaVersion, recorded.data);
  return (parsed.ok ? parsed.event : { type: recorded.type, data: recorded.data }) as Event;
}
