// An upper bound on the objective over EVERY candidate, by Lagrangian relaxation.
//
// Relax the open-places rows Σ_w x[w,r,t] ≤ open[r,t] with prices π[r,t] ≥ 0, and the continuity links
// x[j] ≤ y[w,e] with prices β[j] ≥ 0. What is left splits into independent pieces:
//  - every worker-week: the best subset of its candidates under its free capacity, valued exactly
//    (fill, fairness, returning, travel, shortfall covered, extra employers) minus π and β — a knapsack
//    of a handful of items, solved exactly here;
//  - every new worker × employer pair: max(0, Σ β − continuity);
// plus Σ π · open. For ANY prices ≥ 0 the sum is ≥ the objective of every feasible set of proposals
// (weak duality), so the bound is honest whatever prices are used; the subgradient method below looks
// for prices that make it small. Because the worker-week pieces are solved as integer problems, the best
// such bound is at least as tight as the MIP's LP relaxation, and usually tighter.
import type { Candidates, Prepared } from './prepare.js';

export interface Relaxation {
  /** A valid upper bound (every candidate was priced). */
  readonly bound: number;
  /** Candidates the worker-weeks take at these prices. */
  readonly chosen: readonly number[];
  /** Per cell: how many candidates the relaxation puts there. */
  readonly cellUse: Int32Array;
  /** Per new pair: whether the relaxation pays its continuity cost (Σβ > continuity). */
  readonly pairOn: Uint8Array;
}

/**
 * Evaluates the relaxation for given prices. Candidates are kept per cell in order of their best possible
 * contribution (fill, fairness, returning, travel and the shortfall they could cover), so a pass stops
 * in every cell at the first candidate that cannot beat the cell's price: the work is proportional to
 * the candidates that gain at these prices, not to all candidates — and the bound still prices them all.
 */
export class Relaxer {
  private readonly potential: Float64Array;
  private readonly cellOrder: Int32Array;
  private readonly weekOf: Int32Array;
  private readonly head: Int32Array;
  private readonly next: Int32Array;
  private readonly solver: BlockSolver;
  private readonly pairSum: Float64Array;

  constructor(
    private readonly p: Prepared,
    private readonly cand: Candidates,
  ) {
    const T = p.weeks.length;
    const { weights } = p;
    this.potential = new Float64Array(cand.count);
    this.weekOf = new Int32Array(cand.count);
    for (let j = 0; j < cand.count; j++) {
      const k = cand.worker[j] * T + cand.week[j];
      this.weekOf[j] = k;
      this.potential[j] = cand.base[j] + (weights.shortfall > 0 ? weights.shortfall * Math.min(cand.hours[j], p.shortfall[k]) : 0);
    }
    this.cellOrder = Int32Array.from(cand.byCell);
    for (let c = 0; c < p.cellOpen.length; c++) {
      const part = this.cellOrder.subarray(cand.cellStart[c], cand.cellStart[c + 1]);
      const sorted = Array.from(part).sort((a, b) => this.potential[b] - this.potential[a] || a - b);
      part.set(sorted);
    }
    this.head = new Int32Array(p.workers.length * T).fill(-1);
    this.next = new Int32Array(cand.count);
    this.solver = new BlockSolver(p, cand);
    this.pairSum = new Float64Array(cand.pairCount);
  }

