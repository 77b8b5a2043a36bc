import { fold } from '../shared/decider.js';
import { given } from '../shared/given-when-then.js';
import type { ConfirmPlacement, ExtendPlacement, ProposePlacement } from './placement.commands.js';
import { placementDecider } from './placement.decider.js';
import { placementStreamId, type PlacementEvent } from './placement.events.js';
import { hirerTermsFor } from './placement-pay.js';
import { schoonmaakVersions, shippedRules, visschedijk } from './placement-pay.fixtures.js';
import { annaFacts, officeFacts, proposed, terms } from './placement.fixtures.js';
import { workLoad } from '../worker/working-time.js';

const propose = (overrides: Partial<ProposePlacement> = {}): ProposePlacement => ({ type: 'ProposePlacement', ...terms, ...overrides });
const confirm = (overrides: Partial<ConfirmPlacement> = {}): ConfirmPlacement => ({
  type: 'ConfirmPlacement',
  worker: annaFacts,
  site: officeFacts,
  step: 0,
  hirer: visschedijk,
  caoVersions: schoonmaakVersions,
  rules: shippedRules,
  hirerLimits: { employerId: 'visschedijk', otherPlacements: [] },
  ...overrides,
});
/** Anna is 25 on her first day: scale A step 0 of the cleaning CAO (€15.20) is above the minimum wage (€14.71). */
const firstDayWage = {
  day: '2026-01-05',
  hourlyCents: 1520,
  basis: 'cao',
  age: 25,
  cao: {
    code: 'schoonmaak',
    effectiveFrom: '2026-01-01',
    revision: 0,
    scale: 'A',
    step: 0,
    scaleHourlyCents: 1520,
    youthBp: 10_000,
    hourlyCents: 1520,
  },
  minimumWage: { rule: { table: 'minimum-wage', effectiveFrom: '2026-01-01', revision: 0 }, youthBp: 10_000, hourlyCents: 1471 },
} as const;
const confirmation = {
  agreed: { functionName: 'cleaner', caoCode: 'schoonmaak', scale: 'A', step: 0 },
  hirerTerms: hirerTermsFor('payroll'),
  firstDayPay: { known: true, wage: firstDayWage },
} as const;
const confirmed: PlacementEvent = { type: 'PlacementConfirmed', data: { ...terms, ...confirmation } };
const extend = (to: string, overrides: Partial<ExtendPlacement> = {}): ExtendPlacement => ({
  type: 'ExtendPlacement',
  to,
  worker: annaFacts,
  site: officeFacts,
  rules: shippedRules,
  hirerLimits: { employerId: 'visschedijk', otherPlacements: [] },
  ...overrides,
});
/** Anna's facts with another placement of `hoursPerWeek` (spread Monday to Friday) over `period`. */
const otherAt = (hoursPerWeek: number, period = terms.period) => ({
  ...annaFacts,
  otherCommitments: [workLoad('p0', hoursPerWeek, undefined, period)],
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
      [
        'a pattern whose days do not add up to the hours a week',
        { pattern: { monday: { hours: 8 }, tuesday: { hours: 8 } } },
        'pattern_hours_mismatch',
      ],
      [
        'a pattern with more hours than its times span',
        { hoursPerWeek: 9, pattern: { monday: { hours: 9, start: '08:00', end: '16:00' } } },
        'pattern_hours_outside_times',
      ],
    ])('refuses %s', (_, overrides, code) => given(placementDecider, []).when(propose(overrides)).thenRefused(code));
  });

  describe('ConfirmPlacement', () => {
    it("confirms, recording the agreed scale and step, that a payroll worker gets the hirer's pay terms (art. 8a Waadi) and the first day's pay", () =>
      given(placementDecider, [proposed]).when(confirm()).then([confirmed]));

    it("records that the hirer's pay terms apply to a secondment too (art. 8 Waadi)", () => {
      const secondment = { ...terms, legalForm: 'secondment' } as const;
      given(placementDecider, [{ type: 'PlacementProposed', data: secondment }])
        .when(confirm())
        .then([{ type: 'PlacementConfirmed', data: { ...secondment, ...confirmation, hirerTerms: hirerTermsFor('secondment') } }]);
      expect(hirerTermsFor('secondment').basis).toMatch(/^art\. 8 Waadi/);
    });

    it('given a placement in a half-year whose minimum wage is not published, it confirms, recording that the first day’s pay is not yet known', () => {
      const planned = { ...terms, period: { from: '2027-01-04', to: '2027-03-28' } };
      given(placementDecider, [{ type: 'PlacementProposed', data: planned }])
        .when(confirm())
        .then([
          {
            type: 'PlacementConfirmed',
            data: {
              ...planned,
              ...confirmation,
              firstDayPay: {
                known: false,
                reason:
                  'The rule table "minimum-wage" has no figures for 2027-01-04: its last period ends on 2026-06-30. ' +
                  'An operator publishes the next period (POST /rules/minimum-wage).',
                // The CAO wage of that day is known: the version from 1 March 2026 is in force.
                cao: { ...firstDayWage.cao, effectiveFrom: '2026-03-01', scaleHourlyCents: 1560, hourlyCents: 1560 },
              },
            },
          },
        ]);
    });

    it('records the step the operator chose', () =>
      given(placementDecider, [proposed])
        .when(confirm({ step: 2 }))
        .then([
          {
            type: 'PlacementConfirmed',
            data: {
              ...terms,
              ...confirmation,
              agreed: { ...confirmation.agreed, step: 2 },
              firstDayPay: {
                known: true,
                wage: {
                  ...firstDayWage,
                  cao: { ...firstDayWage.cao, step: 2, scaleHourlyCents: 1600, hourlyCents: 1600 },
                  hourlyCents: 1600,
                },
              },
            },
          },
        ]));

    it.each<[string, Partial<ConfirmPlacement>, string]>([
      ['a step the scale does not have', { step: 3 }, 'unknown_step'],
      [
        'a function the hirer has not classified',
        { hirer: { ...visschedijk, classifications: [] } as ConfirmPlacement['hirer'] },
        'function_not_classified',
      ],
      ['a first day without a version of the CAO', { caoVersions: [] }, 'no_cao_version'],
    ])('refuses %s', (_, overrides, code) => given(placementDecider, [proposed]).when(confirm(overrides)).thenRefused(code));

    it('links hours up to the contract maximum', () =>
      given(placementDecider, [proposed])
        .when(confirm({ worker: otherAt(20) }))
        .then([confirmed]));

    it('refuses hours beyond the contract maximum across the other placements', () =>
      given(placementDecider, [proposed])
        .when(confirm({ worker: otherAt(24) }))
        .thenRefused('hours_limit_exceeded', {
          message: '44 h a week (24 h already committed + 20 h for this placement), more than the maximum of 40 h',
        }));

    it('refuses more than 60 hours a week under the Working Hours Act', () =>
      given(placementDecider, [proposed])
        .when(confirm({ worker: { ...otherAt(44), contractMaxHoursPerWeek: 60 } }))
        .thenRefused('working_week_limit_exceeded', { message: 'Working Hours Act' }));

    it('refuses by the agreed pattern and the worker’s age on each day: no night work at 17', () => {
      const nights = {
        ...terms,
        hoursPerWeek: 20,
        pattern: { friday: { hours: 4, start: '22:00', end: '02:00' }, saturday: { hours: 16 } },
      };
      given(placementDecider, [{ type: 'PlacementProposed', data: nights }])
        .when(confirm({ worker: { ...annaFacts, birthDate: '2009-01-01', otherCommitments: [] } }))
        .thenRefused('night_work_not_allowed', { message: 'On 2026-01-09 placement p1 is worked from 22:00 to 02:00' });
    });

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
        .when(extend('2026-04-26', { worker: otherAt(32, { from: '2026-03-30', to: '2026-04-26' }) }))
        .thenRefused('hours_limit_exceeded', { message: 'In week 2026-W14 the worker would work 52 h a week' }));

    it('judges the averages over the weeks the placement already runs, not the added days alone', () => {
      const sixty = { hoursPerWeek: 60, period: { from: '2026-03-02', to: '2026-03-22' } };
      const history = [proposed, { ...confirmed, data: { ...confirmed.data, ...sixty } } as PlacementEvent];
      given(placementDecider, history)
        .when(extend('2026-03-29', { worker: { ...annaFacts, otherCommitments: [], contractMaxHoursPerWeek: 60 } }))
        .thenRefused('four_week_average_exceeded', {
          message: 'From 2026-W10 to 2026-W13 the worker would work 240 h (0 h already committed + 240 h',
        });
    });

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

    it('withdraws a confirmation when a later step is refused, keeping what it agreed on record', () => {
      given(placementDecider, [proposed, confirmed]).when({ type: 'WithdrawPlacement', reason: 'Hours refused' }).then([withdrawn]);
      expect(fold(placementDecider, [proposed, confirmed, withdrawn])).toMatchObject({ status: 'withdrawn', firstDayPay: { known: true } });
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
