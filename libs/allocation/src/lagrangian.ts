// An upper bound on the objective over EVERY candidate, by Lagrangian relaxation.
//
// The request's places first become segment links: a plan uses at least one place per segment it uses
// (a stretch of consecutive candidate weeks of one worker on one request, prepare.ts), so with v[s] = 1
// when segment s is used, x[j] ≤ v[seg j], v[s] ≤ y[w,e] (a used segment pays its new relationship) and
// Σ_s v[s] ≤ places[r] hold for every plan. Relax the open-places rows Σ_w x[w,r,t] ≤ open[r,t] with prices
// π[r,t] ≥ 0, the links x[j] ≤ v[seg j] with prices β[j] ≥ 0 and the places rows with prices λ[r] ≥ 0.
// What is left splits into independent pieces:
//  - every worker-week: the best subset of its candidates under its free capacity, valued exactly
//    (fill, fairness, returning, travel, shortfall covered, extra employers) minus π and β — a knapsack
//    of a handful of items, solved exactly here;
//  - every new worker × employer pair: max(0, Σ over its segments max(0, Σ β − λ) − continuity); every
//    segment at a known employer: max(0, Σ β − λ);
// plus Σ π · open + Σ λ · places. For ANY prices ≥ 0 the sum is ≥ the objective of every feasible set of proposals
// (weak duality), so the bound is honest whatever prices are used; the subgradient method below looks
// for prices that make it small. Because the worker-week pieces are solved as integer problems, the best
// such bound is at least as tight as the MIP's LP relaxation, and usually tighter.
import { beyondFirstEmployer, extraEmployersOf } from './objective.js';
import type { Candidates, Prepared } from './prepare.js';

/** Camerini–Fratta–Maffioli's deflection factor (1.5 is their recommended value). */
const DEFLECTION = 1.5;
const NONE: readonly number[] = [];
/** Nodes one block's search may visit before the knapsack answers instead. */
const SEARCH_NODES = 2000;

export interface Relaxation {
  /** A valid upper bound (every candidate was priced). */
  readonly bound: number;
  /** Candidates the worker-weeks take at these prices. */
  readonly chosen: readonly number[];
  /** Per cell: how many candidates the relaxation puts there. */
  readonly cellUse: Int32Array;
  /** Per segment: whether the relaxation uses it (v = 1: its links' prices exceed λ, and its pair is paid). */
  readonly segOn: Uint8Array;
  /** Per request: segments used (places taken). */
  readonly placesUse: Int32Array;
}

/** Anything that evaluates the relaxation at given prices (one thread, or split over two). */
export interface Relaxing {
  relax(pi: Float64Array, links: LinkPrices): Relaxation;
}

/**
 * The segment links' prices β (and the places' prices λ, by request). By candidate, for the worker-week blocks, which look them up item by
 * item; and for the links that carry a price (about 10^5 of ~10^6 candidates), in arrays of their own in
 * the order they joined, so that the passes over all of them — the bound's pair terms and the
 * subgradient's — read memory in sequence instead of jumping through the candidates.
 */
export class LinkPrices {
  /** β by candidate (0 off the list). */
  readonly beta: Float64Array;
  /** Per listed link: its candidate, its segment and its price. */
  readonly ids: Int32Array;
  readonly seg: Int32Array;
  readonly value: Float64Array;
  count = 0;
  private readonly position: Int32Array;

  /** λ by request (empty: all 0). */
  readonly lambda: Float64Array;

  /** The links of the candidates priced in `beta` (in a segment and β > 0), in candidate order. */
  constructor(
    private readonly cand: Candidates,
    beta: Float64Array,
    lambda: Float64Array = new Float64Array(0),
  ) {
    this.beta = Float64Array.from(beta);
    this.lambda = Float64Array.from(lambda);
    let capacity = 0;
    for (let j = 0; j < cand.count; j++) if (cand.seg[j] >= 0) capacity++;
    this.ids = new Int32Array(capacity);
    this.seg = new Int32Array(capacity);
    this.value = new Float64Array(capacity);
    this.position = new Int32Array(cand.count).fill(-1);
    for (let j = 0; j < cand.count; j++) if (beta[j] > 0 && cand.seg[j] >= 0) this.add(j);
  }

  /** How many links there can be (every candidate in a segment). */
  get capacity(): number {
    return this.ids.length;
  }

  /** The link's place in the list, or −1. */
  positionOf(j: number): number {
    return this.position[j];
  }

  /** Lists candidate j (one in a segment) at its current price; returns its place. */
  add(j: number): number {
    const i = this.count++;
    this.position[j] = i;
    this.ids[i] = j;
    this.seg[i] = this.cand.seg[j];
    this.value[i] = this.beta[j];
    return i;
  }

  set(i: number, price: number): void {
    this.value[i] = price;
    this.beta[this.ids[i]] = price;
  }
}

