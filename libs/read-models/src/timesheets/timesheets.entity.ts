import type { LocalDate, TimesheetLine } from '@banenpool/domain';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const TIMESHEET_STATUSES = ['draft', 'submitted', 'approved', 'rejected'] as const;
export type TimesheetStatus = (typeof TIMESHEET_STATUSES)[number];

/**
 * One row per timesheet (a placement's ISO week): its lines as now registered, and apart from them
 * the lines of its latest approval, which are what a pay run pays while a correction awaits approval.
 */
@Entity({ name: 'rm_timesheets' })
@Index('rm_timesheets_employer_monday', ['employerId', 'monday'])
@Index('rm_timesheets_worker_monday', ['workerId', 'monday'])
@Index('rm_timesheets_placement', ['placementId'])
@Index('rm_timesheets_monday', ['monday'])
export class TimesheetRow {
  @PrimaryColumn({ name: 'timesheet_id', type: 'text' })
  timesheetId: string;

  @Column({ name: 'placement_id', type: 'text' })
  placementId: string;

  @Column({ name: 'worker_id', type: 'text' })
  workerId: string;

  @Column({ name: 'employer_id', type: 'text' })
  employerId: string;

  /** 'YYYY-Www' */
  @Column({ type: 'text' })
  week: string;

  /** The Monday that starts the week. */
  @Column({ type: 'date' })
  monday: LocalDate;

  @Column({ type: 'text' })
  status: TimesheetStatus;

  /** As registered or last corrected. */
  @Column({ type: 'jsonb' })
  lines: TimesheetLine[];

  /** The count of the latest approval (1 for the first); null until the sheet is approved. */
  @Column({ name: 'approved_version', type: 'integer', nullable: true })
  approvedVersion: number | null;

  @Column({ name: 'approved_lines', type: 'jsonb', nullable: true })
  approvedLines: TimesheetLine[] | null;

  /** Who approved: the hirer's key, or the operator who approved on its behalf. */
  @Column({ name: 'approved_by', type: 'text', nullable: true })
  approvedBy: string | null;

  /** The employer an operator approved for. */
  @Column({ name: 'on_behalf_of', type: 'text', nullable: true })
  onBehalfOf: string | null;

  /** The pay run that last locked the sheet, and the approval it paid. */
  @Column({ name: 'locked_by_pay_run', type: 'text', nullable: true })
  lockedByPayRun: string | null;

  @Column({ name: 'locked_version', type: 'integer', nullable: true })
  lockedVersion: number | null;

  /** Why the hirer rejected the sheet; null when it was not rejected since its last approval. */
  @Column({ name: 'rejection_reason', type: 'text', nullable: true })
  rejectionReason: string | null;

  /** The stream's revision after the last event folded in, plus one: older events are never folded again. */
  @Column({ name: 'event_count', type: 'integer' })
  eventCount: number;
}
