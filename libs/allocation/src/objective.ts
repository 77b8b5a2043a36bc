// The one objective function. The MIP's coefficients, the greedy's choices and the reported objective
// of every result are all this function's terms; tests assert the solver's own figure matches it.
import type { AllocationInput, AllocationProposal, AllocationWeights, ObjectiveBreakdown } from './allocation.types.js';
import { AllocationInputError } from './canonical.js';
import { distanceKm, prepare, type Prepared } from './prepare.js';

/** One proposed worker-week: worker index, request index, week index (all into a Prepared). */
export interface Assignment {
  readonly w: number;
  readonly r: number;
  readonly t: number;
}

/** The objective of a set of worker-weeks, term by term. */
export function evaluate(p: Prepared, assignments: readonly Assignment[]): ObjectiveBreakdown {
  const { weights } = p;
  const T = p.weeks.length;
  const E = p.employers.length;
  let filledHours = 0;
  let releasedHours = 0;
  let fairness = 0;
  let travelKm = 0;
  let returningWeeks = 0;
  const newPairs = new Set<number>();
  const weekHours = new Map<number, number>();
  const weekEmployers = new Map<number, Set<number>>();
  for (const { w, r, t } of assignments) {
    const worker = p.workers[w];
    const request = p.requests[r];
    const h = request.hours;
    filledHours += h;
    if (p.released[w * T + t]) releasedHours += h;
    fairness += worker.fairness * h;
    travelKm += distanceKm(p.input.distancesKm, worker.homeArea, request.area);
    if (worker.knownEmployers.has(request.employer)) returningWeeks++;
    else newPairs.add(w * E + request.employer);
    const k = w * T + t;
    weekHours.set(k, (weekHours.get(k) ?? 0) + h);
    const set = weekEmployers.get(k) ?? new Set<number>();
    set.add(request.employer);
    weekEmployers.set(k, set);
  }
  let shortfallHoursCovered = 0;
  for (const [k, hours] of weekHours) shortfallHoursCovered += Math.min(p.shortfall[k], hours);
  let extraEmployerWeeks = 0;
  for (const [k, proposed] of weekEmployers) {
    const committed = p.committedEmployers.get(k) ?? [];
    const union = new Set<number>([...committed, ...proposed]);
    extraEmployerWeeks += Math.max(0, union.size - Math.max(1, committed.length));
  }
  const terms = {
    fill: weights.fill * filledHours,
    shortfall: weights.shortfall * shortfallHoursCovered,
    released: weights.released * releasedHours,
    continuity: -weights.continuity * newPairs.size,
    returning: weights.returning * returningWeeks,
    extraEmployer: -weights.extraEmployer * extraEmployerWeeks,
    travel: -weights.travel * travelKm,
    fairness: weights.fairness * fairness,
  };
  const total = terms.fill + terms.shortfall + terms.released + terms.continuity + terms.returning + terms.extraEmployer + terms.travel + terms.fairness;
  return {
    ...terms,
    total,
    filledHours,
    shortfallHoursCovered,
    releasedHours,
    workerWeeks: assignments.length,
    newRelationships: newPairs.size,
    extraEmployerWeeks,
    travelKm,
  };
}

/** The worker-weeks of proposals, as indexes into `p`. Throws on a worker, request or week that `p` does not have. */
export function assignmentsOf(p: Prepared, proposals: readonly AllocationProposal[]): Assignment[] {
  const out: Assignment[] = [];
  for (const proposal of proposals) {
    const w = p.workerIndex.get(proposal.workerId);
    const r = p.requestIndex.get(proposal.requestId);
    if (w === undefined || r === undefined) {
      throw new AllocationInputError(`Proposal ${proposal.proposalId} names an unknown worker or request.`);
    }
    for (const week of proposal.weekStarts) {
      const t = p.weekIndex.get(week);
      if (t === undefined) throw new AllocationInputError(`Proposal ${proposal.proposalId} names week ${week}, which has no demand.`);
      out.push({ w, r, t });
    }
  }
  return out;
}

/**
 * The objective of a set of proposals for an input and weights — the same function the solver
 * maximises. Higher is better.
 */
export function objectiveOf(input: AllocationInput, weights: Partial<AllocationWeights>, proposals: readonly AllocationProposal[]): number {
  const p = prepare(input, weights);
  return evaluate(p, assignmentsOf(p, proposals)).total;
}

/** objectiveOf with its terms. */
export function objectiveBreakdownOf(input: AllocationInput, weights: Partial<AllocationWeights>, proposals: readonly AllocationProposal[]): ObjectiveBreakdown {
  const p = prepare(input, weights);
  return evaluate(p, assignmentsOf(p, proposals));
}
