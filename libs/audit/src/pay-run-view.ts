import { addTotals, NO_TOTALS, type PayRunState } from '@banenpool/domain';

/**
 * A pay run without its lines, which for a pool run to tens of thousands: where it stands, its
 * period and attempt, the sheets it saw but did not pay, each worker's totals (with how many lines
 * they sum) and the run's, and once final who finalized it and which approvals it locked. The
 * lines of one day are the answer "as applied on" that date.
 */
export function payRunSummary(run: PayRunState) {
  if (run.status === 'none') return run;
  const workers = run.pays.map(({ workerId, lines, topUps, differences, totals }) => ({
    workerId,
    lines: lines.length,
    topUps: topUps.length,
    differences: differences.length,
    totals,
  }));
  const summary = { status: run.status, payRunId: run.payRunId, period: run.period, attempt: run.attempt, unpaid: run.unpaid, workers };
  if (run.status === 'finalized') return { ...summary, totals: run.totals, finalizedBy: run.by, timesheetsLocked: run.timesheets };
  // Not final yet: the totals finalization would record.
  return { ...summary, totals: { ...run.pays.map((pay) => pay.totals).reduce(addTotals, NO_TOTALS), workers: run.pays.length } };
}
