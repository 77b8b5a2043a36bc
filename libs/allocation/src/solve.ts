// solve(): the allocation as a mixed-integer programme, solved with HiGHS.
//
// 'full' (small inputs): one MIP over every candidate; HiGHS proves the bound.
//
// 'decomposed' (large inputs; HiGHS in WebAssembly is single-threaded and a MIP over ~10^5..10^6
// candidates does not fit the time limit):
//  1. the greedy baseline is the first incumbent;
//  2. the bound: a Lagrangian relaxation over EVERY candidate (open-places rows and continuity links
//     relaxed, each worker-week an exact little knapsack), its prices improved by market clearing and
//     deflected subgradient steps — valid for any prices, so the reported bound is honest however far it
//     got. On two cores (compiled JavaScript, `parallel`) every relaxation is split between this thread
//     and a helper thread (the same numbers either way), and the helper goes on lowering the bound on its
//     own while HiGHS searches; the better of the two bounds is reported. Every few relaxations the
//     Lagrangian heuristic turns what the latest relaxations chose into a plan (the candidates taken most
//     often placed first where they fit, the greedy filling the rest); the best plan so far is the incumbent;
//  3. local search on the best plan (local-search.ts): exact-delta moves and swaps that mostly keep one
//     worker on a request across weeks, which the week-by-week relaxation cannot see;
//  4. then large-neighbourhood search with HiGHS — where requests have places, first windows of a few whole
//     requests over all their weeks (who holds which run); then the weeks are re-optimised one window at a
//     time, as an exact MIP over that window's most promising candidates (by the relaxation's prices,
//     plus the incumbent's and the relaxation's choices) with everything outside the window fixed
//     (its hours, places, week employers and paid relationships carried into the window's rows), so
//     each sub-MIP optimises the true objective of the whole plan. Windows are taken in order of how
//     much the relaxation says they could gain, then pairs of adjacent weeks, until the gap is reached,
//     a pass brings nothing, or the time is up. Where requests have places, time left after the first
//     windows of requests goes to one MIP over the candidates the best prices value most (larger while
//     each is proven in time; over every candidate its bound is the whole model's), then to more passes
//     of windows of requests, then to the windows of weeks.
// Reproducible: the same input and weights give the same proposals whenever no phase is cut off by the
// time limit (work limits end them first on small inputs); a run cut off by time depends on the speed.
// Every result is checked against the input by `checkProposals` in the tests and the benchmark.
import type { Highs } from 'highs';
import type { AllocationInput, AllocationResult, AllocationStatus, AllocationWeights, SolveOptions } from './allocation.types.js';
import { greedyAssignments, toAssignments } from './greedy.js';
import { loadHighs } from './highs-runtime.js';
import { localSearch } from './local-search.js';
import { initialPrices, LinkPrices, minimizeBound, potentialOf, stepRule, type Relaxation } from './lagrangian.js';
import { baseContext, buildModel, completeSolution, residualContext, type BuiltModel } from './model.js';
import { evaluate } from './objective.js';
import { buildCandidates, prepare, type Candidates, type Prepared } from './prepare.js';
import { toProposals } from './proposals.js';
import { RecentChoices } from './recent-choices.js';
import { HelperThread, SplitRelaxer } from './split-relaxation.js';
import { tightenBound } from './worker-link-prices.js';

type Options = Required<Omit<SolveOptions, 'log'>>;

const DEFAULTS: Options = {
  timeLimitSeconds: 10,
  relativeGap: 0.005,
  randomSeed: 0,
  mode: 'auto',
  fullModelLimit: 4_000,
  warmStart: true,
  parallel: true,
};
/**
 * Share of the time budget for the bound before the search starts (the rest for the primal). Measured on
 * 2,000 x 400 with 10, 6.5 and 5 s (the last two stand for a slower machine): 0.75 with 12 % for the local
 * search gave 0.42, 0.57 and 0.96 %; 0.68 with 20 % gave 0.42, 0.52 and 0.71 % — the local search from the
 * heuristic's plan needs about 1.4 s here to settle.
 */
const BOUND_SHARE = 0.68;
/**
 * Subgradient iterations at most (a work limit keeps runs reproducible): with the short step rule, and
 * with the long one (lagrangian.ts `stepRule`), which goes on improving for thousands — the helper
 * thread goes on from the best prices while this thread searches, so this one stops early enough to
 * leave the search its time (on 200 × 50, 3,000 here left the windows of requests 2 s of 10).
 */
