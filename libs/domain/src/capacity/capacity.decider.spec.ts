import type { SiteFacts } from '../employer/site-facts.js';
import { fold } from '../shared/decider.js';
import { given } from '../shared/given-when-then.js';
import type { AmendCapacityRequest, RequestCapacity } from './capacity.commands.js';
import { capacityDecider, openSlots } from './capacity.decider.js';
import { capacityStreamId, type CapacityEvent } from './capacity.events.js';

/** Visschedijk's office site, a member since 2024, closed for the Christmas week of 2025. */
const officeFacts: SiteFacts = {
  siteId: 'office',
  membership: { from: '2024-01-01' },
  siteExists: true,
  closures: [{ siteId: 'office', period: { from: '2025-12-22', to: '2025-12-28' }, reason: 'Christmas' }],
};
const winter = { from: '2026-01-05', to: '2026-03-29' };

const requestCapacity = (overrides: Partial<RequestCapacity> = {}): RequestCapacity => ({
  type: 'RequestCapacity',
  requestId: 'vd-winter',
  employerId: 'visschedijk',
  siteId: 'office',
  functionName: 'cleaner',
  requiredSkill: 'cleaning',
  period: winter,
  hoursPerWeek: 24,
  headcount: 2,
  site: officeFacts,
  ...overrides,
});
const requested: CapacityEvent = {
  type: 'CapacityRequested',
  data: {
    requestId: 'vd-winter',
    employerId: 'visschedijk',
    siteId: 'office',
    functionName: 'cleaner',
    requiredSkill: 'cleaning',
    period: winter,
    hoursPerWeek: 24,
    headcount: 2,
  },
};
const reserved = (placementId: string): CapacityEvent => ({ type: 'CapacitySlotReserved', data: { requestId: 'vd-winter', placementId } });
const released = (placementId: string): CapacityEvent => ({ type: 'CapacitySlotReleased', data: { requestId: 'vd-winter', placementId } });
const withdrawn: CapacityEvent = { type: 'CapacityRequestWithdrawn', data: { requestId: 'vd-winter', reason: 'Contract lost' } };
const amend = (overrides: Partial<AmendCapacityRequest> = {}): AmendCapacityRequest => ({
  type: 'AmendCapacityRequest',
  period: winter,
  hoursPerWeek: 24,
  headcount: 3,
  site: officeFacts,
  ...overrides,
});

