import { isoWeekOf, WORKING_HOURS_ACT_WEEK_LIMIT, type LocalDate, type OpenPeriod } from '@banenpool/domain';
import { In, IsNull, LessThanOrEqual, Not, type EntityManager } from 'typeorm';
import { contractPeriod } from '../shared/contract-facts.js';
import { hoursOf, toQuarterHours } from '../shared/hours.js';
import { SqlFilter, type Queryable } from '../shared/sql.js';
import type { Page } from '../stream-catalog/stream-catalog.query.js';
import { WorkerHoursContract, WorkerHoursPlacementWeek } from './worker-hours.entity.js';

export interface WorkerHoursFilter {
  workerId?: string;
  /** Monday of the first week, inclusive (required: an indefinite contract has no last week). */
  fromWeek: LocalDate;
  /** Monday of the last week, inclusive. */
  toWeek: LocalDate;
  /** Only weeks where the placements fall short of the guaranteed hours. */
  shortfallOnly?: boolean;
  limit: number;
  offset: number;
}

export interface WorkerWeekPlacement {
  placementId: string;
  employerId: string;
  siteId: string;
  functionName: string;
  /** The placement's hours a week, as planned (0 when it no longer works this week). */
  hours: number;
  /** The hours the hirer approved on the placement's timesheet of the week; null while none is approved. */
  approvedHours: number | null;
}

/** One worker in one ISO week: linked small-hour placements against the pool contract, planned and approved. */
export interface WorkerWeek {
  workerId: string;
  week: string;
  weekStart: LocalDate;
  /** The pool contracts that run in this week (two when one ends and the next starts within it). */
  contractIds: string[];
  /** Guaranteed hours a week (the highest of the week's contracts); null without a contract. */
  guaranteedHours: number | null;
  maxHours: number | null;
  /** The placements' hours a week as planned (committed): what planning, allocation and the shortfall count. */
  placedHours: number;
  /**
   * The hours the hirers approved on the week's timesheets, every hour type (sick, leave and public
   * holiday hours are paid hours too), two decimals; null while no timesheet of the week is approved.
   */
  approvedHours: number | null;
  /** Guaranteed hours the placements do not cover, which the pool must still pay or fill (≥ 0). */
  shortfallHours: number;
  /** Hours that could still be placed: up to the contract maximum and the Working Hours Act's 60 (≥ 0). */
  freeHours: number;
  placements: WorkerWeekPlacement[];
}

/** The longest range the query generates weeks for. */
export const MAX_WORKER_HOURS_WEEKS = 106;

interface WeekRow {
  worker_id: string;
  week_start: string;
  contract_ids: string[] | null;
  guaranteed: number | null;
  maximum: number | null;
  placed: string;
  approved: string | null;
}

interface PlacementRow extends Omit<WorkerWeekPlacement, 'approvedHours'> {
  worker_id: string;
  week_start: string;
  approved: number | null;
}

/**
 * Per worker and ISO week in the range: every week a contract runs, a placement is worked or hours were approved,
 * ordered by worker then week, paginated. A week counts a placement's (and a contract's) hours in
 * full when their period touches it, as the domain does.
 */
