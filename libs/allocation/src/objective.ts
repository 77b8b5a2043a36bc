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

/**
 * Of `fresh` employers of a worker-week that are not confirmed there, those that count as extra (the
 * rule `evaluate` applies): all of them when the week has confirmed work, else all but a first.
 */
export function beyondFirstEmployer(fresh: number, present: readonly number[]): number {
  return present.length > 0 ? fresh : Math.max(0, fresh - 1);
}

/**
 * The extra employers of a worker-week whose jobs are `list` (employer indexes, or candidate indexes
 * mapped through `employerOf`), next to its confirmed employers `present`. Counted in place, without
 * allocating: the solver's inner loops count it for every subset and every move they try.
 */
export function extraEmployersOf(list: ArrayLike<number>, present: readonly number[], employerOf?: Int32Array): number {
  let fresh = 0;
  for (let a = 0; a < list.length; a++) {
    const e = employerOf ? employerOf[list[a]] : list[a];
    if (present.includes(e)) continue;
    let seen = false;
    for (let b = 0; b < a && !seen; b++) seen = (employerOf ? employerOf[list[b]] : list[b]) === e;
    if (!seen) fresh++;
  }
  return beyondFirstEmployer(fresh, present);
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
    extraEmployerWeeks += beyondFirstEmployer([...proposed].filter((e) => !committed.includes(e)).length, committed);
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
  const total =
    terms.fill +
    terms.shortfall +
    terms.released +
    terms.continuity +
    terms.returning +
    terms.extraEmployer +
    terms.travel +
    terms.fairness;
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
export function objectiveBreakdownOf(
  input: AllocationInput,
  weights: Partial<AllocationWeights>,
  proposals: readonly AllocationProposal[],
): ObjectiveBreakdown {
  const p = prepare(input, weights);
  return evaluate(p, assignmentsOf(p, proposals));
}
