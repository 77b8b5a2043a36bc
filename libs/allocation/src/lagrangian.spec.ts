import { generatePool, seededRandom } from './generator.js';
import { greedyAssignments } from './greedy.js';
import { BlockSolver, initialPrices, LinkPrices, minimizeBound, Relaxer } from './lagrangian.js';
import { buildCandidates, prepare, type Candidates, type Prepared } from './prepare.js';
import { SplitRelaxer } from './split-relaxation.js';

// Many requests per worker-week, commitments and shortfalls: blocks of every size, with employers to count.
const p = prepare(generatePool(5, { workers: 60, requests: 60, weeks: 6 }));
const cand = buildCandidates(p);
const T = p.weeks.length;

/** Candidates of each worker-week. */
function blocksOf(c: Candidates): Map<number, number[]> {
  const blocks = new Map<number, number[]>();
  for (let j = 0; j < c.count; j++) {
    const k = c.worker[j] * T + c.week[j];
    blocks.set(k, [...(blocks.get(k) ?? []), j]);
  }
  return blocks;
}

/** The value of one subset of a worker-week's items, straight from the objective's rules. */
function subsetValue(prep: Prepared, k: number, items: readonly number[], values: readonly number[], mask: number): number | null {
  let hours = 0;
  let linear = 0;
  const employers = new Set<number>();
  items.forEach((j, i) => {
    if (!(mask & (1 << i))) return;
    hours += cand.hours[j];
    linear += values[i];
    employers.add(cand.employer[j]);
  });
  if (hours > prep.capacity[k] + 1e-9) return null;
  const present = prep.committedEmployers.get(k) ?? [];
  const fresh = [...employers].filter((e) => !present.includes(e)).length;
  const extra = present.length > 0 ? fresh : Math.max(0, fresh - 1);
  return linear + prep.weights.shortfall * Math.min(prep.shortfall[k], hours) - prep.weights.extraEmployer * extra;
}

describe('BlockSolver: the best subset of one worker-week', () => {
  const random = seededRandom(99);
  const cases = [...blocksOf(cand)].filter(([, items]) => items.length >= 2 && items.length <= 12);

  it('has blocks of many sizes to try, some with confirmed employers in the week', () => {
    expect(new Set(cases.map(([, items]) => Math.min(items.length, 8))).size).toBeGreaterThanOrEqual(5);
    expect(cases.some(([k]) => (p.committedEmployers.get(k) ?? []).length > 0)).toBe(true);
  });

  it('finds exactly the best value over every subset (hours, shortfall, extra employers), at any prices', () => {
    const solver = new BlockSolver(p, cand);
    let compared = 0;
    for (const [k, items] of cases) {
      for (let round = 0; round < 3; round++) {
        // Values around zero: some items gain, some lose, so that the choice matters.
        const values = items.map((j) => cand.base[j] - random() * 1.5 * cand.base[j]);
        solver.reset(k, p.shortfall[k]);
        items.forEach((j, i) => solver.add(j, values[i]));
        const found = solver.solve();
        let best = 0;
        for (let mask = 1; mask < 1 << items.length; mask++)
          best = Math.max(best, subsetValue(p, k, items, values, mask) ?? Number.NEGATIVE_INFINITY);
        expect(found).toBeCloseTo(best, 9);
        // The subset it names is worth what it says.
        const mask = solver.best.reduce((m, j) => m | (1 << items.indexOf(j)), 0);
        expect(solver.best.length === 0 ? 0 : subsetValue(p, k, items, values, mask)).toBeCloseTo(found, 9);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(100);
  });
});

describe('Relaxer', () => {
  const prices = new Float64Array(p.cellOpen.length);
  const chosen = greedyAssignments(p, cand, prices);
  const start = initialPrices(p, cand, chosen, prices);

  it('split over two shares of the workers gives the same bound and choices as one pass', () => {
    const whole = new Relaxer(p, cand).relax(start.pi, new LinkPrices(cand, start.beta));
    const split = new SplitRelaxer(p, cand, null).relax(start.pi, new LinkPrices(cand, start.beta));
    expect(split.bound).toBeCloseTo(whole.bound, 6);
    expect([...split.chosen].sort((a, b) => a - b)).toEqual([...whole.chosen].sort((a, b) => a - b));
    expect(Array.from(split.cellUse)).toEqual(Array.from(whole.cellUse));
  });

  it('the deflected subgradient lowers the bound from the starting prices, and the same prices give the same bound', () => {
    const relaxer = new Relaxer(p, cand);
    const first = relaxer.relax(start.pi, new LinkPrices(cand, start.beta)).bound;
    const options = { target: 0, deadline: Number.POSITIVE_INFINITY, maxIterations: 60, stopGap: 0 };
    const result = minimizeBound(relaxer, p, cand, start, options);
    expect(result.bound).toBeLessThan(first);
    expect(minimizeBound(relaxer, p, cand, start, options).bound).toBe(result.bound);
    const again = relaxer.relax(result.pi, new LinkPrices(cand, result.beta, result.lambda));
    expect(again.bound).toBeCloseTo(result.bound, 6);
    // The relaxation it hands back is the one at those prices (the solve reuses its choices).
    expect(result.relaxation!.bound).toBe(result.bound);
    expect([...result.relaxation!.chosen].sort((a, b) => a - b)).toEqual([...again.chosen].sort((a, b) => a - b));
  });
});
