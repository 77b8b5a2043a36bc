import { checkProposals, DEFAULT_WEIGHTS, objectiveOf, solve } from '@banenpool/allocation';
import type { AllocationScope } from '@banenpool/domain';
import { overRequestPlaces, refusalsOf } from './allocation-acceptance.js';
import { buildAllocationInput, type AllocationFacts } from './allocation-input.js';
import { HENGELO, winterRequest, worker } from './allocation.fixtures.js';

// Three November weeks; the site is closed in the middle one, so a worker kept on the request
// before and after the closure is two placements, and each placement takes a place of the request.
const scope: AllocationScope = { fromWeek: '2026-11-02', toWeek: '2026-11-16', employerIds: [], requestIds: [] };
const facts: AllocationFacts = {
  requests: [winterRequest({ '2026-11-02': 2, '2026-11-09': 2, '2026-11-16': 2 })],
  sites: [
    {
      employerId: 'visschedijk',
      siteId: 'hengelo',
      area: 'hengelo',
      location: HENGELO,
      membership: { from: '2026-01-01' },
      closures: [{ from: '2026-11-11', to: '2026-11-11' }],
    },
  ],
  workers: [worker('anna'), worker('bram')],
};

describe('a run within the places its requests have left', () => {
  const input = buildAllocationInput(facts, scope);

  it('the engine proposes no more placements than the places left, and its gap is its own', async () => {
    const solved = await solve(input, DEFAULT_WEIGHTS, { timeLimitSeconds: 5 });
    // Both workers before and after the closure would be four placements for two places: the engine
    // keeps each on one side of it.
    expect(input.demand[0].places).toBe(2);
    expect(solved.proposals).toHaveLength(2);
    expect(overRequestPlaces(facts, solved.proposals).size).toBe(0);
    expect(checkProposals(input, solved)).toEqual([]);
    expect(solved.objective).toBe(objectiveOf(input, DEFAULT_WEIGHTS, solved.proposals));
    expect(solved.status).toBe('optimal');
  });

  it('finds a result beyond the places an engine fault (the run refuses to record it), never cutting it', async () => {
    const roomy = { ...facts, requests: [{ ...facts.requests[0], headcount: 9 }] };
    const solved = await solve(buildAllocationInput(roomy, scope), DEFAULT_WEIGHTS, { timeLimitSeconds: 5 });
    expect(solved.proposals).toHaveLength(4);
    expect(checkProposals(input, solved).map((v) => v.code)).toContain('over_places');
    expect(overRequestPlaces(facts, solved.proposals).size).toBe(2);
  });

  it('refuses only as many proposals of an overflowing week as it takes for the rest to fit', async () => {
    const roomy = { ...facts, requests: [{ ...facts.requests[0], headcount: 9, reservedSlots: 0 }] };
    const { proposals } = await solve(buildAllocationInput(roomy, scope), DEFAULT_WEIGHTS, { timeLimitSeconds: 5 });
    expect(proposals.filter((p) => p.weekStarts.includes('2026-11-02'))).toHaveLength(2);
    // Meanwhile one place of the first week was filled by hand: one of its two proposals must go.
    const now = { ...roomy, requests: [{ ...roomy.requests[0], openByWeek: { '2026-11-02': 1, '2026-11-09': 2, '2026-11-16': 2 } }] };
    const refusals = refusalsOf(buildAllocationInput(now, scope), now, DEFAULT_WEIGHTS, proposals);
    expect([...refusals.values()].map((r) => r.code)).toEqual(['over_filled']);
    const [refused] = [...refusals.keys()];
    expect(proposals.find((p) => p.proposalId === refused)?.weekStarts).toContain('2026-11-02');
  });
});
