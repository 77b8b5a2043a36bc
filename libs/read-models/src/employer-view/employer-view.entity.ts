import type { LocalDate } from '@banenpool/domain';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { CapacityRequestFactsColumns, CapacitySlotFactsColumns } from '../shared/capacity-facts.js';
import { PlacementFactsColumns } from '../shared/placement-facts.js';

@Entity({ name: 'rm_employer_view_employers' })
export class EmployerViewEmployer {
  @PrimaryColumn({ name: 'employer_id', type: 'text' })
  employerId: string;

  @Column({ type: 'text', nullable: true })
  name: string | null;

  @Column({ name: 'member_from', type: 'date', nullable: true })
  memberFrom: LocalDate | null;

  /** The last day of membership, once the employer left. */
  @Column({ name: 'member_until', type: 'date', nullable: true })
  memberUntil: LocalDate | null;
}

@Entity({ name: 'rm_employer_view_sites' })
export class EmployerViewSite {
  @PrimaryColumn({ name: 'employer_id', type: 'text' })
  employerId: string;

  @PrimaryColumn({ name: 'site_id', type: 'text' })
  siteId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  area: string;
}

@Entity({ name: 'rm_employer_view_closures' })
export class EmployerViewClosure {
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

@Entity({ name: 'rm_employer_view_requests' })
@Index('rm_employer_view_requests_employer', ['employerId'])
export class EmployerViewRequest extends CapacityRequestFactsColumns {}

@Entity({ name: 'rm_employer_view_slots' })
export class EmployerViewSlot extends CapacitySlotFactsColumns {}

@Entity({ name: 'rm_employer_view_placements' })
@Index('rm_employer_view_placements_employer', ['employerId'])
export class EmployerViewPlacement extends PlacementFactsColumns {}

/** The hours a confirmed placement brings its employer in each ISO week it is worked. */
@Entity({ name: 'rm_employer_view_placement_weeks' })
@Index('rm_employer_view_placement_weeks_employer_week', ['employerId', 'weekStart'])
export class EmployerViewPlacementWeek {
  @PrimaryColumn({ name: 'placement_id', type: 'text' })
  placementId: string;

  @PrimaryColumn({ name: 'week_start', type: 'date' })
  weekStart: LocalDate;

  @Column({ name: 'employer_id', type: 'text' })
  employerId: string;

  @Column({ name: 'worker_id', type: 'text' })
  workerId: string;

  @Column({ name: 'site_id', type: 'text' })
  siteId: string;

  @Column({ name: 'hours_quarters', type: 'integer' })
  hoursQuarters: number;
}