/** The worker-weeks a Relaxer prices: those of workers with index % parts === part. */
export interface Share {
  readonly part: number;
  readonly parts: number;
}

/** What one share of the worker-weeks takes at given prices, and what that is worth. */
export interface BlockValues {
  readonly value: number;
  readonly chosen: readonly number[];
}

/** Per candidate: its best possible contribution before prices (base + the shortfall it could cover). */
export function potentialOf(p: Prepared, cand: Candidates): Float64Array {
  const T = p.weeks.length;
  const potential = new Float64Array(cand.count);
  for (let j = 0; j < cand.count; j++) {
    const shortfall = p.shortfall[cand.worker[j] * T + cand.week[j]];
    potential[j] = cand.base[j] + (p.weights.shortfall > 0 ? p.weights.shortfall * Math.min(cand.hours[j], shortfall) : 0);
  }
  return potential;
}

/**
 * Evaluates the relaxation for given prices. Candidates are kept per cell in order of their best possible
 * contribution (fill, fairness, returning, travel and the shortfall they could cover), so a pass stops
 * in every cell at the first candidate that cannot beat the cell's price: the work is proportional to
 * the candidates that gain at these prices, not to all candidates — and the bound still prices them all.
 * A Relaxer for a share of the workers prices only their worker-weeks (`blocks`); `combine` adds the
 * shares and the prices' own terms into one bound.
 */
export class Relaxer implements Relaxing {
  readonly potential: Float64Array;
  /** This share's candidates of each cell c, best potential first: order[orderStart[c] .. orderStart[c+1]). */
  private readonly order: Int32Array;
  private readonly orderStart: Int32Array;
  /**
   * What a pass reads of every candidate, by its place in `order` (so a pass reads memory in sequence,
   * not through a million-entry array at random): its potential, its worker-week, whether it has a link,
   * its base value, hours and employer.
   */
  private readonly sorted: {
    readonly potential: Float64Array;
    /** What the item adds alone besides its value: the shortfall it covers less an extra employer's cost. */
    readonly alone: Float64Array;
    readonly block: Int32Array;
    readonly linked: Uint8Array;
    readonly base: Float64Array;
    readonly hours: Float64Array;
    readonly employer: Int32Array;
  };
  /** Per pass, the items that gain (place in `order`, value at these prices, worker-week), then grouped by worker-week. */
  private readonly passQ: Int32Array;
  private readonly passValue: Float64Array;
  private readonly passBlock: Int32Array;
  private readonly groupQ: Int32Array;
  private readonly groupValue: Float64Array;
  /** Per worker-week: its items in this pass (then where they start in the grouped lists); 0 between passes. */
  private readonly blockCount: Int32Array;
  private readonly touched: Int32Array;
  /**
   * Per worker-week: 1 when no two of its candidates fit together (its free hours are less than its two
   * shortest candidates' hours), which holds at any prices: its best subset is its best single item, kept
   * while the pass goes (`singleValue`, `singleItem`), with no grouping and no search. On 2,000 × 400 about
   * half the worker-weeks a relaxation touches, with a quarter of the items.
   */
  private readonly single: Uint8Array;
  /** Per worker-week that is not single: where its items end in the grouped lists. */
  private readonly blockEnd: Int32Array;
  private readonly singleValue: Float64Array;
  private readonly singleItem: Int32Array;
  private readonly solver: BlockSolver;
  private readonly scratch: Float64Array;

  constructor(
    private readonly p: Prepared,
    private readonly cand: Candidates,
    private readonly share: Share = { part: 0, parts: 1 },
  ) {
    const T = p.weeks.length;
    this.potential = potentialOf(p, cand);
    const cells = p.cellOpen.length;
    this.orderStart = new Int32Array(cells + 1);
    const order = new Int32Array(cand.count);
    let n = 0;
    const potential = this.potential;
    const byPotential = (a: number, b: number) => potential[b] - potential[a] || a - b;
    for (let c = 0; c < cells; c++) {
      const from = n;
      for (let q = cand.cellStart[c]; q < cand.cellStart[c + 1]; q++) {
        const j = cand.byCell[q];
        if (cand.worker[j] % share.parts === share.part) order[n++] = j;
      }
      order.subarray(from, n).sort(byPotential);
      this.orderStart[c + 1] = n;
    }
    this.order = order.slice(0, n);
    this.sorted = {
      potential: new Float64Array(n),
      alone: new Float64Array(n),
      block: new Int32Array(n),
      linked: new Uint8Array(n),
      base: new Float64Array(n),
      hours: new Float64Array(n),
      employer: new Int32Array(n),
    };
    const { sorted } = this;
    for (let q = 0; q < n; q++) {
      const j = this.order[q];
      sorted.potential[q] = this.potential[j];
      sorted.alone[q] = aloneOf(p, cand, j);
      sorted.block[q] = cand.worker[j] * T + cand.week[j];
      sorted.linked[q] = cand.seg[j] >= 0 ? 1 : 0;
      sorted.base[q] = cand.base[j];
      sorted.hours[q] = cand.hours[j];
      sorted.employer[q] = cand.employer[j];
    }
    this.single = singleFits(p, cand);
    this.blockEnd = new Int32Array(p.workers.length * T);
    this.singleValue = new Float64Array(p.workers.length * T);
    this.singleItem = new Int32Array(p.workers.length * T).fill(-1);
    this.passQ = new Int32Array(n);
    this.passValue = new Float64Array(n);
    this.passBlock = new Int32Array(n);
    this.groupQ = new Int32Array(n);
    this.groupValue = new Float64Array(n);
    this.blockCount = new Int32Array(p.workers.length * T);
    this.touched = new Int32Array(p.workers.length * T);
    this.solver = new BlockSolver(p, cand);
    this.scratch = combineScratch(cand);
  }

