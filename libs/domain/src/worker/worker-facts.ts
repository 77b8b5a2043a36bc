import type { LocalDate, Period } from '../shared/local-date.js';
import type { Hours } from '../shared/working-hours.js';
import { registeredWorker } from './worker.decider.js';
import type { WorkerState } from './worker.state.js';
import { contractCovering, workLoadsOf } from './worker-hours.js';
import { reachOf, type WorkLoad } from './working-time.js';

/**
 * What confirming or extending a placement needs to know about the worker, read from the worker
 * stream by the handler and passed in with the command (deciders read no other stream): enough to
 * judge the Working Hours Act the way the worker stream will when the hours are committed (the
 * limits come from the rule book the command carries).
 */
export interface WorkerFacts {
  readonly workerId: string;
  readonly birthDate: LocalDate;
  /** The worker's other commitments (every hirer) with a day in the reach of the period's 16-week windows. */
  readonly otherCommitments: readonly WorkLoad[];
  /** Maximum hours a week of the contract covering the whole period; absent when none does. */
  readonly contractMaxHoursPerWeek?: Hours;
}

/** The facts for the days `period` (a placement's, or an extension's added days) of placement `placementId`. */
export function workerFactsFor(state: WorkerState, period: Period, placementId: string): WorkerFacts {
  const worker = registeredWorker(state);
  return {
    workerId: worker.workerId,
    birthDate: worker.birthDate,
    otherCommitments: workLoadsOf(worker, { exceptPlacementId: placementId, within: reachOf(period) }),
    contractMaxHoursPerWeek: contractCovering(worker, period)?.terms.maxHoursPerWeek,
  };
}
