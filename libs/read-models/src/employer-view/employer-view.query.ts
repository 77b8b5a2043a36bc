import { isoWeekOf, type LocalDate, type OpenPeriod, type Period } from '@banenpool/domain';
import { In, type EntityManager } from 'typeorm';
import { hoursOf } from '../shared/hours.js';
import { countOf, SqlFilter, type Queryable } from '../shared/sql.js';
import type { PlacementStatus } from '../shared/placement-facts.js';
import type { Page } from '../stream-catalog/stream-catalog.query.js';
import { EmployerViewClosure, EmployerViewEmployer, EmployerViewSite } from './employer-view.entity.js';

export interface EmployerOverview {
  employerId: string;
  name: string | null;
  membership: { from: LocalDate | null; until: LocalDate | null };
  sites: { siteId: string; name: string; area: string; closures: { from: LocalDate; to: LocalDate; reason: string }[] }[];
  requests: { open: number; withdrawn: number; openPlaces: number };
  placements: Record<PlacementStatus, number>;
  /** Hours of confirmed placements per ISO week in the range asked for (weeks without any are left out). */
  hoursByWeek: { week: string; weekStart: LocalDate; hours: number; placements: number; workers: number }[];
}

export interface EmployerRequestItem {
  requestId: string;
  siteId: string;
  functionName: string;
  requiredSkill: string;
  period: { from: LocalDate; to: LocalDate };
  hoursPerWeek: number;
  headcount: number;
  /** Places held now (reserved slots). */
  filled: number;
  openPlaces: number;
  status: 'open' | 'withdrawn';
}

export interface EmployerPlacementItem {
  placementId: string;
  workerId: string;
  siteId: string;
  functionName: string;
  capacityRequestId: string | null;
  legalForm: string;
  hoursPerWeek: number;
  period: { from: LocalDate; to: LocalDate };
  lastDay: LocalDate | null;
  status: PlacementStatus;
  billRateCents: number | null;
  /** Once confirmed: the agreed CAO scale and step, and the first day's wage (null while its minimum wage was not published). */
  pay: {
    hourlyCents: number | null;
    wageBasis: string | null;
    cao: { code: string; versionFrom: LocalDate | null; revision: number | null; scale: string; step: number };
  } | null;
}

const STATUS_SQL = `CASE WHEN p.withdrawn THEN 'withdrawn' WHEN p.last_day IS NOT NULL THEN 'ended' WHEN p.confirmed THEN 'confirmed' ELSE 'proposed' END`;
const REQUEST_SQL = `
  SELECT r.request_id, r.site_id, r.function_name, r.required_skill, r.period_from::text AS period_from, r.period_to::text AS period_to,
         r.hours_quarters, r.headcount, r.withdrawn,
         (SELECT count(*) FROM rm_employer_view_slots s WHERE s.request_id = r.request_id AND s.reserved)::int AS filled
  FROM rm_employer_view_requests r`;