export async function listWorkerHours(db: Queryable, filter: WorkerHoursFilter): Promise<Page<WorkerWeek>> {
  if (filter.fromWeek > filter.toWeek) throw new RangeError('fromWeek must not be after toWeek');
  const weeksAsked = (Date.parse(filter.toWeek) - Date.parse(filter.fromWeek)) / (7 * 86_400_000) + 1;
  if (weeksAsked > MAX_WORKER_HOURS_WEEKS) throw new RangeError(`At most ${MAX_WORKER_HOURS_WEEKS} weeks at a time`);

  const rowsOf = (where: SqlFilter) => {
    const from = where.param(filter.fromWeek);
    const to = where.param(filter.toWeek);
    const worker = filter.workerId === undefined ? undefined : where.param(filter.workerId);
    const shortfall = filter.shortfallOnly ? 'WHERE COALESCE(c.guaranteed, 0) > COALESCE(p.placed, 0)' : '';
    return `
      WITH weeks AS (SELECT d::date AS week_start FROM generate_series(${from}::date, ${to}::date, interval '7 days') AS d),
      contracted AS (
        SELECT c.worker_id, w.week_start, max(c.guaranteed_quarters) AS guaranteed, max(c.max_quarters) AS maximum,
               array_agg(c.contract_id ORDER BY c.contract_id) AS contract_ids
        FROM rm_worker_hours_contracts c
        JOIN weeks w ON c.period_from <= w.week_start + 6 AND COALESCE(LEAST(c.last_day, c.period_to), 'infinity'::date) >= w.week_start
        WHERE c.period_from IS NOT NULL ${worker ? `AND c.worker_id = ${worker}` : ''}
        GROUP BY c.worker_id, w.week_start),
      placed AS (
        SELECT p.worker_id, p.week_start, sum(p.hours_quarters) AS placed
        FROM rm_worker_hours_placement_weeks p
        WHERE p.week_start BETWEEN ${from}::date AND ${to}::date ${worker ? `AND p.worker_id = ${worker}` : ''}
        GROUP BY p.worker_id, p.week_start),
      approved AS (
        SELECT a.worker_id, a.week_start, sum(a.minutes) AS approved
        FROM rm_worker_hours_approved_sheets a
        WHERE a.week_start BETWEEN ${from}::date AND ${to}::date ${worker ? `AND a.worker_id = ${worker}` : ''}
        GROUP BY a.worker_id, a.week_start),
      worker_weeks AS (
        SELECT worker_id, week_start FROM contracted UNION SELECT worker_id, week_start FROM placed
        UNION SELECT worker_id, week_start FROM approved)
      SELECT k.worker_id, k.week_start::text AS week_start,
             c.contract_ids, c.guaranteed, c.maximum, COALESCE(p.placed, 0) AS placed, a.approved
      FROM worker_weeks k
      LEFT JOIN contracted c ON c.worker_id = k.worker_id AND c.week_start = k.week_start
      LEFT JOIN placed p ON p.worker_id = k.worker_id AND p.week_start = k.week_start
      LEFT JOIN approved a ON a.worker_id = k.worker_id AND a.week_start = k.week_start
      ${shortfall}`;
  };
  const counted = new SqlFilter();
  const countRows: { total: string }[] = await db.query(`SELECT count(*) AS total FROM (${rowsOf(counted)}) r`, counted.params);
  const total = Number(countRows[0].total);
  const paged = new SqlFilter();
  const body = rowsOf(paged);
  const rows: WeekRow[] = await db.query(
    `${body} ORDER BY 1, 2 LIMIT ${paged.param(filter.limit)} OFFSET ${paged.param(filter.offset)}`,
    paged.params,
  );
  if (rows.length === 0) return { items: [], total, limit: filter.limit, offset: filter.offset };

  // A placement's week as planned and as approved; an approved week the plan no longer has (an early end) still shows.
  const placements: PlacementRow[] = await db.query(
    `WITH asked AS (SELECT * FROM unnest($1::text[], $2::date[]) AS k(worker_id, week_start)),
     planned AS (SELECT p.* FROM rm_worker_hours_placement_weeks p JOIN asked k USING (worker_id, week_start)),
     approved AS (SELECT a.* FROM rm_worker_hours_approved_sheets a JOIN asked k USING (worker_id, week_start))
     SELECT COALESCE(p.worker_id, a.worker_id) AS worker_id, COALESCE(p.week_start, a.week_start)::text AS week_start,
            COALESCE(p.placement_id, a.placement_id) AS "placementId", COALESCE(p.employer_id, a.employer_id) AS "employerId",
            COALESCE(p.site_id, f.site_id) AS "siteId", COALESCE(p.function_name, f.function_name) AS "functionName",
            COALESCE(p.hours_quarters, 0) AS hours, a.minutes AS approved
     FROM planned p
     FULL JOIN approved a ON a.placement_id = p.placement_id AND a.week_start = p.week_start
     LEFT JOIN rm_worker_hours_placements f ON f.placement_id = a.placement_id
     ORDER BY 3`,
    [rows.map((r) => r.worker_id), rows.map((r) => r.week_start)],
  );
  const items = rows.map((row): WorkerWeek => {
    const placed = Number(row.placed);
    const limit = row.maximum === null ? null : Math.min(row.maximum, toQuarterHours(WORKING_HOURS_ACT_WEEK_LIMIT));
    return {
      workerId: row.worker_id,
      week: isoWeekOf(row.week_start),
      weekStart: row.week_start,
      contractIds: row.contract_ids ?? [],
      guaranteedHours: row.guaranteed === null ? null : hoursOf(row.guaranteed),
      maxHours: row.maximum === null ? null : hoursOf(row.maximum),
      placedHours: hoursOf(placed),
      approvedHours: row.approved === null ? null : approvedHoursOf(row.approved),
      shortfallHours: hoursOf(Math.max(0, (row.guaranteed ?? 0) - placed)),
      freeHours: limit === null ? 0 : hoursOf(Math.max(0, limit - placed)),
      placements: placements
        .filter((p) => p.worker_id === row.worker_id && p.week_start === row.week_start)
        .map(({ worker_id: _w, week_start: _s, approved, ...p }) => ({
          ...p,
          hours: hoursOf(p.hours),
          approvedHours: approved === null ? null : approvedHoursOf(approved),
        })),
    };
  });
  return { items, total, limit: filter.limit, offset: filter.offset };
}