const BOUND_ITERATIONS = 400;
const LONG_BOUND_ITERATIONS = 1_200;
/** Share of the greedy's place prices the places' prices λ start at (see where it is used). */
const PLACE_PRICE_SHARE = 0.3;
/** Workers × requests from which a helper thread is started at once (smaller inputs mostly fit one MIP). */
const HELPER_MIN_PAIRS = 5_000;
/** Share of the time budget the local search may take at most. */
const LOCAL_SEARCH_SHARE = 0.2;
/** Relaxations between two runs of the Lagrangian heuristic. */
const HEURISTIC_EVERY = 15;
/**
 * The same from this many candidates on: there one run (a greedy over all candidates, about 170 ms of
 * CPU on 2,000 × 400 against 25–30 ms for a relaxation) costs as much as 5–6 relaxations, and on the
 * main thread while the helper waits; every 15 it cost a quarter to a third of the bound's time there
 * (by its CPU time) and found no better plan (ADR 0019). The best prices still get their run when the
 * bound phase ends.
 */
const HEURISTIC_LARGE = 100_000;
const HEURISTIC_EVERY_LARGE = 60;
/** The latest relaxations whose choices guide the heuristic (recent-choices.ts). */
const HEURISTIC_WINDOW = 30;
/** Candidates per demand cell in a window's sub-MIP, beyond its open places. */
const EXTRA_PER_CELL = 2;
/** Requests re-decided together over all their weeks, and workers per request beyond its places. */
const REQUESTS_PER_WINDOW = 3;
const EXTRA_WORKERS = 4;
/**
 * Seconds a window's set-up, and again its result's check, may take besides its sub-MIP (up to 0.2 s each
 * on 2,000 x 400 with another process busy on one core; the solve had ended at 10.03 and 10.13 s).
 */
const WINDOW_OVERHEAD = 0.2;
/** Passes of windows of whole requests over every request, when time is left after the windows of weeks. */
const REQUEST_PASSES = 6;
/** Candidates in the first MIP over the most promising ones, when time is left after the windows. */
const RESTRICTED_FIRST = 2_000;

const gapOf = (bound: number, objective: number) => Math.max(0, bound - objective) / Math.max(1, Math.abs(objective));

