import type { LocalDate } from '@banenpool/domain';
import { hoursOf } from '../shared/hours.js';
import { countOf, SqlFilter, type Queryable } from '../shared/sql.js';
import type { Page } from '../stream-catalog/stream-catalog.query.js';

export interface CapacityGapFilter {
  requestId?: string;
  employerId?: string;
  siteId?: string;
  /** Monday of the first week, inclusive. */
  fromWeek?: LocalDate;
  /** Monday of the last week, inclusive. */
  toWeek?: LocalDate;
  /** Only weeks with places or hours still open. */
  openOnly?: boolean;
  limit: number;
  offset: number;
}

export interface CapacityGap {
  requestId: string;
  week: string;
  weekStart: LocalDate;
  employerId: string;
  siteId: string;
  functionName: string;
  requiredSkill: string;
  status: 'open' | 'withdrawn';
  asked: { headcount: number; hours: number };
  filled: { headcount: number; hours: number; placementIds: string[] };
  open: { headcount: number; hours: number };
}

interface GapRow {
  request_id: string;
  week_start: string;
  week: string;
  employer_id: string;
  site_id: string;
  function_name: string;
  required_skill: string;
  status: 'open' | 'withdrawn';
  headcount_asked: number;
  hours_asked_quarters: number;
  headcount_filled: number;
  hours_filled_quarters: number;
  headcount_open: number;
  hours_open_quarters: number;
  placement_ids: string[];
}

/** Capacity gaps by week, then request; paginated. */
export async function listCapacityGaps(db: Queryable, filter: CapacityGapFilter): Promise<Page<CapacityGap>> {
  const filtered = () => {
    const where = new SqlFilter()
      .when(filter.requestId, (p) => `g.request_id = ${p}`)
      .when(filter.employerId, (p) => `g.employer_id = ${p}`)
      .when(filter.siteId, (p) => `g.site_id = ${p}`)
      .when(filter.fromWeek, (p) => `g.week_start >= ${p}::date`)
      .when(filter.toWeek, (p) => `g.week_start <= ${p}::date`);
    if (filter.openOnly) where.where('(g.headcount_open > 0 OR g.hours_open_quarters > 0)');
    return where;
  };
  const select = (where: SqlFilter) =>
    `SELECT g.request_id, g.week_start::text AS week_start, g.week, g.employer_id, g.site_id, g.function_name, g.required_skill, g.status,
            g.headcount_asked, g.hours_asked_quarters, g.headcount_filled, g.hours_filled_quarters, g.headcount_open, g.hours_open_quarters, g.placement_ids
     FROM rm_capacity_gaps g ${where.sql}`;
  const counted = filtered();
  const total = await countOf(db, select(counted), counted.params);
  const paged = filtered();
  const rows: GapRow[] = await db.query(
    `${select(paged)} ORDER BY g.week_start, g.request_id LIMIT ${paged.param(filter.limit)} OFFSET ${paged.param(filter.offset)}`,
    paged.params,
  );
  return { items: rows.map(toGap), total, limit: filter.limit, offset: filter.offset };
}

function toGap(row: GapRow): CapacityGap {
  return {
    requestId: row.request_id,
    week: row.week,
    weekStart: row.week_start,
    employerId: row.employer_id,
    siteId: row.site_id,
    functionName: row.function_name,
    requiredSkill: row.required_skill,
    status: row.status,
    asked: { headcount: row.headcount_asked, hours: hoursOf(row.hours_asked_quarters) },
    filled: { headcount: row.headcount_filled, hours: hoursOf(row.hours_filled_quarters), placementIds: row.placement_ids },
    open: { headcount: row.headcount_open, hours: hoursOf(row.hours_open_quarters) },
  };
}
