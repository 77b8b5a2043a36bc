import type { ResolvedCaoVersion } from '../cao/cao.decider.js';
import type { RuleBook } from '../rules/rule-book.js';
import { DomainError } from '../shared/domain-error.js';
import { addDays, type LocalDate, type Period } from '../shared/local-date.js';
import type { Cents } from '../shared/money.js';
import { costChangeDays, coveredDays, hourlyCostOn, type CostedPlacement, type HourlyCost } from './cost-price.js';
import { rateInForce, scopeCovers, type RateAgreementView } from './rate-in-force.js';

interface WarningOf {
  readonly agreementId: string;
  readonly placementId: string;
  readonly workerId: string;
  /** The first day the placement's hour costs more than the rate, or whose cost cannot be worked out. */
  readonly day: LocalDate;
  readonly rateHourlyCents: Cents;
}

/**
 * A fixed rate that no longer covers the cost of an hour of a placement it prices (a wage rise: a
 * birthday, a minimum-wage row, a CAO version), or a day whose cost cannot be worked out (the
 * reason says why: no CAO version, no scale for the function, …). A factor rate follows the wage, so it never appears.
 */
export type RateWarning =
  | (WarningOf & { readonly kind: 'below_cost'; readonly costHourlyCents: Cents; readonly cost: HourlyCost })
  | (WarningOf & { readonly kind: 'cost_unknown'; readonly reason: string });

/** One hirer's agreements, the paid placements they may cover, the versions of its CAOs, and the rule tables. */
export interface RateWarningInput {
  readonly agreements: readonly RateAgreementView[];
  readonly placements: readonly CostedPlacement[];
  readonly caoVersions: readonly ResolvedCaoVersion[];
  readonly rules: RuleBook;
}

/**
 * For each fixed-rate agreement and each placement it prices, the first day (inside both) on which
 * the cost of an hour exceeds the rate. Only the days the cost or the agreement in force may change
 * are looked at; the look ends where the published rule tables end (that day's figures are not known yet).
 */
export function rateWarnings(input: RateWarningInput): RateWarning[] {
  return input.agreements.flatMap((agreement) => {
    const { rate } = agreement;
    return rate.kind === 'fixed'
      ? input.placements.flatMap((placement) => warningOf(input, agreement, rate.hourlyCents, placement) ?? [])
      : [];
  });
}

function warningOf(input: RateWarningInput, agreement: RateAgreementView, rateHourlyCents: Cents, placement: CostedPlacement) {
  const { placementId, functionName } = placement.waged;
  const rated = { placementId, functionCode: functionName };
  const days = scopeCovers(agreement.scope, rated) ? coveredDays(agreement, placement) : undefined;
  if (!days) return undefined;
  const base = { agreementId: agreement.agreementId, placementId, workerId: placement.worker.workerId, rateHourlyCents };
  for (const day of daysToLook(input, placement, days)) {
    if (rateInForce(input.agreements, rated, day)?.agreementId !== agreement.agreementId) continue;
    const cost = costOn(input, placement, day);
    if (cost === undefined) return undefined; // the published tables end here: what follows is not known yet
    if (typeof cost === 'string') return { ...base, kind: 'cost_unknown' as const, day, reason: cost };
    if (cost.hourlyCents > rateHourlyCents) return { ...base, kind: 'below_cost' as const, day, costHourlyCents: cost.hourlyCents, cost };
  }
  return undefined;
}

/** The days the cost may change, and those on which an agreement starts or stops (a more specific one may take over). */
function daysToLook(input: RateWarningInput, placement: CostedPlacement, days: Period): LocalDate[] {
  const boundaries = input.agreements.flatMap((a) => [a.from, ...(a.to === undefined ? [] : [addDays(a.to, 1)])]);
  const candidates = [...costChangeDays(placement, days, input.rules, input.caoVersions), ...boundaries];
  return [...new Set(candidates.filter((day) => day >= days.from && day <= days.to))].sort();
}

/** The cost of the day; undefined past the published rule tables; the refusal's words when something else is missing. */
function costOn(input: RateWarningInput, placement: CostedPlacement, day: LocalDate): HourlyCost | string | undefined {
  try {
    return hourlyCostOn(placement, day, input.rules, input.caoVersions);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return error.code === 'rule_table_outdated' ? undefined : error.message;
  }
}
