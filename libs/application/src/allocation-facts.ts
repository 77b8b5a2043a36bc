// Reads the facts the allocation engine needs from the read models, all at one feed position,
// and the two facts no read model holds (home area, availability) from the worker streams, folded
// up to that same position.
import { comparePositions, formatPosition, START, type EventStore, type GlobalPosition } from '@banenpool/event-store';
import { fold, workerDecider, workerStreamId, type AllocationScope, type WorkerEvent } from '@banenpool/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { scopeWeeks, type AllocationFacts, type ContractFact, type PlacementWeekFact, type RequestFact, type SiteFact, type WorkerFact } from './allocation-input.js';

/** The read models the input comes from; they must all stand at the same position. */
export const ALLOCATION_READ_MODELS = ['capacity-gaps', 'employer-view', 'allocation-board', 'worker-hours', 'released-workers'] as const;

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
      throw new AllocationSnapshotUnavailableError(`The read models did not reach the head of the feed (${formatPosition(head)}) in time; try again.`);
    }
    const read = await side.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const position = await commonCheckpoint(manager);
      return position && { position, rows: await readRows(manager, scope) };
    });
    if (read) {
      const workers = await withProfiles(side.store, read.rows.workers, read.position);
      return { facts: { requests: read.rows.requests, sites: read.rows.sites, workers }, position: read.position };
    }
  }
  throw new AllocationSnapshotUnavailableError(`The read models did not reach one common position in ${ATTEMPTS} attempts; try again.`);
}

async function commonCheckpoint(manager: EntityManager): Promise<GlobalPosition | undefined> {
  const rows: { name: string; commit: string; prepare: string }[] = await manager.query('SELECT name, commit, prepare FROM projection_checkpoints WHERE name = ANY($1)', [
    [...ALLOCATION_READ_MODELS],
  ]);
  const positions = ALLOCATION_READ_MODELS.map((name) => rows.find((r) => r.name === name)).map((r) => (r ? { commit: BigInt(r.commit), prepare: BigInt(r.prepare) } : START));
  return positions.every((p) => comparePositions(p, positions[0]) === 0) ? positions[0] : undefined;
}

type WorkerRow = Omit<WorkerFact, 'homeArea' | 'availability'>;

async function readRows(manager: EntityManager, scope: AllocationScope): Promise<{ requests: RequestFact[]; sites: SiteFact[]; workers: WorkerRow[] }> {
  const requests = await readRequests(manager, scope);
  const employerIds = [...new Set(requests.map((r) => r.employerId))];
  const skills = [...new Set(requests.map((r) => r.requiredSkill))];
  return { requests, sites: await readSites(manager, employerIds), workers: await readWorkers(manager, skills, scope) };
}

async function readRequests(manager: EntityManager, scope: AllocationScope): Promise<RequestFact[]> {
  const lastDay = scopeWeeks(scope).at(-1)!;
  const rows: {
    request_id: string;
    employer_id: string;
    site_id: string;
    function_name: string;
    required_skill: string;
    period_from: string;
    period_to: string;
    hours_quarters: number;
    headcount: number;
    reserved: string;
  }[] = await manager.query(
    `SELECT r.request_id, r.employer_id, r.site_id, r.function_name, r.required_skill, r.period_from::text AS period_from, r.period_to::text AS period_to,
            r.hours_quarters, r.headcount,
            (SELECT count(*) FROM rm_gap_slots s WHERE s.request_id = r.request_id AND s.reserved) AS reserved
     FROM rm_gap_requests r
     WHERE NOT r.withdrawn AND r.employer_id IS NOT NULL AND r.period_from <= ($2::date + 6) AND r.period_to >= $1::date
       AND (cardinality($3::text[]) = 0 OR r.employer_id = ANY($3)) AND (cardinality($4::text[]) = 0 OR r.request_id = ANY($4))`,
    [scope.fromWeek, lastDay, [...scope.employerIds], [...scope.requestIds]],
  );
  if (rows.length === 0) return [];
  const weeks: { request_id: string; week_start: string; headcount_open: number }[] = await manager.query(
    `SELECT request_id, week_start::text AS week_start, headcount_open FROM rm_capacity_gaps
     WHERE request_id = ANY($1) AND week_start BETWEEN $2::date AND $3::date`,
    [rows.map((r) => r.request_id), scope.fromWeek, scope.toWeek],
  );
  return rows.map((r) => ({
    requestId: r.request_id,
    employerId: r.employer_id,
    siteId: r.site_id,
    functionName: r.function_name,
    requiredSkill: r.required_skill,
    period: { from: r.period_from, to: r.period_to },
    hoursPerWeek: r.hours_quarters / 4,
    headcount: r.headcount,
    reservedSlots: Number(r.reserved),
    openByWeek: Object.fromEntries(weeks.filter((w) => w.request_id === r.request_id).map((w) => [w.week_start, w.headcount_open])),
  }));
}

