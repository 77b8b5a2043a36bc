import type { LocalDate } from '@banenpool/domain';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { PlacementFactsColumns } from '../shared/placement-facts.js';

/** Every confirmed placement's last day, and whether the worker has a next placement lined up. */
@Entity({ name: 'rm_upcoming_ends' })
@Index('rm_upcoming_ends_last_day', ['lastDay', 'placementId'])
@Index('rm_upcoming_ends_worker', ['workerId'])
export class UpcomingEnd {
  @PrimaryColumn({ name: 'placement_id', type: 'text' })
  placementId: string;

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

  @Column({ name: 'period_from', type: 'date' })
  periodFrom: LocalDate;

  /** The agreed end (extensions included), or the early end. */
  @Column({ name: 'last_day', type: 'date' })
  lastDay: LocalDate;

  @Column({ name: 'ended_early', type: 'boolean' })
  endedEarly: boolean;

  /** A confirmed placement of the same worker starting within FOLLOW_UP_DAYS after the last day. */
  @Column({ name: 'follow_up_placement_id', type: 'text', nullable: true })
  followUpPlacementId: string | null;

  @Column({ name: 'follow_up_employer_id', type: 'text', nullable: true })
  followUpEmployerId: string | null;

  @Column({ name: 'follow_up_from', type: 'date', nullable: true })
  followUpFrom: LocalDate | null;

  /** A proposed (not yet confirmed) placement that would be the follow-up. */
  @Column({ name: 'proposed_follow_up_placement_id', type: 'text', nullable: true })
  proposedFollowUpPlacementId: string | null;

  @Column({ name: 'proposed_follow_up_from', type: 'date', nullable: true })
  proposedFollowUpFrom: LocalDate | null;
}

@Entity({ name: 'rm_upcoming_placements' })
@Index('rm_upcoming_placements_worker', ['workerId'])
export class UpcomingEndsPlacement extends PlacementFactsColumns {}
