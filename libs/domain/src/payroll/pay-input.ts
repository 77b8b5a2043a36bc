import type { ResolvedCaoVersion } from '../cao/cao.decider.js';
import type { WagedPlacement } from '../placement/placement-pay.js';
import type { RuleBook } from '../rules/rule-book.js';
import type { LocalDate } from '../shared/local-date.js';
import type { TimesheetLine } from '../timesheet/timesheet.events.js';
import type { PoolContract } from '../worker/worker.state.js';
import type { DifferenceLine, PayLine, PayPeriod, PayTotals, TopUpLine } from './pay-run.events.js';

// What a worker's pay is computed from and what it gives; its own module so that the parts of the
// calculation (pay-line, top-up, differences) and payWorker, which combines them, import it one way.

/** An approved timesheet as a pay run reads it: the lines the hirer approved, at the stream version that holds them. */
export interface ApprovedSheet {
  readonly timesheetId: string;
  readonly placementId: string;
  readonly employerId: string;
  readonly week: string;
  /** Which approval of the sheet these lines are (TimesheetApproved.approvedVersion): what finalization locks. */
  readonly version: number;
  readonly lines: readonly TimesheetLine[];
}

/** A placement as pay needs it: its wage inputs, and whether the hirer's terms (and so its CAO's pension) apply. */
export interface PayPlacement {
  readonly waged: WagedPlacement;
  readonly hirerTermsApply: boolean;
}

/** What one finalized run paid one worker. */
export interface PaidRun {
  readonly period: PayPeriod;
  readonly lines: readonly PayLine[];
  readonly topUps: readonly TopUpLine[];
  readonly differences: readonly DifferenceLine[];
}

/** Everything the pay of one worker in one run depends on; read by the application, passed in whole. */
export interface WorkerPayInput {
  readonly period: PayPeriod;
  readonly worker: { readonly workerId: string; readonly birthDate: LocalDate; readonly contracts: readonly PoolContract[] };
  /** The placements of the sheets below. */
  readonly placements: ReadonlyMap<string, PayPlacement>;
  /** The worker's approved sheets with a day up to the period's end (earlier ones to recheck what was paid). */
  readonly sheets: readonly ApprovedSheet[];
  /** Every version of every CAO the placements' hirers apply on those days. */
  readonly caoVersions: readonly ResolvedCaoVersion[];
  readonly rules: RuleBook;
  /** What earlier finalized runs paid this worker, oldest first; the days of their periods get difference lines. */
  readonly paid: readonly PaidRun[];
}

/** A worker's pay in a run: the period's lines, the guaranteed-hours top-ups, the differences for earlier periods, the totals. */
export interface WorkerPay {
  readonly workerId: string;
  readonly lines: readonly PayLine[];
  readonly topUps: readonly TopUpLine[];
  readonly differences: readonly DifferenceLine[];
  readonly totals: PayTotals;
}
