import type { PlacementLimits } from '../employer/employer.decider.js';
import { fold } from '../shared/decider.js';
import { given, SPEC_NOW } from '../shared/given-when-then.js';
import type { Period } from '../shared/local-date.js';
import type { HirerLimitFacts } from './hirer-limits.js';
import type { ConfirmPlacement, ExtendPlacement } from './placement.commands.js';
import { placementDecider } from './placement.decider.js';
import type { PlacementEvent } from './placement.events.js';
import { schoonmaakVersions, shippedRules, visschedijk } from './placement-pay.fixtures.js';
import { annaFacts, officeFacts, terms } from './placement.fixtures.js';

// A transport company takes a hired worker for at most 23 months; Anna is placed there from Monday 4 January 2027.
const from = '2027-01-04';
const proposedUntil = (to: string): PlacementEvent => ({ type: 'PlacementProposed', data: { ...terms, period: { from, to } } });
const limits = (stated: Omit<PlacementLimits, 'from'>): PlacementLimits => ({ ...stated, from: '2026-01-01' });
const facts = (stated?: PlacementLimits, otherPlacements: Period[] = []): HirerLimitFacts => ({
  employerId: 'visschedijk',
  limits: stated,
  otherPlacements,
});

// The facts a placement decision needs besides the hirer's limits, as the placement decider's own specs give them.
const otherFacts = { worker: annaFacts, site: officeFacts, rules: shippedRules };
const confirm = (hirerLimits: HirerLimitFacts): ConfirmPlacement => ({
  type: 'ConfirmPlacement',
  ...otherFacts,
  step: 0,
  hirer: visschedijk,
  caoVersions: schoonmaakVersions,
  hirerLimits,
});
const extend = (to: string, hirerLimits: HirerLimitFacts): ExtendPlacement => ({ type: 'ExtendPlacement', to, ...otherFacts, hirerLimits });

/** What confirming decides without any limit: a placement within the limits is confirmed exactly so. */
const confirmedWithoutLimits = (history: PlacementEvent[]) =>
  placementDecider.decide(confirm(facts()), fold(placementDecider, history), SPEC_NOW);

describe('hirer placement limits', () => {
  describe('maximum placement duration', () => {
    const max23 = facts(limits({ maxPlacementMonths: 23 }));

    it('confirms a placement of 23 months under a 23-month maximum (until addMonths(from, 23) − 1 day)', () => {
      const history = [proposedUntil('2028-12-03')];
      given(placementDecider, history).when(confirm(max23)).then(confirmedWithoutLimits(history));
    });

    it('refuses a 24-month placement, naming the months, the limit and the last allowed day', () =>
      given(placementDecider, [proposedUntil('2029-01-03')])
        .when(confirm(max23))
        .thenRefused('max_duration_exceeded', {
          message:
            'Placement p1 would run 2027-01-04 to 2029-01-03, 24 months; employer visschedijk takes a placement for at most 23 months ' +
            '(stated from 2026-01-01), so one from 2027-01-04 may last until 2028-12-03.',
        }));

    it('refuses a placement one day longer than the maximum', () =>
      given(placementDecider, [proposedUntil('2028-12-04')])
        .when(confirm(max23))
        .thenRefused('max_duration_exceeded', { message: 'more than 23 months' }));

    it('refuses an extension past the maximum, and extends up to its last allowed day', () => {
      const history = [proposedUntil('2027-12-31')];
      const confirmed = [...history, ...confirmedWithoutLimits(history)];
      given(placementDecider, confirmed).when(extend('2028-12-04', max23)).thenRefused('max_duration_exceeded', { message: '2028-12-03' });
      given(placementDecider, confirmed)
        .when(extend('2028-12-03', max23))
        .then([{ type: 'PlacementExtended', data: { placementId: 'p1', previousTo: '2027-12-31', to: '2028-12-03' } }]);
    });
  });

  describe('maximum per worker over successive placements', () => {
    const max36 = (others: Period[]) => facts(limits({ maxWorkerMonths: 36 }), others);
    const history = [proposedUntil('2028-12-03')];

    it('refuses a placement that takes the worker’s successive placements at the hirer beyond the maximum', () =>
      given(placementDecider, history)
        .when(confirm(max36([{ from: '2025-09-01', to: '2026-10-31' }])))
        .thenRefused('max_successive_duration_exceeded', {
          message:
            /from 2025-09-01; with placement p1 they would run 2025-09-01 to 2028-12-03.*at most 36 months.*may last until 2028-08-31/,
        }));

    it('does not count a placement after which the gap was more than 6 months (as the chain rule counts)', () =>
      given(placementDecider, history)
        .when(confirm(max36([{ from: '2025-01-06', to: '2026-06-30' }])))
        .then(confirmedWithoutLimits(history)));

    it('counts the extension of a placement against the maximum too', () => {
      const confirmed = [...history, ...confirmedWithoutLimits(history)];
      const after = max36([{ from: '2026-07-01', to: '2026-12-31' }]);
      given(placementDecider, confirmed)
        .when(extend('2029-07-01', after))
        .thenRefused('max_successive_duration_exceeded', { message: 'placement p1 may last until 2029-06-30' });
      given(placementDecider, confirmed)
        .when(extend('2029-06-30', after))
        .then([{ type: 'PlacementExtended', data: { placementId: 'p1', previousTo: '2028-12-03', to: '2029-06-30' } }]);
    });
  });

  it('refuses facts about another employer as a bug in the handler', () =>
    expect(() =>
      placementDecider.decide(
        confirm({ employerId: 'elsewhere', otherPlacements: [] }),
        fold(placementDecider, [proposedUntil('2027-06-30')]),
        SPEC_NOW,
      ),
    ).toThrow('Limits of employer elsewhere were passed for placement p1 at visschedijk'));
});
