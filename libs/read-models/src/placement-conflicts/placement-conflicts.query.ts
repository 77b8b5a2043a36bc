import { daysBetween, type LocalDate } from '@banenpool/domain';
import { In, LessThanOrEqual, type EntityManager } from 'typeorm';
import { hoursOf } from '../shared/hours.js';
import { countOf, SqlFilter, type Queryable } from '../shared/sql.js';
import type { Page } from '../stream-catalog/stream-catalog.query.js';
import { PlacementConflictWeek } from './placement-conflicts.entity.js';

export interface ConflictsFilter {
  employerId?: string;
  siteId?: string;
  workerId?: string;
  /** One closure of the site: the day it starts. */
  closureFrom?: LocalDate;
  limit: number;
  offset: number;
}

export interface PlacementConflictItem {
  placementId: string;
  workerId: string;
  employerId: string;
  siteId: string;
  functionName: string;
  hours: number;
  /** The days the placement is worked; `ended` once it ended (at its agreed end or early). */
  placement: { from: LocalDate; to: LocalDate; ended: boolean };
  closure: { from: LocalDate; to: LocalDate; reason: string };
  /** The worked days on which the site is closed. */
  overlap: { from: LocalDate; to: LocalDate; days: number };
  /** ISO weeks in which every worked day is closed: the placement takes none of the worker's hours there. */
  releasedWeeks: string[];
  /** The later of the placement's confirmation and the closure's declaration: when the conflict arose. */
  since: { at: string; position: string };
}

interface Row {
  placement_id: string;
  worker_id: string;
  employer_id: string;
  site_id: string;
  function_name: string;
  hours_quarters: number;
  worked_from: string;
  worked_to: string;
  ended: boolean;
  closure_from: string;
  closure_to: string;
  closure_reason: string;
  overlap_from: string;
  overlap_to: string;
  since_at: Date | string;
  since_position: string;
  released_weeks: string[] | null;
}

/** Open conflicts between confirmed placements and closures of their sites, the first closed day first. */
export async function listConflicts(db: Queryable, filter: ConflictsFilter): Promise<Page<PlacementConflictItem>> {
  const filtered = () =>
    new SqlFilter()
      .when(filter.employerId, (p) => `c.employer_id = ${p}`)
      .when(filter.siteId, (p) => `c.site_id = ${p}`)
      .when(filter.workerId, (p) => `c.worker_id = ${p}`)
      .when(filter.closureFrom, (p) => `c.closure_from = ${p}::date`);
  const select = (where: SqlFilter) =>
    `SELECT c.placement_id, c.worker_id, c.employer_id, c.site_id, c.function_name, c.hours_quarters,
            c.worked_from::text AS worked_from, c.worked_to::text AS worked_to, c.ended,
            c.closure_from::text AS closure_from, c.closure_to::text AS closure_to, c.closure_reason,
            c.overlap_from::text AS overlap_from, c.overlap_to::text AS overlap_to, c.since_at, c.since_position,
            (SELECT array_agg(w.week ORDER BY w.week_start) FROM rm_placement_conflict_weeks w
              WHERE w.placement_id = c.placement_id AND w.closure_from = c.closure_from) AS released_weeks
     FROM rm_placement_conflicts c ${where.sql}`;
  const counted = filtered();
  const total = await countOf(db, select(counted), counted.params);
  const paged = filtered();
  const rows: Row[] = await db.query(
    `${select(paged)} ORDER BY c.overlap_from, c.placement_id, c.closure_from LIMIT ${paged.param(filter.limit)} OFFSET ${paged.param(filter.offset)}`,
    paged.params,
  );
  return { items: rows.map(itemOf), total, limit: filter.limit, offset: filter.offset };
}

const itemOf = (r: Row): PlacementConflictItem => ({
  placementId: r.placement_id,
  workerId: r.worker_id,
  employerId: r.employer_id,
  siteId: r.site_id,
  functionName: r.function_name,
  hours: hoursOf(r.hours_quarters),
  placement: { from: r.worked_from, to: r.worked_to, ended: r.ended },
  closure: { from: r.closure_from, to: r.closure_to, reason: r.closure_reason },
  overlap: { from: r.overlap_from, to: r.overlap_to, days: daysBetween(r.overlap_from, r.overlap_to) + 1 },
  releasedWeeks: r.released_weeks ?? [],
  since: { at: new Date(r.since_at).toISOString(), position: r.since_position },
});

/** A week in which a confirmed placement of the worker takes no hours, every worked day of it being closed. */
export interface ConflictReleasedWeek {
  workerId: string;
  placementId: string;
  weekStart: LocalDate;
}

/** Every such week of these workers up to and including the week of `toWeek` (as placementWeeksOfWorkers reads them). */
export async function conflictReleasedWeeksOfWorkers(
  manager: EntityManager,
  workerIds: readonly string[],
  toWeek: LocalDate,
): Promise<ConflictReleasedWeek[]> {
  if (workerIds.length === 0) return [];
  const rows = await manager.find(PlacementConflictWeek, {
    where: { workerId: In([...workerIds]), weekStart: LessThanOrEqual(toWeek) },
    order: { workerId: 'ASC', weekStart: 'ASC', placementId: 'ASC' },
  });
  // A placement overlaps a site's closures on different days, so no week is released twice.
  return rows.map(({ workerId, placementId, weekStart }) => ({ workerId, placementId, weekStart }));
}