export async function solve(
  input: AllocationInput,
  weights: Partial<AllocationWeights> = {},
  options: SolveOptions = {},
): Promise<AllocationResult> {
  const started = performance.now();
  const opts: Options = { ...DEFAULTS, ...definedOnly(options) };
  const log = options.log ?? (() => undefined);
  const deadline = started + opts.timeLimitSeconds * 1000;
  const timings: Record<string, number> = {};
  let lapStart = performance.now();
  const lap = (name: string) => {
    timings[name] = Math.round(performance.now() - lapStart);
    lapStart = performance.now();
  };

  // The helper thread prepares the candidates itself, side by side with this thread; it is stopped again
  // if the input turns out small enough for one MIP.
  const early =
    opts.parallel && opts.mode !== 'full' && input.workers.length * input.demand.length >= HELPER_MIN_PAIRS
      ? HelperThread.start(input, weights, log)
      : null;
  const { highs, p, cand, mode, helper, cellPrices, placePrices, greedyChosen, greedyObjective } = await (async () => {
    try {
      const highs = await loadHighs();
      const p = prepare(input, weights);
      const cand = buildCandidates(p);
      lap('prepare');
      const mode = opts.mode === 'auto' ? (cand.count <= opts.fullModelLimit ? 'full' : 'decomposed') : opts.mode;
      const helper = mode === 'decomposed' && cand.count > 0 ? early : null;
      if (helper) helper.attach(p, cand);
      else early?.stop();
      const cellPrices = new Float64Array(p.cellOpen.length);
      const placePrices = new Float64Array(p.requests.length);
      const greedyChosen = greedyAssignments(p, cand, cellPrices, [], placePrices);
      const greedyObjective = evaluate(p, toAssignments(cand, greedyChosen)).total;
      lap('greedy');
      return { highs, p, cand, mode, helper, cellPrices, placePrices, greedyChosen, greedyObjective };
    } catch (error) {
      early?.stop(); // a failed preparation leaves no helper thread waiting for its candidates
      throw error;
    }
  })();
  if (cand.count === 0) {
    // Nothing can be proposed: the empty plan is optimal.
    const breakdown = evaluate(p, []);
    return {
      method: 'mip',
      status: 'optimal',
      proposals: [],
      objective: 0,
      solverObjective: 0,
      bound: 0,
      gap: 0,
      breakdown,
      solveTimeMs: performance.now() - started,
      solver: { name: 'HiGHS', version: highs.version.string },
      inputHash: p.hash,
      weights: p.weights,
      model: {
        mode,
        candidates: 0,
        candidatesInModel: 0,
        variables: 0,
        binaries: 0,
        constraints: 0,
        nonzeros: 0,
        subproblems: 0,
        boundIterations: 0,
        mipNodes: null,
        timings,
      },
    };
  }
  log(
    `candidates ${cand.count}, demand cells ${p.cellOpen.length}, open places ${p.cellOpen.reduce((a, b) => a + b, 0)}; greedy objective ${greedyObjective.toFixed(2)}; mode ${mode}`,
  );

  let outcome: Outcome;
  try {
    outcome =
      mode === 'full'
        ? solveFull(highs, p, cand, greedyChosen, opts, deadline, log)
        : solveDecomposed(highs, p, cand, helper, greedyChosen, greedyObjective, cellPrices, placePrices, opts, deadline, log, lap);
  } finally {
    helper?.stop(); // also when the solve failed: no thread is left waiting for a command
  }
  if (mode === 'full') lap('mip');

  const assignments = toAssignments(cand, outcome.chosen);
  const breakdown = evaluate(p, assignments);
  const gap = gapOf(outcome.bound, breakdown.total);
  const status: AllocationStatus = gap <= 1e-6 ? 'optimal' : gap <= opts.relativeGap + 1e-12 ? 'within_gap' : 'time_limit';
  log(`objective ${breakdown.total.toFixed(2)}, bound ${outcome.bound.toFixed(2)}, gap ${(100 * gap).toFixed(3)} %, ${status}`);
  return {
    method: 'mip',
    status,
    proposals: toProposals(p, assignments),
    objective: breakdown.total,
    solverObjective: outcome.solverObjective,
    bound: outcome.bound,
    gap,
    breakdown,
    solveTimeMs: performance.now() - started,
    solver: { name: 'HiGHS', version: highs.version.string },
    inputHash: p.hash,
    weights: p.weights,
    model: { ...outcome.stats, mode, candidates: cand.count, timings },
  };
}

interface Outcome {
  readonly chosen: number[];
  readonly bound: number;
  readonly solverObjective: number | null;
  readonly stats: {
    readonly candidatesInModel: number;
    readonly variables: number;
    readonly binaries: number;
    readonly constraints: number;
    readonly nonzeros: number;
    readonly subproblems: number;
    readonly boundIterations: number;
    readonly mipNodes: number | null;
  };
}

function definedOnly(options: SolveOptions): Partial<Options> {
  return Object.fromEntries(Object.entries(options).filter(([key, value]) => value !== undefined && key !== 'log')) as Partial<Options>;
}

// ---- full --------------------------------------------------------------------------------------------

function solveFull(
  highs: Highs,
  p: Prepared,
  cand: Candidates,
  greedyChosen: number[],
  opts: Options,
  deadline: number,
  log: (line: string) => void,
): Outcome {
  const sel = Int32Array.from({ length: cand.count }, (_, j) => j);
  const model = buildModel(p, cand, sel, baseContext(p, cand));
  // The greedy mended by the local search as HiGHS's first incumbent: with places, runs of one worker
  // are what HiGHS's own heuristics find slowest.
  const start = opts.warmStart
    ? localSearch(p, cand, greedyChosen, potentialOf(p, cand), performance.now() + (deadline - performance.now()) * 0.1)
    : [];
  log(`MIP: ${model.numCols} variables (${model.numX} binary), ${model.numRows} rows, ${model.nonzeros} non-zeros`);
  const run = runMip(highs, model, start, {
    seed: opts.randomSeed,
    timeLimit: Math.max(0.5, (deadline - performance.now()) / 1000),
    relativeGap: opts.relativeGap,
  });
  const stats = {
    candidatesInModel: model.numX,
    variables: model.numCols,
    binaries: model.numX,
    constraints: model.numRows,
    nonzeros: model.nonzeros,
    subproblems: 1,
    boundIterations: 0,
    mipNodes: run.nodes,
  };
  if (!run.chosen) return { chosen: start.length > 0 ? start : greedyChosen, bound: run.dualBound, solverObjective: null, stats };
  return { chosen: run.chosen, bound: run.dualBound, solverObjective: run.objective, stats };
}

