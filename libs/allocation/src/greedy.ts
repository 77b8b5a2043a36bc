// The greedy baseline: deterministic, no look-ahead beyond one run. Requests with the most hours per
// week first; within a request, again and again the one run of one worker over consecutive weeks that
// adds most to the objective right now (the same terms as objectiveOf, evaluated as marginal gains) —
// runs, not weeks, because each run is a proposal and takes one of the request's places — lowest
// worker and first week on a tie; a request is done when no run adds anything or its places are used.
import type { AllocationInput, AllocationResult, AllocationWeights } from './allocation.types.js';
import { evaluate, type Assignment } from './objective.js';
import { buildCandidates, prepare, runChange, type Candidates, type Prepared } from './prepare.js';
import { toProposals } from './proposals.js';

const EPS = 1e-9;
const NONE: readonly number[] = [];

/**
 * Greedy worker-weeks (candidate indexes) for a prepared input. With `prices`, also writes for every
 * cell that ended full the gain the best candidate left out would have brought (a price for the cell).
 * With `preset`, those candidates are placed first, in that order, wherever they still fit and gain
 * (the Lagrangian heuristic hands in what the latest relaxations chose, most often first); the greedy then
 * fills the places left. With `placePrices`, also writes for every request whose places ran out what the
 * best run one more place would have allowed gains (a price for its places).
 */
export function greedyAssignments(
  p: Prepared,
  cand: Candidates,
  prices?: Float64Array,
  preset: readonly number[] = [],
  placePrices?: Float64Array,
): number[] {
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
  const runs = new Int32Array(p.requests.length);
  const place = (j: number) => {
    runs[cand.request[j]] += runChange(cand, taken, j);
    taken[j] = 1;
    chosen.push(j);
    filled[cand.cell[j]]++;
    const k = cand.worker[j] * T + cand.week[j];
    load[k] += cand.hours[j];
    if (!weekEmployers[k].includes(cand.employer[j])) weekEmployers[k] = [...weekEmployers[k], cand.employer[j]];
    if (cand.pair[j] >= 0) usedPair[cand.pair[j]] = 1;
  };
  const open = (j: number) => !taken[j] && filled[cand.cell[j]] < p.cellOpen[cand.cell[j]];
  const placesFor = (j: number) => runs[cand.request[j]] + runChange(cand, taken, j) <= p.requests[cand.request[j]].places;

  for (const j of preset) if (open(j) && placesFor(j) && gainOf(j) > EPS) place(j);
  const { requestStart } = cand;
  const gains = new Float64Array(cand.count);
  for (const request of order) {
    for (;;) {
      const run = bestRun(request.index, requestStart[request.index], requestStart[request.index + 1]);
      if (!run) break;
      for (let j = run.first; j <= run.last; j++) place(j);
    }
    // A request whose places ran out: what one more place would have gained is the place's price.
    const r = request.index;
    if (placePrices && runs[r] >= p.requests[r].places) {
      const more = bestRun(r, requestStart[r], requestStart[r + 1], 1);
      placePrices[r] = more ? more.gain : 0;
    }
  }

  /**
   * The most gaining run of one worker over consecutive open weeks of request r (candidates from..to, by
   * worker and week) that the request's places allow: a run joining one the worker already holds takes
   * no new place. Chain by chain (a worker's stretch of consecutive open weeks): with a place left, any
   * run of the chain may be taken, and the best is found in one pass (Kadane: the best run ending at
   * each week extends the best ending the week before, or starts anew); without, only a run that joins
   * one held next to the chain can, which is tried run by run. The first run of most gain, by first and
   * then last week, wins.
   */
  function bestRun(r: number, from: number, to: number, extraPlaces = 0): { first: number; last: number; gain: number } | null {
    const left = p.requests[r].places - runs[r] + extraPlaces;
    for (let j = from; j < to; j++)
      gains[j] = open(j) ? gainOf(j) + (cand.pair[j] >= 0 && !usedPair[cand.pair[j]] ? weights.continuity : 0) : Number.NaN;
    const valid = (j: number) => !Number.isNaN(gains[j]) && gains[j] !== Number.NEGATIVE_INFINITY;
    let best: { first: number; last: number; gain: number } | null = null;
    let bestGain = EPS;
    for (let s = from; s < to;) {
      if (!valid(s)) {
        s++;
        continue;
      }
      let e = s;
      while (e + 1 < to && cand.prev[e + 1] === e && valid(e + 1)) e++;
      const newPair = cand.pair[s] >= 0 && !usedPair[cand.pair[s]] ? weights.continuity : 0;
      if (left >= 1) {
        let sum = 0;
        let first = s;
        for (let b = s; b <= e; b++) {
          const extended = sum + gains[b];
          const fresh = -newPair + gains[b];
          if (b > s && extended >= fresh) sum = extended;
          else {
            sum = fresh;
            first = b;
          }
          if (sum > bestGain || (sum === bestGain && best && first < best.first)) {
            bestGain = sum;
            best = { first, last: b, gain: sum };
          }
        }
      } else {
        const joinsBefore = cand.prev[s] >= 0 && taken[cand.prev[s]] ? 1 : 0;
        const joinsAfter = cand.next[e] >= 0 && taken[cand.next[e]] ? 1 : 0;
        for (let a = s; a <= e && joinsBefore + joinsAfter > 0; a++) {
          let sum = -newPair;
          for (let b = a; b <= e; b++) {
            sum += gains[b];
            const joins = (a === s ? joinsBefore : 0) + (b === e ? joinsAfter : 0);
            if (1 - joins <= left && sum > bestGain) {
              bestGain = sum;
              best = { first: a, last: b, gain: sum };
            }
          }
        }
      }
      s = e + 1;
    }
    return best;
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