  /** The whole relaxation (for a Relaxer of every worker; shares are added by `combine`). */
  relax(pi: Float64Array, links: LinkPrices): Relaxation {
    return combine(this.p, this.cand, pi, links, this.scratch, [this.blocks(pi, links.beta)]);
  }

  /** The best subset of every worker-week of this share, at these prices. */
  blocks(pi: Float64Array, beta: Float64Array): BlockValues {
    const { p, order, sorted, passQ, passValue, passBlock, blockCount, touched, single, singleValue, singleItem } = this;
    // 1. Per cell, its candidates that gain at these prices (best potential first: the rest cannot). A
    //    worker-week where only one item fits keeps its best item as it goes; the others' are listed.
    let n = 0;
    let blocks = 0;
    for (let c = 0; c < p.cellOpen.length; c++) {
      const price = pi[c];
      for (let q = this.orderStart[c]; q < this.orderStart[c + 1]; q++) {
        const potential = sorted.potential[q];
        if (potential - price <= 1e-12) break;
        const link = sorted.linked[q] ? beta[order[q]] : 0;
        if (sorted.linked[q] && potential - price - link <= 1e-12) continue;
        const k = sorted.block[q];
        const value = sorted.base[q] - price - link;
        if (blockCount[k]++ === 0) touched[blocks++] = k;
        if (single[k]) {
          const alone = value + sorted.alone[q];
          if (alone > singleValue[k] + 1e-12) {
            singleValue[k] = alone;
            singleItem[k] = order[q];
          }
          continue;
        }
        passQ[n] = q;
        passValue[n] = value;
        passBlock[n] = k;
        n++;
      }
    }
    // 2. The listed items grouped by worker-week (a counting sort; within one the last found comes first).
    const weeks = touched.subarray(0, blocks).sort();
    let end = 0;
    for (let b = 0; b < blocks; b++) {
      const k = weeks[b];
      if (single[k]) continue;
      end += blockCount[k];
      blockCount[k] = end;
      this.blockEnd[k] = end;
    }
    for (let i = 0; i < n; i++) {
      const at = --blockCount[passBlock[i]];
      this.groupQ[at] = passQ[i];
      this.groupValue[at] = passValue[i];
    }
    // 3. Every worker-week's best subset, in worker-week order.
    let value = 0;
    const chosen: number[] = [];
    for (let b = 0; b < blocks; b++) {
      const k = weeks[b];
      if (single[k]) {
        if (singleItem[k] >= 0) {
          value += singleValue[k];
          chosen.push(singleItem[k]);
        }
        blockCount[k] = 0;
        singleValue[k] = 0;
        singleItem[k] = -1;
        continue;
      }
      const from = blockCount[k];
      blockCount[k] = 0;
      this.solver.reset(k, p.weights.shortfall > 0 ? p.shortfall[k] : 0);
      for (let at = from; at < this.blockEnd[k]; at++) {
        const q = this.groupQ[at];
        this.solver.add(order[q], this.groupValue[at], sorted.hours[q], sorted.employer[q]);
      }
      value += this.solver.solve();
      for (const j of this.solver.best) chosen.push(j);
    }
    return { value, chosen };
  }
}

/**
 * What candidate j adds to its worker-week alone besides its value at the prices (as BlockSolver values
 * a single item): the shortfall its hours cover, less the cost of an extra employer.
 */
function aloneOf(p: Prepared, cand: Candidates, j: number): number {
  const k = cand.worker[j] * p.weeks.length + cand.week[j];
  const present = p.committedEmployers.get(k) ?? NONE;
  const shortfall = p.weights.shortfall > 0 ? p.shortfall[k] : 0;
  const fresh = present.includes(cand.employer[j]) ? 0 : 1;
  return p.weights.shortfall * Math.min(shortfall, cand.hours[j]) - beyondFirstEmployer(fresh, present) * p.weights.extraEmployer;
}

