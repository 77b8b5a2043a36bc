import { DISTANCES, input, request, week, worker } from './allocation.fixtures.js';
import type { AllocationInput, AllocationResult, AllocationWeights } from './allocation.types.js';
import { checkProposals } from './check.js';
import { generatePool } from './generator.js';
import { greedy } from './greedy.js';
import { objectiveOf } from './objective.js';
import { solve } from './solve.js';

/** Every result must pass every hard constraint, and its objective must be objectiveOf's. */
function expectValid(data: AllocationInput, result: AllocationResult): void {
  expect(checkProposals(data, result)).toEqual([]);
  const recomputed = objectiveOf(data, result.weights, result.proposals);
  expect(result.objective).toBeCloseTo(recomputed, 6);
  if (result.solverObjective !== null)
    expect(Math.abs(result.solverObjective - recomputed)).toBeLessThan(1e-6 * Math.max(1, Math.abs(recomputed)));
  if (result.bound !== null) expect(result.bound).toBeGreaterThanOrEqual(result.objective - 1e-6 * Math.max(1, Math.abs(result.objective)));
}

async function solveChecked(
  data: AllocationInput,
  weights: Partial<AllocationWeights> = {},
  mode: 'full' | 'decomposed' = 'full',
): Promise<AllocationResult> {
  const result = await solve(data, weights, { mode, timeLimitSeconds: 20 });
  expectValid(data, result);
  return result;
}

const placed = (result: AllocationResult) =>
  result.proposals.flatMap((p) => p.weekStarts.map((w) => `${p.workerId}@${p.requestId}@${w}`)).sort();