/** One employer's overview, or undefined when the employer is unknown. */
export async function employerOverview(
  db: Queryable,
  employerId: string,
  weeks: { fromWeek: LocalDate; toWeek: LocalDate },
): Promise<EmployerOverview | undefined> {
  const [employer]: { name: string | null; member_from: string | null; member_until: string | null }[] = await db.query(
    'SELECT name, member_from::text AS member_from, member_until::text AS member_until FROM rm_employer_view_employers WHERE employer_id = $1',
    [employerId],
  );
  if (!employer) return undefined;
  const sites: { site_id: string; name: string; area: string }[] = await db.query(
    'SELECT site_id, name, area FROM rm_employer_view_sites WHERE employer_id = $1 ORDER BY site_id',
    [employerId],
  );
  const closures: { site_id: string; period_from: string; period_to: string; reason: string }[] = await db.query(
    'SELECT site_id, period_from::text AS period_from, period_to::text AS period_to, reason FROM rm_employer_view_closures WHERE employer_id = $1 ORDER BY period_from',
    [employerId],
  );
  const requestRows: RequestRow[] = await db.query(`${REQUEST_SQL} WHERE r.employer_id = $1 AND r.period_from IS NOT NULL`, [employerId]);
  const requests = requestRows.map(toRequest);
  const statuses: { status: PlacementStatus; count: number }[] = await db.query(
    `SELECT ${STATUS_SQL} AS status, count(*)::int AS count FROM rm_employer_view_placements p WHERE p.employer_id = $1 GROUP BY 1`,
    [employerId],
  );
  const hours: { week_start: string; hours: string; placements: number; workers: number }[] = await db.query(
    `SELECT w.week_start::text AS week_start, sum(w.hours_quarters) AS hours, count(*)::int AS placements, count(DISTINCT w.worker_id)::int AS workers
     FROM rm_employer_view_placement_weeks w
     WHERE w.employer_id = $1 AND w.week_start >= $2::date AND w.week_start <= $3::date
     GROUP BY w.week_start ORDER BY w.week_start`,
    [employerId, weeks.fromWeek, weeks.toWeek],
  );
  const count = (status: PlacementStatus) => statuses.find((s) => s.status === status)?.count ?? 0;
  return {
    employerId,
    name: employer.name,
    membership: { from: employer.member_from, until: employer.member_until },
    sites: sites.map((s) => ({
      siteId: s.site_id,
      name: s.name,
      area: s.area,
      closures: closures.filter((c) => c.site_id === s.site_id).map((c) => ({ from: c.period_from, to: c.period_to, reason: c.reason })),
    })),
    requests: {
      open: requests.filter((r) => r.status === 'open').length,
      withdrawn: requests.filter((r) => r.status === 'withdrawn').length,
      openPlaces: requests.reduce((sum, r) => sum + r.openPlaces, 0),
    },
    placements: { proposed: count('proposed'), confirmed: count('confirmed'), ended: count('ended'), withdrawn: count('withdrawn') },
    hoursByWeek: hours.map((h) => ({
      week: isoWeekOf(h.week_start),
      weekStart: h.week_start,
      hours: hoursOf(h.hours),
      placements: h.placements,
      workers: h.workers,
    })),
  };
}

export interface EmployerListFilter {
  status?: string;
  limit: number;
  offset: number;
}

/** The employer's capacity requests, newest period first. */
export async function listEmployerRequests(
  db: Queryable,
  employerId: string,
  filter: EmployerListFilter,
): Promise<Page<EmployerRequestItem>> {
  const filtered = () => {
    const where = new SqlFilter().when(employerId, (p) => `r.employer_id = ${p}`).where('r.period_from IS NOT NULL');
    if (filter.status === 'open' || filter.status === 'withdrawn') where.where(`r.withdrawn = ${filter.status === 'withdrawn'}`);
    return where;
  };
  const counted = filtered();
  const total = await countOf(db, `${REQUEST_SQL} ${counted.sql}`, counted.params);
  const paged = filtered();
  const rows: RequestRow[] = await db.query(
    `${REQUEST_SQL} ${paged.sql} ORDER BY r.period_from DESC, r.request_id LIMIT ${paged.param(filter.limit)} OFFSET ${paged.param(filter.offset)}`,
    paged.params,
  );
  return { items: rows.map(toRequest), total, limit: filter.limit, offset: filter.offset };
}

