import type { LocalDate } from '@banenpool/domain';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { ContractFactsColumns } from '../shared/contract-facts.js';
import { PlacementFactsColumns } from '../shared/placement-facts.js';

export type ReleaseCause = 'placement_end' | 'site_closure';

/**
 * A week in which a released worker's guaranteed hours are not covered by placements, with what
 * released them: the end of a placement, or the closure of the site they worked at.
 */
@Entity({ name: 'rm_released_worker_weeks' })
@Index('rm_released_worker_weeks_week', ['weekStart', 'workerId'])
export class ReleasedWorkerWeek {
  @PrimaryColumn({ name: 'worker_id', type: 'text' })
  workerId: string;

  @PrimaryColumn({ name: 'week_start', type: 'date' })
  weekStart: LocalDate;

  @Column({ type: 'text' })
  week: string;

  @Column({ name: 'guaranteed_quarters', type: 'integer' })
  guaranteedQuarters: number;

  @Column({ name: 'placed_quarters', type: 'integer' })
  placedQuarters: number;

  @Column({ name: 'uncovered_quarters', type: 'integer' })
  uncoveredQuarters: number;

  @Column({ type: 'text' })
  cause: ReleaseCause;

  /** The placement whose end released the worker. */
  @Column({ name: 'placement_id', type: 'text' })
  placementId: string;

  @Column({ name: 'employer_id', type: 'text' })
  employerId: string;

  @Column({ name: 'site_id', type: 'text' })
  siteId: string;

  /** That placement's last worked day. */
  @Column({ name: 'last_day', type: 'date' })
  lastDay: LocalDate;

  @Column({ name: 'closure_from', type: 'date', nullable: true })
  closureFrom: LocalDate | null;

  @Column({ name: 'closure_to', type: 'date', nullable: true })
  closureTo: LocalDate | null;

  @Column({ name: 'closure_reason', type: 'text', nullable: true })
  closureReason: string | null;
}

@Entity({ name: 'rm_released_placements' })
@Index('rm_released_placements_worker', ['workerId'])
@Index('rm_released_placements_site', ['employerId', 'siteId'])
export class ReleasedWorkersPlacement extends PlacementFactsColumns {}

@Entity({ name: 'rm_released_contracts' })
export class ReleasedWorkersContract extends ContractFactsColumns {}

/** Seasonal closures per site (they never overlap per site, so the start identifies one). */
@Entity({ name: 'rm_released_closures' })
export class ReleasedWorkersClosure {
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
}
