import fc from 'fast-check';
import { checkProposals } from './check.js';
import { greedy, greedyAssignments } from './greedy.js';
import {
  combine,
  combineScratch,
  initialPrices,
  LinkPrices,
  minimizeBound,
  Relaxer,
  singleFits,
  stepRule,
  type BlockValues,
} from './lagrangian.js';
import { generatePool, seededRandom } from './generator.js';
import { buildCandidates, prepare, type Candidates, type Prepared } from './prepare.js';
import { solve } from './solve.js';

// Every bound the Lagrangian reports must stay above the optimum HiGHS proves on the same model (the
// full MIP over every candidate), whatever the step rule and the starting prices — the subgradient only
// chooses prices, and any prices ≥ 0 give an upper bound. Small generated pools with places, so that
// HiGHS proves the optimum in well under a second.

const pools = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  workers: fc.integer({ min: 6, max: 24 }),
  requests: fc.integer({ min: 2, max: 6 }),
  weeks: fc.integer({ min: 3, max: 7 }),
});

describe('the bound on the product model (places per request)', () => {
  it('every bound of the subgradient, with either step rule and the greedy place prices as start, is ≥ the proven optimum', async () => {
    await fc.assert(
      fc.asyncProperty(
        pools,
        fc.constantFrom(stepRule(1, 1e9), stepRule(1e9, 1)),
        fc.constantFrom(0, 0.3, 1),
        async (size, steps, share) => {
          const data = generatePool(size.seed, size);
          const exact = await solve(data, {}, { mode: 'full', relativeGap: 0, timeLimitSeconds: 30 });
          fc.pre(exact.status === 'optimal');
          const p = prepare(data, {});
          const cand = buildCandidates(p);
          const cellPrices = new Float64Array(p.cellOpen.length);
          const placePrices = new Float64Array(p.requests.length);
          const chosen = greedyAssignments(p, cand, cellPrices, [], placePrices);
          const start = initialPrices(
            p,
            cand,
            chosen,
            cellPrices,
            placePrices.map((v) => share * v),
          );
          const bounds: number[] = [];
          const result = minimizeBound(new Relaxer(p, cand), p, cand, start, {
            target: exact.objective,
            deadline: Number.POSITIVE_INFINITY,
            maxIterations: 150,
            stopGap: 0,
            ...steps,
            // Every relaxation's bound: the clearing rounds' (as new best bounds) and the subgradient's.
            onBound: (bound) => bounds.push(bound),
            onRelaxation: (r) => bounds.push(r.bound),
          });
          const floor = exact.objective - 1e-6 * Math.max(1, Math.abs(exact.objective));
          expect(bounds.length).toBeGreaterThan(0);
          expect(result.bound).toBeGreaterThanOrEqual(floor);
          for (const bound of bounds) expect(bound).toBeGreaterThanOrEqual(floor);
        },
      ),
      { numRuns: 25, seed: 20261207 },
    );
  }, 120_000);

  it('the greedy (whole runs, one pass per worker stretch) keeps every rule and stays ≤ the optimum; the decomposed solve’s bound stays ≥ it', async () => {
    await fc.assert(
      fc.asyncProperty(pools, async (size) => {
        const data = generatePool(size.seed, size);
        const exact = await solve(data, {}, { mode: 'full', relativeGap: 0, timeLimitSeconds: 30 });
        fc.pre(exact.status === 'optimal');
        const baseline = greedy(data);
        expect(checkProposals(data, baseline)).toEqual([]);
        expect(baseline.objective).toBeLessThanOrEqual(exact.objective + 1e-6);
        const decomposed = await solve(data, {}, { mode: 'decomposed', timeLimitSeconds: 5, parallel: false });
        expect(checkProposals(data, decomposed)).toEqual([]);
        expect(decomposed.objective).toBeLessThanOrEqual(exact.objective + 1e-6);
        expect(decomposed.bound!).toBeGreaterThanOrEqual(exact.objective - 1e-6 * Math.max(1, Math.abs(exact.objective)));
      }),
      { numRuns: 12, seed: 20261207 },
    );
  }, 180_000);

  it('the Relaxer’s pass (candidates priced out by potential and link price, worker-weeks where one item fits solved on the fly, two shares) equals every worker-week solved by brute force over all its candidates, at any prices ≥ 0', () => {
    let singles = 0;
    fc.assert(
      fc.property(pools, fc.integer({ min: 1, max: 1_000_000 }), (size, priceSeed) => {
        const p = prepare(generatePool(size.seed, size), {});
        const cand = buildCandidates(p);
        const random = seededRandom(priceSeed);
        // Prices from 0 to above any candidate's value, a third of them 0 (where nothing is priced out).
        const price = (top: number) => (random() < 0.3 ? 0 : random() * top);
        const pi = Float64Array.from(p.cellOpen, () => price(80));
        const beta = Float64Array.from(cand.seg, (s) => (s >= 0 ? price(30) : 0));
        const lambda = Float64Array.from(p.requests, () => price(40));
        const links = new LinkPrices(cand, beta, lambda);
        const scratch = combineScratch(cand);
        const reference = combine(p, cand, pi, links, scratch, [bruteForce(p, cand, pi, beta)]).bound;
        const whole = new Relaxer(p, cand).relax(pi, links);
        const shares = [0, 1].map((part) => new Relaxer(p, cand, { part, parts: 2 }).blocks(pi, beta));
        const split = combine(p, cand, pi, links, scratch, shares);
        const tolerance = 1e-9 * Math.max(1, Math.abs(reference));
        expect(Math.abs(whole.bound - reference)).toBeLessThanOrEqual(tolerance);
        expect(Math.abs(split.bound - reference)).toBeLessThanOrEqual(tolerance);
        singles += singleFits(p, cand).reduce((n, v) => n + v, 0);
      }),
      { numRuns: 60, seed: 20261207 },
    );
    // The pools had worker-weeks of the kind the pass solves on the fly (else this test would not test it).
    expect(singles).toBeGreaterThan(0);
  });
});

