import { addMonths, daysBetween, type LocalDate } from '@banenpool/domain';
import { hoursOf } from '../shared/hours.js';
import { countOf, SqlFilter, type Queryable } from '../shared/sql.js';
import type { Page } from '../stream-catalog/stream-catalog.query.js';

export const DEFAULT_HORIZON_MONTHS = 6;

export interface UpcomingEndsFilter {
  /** The day to look ahead from (the API passes today in Europe/Amsterdam by default). */
  asOf: LocalDate;
  horizonMonths: number;
  employerId?: string;
  workerId?: string;
  /** Also placements whose worker already has a confirmed follow-up. */
  includeFollowedUp?: boolean;
  limit: number;
  offset: number;
}

export interface UpcomingEndItem {
  placementId: string;
  workerId: string;
  employerId: string;
  siteId: string;
  functionName: string;
  hours: number;
  from: LocalDate;
  lastDay: LocalDate;
  endedEarly: boolean;
  /** Days from asOf to the last day. */
  daysLeft: number;
  followUp: { placementId: string; employerId: string; from: LocalDate } | null;
  proposedFollowUp: { placementId: string; from: LocalDate } | null;
}

interface Row {
  placement_id: string;
  worker_id: string;
  employer_id: string;
  site_id: string;
  function_name: string;
  hours_quarters: number;
  period_from: string;
  last_day: string;
  ended_early: boolean;
  follow_up_placement_id: string | null;
  follow_up_employer_id: string | null;
  follow_up_from: string | null;
  proposed_follow_up_placement_id: string | null;
  proposed_follow_up_from: string | null;
}

/** Placements whose last day lies from asOf to asOf + horizonMonths, soonest first; without a follow-up unless asked. */
export async function listUpcomingEnds(db: Queryable, filter: UpcomingEndsFilter): Promise<Page<UpcomingEndItem>> {
  const until = addMonths(filter.asOf, filter.horizonMonths);
  const filtered = () => {
    const where = new SqlFilter()
      .when(filter.asOf, (p) => `u.last_day >= ${p}::date`)
      .when(until, (p) => `u.last_day <= ${p}::date`)
      .when(filter.employerId, (p) => `u.employer_id = ${p}`)
      .when(filter.workerId, (p) => `u.worker_id = ${p}`);
    if (!filter.includeFollowedUp) where.where('u.follow_up_placement_id IS NULL');
    return where;
  };
  const select = (where: SqlFilter) =>
    `SELECT u.placement_id, u.worker_id, u.employer_id, u.site_id, u.function_name, u.hours_quarters, u.period_from::text AS period_from,
            u.last_day::text AS last_day, u.ended_early, u.follow_up_placement_id, u.follow_up_employer_id, u.follow_up_from::text AS follow_up_from,
            u.proposed_follow_up_placement_id, u.proposed_follow_up_from::text AS proposed_follow_up_from
     FROM rm_upcoming_ends u ${where.sql}`;
  const counted = filtered();
  const total = await countOf(db, select(counted), counted.params);
  const paged = filtered();
  const rows: Row[] = await db.query(
    `${select(paged)} ORDER BY u.last_day, u.placement_id LIMIT ${paged.param(filter.limit)} OFFSET ${paged.param(filter.offset)}`,
    paged.params,
  );
  const items = rows.map((r): UpcomingEndItem => ({
    placementId: r.placement_id,
    workerId: r.worker_id,
    employerId: r.employer_id,
    siteId: r.site_id,
    functionName: r.function_name,
    hours: hoursOf(r.hours_quarters),
    from: r.period_from,
    lastDay: r.last_day,
    endedEarly: r.ended_early,
    daysLeft: daysBetween(filter.asOf, r.last_day),
    followUp: r.follow_up_placement_id
      ? { placementId: r.follow_up_placement_id, employerId: r.follow_up_employer_id!, from: r.follow_up_from! }
      : null,
    proposedFollowUp: r.proposed_follow_up_placement_id
      ? { placementId: r.proposed_follow_up_placement_id, from: r.proposed_follow_up_from! }
      : null,
  }));
  return { items, total, limit: filter.limit, offset: filter.offset };
}
