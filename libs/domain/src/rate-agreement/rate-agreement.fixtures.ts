import type { ResolvedCaoVersion } from '../cao/cao.decider.js';
import type { WagedPlacement } from '../placement/placement-pay.js';
import { schoonmaakVersions, shippedRules, visschedijk } from '../placement/placement-pay.fixtures.js';
import type { RuleBook } from '../rules/rule-book.js';
import { costFactorOn, coveredPlacementCosts, type CostedPlacement } from './cost-price.js';
import type { AgreeRate, RateCostFacts } from './rate-agreement.commands.js';
import type { CostPriceCheck, Rate, RateAgreed, RateScope } from './rate-agreement.events.js';

/** An adult cleaner at Visschedijk (cleaning CAO, scale A step 0: €15.20 from 1 January 2026, €15.60 from 1 March). */
export const cleaner = (waged: Partial<WagedPlacement> = {}, birthDate = '1990-05-10'): CostedPlacement => ({
  waged: {
    placementId: 'p1',
    employerId: 'visschedijk',
    functionName: 'cleaner',
    period: { from: '2026-01-05', to: '2026-05-31' },
    step: 0,
    hirer: visschedijk,
    ...waged,
  },
  hirerTermsApply: true,
  worker: { workerId: `worker-${waged.placementId ?? 'p1'}`, birthDate },
});

/** The cleaning CAO with scale A below the minimum wage: the minimum wage decides every day. */
export const lowScaleVersions: ResolvedCaoVersion[] = schoonmaakVersions.map((v) => ({
  ...v,
  content: { ...v.content, wageScales: { A: [1400] } },
}));

/** The shipped rule tables with an (illustrative) minimum wage of €15.00 from 1 July 2026. */
export const rulesWithSecondHalf2026: RuleBook = {
  ...shippedRules,
  minimumWage: [
    ...shippedRules.minimumWage,
    {
      table: 'minimum-wage',
      effectiveFrom: '2026-07-01',
      revision: 0,
      lastDay: '2026-12-31',
      values: { ...shippedRules.minimumWage.at(-1)!.values, adultHourlyCents: 1500 },
      source: { title: 'Illustrative figure for a test' },
    },
  ],
};

export interface RateTerms {
  readonly agreementId?: string;
  readonly scope?: RateScope;
  readonly from?: string;
  readonly to?: string;
  readonly rate: Rate;
}

/** Agrees a rate with Visschedijk, its cost facts worked out as the application does from these placements. */
export function agreeRate(terms: RateTerms, placements: readonly CostedPlacement[] = [cleaner()]): AgreeRate {
  const { agreementId = 'r1', scope = { kind: 'employer' }, from = '2026-01-05', to, rate } = terms;
  const costs: RateCostFacts =
    rate.kind === 'factor'
      ? { kind: 'factor', cost: costFactorOn(visschedijk, from, shippedRules, schoonmaakVersions) }
      : { kind: 'fixed', placements: coveredPlacementCosts(scope, { from, to }, placements, shippedRules, schoonmaakVersions) };
  return {
    type: 'AgreeRate',
    agreementId,
    employerId: 'visschedijk',
    scope,
    from,
    to,
    rate,
    surchargesBp: { overtime: 2500 },
    gAccountShareBp: 2000,
    by: 'operator:anna',
    costs,
  };
}

/** What agreeing `command` records, with the check it passed. */
export function rateAgreed(command: AgreeRate, check: CostPriceCheck): RateAgreed {
  const { type: _type, costs: _costs, ...terms } = command;
  return { type: 'RateAgreed', data: { ...terms, check } };
}