describe('solve: hand-made cases with a known answer', () => {
  it('prefers a released park worker with a guaranteed-hours shortfall over one without', async () => {
    // w-a sorts first and is otherwise identical: only the shortfall can make w-b the choice.
    const data = input(
      [request('r-1', { hoursPerWeek: 24, weeks: [0, 1] })],
      [worker('w-a'), worker('w-b', { guaranteedHours: 24, pastEmployerIds: ['emp-park'] })],
    );
    const result = await solveChecked(data);
    expect(result.status).toBe('optimal');
    expect(result.proposals).toHaveLength(1);
    expect(result.proposals[0]).toMatchObject({ workerId: 'w-b', weekStarts: [week(0), week(1)], reasons: { shortfallHoursCovered: 48 } });
    expect(result.proposals[0].explanation).toContain('covers 48 h of guaranteed-hours shortfall');
  });

  it('of two workers with the same shortfall, prefers the one the pool released (site closed) over one with fewer hours so far', async () => {
    // w-a has worked fewer hours (fairness) and is closer; w-b's park closed, which released them for these weeks.
    const shortfall = { guaranteedHours: 24, skills: ['schoonmaak'] };
    const data = input(
      [request('r-1', { hoursPerWeek: 24, weeks: [0, 1, 2] })],
      [
        worker('w-a', { ...shortfall, hoursWorkedSoFar: 0 }),
        worker('w-b', {
          ...shortfall,
          homeArea: 'Hengelo',
          hoursWorkedSoFar: 900,
          pastEmployerIds: ['emp-park'],
          releasedWeeks: [0, 1, 2],
        }),
        worker('w-c', { hoursWorkedSoFar: 450 }),
      ],
    );
    const result = await solveChecked(data);
    expect(result.proposals).toHaveLength(1);
    expect(result.proposals[0]).toMatchObject({ workerId: 'w-b', reasons: { releasedWeeks: 3, shortfallHoursCovered: 72 } });
    expect(result.proposals[0].explanation).toContain('released by the pool (placement ended or site closed) in all of these weeks');
    expect(result.breakdown).toMatchObject({ releasedHours: 72, released: 72 });
    // Without the released weight, fairness and travel decide: w-a.
    expect((await solveChecked(data, { released: 0 })).proposals[0].workerId).toBe('w-a');
    expect(greedy(data).proposals[0].workerId).toBe('w-b');
  });

  it('never proposes a worker without the required skill, even when closer or with a shortfall', async () => {
    const data = input(
      [request('r-1', { skill: 'catering', area: 'Losser', weeks: [0] }), request('r-2', { skill: 'beveiliging', weeks: [0] })],
      [
        worker('w-near', { skills: ['schoonmaak'], homeArea: 'Losser', guaranteedHours: 16 }),
        worker('w-far', { skills: ['catering'], homeArea: 'Hengelo' }),
      ],
    );
    const result = await solveChecked(data);
    expect(placed(result)).toEqual([`w-far@r-1@${week(0)}`]);
  });

  it('never fills a request week beyond its open places', async () => {
    const demand = [
      {
        ...request('r-1', { weeks: [0, 1] }),
        weeks: [
          { weekStart: week(0), openHeadcount: 2 },
          { weekStart: week(1), openHeadcount: 1 },
        ],
      },
    ];
    const workers = ['w-1', 'w-2', 'w-3', 'w-4', 'w-5'].map((id) => worker(id, { guaranteedHours: 16 }));
    const result = await solveChecked(input(demand, workers));
    const perWeek = (w: string) => result.proposals.filter((p) => p.weekStarts.includes(w)).length;
    expect(perWeek(week(0))).toBe(2);
    expect(perWeek(week(1))).toBe(1);
  });

  it('keeps committed hours: contract maximum, the 60-hour week and availability all count them', async () => {
    const commitment = (i: number, hours: number) => ({ weekStart: week(i), hours, employerId: 'emp-other', placementId: `pl-${i}` });
    const data = input(
      [request('r-1', { hoursPerWeek: 12, weeks: [0, 1], openHeadcount: 3 })],
      [
        worker('w-max', { contractMaxHours: 32, commitments: [commitment(0, 24)] }), // 24 + 12 > 32 in week 0 only
        worker('w-act', { contractMaxHours: 70, commitments: [commitment(0, 50), commitment(1, 50)] }), // 50 + 12 > 60
        worker('w-avail', { contractMaxHours: 40, availableHours: [20, 20, 20, 20], commitments: [commitment(0, 10), commitment(1, 10)] }), // 10 free
      ],
    );
    const result = await solveChecked(data);
    expect(placed(result)).toEqual([`w-max@r-1@${week(1)}`]);
  });

  it('proposes nothing for a week the site is closed (not in the demand)', async () => {
    const data = input([request('r-1', { weeks: [0, 2] })], [worker('w-1', { guaranteedHours: 16 })]);
    const result = await solveChecked(data);
    expect(placed(result)).toEqual([`w-1@r-1@${week(0)}`, `w-1@r-1@${week(2)}`]);
    expect(result.proposals.map((p) => p.weekStarts)).toEqual([[week(0)], [week(2)]]); // two runs: the closure splits them
  });

  it('keeps one worker with one employer across consecutive weeks when that costs nothing', async () => {
    // Two identical workers, one place for four weeks, then the same employer's second request.
    const data = input(
      [request('r-1', { weeks: [0, 1, 2, 3] }), request('r-2', { weeks: [4, 5], skill: 'schoonmaak' })],
      [worker('w-1', { weeks: 6 }), worker('w-2', { weeks: 6 })],
    );
    const result = await solveChecked(data);
    expect(result.status).toBe('optimal');
    expect(new Set(result.proposals.map((p) => p.workerId)).size).toBe(1);
    expect(result.breakdown.newRelationships).toBe(1);
    expect(result.proposals.find((p) => p.requestId === 'r-1')?.reasons.consecutiveWeeks).toBe(4);
  });

  it('sends a worker back to an employer they worked for before', async () => {
    const data = input(
      [request('r-1', { employerId: 'emp-a', weeks: [0, 1] })],
      [worker('w-1'), worker('w-2', { pastEmployerIds: ['emp-a'] })],
    );
    const result = await solveChecked(data);
    expect(result.proposals).toEqual([
      expect.objectContaining({ workerId: 'w-2', reasons: expect.objectContaining({ continuity: 'returning' }) }),
    ]);
  });

  it('changing a weight moves the choice in the expected direction', async () => {
    // w-near lives 3 km away without shortfall; w-far lives 30 km away and is 8 h short a week.
    const data = input(
      [request('r-1', { area: 'Enschede', hoursPerWeek: 16, weeks: [0] })],
      [worker('w-near', { homeArea: 'Enschede' }), worker('w-far', { homeArea: 'Almelo', guaranteedHours: 8 })],
    );
    expect((await solveChecked(data)).proposals[0].workerId).toBe('w-far'); // 8 shortfall hours beat 27 km × 0.05
    expect((await solveChecked(data, { travel: 1 })).proposals[0].workerId).toBe('w-near'); // 27 km × 1 beats them
    expect((await solveChecked(data, { travel: 1, shortfall: 4 })).proposals[0].workerId).toBe('w-far'); // 32 beats 27
  });

  it('prefers fewer employers in one worker week', async () => {
    // w-1 already works for emp-a in week 0; emp-a's 8 h request suits w-1, emp-b's suits w-2.
    const data = input(
      [
        request('r-a', { employerId: 'emp-a', hoursPerWeek: 8, weeks: [0] }),
        request('r-b', { employerId: 'emp-b', hoursPerWeek: 8, weeks: [0] }),
      ],
      [
        worker('w-1', { contractMaxHours: 40, commitments: [{ weekStart: week(0), hours: 16, employerId: 'emp-a' }] }),
        worker('w-2', { contractMaxHours: 40, commitments: [{ weekStart: week(0), hours: 16, employerId: 'emp-b' }] }),
      ],
    );
    const result = await solveChecked(data);
    expect(placed(result)).toEqual([`w-1@r-a@${week(0)}`, `w-2@r-b@${week(0)}`]);
    expect(result.breakdown.extraEmployerWeeks).toBe(0);
  });

  it('gives the same proposals for the same input and weights, whatever the order of the facts', async () => {
    const data = generatePool(11, { workers: 40, requests: 10, weeks: 6 });
    const shuffled: AllocationInput = { ...data, workers: [...data.workers].reverse(), demand: [...data.demand].reverse() };
    const first = await solveChecked(data);
    const second = await solveChecked(data);
    const third = await solveChecked(shuffled);
    expect(second.proposals).toEqual(first.proposals);
    expect(third.proposals).toEqual(first.proposals);
    expect(third.inputHash).toBe(first.inputHash);
    expect((await solveChecked(data, { travel: 0.06 })).inputHash).not.toBe(first.inputHash);
  });
});