/**
 * Per worker-week: 1 when every candidate fits its free hours and no two fit together (the free hours are
 * less than its two shortest candidates'), so that its best subset is one item or none at any prices.
 */
export function singleFits(p: Prepared, cand: Candidates): Uint8Array {
  const T = p.weeks.length;
  const shortest = new Float64Array(p.workers.length * T).fill(Number.POSITIVE_INFINITY);
  const second = new Float64Array(p.workers.length * T).fill(Number.POSITIVE_INFINITY);
  const longest = new Float64Array(p.workers.length * T);
  for (let j = 0; j < cand.count; j++) {
    const k = cand.worker[j] * T + cand.week[j];
    const h = cand.hours[j];
    if (h < shortest[k]) {
      second[k] = shortest[k];
      shortest[k] = h;
    } else if (h < second[k]) second[k] = h;
    longest[k] = Math.max(longest[k], h);
  }
  const single = new Uint8Array(p.workers.length * T);
  for (let k = 0; k < single.length; k++) {
    const capacity = p.capacity[k] + 1e-9;
    single[k] = longest[k] <= capacity && shortest[k] + second[k] > capacity ? 1 : 0;
  }
  return single;
}

/** Scratch memory for `combine`: per segment and per pair, zero between calls. */
export function combineScratch(cand: Candidates): Float64Array {
  return new Float64Array(cand.segCount + cand.pairCount);
}

/**
 * The bound from the shares' block values (in share order, so the sum is the same whoever computed
 * them): Σ π · open + Σ λ · places + the segments' and new pairs' terms + every worker-week's best.
 */
export function combine(
  p: Prepared,
  cand: Candidates,
  pi: Float64Array,
  links: LinkPrices,
  scratch: Float64Array,
  shares: readonly BlockValues[],
): Relaxation {
  let bound = 0;
  for (let c = 0; c < p.cellOpen.length; c++) bound += pi[c] * p.cellOpen[c];
  const { lambda } = links;
  for (let r = 0; r < lambda.length; r++) if (lambda[r] > 0) bound += lambda[r] * p.requests[r].places;
  const segSum = scratch.subarray(0, cand.segCount);
  const pairSum = scratch.subarray(cand.segCount);
  // 1: segment gains, 2: a segment looked at that gains nothing.
  const mark = new Uint8Array(cand.segCount);
  const pairOn = new Uint8Array(cand.pairCount);
  const { count, seg, value } = links;
  for (let i = 0; i < count; i++) segSum[seg[i]] += value[i];
  for (let i = 0; i < count; i++) {
    const s = seg[i];
    if (mark[s]) continue;
    const gain = segSum[s] - (lambda.length > 0 ? lambda[cand.segRequest[s]] : 0);
    mark[s] = gain > 0 ? 1 : 2;
    if (gain <= 0) continue;
    const q = cand.segPair[s];
    if (q < 0) bound += gain;
    else pairSum[q] += gain;
  }
  for (let i = 0; i < count; i++) {
    const q = cand.segPair[seg[i]];
    if (q >= 0 && pairSum[q] > p.weights.continuity && !pairOn[q]) {
      pairOn[q] = 1;
      bound += pairSum[q] - p.weights.continuity;
    }
  }
  const segOn = new Uint8Array(cand.segCount);
  const placesUse = new Int32Array(p.requests.length);
  for (let i = 0; i < count; i++) {
    const s = seg[i];
    const q = cand.segPair[s];
    if (mark[s] === 1 && !segOn[s] && (q < 0 || pairOn[q])) {
      segOn[s] = 1;
      placesUse[cand.segRequest[s]]++;
    }
    segSum[s] = 0;
    if (q >= 0) pairSum[q] = 0;
  }
  const chosen: number[] = [];
  const cellUse = new Int32Array(p.cellOpen.length);
  for (const share of shares) {
    bound += share.value;
    for (const j of share.chosen) {
      chosen.push(j);
      cellUse[cand.cell[j]]++;
    }
  }
  return { bound, chosen, cellUse, segOn, placesUse };
}

/**
 * The best subset of one worker-week's items, valued exactly (its items' values, the shortfall covered,
 * the extra-employer cost) by a depth-first search over the items, best value first, that prunes on the
 * free hours and on an upper bound of what the items left could still add. Should a block be too large
 * for the search's node budget (only while prices are still far off), a knapsack by dynamic programming
 * over the hours that leaves out the extra-employer cost answers instead — a cost, so the value found is
 * still an upper bound, as a bound needs.
 */
