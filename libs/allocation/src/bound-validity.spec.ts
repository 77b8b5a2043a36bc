import fc from 'fast-check';
import { checkProposals } from './check.js';
import { generatePool } from './generator.js';
import { greedy, greedyAssignments } from './greedy.js';
import { initialPrices, minimizeBound, Relaxer, stepRule } from './lagrangian.js';
import { buildCandidates, prepare } from './prepare.js';
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
});
