import type { PayPeriod, PayTotals, UnpaidTimesheet, WorkerPay } from '@banenpool/domain';
import type { Queryable } from '../shared/sql.js';
import type { Page } from '../stream-catalog/stream-catalog.query.js';
import type { LockedTimesheet, PayRunRow, PayRunStatus, PayRunWorkerRow } from './pay-runs.entity.js';

/** A pay run as its read model holds it: where it stands and its latest attempt's totals. */
export interface PayRunRecord {
  payRunId: string;
  period: PayPeriod;
  status: PayRunStatus;
  attempt: number;
  /** The stream's version (its last revision): the If-Match of a finalization. */
  version: number;
  totals: PayTotals & { workers: number };
  /** The period's sheets the latest attempt saw but did not pay. */
  unpaid: UnpaidTimesheet[];
  finalizedBy?: string;
  /** The sheets the finalization locked, at the approval it paid. */
  lockedTimesheets?: LockedTimesheet[];
}

export interface WorkerTotals {
  workerId: string;
  totals: PayTotals;
}

/** The columns of rm_pay_runs as `r`, named as PayRunRow's properties. */
const RUN_COLUMNS = `r.pay_run_id AS "payRunId", r.period_kind AS "periodKind", r.period_from::text AS "periodFrom",
  r.period_to::text AS "periodTo", r.status, r.attempt, r.workers, r.totals, r.unpaid, r.finalized_by AS "finalizedBy",
  r.locked_timesheets AS "lockedTimesheets", r.event_count AS "eventCount"`;

function recordOf(row: PayRunRow): PayRunRecord {
  const { payRunId, periodKind, periodFrom, periodTo, status, attempt, workers, totals, unpaid, finalizedBy, lockedTimesheets } = row;
  return {
    payRunId,
    period: { id: payRunId, kind: periodKind, from: periodFrom, to: periodTo },
    status,
    attempt,
    version: row.eventCount - 1,
    totals: { ...totals, workers },
    unpaid,
    ...(finalizedBy === null ? {} : { finalizedBy }),
    ...(lockedTimesheets === null ? {} : { lockedTimesheets }),
  };
}

/** The run of a period, or undefined before its first calculation (as far as the read model has come). */
export async function findPayRun(db: Queryable, payRunId: string): Promise<PayRunRecord | undefined> {
  const rows: PayRunRow[] = await db.query(`SELECT ${RUN_COLUMNS} FROM rm_pay_runs r WHERE r.pay_run_id = $1`, [payRunId]);
  return rows.length === 0 ? undefined : recordOf(rows[0]);
}

/** The runs, the earliest period first, paginated. */
export async function listPayRuns(db: Queryable, page: { limit: number; offset: number }): Promise<Page<PayRunRecord>> {
  const [{ total }]: { total: number }[] = await db.query(`SELECT count(*)::int AS total FROM rm_pay_runs`);
  const rows: PayRunRow[] = await db.query(`SELECT ${RUN_COLUMNS} FROM rm_pay_runs r ORDER BY r.period_from LIMIT $1 OFFSET $2`, [
    page.limit,
    page.offset,
  ]);
  return { items: rows.map(recordOf), total, ...page };
}

/** The totals of each worker the run's latest attempt pays, by worker id, paginated. */
export async function listPayRunWorkerTotals(
  db: Queryable,
  payRunId: string,
  page: { limit: number; offset: number },
): Promise<Page<WorkerTotals>> {
  const [{ total }]: { total: number }[] = await db.query(`SELECT count(*)::int AS total FROM rm_pay_run_workers WHERE pay_run_id = $1`, [
    payRunId,
  ]);
  const items: WorkerTotals[] = await db.query(
    `SELECT worker_id AS "workerId", totals FROM rm_pay_run_workers WHERE pay_run_id = $1 ORDER BY worker_id LIMIT $2 OFFSET $3`,
    [payRunId, page.limit, page.offset],
  );
  return { items, total, ...page };
}

const workerPayOf = ({ workerId, totals, pay }: Pick<PayRunWorkerRow, 'workerId' | 'totals' | 'pay'>): WorkerPay => ({
  workerId,
  ...pay,
  totals,
});

/**
 * A run and what its latest attempt pays one worker (undefined when it pays the worker nothing),
 * read in one statement so both are of the same attempt; undefined when the period has no run.
 */
