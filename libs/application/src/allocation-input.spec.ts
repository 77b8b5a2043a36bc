import { checkProposals, DEFAULT_WEIGHTS, inputHash, solve } from '@banenpool/allocation';
import type { AllocationScope } from '@banenpool/domain';
import { availableHoursIn, buildAllocationInput, type AllocationFacts } from './allocation-input.js';
import { winterRequest, worker } from './allocation.fixtures.js';

// Three November weeks at Visschedijk Hengelo; the site closes on Friday 13 November.
const scope: AllocationScope = { fromWeek: '2026-11-02', toWeek: '2026-11-16', employerIds: [], requestIds: [] };
const W1 = '2026-11-02';
const W2 = '2026-11-09';
const W3 = '2026-11-16';

const facts: AllocationFacts = {
  requests: [winterRequest({ [W1]: 3, [W2]: 3, [W3]: 1 })],
  sites: [
    {
      employerId: 'visschedijk',
      siteId: 'hengelo',
      area: 'hengelo',
      membership: { from: '2026-01-01' },
      closures: [{ from: '2026-11-13', to: '2026-11-13' }],
    },
  ],
  workers: [
    worker('anna', {
      // Worked the summer at the park; 8 h at the taxi company in the first week.
      placementWeeks: [
        { placementId: 'anna-park', employerId: 'waarbeek', weekStart: '2026-10-26', hours: 32 },
        { placementId: 'anna-taxi', employerId: 'taxi', weekStart: W1, hours: 8 },
      ],
    }),
    worker('bram', {
      availability: {
        kind: 'by_weekday',
        hoursByWeekday: { monday: 8, tuesday: 8, wednesday: 8 },
        unavailable: [{ from: '2026-11-16', to: '2026-11-16' }],
      },
      // A fixed-term contract that ends mid-way through the third week.
      contracts: [{ period: { from: '2026-03-01', to: '2026-11-18' }, guaranteedHoursPerWeek: 16, maxHoursPerWeek: 24 }],
    }),
  ],
};

describe('the allocation input built from read-model facts', () => {
  const input = buildAllocationInput(facts, scope);

  it('offers only open weeks: never a week touching a closure, never more places than the request can still take', () => {
    expect(input.demand).toEqual([
      expect.objectContaining({
        requestId: 'vd-winter',
        area: 'hengelo',
        skill: 'cleaning',
        hoursPerWeek: 24,
        // Week 2 has the closure; 3 asked, 1 place already held over the request, so 2 at most.
        weeks: [
          { weekStart: W1, openHeadcount: 2 },
          { weekStart: W3, openHeadcount: 1 },
        ],
      }),
    ]);
  });

  it('drops the weeks of a request at a site the employer does not have (or left)', () => {
    expect(buildAllocationInput({ ...facts, sites: [] }, scope).demand).toEqual([]);
    const left = { ...facts, sites: [{ ...facts.sites[0], membership: { from: '2026-01-01', to: '2026-11-08' } }] };
    // Membership ends on Sunday 8 November: only the first week is inside it.
    expect(buildAllocationInput(left, scope).demand[0].weeks).toEqual([{ weekStart: W1, openHeadcount: 2 }]);
  });

  it('gives each worker the weeks a contract covers, capped by its maximum, with confirmed hours, past employers and hours so far', () => {
    const [anna, bram] = input.workers;
    expect(anna).toMatchObject({
      contractMaxHours: 32,
      guaranteedHours: 24,
      availability: [W1, W2, W3].map((weekStart) => ({ weekStart, availableHours: 32 })),
      commitments: [{ weekStart: W1, hours: 8, employerId: 'taxi', placementId: 'anna-taxi' }],
      pastEmployerIds: ['waarbeek'],
      hoursWorkedSoFar: 32,
    });
    // The third week is not wholly covered by Bram's contract.
    expect(bram).toMatchObject({ contractMaxHours: 24, guaranteedHours: 16, commitments: [], pastEmployerIds: [], hoursWorkedSoFar: 0 });
    expect(bram.availability).toEqual([W1, W2].map((weekStart) => ({ weekStart, availableHours: 24 })));
  });

  it('takes unavailable days off the available hours', () => {
    const byWeekday = facts.workers[1].availability;
    expect(availableHoursIn(byWeekday, W3)).toBe(16);
    expect(
      availableHoursIn({ kind: 'hours_per_week', hoursPerWeek: 40, unavailable: [{ from: '2026-11-02', to: '2026-11-04' }] }, W1),
    ).toBe(22.75);
    expect(
      availableHoursIn({ kind: 'hours_per_week', hoursPerWeek: 40, unavailable: [{ from: '2026-10-01', to: '2026-12-01' }] }, W1),
    ).toBe(0);
  });

  it('uses the Twente distances by lowercase area', () => {
    expect(input.distancesKm.hengelo.enschede).toBeGreaterThan(5);
    expect(input.distancesKm.hengelo.enschede).toBe(input.distancesKm.enschede.hengelo);
  });

  it('same facts in another order and the same weights: the same input hash and the same proposals', async () => {
    const shuffled: AllocationFacts = { ...facts, workers: [...facts.workers].reverse(), requests: [...facts.requests] };
    const again = buildAllocationInput(shuffled, scope);
    expect(inputHash(again, DEFAULT_WEIGHTS)).toBe(inputHash(input, DEFAULT_WEIGHTS));
    const first = await solve(input, DEFAULT_WEIGHTS, { timeLimitSeconds: 5 });
    const second = await solve(again, DEFAULT_WEIGHTS, { timeLimitSeconds: 5 });
    expect(first.proposals.length).toBeGreaterThan(0);
    expect(second.proposals).toEqual(first.proposals);
    expect(checkProposals(input, first)).toEqual([]);
    // Anna has 24 h free in week 1 after her 8 taxi hours (32 max): she fits; nobody is placed in the closed week.
    expect(first.proposals.flatMap((p) => p.weekStarts)).not.toContain(W2);
  });
});
