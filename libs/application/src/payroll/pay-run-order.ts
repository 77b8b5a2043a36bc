import { addDays, refuse, type PayPeriod, type PayRun } from '@banenpool/domain';

/**
 * Pay runs go in order, one open at a time: what an earlier run paid is what a later one computes
 * its differences against, so it must be final first. A period needs, once any run exists, the
 * run of the period just before it, finalized; a period before the latest run gets none any more
 * (a change to it is settled as a difference by the next run). The run of `period` itself is the
 * decider's to refuse (409).
 */
export function requireRunInOrder(period: PayPeriod, runs: readonly PayRun[]): void {
  const others = runs.filter((run) => run.period.id !== period.id);
  const later = others.find((run) => run.period.from > period.from);
  if (later) {
    refuse(
      'later_pay_run_exists',
      `Period ${later.period.id} already has a pay run, and ${period.id} comes before it: ` +
        `a change to ${period.id} is paid as a difference by the next run.`,
    );
  }
  const open = others.find((run) => run.status !== 'finalized');
  if (open) {
    refuse(
      'previous_pay_run_not_final',
      `Pay run ${open.payRunId} is not finalized yet; finalize it before starting the run of ${period.id}, as one run is open at a time.`,
    );
  }
  const dayBefore = addDays(period.from, -1);
  if (others.length > 0 && !others.some((run) => run.period.to === dayBefore)) {
    refuse(
      'previous_pay_run_not_final',
      `The period before ${period.id} (ending ${dayBefore}) has no pay run; runs go in order, each after the previous one is finalized.`,
    );
  }
}
