import type { LocalDate } from '@banenpool/domain';
import { countOf, SqlFilter, type Queryable } from '../shared/sql.js';
import { weeksOfQuarter } from '../shared/weeks.js';
import type { Page } from '../stream-catalog/stream-catalog.query.js';
import { hoursOfMinutes, jobsOfMinutes } from './job-count.js';

/** Hours of target-group workers at one hirer in one period, and the jobs they count for (25.5 h a week = 1 job). */
export interface BanenafspraakPeriod {
  hirerId: string;
  /** 'YYYY-Www' or 'YYYY-Qn' */
  period: string;
  /** The Monday of the period's first week. */
  weekStart: LocalDate;
  /** ISO weeks in the period: 1 for a week, 12 to 14 for a quarter. */
  weeks: number;
  /** Hours the hirer approved on the period's days in the register (sick and leave included), two decimals, rounded half up: '216.00', '14.40'. */
  hours: string;
  /** Average jobs over the period's weeks: the exact hours (not the rounded `hours`) / (25.5 × weeks), two decimals, rounded half up: '0.61'. */
  jobs: string;
  /** Target-group workers who worked for the hirer in the period. */
  workers: number;
}

export interface BanenafspraakWeekFilter {
  hirerId?: string;
  fromWeek?: LocalDate;
  toWeek?: LocalDate;
  limit: number;
  offset: number;
}

export interface BanenafspraakQuarterFilter {
  hirerId?: string;
  /** 'YYYY-Qn', inclusive */
  fromQuarter?: string;
  toQuarter?: string;
  limit: number;
  offset: number;
}

interface Row {
  hirer_id: string;
  period: string;
  week_start: string;
  minutes: string;
  workers: number;
}

/** Per hirer and ISO week, by week then hirer. */
export async function banenafspraakByWeek(db: Queryable, filter: BanenafspraakWeekFilter): Promise<Page<BanenafspraakPeriod>> {
  const filtered = () =>
    new SqlFilter()
      .when(filter.hirerId, (p) => `h.hirer_id = ${p}`)
      .when(filter.fromWeek, (p) => `h.week_start >= ${p}::date`)
      .when(filter.toWeek, (p) => `h.week_start <= ${p}::date`);
  const select = (where: SqlFilter) =>
    `SELECT h.hirer_id, h.week AS period, h.week_start::text AS week_start, sum(h.minutes) AS minutes, count(DISTINCT h.worker_id)::int AS workers
     FROM rm_banenafspraak_minutes h ${where.sql} GROUP BY h.hirer_id, h.week, h.week_start`;
  const counted = filtered();
  const total = await countOf(db, select(counted), counted.params);
  const paged = filtered();
  const rows: Row[] = await db.query(
    `${select(paged)} ORDER BY h.week_start, h.hirer_id LIMIT ${paged.param(filter.limit)} OFFSET ${paged.param(filter.offset)}`,
    paged.params,
  );
  return { items: rows.map((r) => toPeriod(r, 1)), total, limit: filter.limit, offset: filter.offset };
}

/** Per hirer and calendar quarter (a week belongs to the quarter of its Thursday), by quarter then hirer. */
export async function banenafspraakByQuarter(db: Queryable, filter: BanenafspraakQuarterFilter): Promise<Page<BanenafspraakPeriod>> {
  const filtered = () =>
    new SqlFilter()
      .when(filter.hirerId, (p) => `h.hirer_id = ${p}`)
      .when(filter.fromQuarter, (p) => `h.quarter >= ${p}`)
      .when(filter.toQuarter, (p) => `h.quarter <= ${p}`);
  const select = (where: SqlFilter) =>
    `SELECT h.hirer_id, h.quarter AS period, min(h.week_start)::text AS week_start, sum(h.minutes) AS minutes, count(DISTINCT h.worker_id)::int AS workers
     FROM rm_banenafspraak_minutes h ${where.sql} GROUP BY h.hirer_id, h.quarter`;
  const counted = filtered();
  const total = await countOf(db, select(counted), counted.params);
  const paged = filtered();
  const rows: Row[] = await db.query(
    `${select(paged)} ORDER BY h.quarter, h.hirer_id LIMIT ${paged.param(filter.limit)} OFFSET ${paged.param(filter.offset)}`,
    paged.params,
  );
  return {
    items: rows.map((r) => {
      const weeks = weeksOfQuarter(r.period);
      return toPeriod({ ...r, week_start: weeks[0].weekStart }, weeks.length);
    }),
    total,
    limit: filter.limit,
    offset: filter.offset,
  };
}

function toPeriod(row: Row, weeks: number): BanenafspraakPeriod {
  return {
    hirerId: row.hirer_id,
    period: row.period,
    weekStart: row.week_start,
    weeks,
    hours: hoursOfMinutes(row.minutes),
    jobs: jobsOfMinutes(row.minutes, weeks),
    workers: row.workers,
  };
}

/** The approved minutes of one target-group worker at a hirer in one ISO week (all the worker's placements there together). */
export interface BanenafspraakWorkerWeek {
  workerId: string;
  /** Null only for a worker whose registration the read model could not read. */
  name: string | null;
  /** 'YYYY-Www' */
  week: string;
  weekStart: LocalDate;
  minutes: number;
}

/** What lies behind a hirer's figures for one quarter ('YYYY-Qn', by the Thursday rule): per worker and week, by worker then week. */
export async function banenafspraakWorkerWeeks(db: Queryable, hirerId: string, quarter: string): Promise<BanenafspraakWorkerWeek[]> {
  const rows: { worker_id: string; name: string | null; week: string; week_start: string; minutes: string }[] = await db.query(
    `SELECT h.worker_id, w.name, h.week, h.week_start::text AS week_start, sum(h.minutes) AS minutes
     FROM rm_banenafspraak_minutes h LEFT JOIN rm_banenafspraak_workers w ON w.worker_id = h.worker_id
     WHERE h.hirer_id = $1 AND h.quarter = $2
     GROUP BY h.worker_id, w.name, h.week, h.week_start
     ORDER BY h.worker_id, h.week_start`,
    [hirerId, quarter],
  );
  return rows.map((r) => ({ workerId: r.worker_id, name: r.name, week: r.week, weekStart: r.week_start, minutes: Number(r.minutes) }));
}
