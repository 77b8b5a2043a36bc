import type { LocalDate } from '@banenpool/domain';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { CapacityRequestFactsColumns, CapacitySlotFactsColumns } from '../shared/capacity-facts.js';
import { PlacementFactsColumns } from '../shared/placement-facts.js';

/** One row per capacity request and ISO week it touches: places and hours asked, filled and still open. */
@Entity({ name: 'rm_capacity_gaps' })
@Index('rm_capacity_gaps_week', ['weekStart', 'requestId'])
@Index('rm_capacity_gaps_employer_week', ['employerId', 'weekStart'])
export class CapacityGapWeek {
  @PrimaryColumn({ name: 'request_id', type: 'text' })
  requestId: string;

  @PrimaryColumn({ name: 'week_start', type: 'date' })
  weekStart: LocalDate;

  @Column({ type: 'text' })
  week: string;

  @Column({ name: 'employer_id', type: 'text' })
  employerId: string;

  @Column({ name: 'site_id', type: 'text' })
  siteId: string;

  @Column({ name: 'function_name', type: 'text' })
  functionName: string;

  @Column({ name: 'required_skill', type: 'text' })
  requiredSkill: string;

  /** open, or withdrawn: no further places are filled (places already filled stay filled). */
  @Column({ type: 'text' })
  status: 'open' | 'withdrawn';

  @Column({ name: 'headcount_asked', type: 'integer' })
  headcountAsked: number;

  /** Headcount × hours a week. */
  @Column({ name: 'hours_asked_quarters', type: 'integer' })
  hoursAskedQuarters: number;

  /** Places held (a reserved slot) by confirmed placements worked in this week. */
  @Column({ name: 'headcount_filled', type: 'integer' })
  headcountFilled: number;

  /** The hours a week of those placements. */
  @Column({ name: 'hours_filled_quarters', type: 'integer' })
  hoursFilledQuarters: number;

  /** Places still to fill (0 once withdrawn). */
  @Column({ name: 'headcount_open', type: 'integer' })
  headcountOpen: number;

  @Column({ name: 'hours_open_quarters', type: 'integer' })
  hoursOpenQuarters: number;

  @Column({ name: 'placement_ids', type: 'text', array: true })
  placementIds: string[];
}

@Entity({ name: 'rm_gap_requests' })
export class CapacityGapRequest extends CapacityRequestFactsColumns {}

@Entity({ name: 'rm_gap_slots' })
@Index('rm_gap_slots_placement', ['placementId'])
export class CapacityGapSlot extends CapacitySlotFactsColumns {}

@Entity({ name: 'rm_gap_placements' })
export class CapacityGapPlacement extends PlacementFactsColumns {}