export class BlockSolver {
  size = 0;
  /** The best subset found by the last `solve` (reused: read it before the next `reset`). */
  readonly best: number[] = [];
  // The block's items: candidate, value at the prices, hours, employer (typed, grown as needed).
  private items = new Int32Array(16);
  private profit = new Float64Array(16);
  private hours = new Float64Array(16);
  private employer = new Int32Array(16);
  private k = 0;
  private shortfall = 0;
  // Search state: items in search order, suffix sums of positive values, the current subset.
  private order = new Int32Array(16);
  private restPositive = new Float64Array(17);
  /** The fewest and the most hours of any item of the block. */
  private fewestHours = 0;
  private mostHours = 0;
  private stack: number[] = [];
  private employersInSet: number[] = [];
  private bestValue = 0;
  private bestSet: number[] = [];
  private nodes = 0;
  private capacity = 0;
  private present: readonly number[] = [];

  constructor(
    private readonly p: Prepared,
    private readonly cand: Candidates,
  ) {}

  reset(k: number, shortfall: number): void {
    this.size = 0;
    this.k = k;
    this.shortfall = shortfall;
  }

  /** Adds candidate j at `value`; its hours and employer are looked up unless the caller has them at hand. */
  add(j: number, value: number, hours = this.cand.hours[j], employer = this.cand.employer[j]): void {
    if (this.size === this.items.length) this.grow();
    const i = this.size++;
    this.items[i] = j;
    this.profit[i] = value;
    this.hours[i] = hours;
    this.employer[i] = employer;
  }

  private grow(): void {
    const size = this.items.length * 2;
    const grown = <A extends Int32Array | Float64Array>(from: A, to: A): A => (to.set(from), to);
    this.items = grown(this.items, new Int32Array(size));
    this.profit = grown(this.profit, new Float64Array(size));
    this.hours = grown(this.hours, new Float64Array(size));
    this.employer = grown(this.employer, new Int32Array(size));
    this.order = new Int32Array(size);
    this.restPositive = new Float64Array(size + 1);
  }

  solve(): number {
    const n = this.size;
    this.best.length = 0;
    this.capacity = this.p.capacity[this.k] + 1e-9;
    this.present = this.p.committedEmployers.get(this.k) ?? NONE;
    const most = this.mostItems();
    if (most <= 2) return this.fewItems(most);
    // Items by value, best first (insertion sort: blocks are small); ties by position, so it is deterministic.
    const order = this.order;
    for (let i = 0; i < n; i++) {
      let q = i;
      while (q > 0 && this.profit[order[q - 1]] < this.profit[i]) {
        order[q] = order[q - 1];
        q--;
      }
      order[q] = i;
    }
    this.restPositive[n] = 0;
    for (let i = n - 1; i >= 0; i--) this.restPositive[i] = this.restPositive[i + 1] + Math.max(0, this.profit[order[i]]);
    this.fewestHours = Number.POSITIVE_INFINITY;
    this.mostHours = 0;
    for (let i = 0; i < n; i++) {
      this.fewestHours = Math.min(this.fewestHours, this.hours[i]);
      this.mostHours = Math.max(this.mostHours, this.hours[i]);
    }
    this.stack.length = 0;
    this.employersInSet.length = 0;
    this.bestValue = 0;
    this.bestSet = [];
    this.nodes = 0;
    if (!this.search(0, 0, 0)) return this.knapsack();
    for (const i of this.bestSet) this.best.push(this.items[i]);
    return this.bestValue;
  }

  /** How many items fit into the free hours at most (the smallest ones), counted up to 3. */
  private mostItems(): number {
    const capacity = this.capacity;
    let a = Number.POSITIVE_INFINITY;
    let b = Number.POSITIVE_INFINITY;
    let c = Number.POSITIVE_INFINITY;
    for (let i = 0; i < this.size; i++) {
      const h = this.hours[i];
      if (h < a) {
        c = b;
        b = a;
        a = h;
      } else if (h < b) {
        c = b;
        b = h;
      } else if (h < c) c = h;
    }
    return a > capacity ? 0 : a + b > capacity ? 1 : a + b + c > capacity ? 2 : 3;
  }

  /**
   * When at most two items fit together (most blocks, and every block of one item): every single item
   * and every pair, valued straight.
   */
  private fewItems(most: number): number {
    const { weights } = this.p;
    const capacity = this.capacity;
    const present = this.present;
    const { shortfall } = this;
    const extraCost = weights.extraEmployer;
    let bestValue = 0;
    let bestA = -1;
    let bestB = -1;
    // Whether each item's employer is new to the week, looked up once rather than for every pair.
    const fresh = this.order; // free here: only the search uses it
    for (let i = 0; i < this.size; i++) fresh[i] = present.length > 0 && present.includes(this.employer[i]) ? 0 : 1;
    for (let a = 0; a < this.size; a++) {
      const ha = this.hours[a];
      if (ha > capacity) continue;
      const ea = this.employer[a];
      const freshA = fresh[a];
      const single = this.profit[a] + weights.shortfall * Math.min(shortfall, ha) - beyondFirstEmployer(freshA, present) * extraCost;
      if (single > bestValue + 1e-12) {
        bestValue = single;
        bestA = a;
        bestB = -1;
      }
      if (most < 2) continue;
      for (let b = a + 1; b < this.size; b++) {
        const hours = ha + this.hours[b];
        if (hours > capacity) continue;
        const both = ea === this.employer[b] ? freshA : freshA + fresh[b];
        const pair =
          this.profit[a] + this.profit[b] + weights.shortfall * Math.min(shortfall, hours) - beyondFirstEmployer(both, present) * extraCost;
        if (pair > bestValue + 1e-12) {
          bestValue = pair;
          bestA = a;
          bestB = b;
        }
      }
    }
    if (bestA >= 0) this.best.push(this.items[bestA]);
    if (bestB >= 0) this.best.push(this.items[bestB]);
    return bestValue;
  }

