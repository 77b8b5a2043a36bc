import { addDays } from '@banenpool/domain';
import { input, request, week, worker } from './allocation.fixtures.js';
import type { AllocationProposal, AllocationResult } from './allocation.types.js';
import { AllocationInputError, inputHash } from './canonical.js';
import { checkProposals } from './check.js';
import { greedy } from './greedy.js';

const data = input(
  [request('r-1', { hoursPerWeek: 16, weeks: [0, 2], openHeadcount: 1 }), request('r-cat', { skill: 'catering', weeks: [0] })],
  [
    worker('w-1', { contractMaxHours: 24, availableHours: 40, commitments: [{ weekStart: week(0), hours: 12, employerId: 'emp-x' }] }),
    worker('w-2', { contractMaxHours: 70, availableHours: 70, commitments: [{ weekStart: week(2), hours: 50, employerId: 'emp-x' }] }),
    worker('w-3', { availableHours: [8, 32, 32, 32] }),
  ],
);

const proposal = (workerId: string, requestId: string, weeks: number[], extra: Partial<AllocationProposal> = {}): AllocationProposal => ({
  proposalId: `${requestId}:${workerId}:${week(weeks[0])}`,
  workerId,
  requestId,
  employerId: 'emp-facility',
  siteId: 'emp-facility-site',
  hoursPerWeek: 16,
  weekStarts: weeks.map(week),
  from: week(weeks[0]),
  to: addDays(week(weeks[weeks.length - 1]), 6),
  reasons: {
    skill: 'schoonmaak',
    shortfallHoursCovered: 0,
    releasedWeeks: 0,
    continuity: 'new',
    consecutiveWeeks: weeks.length,
    distanceKm: 3,
    homeArea: 'Enschede',
    siteArea: 'Enschede',
  },
  explanation: '',
  ...extra,
});

const result = (proposals: AllocationProposal[]): Pick<AllocationResult, 'proposals' | 'inputHash' | 'weights'> => ({
  proposals,
  inputHash: inputHash(data),
  weights: greedy(data).weights,
});

const codes = (proposals: AllocationProposal[]) =>
  checkProposals(data, result(proposals))
    .map((v) => v.code)
    .sort();

describe('checkProposals', () => {
  it('accepts valid proposals', () => {
    expect(codes([proposal('w-3', 'r-1', [2])])).toEqual([]);
  });

  it('flags each broken rule', () => {
    expect(codes([proposal('w-1', 'r-1', [0])])).toEqual(['over_contract_max']); // 12 + 16 > 24
    expect(codes([proposal('w-2', 'r-1', [2])])).toEqual(['over_working_hours_act']); // 50 + 16 > 60
    expect(codes([proposal('w-3', 'r-1', [0])])).toEqual(['over_availability']); // 8 available
    expect(codes([proposal('w-3', 'r-1', [1])])).toEqual(['no_open_demand']); // week 1: site closed
    expect(codes([proposal('w-2', 'r-cat', [0], { employerId: 'emp-facility', siteId: 'emp-facility-site' })])).toEqual(['missing_skill']);
    expect(codes([proposal('w-3', 'r-1', [2], { hoursPerWeek: 8 })])).toEqual(['hours_mismatch']);
    expect(codes([proposal('w-3', 'r-1', [0, 2])])).toEqual(['malformed_proposal', 'over_availability']); // not consecutive
    expect(codes([proposal('w-9', 'r-1', [2])])).toEqual(['unknown_worker']);
    expect(codes([proposal('w-3', 'r-1', [2]), proposal('w-2', 'r-1', [2], { proposalId: 'other' })].slice(0, 2))).toContain('over_filled');
    expect(codes([proposal('w-3', 'r-1', [2]), proposal('w-3', 'r-1', [2], { proposalId: 'again' })])).toEqual(
      expect.arrayContaining(['duplicate_assignment', 'over_filled']),
    );
  });

  it('flags proposals made for another snapshot', () => {
    const stale = { ...result([proposal('w-3', 'r-1', [2])]), inputHash: 'f'.repeat(64) };
    expect(checkProposals(data, stale).map((v) => v.code)).toEqual(['stale_input']);
  });

  it('flags the travel cut-off', () => {
    const far = input([request('r-1', { area: 'Losser', weeks: [0] })], [worker('w-1', { homeArea: 'Almelo' })], { maxTravelKm: 30 });
    const violations = checkProposals(far, {
      proposals: [proposal('w-1', 'r-1', [0])],
      inputHash: inputHash(far),
      weights: greedy(far).weights,
    });
    expect(violations.map((v) => v.code)).toEqual(['over_travel_cutoff']);
  });
});

describe('input hash and validation', () => {
  it('is the same for the same facts in another order and changes with the facts', () => {
    const reordered = { ...data, workers: [...data.workers].reverse() };
    expect(inputHash(reordered)).toBe(inputHash(data));
    expect(inputHash(data, { fill: 2 })).not.toBe(inputHash(data));
    const changed = { ...data, workers: data.workers.map((w) => (w.workerId === 'w-3' ? { ...w, hoursWorkedSoFar: 101 } : w)) };
    expect(inputHash(changed)).not.toBe(inputHash(data));
  });

  it('refuses a week that is not a Monday, duplicate ids and negative hours', () => {
    expect(() => inputHash(input([{ ...request('r-1'), weeks: [{ weekStart: '2026-11-03', openHeadcount: 1 }] }], []))).toThrow(
      AllocationInputError,
    );
    expect(() => inputHash(input([request('r-1'), request('r-1')], []))).toThrow(/Duplicate requestId/);
    expect(() => inputHash(input([], [worker('w-1', { contractMaxHours: -1 })]))).toThrow(AllocationInputError);
  });
});