export async function findRunPay(
  db: Queryable,
  payRunId: string,
  workerId: string,
): Promise<{ run: PayRunRecord; pay: WorkerPay | undefined } | undefined> {
  const rows: (PayRunRow & { workerId: string | null; workerTotals: PayTotals; pay: PayRunWorkerRow['pay'] })[] = await db.query(
    `SELECT ${RUN_COLUMNS}, w.worker_id AS "workerId", w.totals AS "workerTotals", w.pay
       FROM rm_pay_runs r LEFT JOIN rm_pay_run_workers w ON w.pay_run_id = r.pay_run_id AND w.worker_id = $2
       WHERE r.pay_run_id = $1`,
    [payRunId, workerId],
  );
  if (rows.length === 0) return undefined;
  const [row] = rows;
  const pay = row.workerId === null ? undefined : workerPayOf({ workerId: row.workerId, totals: row.workerTotals, pay: row.pay });
  return { run: recordOf(row), pay };
}

/**
 * The next `limit` workers' pay of one attempt after `afterWorkerId` ('' for the first page; ids are
 * never empty), by worker id: a keyset page, so reading a run of thousands of workers page by page
 * stays cheap. Empty once the attempt is replaced by a recalculation.
 */
export async function workerPaysAfter(
  db: Queryable,
  run: { payRunId: string; attempt: number },
  afterWorkerId: string,
  limit: number,
): Promise<WorkerPay[]> {
  const rows: PayRunWorkerRow[] = await db.query(
    `SELECT worker_id AS "workerId", totals, pay FROM rm_pay_run_workers
     WHERE pay_run_id = $1 AND attempt = $2 AND worker_id > $3 ORDER BY worker_id LIMIT $4`,
    [run.payRunId, run.attempt, afterWorkerId, limit],
  );
  return rows.map(workerPayOf);
}

/** The hirers whose hours an attempt of a run pays (in its lines or differences), by id. */
export async function employersOfRun(db: Queryable, run: { payRunId: string; attempt: number }): Promise<string[]> {
  const rows: { employerId: string }[] = await db.query(
    `SELECT DISTINCT e AS "employerId" FROM rm_pay_run_workers, unnest(employer_ids) AS e
     WHERE pay_run_id = $1 AND attempt = $2 ORDER BY 1`,
    [run.payRunId, run.attempt],
  );
  return rows.map((row) => row.employerId);
}

/**
 * The pay of every worker an attempt of a run pays for hours at one hirer, by worker id: whole, so
 * it may hold lines for other hirers too. Reads only those workers' rows, never the run's stream.
 */
export async function workerPaysOfEmployer(
  db: Queryable,
  run: { payRunId: string; attempt: number },
  employerId: string,
): Promise<WorkerPay[]> {
  const rows: PayRunWorkerRow[] = await db.query(
    `SELECT worker_id AS "workerId", totals, pay FROM rm_pay_run_workers
     WHERE pay_run_id = $1 AND attempt = $2 AND $3 = ANY(employer_ids) ORDER BY worker_id`,
    [run.payRunId, run.attempt, employerId],
  );
  return rows.map(workerPayOf);
}

/** The last day of the latest finalized run: the days up to it are paid for good (runs are finalized in order). */
export async function lastFinalizedDay(db: Queryable): Promise<string | undefined> {
  const [{ day }]: { day: string | null }[] = await db.query(
    `SELECT max(period_to)::text AS day FROM rm_pay_runs WHERE status = 'finalized'`,
  );
  return day ?? undefined;
}

/**
 * What the finalized runs whose period ends on or after `from` paid one worker, the earliest first
 * (runs that paid the worker nothing left out): the days from `from` on as paid in each run's own
 * lines and in later runs' differences. The wage-cost subsidy claims of a month read this.
 */
export async function finalizedPaysOf(
  db: Queryable,
  workerId: string,
  from: string,
): Promise<(PayRunWorkerRow['pay'] & { period: PayPeriod })[]> {
  const rows: (PayRunRow & Pick<PayRunWorkerRow, 'pay'>)[] = await db.query(
    `SELECT ${RUN_COLUMNS}, w.pay FROM rm_pay_runs r
       JOIN rm_pay_run_workers w ON w.pay_run_id = r.pay_run_id AND w.attempt = r.attempt AND w.worker_id = $1
       WHERE r.status = 'finalized' AND r.period_to >= $2::date ORDER BY r.period_from`,
    [workerId, from],
  );
  return rows.map((row) => ({ period: recordOf(row).period, ...row.pay }));
}
