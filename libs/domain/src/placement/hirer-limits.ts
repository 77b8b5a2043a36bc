import type { PlacementLimits } from '../employer/employer.decider.js';
import { chainRuleOn, type RuleBook } from '../rules/rule-book.js';
import { refuse } from '../shared/domain-error.js';
import { addDays, addMonths, contains, formatPeriod, laterOf, type LocalDate, type Period } from '../shared/local-date.js';
import { followsOn } from '../worker/chain-rule.js';
import type { PlacementTerms } from './placement.events.js';

/**
 * What the hirer's placement limits need, read by the handler and passed in with a confirmation or
 * an extension (deciders read no other stream).
 */
export interface HirerLimitFacts {
  readonly employerId: string;
  /** The limits the employer states for placements starting on this one's first day (`placementLimitsOn`); absent: none. */
  readonly limits?: PlacementLimits;
  /**
   * The worker's other placements at this employer that took effect, with the days they ran
   * (`daysAtHirer`). Read only when `limits.maxWorkerMonths` is set; empty otherwise.
   */
  readonly otherPlacements: readonly Period[];
}

/**
 * Refuses a placement (over its whole, possibly extended, period) that is longer than the hirer
 * takes one placement, or that takes the worker's placements there that follow one another (as
 * the chain rule counts them: no gap of more than its breaking gap) beyond the hirer's maximum per worker.
 */
export function requireWithinHirerLimits(facts: HirerLimitFacts, placement: PlacementTerms, rules: RuleBook): void {
  if (facts.employerId !== placement.employerId) {
    throw new Error(`Limits of employer ${facts.employerId} were passed for placement ${placement.placementId} at ${placement.employerId}`);
  }
  const { limits } = facts;
  if (limits?.maxPlacementMonths !== undefined) requireMaxPlacement(placement, limits, limits.maxPlacementMonths);
  if (limits?.maxWorkerMonths !== undefined) requireMaxPerWorker(facts, placement, rules, limits.maxWorkerMonths);
}

/** The days a placement that took effect ran (or runs) at its hirer; undefined for one proposed or withdrawn. */
export function daysAtHirer(placement: { status: string; period: Period; lastDay?: LocalDate }): Period | undefined {
  if (placement.status === 'confirmed') return placement.period;
  if (placement.status === 'ended') return { from: placement.period.from, to: placement.lastDay ?? placement.period.to };
  return undefined;
}

function requireMaxPlacement(placement: PlacementTerms, limits: PlacementLimits, maxMonths: number): void {
  const { period } = placement;
  const lastAllowed = lastDayWithin(period.from, maxMonths);
  if (period.to <= lastAllowed) return;
  refuse(
    'max_duration_exceeded',
    `Placement ${placement.placementId} would run ${formatPeriod(period)}, ${lengthOf(period)}; employer ${placement.employerId} ` +
      `takes a placement for at most ${maxMonths} months (stated from ${limits.from}), so one from ${period.from} may last until ${lastAllowed}.`,
  );
}

function requireMaxPerWorker(facts: HirerLimitFacts, placement: PlacementTerms, rules: RuleBook, maxMonths: number): void {
  const { breakingGapMonths } = chainRuleOn(rules, placement.period.from).values;
  const run = successionAround(placement.period, facts.otherPlacements, breakingGapMonths);
  const lastAllowed = lastDayWithin(run.from, maxMonths);
  if (run.to <= lastAllowed) return;
  const instead =
    lastAllowed >= placement.period.from
      ? `placement ${placement.placementId} may last until ${lastAllowed}`
      : `the worker can be placed there again only after a gap of more than ${breakingGapMonths} months`;
  refuse(
    'max_successive_duration_exceeded',
    `Worker ${placement.workerId}'s placements at employer ${placement.employerId} follow one another (no gap of more than ` +
      `${breakingGapMonths} months) from ${run.from}; with placement ${placement.placementId} they would run ${formatPeriod(run)}, ` +
      `${lengthOf(run)}, but the employer takes one worker for at most ${maxMonths} months (stated from ${facts.limits?.from}), so ${instead}.`,
  );
}

// The placements that follow one another form runs; the run the placement belongs to is the one that counts.
function successionAround(period: Period, others: readonly Period[], months: number): Period {
  const runs: Period[] = [];
  for (const next of [...others, period].sort((a, b) => a.from.localeCompare(b.from))) {
    const last = runs.at(-1);
    if (last && followsOn(last.to, next.from, months)) runs[runs.length - 1] = { from: last.from, to: laterOf(last.to, next.to) };
    else runs.push(next);
  }
  return runs.find((run) => contains(run, period)) ?? period;
}

/** The last day of `months` calendar months from `from`: 2027-01-04 and 23 months give 2028-12-03. */
const lastDayWithin = (from: LocalDate, months: number): LocalDate => addDays(addMonths(from, months), -1);

// "24 months" when the period is exactly that long, else "more than 23 months".
function lengthOf(period: Period): string {
  const roughly =
    (Number(period.to.slice(0, 4)) - Number(period.from.slice(0, 4))) * 12 +
    Number(period.to.slice(5, 7)) -
    Number(period.from.slice(5, 7));
  let months = Math.max(roughly - 1, 0);
  while (lastDayWithin(period.from, months) < period.to) months++;
  return lastDayWithin(period.from, months) === period.to ? `${months} months` : `more than ${months - 1} months`;
}