  relax(pi: Float64Array, beta: Float64Array, betaList: readonly number[]): Relaxation {
    const { p, cand } = this;
    const { weights } = p;
    let bound = 0;
    for (let c = 0; c < p.cellOpen.length; c++) bound += pi[c] * p.cellOpen[c];

    const pairSum = this.pairSum;
    const pairOn = new Uint8Array(cand.pairCount);
    for (const j of betaList) pairSum[cand.pair[j]] += beta[j];
    for (const j of betaList) {
      const q = cand.pair[j];
      if (pairSum[q] > weights.continuity && !pairOn[q]) {
        pairOn[q] = 1;
        bound += pairSum[q] - weights.continuity;
      }
    }
    for (const j of betaList) pairSum[cand.pair[j]] = 0;

    const touched: number[] = [];
    for (let c = 0; c < p.cellOpen.length; c++) {
      const price = pi[c];
      for (let q = cand.cellStart[c]; q < cand.cellStart[c + 1]; q++) {
        const j = this.cellOrder[q];
        if (this.potential[j] - price <= 1e-12) break;
        if (cand.pair[j] >= 0 && this.potential[j] - price - beta[j] <= 1e-12) continue;
        const k = this.weekOf[j];
        if (this.head[k] < 0) touched.push(k);
        this.next[j] = this.head[k];
        this.head[k] = j;
      }
    }

    const chosen: number[] = [];
    const cellUse = new Int32Array(p.cellOpen.length);
    touched.sort((a, b) => a - b);
    for (const k of touched) {
      this.solver.reset(k, weights.shortfall > 0 ? p.shortfall[k] : 0);
      for (let j = this.head[k]; j >= 0; j = this.next[j]) {
        this.solver.add(j, cand.base[j] - pi[cand.cell[j]] - (cand.pair[j] >= 0 ? beta[j] : 0));
      }
      this.head[k] = -1;
      bound += this.solver.solve();
      for (const j of this.solver.best) {
        chosen.push(j);
        cellUse[cand.cell[j]]++;
      }
    }
    return { bound, chosen, cellUse, pairOn };
  }
}

/**
 * The best subset of one worker-week's items. Up to 6 items: every subset, valued exactly. More items
 * (only while prices are still far off): a knapsack by dynamic programming over the hours that leaves
 * out the extra-employer cost — a cost, so the value found is still an upper bound, as a bound needs.
 */
class BlockSolver {
  size = 0;
  best: number[] = [];
  private items: number[] = [];
  private profit: number[] = [];
  private k = 0;
  private shortfall = 0;

  constructor(
    private readonly p: Prepared,
    private readonly cand: Candidates,
  ) {}

  reset(k: number, shortfall: number): void {
    this.size = 0;
    this.items.length = 0;
    this.profit.length = 0;
    this.k = k;
    this.shortfall = shortfall;
  }

  add(j: number, value: number): void {
    this.items.push(j);
    this.profit.push(value);
    this.size++;
  }

  solve(): number {
    return this.size <= 6 ? this.enumerate() : this.knapsack();
  }

  private enumerate(): number {
    const { weights } = this.p;
    const cand = this.cand;
    const capacity = this.p.capacity[this.k] + 1e-9;
    const present = this.p.committedEmployers.get(this.k) ?? [];
    const n = this.size;
    let bestValue = 0;
    let bestMask = 0;
    const employers: number[] = [];
    for (let mask = 1; mask < 1 << n; mask++) {
      let hours = 0;
      let linear = 0;
      employers.length = 0;
      for (let i = 0; i < n; i++) {
        if (!(mask & (1 << i))) continue;
        const j = this.items[i];
        hours += cand.hours[j];
        linear += this.profit[i];
        const e = cand.employer[j];
        if (!employers.includes(e)) employers.push(e);
      }
      if (hours > capacity) continue;
      let fresh = 0;
      for (const e of employers) if (!present.includes(e)) fresh++;
      const extra = present.length > 0 ? fresh : Math.max(0, fresh - 1);
      const value = linear + weights.shortfall * Math.min(this.shortfall, hours) - weights.extraEmployer * extra;
      if (value > bestValue + 1e-12) {
        bestValue = value;
        bestMask = mask;
      }
    }
    this.best = [];
    for (let i = 0; i < n; i++) if (bestMask & (1 << i)) this.best.push(this.items[i]);
    return bestValue;
  }

