import type { LocalDate, TimesheetLine } from '@banenpool/domain';
import { LessThanOrEqual, type DataSource } from 'typeorm';
import { countOf, SqlFilter, type Queryable } from '../shared/sql.js';
import type { Page } from '../stream-catalog/stream-catalog.query.js';
import { TimesheetRow, type TimesheetStatus } from './timesheets.entity.js';

/** A timesheet as the pay runs and the API read it. */
export interface TimesheetView {
  timesheetId: string;
  placementId: string;
  workerId: string;
  employerId: string;
  /** 'YYYY-Www' */
  week: string;
  monday: LocalDate;
  status: TimesheetStatus;
  /** As registered or last corrected. */
  lines: TimesheetLine[];
  /** The latest approval: what is paid and invoiced, also while a later correction awaits approval. */
  approved?: { approvedVersion: number; lines: TimesheetLine[]; by: string; onBehalfOf?: string };
  /** The pay run that last locked the sheet and the approval it paid. */
  lock?: { payRunId: string; approvedVersion: number };
}

/** A sheet in a list: with its stream's version, the If-Match of a next command on it. */
export type TimesheetItem = TimesheetView & { version: number; rejectionReason?: string };

export function timesheetViewOf(row: TimesheetRow): TimesheetView {
  const { timesheetId, placementId, workerId, employerId, week, monday, status, lines } = row;
  return {
    timesheetId,
    placementId,
    workerId,
    employerId,
    week,
    monday,
    status,
    lines,
    ...(row.approvedVersion === null
      ? {}
      : {
          approved: {
            approvedVersion: row.approvedVersion,
            lines: row.approvedLines ?? [],
            by: row.approvedBy ?? '',
            ...(row.onBehalfOf === null ? {} : { onBehalfOf: row.onBehalfOf }),
          },
        }),
    ...(row.lockedByPayRun === null || row.lockedVersion === null
      ? {}
      : { lock: { payRunId: row.lockedByPayRun, approvedVersion: row.lockedVersion } }),
  };
}

const itemOf = (row: TimesheetRow): TimesheetItem => ({
  ...timesheetViewOf(row),
  version: row.eventCount - 1,
  ...(row.rejectionReason === null ? {} : { rejectionReason: row.rejectionReason }),
});

/** Every sheet whose week starts on or before `to` (a pay period's last day), ordered by worker, then week. */
export async function sheetsUpTo(dataSource: DataSource, to: LocalDate): Promise<TimesheetView[]> {
  const rows = await dataSource.manager.find(TimesheetRow, {
    where: { monday: LessThanOrEqual(to) },
    order: { workerId: 'ASC', monday: 'ASC', timesheetId: 'ASC' },
  });
  return rows.map(timesheetViewOf);
}

export interface TimesheetFilter {
  employerId?: string;
  workerId?: string;
  placementId?: string;
  status?: TimesheetStatus;
  /** Monday of the first week, inclusive. */
  fromWeek?: LocalDate;
  /** Monday of the last week, inclusive. */
  toWeek?: LocalDate;
  limit: number;
  offset: number;
}

const COLUMNS = `timesheet_id AS "timesheetId", placement_id AS "placementId", worker_id AS "workerId", employer_id AS "employerId",
  week, monday::text AS monday, status, lines, approved_version AS "approvedVersion", approved_lines AS "approvedLines",
  approved_by AS "approvedBy", on_behalf_of AS "onBehalfOf", locked_by_pay_run AS "lockedByPayRun", locked_version AS "lockedVersion",
  rejection_reason AS "rejectionReason", event_count AS "eventCount"`;

/** The sheets that match, the earliest week first, then by worker and placement; paginated. */
export async function listTimesheets(db: Queryable, filter: TimesheetFilter): Promise<Page<TimesheetItem>> {
  const filtered = () =>
    new SqlFilter()
      .when(filter.employerId, (p) => `employer_id = ${p}`)
      .when(filter.workerId, (p) => `worker_id = ${p}`)
      .when(filter.placementId, (p) => `placement_id = ${p}`)
      .when(filter.status, (p) => `status = ${p}`)
      .when(filter.fromWeek, (p) => `monday >= ${p}::date`)
      .when(filter.toWeek, (p) => `monday <= ${p}::date`);
  const select = (where: SqlFilter) => `SELECT ${COLUMNS} FROM rm_timesheets ${where.sql}`;
  const counted = filtered();
  const total = await countOf(db, select(counted), counted.params);
  const paged = filtered();
  const rows: TimesheetRow[] = await db.query(
    `${select(paged)} ORDER BY monday, worker_id, placement_id LIMIT ${paged.param(filter.limit)} OFFSET ${paged.param(filter.offset)}`,
    paged.params,
  );
  return { items: rows.map(itemOf), total, limit: filter.limit, offset: filter.offset };
}

/** The sheets of one employer's placements in one week that await its approval. */
export async function submittedSheetsOf(db: Queryable, employerId: string, monday: LocalDate): Promise<string[]> {
  const rows: { timesheet_id: string }[] = await db.query(
    `SELECT timesheet_id FROM rm_timesheets WHERE employer_id = $1 AND monday = $2::date AND status = 'submitted' ORDER BY timesheet_id`,
    [employerId, monday],
  );
  return rows.map((r) => r.timesheet_id);
}
