import { minutesOfLine, type TimesheetApproved, type TimesheetLine } from '@banenpool/domain';
import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ProjectedEvent } from './projected-events.js';
import { latestBy } from './rows.js';

/** A sheet's approval: the hours a pay run pays and the hirer is invoiced for. */
export type Approval = TimesheetApproved['data'];

/**
 * The approvals of a batch that change what a read model holds: per sheet the latest of the batch
 * (a re-approval after a correction replaces the earlier one's hours), and only when it is not
 * older than the approval the read model already keeps. So an approval applied twice, or seen
 * after a later one in a replay out of order, changes nothing. `entity`'s table keys the sheet by
 * `timesheet_id` and records `approved_version`. `stored`: the sheets it already holds a row of (only those
 * have one to replace: a rebuild's new sheets need no DELETE).
 */
export async function approvalsToApply(
  manager: EntityManager,
  entity: EntityTarget<ObjectLiteral>,
  events: readonly ProjectedEvent[],
): Promise<{ approvals: Approval[]; stored: ReadonlySet<string> }> {
  const approvals = events.flatMap((e) => (e.type === 'TimesheetApproved' ? [e.data] : []));
  const latest = latestBy(
    approvals,
    (a) => a.timesheetId,
    (a) => a.approvedVersion,
  );
  if (latest.length === 0) return { approvals: [], stored: new Set() };
  const table = manager.connection.getMetadata(entity).tablePath;
  const stored: { timesheet_id: string; version: number }[] = await manager.query(
    `SELECT timesheet_id, max(approved_version) AS version FROM ${table} WHERE timesheet_id = ANY($1::text[]) GROUP BY timesheet_id`,
    [latest.map((a) => a.timesheetId)],
  );
  const kept = new Map(stored.map((row) => [row.timesheet_id, Number(row.version)]));
  return { approvals: latest.filter((a) => a.approvedVersion >= (kept.get(a.timesheetId) ?? 0)), stored: new Set(kept.keys()) };
}

/**
 * The minutes a line pays: from start to end less the break. Sick, leave and public-holiday lines
 * are paid hours like worked ones. The decider refuses a break longer than the line; a hand-made
 * line that has one counts nothing rather than taking minutes off the week.
 */
export const paidMinutesOf = (line: Pick<TimesheetLine, 'start' | 'end' | 'breakMinutes'>): number => Math.max(0, minutesOfLine(line));
