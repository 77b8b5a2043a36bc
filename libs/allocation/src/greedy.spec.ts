import { input, request, worker } from './allocation.fixtures.js';
import { checkProposals } from './check.js';
import { generatePool } from './generator.js';
import { greedyAssignments, toAssignments } from './greedy.js';
import { evaluate } from './objective.js';
import { buildCandidates, prepare } from './prepare.js';
import { toProposals } from './proposals.js';

describe('greedyAssignments with a preset (the Lagrangian heuristic)', () => {
  // One place a week; w-short has a shortfall, so the plain greedy takes w-short.
  const data = input(
    [request('r-1', { hoursPerWeek: 16, weeks: [0, 1] })],
    [worker('w-plain'), worker('w-short', { guaranteedHours: 16 })],
  );
  const p = prepare(data);
  const cand = buildCandidates(p);
  const of = (workerId: string, week: number) =>
    Array.from({ length: cand.count }, (_, j) => j).find((j) => p.workers[cand.worker[j]].id === workerId && cand.week[j] === week)!;
  const placed = (chosen: number[]) => chosen.map((j) => `${p.workers[cand.worker[j]].id}@${cand.week[j]}`).sort();

  it('without a preset, the greedy takes the worker with the shortfall', () => {
    expect(placed(greedyAssignments(p, cand))).toEqual(['w-short@0', 'w-short@1']);
  });

  it('places the preset first where it fits, and fills what is left greedily', () => {
    expect(placed(greedyAssignments(p, cand, undefined, [of('w-plain', 0)]))).toEqual(['w-plain@0', 'w-short@1']);
  });

  it('never over-fills a place, whatever the preset holds', () => {
    const chosen = greedyAssignments(p, cand, undefined, [of('w-plain', 0), of('w-short', 0), of('w-plain', 1), of('w-short', 1)]);
    expect(placed(chosen)).toEqual(['w-plain@0', 'w-plain@1']);
  });
});

describe('greedyAssignments with a preset of any candidates', () => {
  it('turns any set of candidates — here every one — into proposals that pass every hard constraint', () => {
    const data = generatePool(21, { workers: 80, requests: 20, weeks: 8 });
    const p = prepare(data);
    const cand = buildCandidates(p);
    const everything = Array.from({ length: cand.count }, (_, j) => j);
    const chosen = greedyAssignments(p, cand, undefined, everything);
    const assignments = toAssignments(cand, chosen);
    const proposals = toProposals(p, assignments);
    expect(chosen.length).toBeGreaterThan(20);
    expect(checkProposals(data, { proposals, inputHash: p.hash, weights: p.weights })).toEqual([]);
    expect(evaluate(p, assignments).total).toBeGreaterThan(0);
  });
});
