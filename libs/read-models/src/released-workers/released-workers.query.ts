import type { LocalDate } from '@banenpool/domain';
import { Between, In, type EntityManager } from 'typeorm';
import { hoursOf } from '../shared/hours.js';
import { countOf, SqlFilter, type Queryable } from '../shared/sql.js';
import type { Page } from '../stream-catalog/stream-catalog.query.js';
import { ReleasedWorkerWeek, type ReleaseCause } from './released-workers.entity.js';

export interface ReleasedWorkersFilter {
  /** First day of interest: weeks that touch [from, to] are listed. */
  from: LocalDate;
  to: LocalDate;
  workerId?: string;
  /** Only workers released by this employer (its placement ended or its site closed). */
  employerId?: string;
  limit: number;
  offset: number;
}

export interface WorkerRelease {
  cause: ReleaseCause;
  placementId: string;
  employerId: string;
  siteId: string;
  lastDay: LocalDate;
  closure?: { from: LocalDate; to: LocalDate; reason: string };
}

export interface ReleasedWeek {
  week: string;
  weekStart: LocalDate;
  guaranteedHours: number;
  placedHours: number;
  /** Guaranteed hours not covered by placements: what the pool must fill or pay. */
  uncoveredHours: number;
  /** The placement whose end (or whose site's closure) released the worker for this week. */
  releasedBy: string;
}

export interface ReleasedWorker {
  workerId: string;
  uncoveredHours: number;
  releases: WorkerRelease[];
  weeks: ReleasedWeek[];
}

interface Row {
  worker_id: string;
  week_start: string;
  week: string;
  guaranteed_quarters: number;
  placed_quarters: number;
  uncovered_quarters: number;
  cause: ReleaseCause;
  placement_id: string;
  employer_id: string;
  site_id: string;
  last_day: string;
  closure_from: string | null;
  closure_to: string | null;
  closure_reason: string | null;
}

/** Released workers with uncovered weeks touching [from, to], by worker id, paginated over workers. */
export async function listReleasedWorkers(db: Queryable, filter: ReleasedWorkersFilter): Promise<Page<ReleasedWorker>> {
  if (filter.from > filter.to) throw new RangeError('from must not be after to');
  const filtered = () =>
    new SqlFilter()
      .when(filter.to, (p) => `r.week_start <= ${p}::date`)
      .when(filter.from, (p) => `r.week_start + 6 >= ${p}::date`)
      .when(filter.workerId, (p) => `r.worker_id = ${p}`)
      .when(filter.employerId, (p) => `r.employer_id = ${p}`);
  const workers = (where: SqlFilter) => `SELECT DISTINCT r.worker_id FROM rm_released_worker_weeks r ${where.sql}`;
  const counted = filtered();
  const total = await countOf(db, workers(counted), counted.params);
  const paged = filtered();
  const page: { worker_id: string }[] = await db.query(
    `${workers(paged)} ORDER BY r.worker_id LIMIT ${paged.param(filter.limit)} OFFSET ${paged.param(filter.offset)}`,
    paged.params,
  );
  if (page.length === 0) return { items: [], total, limit: filter.limit, offset: filter.offset };
  const weeks = filtered();
  weeks.where(`r.worker_id = ANY(${weeks.param(page.map((w) => w.worker_id))}::text[])`);
  const rows: Row[] = await db.query(
    `SELECT r.worker_id, r.week_start::text AS week_start, r.week, r.guaranteed_quarters, r.placed_quarters, r.uncovered_quarters, r.cause,
            r.placement_id, r.employer_id, r.site_id, r.last_day::text AS last_day, r.closure_from::text AS closure_from,
            r.closure_to::text AS closure_to, r.closure_reason
     FROM rm_released_worker_weeks r ${weeks.sql} ORDER BY r.worker_id, r.week_start`,
    weeks.params,
  );
  const items = page.map(({ worker_id }): ReleasedWorker => {
    const own = rows.filter((r) => r.worker_id === worker_id);
    const releases = new Map<string, WorkerRelease>();
    for (const r of own) {
      const key = `${r.placement_id}/${r.cause}`;
      if (releases.has(key)) continue;
      releases.set(key, {
        cause: r.cause,
        placementId: r.placement_id,
        employerId: r.employer_id,
        siteId: r.site_id,
        lastDay: r.last_day,
        ...(r.closure_from && r.closure_to ? { closure: { from: r.closure_from, to: r.closure_to, reason: r.closure_reason ?? '' } } : {}),
      });
    }
    return {
      workerId: worker_id,
      uncoveredHours: hoursOf(own.reduce((sum, r) => sum + r.uncovered_quarters, 0)),
      releases: [...releases.values()],
      weeks: own.map((r) => ({
        week: r.week,
        weekStart: r.week_start,
        guaranteedHours: hoursOf(r.guaranteed_quarters),
        placedHours: hoursOf(r.placed_quarters),
        uncoveredHours: hoursOf(r.uncovered_quarters),
        releasedBy: r.placement_id,
      })),
    };
  });
  return { items, total, limit: filter.limit, offset: filter.offset };
}

/** The Mondays of the weeks in fromWeek … toWeek in which each of these workers is released and owed hours. */
export async function releasedWeeksOfWorkers(
  manager: EntityManager,
  workerIds: readonly string[],
  weeks: { fromWeek: LocalDate; toWeek: LocalDate },
): Promise<{ workerId: string; weekStart: LocalDate }[]> {
  if (workerIds.length === 0) return [];
  const rows = await manager.find(ReleasedWorkerWeek, {
    select: { workerId: true, weekStart: true },
    where: { workerId: In([...workerIds]), weekStart: Between(weeks.fromWeek, weeks.toWeek) },
    order: { workerId: 'ASC', weekStart: 'ASC' },
  });
  return rows.map(({ workerId, weekStart }) => ({ workerId, weekStart }));
}
