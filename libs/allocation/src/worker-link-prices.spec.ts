import { generatePool } from './generator.js';
import { greedyAssignments } from './greedy.js';
import { initialPrices, LinkPrices, minimizeBound, Relaxer } from './lagrangian.js';
import { buildCandidates, prepare } from './prepare.js';
import { solve } from './solve.js';
import { refineLinkPricesByWorker, tightenBound } from './worker-link-prices.js';

describe('link prices refined worker by worker', () => {
  // The refinement knows only the relationships' links: the solve uses it where no request has limited places.
  const pool = generatePool(7, { workers: 70, requests: 16, weeks: 8 });
  const data = { ...pool, demand: pool.demand.map(({ places: _places, ...d }) => d) };
  const p = prepare(data);
  const cand = buildCandidates(p);
  const relaxer = new Relaxer(p, cand);
  const cellPrices = new Float64Array(p.cellOpen.length);
  const start = initialPrices(p, cand, greedyAssignments(p, cand, cellPrices), cellPrices);
  // Prices after a few subgradient steps: link prices still far from settled, as after a 10 s bound phase.
  const prices = minimizeBound(relaxer, p, cand, start, { target: 0, deadline: Number.POSITIVE_INFINITY, maxIterations: 8, stopGap: 0 });
  const before = relaxer.relax(prices.pi, new LinkPrices(cand, prices.beta)).bound;
  const refined = refineLinkPricesByWorker(p, cand, relaxer.potential, prices.pi, prices.beta, { deadline: Number.POSITIVE_INFINITY });

  it('tightens the bound at the same cell prices, and its link prices give exactly the bound before the searches', () => {
    expect(refined.workers).toBeGreaterThan(0);
    expect(refined.linkBound).toBeLessThan(before - 1);
    expect(relaxer.relax(prices.pi, new LinkPrices(cand, refined.beta)).bound).toBeCloseTo(refined.linkBound, 6);
  });

  it('the searches over relationships lower it further', () => {
    expect(refined.bound).toBeLessThan(refined.linkBound - 1e-6);
  });

  it('stays above the optimum HiGHS proves, alone and followed by subgradient steps', async () => {
    const exact = await solve(data, {}, { mode: 'full', relativeGap: 0 });
    expect(exact.status).toBe('optimal');
    expect(refined.bound).toBeGreaterThanOrEqual(exact.objective - 1e-6);
    const tightened = tightenBound(relaxer, p, cand, prices.pi, prices.beta, {
      target: () => exact.objective,
      deadline: performance.now() + 500,
      stopGap: 0,
    });
    expect(tightened.bound).toBeLessThanOrEqual(refined.bound + 1e-6);
    expect(tightened.bound).toBeGreaterThanOrEqual(exact.objective - 1e-6);
  });

  it('stops at its deadline with a valid bound, having refined nobody', () => {
    const none = refineLinkPricesByWorker(p, cand, relaxer.potential, prices.pi, prices.beta, { deadline: 0 });
    expect(none.workers).toBe(0);
    expect(none.bound).toBeLessThanOrEqual(before + 1e-6);
    expect(none.bound).toBeGreaterThanOrEqual(refined.bound - 1e-6);
  });
});
