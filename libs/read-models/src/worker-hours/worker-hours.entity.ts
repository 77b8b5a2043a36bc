import type { LocalDate } from '@banenpool/domain';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { ContractFactsColumns } from '../shared/contract-facts.js';
import { PlacementFactsColumns } from '../shared/placement-facts.js';

/** The hours a week a confirmed placement adds to its worker's week, for every ISO week it is worked. */
@Entity({ name: 'rm_worker_hours_placement_weeks' })
@Index('rm_worker_hours_placement_weeks_worker_week', ['workerId', 'weekStart'])
export class WorkerHoursPlacementWeek {
  @PrimaryColumn({ name: 'placement_id', type: 'text' })
  placementId: string;

  @PrimaryColumn({ name: 'week_start', type: 'date' })
  weekStart: LocalDate;

  @Column({ name: 'worker_id', type: 'text' })
  workerId: string;

  @Column({ name: 'employer_id', type: 'text' })
  employerId: string;

  @Column({ name: 'site_id', type: 'text' })
  siteId: string;

  @Column({ name: 'function_name', type: 'text' })
  functionName: string;

  @Column({ name: 'hours_quarters', type: 'integer' })
  hoursQuarters: number;
}

/**
 * The latest approval of one timesheet (a placement's ISO week): the minutes the hirer approved,
 * every hour type (sick, leave and public-holiday hours are paid hours too). A re-approval after a
 * correction replaces the row.
 */
@Entity({ name: 'rm_worker_hours_approved_sheets' })
@Index('rm_worker_hours_approved_sheets_worker_week', ['workerId', 'weekStart'])
export class WorkerHoursApprovedSheet {
  @PrimaryColumn({ name: 'timesheet_id', type: 'text' })
  timesheetId: string;

  @Column({ name: 'placement_id', type: 'text' })
  placementId: string;

  @Column({ name: 'week_start', type: 'date' })
  weekStart: LocalDate;

  @Column({ name: 'worker_id', type: 'text' })
  workerId: string;

  @Column({ name: 'employer_id', type: 'text' })
  employerId: string;

  @Column({ name: 'approved_version', type: 'integer' })
  approvedVersion: number;

  @Column({ type: 'integer' })
  minutes: number;
}

/** The worker's pool contracts: guaranteed and maximum hours, and when they run. */
@Entity({ name: 'rm_worker_hours_contracts' })
export class WorkerHoursContract extends ContractFactsColumns {}

@Entity({ name: 'rm_worker_hours_placements' })
export class WorkerHoursPlacement extends PlacementFactsColumns {}
