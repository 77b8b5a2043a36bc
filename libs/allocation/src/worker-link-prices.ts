// The bound tightened worker by worker at fixed cell prices π.
//
// The relaxation's value splits into Σ π · open plus one part per worker: its worker-weeks' blocks and
// its new pairs' terms max(0, Σ β − continuity). Each worker's part is an upper bound on what that worker
// can add at prices π for ANY link prices β ≥ 0 of its own links (weak duality, worker by worker), so the
// link prices may be chosen per worker, and the sum stays a valid bound. The subgradient over all prices
// at once moves the ~10^5 link prices slowly: after 90 relaxations on 2,000 × 400, 2,237 relationships
// were taken in the relaxation with link prices summing to less than their cost. Here each worker's link
// prices get a few subgradient steps of their own (its 26 blocks are cheap to re-solve), and the best
// part found for each worker counts. Then that part is bounded once more by a short branch and bound over
// the worker's new relationships (paid or not used): the link prices only approximate the worker's own
// problem at prices π; the search solves it, or stops with a bound between the two. Only workers whose part
// exceeds what its own choice is worth can gain (relationships taken but not paid for in full, or paid for
// but not all their links taken); the largest such excess goes first. The running total is a valid bound
// after every worker (published as it falls). On 2,000 × 400 at the prices of 240 relaxations, the link
// prices alone gained 0.7 and the searches 131 more (553 workers, most closed within 50 nodes), in 0.9 s
// on one thread; at the prices of 150 relaxations, 241 and 186.
import { BlockSolver, minimizeBound, type Relaxing, type StepRule } from './lagrangian.js';
import type { Candidates, Prepared } from './prepare.js';

/** Subgradient steps per worker, and the first one's size (the k-th is FIRST_STEP / k). */
const STEPS = 6;
const FIRST_STEP = 0.25;
/** Nodes (parts evaluated) of one worker's search over its new relationships at most (most workers close within). */
const SEARCH_NODES = 50;
const EPS = 1e-9;
/** A relationship fixed in a worker's search: paid (its links free), or not used at all. */
const PAID = 1;
const UNUSED = 2;
type Fixed = ReadonlyMap<number, typeof PAID | typeof UNUSED>;
const NOTHING_FIXED: Fixed = new Map();

export interface WorkerRefinement {
  /** The tightened bound (Σ π · open + every worker's best part, after its search over relationships). */
  readonly bound: number;
  /** The same with the link prices alone (before the searches): the relaxation at π and `beta` is this. */
  readonly linkBound: number;
  /** Workers whose link prices were stepped before the deadline. */
  readonly workers: number;
  /** The link prices of every worker's best part (by candidate). */
  readonly beta: Float64Array;
}

/** `potential`: every candidate's best possible contribution before prices (a Relaxer's `potential`). */
export function refineLinkPricesByWorker(
  p: Prepared,
  cand: Candidates,
  potential: Float64Array,
  pi: Float64Array,
  startBeta: Float64Array,
  o: { readonly deadline: number; readonly onBound?: (bound: number, workers: number) => void },
): WorkerRefinement {
  const T = p.weeks.length;
  // Per worker-week, the items that can gain at these cell prices; an item that cannot gain keeps no
  // link price (lowering a price to 0 keeps every part an upper bound and only lowers the pair terms).
  const items = new Map<number, number[]>();
  const beta = new Float64Array(cand.count);
  for (let j = 0; j < cand.count; j++) {
    if (potential[j] - pi[cand.cell[j]] <= 1e-12) continue;
    const k = cand.worker[j] * T + cand.week[j];
    const list = items.get(k);
    if (list) list.push(j);
    else items.set(k, [j]);
    beta[j] = cand.pair[j] >= 0 ? startBeta[j] : 0;
  }
  const weeksOf: number[][] = p.workers.map(() => []);
  for (const k of [...items.keys()].sort((a, b) => a - b)) weeksOf[Math.floor(k / T)].push(k);
  const part = new WorkerPart(p, cand, pi, potential, items, beta);

  let bound = 0;
  for (let c = 0; c < p.cellOpen.length; c++) bound += pi[c] * p.cellOpen[c];
  const first = weeksOf.map((weeks) => part.evaluate(weeks));
  for (const f of first) bound += f.value;
  o.onBound?.(bound, 0);
  const order = first
    .map((f, w) => ({ w, slack: f.value - f.feasible }))
    .filter((f) => f.slack > EPS)
    .sort((a, b) => b.slack - a.slack || a.w - b.w);
  let workers = 0;
  let linkBound = bound;
  for (const { w } of order) {
    if (performance.now() >= o.deadline) break;
    const best = part.descend(weeksOf[w], first[w]);
    linkBound -= first[w].value - best;
    bound -= first[w].value - part.search(weeksOf[w], best, o.deadline);
    workers++;
    o.onBound?.(bound, workers);
  }
  return { bound, linkBound, workers, beta };
}

