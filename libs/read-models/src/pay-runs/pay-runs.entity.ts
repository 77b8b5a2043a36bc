import type {
  DifferenceLine,
  LocalDate,
  PayLine,
  PayPeriodKind,
  PayRunFinalized,
  PayTotals,
  TopUpLine,
  UnpaidTimesheet,
} from '@banenpool/domain';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type PayRunStatus = 'calculated' | 'finalized';
export type LockedTimesheet = PayRunFinalized['data']['timesheets'][number];

/** One row per pay run (a period's `pay-run-<period>` stream): where it stands and its latest attempt's totals. */
@Entity({ name: 'rm_pay_runs' })
@Index('rm_pay_runs_period_from', ['periodFrom'])
export class PayRunRow {
  /** The period's id, which is the run's. */
  @PrimaryColumn({ name: 'pay_run_id', type: 'text' })
  payRunId: string;

  @Column({ name: 'period_kind', type: 'text' })
  periodKind: PayPeriodKind;

  @Column({ name: 'period_from', type: 'date' })
  periodFrom: LocalDate;

  @Column({ name: 'period_to', type: 'date' })
  periodTo: LocalDate;

  @Column({ type: 'text' })
  status: PayRunStatus;

  /** 1 for the first calculation, one more for each recalculation. */
  @Column({ type: 'integer' })
  attempt: number;

  /** The workers the latest attempt pays: its rows in rm_pay_run_workers. */
  @Column({ type: 'integer' })
  workers: number;

  /** The latest attempt's workers' totals summed (the finalization's own once finalized). */
  @Column({ type: 'jsonb' })
  totals: PayTotals;

  /** The period's sheets the latest attempt saw but did not pay. */
  @Column({ type: 'jsonb' })
  unpaid: UnpaidTimesheet[];

  @Column({ name: 'finalized_by', type: 'text', nullable: true })
  finalizedBy: string | null;

  /** The sheets the finalization locked, at the approval it paid; null while the run is open. */
  @Column({ name: 'locked_timesheets', type: 'jsonb', nullable: true })
  lockedTimesheets: LockedTimesheet[] | null;

  /** The stream's revision after the last event folded in, plus one: older events are never folded again. */
  @Column({ name: 'event_count', type: 'integer' })
  eventCount: number;
}

/** What a run pays one worker in its latest attempt (a recalculation replaces the worker's row). */
export interface PayRunWorkerPay {
  lines: PayLine[];
  topUps: TopUpLine[];
  differences: DifferenceLine[];
}

/**
 * One row per worker the latest attempt of a run pays: the worker's totals and lines, what the
 * statement and the export read without folding the run's stream.
 */
@Entity({ name: 'rm_pay_run_workers' })
export class PayRunWorkerRow {
  @PrimaryColumn({ name: 'pay_run_id', type: 'text' })
  payRunId: string;

  @PrimaryColumn({ name: 'worker_id', type: 'text' })
  workerId: string;

  @Column({ type: 'integer' })
  attempt: number;

  @Column({ type: 'jsonb' })
  totals: PayTotals;

  /** One object, not three arrays: the bulk insert sends each row's jsonb as one element of an array parameter. */
  @Column({ type: 'jsonb' })
  pay: PayRunWorkerPay;

  /**
   * The hirers whose hours the lines and differences pay (top-ups are the pool's): a hirer's workers
   * of a run, read without their lines. Empty in rows projected before the column existed, until
   * `npm run projections:rebuild`.
   */
  @Column({ name: 'employer_ids', type: 'text', array: true, default: () => "'{}'" })
  employerIds: string[];
}
