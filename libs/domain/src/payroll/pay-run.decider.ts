import { assertNever, type Decider } from '../shared/decider.js';
import { conflict, notFound, refuse } from '../shared/domain-error.js';
import { requireText } from '../shared/guards.js';
import type { CalculatePayRun, FinalizePayRun, PayRunCommand, RecalculatePayRun } from './pay-run.commands.js';
import { sheetVersionsPaid } from './differences.js';
import { addTotals, NO_TOTALS } from './pay-components.js';
import { compareText } from './pay-line.js';
import { payPeriodOf } from './pay-period.js';
import { ROUNDING_RULE, type PayPeriod, type PayRunEvent, type PayRunFinalized, type UnpaidTimesheet } from './pay-run.events.js';
import type { PaidRun, WorkerPay } from './pay-input.js';

interface PayRunRecord {
  readonly payRunId: string;
  readonly period: PayPeriod;
  /** 1 for the first calculation, one more for each recalculation. */
  readonly attempt: number;
  readonly unpaid: readonly UnpaidTimesheet[];
  /** The latest attempt's pay of each worker, in the order calculated. */
  readonly pays: readonly WorkerPay[];
}

export type CalculatedPayRun = PayRunRecord & { readonly status: 'calculated' };
export type FinalizedPayRun = PayRunRecord & { readonly status: 'finalized' } & Omit<PayRunFinalized['data'], 'payRunId' | 'attempt'>;
export type PayRun = CalculatedPayRun | FinalizedPayRun;
export type PayRunState = { readonly status: 'none' } | PayRun;

type LockedTimesheet = PayRunFinalized['data']['timesheets'][number];

export const payRunDecider: Decider<PayRunCommand, PayRunEvent, PayRunState> = {
  initialState: { status: 'none' },

  evolve(state, event) {
    switch (event.type) {
      case 'PayRunStarted': {
        const { payRunId, period, attempt, unpaid } = event.data;
        return { status: 'calculated', payRunId, period, attempt, unpaid, pays: [] };
      }
      case 'PayLinesCalculated': {
        if (state.status !== 'calculated' || event.data.attempt !== state.attempt) return state;
        const { workerId, lines, topUps, differences, totals } = event.data;
        return { ...state, pays: [...state.pays, { workerId, lines, topUps, differences, totals }] };
      }
      case 'PayRunFinalized': {
        if (state.status !== 'calculated') return state;
        const { by, timesheets, totals } = event.data;
        return { ...state, status: 'finalized', by, timesheets, totals };
      }
      default:
        return assertNever(event);
    }
  },

  decide(command, state) {
    switch (command.type) {
      case 'CalculatePayRun':
        if (state.status !== 'none') {
          conflict(
            'pay_run_exists',
            `Period ${state.period.id} already has a pay run (attempt ${state.attempt}, ${state.status}); recalculate it instead, before it is finalized.`,
          );
        }
        return calculation(command, 1);
      case 'RecalculatePayRun': {
        const run = open(state);
        if (command.period.id !== run.period.id) {
          refuse('pay_period_mismatch', `Pay run ${run.payRunId} is of period ${run.period.id}, not of ${command.period.id}.`);
        }
        return calculation(command, run.attempt + 1);
      }
      case 'FinalizePayRun':
        return finalization(command, open(state));
      default:
        return assertNever(command);
    }
  },
};

function open(state: PayRunState): CalculatedPayRun {
  if (state.status === 'none') notFound('pay_run_not_found', 'This period has no pay run.');
  if (state.status === 'finalized') {
    conflict('pay_run_finalized', `Pay run ${state.payRunId} was finalized by ${state.by}; a later run settles any change.`);
  }
  return state;
}

/** The run's events: the start of the attempt and each worker's lines, appended together. */
function calculation({ period, workers, unpaid }: CalculatePayRun | RecalculatePayRun, attempt: number): PayRunEvent[] {
  requireOwnPeriod(period);
  requireDistinctWorkers(workers);
  const payRunId = period.id;
  return [
    { type: 'PayRunStarted', data: { payRunId, period, attempt, rounding: ROUNDING_RULE, unpaid: [...unpaid] } },
    ...workers.map(({ workerId, lines, topUps, differences, totals }): PayRunEvent => ({
      type: 'PayLinesCalculated',
      data: { payRunId, attempt, workerId, lines: [...lines], topUps: [...topUps], differences: [...differences], totals },
    })),
  ];
}

// The stream is named by the period's id, so its dates must be the ones that id names.
function requireOwnPeriod(period: PayPeriod): void {
  const named = payPeriodOf(period.id, period.kind);
  if (named.from !== period.from || named.to !== period.to) {
    refuse('invalid_pay_period', `Pay period ${period.id} runs ${named.from} to ${named.to}, not ${period.from} to ${period.to}.`);
  }
}

function requireDistinctWorkers(workers: readonly WorkerPay[]): void {
  const seen = new Set<string>();
  for (const { workerId } of workers) {
    requireText(workerId, 'The worker id');
    if (seen.has(workerId)) refuse('duplicate_worker', `Worker ${workerId} appears twice in the pay run; each worker has one pay.`);
    seen.add(workerId);
  }
}

function finalization({ by }: FinalizePayRun, run: CalculatedPayRun): PayRunEvent[] {
  requireText(by, 'Who finalizes the pay run');
  const data = { payRunId: run.payRunId, attempt: run.attempt, by, timesheets: lockedTimesheets(run.pays), totals: payRunTotals(run.pays) };
  return [{ type: 'PayRunFinalized', data }];
}

const lockedTimesheets = (pays: readonly WorkerPay[]): LockedTimesheet[] =>
  [...sheetVersionsPaid(pays)]
    .sort(([a], [b]) => compareText(a, b))
    .map(([timesheetId, approvedVersion]) => ({ timesheetId, approvedVersion }));

/** A run's totals: each worker's summed, and how many workers it pays. */
export const payRunTotals = (pays: readonly WorkerPay[]): FinalizedPayRun['totals'] => ({
  ...pays.map((pay) => pay.totals).reduce(addTotals, NO_TOTALS),
  workers: pays.length,
});

/** The run of a period as it stands, or undefined before its first calculation. */
export const payRunOf = (state: PayRunState): PayRun | undefined => (state.status === 'none' ? undefined : state);

const payIndexes = new WeakMap<PayRun, ReadonlyMap<string, WorkerPay>>();

/** One worker's pay in the run's latest attempt; indexed once per state, as a handler asks it for every worker. */
export function workerPayOf(state: PayRunState, workerId: string): WorkerPay | undefined {
  if (state.status === 'none') return undefined;
  let index = payIndexes.get(state);
  if (index === undefined) {
    index = new Map(state.pays.map((pay) => [pay.workerId, pay]));
    payIndexes.set(state, index);
  }
  return index.get(workerId);
}

/**
 * What a finalized run paid a worker, for the differences of later runs; a worker the run had no
 * lines for was paid nothing in it (so a late approval of those days is paid in full later).
 * Undefined while the run is not final: nothing of it was paid yet.
 */
export function paidRunOf(state: PayRunState, workerId: string): PaidRun | undefined {
  if (state.status !== 'finalized') return undefined;
  const pay = workerPayOf(state, workerId);
  return { period: state.period, lines: pay?.lines ?? [], topUps: pay?.topUps ?? [], differences: pay?.differences ?? [] };
}