/**
 * What the bound phase leaves for the end of the solve: worker by worker first, then, with time left,
 * subgradient steps over all prices from those link prices (aiming at the best plan). `onBound` hears the
 * best (valid) bound so far after every worker and every relaxation.
 */
export function tightenBound(
  relaxer: Relaxing & { readonly potential: Float64Array },
  p: Prepared,
  cand: Candidates,
  pi: Float64Array,
  beta: Float64Array,
  o: {
    /** The places' prices λ by request to go on from (the worker-by-worker step leaves them as they are). */
    readonly lambda?: Float64Array;
    readonly target: () => number;
    readonly deadline: number;
    readonly stopGap: number;
    /** How the subgradient's step shrinks (lagrangian.ts `stepRule`; its short rule when absent). */
    readonly steps?: StepRule;
    readonly onBound?: (bound: number, workers: number, relaxations: number) => void;
  },
): { bound: number; workers: number; relaxations: number } {
  // The best bound so far, with how many workers were refined and relaxations done by then.
  let best = { bound: Number.POSITIVE_INFINITY, workers: 0, relaxations: 0 };
  const report = (bound: number, workers: number, relaxations: number) => {
    best = { bound: Math.min(best.bound, bound), workers, relaxations };
    o.onBound?.(best.bound, workers, relaxations);
  };
  // The worker-by-worker step knows only the relationships' links, not the places: where a request has
  // limited places its bound would ignore them (valid, but far above), so the prices go on as they are.
  const placesLimited = p.requests.some((r) => Number.isFinite(r.places));
  const refined = placesLimited
    ? { beta, workers: 0 }
    : refineLinkPricesByWorker(p, cand, relaxer.potential, pi, beta, {
        deadline: o.deadline,
        onBound: (bound, workers) => report(bound, workers, 0),
      });
  if (performance.now() < o.deadline) {
    minimizeBound(
      relaxer,
      p,
      cand,
      { pi, beta: refined.beta, lambda: o.lambda },
      {
        target: o.target,
        deadline: o.deadline,
        maxIterations: 100_000,
        stopGap: o.stopGap,
        clearingRounds: 0,
        theta: 0.25,
        ...o.steps,
        onRelaxation: (r, iteration) => report(r.bound, refined.workers, iteration),
      },
    );
  }
  return best;
}

interface Part {
  /** The worker's blocks plus its pair terms (less the continuity of the pairs fixed as paid). */
  readonly value: number;
  /** What the part's choice is really worth to the worker (its relationships paid once each). */
  readonly feasible: number;
  /** The pair that makes `value` most exceed `feasible` (where to branch), or −1 when they are equal. */
  readonly widest: number;
}

/** One worker's part of the relaxation, and subgradient steps on its link prices. */
class WorkerPart {
  private readonly solver: BlockSolver;
  // Scratch, valid for the part evaluated last: links taken; per pair the sums of its links' prices (all,
  // and those taken), whether any is taken, and whether the relaxation pays for it.
  private readonly taken: Uint8Array;
  private readonly pairSum: Float64Array;
  private readonly takenSum: Float64Array;
  private readonly pairTaken: Uint8Array;
  private readonly paid: Uint8Array;
  private pairs: number[] = [];
  private chosen: number[] = [];

  constructor(
    private readonly p: Prepared,
    private readonly cand: Candidates,
    private readonly pi: Float64Array,
    private readonly potential: Float64Array,
    private readonly items: ReadonlyMap<number, readonly number[]>,
    private readonly beta: Float64Array,
  ) {
    this.solver = new BlockSolver(p, cand);
    this.taken = new Uint8Array(cand.count);
    this.pairSum = new Float64Array(cand.pairCount);
    this.takenSum = new Float64Array(cand.pairCount);
    this.pairTaken = new Uint8Array(cand.pairCount);
    this.paid = new Uint8Array(cand.pairCount);
  }

