import type { LocalDate } from '../shared/local-date.js';
import type { BasisPoints, Cents } from '../shared/money.js';
import type { LksClaimFigures } from './lks-claim.js';

/** Records the municipality's decision on the worker's wage value; the handler makes the id. */
export interface RecordWageValueDecision {
  readonly type: 'RecordWageValueDecision';
  readonly decisionId: string;
  readonly workerId: string;
  readonly municipality: string;
  readonly wageValueBp: BasisPoints;
  readonly from: LocalDate;
  readonly to?: LocalDate;
  readonly reassessOn: LocalDate;
  readonly by: string;
  readonly reference?: string;
}

/**
 * A month's claim under one decision, with the figures the handler computed (`lksClaimOf`) from the
 * hours the finalized runs paid on the decision's days of the month. The first claim of the month
 * and decision is recorded; a later one only when its figures differ, as a correction of the latest.
 */
export interface CalculateLksClaim {
  readonly type: 'CalculateLksClaim';
  readonly claimId: string;
  readonly month: string;
  readonly decisionId: string;
  readonly payRunIds: readonly string[];
  readonly figures: LksClaimFigures;
  readonly by: string;
}

export interface SubmitLksClaim {
  readonly type: 'SubmitLksClaim';
  readonly claimId: string;
  readonly submittedOn: LocalDate;
  readonly by: string;
}

/** What the municipality paid on a submitted claim; it may pay in parts. */
export interface RecordLksClaimPayment {
  readonly type: 'RecordLksClaimPayment';
  readonly claimId: string;
  readonly amountCents: Cents;
  readonly paidOn: LocalDate;
  readonly by: string;
}

export type LksCommand = RecordWageValueDecision | CalculateLksClaim | SubmitLksClaim | RecordLksClaimPayment;