// ---- decomposed ----------------------------------------------------------------------------------------

function solveDecomposed(
  highs: Highs,
  p: Prepared,
  cand: Candidates,
  helper: HelperThread | null,
  greedyChosen: number[],
  greedyObjective: number,
  cellPrices: Float64Array,
  placePrices: Float64Array,
  opts: Options,
  deadline: number,
  log: (line: string) => void,
  lap: (name: string) => void,
): Outcome {
  const T = p.weeks.length;
  const started = performance.now();
  // Seconds kept for turning the result into proposals (more for larger inputs). Measured on 2,000 x 400:
  // about 0.1 s from the end of the search to the result, 0.15 s with another process busy on one core;
  // 0.8 s had been kept, idle. A window's sub-MIP may run into the reserve by its set-up, hence the margin.
  const finishing = Math.min(0.5, 0.2 + cand.count / 3_000_000);

  // 0. On two cores: every relaxation split between this thread and the helper thread (split-relaxation.ts;
  //    the same numbers either way, so the helper's timing cannot change the proposals).
  if (helper) helper.target = greedyObjective;

  // 1. The bound, and the prices that guide the search; every few relaxations, the Lagrangian heuristic
  //    turns the latest relaxations' choices into a plan, and the best plan so far is the incumbent (and
  //    the subgradient's target).
  const relaxer = new SplitRelaxer(p, cand, helper);
  let start = { chosen: greedyChosen, objective: greedyObjective };
  // The Lagrangian heuristic: the candidates the latest relaxations took, most often first, placed wherever
  // they still fit and gain; the greedy fills the places left.
  const recent = new RecentChoices(cand.count, HEURISTIC_WINDOW);
  const heuristicEvery = cand.count >= HEURISTIC_LARGE ? HEURISTIC_EVERY_LARGE : HEURISTIC_EVERY;
  const tryPlan = (at: string) => {
    const chosen = greedyAssignments(p, cand, undefined, recent.ranked(relaxer.potential));
    const objective = evaluate(p, toAssignments(cand, chosen)).total;
    if (objective <= start.objective + 1e-6) return;
    log(`heuristic at ${at}: ${objective.toFixed(2)}`);
    start = { chosen, objective };
    if (helper) helper.target = objective;
  };
  const tryRelaxation = (r: Relaxation, iteration: number) => {
    recent.add(r.chosen);
    if (iteration % heuristicEvery === 0) tryPlan(`relaxation ${iteration}`);
  };
  const boundUntil = started + (deadline - started) * BOUND_SHARE;
  // From the time limit, not the clock, so the proposals do not depend on the machine's speed. The
  // estimate counts one thread's work per relaxation even when split: a helper is not guaranteed.
  const steps = stepRule(cand.count, opts.timeLimitSeconds * 1000 * BOUND_SHARE);
  // The greedy's place prices, scaled down: in full they start the bound higher than without (on
  // 2,000 × 400, 476,000 against 454,000 after 100 relaxations); at 0.3 they start it lower (450,000,
  // and on 200 × 50 35,700 against 36,100 after 400 with the short step rule), at par with the long one.
  const startPlaces = placePrices.map((v) => PLACE_PRICE_SHARE * v);
  const dual = minimizeBound(relaxer, p, cand, initialPrices(p, cand, greedyChosen, cellPrices, startPlaces), {
    target: () => start.objective,
    deadline: boundUntil,
    maxIterations: steps.patience > 5 ? LONG_BOUND_ITERATIONS : BOUND_ITERATIONS,
    ...steps,
    stopGap: opts.relativeGap / 2,
    onRelaxation: tryRelaxation,
    log,
  });
  log(
    `bound ${dual.bound.toFixed(2)} after ${dual.iterations} relaxations, ${relaxer.sharedCount} of ${relaxer.count} split with the helper (${(100 * gapOf(dual.bound, start.objective)).toFixed(3)} % above the best plan)`,
  );
  lap('bound');
  // 2. Which weeks look most promising: where the relaxation gains most over the incumbent.
  const links = new LinkPrices(cand, dual.beta, dual.lambda);
  const relaxed = dual.relaxation ?? relaxer.relax(dual.pi, links);
  // The helper goes on lowering the bound from the best prices while this thread searches; its best so
  // far is read when the search ends (step 5), without waiting for it.
  helper?.continueBound(dual.pi, links, performance.timeOrigin + deadline - finishing * 1000, opts.relativeGap);
  // With the best prices' own choices counted too (the heuristic last ran up to 14 relaxations ago; if the
  // best prices were among the last 30, their choices now count twice, which is meant: they are the best).
  recent.add(relaxed.chosen);
  tryPlan('the best prices');

  // 3. Local search on the best plan: mostly continuity the week-by-week relaxation could not see.
  if (gapOf(dual.bound, start.objective) > opts.relativeGap) {
    const until = Math.min(performance.now() + (deadline - started) * LOCAL_SEARCH_SHARE, deadline - finishing * 1000);
    const mended = localSearch(p, cand, start.chosen, relaxer.potential, until);
    const objective = evaluate(p, toAssignments(cand, mended)).total;
    log(`local search: ${start.objective.toFixed(2)} → ${objective.toFixed(2)}`);
    if (objective > start.objective + 1e-6) {
      start = { chosen: mended, objective };
      if (helper) helper.target = objective;
    }
  }
  lap('local');
  const gainByWeek = new Float64Array(T);
  for (const j of start.chosen) gainByWeek[cand.week[j]] -= cand.base[j];
  for (const j of relaxed.chosen) gainByWeek[cand.week[j]] += cand.base[j];
  const byGain = (a: number, b: number) => gainByWeek[b] - gainByWeek[a] || a - b;
  const relaxedSet = new Uint8Array(cand.count);
  for (const j of relaxed.chosen) relaxedSet[j] = 1;
  // Candidates of a cell by their reduced value at the relaxation's prices, best first.
  const reduced = (j: number) =>
    cand.base[j] -
    dual.pi[cand.cell[j]] -
    (cand.seg[j] >= 0 ? dual.beta[j] : 0) +
    p.weights.shortfall * Math.min(cand.hours[j], p.shortfall[cand.worker[j] * T + cand.week[j]]);
  const { requestStart } = cand;
  const cellsOfWeek: number[][] = Array.from({ length: T }, () => []);
  for (let c = 0; c < p.cellOpen.length; c++) cellsOfWeek[p.cellWeek[c]].push(c);

  // 4. Large-neighbourhood search: one week at a time, then two adjacent weeks at a time, while it pays.
  let incumbent = new Uint8Array(cand.count);
  for (const j of start.chosen) incumbent[j] = 1;
  let incumbentObjective = start.objective;
  let solverObjective: number | null = null;
  let subproblems = 0;
  let largest = { numX: 0, numCols: 0, numRows: 0, nonzeros: 0 };
  let nodes = 0;
  /** HiGHS's bound from a sub-MIP over every candidate (the whole model), if one ran. */
  let mipBound = Number.POSITIVE_INFINITY;
  const reserve = () => (deadline - performance.now()) / 1000 - finishing;
  // Only this thread's own figures decide when to stop (the helper's timing must not change the proposals).
  const done = () => gapOf(dual.bound, incumbentObjective) <= opts.relativeGap || reserve() < 0.2;
  // A window starts only with time for its set-up and check besides its sub-MIP.
  const noWindow = () => done() || reserve() < 2 * WINDOW_OVERHEAD + 0.1;
  /** The incumbent's candidates split into those the window re-decides (free) and the rest (fixed). */
  const splitIncumbent = (inWindow: (j: number) => boolean) => {
    const fixed: number[] = [];
    const free = new Set<number>();
    for (let j = 0; j < cand.count; j++) {
      if (!incumbent[j]) continue;
      if (inWindow(j)) free.add(j);
      else fixed.push(j);
    }
    return { fixed, free };
  };
  const solveWindow = (weeks: readonly number[]): boolean => {
    const inWindow = new Uint8Array(T);
    for (const t of weeks) inWindow[t] = 1;
    const { fixed, free } = splitIncumbent((j) => inWindow[cand.week[j]] === 1);
    for (const t of weeks) {
      for (const c of cellsOfWeek[t]) {
        const ids = Array.from(cand.byCell.subarray(cand.cellStart[c], cand.cellStart[c + 1]));
        for (const j of ids) if (relaxedSet[j]) free.add(j);
        ids.sort((a, b) => reduced(b) - reduced(a) || a - b);
        for (const j of ids.slice(0, p.cellOpen[c] + EXTRA_PER_CELL)) free.add(j);
      }
    }
    return reoptimise(weeks.map((t) => p.weeks[t]).join('+'), fixed, free);
  };
  // A window of whole requests over all their weeks: where places are few, who holds which run is what
  // a window of weeks cannot change. The workers most promising by the relaxation's prices (their gaining
  // weeks summed), whole: a run needs all of its weeks.
  const solveRequests = (requests: readonly number[]): boolean => {
    const inWindow = new Uint8Array(p.requests.length);
    for (const r of requests) inWindow[r] = 1;
    const { fixed, free } = splitIncumbent((j) => inWindow[cand.request[j]] === 1);
    for (const r of requests) {
      const byWorker = new Map<number, number[]>();
      for (let j = requestStart[r]; j < requestStart[r + 1]; j++) {
        const list = byWorker.get(cand.worker[j]);
        if (list) list.push(j);
        else byWorker.set(cand.worker[j], [j]);
      }
      const score = (w: number) =>
        byWorker.get(w)!.reduce((sum, j) => sum + Math.max(0, reduced(j)) + (relaxedSet[j] || incumbent[j] ? 1e3 : 0), 0);
      const scores = new Map([...byWorker.keys()].map((w) => [w, score(w)]));
      const ranked = [...byWorker.keys()].sort((a, b) => scores.get(b)! - scores.get(a)! || a - b);
      const most = Math.max(...p.cellOpen.filter((_, c) => p.cellRequest[c] === r), 0);
      for (const w of ranked.slice(0, Math.min(most, p.requests[r].places) + EXTRA_WORKERS)) for (const j of byWorker.get(w)!) free.add(j);
    }
    return reoptimise(`requests ${requests.map((r) => p.requests[r].id).join('+')}`, fixed, free);
  };
  const reoptimise = (label: string, fixed: number[], free: Set<number>, seen?: (run: MipRun) => void): boolean => {
    const ctx = residualContext(p, cand, fixed, evaluate(p, toAssignments(cand, fixed)).total);
    const sel = Int32Array.from([...free].sort((a, b) => a - b));
    const model = buildModel(p, cand, sel, ctx);
    if (model.numX > largest.numX) largest = model;
    const run = runMip(highs, model, Array.from(sel.filter((j) => incumbent[j] === 1)), {
      seed: opts.randomSeed,
      timeLimit: Math.max(0.1, reserve() - WINDOW_OVERHEAD),
      relativeGap: 1e-6,
    });
    subproblems++;
    nodes += run.nodes ?? 0;
    seen?.(run);
    if (!run.chosen) return false;
    const next = new Uint8Array(incumbent);
    for (const j of sel) next[j] = 0;
    for (const j of run.chosen) next[j] = 1;
    const chosen: number[] = [];
    for (let j = 0; j < cand.count; j++) if (next[j]) chosen.push(j);
    const objective = evaluate(p, toAssignments(cand, chosen)).total;
    const improved = objective > incumbentObjective + 1e-6;
    log(
      `window ${label}: ${model.numX} x, ${model.numRows} rows, ${run.ms.toFixed(0)} ms, objective ${incumbentObjective.toFixed(2)} → ${objective.toFixed(2)}`,
    );
    if (improved) {
      incumbent = next;
      incumbentObjective = objective;
      if (helper) helper.target = objective;
      solverObjective = ctx.fixedObjective + run.objective!;
    }
    return improved;
  };
  /**
   * The incumbent's and the relaxation's candidates, then the best by reduced value, each with its whole
   * stretch of consecutive weeks (a run needs all of its weeks), until `size`; `all` when none was left out.
   */
  const mostPromising = (size: number): { free: Set<number>; all: boolean } => {
    const free = new Set<number>();
    const addStretch = (j: number) => {
      let a = j;
      while (cand.prev[a] >= 0) a = cand.prev[a];
      for (let b = a; b >= 0; b = cand.next[b]) free.add(b);
    };
    for (let j = 0; j < cand.count; j++) if (incumbent[j] || relaxedSet[j]) addStretch(j);
    const value = Float64Array.from({ length: cand.count }, (_, j) => reduced(j));
    const ranked = Int32Array.from({ length: cand.count }, (_, j) => j).sort((a, b) => value[b] - value[a] || a - b);
    for (const j of ranked) {
      if (free.size >= size) break;
      if (!free.has(j)) addStretch(j);
    }
    return { free, all: free.size >= cand.count };
  };
  /**
   * Re-decides every candidate in `free` at once; false when HiGHS stopped before proving it. Over every
   * candidate with nothing fixed that sub-MIP is the whole model, so HiGHS's bound is a bound of the plan.
   */
  const solveRestricted = (free: Set<number>, all: boolean): boolean => {
    const before = subproblems;
    let proven = false;
    reoptimise(`most promising ${free.size}`, [], free, (run) => {
      proven = run.optimal;
      if (all && Number.isFinite(run.dualBound)) mipBound = Math.min(mipBound, run.dualBound);
    });
    return proven && subproblems > before;
  };
  const limitedPlaces = p.requests.some((r) => Number.isFinite(r.places));
  if (limitedPlaces) {
    const gainByRequest = new Float64Array(p.requests.length);
    for (const j of start.chosen) gainByRequest[cand.request[j]] -= cand.base[j];
    for (const j of relaxed.chosen) gainByRequest[cand.request[j]] += cand.base[j];
    const promising = p.requests
      .map((r) => r.index)
      .filter((r) => requestStart[r + 1] > requestStart[r] && gainByRequest[r] > 1e-6)
      .sort((a, b) => gainByRequest[b] - gainByRequest[a] || a - b);
    for (let i = 0; i < promising.length && !noWindow(); i += REQUESTS_PER_WINDOW)
      solveRequests(promising.slice(i, i + REQUESTS_PER_WINDOW));
  }
  // Time left after the windows of the most promising requests (small inputs): one MIP over the
  // candidates the best prices value most, whole stretches of weeks, with all the time left, and larger
  // while each is proven in time. On 200 × 50 at the prices of 1,200 relaxations, 1,500 of the 10,331
  // candidates hold a plan 0.27 % below the optimum, 2,000 one 0.18 % below, 3,000 one 0.09 % below,
  // 5,000 the optimum; HiGHS from scratch at a load of 12 proves 2,000 in 3.3 s, 3,000 in 13 s (in 5 s
  // it has only a poor plan).
  for (let size = RESTRICTED_FIRST; !noWindow(); size = Math.round(size * 1.5)) {
    const { free, all } = mostPromising(size);
    const finished = solveRestricted(free, all);
    if (all || !finished) break;
  }
  // Windows of whole requests again, every request now, by the relaxation's gain over the current plan,
  // in threes shifted by one each pass so that other requests meet, while a pass gains: on 200 × 50 they
  // are what gains, the windows of weeks below rarely do.
  for (let pass = 0; limitedPlaces && pass < REQUEST_PASSES && !noWindow(); pass++) {
    const gain = new Float64Array(p.requests.length);
    for (let j = 0; j < cand.count; j++) if (incumbent[j]) gain[cand.request[j]] -= cand.base[j];
    for (const j of relaxed.chosen) gain[cand.request[j]] += cand.base[j];
    const order = p.requests
      .map((r) => r.index)
      .filter((r) => requestStart[r + 1] > requestStart[r])
      .sort((a, b) => gain[b] - gain[a] || a - b);
    const shift = pass % REQUESTS_PER_WINDOW;
    let improved = false;
    for (let i = -shift; i < order.length && !noWindow(); i += REQUESTS_PER_WINDOW)
      if (solveRequests(order.slice(Math.max(0, i), i + REQUESTS_PER_WINDOW))) improved = true;
    if (!improved) break;
  }
  for (const t of Array.from({ length: T }, (_, t) => t).sort(byGain)) {
    if (noWindow()) break;
    solveWindow([t]);
  }
  for (let pass = 0; pass < 3 && !noWindow(); pass++) {
    let improved = false;
    for (const t of Array.from({ length: T - 1 }, (_, t) => t).sort((a, b) => byGain(a, b))) {
      if (noWindow()) break;
      if (solveWindow([t, t + 1])) improved = true;
    }
    if (!improved) break;
  }
  lap('search');

  // 5. The helper's bound; or, without one, time left and the gap still open: tighten the bound from
  //    the best prices, aiming at the new incumbent.
  let bound = dual.bound;
  let boundIterations = dual.iterations;
  if (helper) {
    const other = helper.finishBound();
    // Every bound the helper publishes is valid, so one below the best plan would be a fault: never reported.
    if (other && other.bound < incumbentObjective - 1e-6 * Math.max(1, Math.abs(incumbentObjective))) {
      log(`the helper thread's bound ${other.bound.toFixed(2)} is below the best plan (${incumbentObjective.toFixed(2)}); not used`);
    } else if (other) {
      log(
        `bound from the helper thread: ${other.bound.toFixed(2)} (link prices refined for ${other.workers} workers, then ${other.iterations} relaxations)`,
      );
      bound = Math.min(bound, other.bound);
      boundIterations += other.iterations;
    }
    lap('bound2');
  } else if (!done()) {
    const more = tightenBound(relaxer, p, cand, dual.pi, dual.beta, {
      lambda: dual.lambda,
      target: () => incumbentObjective,
      deadline: deadline - finishing * 1000,
      stopGap: opts.relativeGap,
      steps: stepRule(cand.count, deadline - finishing * 1000 - performance.now()),
    });
    log(`bound ${more.bound.toFixed(2)} with link prices refined for ${more.workers} workers, then ${more.relaxations} relaxations`);
    bound = Math.min(bound, more.bound);
    boundIterations += more.relaxations;
    lap('bound2');
  }

  if (mipBound < bound) {
    log(`bound from the MIP over every candidate: ${mipBound.toFixed(2)}`);
    bound = mipBound;
  }
  const chosen: number[] = [];
  for (let j = 0; j < cand.count; j++) if (incumbent[j]) chosen.push(j);
  return {
    chosen,
    bound,
    solverObjective,
    stats: {
      candidatesInModel: largest.numX,
      variables: largest.numCols,
      binaries: largest.numX,
      constraints: largest.numRows,
      nonzeros: largest.nonzeros,
      subproblems,
      boundIterations,
      mipNodes: nodes,
    },
  };
}

