import type { LocalDate, Period } from '../shared/local-date.js';
import type { Hours } from '../shared/working-hours.js';
import { registeredWorker } from './worker.decider.js';
import type { WorkerState } from './worker.state.js';
import { committedHoursIn, contractCovering } from './worker-hours.js';

/**
 * What confirming or extending a placement needs to know about the worker, read from the worker
 * stream by the handler and passed in with the command (deciders read no other stream).
 */
export interface WorkerFacts {
  readonly workerId: string;
  readonly birthDate: LocalDate;
  /** The highest weekly total in the period over the worker's other placements. */
  readonly otherCommittedHoursPerWeek: Hours;
  /** Maximum hours a week of the contract covering the whole period; absent when none does. */
  readonly contractMaxHoursPerWeek?: Hours;
}

export function workerFactsFor(state: WorkerState, period: Period, placementId: string): WorkerFacts {
  const worker = registeredWorker(state);
  const weeks = committedHoursIn(worker, period, { exceptPlacementId: placementId });
  return {
    workerId: worker.workerId,
    birthDate: worker.birthDate,
    // A reduce, not Math.max(...spread): a period of many years has more weeks than a call takes arguments.
    otherCommittedHoursPerWeek: weeks.reduce((most, week) => Math.max(most, week.hours), 0),
    contractMaxHoursPerWeek: contractCovering(worker, period)?.terms.maxHoursPerWeek,
  };
}