async function readSites(manager: EntityManager, employerIds: string[]): Promise<SiteFact[]> {
  if (employerIds.length === 0) return [];
  const sites: { employer_id: string; site_id: string; area: string; member_from: string | null; member_until: string | null }[] = await manager.query(
    `SELECT s.employer_id, s.site_id, s.area, e.member_from::text AS member_from, e.member_until::text AS member_until
     FROM rm_employer_view_sites s JOIN rm_employer_view_employers e ON e.employer_id = s.employer_id
     WHERE s.employer_id = ANY($1)`,
    [employerIds],
  );
  const closures: { employer_id: string; site_id: string; period_from: string; period_to: string }[] = await manager.query(
    `SELECT employer_id, site_id, period_from::text AS period_from, period_to::text AS period_to FROM rm_employer_view_closures WHERE employer_id = ANY($1)`,
    [employerIds],
  );
  return sites.flatMap((s) =>
    s.member_from === null
      ? [] // never joined: no placement can be confirmed there
      : [
          {
            employerId: s.employer_id,
            siteId: s.site_id,
            area: s.area,
            membership: { from: s.member_from, ...(s.member_until ? { to: s.member_until } : {}) },
            closures: closures.filter((c) => c.employer_id === s.employer_id && c.site_id === s.site_id).map((c) => ({ from: c.period_from, to: c.period_to })),
          },
        ],
  );
}

/** Workers with at least one of the skills asked, with their contracts, confirmed placements' weeks and released weeks. */
async function readWorkers(manager: EntityManager, skills: string[], scope: AllocationScope): Promise<WorkerRow[]> {
  if (skills.length === 0) return [];
  const skillRows: { worker_id: string; skill: string }[] = await manager.query(
    `SELECT worker_id, skill FROM rm_board_worker_skills
     WHERE present AND worker_id IN (SELECT worker_id FROM rm_board_worker_skills WHERE present AND skill = ANY($1))`,
    [skills],
  );
  const workerIds = [...new Set(skillRows.map((r) => r.worker_id))];
  if (workerIds.length === 0) return [];
  const contracts: { worker_id: string; period_from: string; period_to: string | null; last_day: string | null; guaranteed_quarters: number; max_quarters: number }[] =
    await manager.query(
      `SELECT worker_id, period_from::text AS period_from, period_to::text AS period_to, last_day::text AS last_day, guaranteed_quarters, max_quarters
       FROM rm_worker_hours_contracts WHERE worker_id = ANY($1) AND period_from IS NOT NULL`,
      [workerIds],
    );
  const weeks: { worker_id: string; placement_id: string; employer_id: string; week_start: string; hours_quarters: number }[] = await manager.query(
    `SELECT worker_id, placement_id, employer_id, week_start::text AS week_start, hours_quarters FROM rm_worker_hours_placement_weeks
     WHERE worker_id = ANY($1) AND week_start <= $2::date`,
    [workerIds, scope.toWeek],
  );
  const released: { worker_id: string; week_start: string }[] = await manager.query(
    `SELECT worker_id, week_start::text AS week_start FROM rm_released_worker_weeks WHERE worker_id = ANY($1) AND week_start BETWEEN $2::date AND $3::date`,
    [workerIds, scope.fromWeek, scope.toWeek],
  );
  return workerIds.map((workerId) => ({
    workerId,
    skills: skillRows.filter((r) => r.worker_id === workerId).map((r) => r.skill),
    contracts: contracts.filter((c) => c.worker_id === workerId).map(toContract),
    placementWeeks: weeks
      .filter((w) => w.worker_id === workerId)
      .map((w): PlacementWeekFact => ({ placementId: w.placement_id, employerId: w.employer_id, weekStart: w.week_start, hours: w.hours_quarters / 4 })),
    releasedWeeks: released.filter((r) => r.worker_id === workerId).map((r) => r.week_start),
  }));
}

function toContract(row: { period_from: string; period_to: string | null; last_day: string | null; guaranteed_quarters: number; max_quarters: number }): ContractFact {
  const ends = [row.period_to, row.last_day].filter((d): d is string => d !== null).sort();
  return {
    period: { from: row.period_from, ...(ends[0] ? { to: ends[0] } : {}) },
    guaranteedHoursPerWeek: row.guaranteed_quarters / 4,
    maxHoursPerWeek: row.max_quarters / 4,
  };
}

/** Home area and availability from each worker's stream, as it stood at `position`. */
async function withProfiles(store: EventStore, workers: readonly WorkerRow[], position: GlobalPosition): Promise<WorkerFact[]> {
  const profiles = await Promise.all(
    workers.map(async (worker) => {
      const history = await store.readStream(workerStreamId(worker.workerId));
      const upToPosition = history.filter((e) => comparePositions(e.position, position) <= 0).map((e) => ({ type: e.type, data: e.data }) as WorkerEvent);
      const state = fold(workerDecider, upToPosition);
      return state.status === 'none' ? [] : [{ ...worker, homeArea: state.homeArea, availability: state.availability }];
    }),
  );
  return profiles.flat();
}

