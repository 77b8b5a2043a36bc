import type { LocalDate, WorkPattern } from '@banenpool/domain';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { PlacementFactsColumns } from '../shared/placement-facts.js';

/**
 * The minutes a target-group worker works for a hirer in one ISO week through one placement: on the
 * days of that week the placement is worked and the worker is in the register. Sensitive: it tells
 * who is in the target group, so only operators and auditors reach it. (Minutes, not quarter-hours:
 * a part of a week under an even spread, 24 h over five days, is 14.4 h for three days.)
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

@Entity({ name: 'rm_banenafspraak_placements' })
@Index('rm_banenafspraak_placements_worker', ['workerId'])
export class BanenafspraakPlacement extends PlacementFactsColumns {
  /** The hours per weekday of its terms; null when none were agreed (then spread evenly over Monday to Friday). */
  @Column({ name: 'work_pattern', type: 'jsonb', nullable: true })
  workPattern: WorkPattern | null;
}