  private knapsack(): number {
    const { weights } = this.p;
    const cand = this.cand;
    const n = this.size;
    // Hours in quarter hours, divided by their greatest common divisor.
    const quarters = this.items.map((j) => Math.round(cand.hours[j] * 4));
    let unit = 0;
    for (const q of quarters) unit = gcd(unit, q);
    const size = quarters.map((q) => q / unit);
    const cap = Math.floor((this.p.capacity[this.k] * 4 + 1e-6) / unit);
    const dp = new Float64Array(cap + 1).fill(Number.NEGATIVE_INFINITY);
    dp[0] = 0;
    const take = new Uint8Array(n * (cap + 1));
    for (let i = 0; i < n; i++) {
      const w = size[i];
      const v = this.profit[i];
      for (let c = cap; c >= w; c--) {
        const candidate = dp[c - w] + v;
        if (candidate > dp[c]) {
          dp[c] = candidate;
          take[i * (cap + 1) + c] = 1;
        }
      }
    }
    let bestValue = 0;
    let bestC = -1;
    for (let c = 1; c <= cap; c++) {
      if (dp[c] === Number.NEGATIVE_INFINITY) continue;
      const value = dp[c] + weights.shortfall * Math.min(this.shortfall, (c * unit) / 4);
      if (value > bestValue + 1e-12) {
        bestValue = value;
        bestC = c;
      }
    }
    this.best = [];
    for (let i = n - 1, c = bestC; i >= 0 && c > 0; i--) {
      if (take[i * (cap + 1) + c]) {
        this.best.push(this.items[i]);
        c -= size[i];
      }
    }
    return bestValue;
  }
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

// ---- prices -----------------------------------------------------------------------------------------

/**
 * Starting prices. π: the greedy's cell prices (what the best candidate left out of a full cell would
 * have added). β: the continuity cost of every relationship the incumbent uses, shared over its weeks.
 */
export function initialPrices(p: Prepared, cand: Candidates, incumbent: readonly number[], cellPrices: Float64Array): { pi: Float64Array; beta: Float64Array } {
  const { weights } = p;
  const pi = Float64Array.from(cellPrices, (v) => Math.max(0, v));
  const beta = new Float64Array(cand.count);
  const weeksUsed = new Map<number, number>();
  for (const j of incumbent) if (cand.pair[j] >= 0) weeksUsed.set(cand.pair[j], (weeksUsed.get(cand.pair[j]) ?? 0) + 1);
  for (const j of incumbent) if (cand.pair[j] >= 0) beta[j] = weights.continuity / weeksUsed.get(cand.pair[j])!;
  return { pi, beta };
}

export interface DualResult {
  /** The best (smallest) valid bound found. */
  readonly bound: number;
  readonly pi: Float64Array;
  readonly beta: Float64Array;
  readonly iterations: number;
}

/**
 * Minimises the bound over the prices: a few rounds of market clearing (a cell the relaxation over-fills
 * gets the price at which only as many takers as it has places still gain; a cell left with room gets
 * its price lowered to where one more candidate would gain), then the subgradient method with Polyak
 * steps towards `target` (the best known objective). Stops at the deadline, after `maxIterations`, or
 * when the bound is within `stopGap` of the target. Every bound it reports prices every candidate.
 */
export function minimizeBound(
  relaxer: Relaxer,
  p: Prepared,
  cand: Candidates,
  start: { pi: Float64Array; beta: Float64Array },
  o: {
    /** The best known objective (or a function that reads it, when another thread improves it). */
    target: number | (() => number);
    deadline: number;
    maxIterations: number;
    stopGap: number;
    clearingRounds?: number;
    theta?: number;
    /** Called with every new best bound. */
    onBound?: (bound: number) => void;
    log?: (line: string) => void;
  },
): DualResult {
  const goal = o.target;
  const target = typeof goal === 'function' ? goal : () => goal;
  const { weights } = p;
  const T = p.weeks.length;
  const pi = Float64Array.from(start.pi);
  const beta = Float64Array.from(start.beta);
  const inBeta = new Uint8Array(cand.count);
  const betaList: number[] = [];
  for (let j = 0; j < cand.count; j++) {
    if (beta[j] > 0 && cand.pair[j] >= 0) {
      inBeta[j] = 1;
      betaList.push(j);
    }
  }
  const gapOf = (bound: number) => (bound - target()) / Math.max(1, Math.abs(target()));
  let best: DualResult = { bound: Number.POSITIVE_INFINITY, pi: Float64Array.from(pi), beta: Float64Array.from(beta), iterations: 0 };
  const record = (r: Relaxation, iterations: number) => {
    if (r.bound < best.bound) {
      best = { bound: r.bound, pi: Float64Array.from(pi), beta: Float64Array.from(beta), iterations };
      o.onBound?.(r.bound);
    }
  };
  const reduced = (j: number) => {
    const h = cand.hours[j];
    const shortfall = p.shortfall[cand.worker[j] * T + cand.week[j]];
    return cand.base[j] - pi[cand.cell[j]] - (cand.pair[j] >= 0 ? beta[j] : 0) + weights.shortfall * (h < shortfall ? h : shortfall);
  };

  let iterations = 0;
  // Market clearing.
  for (let round = 0; round < (o.clearingRounds ?? 6) && performance.now() < o.deadline; round++) {
    const r = relaxer.relax(pi, beta, betaList);
    iterations++;
    record(r, iterations);
    const takersOf = new Map<number, number[]>();
    for (const j of r.chosen) {
      const list = takersOf.get(cand.cell[j]);
      if (list) list.push(reduced(j));
      else takersOf.set(cand.cell[j], [reduced(j)]);
    }
    const next = Float64Array.from(pi);
    for (let c = 0; c < pi.length; c++) {
      const open = p.cellOpen[c];
      if (r.cellUse[c] > open) {
        const takers = takersOf.get(c)!.sort((a, b) => b - a);
        next[c] = pi[c] + Math.max(0, takers[open]);
      } else if (r.cellUse[c] < open && pi[c] > 0) {
        let bestOut = Number.NEGATIVE_INFINITY;
        for (let q = cand.cellStart[c]; q < cand.cellStart[c + 1]; q++) bestOut = Math.max(bestOut, reduced(cand.byCell[q]));
        next[c] = Math.max(0, pi[c] + Math.min(0, bestOut));
      }
    }
    pi.set(next);
    o.log?.(`bound: clearing round ${round + 1}: ${r.bound.toFixed(2)} (${r.chosen.length} taken)`);
  }

  // Subgradient.
  let theta = o.theta ?? 1;
  let sinceImprovement = 0;
  let lastBest = best.bound;
  while (iterations < o.maxIterations && gapOf(best.bound) > o.stopGap && performance.now() < o.deadline) {
    const r = relaxer.relax(pi, beta, betaList);
    iterations++;
    record(r, iterations);
    if (best.bound < lastBest - 1e-9) {
      lastBest = best.bound;
      sinceImprovement = 0;
    } else if (++sinceImprovement >= 5) {
      theta /= 2;
      sinceImprovement = 0;
    }
    if (iterations % 25 === 0) o.log?.(`bound: iteration ${iterations}: ${r.bound.toFixed(2)} (best ${best.bound.toFixed(2)}, ${r.chosen.length} taken)`);
    // Subgradient: open − use per cell; y − x per continuity link (x taken or β > 0).
    const chosenNew: number[] = [];
    const isChosen = new Set<number>();
    for (const j of r.chosen) {
      if (cand.pair[j] < 0) continue;
      isChosen.add(j);
      if (!inBeta[j]) chosenNew.push(j);
    }
    let norm = 0;
    for (let c = 0; c < pi.length; c++) {
      const g = p.cellOpen[c] - r.cellUse[c];
      if (g > 0 && pi[c] <= 0) continue;
      norm += g * g;
    }
    const linkGradient = (j: number) => r.pairOn[cand.pair[j]] - (isChosen.has(j) ? 1 : 0);
    for (const j of betaList) {
      const g = linkGradient(j);
      if (g !== 0) norm += g * g;
    }
    for (const j of chosenNew) {
      const g = linkGradient(j);
      if (g < 0) norm += g * g;
    }
    if (norm === 0) break; // the relaxation is feasible and complementary: these prices are optimal
    const aim = target();
    const step = (theta * Math.max(r.bound - aim, 1e-4 * Math.max(1, Math.abs(aim)))) / norm;
    for (let c = 0; c < pi.length; c++) pi[c] = Math.max(0, pi[c] - step * (p.cellOpen[c] - r.cellUse[c]));
    for (const j of betaList) beta[j] = Math.max(0, beta[j] - step * linkGradient(j));
    for (const j of chosenNew) {
      const g = linkGradient(j);
      if (g < 0) {
        beta[j] = -step * g;
        inBeta[j] = 1;
        betaList.push(j);
      }
    }
  }
  return { ...best, iterations };
}