describe('capacity request stream', () => {
  it('has stream ids capacity-<id>', () => expect(capacityStreamId('vd-winter')).toBe('capacity-vd-winter'));

  describe('RequestCapacity', () => {
    it('requests capacity for a period the site is open', () => given(capacityDecider, []).when(requestCapacity()).then([requested]));

    it('refuses a request id that exists', () =>
      given(capacityDecider, [requested]).when(requestCapacity()).thenRefused('capacity_request_exists', { kind: 'conflict' }));

    it.each<[string, Partial<RequestCapacity>, string]>([
      ['from an employer that is not a member', { site: { ...officeFacts, membership: undefined } }, 'not_a_member'],
      ['for a site the employer does not have', { site: { ...officeFacts, siteExists: false } }, 'unknown_site'],
      [
        'for a period after the employer left',
        { site: { ...officeFacts, membership: { from: '2024-01-01', to: '2026-02-28' } } },
        'outside_membership',
      ],
      ['overlapping a closure of the site', { period: { from: '2025-12-01', to: '2026-01-31' } }, 'site_closed'],
      ['for no one', { headcount: 0 }, 'invalid_headcount'],
      ['for half a person', { headcount: 1.5 }, 'invalid_headcount'],
      ['for more than 60 hours a week', { hoursPerWeek: 61 }, 'invalid_hours'],
      ['without a required skill', { requiredSkill: '' }, 'missing_text'],
    ])('refuses a request %s', (_, overrides, code) => given(capacityDecider, []).when(requestCapacity(overrides)).thenRefused(code));
  });

  describe('AmendCapacityRequest', () => {
    it('amends period, hours and headcount', () =>
      given(capacityDecider, [requested])
        .when(amend({ period: { from: '2026-01-05', to: '2026-04-26' }, hoursPerWeek: 28 }))
        .then([
          {
            type: 'CapacityRequestAmended',
            data: { requestId: 'vd-winter', period: { from: '2026-01-05', to: '2026-04-26' }, hoursPerWeek: 28, headcount: 3 },
          },
        ]));

    it('may lower the headcount to the places filled, not below', () => {
      const filled = [requested, reserved('p1'), reserved('p2')];
      given(capacityDecider, filled)
        .when(amend({ headcount: 2 }))
        .then([{ type: 'CapacityRequestAmended', data: { requestId: 'vd-winter', period: winter, hoursPerWeek: 24, headcount: 2 } }]);
      given(capacityDecider, filled)
        .when(amend({ headcount: 1 }))
        .thenRefused('headcount_below_filled', { message: '2 places' });
    });

    it('checks an amended period like a new one', () =>
      given(capacityDecider, [requested])
        .when(amend({ period: { from: '2025-12-15', to: '2026-03-29' } }))
        .thenRefused('site_closed'));

    it('refuses amending a withdrawn request', () =>
      given(capacityDecider, [requested, withdrawn]).when(amend()).thenRefused('request_withdrawn'));

    it('refuses a request that does not exist', () =>
      given(capacityDecider, []).when(amend()).thenRefused('capacity_request_not_found', { kind: 'not_found' }));
  });

  describe('WithdrawCapacityRequest', () => {
    it('withdraws a request, even one with places filled', () =>
      given(capacityDecider, [requested, reserved('p1')])
        .when({ type: 'WithdrawCapacityRequest', reason: 'Contract lost' })
        .then([withdrawn]));

    it('refuses withdrawing twice', () =>
      given(capacityDecider, [requested, withdrawn])
        .when({ type: 'WithdrawCapacityRequest', reason: 'Again' })
        .thenRefused('already_withdrawn'));

    it('refuses a withdrawal without a reason', () =>
      given(capacityDecider, [requested]).when({ type: 'WithdrawCapacityRequest', reason: '' }).thenRefused('missing_text'));
  });

  describe('ReserveSlot', () => {
    it('fills a place for a placement', () =>
      given(capacityDecider, [requested])
        .when({ type: 'ReserveSlot', placementId: 'p1' })
        .then([reserved('p1')]));

    it('the same placement again changes nothing', () =>
      given(capacityDecider, [requested, reserved('p1')])
        .when({ type: 'ReserveSlot', placementId: 'p1' })
        .then([]));

    it('refuses when every place is filled: never over-filled', () =>
      given(capacityDecider, [requested, reserved('p1'), reserved('p2')])
        .when({ type: 'ReserveSlot', placementId: 'p3' })
        .thenRefused('request_full', { message: 'All 2 places' }));

    it('refuses filling a withdrawn request', () =>
      given(capacityDecider, [requested, withdrawn]).when({ type: 'ReserveSlot', placementId: 'p1' }).thenRefused('request_withdrawn'));
  });

  describe('ReleaseSlot', () => {
    it('frees the place of a placement, which can then be filled again', () => {
      const full = [requested, reserved('p1'), reserved('p2')];
      given(capacityDecider, full)
        .when({ type: 'ReleaseSlot', placementId: 'p1' })
        .then([released('p1')]);
      given(capacityDecider, [...full, released('p1')])
        .when({ type: 'ReserveSlot', placementId: 'p3' })
        .then([reserved('p3')]);
    });

    it('a placement without a place changes nothing', () =>
      given(capacityDecider, [requested, reserved('p1')])
        .when({ type: 'ReleaseSlot', placementId: 'p9' })
        .then([]));

    it('frees a place of a withdrawn request too', () =>
      given(capacityDecider, [requested, reserved('p1'), withdrawn])
        .when({ type: 'ReleaseSlot', placementId: 'p1' })
        .then([released('p1')]));
  });

  it('openSlots counts the places still to fill, none once withdrawn', () => {
    expect(openSlots(fold(capacityDecider, [requested, reserved('p1')]))).toBe(1);
    expect(openSlots(fold(capacityDecider, [requested, reserved('p1'), withdrawn]))).toBe(0);
    expect(openSlots(fold(capacityDecider, []))).toBe(0);
  });
});
