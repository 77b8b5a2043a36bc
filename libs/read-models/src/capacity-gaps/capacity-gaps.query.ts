import { addDays, type LocalDate, type Period } from '@banenpool/domain';
import { Between, In, IsNull, LessThanOrEqual, MoreThanOrEqual, Not, type EntityManager, type FindOptionsWhere } from 'typeorm';
import { isKnownRequest } from '../shared/capacity-facts.js';
import { hoursOf } from '../shared/hours.js';
import { countOf, SqlFilter, type Queryable } from '../shared/sql.js';
import type { Page } from '../stream-catalog/stream-catalog.query.js';
import { CapacityGapRequest, CapacityGapSlot, CapacityGapWeek } from './capacity-gaps.entity.js';

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

/** A capacity request not withdrawn, as the allocation engine reads it. */
export interface OpenCapacityRequest {
  requestId: string;
  employerId: string;
  siteId: string;
  functionName: string;
  requiredSkill: string;
  period: Period;
  hoursPerWeek: number;
  headcount: number;
  /** Places held by placements over the whole request (reserved slots), whatever their weeks. */
  reservedSlots: number;
  /** Places still open per week of the range asked for, by Monday (weeks without a gap row are left out). */
  openByWeek: Record<LocalDate, number>;
}

export interface OpenRequestsFilter {
  /** Monday of the first week, inclusive. */
  fromWeek: LocalDate;
  /** Monday of the last week, inclusive. */
  toWeek: LocalDate;
  /** Empty: every employer. */
  employerIds: readonly string[];
  /** Empty: every request. */
  requestIds: readonly string[];
}

/**
 * The requests not withdrawn whose period touches the weeks, with their reserved places and open
 * places per week. Takes an EntityManager so a caller can read it inside its own transaction.
 */
export async function openRequestsInWeeks(manager: EntityManager, filter: OpenRequestsFilter): Promise<OpenCapacityRequest[]> {
  const rows = await manager.find(CapacityGapRequest, { where: openRequestsWhere(filter), order: { requestId: 'ASC' } });
  const requests = rows.filter(isKnownRequest);
  if (requests.length === 0) return [];
  const requestIds = requests.map((r) => r.requestId);
  const slots = await manager.findBy(CapacityGapSlot, { requestId: In(requestIds), reserved: true });
  const weeks = await manager.find(CapacityGapWeek, {
    select: { requestId: true, weekStart: true, headcountOpen: true },
    where: { requestId: In(requestIds), weekStart: Between(filter.fromWeek, filter.toWeek) },
    order: { weekStart: 'ASC' },
  });
  return requests.map((r) => ({
    requestId: r.requestId,
    employerId: r.employerId,
    siteId: r.siteId,
    functionName: r.functionName,
    requiredSkill: r.requiredSkill,
    period: { from: r.periodFrom, to: r.periodTo },
    hoursPerWeek: hoursOf(r.hoursQuarters),
    headcount: r.headcount,
    reservedSlots: slots.filter((s) => s.requestId === r.requestId).length,
    openByWeek: Object.fromEntries(weeks.filter((w) => w.requestId === r.requestId).map((w) => [w.weekStart, w.headcountOpen])),
  }));
}

function openRequestsWhere(filter: OpenRequestsFilter): FindOptionsWhere<CapacityGapRequest> {
  return {
    withdrawn: false,
    employerId: filter.employerIds.length > 0 ? In([...filter.employerIds]) : Not(IsNull()),
    ...(filter.requestIds.length > 0 ? { requestId: In([...filter.requestIds]) } : {}),
    periodFrom: LessThanOrEqual(addDays(filter.toWeek, 6)),
    periodTo: MoreThanOrEqual(filter.fromWeek),
  };
}
