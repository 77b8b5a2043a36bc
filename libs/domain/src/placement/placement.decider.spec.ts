import { fold } from '../shared/decider.js';
import { given } from '../shared/given-when-then.js';
import type { ConfirmPlacement, ExtendPlacement, ProposePlacement } from './placement.commands.js';
import { placementDecider } from './placement.decider.js';
import { placementStreamId, type PlacementEvent } from './placement.events.js';
import { resolvePay } from './placement-pay.js';
import { annaFacts, officeFacts, proposed, schoonmaakFacts, terms } from './placement.fixtures.js';

const propose = (overrides: Partial<ProposePlacement> = {}): ProposePlacement => ({ type: 'ProposePlacement', ...terms, ...overrides });
const confirm = (overrides: Partial<ConfirmPlacement> = {}): ConfirmPlacement => ({
  type: 'ConfirmPlacement',
  worker: annaFacts,
  site: officeFacts,
  cao: schoonmaakFacts,
  ...overrides,
});
const confirmed: PlacementEvent = {
  type: 'PlacementConfirmed',
  data: { ...terms, pay: resolvePay('2000-05-10', '2026-01-05', schoonmaakFacts), appliesHirerConditions: true },
};
const extend = (to: string, overrides: Partial<ExtendPlacement> = {}): ExtendPlacement => ({
  type: 'ExtendPlacement',
  to,
  worker: annaFacts,
  site: officeFacts,
  ...overrides,
});
const withdrawn: PlacementEvent = { type: 'PlacementWithdrawn', data: { placementId: 'p1', reason: 'Hours refused' } };
const endedEarly: PlacementEvent = {
  type: 'PlacementEndedEarly',
  data: { placementId: 'p1', lastDay: '2026-02-27', reason: 'Found a permanent job' },
};

