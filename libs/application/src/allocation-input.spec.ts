import { checkProposals, DEFAULT_WEIGHTS, inputHash, solve } from '@banenpool/allocation';
import { resolveLocation, type AllocationScope, type LocationQuery } from '@banenpool/domain';
import { availableHoursIn, buildAllocationInput, unplaceableIn, type AllocationFacts } from './allocation-input.js';
import { HENGELO, winterRequest, worker } from './allocation.fixtures.js';

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
      location: HENGELO,
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
        // The site's place as the distance table and the explanations name it: its name and its point.
        area: 'hengelo (52.27, 6.79)',
        skill: 'cleaning',
        hoursPerWeek: 24,
        // Week 2 has the closure; 3 asked, 1 place already held over the request, so 2 at most.
        weeks: [
          { weekStart: W1, openHeadcount: 2 },
          { weekStart: W3, openHeadcount: 1 },
        ],
        // The places left for the whole request: the engine counts one per proposal, as the capacity stream per placement.
        places: 2,
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

  it('frees a worker in the weeks a closure declared after their confirmed placement took from it, and counts them as released', () => {
    // Cem's 24 h at the park run all three weeks; the park closed under it in weeks 2 and 3 (week 1 is also worked on open days).
    const park = (weekStart: string) => ({ placementId: 'cem-park', employerId: 'waarbeek', weekStart, hours: 24 });
    const cem = worker('cem', {
      placementWeeks: [park('2026-10-26'), park(W1), park(W2), park(W3)],
      releasedWeeks: [W3],
      closedPlacementWeeks: [
        { placementId: 'cem-park', weekStart: W2 },
        { placementId: 'cem-park', weekStart: W3 },
      ],
    });
    const [supply] = buildAllocationInput({ ...facts, workers: [cem] }, scope).workers;
    expect(supply).toMatchObject({
      commitments: [{ weekStart: W1, hours: 24, employerId: 'waarbeek', placementId: 'cem-park' }],
      releasedWeeks: [W2, W3],
      pastEmployerIds: ['waarbeek'],
      hoursWorkedSoFar: 24,
    });
    // Only that placement's weeks: another placement in a freed week still takes its hours.
    const taxi = { placementId: 'cem-taxi', employerId: 'taxi', weekStart: W2, hours: 8 };
    const withTaxi = { ...cem, placementWeeks: [...cem.placementWeeks, taxi] };
    const [taxiSupply] = buildAllocationInput({ ...facts, workers: [withTaxi] }, scope).workers;
    expect(taxiSupply.commitments).toEqual([
      { weekStart: W1, hours: 24, employerId: 'waarbeek', placementId: 'cem-park' },
      { weekStart: W2, hours: 8, employerId: 'taxi', placementId: 'cem-taxi' },
    ]);
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

describe('distances computed from where workers live and sites stand', () => {
  /** As registration records it: the postcode's town from the table of places, or the coordinates given. */
  const at = (query: LocationQuery) => {
    const resolved = resolveLocation(query);
    if (!resolved.ok) throw new Error(resolved.message);
    return { location: resolved.location, area: resolved.area };
  };
  const zwolleSite = {
    employerId: 'visschedijk',
    siteId: 'zwolle',
    membership: { from: '2026-01-01' },
    closures: [],
    ...at({ postcode: '8011 AB' }),
  };
  const living = (workerId: string, query: LocationQuery) => {
    const { location, area } = at(query);
    return worker(workerId, { homeArea: area, location });
  };
  const ijsselFacts: AllocationFacts = {
    requests: [winterRequest({ [W1]: 3, [W2]: 3, [W3]: 3 }, { headcount: 4, siteId: 'zwolle' })],
    sites: [zwolleSite],
    workers: [
      living('zwolle', { postcode: '8017 AB' }),
      living('kampen', { postcode: '8261AB' }),
      living('maastricht', { postcode: '6211 AB' }),
    ],
  };

  it('puts two workers of neighbouring towns outside Twente (Zwolle, Kampen) within reach of a Zwolle site', async () => {
    const ijssel = buildAllocationInput(ijsselFacts, scope);
    const site = ijssel.demand[0].area;
    expect(site).toBe('Zwolle (52.51, 6.09)');
    expect(ijssel.distancesKm['Zwolle (52.51, 6.09)'][site]).toBe(0);
    expect(ijssel.distancesKm['Kampen (52.56, 5.91)'][site]).toBe(17); // 13.4 km as the crow flies
    expect(ijssel.distancesKm['Maastricht (50.85, 5.69)'][site]).toBeGreaterThan(200);
    const { proposals } = await solve(ijssel, DEFAULT_WEIGHTS, { timeLimitSeconds: 5 });
    expect(new Set(proposals.map((p) => p.workerId))).toEqual(new Set(['zwolle', 'kampen']));
    expect(proposals.find((p) => p.workerId === 'kampen')?.explanation).toContain(
      '17 km from Kampen (52.56, 5.91) to Zwolle (52.51, 6.09)',
    );
  });

  it('keys a worker who gave exact coordinates apart from the town centre', () => {
    const exact = living('exact', { postcode: '8017 AB', coordinates: { lat: 52.53, lon: 6.12 } });
    const { distancesKm } = buildAllocationInput({ ...ijsselFacts, workers: [exact] }, scope);
    expect(distancesKm).toEqual({ 'Zwolle (52.53, 6.12)': { 'Zwolle (52.51, 6.09)': 4 } });
  });

  it('leaves out workers and requested sites without a location, and names them with the reason', () => {
    const unknown = worker('old-timer', { homeArea: 'x', location: undefined });
    const { location: _, ...siteWithoutLocation } = { ...zwolleSite, area: 'Gronau' };
    const both: AllocationFacts = { ...ijsselFacts, workers: [...ijsselFacts.workers, unknown], sites: [siteWithoutLocation] };
    const built = buildAllocationInput(both, scope);
    expect(built.workers.map((w) => w.workerId)).not.toContain('old-timer');
    expect(built.demand).toEqual([]);
    expect(unplaceableIn(both)).toEqual([
      { kind: 'worker', workerId: 'old-timer', reason: expect.stringContaining('home area "x", which the table of places does not know') },
      { kind: 'site', employerId: 'visschedijk', siteId: 'zwolle', reason: expect.stringContaining('area "Gronau"') },
    ]);
    expect(unplaceableIn(ijsselFacts)).toEqual([]);
  });
});
