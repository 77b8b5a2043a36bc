import type { LocalDate } from '@banenpool/domain';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The approved minutes of a target-group worker at a hirer in one ISO week through one placement
 * (its timesheet of that week): those of the days the worker is in the register. Sensitive: it
 * tells who is in the target group, so only operators and auditors reach it, and a hirer its own statement.
 */
@Entity({ name: 'rm_banenafspraak_minutes' })
@Index('rm_banenafspraak_minutes_hirer_week', ['hirerId', 'weekStart'])
@Index('rm_banenafspraak_minutes_quarter', ['quarter', 'hirerId'])
@Index('rm_banenafspraak_minutes_worker', ['workerId'])
export class BanenafspraakMinutes {
  @PrimaryColumn({ name: 'placement_id', type: 'text' })
  placementId: string;

  @PrimaryColumn({ name: 'week_start', type: 'date' })
  weekStart: LocalDate;

  @Column({ type: 'text' })
  week: string;

  /** 'YYYY-Qn': the quarter of the week's Thursday. */
  @Column({ type: 'text' })
  quarter: string;

  /** The employer where the hours count (the inlener). */
  @Column({ name: 'hirer_id', type: 'text' })
  hirerId: string;

  @Column({ name: 'worker_id', type: 'text' })
  workerId: string;

  @Column({ type: 'integer' })
  minutes: number;
}

/**
 * One target-group status as recorded, with the days it holds; `revision` (in the worker's stream)
 * is the order recorded, which decides between statuses with the same start. No wage value, no diagnosis.
 */
@Entity({ name: 'rm_banenafspraak_statuses' })
export class BanenafspraakStatus {
  @PrimaryColumn({ name: 'worker_id', type: 'text' })
  workerId: string;

  @PrimaryColumn({ type: 'integer' })
  revision: number;

  @Column({ name: 'in_register', type: 'boolean' })
  inRegister: boolean;

  /** Null: since registration. */
  @Column({ name: 'valid_from', type: 'date', nullable: true })
  validFrom: LocalDate | null;

  @Column({ name: 'valid_until', type: 'date', nullable: true })
  validUntil: LocalDate | null;
}

/**
 * The latest approval of one timesheet: the minutes the hirer approved per day (a re-approval after
 * a correction replaces the row). Kept per day because whether they count depends on the register
 * status of that day, which may be recorded later.
 */
@Entity({ name: 'rm_banenafspraak_approved_sheets' })
@Index('rm_banenafspraak_approved_sheets_worker', ['workerId'])
export class BanenafspraakApprovedSheet {
  @PrimaryColumn({ name: 'timesheet_id', type: 'text' })
  timesheetId: string;

  @Column({ name: 'placement_id', type: 'text' })
  placementId: string;

  /** The Monday of the sheet's ISO week. */
  @Column({ name: 'week_start', type: 'date' })
  weekStart: LocalDate;

  @Column({ name: 'hirer_id', type: 'text' })
  hirerId: string;

  @Column({ name: 'worker_id', type: 'text' })
  workerId: string;

  @Column({ name: 'approved_version', type: 'integer' })
  approvedVersion: number;

  /** Day → approved minutes of its lines. */
  @Column({ name: 'minutes_by_day', type: 'jsonb' })
  minutesByDay: Record<LocalDate, number>;
}

/** A registered worker's name, for the hirer's statement: who is behind its hours. Names are set at registration and never change. */
@Entity({ name: 'rm_banenafspraak_workers' })
export class BanenafspraakWorker {
  @PrimaryColumn({ name: 'worker_id', type: 'text' })
  workerId: string;

  @Column({ type: 'text' })
  name: string;
}