/**
 * Every worker-week's best subset over ALL its candidates (nothing priced out), by trying every subset
 * under the objective's own rules: free hours, the shortfall covered, extra employers.
 */
function bruteForce(p: Prepared, cand: Candidates, pi: Float64Array, beta: Float64Array): BlockValues {
  const T = p.weeks.length;
  const blocks = new Map<number, number[]>();
  for (let j = 0; j < cand.count; j++) {
    const k = cand.worker[j] * T + cand.week[j];
    blocks.set(k, [...(blocks.get(k) ?? []), j]);
  }
  let value = 0;
  const chosen: number[] = [];
  for (const [k, items] of blocks) {
    expect(items.length).toBeLessThanOrEqual(12);
    const present = p.committedEmployers.get(k) ?? [];
    const shortfall = p.weights.shortfall > 0 ? p.shortfall[k] : 0;
    let best = 0;
    let bestMask = 0;
    for (let mask = 1; mask < 1 << items.length; mask++) {
      let hours = 0;
      let linear = 0;
      const employers = new Set<number>();
      items.forEach((j, i) => {
        if (!(mask & (1 << i))) return;
        hours += cand.hours[j];
        linear += cand.base[j] - pi[cand.cell[j]] - (cand.seg[j] >= 0 ? beta[j] : 0);
        employers.add(cand.employer[j]);
      });
      if (hours > p.capacity[k] + 1e-9) continue;
      const fresh = [...employers].filter((e) => !present.includes(e)).length;
      const extra = present.length > 0 ? fresh : Math.max(0, fresh - 1);
      const subset = linear + p.weights.shortfall * Math.min(shortfall, hours) - p.weights.extraEmployer * extra;
      if (subset > best) {
        best = subset;
        bestMask = mask;
      }
    }
    value += best;
    items.forEach((j, i) => bestMask & (1 << i) && chosen.push(j));
  }
  return { value, chosen };
}
