import { fold } from '../shared/decider.js';
import { given } from '../shared/given-when-then.js';
import type { StatePlacementLimits } from './employer.commands.js';
import { employerDecider, placementLimitsOn } from './employer.decider.js';
import type { EmployerEvent } from './employer.events.js';

const joined: EmployerEvent = {
  type: 'EmployerJoinedPool',
  data: { employerId: 'transport-bv', name: 'Transport BV', memberFrom: '2026-01-01' },
};
const state = (overrides: Partial<StatePlacementLimits> = {}): StatePlacementLimits => ({
  type: 'StatePlacementLimits',
  maxPlacementMonths: 23,
  from: '2026-07-01',
  reason: 'Our CAO takes a hired worker for at most 23 months',
  ...overrides,
});
const stated = (overrides: Partial<Extract<EmployerEvent, { type: 'PlacementLimitsStated' }>['data']> = {}): EmployerEvent => ({
  type: 'PlacementLimitsStated',
  data: {
    employerId: 'transport-bv',
    maxPlacementMonths: 23,
    from: '2026-07-01',
    reason: 'Our CAO takes a hired worker for at most 23 months',
    ...overrides,
  },
});

describe('StatePlacementLimits', () => {
  it('states the limits from a date', () => given(employerDecider, [joined]).when(state()).then([stated()]));

  it('states a maximum per worker over successive placements', () =>
    given(employerDecider, [joined])
      .when(state({ maxWorkerMonths: 36 }))
      .then([stated({ maxWorkerMonths: 36 })]));

  it('stating the same again changes nothing', () => given(employerDecider, [joined, stated()]).when(state()).then([]));

  it('refuses limits from before the latest statement', () =>
    given(employerDecider, [joined, stated()])
      .when(state({ from: '2026-03-01' }))
      .thenRefused('placement_limits_out_of_order', { message: 'from 2026-07-01' }));

  it('refuses a maximum per worker below the maximum per placement', () =>
    given(employerDecider, [joined])
      .when(state({ maxWorkerMonths: 12 }))
      .thenRefused('invalid_placement_limits'));

  it.each([0, 1.5, 1201])('refuses a maximum of %s months', (months) =>
    given(employerDecider, [joined])
      .when(state({ maxPlacementMonths: months }))
      .thenRefused('invalid_months'),
  );

  it('refuses limits outside the membership', () =>
    given(employerDecider, [joined])
      .when(state({ from: '2025-12-31' }))
      .thenRefused('outside_membership'));

  it('applies to placements starting on or after its date, until the next; one from the same date replaces it', () => {
    const employer = fold(employerDecider, [
      joined,
      stated(),
      stated({ from: '2027-01-01', maxPlacementMonths: 12 }),
      stated({ from: '2027-01-01', maxPlacementMonths: undefined, reason: 'Limits lifted' }),
    ]);
    expect(placementLimitsOn(employer, '2026-06-30')).toBeUndefined();
    expect(placementLimitsOn(employer, '2026-12-31')?.maxPlacementMonths).toBe(23);
    expect(placementLimitsOn(employer, '2027-01-01')).toEqual({
      from: '2027-01-01',
      maxPlacementMonths: undefined,
      maxWorkerMonths: undefined,
      reason: 'Limits lifted',
    });
  });
});
