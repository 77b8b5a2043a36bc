import {
  addDays,
  contains,
  isoWeekOf,
  overlaps,
  weekStartsIn,
  type LocalDate,
  type OpenPeriod,
  type Period,
} from '../shared/local-date.js';
import type { Hours } from '../shared/working-hours.js';
import type { PoolContract, WorkerState } from './worker.state.js';

/** The days a contract runs: until its early end, its agreed end, or (indefinite) open-ended. */
export function contractPeriod(contract: PoolContract): OpenPeriod {
  return { from: contract.terms.from, to: contract.lastDay ?? (contract.terms.kind === 'fixed_term' ? contract.terms.to : undefined) };
}

/** The contract that runs on every day of the period, if one does. */
export function contractCovering(state: WorkerState, period: Period): PoolContract | undefined {
  return state.status === 'none' ? undefined : state.contracts.find((c) => contains(contractPeriod(c), period));
}

export interface WeeklyHours {
  /** ISO week, 'YYYY-Www'. */
  readonly week: string;
  readonly weekStart: LocalDate;
  readonly hours: Hours;
}

/**
 * The worker's committed hours in each ISO week the period touches, over all placements (or all
 * but one). A commitment counts in full in every week it touches: without a roster the pool
 * cannot tell on which days of a partial week the hours fall, and the Working Hours Act limit must hold.
 */
export function committedHoursIn(
  state: WorkerState,
  period: Period,
  { exceptPlacementId }: { exceptPlacementId?: string } = {},
): WeeklyHours[] {
  const commitments = state.status === 'none' ? [] : state.commitments.filter((c) => c.placementId !== exceptPlacementId);
  return weekStartsIn(period).map((weekStart) => {
    const week = { from: weekStart, to: addDays(weekStart, 6) };
    const hours = commitments.filter((c) => overlaps(c.period, week)).reduce((sum, c) => sum + c.hoursPerWeek, 0);
    return { week: isoWeekOf(weekStart), weekStart, hours };
  });
}
