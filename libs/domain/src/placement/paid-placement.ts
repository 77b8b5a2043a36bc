import type { EmployerState } from '../employer/employer.decider.js';
import type { LocalDate } from '../shared/local-date.js';
import type { ConfirmedPlacement, EndedPlacement, PlacementState } from './placement.decider.js';
import type { WagedPlacement } from './placement-pay.js';

/** A placement whose days have a wage: confirmed, or since ended (a withdrawn one never took effect). */
export type PaidPlacement = ConfirmedPlacement | EndedPlacement;

export const isPaid = (state: PlacementState): state is PaidPlacement => state.status === 'confirmed' || state.status === 'ended';

/** The last day worked: the agreed end, or the last day of a placement that ended early. */
export const workedLastDay = (placement: PaidPlacement): LocalDate =>
  placement.status === 'ended' ? placement.lastDay : placement.period.to;

/** The placement as wageOn takes it: its days worked and the step agreed at confirmation, at its hirer. */
export function wagedPlacement(placement: PaidPlacement, hirer: EmployerState): WagedPlacement {
  const { placementId, employerId, functionName, period, agreed } = placement;
  return { placementId, employerId, functionName, period: { from: period.from, to: workedLastDay(placement) }, step: agreed.step, hirer };
}