describe('solve: edge cases', () => {
  it('returns an empty, optimal plan when nothing can be proposed', async () => {
    for (const data of [
      input([], []),
      input([request('r-1', { openHeadcount: 0 })], [worker('w-1')]),
      input([request('r-1', { skill: 'receptie' })], [worker('w-1')]),
    ]) {
      const result = await solveChecked(data);
      expect(result).toMatchObject({ status: 'optimal', proposals: [], objective: 0, bound: 0 });
    }
  });
});

describe('solve: a generated pool', () => {
  // Week by week (no places): a MIP HiGHS proves in seconds; places.spec.ts solves pools with places.
  const pool = generatePool(7, { workers: 70, requests: 16, weeks: 8 });
  const data: AllocationInput = { ...pool, demand: pool.demand.map(({ places: _places, ...d }) => d) };

  it('full MIP: every hard constraint holds, optimal, and at least as good as the greedy', async () => {
    const result = await solveChecked(data);
    const baseline = greedy(data);
    expect(checkProposals(data, baseline)).toEqual([]);
    expect(baseline.objective).toBeCloseTo(objectiveOf(data, {}, baseline.proposals), 6);
    expect(result.model?.mode).toBe('full');
    expect(['optimal', 'within_gap']).toContain(result.status);
    expect(result.objective).toBeGreaterThanOrEqual(baseline.objective - 1e-6);
    expect(result.proposals.length).toBeGreaterThan(10);
  });

  it('decomposed: valid proposals, solver objective = objectiveOf, and its Lagrangian bound is above the true optimum', async () => {
    const exact = await solveChecked(data, {}, 'full');
    const decomposed = await solveChecked(data, {}, 'decomposed');
    expect(decomposed.model?.mode).toBe('decomposed');
    expect(decomposed.objective).toBeGreaterThanOrEqual(greedy(data).objective - 1e-6);
    expect(decomposed.objective).toBeLessThanOrEqual(exact.objective + 1e-6);
    // The relaxation bounds every feasible plan, so also the optimum HiGHS proved.
    expect(decomposed.bound!).toBeGreaterThanOrEqual(exact.objective - 1e-6);
  });
});

describe('greedy', () => {
  it('is deterministic and checked like the MIP', () => {
    const data = generatePool(3, { workers: 30, requests: 8, weeks: 5 });
    const a = greedy(data);
    expect(greedy(data).proposals).toEqual(a.proposals);
    expect(checkProposals(data, a)).toEqual([]);
    expect(a.status).toBe('heuristic');
  });

  it('uses the distance table both ways and the travel cut-off', () => {
    const data = input([request('r-1', { area: 'Losser', weeks: [0] })], [worker('w-almelo', { homeArea: 'Almelo' })], { maxTravelKm: 30 });
    expect(DISTANCES.Almelo.Losser).toBe(38);
    expect(greedy(data).proposals).toEqual([]);
    expect(greedy({ ...data, maxTravelKm: 40 }).proposals).toHaveLength(1);
  });
});
