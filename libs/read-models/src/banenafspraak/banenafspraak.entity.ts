import type { LocalDate } from '@banenpool/domain';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { PlacementFactsColumns } from '../shared/placement-facts.js';

/**
 * Hours a target-group worker works for a hirer in one ISO week, through one placement. Sensitive:
 * it tells who is in the target group, so only operators and auditors reach it.
 */
@Entity({ name: 'rm_banenafspraak_hours' })
@Index('rm_banenafspraak_hours_hirer_week', ['hirerId', 'weekStart'])
@Index('rm_banenafspraak_hours_quarter', ['quarter', 'hirerId'])
@Index('rm_banenafspraak_hours_worker', ['workerId'])
export class BanenafspraakHours {
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

  @Column({ name: 'hours_quarters', type: 'integer' })
  hoursQuarters: number;
}

/** The worker's target-group status as last recorded (last writer wins by revision). No wage value, no diagnosis. */
@Entity({ name: 'rm_banenafspraak_workers' })
export class BanenafspraakWorker {
  @PrimaryColumn({ name: 'worker_id', type: 'text' })
  workerId: string;

  @Column({ name: 'in_register', type: 'boolean' })
  inRegister: boolean;

  @Column({ type: 'integer' })
  revision: number;
}

@Entity({ name: 'rm_banenafspraak_placements' })
@Index('rm_banenafspraak_placements_worker', ['workerId'])
export class BanenafspraakPlacement extends PlacementFactsColumns {}