/** The employer's placements of any status, latest start first. */
export async function listEmployerPlacements(
  db: Queryable,
  employerId: string,
  filter: EmployerListFilter,
): Promise<Page<EmployerPlacementItem>> {
  const filtered = () =>
    new SqlFilter()
      .when(employerId, (p) => `p.employer_id = ${p}`)
      .where('p.period_from IS NOT NULL')
      .when(filter.status, (p) => `${STATUS_SQL} = ${p}`);
  const select = (where: SqlFilter) =>
    `SELECT p.placement_id, p.worker_id, p.site_id, p.function_name, p.capacity_request_id, p.legal_form, p.hours_quarters,
            p.period_from::text AS period_from, p.period_to::text AS period_to, p.last_day::text AS last_day, ${STATUS_SQL} AS status,
            p.bill_rate_cents, p.hourly_cents, p.wage_basis, p.cao_code, p.cao_version_from::text AS cao_version_from, p.cao_revision, p.cao_scale, p.cao_step
     FROM rm_employer_view_placements p ${where.sql}`;
  const counted = filtered();
  const total = await countOf(db, select(counted), counted.params);
  const paged = filtered();
  const rows: PlacementRow[] = await db.query(
    `${select(paged)} ORDER BY p.period_from DESC, p.placement_id LIMIT ${paged.param(filter.limit)} OFFSET ${paged.param(filter.offset)}`,
    paged.params,
  );
  return {
    items: rows.map((r): EmployerPlacementItem => ({
      placementId: r.placement_id,
      workerId: r.worker_id,
      siteId: r.site_id,
      functionName: r.function_name,
      capacityRequestId: r.capacity_request_id,
      legalForm: r.legal_form,
      hoursPerWeek: hoursOf(r.hours_quarters),
      period: { from: r.period_from, to: r.period_to },
      lastDay: r.last_day,
      status: r.status,
      billRateCents: r.bill_rate_cents,
      pay:
        r.cao_code === null
          ? null
          : {
              hourlyCents: r.hourly_cents,
              wageBasis: r.wage_basis,
              cao: {
                code: r.cao_code,
                versionFrom: r.cao_version_from,
                revision: r.cao_revision,
                scale: r.cao_scale!,
                step: r.cao_step!,
              },
            },
    })),
    total,
    limit: filter.limit,
    offset: filter.offset,
  };
}

interface PlacementRow {
  placement_id: string;
  worker_id: string;
  site_id: string;
  function_name: string;
  capacity_request_id: string | null;
  legal_form: string;
  hours_quarters: number;
  period_from: string;
  period_to: string;
  last_day: string | null;
  status: PlacementStatus;
  bill_rate_cents: number | null;
  hourly_cents: number | null;
  wage_basis: string | null;
  cao_code: string | null;
  cao_version_from: string | null;
  cao_revision: number | null;
  cao_scale: string | null;
  cao_step: number | null;
}

interface RequestRow {
  request_id: string;
  site_id: string;
  function_name: string;
  required_skill: string;
  period_from: string;
  period_to: string;
  hours_quarters: number;
  headcount: number;
  withdrawn: boolean;
  filled: number;
}

function toRequest(r: RequestRow): EmployerRequestItem {
  const status = r.withdrawn ? 'withdrawn' : 'open';
  return {
    requestId: r.request_id,
    siteId: r.site_id,
    functionName: r.function_name,
    requiredSkill: r.required_skill,
    period: { from: r.period_from, to: r.period_to },
    hoursPerWeek: hoursOf(r.hours_quarters),
    headcount: r.headcount,
    filled: r.filled,
    openPlaces: status === 'open' ? Math.max(0, r.headcount - r.filled) : 0,
    status,
  };
}

/** A site of an employer that joined the pool (and may have left since), with its closures. */
export interface MemberSite {
  employerId: string;
  siteId: string;
  area: string;
  membership: OpenPeriod;
  closures: Period[];
}

/** The sites of these employers; an employer that never joined has none (no placement can be confirmed there). */
export async function sitesOfMembers(manager: EntityManager, employerIds: readonly string[]): Promise<MemberSite[]> {
  if (employerIds.length === 0) return [];
  const ids = In([...employerIds]);
  const employers = new Map((await manager.findBy(EmployerViewEmployer, { employerId: ids })).map((e) => [e.employerId, e]));
  const sites = await manager.find(EmployerViewSite, { where: { employerId: ids }, order: { employerId: 'ASC', siteId: 'ASC' } });
  const closures = await manager.find(EmployerViewClosure, { where: { employerId: ids }, order: { periodFrom: 'ASC' } });
  return sites.flatMap((site) => {
    const employer = employers.get(site.employerId);
    if (!employer?.memberFrom) return [];
    return [
      {
        employerId: site.employerId,
        siteId: site.siteId,
        area: site.area,
        membership: { from: employer.memberFrom, ...(employer.memberUntil ? { to: employer.memberUntil } : {}) },
        closures: closures
          .filter((c) => c.employerId === site.employerId && c.siteId === site.siteId)
          .map((c) => ({ from: c.periodFrom, to: c.periodTo })),
      },
    ];
  });
}
