import { input, request, worker } from './allocation.fixtures.js';
import { checkProposals } from './check.js';
import { generatePool } from './generator.js';
import { greedyAssignments, toAssignments } from './greedy.js';
import { potentialOf } from './lagrangian.js';
import { localSearch } from './local-search.js';
import { evaluate } from './objective.js';
import { buildCandidates, prepare } from './prepare.js';
import { toProposals } from './proposals.js';

const NO_DEADLINE = Number.POSITIVE_INFINITY;

describe('localSearch', () => {
  it('keeps one worker on a request instead of two, which saves a new relationship', () => {
    // w-1 and w-2 are alike; the plan to mend has w-1 in weeks 0–1 and w-2 in weeks 2–3.
    const data = input([request('r-1', { weeks: [0, 1, 2, 3] })], [worker('w-1'), worker('w-2')]);
    const p = prepare(data);
    const cand = buildCandidates(p);
    const start = Array.from({ length: cand.count }, (_, j) => j).filter((j) =>
      cand.worker[j] === 0 ? cand.week[j] < 2 : cand.week[j] >= 2,
    );
    expect(evaluate(p, toAssignments(cand, start)).newRelationships).toBe(2);
    const mended = localSearch(p, cand, start, potentialOf(p, cand), NO_DEADLINE);
    const after = evaluate(p, toAssignments(cand, mended));
    expect(after.newRelationships).toBe(1);
    expect(after.workerWeeks).toBe(4);
    expect(after.total).toBeCloseTo(evaluate(p, toAssignments(cand, start)).total + p.weights.continuity, 9);
  });

  it('gives up a relationship whose weeks another worker can take, also when they are not consecutive', () => {
    // w-1 holds weeks 0 and 2, w-2 weeks 1 and 3: no single week moved saves anything, all of w-2's do.
    const data = input([request('r-1', { weeks: [0, 1, 2, 3] })], [worker('w-1'), worker('w-2')]);
    const p = prepare(data);
    const cand = buildCandidates(p);
    const start = Array.from({ length: cand.count }, (_, j) => j).filter((j) => cand.week[j] % 2 === cand.worker[j]);
    const before = evaluate(p, toAssignments(cand, start));
    expect(before.newRelationships).toBe(2);
    const after = evaluate(p, toAssignments(cand, localSearch(p, cand, start, potentialOf(p, cand), NO_DEADLINE)));
    expect(after.newRelationships).toBe(1);
    expect(after.workerWeeks).toBe(4);
    expect(after.total).toBeCloseTo(before.total + p.weights.continuity, 9);
  });

  it('on a generated pool: never worse than its start, every hard constraint holds, and the same twice', () => {
    const data = generatePool(8, { workers: 120, requests: 30, weeks: 10 });
    const p = prepare(data);
    const cand = buildCandidates(p);
    // The greedy's plan without the last week of each run: still within every request's places (no run
    // is split), and weeks an adjacent worker can take again.
    const greedyChosen = greedyAssignments(p, cand);
    const inGreedy = new Set(greedyChosen);
    const start = greedyChosen.filter((j) => inGreedy.has(cand.next[j]));
    const potential = potentialOf(p, cand);
    const mended = localSearch(p, cand, start, potential, NO_DEADLINE);
    const before = evaluate(p, toAssignments(cand, start)).total;
    const after = evaluate(p, toAssignments(cand, mended)).total;
    expect(after).toBeGreaterThan(before);
    const proposals = toProposals(p, toAssignments(cand, mended));
    expect(checkProposals(data, { proposals, inputHash: p.hash, weights: p.weights })).toEqual([]);
    expect(localSearch(p, cand, start, potential, NO_DEADLINE)).toEqual(mended);
  });
});
