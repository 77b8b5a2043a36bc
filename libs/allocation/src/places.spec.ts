import { input, request, week, worker } from './allocation.fixtures.js';
import type { AllocationInput, AllocationResult } from './allocation.types.js';
import { checkProposals } from './check.js';
import { generatePool } from './generator.js';
import { greedy } from './greedy.js';
import { objectiveOf } from './objective.js';
import { solve } from './solve.js';

// A request's places are counted per proposal (one worker on one unbroken run of weeks), as the capacity
// stream counts one place per placement for its whole period.

const runsOf = (result: AllocationResult, requestId: string) =>
  result.proposals
    .filter((p) => p.requestId === requestId)
    .map((p) => `${p.workerId}:${p.weekStarts.length}`)
    .sort();

async function solvedBothWays(data: AllocationInput): Promise<AllocationResult[]> {
  const results = [
    await solve(data, {}, { mode: 'full', timeLimitSeconds: 20 }),
    await solve(data, {}, { mode: 'decomposed', timeLimitSeconds: 20 }),
  ];
  for (const result of results) {
    expect(checkProposals(data, result)).toEqual([]);
    expect(result.objective).toBeCloseTo(objectiveOf(data, result.weights, result.proposals), 6);
    expect(result.bound!).toBeGreaterThanOrEqual(result.objective - 1e-6);
  }
  return results;
}

describe('places per request', () => {
  it('one place, two workers each free in half of the weeks: one proposal, not two in turn', async () => {
    // Week by week both halves would be filled (8 worker-weeks); with one place only one worker's run counts.
    const data = input(
      [request('r-1', { weeks: [0, 1, 2, 3, 4, 5], places: 1 })],
      [
        worker('w-1', { weeks: 6, availableHours: [32, 32, 32, 0, 0, 0] }),
        worker('w-2', { weeks: 6, availableHours: [0, 0, 0, 32, 32, 32] }),
      ],
    );
    for (const result of [...(await solvedBothWays(data)), greedy(data)]) {
      expect(result.proposals).toHaveLength(1);
      expect(result.proposals[0].weekStarts).toHaveLength(3);
    }
    const [full] = await solvedBothWays(data);
    expect(full.status).toBe('optimal');
    // Without the limit the same input fills both halves.
    const unlimited = input(
      data.demand.map(({ places: _places, ...d }) => d),
      [...data.workers],
    );
    expect((await solve(unlimited, {}, { mode: 'full' })).proposals).toHaveLength(2);
  });

  it('a worker free in two separate stretches uses two places: with one, only the longer stretch', async () => {
    const stretches = worker('w-1', { weeks: 6, availableHours: [32, 32, 0, 32, 32, 32] });
    const one = input([request('r-1', { weeks: [0, 1, 2, 3, 4, 5], places: 1 })], [stretches]);
    for (const result of await solvedBothWays(one)) {
      expect(runsOf(result, 'r-1')).toEqual(['w-1:3']);
      expect(result.proposals[0].weekStarts[0]).toBe(week(3));
    }
    const two = input([request('r-1', { weeks: [0, 1, 2, 3, 4, 5], places: 2 })], [stretches]);
    for (const result of await solvedBothWays(two)) expect(runsOf(result, 'r-1')).toEqual(['w-1:2', 'w-1:3']);
  });

  it('no places left: nothing proposed, and the empty plan is optimal', async () => {
    const data = input([request('r-1', { places: 0 })], [worker('w-1')]);
    const result = await solve(data, {}, { mode: 'full' });
    expect(result.proposals).toEqual([]);
    expect(result.status).toBe('optimal');
  });

  it('checkProposals flags a request given more proposals than places', async () => {
    const data = input([request('r-1', { weeks: [0, 1, 2, 3], openHeadcount: 2 })], [worker('w-1'), worker('w-2')]);
    const result = await solve(data, {}, { mode: 'full' });
    expect(result.proposals).toHaveLength(2);
    const limited = input([{ ...data.demand[0], places: 1 }], [...data.workers]);
    const violations = checkProposals(limited, { ...result, inputHash: (await solve(limited, {}, { mode: 'full' })).inputHash });
    expect(violations.map((v) => v.code)).toEqual(['over_places']);
  });

  it('on a generated pool with places: the decomposed solve keeps them, and its bound stays above the optimum HiGHS proves', async () => {
    const data = generatePool(11, { workers: 40, requests: 10, weeks: 6 });
    expect(data.demand.every((d) => d.places !== undefined)).toBe(true);
    const exact = await solve(data, {}, { mode: 'full', relativeGap: 0, timeLimitSeconds: 60 });
    const [, decomposed] = await solvedBothWays(data);
    expect(exact.status).toBe('optimal');
    expect(checkProposals(data, exact)).toEqual([]);
    expect(decomposed.objective).toBeLessThanOrEqual(exact.objective + 1e-6);
    expect(decomposed.bound!).toBeGreaterThanOrEqual(exact.objective - 1e-6);
  });
});