  /** The part with some relationships fixed: paid ones pay continuity once and price their links at 0. */
  evaluate(weeks: readonly number[], fixed: Fixed = NOTHING_FIXED): Part {
    const { p, cand, beta, pairSum, takenSum, pairTaken, paid, taken } = this;
    const continuity = p.weights.continuity;
    for (const q of this.pairs) {
      pairSum[q] = 0;
      takenSum[q] = 0;
      pairTaken[q] = 0;
      paid[q] = 0;
    }
    for (const j of this.chosen) taken[j] = 0;
    this.pairs = [];
    this.chosen = [];
    let value = 0;
    let linked = 0; // the taken links' prices: the blocks' value less them is what the choice is worth
    for (const k of weeks) {
      this.solver.reset(k, p.weights.shortfall > 0 ? p.shortfall[k] : 0);
      for (const j of this.items.get(k)!) {
        const q = cand.pair[j];
        const status = q >= 0 ? fixed.get(q) : undefined;
        if (status === UNUSED) continue;
        const priced = q >= 0 && status === undefined;
        const price = this.pi[cand.cell[j]] + (priced ? beta[j] : 0);
        if (priced) {
          if (!this.pairs.includes(q)) this.pairs.push(q);
          pairSum[q] += beta[j];
        }
        // An item whose link price takes all it could gain cannot be in the best subset (as in the Relaxer).
        if (this.potential[j] - price > 1e-12) this.solver.add(j, cand.base[j] - price);
      }
      value += this.solver.solve();
      for (const j of this.solver.best) {
        taken[j] = 1;
        this.chosen.push(j);
        const q = cand.pair[j];
        if (q >= 0 && !fixed.has(q)) {
          takenSum[q] += beta[j];
          pairTaken[q] = 1;
          linked += beta[j];
        }
      }
    }
    for (const status of fixed.values()) if (status === PAID) value -= continuity;
    let feasible = value + linked;
    let widest = -1;
    let widestBy = EPS;
    for (const q of this.pairs) {
      if (pairSum[q] > continuity) {
        paid[q] = 1;
        value += pairSum[q] - continuity;
      }
      if (pairTaken[q]) feasible -= continuity;
      // This pair's share of value − feasible (each share is ≥ 0).
      const by = Math.max(0, pairSum[q] - continuity) - takenSum[q] + (pairTaken[q] ? continuity : 0);
      if (by > widestBy) {
        widestBy = by;
        widest = q;
      }
    }
    return { value, feasible, widest };
  }

  /**
   * An upper bound on the worker's best plan at prices π, at most `value` (its part at the current link
   * prices): a best-first branch and bound over its new relationships — paid, or not used — in which every
   * node's part bounds all plans below it and a part that is its own choice's worth is a plan. Stopped
   * after SEARCH_NODES nodes or at the deadline, the highest part still open bounds the worker.
   */
  search(weeks: readonly number[], value: number, deadline: number): number {
    const root = this.evaluate(weeks);
    if (root.widest < 0) return Math.min(value, root.value);
    let best = root.feasible;
    const open: { fixed: Fixed; part: Part }[] = [{ fixed: NOTHING_FIXED, part: root }];
    for (let nodes = 1; open.length > 0 && nodes + 2 <= SEARCH_NODES && performance.now() < deadline;) {
      let at = 0;
      for (let i = 1; i < open.length; i++) if (open[i].part.value > open[at].part.value) at = i;
      const node = open[at];
      if (node.part.value <= best + EPS) {
        open.length = 0; // the highest part open is no better than a plan found: that plan is the best
        break;
      }
      open.splice(at, 1);
      for (const status of [PAID, UNUSED] as const) {
        const fixed = new Map(node.fixed).set(node.part.widest, status);
        const part = this.evaluate(weeks, fixed);
        nodes++;
        best = Math.max(best, part.feasible);
        if (part.widest >= 0 && part.value > best + EPS) open.push({ fixed, part });
      }
    }
    let bound = best;
    for (const node of open) bound = Math.max(bound, node.part.value);
    return Math.min(value, bound);
  }

  /**
   * Diminishing subgradient steps on the worker's link prices, β ← max(0, β − FIRST_STEP · (y − x) / k);
   * leaves the prices of the best part found and returns its value. (Measured on 2,000 × 400: six steps
   * from 0.25 gain as much as twelve from 1, at the prices of 90 relaxations, and more at those of 150.)
   */
  descend(weeks: readonly number[], start: Part): number {
    const { cand, beta } = this;
    const links = weeks.flatMap((k) => this.items.get(k)!.filter((j) => cand.pair[j] >= 0));
    let best = start.value;
    let bestPrices = links.map((j) => beta[j]);
    this.evaluate(weeks); // the scratch holds the part the first step starts from
    for (let step = 1; step <= STEPS; step++) {
      for (const j of links) {
        const gradient = this.paid[cand.pair[j]] - this.taken[j];
        beta[j] = Math.max(0, beta[j] - (FIRST_STEP * gradient) / step);
      }
      const at = this.evaluate(weeks);
      if (at.value < best) {
        best = at.value;
        bestPrices = links.map((j) => beta[j]);
      }
    }
    links.forEach((j, i) => (beta[j] = bestPrices[i]));
    return best;
  }
}
