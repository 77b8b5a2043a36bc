// Erasure must not cut payroll short: a pay run skips an erased worker (no birth date, no age, no
// minimum wage), so the worker's data is erased only once everything owed to them is paid for good.
import { conflict } from '../shared/domain-error.js';
import type { LocalDate } from '../shared/local-date.js';
import { payPeriodsOf } from '../payroll/pay-period.js';
import type { PayPeriod, PayPeriodKind } from '../payroll/pay-run.events.js';
import { contractPeriod } from './worker-hours.js';
import type { PoolWorker } from './worker.state.js';

/** One of the worker's timesheets as the erasure weighs it (the timesheets read model's row). */
export interface ErasureTimesheet {
  readonly timesheetId: string;
  /** 'YYYY-Www' */
  readonly week: string;
  readonly status: 'draft' | 'submitted' | 'approved' | 'rejected';
  /** How many lines are registered now: a draft without any owes nothing. */
  readonly lineCount: number;
  /** The latest approval's count; absent when the sheet was never approved. */
  readonly approvedVersion?: number;
  /** The pay run that last locked the sheet, and the approval it paid. */
  readonly lock?: { readonly payRunId: string; readonly approvedVersion: number };
}

/** What the pay of a worker stands at, read by the application from the timesheets and pay runs. */
export interface ErasurePayFacts {
  /** Every timesheet of the worker. */
  readonly timesheets: readonly ErasureTimesheet[];
  /**
   * The finalized pay runs that matter here, with their ids (the periods') and last days: the latest
   * one (runs are finalized in order, so the days up to its last day are paid for good) and every
   * one that locked a sheet of the worker. Other runs may be left out.
   */
  readonly finalizedPayRuns: readonly { readonly payRunId: string; readonly to: LocalDate }[];
  /** The pool's kind of pay period: to name the period that holds the last day of the worker's contracts. */
  readonly payPeriodKind: PayPeriodKind;
}

/** Sheets named in a refusal; the rest are counted. */
const SHEETS_NAMED = 10;

/**
 * Refuses (409 worker_has_unpaid_hours) while something may still be owed: a sheet awaiting its
 * submission or approval, an approval no finalized run paid (a lock by a run not finalized yet does
 * not count), or a pay period up to the last day of the worker's pool contracts not finalized yet
 * (its run pays guaranteed hours and late differences). A rejected sheet without an approval owes nothing.
 */
export function requirePaidInFull(worker: PoolWorker, facts: ErasurePayFacts): void {
  const finalized = new Set(facts.finalizedPayRuns.map((run) => run.payRunId));
  const owing = facts.timesheets.flatMap((sheet) => {
    const why = owedOn(sheet, finalized);
    return why === undefined ? [] : [`${sheet.timesheetId} (${sheet.week}, ${why})`];
  });
  const period = unpaidPeriod(worker, facts);
  if (owing.length === 0 && period === undefined) return;
  const sheets =
    owing.length === 0
      ? []
      : [
          `timesheet${owing.length === 1 ? '' : 's'} ${owing.slice(0, SHEETS_NAMED).join(', ')}` +
            (owing.length > SHEETS_NAMED ? ` and ${owing.length - SHEETS_NAMED} more` : ''),
        ];
  conflict(
    'worker_has_unpaid_hours',
    `Worker ${worker.workerId} may still be owed pay: ${[...sheets, ...(period ? [period] : [])].join('; ')}. ` +
      'Erase their data once every sheet is paid in a finalized pay run (or rejected) and the period of their last day is finalized.',
  );
}

/** Why the sheet may still owe pay, or undefined when it owes nothing more. */
function owedOn(sheet: ErasureTimesheet, finalized: ReadonlySet<string>): string | undefined {
  if (sheet.status === 'submitted') return 'submitted, awaiting approval';
  if (sheet.status === 'draft' && sheet.lineCount > 0) return 'a draft, not submitted yet';
  // An approval stays due after a later correction is rejected: check it in every status.
  if (sheet.approvedVersion === undefined) return undefined;
  const { lock } = sheet;
  if (lock?.approvedVersion === sheet.approvedVersion && finalized.has(lock.payRunId)) return undefined;
  return `approval ${sheet.approvedVersion} not paid by a finalized pay run`;
}

/** The sentence naming the period of the contracts' last day when it is not finalized yet; undefined when it is (or there was no pool contract). */
function unpaidPeriod(worker: PoolWorker, facts: ErasurePayFacts): string | undefined {
  // Called after the contracts were found ended, so each has a last day.
  const lastDays = worker.contracts.flatMap((contract) => contractPeriod(contract).to ?? []);
  if (lastDays.length === 0) return undefined;
  const lastDay = lastDays.reduce((a, b) => (a > b ? a : b));
  const paidUpTo = facts.finalizedPayRuns.reduce<LocalDate | undefined>(
    (a, run) => (a === undefined || run.to > a ? run.to : a),
    undefined,
  );
  if (paidUpTo !== undefined && paidUpTo >= lastDay) return undefined;
  const period = payPeriodHolding(lastDay, facts.payPeriodKind);
  const paid = paidUpTo === undefined ? 'no pay run is finalized yet' : `pay is final up to ${paidUpTo}`;
  return `pay period ${period.id}, which holds the last day of their contracts (${lastDay}), is not finalized (${paid})`;
}

/** The pool's pay period that holds a day (a four-week period may start in the year before). */
export function payPeriodHolding(day: LocalDate, kind: PayPeriodKind): PayPeriod {
  const year = Number(day.slice(0, 4));
  const periods = [year - 1, year, year + 1].flatMap((y) => payPeriodsOf(y, kind));
  return periods.find((period) => period.from <= day && day <= period.to)!;
}