  /** Extends the current subset with items from position `from` on; false when the node budget ran out. */
  private search(from: number, hours: number, linear: number): boolean {
    const { weights } = this.p;
    if (++this.nodes > SEARCH_NODES) return false;
    const covered = weights.shortfall * Math.min(this.shortfall, hours);
    if (this.stack.length > 0) {
      const value = linear + covered - weights.extraEmployer * extraEmployersOf(this.employersInSet, this.present);
      if (value > this.bestValue + 1e-12) {
        this.bestValue = value;
        this.bestSet = [...this.stack];
      }
    }
    const room = weights.shortfall * Math.max(0, this.shortfall - hours);
    // What the subset can still gain: at most `more` items fit, and each adds at most its value plus the
    // shortfall that its hours (at most the block's largest) can cover — and all of them together cover
    // at most `room`. In value order, the best `more` of them from position q on are the next `more`.
    const more = Math.floor((this.capacity - hours) / this.fewestHours);
    const cover = weights.shortfall * Math.min(this.mostHours, Math.max(0, this.shortfall - hours));
    for (let q = from; q < this.size; q++) {
      const reach = linear + covered - this.bestValue - 1e-12;
      if (reach + this.restPositive[q] + room <= 0) return true;
      let next = 0;
      let nextAlone = 0;
      for (let i = q; i < q + more && i < this.size; i++) {
        const value = this.profit[this.order[i]];
        next += Math.max(0, value + cover);
        nextAlone += Math.max(0, value);
      }
      if (reach + Math.min(next, nextAlone + room) <= 0) return true;
      const i = this.order[q];
      const h = this.hours[i];
      if (hours + h > this.capacity) continue;
      this.stack.push(i);
      this.employersInSet.push(this.employer[i]);
      const ok = this.search(q + 1, hours + h, linear + this.profit[i]);
      this.stack.pop();
      this.employersInSet.pop();
      if (!ok) return false;
    }
    return true;
  }

