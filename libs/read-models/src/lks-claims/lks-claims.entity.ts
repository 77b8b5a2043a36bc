import type { LksClaimLine, LocalDate } from '@banenpool/domain';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One row per wage-value decision: which workers have a subsidy when, and when each is to be reassessed. */
@Entity({ name: 'rm_lks_decisions' })
@Index('rm_lks_decisions_worker', ['workerId'])
@Index('rm_lks_decisions_reassess_on', ['reassessOn'])
export class LksDecisionRow {
  @PrimaryColumn({ name: 'decision_id', type: 'text' })
  decisionId: string;

  @Column({ name: 'worker_id', type: 'text' })
  workerId: string;

  @Column({ type: 'text' })
  municipality: string;

  @Column({ name: 'wage_value_bp', type: 'integer' })
  wageValueBp: number;

  @Column({ name: 'from_day', type: 'date' })
  from: LocalDate;

  /** The decision's own last day; null when it runs until the worker's next decision. */
  @Column({ name: 'to_day', type: 'date', nullable: true })
  to: LocalDate | null;

  @Column({ name: 'reassess_on', type: 'date' })
  reassessOn: LocalDate;

  @Column({ name: 'decided_by', type: 'text' })
  by: string;

  @Column({ type: 'text', nullable: true })
  reference: string | null;
}

export interface LksPayment {
  amountCents: number;
  paidOn: LocalDate;
  by: string;
}

/** One row per claim: its calculation, its submission and payments, and the claim that corrected it. */
@Entity({ name: 'rm_lks_claims' })
@Index('rm_lks_claims_month_municipality', ['month', 'municipality'])
export class LksClaimRow {
  @PrimaryColumn({ name: 'claim_id', type: 'text' })
  claimId: string;

  @Column({ name: 'worker_id', type: 'text' })
  workerId: string;

  /** 'YYYY-MM' */
  @Column({ type: 'text' })
  month: string;

  @Column({ type: 'text' })
  municipality: string;

  @Column({ name: 'decision_id', type: 'text' })
  decisionId: string;

  /** The stream revision of the calculation: orders a worker's claims, a correction after the claim it corrects. */
  @Column({ name: 'calculated_at', type: 'integer' })
  calculatedAt: number;

  @Column({ name: 'calculated_by', type: 'text' })
  calculatedBy: string;

  @Column({ name: 'pay_run_ids', type: 'jsonb' })
  payRunIds: string[];

  @Column({ type: 'jsonb' })
  lines: LksClaimLine[];

  @Column({ name: 'subsidy_cents', type: 'integer' })
  subsidyCents: number;

  @Column({ name: 'employer_charges_allowance_cents', type: 'integer' })
  employerChargesAllowanceCents: number;

  @Column({ name: 'total_cents', type: 'integer' })
  totalCents: number;

  @Column({ type: 'text', nullable: true })
  corrects: string | null;

  @Column({ name: 'corrected_by', type: 'text', nullable: true })
  correctedBy: string | null;

  @Column({ name: 'submitted_on', type: 'date', nullable: true })
  submittedOn: LocalDate | null;

  @Column({ type: 'jsonb' })
  payments: LksPayment[];

  /** The stream's revision after the last event that changed the row, plus one: older events are never folded again. */
  @Column({ name: 'event_count', type: 'integer' })
  eventCount: number;
}

/**
 * A worker whose personal data was erased (WorkerDataErased): their wage-value decisions are gone from
 * rm_lks_decisions and a replay of the decisions' events does not bring them back.
 */
@Entity({ name: 'rm_lks_erased_workers' })
export class LksErasedWorker {
  @PrimaryColumn({ name: 'worker_id', type: 'text' })
  workerId: string;
}
