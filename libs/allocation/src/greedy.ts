// The greedy baseline: deterministic, one pass, no look-ahead. Requests with the most hours per week
// first; within a request week by week; every open place goes to the feasible worker whose proposal
// adds most to the objective right now (the same terms as objectiveOf, evaluated as marginal gains),
// lowest worker id on a tie; a place stays open when no worker adds anything.
import type { AllocationInput, AllocationResult, AllocationWeights } from './allocation.types.js';
import { evaluate, type Assignment } from './objective.js';
import { buildCandidates, prepare, type Candidates, type Prepared } from './prepare.js';
import { toProposals } from './proposals.js';

const EPS = 1e-9;
const NONE: readonly number[] = [];

/**
 * Greedy worker-weeks (candidate indexes) for a prepared input. With `prices`, also writes for every
 * cell that ended full the gain the best candidate left out would have brought (a price for the cell).
 * With `preset`, those candidates are placed first, in that order, wherever they still fit and gain
 * (the Lagrangian heuristic hands in what the latest relaxations chose, most often first); the greedy then
 * fills the places left.
 */
export function greedyAssignments(p: Prepared, cand: Candidates, prices?: Float64Array, preset: readonly number[] = []): number[] {
  const { weights } = p;
  const T = p.weeks.length;
  const load = new Float64Array(p.workers.length * T);
  // Per worker-week: the employers confirmed and proposed there (arrays, not maps: the fill reads them
  // for every candidate it weighs). Per new relationship: whether a proposal already pays for it.
  const confirmed: (readonly number[])[] = new Array(p.workers.length * T).fill(NONE);
  for (const [k, list] of p.committedEmployers) confirmed[k] = list;
  const weekEmployers: (readonly number[])[] = new Array(p.workers.length * T).fill(NONE);
  const usedPair = new Uint8Array(cand.pairCount);
  const chosen: number[] = [];

  const cellsOfRequest: number[][] = p.requests.map(() => []);
  for (let c = 0; c < p.cellRequest.length; c++) cellsOfRequest[p.cellRequest[c]].push(c);
  const order = [...p.requests].sort((a, b) => b.hours - a.hours || a.index - b.index);
  const taken = new Uint8Array(cand.count);
  const gainOf = (j: number): number => {
    const k = cand.worker[j] * T + cand.week[j];
    const h = cand.hours[j];
    if (load[k] + h > p.capacity[k] + EPS) return Number.NEGATIVE_INFINITY;
    const e = cand.employer[j];
    let gain = cand.base[j] + weights.shortfall * Math.min(h, Math.max(0, p.shortfall[k] - load[k]));
    const committed = confirmed[k];
    const proposed = weekEmployers[k];
    if (!committed.includes(e) && !proposed.includes(e) && committed.length + proposed.length > 0) gain -= weights.extraEmployer;
    if (cand.pair[j] >= 0 && !usedPair[cand.pair[j]]) gain -= weights.continuity;
    return gain;
  };

  const filled = new Int32Array(p.cellOpen.length);
  const place = (j: number) => {
    taken[j] = 1;
    chosen.push(j);
    filled[cand.cell[j]]++;
    const k = cand.worker[j] * T + cand.week[j];
    load[k] += cand.hours[j];
    if (!weekEmployers[k].includes(cand.employer[j])) weekEmployers[k] = [...weekEmployers[k], cand.employer[j]];
    if (cand.pair[j] >= 0) usedPair[cand.pair[j]] = 1;
  };

  for (const j of preset) if (!taken[j] && filled[cand.cell[j]] < p.cellOpen[cand.cell[j]] && gainOf(j) > EPS) place(j);
  for (const request of order) {
    for (const c of cellsOfRequest[request.index]) {
      while (filled[c] < p.cellOpen[c]) {
        let best = -1;
        let bestGain = EPS;
        for (let i = cand.cellStart[c]; i < cand.cellStart[c + 1]; i++) {
          const j = cand.byCell[i];
          if (taken[j]) continue;
          const gain = gainOf(j);
          if (gain > bestGain) {
            bestGain = gain;
            best = j;
          }
        }
        if (best < 0) break;
        place(best);
      }
    }
  }
  if (prices) {
    for (let c = 0; c < p.cellOpen.length; c++) {
      prices[c] = 0;
      if (filled[c] < p.cellOpen[c]) continue;
      for (let i = cand.cellStart[c]; i < cand.cellStart[c + 1]; i++) {
        const j = cand.byCell[i];
        if (!taken[j]) prices[c] = Math.max(prices[c], gainOf(j));
      }
    }
  }
  return chosen.sort((a, b) => a - b);
}

export const toAssignments = (cand: Candidates, chosen: readonly number[]): Assignment[] =>
  chosen.map((j) => ({ w: cand.worker[j], r: cand.request[j], t: cand.week[j] }));

/** The greedy baseline as a full result (checked by `checkProposals` like the MIP's). */
export function greedy(input: AllocationInput, weights: Partial<AllocationWeights> = {}): AllocationResult {
  const started = performance.now();
  const p = prepare(input, weights);
  const cand = buildCandidates(p);
  const assignments = toAssignments(cand, greedyAssignments(p, cand));
  const breakdown = evaluate(p, assignments);
  return {
    method: 'greedy',
    status: 'heuristic',
    proposals: toProposals(p, assignments),
    objective: breakdown.total,
    solverObjective: null,
    bound: null,
    gap: null,
    breakdown,
    solveTimeMs: performance.now() - started,
    solver: { name: 'greedy', version: '1' },
    inputHash: p.hash,
    weights: p.weights,
    model: null,
  };
}
