import { caoVersionIn, type ResolvedCaoVersion } from '../cao/cao.decider.js';
import type { CaoVersionContent } from '../cao/cao.events.js';
import { caoOn, type EmployerState } from '../employer/employer.decider.js';
import type { DayWage } from '../placement/placement.events.js';
import { wageOn, type WagedPlacement, type WagedWorker } from '../placement/placement-pay.js';
import { employerChargesOn, holidayAllowanceOn, refOf, type RuleBook, type RuleRef } from '../rules/rule-book.js';
import { DomainError, refuse } from '../shared/domain-error.js';
import { isValidLocalDate, laterOf, overlaps, type LocalDate, type OpenPeriod, type Period } from '../shared/local-date.js';
import { HUNDRED_PERCENT, type BasisPoints, type Cents } from '../shared/money.js';
import type { RateScope } from './rate-agreement.events.js';
import { scopeCovers } from './rate-in-force.js';

/** What an hour costs the pool besides its gross wage, as percentages of it, and the rule rows they came from. */
export interface CostShares {
  /** The CAO's holiday allowance, at least the statutory one (the `holiday-allowance` row). */
  readonly holidayAllowanceBp: BasisPoints;
  /** The employer's share of the CAO's pension premium where the hirer's terms apply, else 0. */
  readonly pensionEmployerBp: BasisPoints;
  /** The `employer-charges` row: taken of the gross wage plus the holiday allowance. */
  readonly employerChargesBp: BasisPoints;
  readonly rules: readonly RuleRef[];
}

/** The cost of an hour as a factor of its gross wage, on a day: what a factor rate must at least be. */
export interface FactorCost extends CostShares {
  readonly day: LocalDate;
  /** The hirer's CAO version in force that day, whose holiday allowance and pension were taken. */
  readonly cao: { readonly code: string; readonly effectiveFrom: LocalDate; readonly revision: number };
  /** Rounded up to a whole basis point: a factor below it is below the cost price. */
  readonly costFactorBp: BasisPoints;
}

/** The cost of a placement's normal hour (no CAO surcharge) on a day: what a fixed rate must at least be. */
export interface HourlyCost extends CostShares {
  readonly day: LocalDate;
  /** The gross wage of the day, with the CAO version and minimum-wage row it came from. */
  readonly wage: DayWage;
  /** Wage + holiday allowance + pension + charges, rounded up to a whole cent. */
  readonly hourlyCents: Cents;
}

/** A placement as its cost needs it: its wage inputs, whether the hirer's terms (so its pension) apply, and the worker. */
export interface CostedPlacement {
  readonly waged: WagedPlacement;
  readonly hirerTermsApply: boolean;
  readonly worker: WagedWorker & { readonly workerId: string };
}

/** A placement's cost of an hour on the day a rate's check compares it. */
export interface PlacementHourCost {
  readonly placementId: string;
  readonly functionName: string;
  readonly cost: HourlyCost;
}

/** The shares as a pay line takes them: holiday allowance and pension of the CAO version, charges of the rule table. */
export function costSharesOn(content: CaoVersionContent, hirerTermsApply: boolean, rules: RuleBook, day: LocalDate): CostShares {
  const holidayAllowance = holidayAllowanceOn(rules, day);
  const charges = employerChargesOn(rules, day);
  return {
    holidayAllowanceBp: Math.max(content.holidayPayBp, holidayAllowance.values.minimumBp),
    pensionEmployerBp: hirerTermsApply ? (content.pensionPremium?.employerBp ?? 0) : 0,
    employerChargesBp: charges.values.chargesBp,
    rules: [refOf(holidayAllowance), refOf(charges)],
  };
}

/**
 * The cost of an hour per unit of gross wage, exact in (basis points)²: 1 + holiday allowance +
 * pension + charges × (1 + holiday allowance). An integer far below 2^53.
 */
const exactCostFactor = (shares: CostShares): number =>
  HUNDRED_PERCENT * (HUNDRED_PERCENT + shares.holidayAllowanceBp + shares.pensionEmployerBp) +
  shares.employerChargesBp * (HUNDRED_PERCENT + shares.holidayAllowanceBp);

// Rounded up, so that a whole-numbered rate is below the exact cost exactly when it is below the
// rounded one. Both operands are safe integers and the quotient is correctly rounded, so ceil is exact.
const ceilDiv = (value: number, divisor: number): number => Math.ceil(value / divisor);

export const costFactorBp = (shares: CostShares): BasisPoints => ceilDiv(exactCostFactor(shares), HUNDRED_PERCENT);

export const hourlyCostCents = (grossWageCents: Cents, shares: CostShares): Cents =>
  ceilDiv(grossWageCents * exactCostFactor(shares), HUNDRED_PERCENT * HUNDRED_PERCENT);

/**
 * What a factor rate agreed from `day` must at least be: the cost as a factor of the gross wage,
 * with the holiday allowance and pension of the hirer's CAO version in force that day and that
 * day's rule rows. Every legal form gives the worker the hirer's terms, so the pension is counted.
 */