  private knapsack(): number {
    const { weights } = this.p;
    const n = this.size;
    // Hours in quarter hours, divided by their greatest common divisor.
    const quarters = Array.from(this.hours.subarray(0, n), (h) => Math.round(h * 4));
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
 * λ (with `placePrices`): the greedy's place prices (what one more place would have gained), each also
 * shared over the weeks of every run of the incumbent on that request — a used segment's links then
 * pay for its place, as they do at the best prices. Any prices ≥ 0 are valid; these only start closer.
 */
export function initialPrices(
  p: Prepared,
  cand: Candidates,
  incumbent: readonly number[],
  cellPrices: Float64Array,
  placePrices?: Float64Array,
): { pi: Float64Array; beta: Float64Array; lambda: Float64Array } {
  const { weights } = p;
  const pi = Float64Array.from(cellPrices, (v) => Math.max(0, v));
  const beta = new Float64Array(cand.count);
  const weeksUsed = new Map<number, number>();
  for (const j of incumbent) if (cand.pair[j] >= 0) weeksUsed.set(cand.pair[j], (weeksUsed.get(cand.pair[j]) ?? 0) + 1);
  for (const j of incumbent) if (cand.pair[j] >= 0) beta[j] = weights.continuity / weeksUsed.get(cand.pair[j])!;
  const lambda = new Float64Array(p.requests.length);
  if (!placePrices) return { pi, beta, lambda };
  for (let r = 0; r < lambda.length; r++) if (Number.isFinite(p.requests[r].places)) lambda[r] = Math.max(0, placePrices[r]);
  const inPlan = new Uint8Array(cand.count);
  for (const j of incumbent) inPlan[j] = 1;
  for (const j of incumbent) {
    const price = lambda[cand.request[j]];
    if (price <= 0 || cand.seg[j] < 0 || (cand.prev[j] >= 0 && inPlan[cand.prev[j]])) continue;
    let length = 0;
    for (let b = j; b >= 0 && inPlan[b]; b = cand.next[b]) length++;
    for (let b = j; b >= 0 && inPlan[b]; b = cand.next[b]) beta[b] += price / length;
  }
  return { pi, beta, lambda };
}

/** How fast the subgradient's step shrinks: relaxations without a better bound, then the factor. */
export interface StepRule {
  readonly patience: number;
  readonly shrink: number;
}

/** Few relaxations to come: halve the step after 5 without progress (falls fast, then stalls). */
const SHORT_STEPS: StepRule = { patience: 5, shrink: 0.5 };
/**
 * Many to come: shrink by 0.7 after 40. On 200 × 50 × 26 with places, 1,600 relaxations end 10 % above
 * the optimum with the short rule (the step is ~2^-300 by then) and 0.2 % above it with this one; on
 * 2,000 × 400 (about 100 relaxations in 10 s) the short rule is ahead after 100 and 200.
 */
const LONG_STEPS: StepRule = { patience: 40, shrink: 0.7 };

/**
 * The step rule for a budget: the long one from about 1,500 relaxations on. The estimate is by
 * candidates (about 0.1 µs per candidate and relaxation on one of our cores), not by a clock, so the
 * same input gives the same rule on any machine.
 */
export function stepRule(candidates: number, budgetMs: number): StepRule {
  const expected = budgetMs / Math.max(1e-3, candidates * 1e-4);
  return expected >= 1_500 ? LONG_STEPS : SHORT_STEPS;
}

export interface DualResult {
  /** The best (smallest) valid bound found. */
  readonly bound: number;
  readonly pi: Float64Array;
  readonly beta: Float64Array;
  /** The places' prices, by request. */
  readonly lambda: Float64Array;
  readonly iterations: number;
  /** The relaxation at those prices (what it chose), or null when none was computed before the deadline. */
  readonly relaxation: Relaxation | null;
}

/**
 * Minimises the bound over the prices: a few rounds of market clearing (a cell the relaxation over-fills
 * gets the price at which only as many takers as it has places still gain; a cell left with room gets
 * its price lowered to where one more candidate would gain), then the subgradient method with Polyak
 * steps towards `target` (the best known objective). Stops at the deadline, after `maxIterations`, or
 * when the bound is within `stopGap` of the target. Every bound it reports prices every candidate.
 */
export function minimizeBound(
  relaxer: Relaxing,
  p: Prepared,
  cand: Candidates,
  start: { pi: Float64Array; beta: Float64Array; lambda?: Float64Array },
  o: {
    /** The best known objective (or a function that reads it, when another thread improves it). */
    target: number | (() => number);
    deadline: number;
    maxIterations: number;
    stopGap: number;
    clearingRounds?: number;
    theta?: number;
    /** Share of the last direction kept when a subgradient turns against it (0: plain subgradient). */
    deflection?: number;
    /** Relaxations without a better bound before the step shrinks, and by what factor (stepRule). */
    patience?: number;
    shrink?: number;
    /** Called with every new best bound. */
    onBound?: (bound: number) => void;
    /** Called with every subgradient iteration's relaxation (the primal heuristic reads its choices). */
    onRelaxation?: (relaxation: Relaxation, iteration: number) => void;
    log?: (line: string) => void;
  },
): DualResult {
  const goal = o.target;
  const target = typeof goal === 'function' ? goal : () => goal;
  const { weights } = p;
  const T = p.weeks.length;
  const pi = Float64Array.from(start.pi);
  // Only requests with limited places have a place price.
  const limited = p.requests.filter((r) => Number.isFinite(r.places)).map((r) => r.index);
  const links = new LinkPrices(cand, start.beta, start.lambda ?? new Float64Array(p.requests.length));
  const { beta, lambda } = links;
  const gapOf = (bound: number) => (bound - target()) / Math.max(1, Math.abs(target()));
  // The best prices so far, updated in place: links only join the list (at price 0), so the listed
  // prices at that moment are all of β.
  const best = {
    bound: Number.POSITIVE_INFINITY,
    pi: Float64Array.from(pi),
    lambda: Float64Array.from(lambda),
    links: Float64Array.from(links.value),
    linkCount: links.count,
    relaxation: null as Relaxation | null,
  };
  const record = (r: Relaxation) => {
    if (r.bound < best.bound) {
      best.bound = r.bound;
      best.pi.set(pi);
      best.lambda.set(lambda);
      best.links.set(links.value.subarray(0, links.count));
      best.linkCount = links.count;
      best.relaxation = r;
      o.onBound?.(r.bound);
    }
  };
  const reduced = (j: number) => {
    const h = cand.hours[j];
    const shortfall = p.shortfall[cand.worker[j] * T + cand.week[j]];
    return cand.base[j] - pi[cand.cell[j]] - (cand.seg[j] >= 0 ? beta[j] : 0) + weights.shortfall * (h < shortfall ? h : shortfall);
  };

  let iterations = 0;
  // Market clearing.
  for (let round = 0; round < (o.clearingRounds ?? 3) && performance.now() < o.deadline; round++) {
    const r = relaxer.relax(pi, links);
    iterations++;
    record(r);
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
  const patience = o.patience ?? SHORT_STEPS.patience;
  const shrink = o.shrink ?? SHORT_STEPS.shrink;
  const deflection = o.deflection ?? DEFLECTION;
  const gradPi = new Float64Array(pi.length);
  const dirPi = new Float64Array(pi.length);
  const gradLambda = new Float64Array(limited.length);
  const dirLambda = new Float64Array(limited.length);
  // By place in the link list: the subgradient, the direction, and whether the relaxation took the link.
  const gradLink = new Float64Array(links.capacity);
  const dirLink = new Float64Array(links.capacity);
  const taken = new Uint8Array(links.capacity);
  let sinceImprovement = 0;
  let lastBest = best.bound;
  while (iterations < o.maxIterations && gapOf(best.bound) > o.stopGap && performance.now() < o.deadline) {
    const r = relaxer.relax(pi, links);
    iterations++;
    record(r);
    o.onRelaxation?.(r, iterations);
    if (best.bound < lastBest - 1e-9) {
      lastBest = best.bound;
      sinceImprovement = 0;
    } else if (++sinceImprovement >= patience) {
      theta *= shrink;
      sinceImprovement = 0;
    }
    if (iterations % 25 === 0)
      o.log?.(`bound: iteration ${iterations}: ${r.bound.toFixed(2)} (best ${best.bound.toFixed(2)}, ${r.chosen.length} taken)`);
    // Subgradient: open − use per cell; places − segments used per request; v − x per segment link
    // (x taken or β > 0), projected where a price at 0 cannot fall. A link taken in a segment the
    // relaxation does not use (v − x < 0) joins the list.
    for (const j of r.chosen) {
      if (cand.seg[j] < 0) continue;
      let i = links.positionOf(j);
      if (i < 0) {
        if (r.segOn[cand.seg[j]]) continue;
        i = links.add(j);
      }
      taken[i] = 1;
    }
    limited.forEach((req, q) => {
      const g = p.requests[req].places - r.placesUse[req];
      gradLambda[q] = g > 0 && lambda[req] <= 0 ? 0 : g;
    });
    for (let c = 0; c < pi.length; c++) {
      const g = p.cellOpen[c] - r.cellUse[c];
      gradPi[c] = g > 0 && pi[c] <= 0 ? 0 : g;
    }
    // Deflection (Camerini–Fratta–Maffioli): keep part of the last direction when the new subgradient
    // turns back against it, which damps the zig-zag of plain subgradient steps.
    let dot = 0;
    let last = 0;
    for (let c = 0; c < pi.length; c++) {
      dot += gradPi[c] * dirPi[c];
      last += dirPi[c] * dirPi[c];
    }
    for (let q = 0; q < limited.length; q++) {
      dot += gradLambda[q] * dirLambda[q];
      last += dirLambda[q] * dirLambda[q];
    }
    const count = links.count;
    for (let i = 0; i < count; i++) {
      const g = r.segOn[links.seg[i]] - taken[i];
      const projected = g > 0 && links.value[i] <= 0 ? 0 : g;
      gradLink[i] = projected;
      dot += projected * dirLink[i];
      last += dirLink[i] * dirLink[i];
    }
    taken.fill(0, 0, count);
    const keep = last > 0 && dot < 0 ? (-deflection * dot) / last : 0;
    let norm = 0;
    for (let c = 0; c < pi.length; c++) {
      dirPi[c] = gradPi[c] + keep * dirPi[c];
      norm += dirPi[c] * dirPi[c];
    }
    for (let i = 0; i < count; i++) {
      dirLink[i] = gradLink[i] + keep * dirLink[i];
      norm += dirLink[i] * dirLink[i];
    }
    for (let q = 0; q < limited.length; q++) {
      dirLambda[q] = gradLambda[q] + keep * dirLambda[q];
      norm += dirLambda[q] * dirLambda[q];
    }
    if (norm === 0) break; // the relaxation is feasible and complementary: these prices are optimal
    const aim = target();
    const step = (theta * Math.max(r.bound - aim, 1e-4 * Math.max(1, Math.abs(aim)))) / norm;
    for (let c = 0; c < pi.length; c++) pi[c] = Math.max(0, pi[c] - step * dirPi[c]);
    for (let i = 0; i < count; i++) links.set(i, Math.max(0, links.value[i] - step * dirLink[i]));
    limited.forEach((req, q) => (lambda[req] = Math.max(0, lambda[req] - step * dirLambda[q])));
  }
  const bestBeta = new Float64Array(cand.count);
  for (let i = 0; i < best.linkCount; i++) bestBeta[links.ids[i]] = best.links[i];
  return { bound: best.bound, pi: best.pi, beta: bestBeta, lambda: best.lambda, iterations, relaxation: best.relaxation };
}
