import type { LocalDate } from '../shared/local-date.js';
import type { BasisPoints } from '../shared/money.js';
import type { FactorCost, PlacementHourCost } from './cost-price.js';
import type { Rate, RateScope, RateSurcharges } from './rate-agreement.events.js';

/**
 * What the cost-price check compares a rate with, worked out by the application (cost-price.ts) for
 * the rate's kind: the cost as a factor of the gross wage on the first day, or the cost of an hour
 * of each placement the scope covers on its first covered day.
 */
export type RateCostFacts =
  { readonly kind: 'factor'; readonly cost: FactorCost } | { readonly kind: 'fixed'; readonly placements: readonly PlacementHourCost[] };

/** Agrees a rate with the hirer from `from` (to `to`, when given); refused below the cost price. */
export interface AgreeRate {
  readonly type: 'AgreeRate';
  readonly agreementId: string;
  readonly employerId: string;
  readonly scope: RateScope;
  readonly from: LocalDate;
  readonly to?: LocalDate;
  readonly rate: Rate;
  readonly surchargesBp: RateSurcharges;
  readonly gAccountShareBp: BasisPoints;
  readonly by: string;
  readonly reason?: string;
  readonly costs: RateCostFacts;
}

/** Ends an agreement after `lastDay`, so that another of its scope can follow. */
export interface EndRateAgreement {
  readonly type: 'EndRateAgreement';
  readonly agreementId: string;
  readonly lastDay: LocalDate;
  readonly by: string;
  readonly reason: string;
}

export type RateAgreementCommand = AgreeRate | EndRateAgreement;
