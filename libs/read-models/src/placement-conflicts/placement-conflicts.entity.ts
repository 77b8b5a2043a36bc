import type { LocalDate } from '@banenpool/domain';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { PlacementFactsColumns } from '../shared/placement-facts.js';

/**
 * One row per confirmed placement and closure of its site that overlap: the site is closed on days
 * the placement still counts as worked. Deleted as soon as they no longer overlap.
 */
@Entity({ name: 'rm_placement_conflicts' })
@Index('rm_placement_conflicts_employer', ['employerId', 'siteId'])
@Index('rm_placement_conflicts_worker', ['workerId'])
export class PlacementConflict {
  @PrimaryColumn({ name: 'placement_id', type: 'text' })
  placementId: string;

  /** With employer and site, the closure's key (a site's closures never overlap, so never share a first day). */
  @PrimaryColumn({ name: 'closure_from', type: 'date' })
  closureFrom: LocalDate;

  @Column({ name: 'closure_to', type: 'date' })
  closureTo: LocalDate;

  @Column({ name: 'closure_reason', type: 'text' })
  closureReason: string;

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

  /** The days the placement is worked: its start to its agreed end (extensions included) or its last day. */
  @Column({ name: 'worked_from', type: 'date' })
  workedFrom: LocalDate;

  @Column({ name: 'worked_to', type: 'date' })
  workedTo: LocalDate;

  /** Whether the placement has ended (at its agreed end or early); otherwise it is confirmed and running. */
  @Column({ type: 'boolean' })
  ended: boolean;

  /** The worked days the site is closed. */
  @Column({ name: 'overlap_from', type: 'date' })
  overlapFrom: LocalDate;

  @Column({ name: 'overlap_to', type: 'date' })
  overlapTo: LocalDate;

  /** Since the later of the confirmation and the closure's declaration: the event that made the conflict. */
  @Column({ name: 'since_at', type: 'timestamptz' })
  sinceAt: Date;

  /** That event's global position, "commit-prepare". */
  @Column({ name: 'since_position', type: 'text' })
  sincePosition: string;
}

/**
 * The ISO weeks a conflict releases: every day the placement is worked in the week is a closed
 * day, so in that week it takes none of its worker's hours (allocation treats the worker as free).
 */
@Entity({ name: 'rm_placement_conflict_weeks' })
@Index('rm_placement_conflict_weeks_worker_week', ['workerId', 'weekStart'])
export class PlacementConflictWeek {
  @PrimaryColumn({ name: 'placement_id', type: 'text' })
  placementId: string;

  @PrimaryColumn({ name: 'closure_from', type: 'date' })
  closureFrom: LocalDate;

  @PrimaryColumn({ name: 'week_start', type: 'date' })
  weekStart: LocalDate;

  /** 'YYYY-Www' */
  @Column({ type: 'text' })
  week: string;

  @Column({ name: 'worker_id', type: 'text' })
  workerId: string;
}

@Entity({ name: 'rm_placement_conflicts_placements' })
@Index('rm_placement_conflicts_placements_site', ['employerId', 'siteId'])
export class PlacementConflictsPlacement extends PlacementFactsColumns {}

/** When each placement was confirmed (a placement is confirmed once). */
@Entity({ name: 'rm_placement_conflicts_confirmations' })
export class PlacementConflictsConfirmation {
  @PrimaryColumn({ name: 'placement_id', type: 'text' })
  placementId: string;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'text' })
  position: string;
}

/** Every seasonal closure, with when it was declared. */
@Entity({ name: 'rm_placement_conflicts_closures' })
export class PlacementConflictsClosure {
  @PrimaryColumn({ name: 'employer_id', type: 'text' })
  employerId: string;

  @PrimaryColumn({ name: 'site_id', type: 'text' })
  siteId: string;

  @PrimaryColumn({ name: 'period_from', type: 'date' })
  periodFrom: LocalDate;

  @Column({ name: 'period_to', type: 'date' })
  periodTo: LocalDate;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'text' })
  position: string;
}