/** Minutes as hours with two decimals, rounded half up (minutes × 100 / 60 is never a half). */
const approvedHoursOf = (minutes: number | string): number => Math.round((Number(minutes) * 5) / 3) / 100;

/** A pool contract whose terms are known: the days it runs (open-ended while indefinite and not ended) and its hours. */
export interface WorkerContractTerms {
  workerId: string;
  contractId: string;
  period: OpenPeriod;
  guaranteedHoursPerWeek: number;
  maxHoursPerWeek: number;
}

/** The hours a confirmed placement takes from its worker in one ISO week. */
export interface WorkerPlacementWeek {
  workerId: string;
  placementId: string;
  employerId: string;
  weekStart: LocalDate;
  hours: number;
}

/** These workers' pool contracts whose terms are known (one whose end was seen before its terms is left out). */
export async function contractTermsOfWorkers(manager: EntityManager, workerIds: readonly string[]): Promise<WorkerContractTerms[]> {
  if (workerIds.length === 0) return [];
  const rows = await manager.find(WorkerHoursContract, {
    where: { workerId: In([...workerIds]), periodFrom: Not(IsNull()) },
    order: { workerId: 'ASC', contractId: 'ASC' },
  });
  return rows.flatMap((row) => {
    const period = contractPeriod(row);
    if (!period || row.guaranteedQuarters === null || row.maxQuarters === null) return [];
    return [
      {
        workerId: row.workerId,
        contractId: row.contractId,
        period: { from: period.from, ...(period.to ? { to: period.to } : {}) },
        guaranteedHoursPerWeek: hoursOf(row.guaranteedQuarters),
        maxHoursPerWeek: hoursOf(row.maxQuarters),
      },
    ];
  });
}

/** Every week of these workers' confirmed placements up to and including the week of `toWeek`. */
export async function placementWeeksOfWorkers(
  manager: EntityManager,
  workerIds: readonly string[],
  toWeek: LocalDate,
): Promise<WorkerPlacementWeek[]> {
  if (workerIds.length === 0) return [];
  const rows = await manager.find(WorkerHoursPlacementWeek, {
    where: { workerId: In([...workerIds]), weekStart: LessThanOrEqual(toWeek) },
    order: { workerId: 'ASC', weekStart: 'ASC', placementId: 'ASC' },
  });
  return rows.map(({ workerId, placementId, employerId, weekStart, hoursQuarters }) => ({
    workerId,
    placementId,
    employerId,
    weekStart,
    hours: hoursOf(hoursQuarters),
  }));
}