export function costFactorOn(
  hirer: EmployerState,
  day: LocalDate,
  rules: RuleBook,
  caoVersions: readonly ResolvedCaoVersion[],
): FactorCost {
  const employerId = hirer.status === 'none' ? 'unknown' : hirer.employerId;
  const applied =
    caoOn(hirer, day) ??
    refuse('no_cao_applied', `Employer ${employerId} applies no CAO on ${day}: a rate has no cost price to be checked against.`);
  const version =
    caoVersionIn(caoVersions, applied.caoCode, day) ??
    refuse('no_cao_version', `CAO ${applied.caoCode} has no version in force on ${day}.`);
  const shares = costSharesOn(version.content, true, rules, day);
  return {
    day,
    cao: { code: version.code, effectiveFrom: version.effectiveFrom, revision: version.revision },
    ...shares,
    costFactorBp: costFactorBp(shares),
  };
}

/** The cost of a placement's normal hour on one of its days (refused as wageOn refuses: a day outside it, a table not published). */
export function hourlyCostOn(
  placement: CostedPlacement,
  day: LocalDate,
  rules: RuleBook,
  caoVersions: readonly ResolvedCaoVersion[],
): HourlyCost {
  const wage = wageOn(placement.waged, placement.worker, day, rules, caoVersions);
  const version =
    caoVersionIn(caoVersions, wage.cao.code, day) ?? refuse('no_cao_version', `CAO ${wage.cao.code} has no version in force on ${day}.`);
  const shares = costSharesOn(version.content, placement.hirerTermsApply, rules, day);
  return { day, wage, ...shares, hourlyCents: hourlyCostCents(wage.hourlyCents, shares) };
}

// A placement is planned ahead of the minimum wage of its half-year: a day the tables do not reach has no cost yet.
function knownHourlyCostOn(placement: CostedPlacement, day: LocalDate, rules: RuleBook, caoVersions: readonly ResolvedCaoVersion[]) {
  try {
    return hourlyCostOn(placement, day, rules, caoVersions);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'rule_table_outdated') return undefined;
    throw error;
  }
}

const ratedAs = (placement: CostedPlacement) => ({ placementId: placement.waged.placementId, functionCode: placement.waged.functionName });

/** The days of the placement an agreement over `period` covers, when any. */
export function coveredDays(period: OpenPeriod, placement: CostedPlacement): Period | undefined {
  const days = placement.waged.period;
  if (!overlaps(period, days)) return undefined;
  return { from: laterOf(period.from, days.from), to: period.to !== undefined && period.to < days.to ? period.to : days.to };
}

/**
 * What a fixed rate of `scope` over `period` is checked against: the cost of an hour of each
 * placement it covers, on the rate's first day (or the placement's, when later). A placement whose
 * first covered day the published tables do not reach yet is left out; the rate warnings take it up.
 */
export function coveredPlacementCosts(
  scope: RateScope,
  period: OpenPeriod,
  placements: readonly CostedPlacement[],
  rules: RuleBook,
  caoVersions: readonly ResolvedCaoVersion[],
): PlacementHourCost[] {
  return placements.flatMap((placement) => {
    const days = scopeCovers(scope, ratedAs(placement)) ? coveredDays(period, placement) : undefined;
    const cost = days && knownHourlyCostOn(placement, days.from, rules, caoVersions);
    return cost ? [{ placementId: placement.waged.placementId, functionName: placement.waged.functionName, cost }] : [];
  });
}

/**
 * The days within `days` on which the cost of the placement's hour may change: the first, and each
 * date a figure it depends on changes (a minimum-wage, holiday-allowance or employer-charges row, a
 * CAO version, the hirer's CAO or the function's scale, the worker's birthday). Between two of them
 * the cost is the same every day, so these are the only days to look at.
 */
export function costChangeDays(
  placement: CostedPlacement,
  days: Period,
  rules: RuleBook,
  caoVersions: readonly ResolvedCaoVersion[],
): LocalDate[] {
  const { hirer, functionName } = placement.waged;
  const dates = [
    days.from,
    ...[...rules.minimumWage, ...rules.holidayAllowance, ...rules.employerCharges].map((row) => row.effectiveFrom),
    ...caoVersions.map((version) => version.effectiveFrom),
    ...(hirer.status === 'none' ? [] : hirer.caoApplications.map((application) => application.from)),
    ...(hirer.status === 'none' ? [] : hirer.classifications.filter((c) => c.functionName === functionName).map((c) => c.from)),
    ...birthdaysWithin(placement.worker.birthDate, days),
  ];
  return [...new Set(dates.filter((day) => day >= days.from && day <= days.to))].sort();
}

/** The worker's birthdays in the days; born on 29 February, one is older from 1 March in other years (ageOn). */
function birthdaysWithin(birthDate: LocalDate, days: Period): LocalDate[] {
  const years = Array.from(
    { length: Number(days.to.slice(0, 4)) - Number(days.from.slice(0, 4)) + 1 },
    (_, i) => Number(days.from.slice(0, 4)) + i,
  );
  return years.map((year) => {
    const birthday = `${year}${birthDate.slice(4)}`;
    return isValidLocalDate(birthday) ? birthday : `${year}-03-01`;
  });
}
