import type { Projection } from '@banenpool/projector';
import { In, type EntityManager } from 'typeorm';
import {
  isActive,
  mergePlacementFacts,
  storedBefore,
  PLACEMENT_EVENT_TYPES,
  workedPeriod,
  type PlacementFacts,
} from '../shared/placement-facts.js';
import { ERASED_NAME } from '../shared/erased.js';
import { insertWeeklyRows, latestBy, saveRows, type WeeklyRows } from '../shared/rows.js';
import {
  AllocationBoardEntry,
  AllocationBoardPlacement,
  AllocationBoardWorker,
  AllocationBoardWorkerSkill,
} from './allocation-board.entity.js';
import { readModel, type ProjectedEvent } from '../shared/projected-events.js';

/**
 * The allocation board: per ISO week and worker, the confirmed placements they work (employer,
 * site, hours, the agreed CAO scale and step, and the first day's wage from PlacementConfirmed). A placement counts in every week its
 * worked period touches; an early end stops it after the week of its last day, a withdrawal
 * removes it. The batch's placement events are folded into the board's placement table first, and
 * the entries of every touched placement are then derived again from those facts, so a replay,
 * another batch split or another order of a stream's events gives the same rows.
 */
export const allocationBoardProjection: Projection = readModel({
  name: 'allocation-board',
  entities: [AllocationBoardEntry, AllocationBoardPlacement, AllocationBoardWorker, AllocationBoardWorkerSkill],
  eventTypes: ['WorkerRegistered', 'SkillAdded', 'SkillRemoved', 'WorkerDataErased', ...PLACEMENT_EVENT_TYPES],
  async apply(events, manager) {
    await applyWorkerEvents(events, manager);
    await applyErasures(events, manager);
    const placements = await mergePlacementFacts(manager, AllocationBoardPlacement, events);
    if (placements.size === 0) return;
    const stale = storedBefore(placements);
    if (stale.length > 0) await manager.delete(AllocationBoardEntry, { placementId: In(stale) });
    await insertWeeklyRows(manager, AllocationBoardEntry, [...placements.values()].flatMap(boardEntries));
  },
});

function boardEntries(facts: PlacementFacts): WeeklyRows<AllocationBoardEntry>[] {
  if (!isActive(facts) || facts.caoCode === null) return [];
  const period = workedPeriod(facts);
  if (!period) return [];
  const row = {
    placementId: facts.placementId,
    workerId: facts.workerId,
    employerId: facts.employerId,
    siteId: facts.siteId,
    functionName: facts.functionName,
    capacityRequestId: facts.capacityRequestId,
    legalForm: facts.legalForm ?? 'payroll',
    hoursQuarters: facts.hoursQuarters,
    hourlyCents: facts.hourlyCents,
    wageBasis: facts.wageBasis,
    caoCode: facts.caoCode,
    caoVersionFrom: facts.caoVersionFrom,
    caoRevision: facts.caoRevision,
    caoScale: facts.caoScale!,
    caoStep: facts.caoStep!,
    placementFrom: period.from,
    placementTo: period.to,
  };
  return [{ row, period }];
}

/**
 * An erased worker keeps their id on the board (their past weeks stay) with the name blanked and no
 * skills: they are placed no more. After the worker events of the batch, which may register them.
 */
async function applyErasures(events: readonly ProjectedEvent[], manager: EntityManager): Promise<void> {
  const erased = events.flatMap((e) => (e.type === 'WorkerDataErased' ? [e.data.workerId] : []));
  if (erased.length === 0) return;
  await saveRows(
    manager,
    AllocationBoardWorker,
    erased.map((workerId) => ({ workerId, name: ERASED_NAME })),
    ['workerId'],
  );
  await manager.delete(AllocationBoardWorkerSkill, { workerId: In(erased) });
}

/** The workers of the batch's worker events whose data was erased before this batch. */
async function erasedAmong(manager: EntityManager, events: readonly ProjectedEvent[]): Promise<Set<string>> {
  const ids = [...new Set(events.flatMap((e) => (WORKER_EVENTS.has(e.type) && 'workerId' in e.data ? [e.data.workerId] : [])))];
  if (ids.length === 0) return new Set();
  const rows = await manager.find(AllocationBoardWorker, { where: { workerId: In(ids), name: ERASED_NAME } });
  return new Set(rows.map((row) => row.workerId));
}

const WORKER_EVENTS = new Set(['WorkerRegistered', 'SkillAdded', 'SkillRemoved']);

type SkillChange = { workerId: string; skill: string; present: boolean; revision: number };

async function applyWorkerEvents(events: readonly ProjectedEvent[], manager: EntityManager): Promise<void> {
  const names = new Map<string, string>();
  const changes: SkillChange[] = [];
  // A replay of an erased worker's earlier events brings back neither their name nor their skills.
  const erased = await erasedAmong(manager, events);
  for (const event of events) {
    if (!('workerId' in event.data) || erased.has(event.data.workerId)) continue;
    if (event.type === 'WorkerRegistered') {
      const { workerId, name, skills } = event.data;
      names.set(workerId, name);
      for (const skill of skills) changes.push({ workerId, skill, present: true, revision: event.revision });
    } else if (event.type === 'SkillAdded' || event.type === 'SkillRemoved') {
      const { workerId, skill } = event.data;
      changes.push({ workerId, skill, present: event.type === 'SkillAdded', revision: event.revision });
    }
  }
  await saveRows(
    manager,
    AllocationBoardWorker,
    [...names].map(([workerId, name]) => ({ workerId, name })),
    ['workerId'],
  );
  const latest = latestBy(
    changes,
    (c) => `${c.workerId}\u0000${c.skill}`,
    (c) => c.revision,
  );
  if (latest.length === 0) return;
  // Last writer wins by revision: an older event (a replay) never overwrites a newer one.
  await manager.query(
    `INSERT INTO rm_board_worker_skills AS s (worker_id, skill, present, revision)
     SELECT * FROM unnest($1::text[], $2::text[], $3::boolean[], $4::int[])
     ON CONFLICT (worker_id, skill) DO UPDATE SET present = excluded.present, revision = excluded.revision
     WHERE excluded.revision > s.revision`,
    [latest.map((c) => c.workerId), latest.map((c) => c.skill), latest.map((c) => c.present), latest.map((c) => c.revision)],
  );
}
