import type { PayPeriod, UnpaidTimesheet } from './pay-run.events.js';
import type { WorkerPay } from './pay-input.js';

/**
 * What the handler computed for a period: every worker's pay (`payWorker`) and the sheets it saw
 * but could not pay. The run's id is the period's id; its stream is `pay-run-<period id>`.
 */
interface PayRunCalculation {
  readonly period: PayPeriod;
  readonly workers: readonly WorkerPay[];
  readonly unpaid: readonly UnpaidTimesheet[];
}

/** The first calculation of a period; refused (409) when the period already has a run. */
export interface CalculatePayRun extends PayRunCalculation {
  readonly type: 'CalculatePayRun';
}

/** Calculates the period again (e.g. after late approvals), replacing the previous attempt; only before finalization. */
export interface RecalculatePayRun extends PayRunCalculation {
  readonly type: 'RecalculatePayRun';
}

/**
 * Makes the latest attempt final. The sheets it locks are the ones its lines paid, at the approved
 * version they paid (read from the run itself, so nothing can be locked that was not paid).
 */
export interface FinalizePayRun {
  readonly type: 'FinalizePayRun';
  readonly by: string;
}

export type PayRunCommand = CalculatePayRun | RecalculatePayRun | FinalizePayRun;
