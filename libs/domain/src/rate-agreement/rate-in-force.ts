import { assertNever } from '../shared/decider.js';
import type { LocalDate } from '../shared/local-date.js';
import type { Rate, RateScope, RateSurcharges } from './rate-agreement.events.js';

/** One agreement as it stands: its scope, its days and its price. */
export interface RateAgreementView {
  readonly agreementId: string;
  readonly scope: RateScope;
  readonly from: LocalDate;
  /** The last day it applies (its own end or the day it was ended); absent: open. */
  readonly to?: LocalDate;
  readonly rate: Rate;
  readonly surchargesBp: RateSurcharges;
  readonly gAccountShareBp: number;
}

/** What a hirer pays for a placement's hour on a day. */
export interface RateInForce {
  readonly agreementId: string;
  readonly rate: Rate;
  readonly surchargesBp: RateSurcharges;
  readonly gAccountShareBp: number;
}

/** The placement and function an hour was worked in: what decides which agreement covers it. */
export interface RatedPlacement {
  readonly placementId: string;
  readonly functionCode: string;
}

const SPECIFICITY: Record<RateScope['kind'], number> = { placement: 0, function: 1, employer: 2 };

/** Whether an agreement of this scope prices the placement's hours (when no more specific one does). */
export const scopeCovers = (scope: RateScope, placement: RatedPlacement): boolean => {
  switch (scope.kind) {
    case 'employer':
      return true;
    case 'function':
      return scope.functionCode === placement.functionCode;
    case 'placement':
      return scope.placementId === placement.placementId;
    default:
      return assertNever(scope);
  }
};

const inForceOn = (agreement: RateAgreementView, day: LocalDate): boolean =>
  agreement.from <= day && (agreement.to === undefined || day <= agreement.to);

/**
 * The agreement that prices the placement's hour on `day`: the most specific one in force
 * (placement, then function, then the hirer's own). Agreements of one scope never overlap (the
 * decider refuses it), so there is at most one of each. Undefined: nothing agreed for that day.
 */
export function rateInForce(agreements: readonly RateAgreementView[], placement: RatedPlacement, day: LocalDate): RateInForce | undefined {
  const applicable = agreements.filter((a) => scopeCovers(a.scope, placement) && inForceOn(a, day));
  const [best] = applicable.sort((a, b) => SPECIFICITY[a.scope.kind] - SPECIFICITY[b.scope.kind]);
  return best && { agreementId: best.agreementId, rate: best.rate, surchargesBp: best.surchargesBp, gAccountShareBp: best.gAccountShareBp };
}