describe('placement stream', () => {
  it('has stream ids placement-<id>', () => expect(placementStreamId('p1')).toBe('placement-p1'));

  describe('ProposePlacement', () => {
    it('proposes a placement', () => given(placementDecider, []).when(propose()).then([proposed]));

    it('refuses a placement id that exists', () =>
      given(placementDecider, [proposed]).when(propose()).thenRefused('placement_already_exists', { kind: 'conflict' }));

    it.each<[string, Partial<ProposePlacement>, string]>([
      ['an unknown legal form', { legalForm: 'freelance' as never }, 'invalid_legal_form'],
      ['a bill rate of zero', { billRateCents: 0 }, 'invalid_amount'],
      ['a period ending before it starts', { period: { from: '2026-03-01', to: '2026-02-01' } }, 'invalid_period'],
      ['more than 60 hours a week', { hoursPerWeek: 64 }, 'invalid_hours'],
      ['no function', { functionName: ' ' }, 'missing_text'],
    ])('refuses %s', (_, overrides, code) => given(placementDecider, []).when(propose(overrides)).thenRefused(code));
  });

  describe('ConfirmPlacement', () => {
    it('confirms, recording the resolved pay and, for payroll, that the hirer conditions apply', () =>
      given(placementDecider, [proposed]).when(confirm()).then([confirmed]));

    it('records that the hirer conditions do not apply to a secondment', () => {
      const secondment: PlacementEvent = { type: 'PlacementProposed', data: { ...terms, legalForm: 'secondment' } };
      given(placementDecider, [secondment])
        .when(confirm())
        .then([
          {
            type: 'PlacementConfirmed',
            data: {
              ...terms,
              legalForm: 'secondment',
              pay: resolvePay('2000-05-10', '2026-01-05', schoonmaakFacts),
              appliesHirerConditions: false,
            },
          },
        ]);
    });

    it('links hours up to the contract maximum', () =>
      given(placementDecider, [proposed])
        .when(confirm({ worker: { ...annaFacts, otherCommittedHoursPerWeek: 20 } }))
        .then([confirmed]));

    it('refuses hours beyond the contract maximum across the other placements', () =>
      given(placementDecider, [proposed])
        .when(confirm({ worker: { ...annaFacts, otherCommittedHoursPerWeek: 24 } }))
        .thenRefused('hours_limit_exceeded', {
          message: '44 h a week (24 h already committed + 20 h for this placement), more than the maximum of 40 h',
        }));

    it('refuses more than 60 hours a week under the Working Hours Act', () =>
      given(placementDecider, [proposed])
        .when(confirm({ worker: { ...annaFacts, otherCommittedHoursPerWeek: 44, contractMaxHoursPerWeek: 60 } }))
        .thenRefused('hours_limit_exceeded', { message: 'Working Hours Act' }));

    it('refuses when no pool contract covers the period', () =>
      given(placementDecider, [proposed])
        .when(confirm({ worker: { ...annaFacts, contractMaxHoursPerWeek: undefined } }))
        .thenRefused('no_covering_contract'));

    it('refuses a period overlapping a closure of the site', () =>
      given(placementDecider, [proposed])
        .when(
          confirm({
            site: {
              ...officeFacts,
              closures: [{ siteId: 'office', period: { from: '2026-03-01', to: '2026-03-31' }, reason: 'Renovation' }],
            },
          }),
        )
        .thenRefused('site_closed', { message: 'Renovation' }));

    it('refuses a period outside the employer membership', () =>
      given(placementDecider, [proposed])
        .when(confirm({ site: { ...officeFacts, membership: { from: '2024-01-01', to: '2026-02-28' } } }))
        .thenRefused('outside_membership'));

    it.each([
      ['twice', [proposed, confirmed], 'placement_already_confirmed'],
      ['a withdrawn placement', [proposed, withdrawn], 'placement_withdrawn'],
      ['an ended placement', [proposed, confirmed, endedEarly], 'placement_ended'],
    ])('refuses confirming %s', (_, history, code) => given(placementDecider, history).when(confirm()).thenRefused(code));

    it('refuses a placement that was never proposed', () =>
      given(placementDecider, []).when(confirm()).thenRefused('placement_not_found', { kind: 'not_found' }));

    it('treats facts about another worker as a bug in the caller, not a refusal', () => {
      expect(() =>
        placementDecider.decide(confirm({ worker: { ...annaFacts, workerId: 'bram' } }), fold(placementDecider, [proposed]), new Date()),
      ).toThrow(/Facts about worker bram/);
    });
  });

  describe('ExtendPlacement', () => {
    const extended: PlacementEvent = { type: 'PlacementExtended', data: { placementId: 'p1', previousTo: '2026-03-29', to: '2026-04-26' } };

    it('extends a confirmed placement to a later end', () => {
      given(placementDecider, [proposed, confirmed]).when(extend('2026-04-26')).then([extended]);
      expect(fold(placementDecider, [proposed, confirmed, extended])).toMatchObject({
        status: 'confirmed',
        period: { from: '2026-01-05', to: '2026-04-26' },
      });
    });

    it('refuses an end that is not later', () =>
      given(placementDecider, [proposed, confirmed]).when(extend('2026-03-29')).thenRefused('extension_not_later'));

    it('refuses extending into a closure of the site', () =>
      given(placementDecider, [proposed, confirmed]).when(extend('2026-05-31')).thenRefused('site_closed'));

    it('refuses an extension beyond the contract maximum hours', () =>
      given(placementDecider, [proposed, confirmed])
        .when(extend('2026-04-26', { worker: { ...annaFacts, otherCommittedHoursPerWeek: 32 } }))
        .thenRefused('hours_limit_exceeded'));

    it('refuses extending a placement that is only proposed', () =>
      given(placementDecider, [proposed]).when(extend('2026-04-26')).thenRefused('placement_not_confirmed'));
  });

  describe('EndPlacementEarly', () => {
    const endEarly = (lastDay: string, reason = 'Found a permanent job') => ({ type: 'EndPlacementEarly', lastDay, reason }) as const;

    it('ends a placement early with a reason', () =>
      given(placementDecider, [proposed, confirmed]).when(endEarly('2026-02-27')).then([endedEarly]));

    it('may end it on its first day', () =>
      given(placementDecider, [proposed, confirmed])
        .when(endEarly('2026-01-05'))
        .then([{ type: 'PlacementEndedEarly', data: { placementId: 'p1', lastDay: '2026-01-05', reason: 'Found a permanent job' } }]));

    it.each([['2026-01-04'], ['2026-03-29'], ['2026-04-30']])('refuses a last day (%s) that is no early end', (lastDay) =>
      given(placementDecider, [proposed, confirmed]).when(endEarly(lastDay)).thenRefused('end_outside_placement'),
    );

    it('refuses an early end without a reason', () =>
      given(placementDecider, [proposed, confirmed]).when(endEarly('2026-02-27', '')).thenRefused('missing_text'));

    it('refuses ending twice', () =>
      given(placementDecider, [proposed, confirmed, endedEarly]).when(endEarly('2026-02-20')).thenRefused('placement_ended'));
  });

  describe('EndPlacement', () => {
    const onLastDay = new Date('2026-03-28T23:30:00Z'); // 00:30 on 29 March in Amsterdam, still the 28th in UTC
    const dayBefore = new Date('2026-03-28T22:30:00Z'); // 23:30 on 28 March in Amsterdam

    it('records the end at the agreed end, from its last day on', () =>
      given(placementDecider, [proposed, confirmed], onLastDay)
        .when({ type: 'EndPlacement' })
        .then([{ type: 'PlacementEnded', data: { placementId: 'p1', lastDay: '2026-03-29' } }]));

    it('refuses while the placement is still running (the date is taken in Amsterdam)', () =>
      given(placementDecider, [proposed, confirmed], dayBefore)
        .when({ type: 'EndPlacement' })
        .thenRefused('placement_still_running', { message: 'today is 2026-03-28' }));

    it('refuses ending a placement that was never confirmed', () =>
      given(placementDecider, [proposed], onLastDay).when({ type: 'EndPlacement' }).thenRefused('placement_not_confirmed'));
  });

  describe('WithdrawPlacement', () => {
    it('withdraws a proposal', () =>
      given(placementDecider, [proposed]).when({ type: 'WithdrawPlacement', reason: 'Hours refused' }).then([withdrawn]));

    it('withdraws a confirmation when a later step is refused, keeping the pay on record', () => {
      given(placementDecider, [proposed, confirmed]).when({ type: 'WithdrawPlacement', reason: 'Hours refused' }).then([withdrawn]);
      expect(fold(placementDecider, [proposed, confirmed, withdrawn])).toMatchObject({ status: 'withdrawn', pay: { hourlyCents: 1520 } });
    });

    it('refuses withdrawing twice', () =>
      given(placementDecider, [proposed, withdrawn])
        .when({ type: 'WithdrawPlacement', reason: 'Again' })
        .thenRefused('placement_withdrawn'));

    it('refuses withdrawing an ended placement', () =>
      given(placementDecider, [proposed, confirmed, endedEarly])
        .when({ type: 'WithdrawPlacement', reason: 'Late' })
        .thenRefused('placement_ended'));
  });
});