// ---- HiGHS ------------------------------------------------------------------------------------------------

interface MipRun {
  /** Chosen candidates, or null when HiGHS returned no feasible solution. */
  readonly chosen: number[] | null;
  readonly objective: number | null;
  readonly dualBound: number;
  readonly nodes: number | null;
  readonly ms: number;
  /** HiGHS proved the plan optimal (within the gap asked for). */
  readonly optimal: boolean;
}

function runMip(
  highs: Highs,
  model: BuiltModel,
  start: readonly number[],
  o: { seed: number; timeLimit: number; relativeGap: number },
): MipRun {
  const began = performance.now();
  const m = highsModelOf(highs, model);
  try {
    m.options.set({ output_flag: false, random_seed: o.seed, time_limit: o.timeLimit, mip_rel_gap: o.relativeGap, presolve: 'on' });
    if (start.length > 0) {
      const position = new Map<number, number>();
      for (let i = 0; i < model.numX; i++) position.set(model.sel[i], i);
      const x = new Float64Array(model.numCols);
      for (const j of start) {
        const i = position.get(j);
        if (i !== undefined) x[i] = 1;
      }
      m.setSolution({ colValue: completeSolution(model, x) });
    }
    m.run();
    const nodes = Number(m.info.get('mip_node_count'));
    const optimal = m.getModelStatus() === highs.constants.modelStatus.optimal;
    const dualBound = Number(m.info.get('mip_dual_bound'));
    if (Number(m.info.get('primal_solution_status')) !== 2)
      return { chosen: null, objective: null, dualBound, nodes, ms: performance.now() - began, optimal };
    const value = m.getSolution().colValue;
    const chosen: number[] = [];
    for (let i = 0; i < model.numX; i++) if (value[i] > 0.5) chosen.push(model.sel[i]);
    return { chosen, objective: m.getObjectiveValue(), dualBound, nodes, ms: performance.now() - began, optimal };
  } finally {
    m.dispose();
  }
}

/** The model as a HiGHS model (maximise; x binary, the auxiliaries continuous). Dispose it after use. */
export function highsModelOf(highs: Highs, model: BuiltModel): ReturnType<Highs['createModel']> {
  const inf = highs.infinity;
  return highs.createModel({
    numCols: model.numCols,
    numRows: model.numRows,
    sense: highs.constants.objectiveSense.maximize,
    colCost: model.colCost,
    colLower: new Float64Array(model.numCols),
    colUpper: model.colUpper.map((u) => (Number.isFinite(u) ? u : inf)),
    rowLower: new Float64Array(model.numRows).fill(-inf),
    rowUpper: model.rowUpper,
    matrix: {
      format: 'csr',
      numRows: model.numRows,
      numCols: model.numCols,
      starts: model.starts,
      indices: model.index,
      values: model.value,
    },
    integrality: Int32Array.from({ length: model.numCols }, (_, i) =>
      i < model.numX ? highs.constants.variableType.integer : highs.constants.variableType.continuous,
    ),
  });
}
