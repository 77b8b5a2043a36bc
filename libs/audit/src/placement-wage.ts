import {
  caoPayFacts,
  caoVersionOn,
  DomainError,
  resolvePay,
  type CaoState,
  type LocalDate,
  type PlacementPay,
  type PlacementState,
  type WorkerState,
} from '@banenpool/domain';

/**
 * The wage the rules give a paid placement's scale and step on a date, with the CAO version in
 * force that day (even one recorded after the placement was confirmed) and the minimum-wage table
 * of that day. `unavailable` says why the rules give none (no version in force, a scale removed).
 */
export type WageOnDate =
  { readonly date: LocalDate; readonly pay: PlacementPay } | { readonly date: LocalDate; readonly unavailable: string };

export function wageOnDate(placement: PlacementState, cao: CaoState, worker: WorkerState, date: LocalDate): WageOnDate | undefined {
  const recorded = recordedPay(placement);
  if (!recorded || worker.status === 'none') return undefined;
  const version = caoVersionOn(cao, date);
  if (!version) return { date, unavailable: `CAO ${recorded.cao.code} has no version in force on ${date}.` };
  try {
    return { date, pay: resolvePay(worker.birthDate, date, caoPayFacts(version, recorded.cao.scale, recorded.cao.step)) };
  } catch (error) {
    if (error instanceof DomainError) return { date, unavailable: error.message };
    throw error;
  }
}

/** The pay recorded when the placement was confirmed; none before that or for a proposal withdrawn unconfirmed. */
export function recordedPay(placement: PlacementState): PlacementPay | undefined {
  return placement.status !== 'none' && 'pay' in placement ? placement.pay : undefined;
}
