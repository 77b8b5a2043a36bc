import { contains, overlaps, type OpenPeriod, type Period } from '../shared/local-date.js';
import type { PoolContract, WorkerState } from './worker.state.js';
import { workLoad, type WorkLoad } from './working-time.js';

/** The days a contract runs: until its early end, its agreed end, or (indefinite) open-ended. */
export function contractPeriod(contract: PoolContract): OpenPeriod {
  return { from: contract.terms.from, to: contract.lastDay ?? (contract.terms.kind === 'fixed_term' ? contract.terms.to : undefined) };
}

/** The contract that runs on every day of the period, if one does. */
export function contractCovering(state: WorkerState, period: Period): PoolContract | undefined {
  return state.status === 'none' ? undefined : state.contracts.find((c) => contains(contractPeriod(c), period));
}

/**
 * The worker's commitments, over every hirer, as the days and hours they are worked: all of them or
 * all but one placement's, and (when `within` is given) only those with a day in it.
 */
export function workLoadsOf(
  state: WorkerState,
  { exceptPlacementId, within }: { exceptPlacementId?: string; within?: Period } = {},
): WorkLoad[] {
  if (state.status === 'none') return [];
  return state.commitments
    .filter((c) => c.placementId !== exceptPlacementId && (within === undefined || overlaps(c.period, within)))
    .map((c) => workLoad(c.placementId, c.hoursPerWeek, c.pattern, c.period));
}
