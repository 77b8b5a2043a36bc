import type { Location } from '../geography/location.js';
import { fold } from '../shared/decider.js';
import { given } from '../shared/given-when-then.js';
import type { Availability, WorkerEvent, WorkerRegistered } from './worker.events.js';
import { workerStreamId } from './worker.events.js';
import { workerDecider } from './worker.decider.js';
import { workLoadsOf } from './worker-hours.js';
import { workingTimeBook } from './working-time.fixtures.js';
import { agreed, annaRegistered, committed, fixedTerm, indefinite } from './worker.fixtures.js';
import { chainRuleBook, chainRuleRef, recreatieOn } from './chain-rule.fixtures.js';
import type { SeasonalClauseFacts } from './chain-rule.js';
import type { RecordTargetGroupStatus, RegisterWorker } from './worker.commands.js';

const register = (overrides: Partial<RegisterWorker> = {}): RegisterWorker => ({
  type: 'RegisterWorker',
  workerId: 'anna',
  name: 'Anna de Vries',
  birthDate: '2000-05-10',
  homeArea: 'Hengelo',
  skills: ['cleaning', 'ride operation'],
  availability: { kind: 'hours_per_week', hoursPerWeek: 40, unavailable: [] },
  ...overrides,
});
const registered = [annaRegistered];
const registeredAt = (homeArea: string, location: Location): WorkerRegistered => ({
  type: 'WorkerRegistered',
  data: { ...(annaRegistered as WorkerRegistered).data, homeArea, location },
});
const withContract = [annaRegistered, agreed('c1', fixedTerm('2025-07-01', '2026-06-30'))];

describe('worker stream', () => {
  it('has stream ids worker-<id>', () => expect(workerStreamId('anna')).toBe('worker-anna'));

  describe('RegisterWorker', () => {
    it('registers a worker', () => given(workerDecider, []).when(register()).then([annaRegistered]));

    it('locates a worker by postcode outside Twente, recording the town and its centre', () =>
      given(workerDecider, [])
        .when(register({ homeArea: undefined, postcode: ' 8261 ab ' }))
        .then([registeredAt('Kampen', { postcode: '8261 AB', coordinates: { lat: 52.56, lon: 5.91 } })]));

    it('takes coordinates given with the postcode over the town centre', () =>
      given(workerDecider, [])
        .when(register({ postcode: '7134AA', coordinates: { lat: 51.99, lon: 6.57 } }))
        .then([registeredAt('7134 AA', { postcode: '7134 AA', coordinates: { lat: 51.99, lon: 6.57 } })]));

    it.each([
      ['a postcode the table does not know, without coordinates', { postcode: '7134 AA' }, 'unknown_postcode'],
      ['a town the table does not know', { homeArea: 'Gronau' }, 'unknown_place'],
      ['coordinates without a postcode', { coordinates: { lat: 52.2, lon: 6.9 } }, 'coordinates_without_postcode'],
    ])('refuses %s, so that no worker is registered whom no allocation could reach', (_, where, code) =>
      given(workerDecider, []).when(register(where)).thenRefused(code),
    );

    it('records the target-group status in its own event, so it can be hidden', () =>
      given(workerDecider, [])
        .when(register({ targetGroup: { inRegister: true, wageValueBp: 6500 } }))
        .then([annaRegistered, { type: 'TargetGroupStatusRecorded', data: { workerId: 'anna', inRegister: true, wageValueBp: 6500 } }]));

    it('records a status given at registration as holding since registration, unless it says from when', () =>
      given(workerDecider, [])
        .when(register({ targetGroup: { inRegister: true, validFrom: '2026-09-01', validUntil: '2027-08-31' } }))
        .then([
          annaRegistered,
          {
            type: 'TargetGroupStatusRecorded',
            data: { workerId: 'anna', inRegister: true, validFrom: '2026-09-01', validUntil: '2027-08-31' },
          },
        ]));

    it('keeps each skill once', () =>
      given(workerDecider, [])
        .when(register({ skills: ['cleaning', 'ride operation', 'cleaning'] }))
        .then([annaRegistered]));

    it('refuses registering twice', () =>
      given(workerDecider, registered).when(register()).thenRefused('worker_already_registered', { kind: 'conflict' }));

    it('accepts a worker who turned 15 today and refuses one who is 14', () => {
      const fifteen = register({ birthDate: '2011-01-15' });
      given(workerDecider, [])
        .when(fifteen)
        .then([{ type: 'WorkerRegistered', data: { ...annaRegistered.data, birthDate: '2011-01-15' } } as WorkerEvent]);
      given(workerDecider, [])
        .when(register({ birthDate: '2011-01-16' }))
        .thenRefused('worker_too_young');
    });

    it('refuses a birth date in the future', () =>
      given(workerDecider, [])
        .when(register({ birthDate: '2030-01-01' }))
        .thenRefused('worker_too_young'));

    it.each<[string, Availability, string]>([
      ['more than 24 hours on a day', { kind: 'by_weekday', hoursByWeekday: { monday: 25 }, unavailable: [] }, 'invalid_hours'],
      ['an unknown weekday', { kind: 'by_weekday', hoursByWeekday: { funday: 8 } as never, unavailable: [] }, 'invalid_weekday'],
      ['more than 60 hours a week', { kind: 'hours_per_week', hoursPerWeek: 61, unavailable: [] }, 'invalid_hours'],
      [
        'an unavailable period ending before it starts',
        { kind: 'hours_per_week', hoursPerWeek: 20, unavailable: [{ from: '2026-02-10', to: '2026-02-01' }] },
        'invalid_period',
      ],
    ])('refuses availability with %s', (_, availability, code) =>
      given(workerDecider, []).when(register({ availability })).thenRefused(code),
    );

    it('refuses a wage value of 0 %', () =>
      given(workerDecider, [])
        .when(register({ targetGroup: { inRegister: true, wageValueBp: 0 } }))
        .thenRefused('invalid_percentage'));
  });

  describe('RecordTargetGroupStatus', () => {
    const status = (more: Partial<RecordTargetGroupStatus['status']> = {}): RecordTargetGroupStatus => ({
      type: 'RecordTargetGroupStatus',
      status: { inRegister: false, validFrom: '2027-01-04', ...more },
    });

    it('records a changed status from a date on', () =>
      given(workerDecider, registered)
        .when(status({ validUntil: '2027-06-30' }))
        .then([
          {
            type: 'TargetGroupStatusRecorded',
            data: { workerId: 'anna', inRegister: false, validFrom: '2027-01-04', validUntil: '2027-06-30' },
          },
        ]));

    it('keeps every status with its dates, so a later one does not rewrite the days before it', () => {
      const state = fold(workerDecider, [
        annaRegistered,
        { type: 'TargetGroupStatusRecorded', data: { workerId: 'anna', inRegister: true, wageValueBp: 6500 } },
        { type: 'TargetGroupStatusRecorded', data: { workerId: 'anna', inRegister: false, validFrom: '2027-01-04' } },
      ]);
      expect(state.status === 'registered' && state.targetGroupHistory).toEqual([
        { inRegister: true, wageValueBp: 6500 },
        { inRegister: false, validFrom: '2027-01-04' },
      ]);
    });

    it.each<[string, Partial<RecordTargetGroupStatus['status']>, string]>([
      ['no first day', { validFrom: undefined }, 'invalid_date'],
      ['an impossible first day', { validFrom: '2027-02-30' }, 'invalid_date'],
      ['a last day before the first', { validUntil: '2027-01-03' }, 'invalid_period'],
      ['a wage value above 100 %', { inRegister: true, wageValueBp: 10_001 }, 'invalid_percentage'],
    ])('refuses %s', (_, more, code) => given(workerDecider, registered).when(status(more)).thenRefused(code));

    it('refuses a worker that is not registered', () =>
      given(workerDecider, []).when(status()).thenRefused('worker_not_found', { kind: 'not_found' }));
  });

  describe('skills and availability', () => {
    it('adds a skill, and adding one the worker has changes nothing', () => {
      given(workerDecider, registered)
        .when({ type: 'AddSkill', skill: 'catering' })
        .then([{ type: 'SkillAdded', data: { workerId: 'anna', skill: 'catering' } }]);
      given(workerDecider, registered).when({ type: 'AddSkill', skill: 'cleaning' }).then([]);
    });

    it('refuses an empty skill', () => given(workerDecider, registered).when({ type: 'AddSkill', skill: '' }).thenRefused('missing_text'));

    it('removes a skill, and removing one the worker lacks changes nothing', () => {
      given(workerDecider, registered)
        .when({ type: 'RemoveSkill', skill: 'cleaning' })
        .then([{ type: 'SkillRemoved', data: { workerId: 'anna', skill: 'cleaning' } }]);
      given(workerDecider, registered).when({ type: 'RemoveSkill', skill: 'catering' }).then([]);
      const state = fold(workerDecider, [...registered, { type: 'SkillRemoved', data: { workerId: 'anna', skill: 'cleaning' } }]);
      expect(state.status === 'registered' && state.skills).toEqual(['ride operation']);
    });

    it('changes availability', () => {
      const availability: Availability = {
        kind: 'by_weekday',
        hoursByWeekday: { monday: 8, tuesday: 4.5 },
        unavailable: [{ from: '2026-07-01', to: '2026-07-21' }],
      };
      given(workerDecider, registered)
        .when({ type: 'ChangeAvailability', availability })
        .then([{ type: 'AvailabilityChanged', data: { workerId: 'anna', availability } }]);
    });

    it('refuses availability in other than quarter hours', () =>
      given(workerDecider, registered)
        .when({ type: 'ChangeAvailability', availability: { kind: 'hours_per_week', hoursPerWeek: 12.1, unavailable: [] } })
        .thenRefused('invalid_hours'));
  });

  describe('OfferContract', () => {
    const offer = (contractId: string, terms = fixedTerm('2025-07-01', '2026-06-30'), seasonalClause?: SeasonalClauseFacts) =>
      ({ type: 'OfferContract', contractId, terms, rules: chainRuleBook, seasonalClause }) as const;

    it('agrees a first fixed-term contract, recording its place in the chain', () =>
      given(workerDecider, registered)
        .when(offer('c1'))
        .then([
          {
            type: 'PoolContractAgreed',
            data: {
              workerId: 'anna',
              contractId: 'c1',
              terms: fixedTerm('2025-07-01', '2026-06-30'),
              chain: { position: 1, chainStartedOn: '2025-07-01', breakingGapMonths: 6, rule: chainRuleRef },
            },
          },
        ]));

    it('agrees an indefinite contract', () =>
      given(workerDecider, registered)
        .when(offer('c1', indefinite('2025-07-01')))
        .then([
          { type: 'PoolContractAgreed', data: { workerId: 'anna', contractId: 'c1', terms: indefinite('2025-07-01'), chain: undefined } },
        ]));

    it('refuses guaranteed hours above the maximum', () =>
      given(workerDecider, registered)
        .when(offer('c1', { ...fixedTerm('2025-07-01', '2026-06-30', 20), guaranteedHoursPerWeek: 24 }))
        .thenRefused('guaranteed_above_maximum'));

    it('refuses a maximum above 60 hours a week', () =>
      given(workerDecider, registered)
        .when(offer('c1', indefinite('2025-07-01', 61)))
        .thenRefused('invalid_hours'));

    it('refuses a contract id that exists', () =>
      given(workerDecider, withContract)
        .when(offer('c1', fixedTerm('2026-07-01', '2026-12-31')))
        .thenRefused('contract_already_exists', { kind: 'conflict' }));

    it.each([
      ['overlapping a running fixed-term contract', withContract, fixedTerm('2026-06-30', '2026-12-31')],
      [
        'while an indefinite contract runs',
        [annaRegistered, agreed('c1', indefinite('2025-01-01'))],
        fixedTerm('2026-07-01', '2026-12-31'),
      ],
      ['dated before an existing contract', withContract, fixedTerm('2025-01-01', '2025-03-31')],
    ])('refuses a contract %s', (_, history, terms) =>
      given(workerDecider, history).when(offer('c2', terms)).thenRefused('contracts_overlap'),
    );

    describe('chain rule', () => {
      const three = [
        annaRegistered,
        agreed('c1', fixedTerm('2024-01-01', '2024-06-30')),
        agreed('c2', fixedTerm('2024-07-01', '2024-12-31')),
        agreed('c3', fixedTerm('2025-01-01', '2025-06-30')),
      ];

      it('accepts a third fixed-term contract in a chain', () =>
        given(workerDecider, three.slice(0, 3))
          .when(offer('c3', fixedTerm('2025-01-01', '2025-06-30')))
          .then([
            {
              type: 'PoolContractAgreed',
              data: {
                workerId: 'anna',
                contractId: 'c3',
                terms: fixedTerm('2025-01-01', '2025-06-30'),
                chain: { position: 3, chainStartedOn: '2024-01-01', breakingGapMonths: 6, rule: chainRuleRef },
              },
            },
          ]));

      it('refuses a fourth fixed-term contract, naming the count and the dates', () =>
        given(workerDecider, three)
          .when(offer('c4', fixedTerm('2025-07-01', '2025-12-31')))
          .thenRefused('chain_rule_exceeded', {
            message: /number 4 .*2024-01-01 to 2024-06-30; 2: 2024-07-01 to 2024-12-31; 3: 2025-01-01 to 2025-06-30.*from 2026-01-02/,
          }));

      it('refuses a fourth contract after a gap of exactly 6 months: only more than 6 months breaks the chain', () =>
        given(workerDecider, three)
          .when(offer('c4', fixedTerm('2026-01-01', '2026-06-30')))
          .thenRefused('chain_rule_exceeded'));

      it('a gap of more than 6 months starts a new chain', () =>
        given(workerDecider, three)
          .when(offer('c4', fixedTerm('2026-01-02', '2026-06-30')))
          .then([
            {
              type: 'PoolContractAgreed',
              data: {
                workerId: 'anna',
                contractId: 'c4',
                terms: fixedTerm('2026-01-02', '2026-06-30'),
                chain: { position: 1, chainStartedOn: '2026-01-02', breakingGapMonths: 6, rule: chainRuleRef },
              },
            },
          ]));

      it('under the seasonal clause a gap of more than 3 months starts a new chain', () => {
        given(workerDecider, three)
          .when(offer('c4', fixedTerm('2025-10-02', '2026-03-31'), recreatieOn('2025-10-02')))
          .then([
            {
              type: 'PoolContractAgreed',
              data: {
                workerId: 'anna',
                contractId: 'c4',
                terms: fixedTerm('2025-10-02', '2026-03-31'),
                chain: {
                  position: 1,
                  chainStartedOn: '2025-10-02',
                  breakingGapMonths: 3,
                  rule: chainRuleRef,
                  seasonalClauseCao: 'recreatie',
                },
              },
            },
          ]);
        given(workerDecider, three)
          .when(offer('c4', fixedTerm('2025-10-01', '2026-03-31'), recreatieOn('2025-10-01')))
          .thenRefused('chain_rule_exceeded', { message: 'from 2025-10-02' });
        given(workerDecider, three)
          .when(offer('c4', fixedTerm('2025-10-02', '2026-03-31')))
          .thenRefused('chain_rule_exceeded');
      });

      it('counts the gap from the day a contract was ended early', () => {
        const endedEarly: WorkerEvent = {
          type: 'PoolContractEnded',
          data: { workerId: 'anna', contractId: 'c3', lastDay: '2025-02-28', reason: 'Moved away' },
        };
        given(workerDecider, [...three, endedEarly])
          .when(offer('c4', fixedTerm('2025-09-02', '2025-12-31')))
          .then([
            {
              type: 'PoolContractAgreed',
              data: {
                workerId: 'anna',
                contractId: 'c4',
                terms: fixedTerm('2025-09-02', '2025-12-31'),
                chain: { position: 1, chainStartedOn: '2025-09-02', breakingGapMonths: 6, rule: chainRuleRef },
              },
            },
          ]);
      });

      it('always allows an indefinite contract, and an indefinite contract is no link of a chain', () => {
        given(workerDecider, three)
          .when(offer('c4', indefinite('2025-07-01')))
          .then([
            { type: 'PoolContractAgreed', data: { workerId: 'anna', contractId: 'c4', terms: indefinite('2025-07-01'), chain: undefined } },
          ]);
        const afterIndefinite = [
          ...three,
          agreed('c4', indefinite('2025-07-01')),
          {
            type: 'PoolContractEnded',
            data: { workerId: 'anna', contractId: 'c4', lastDay: '2025-09-30', reason: 'By agreement' },
          } as WorkerEvent,
        ];
        given(workerDecider, afterIndefinite)
          .when(offer('c5', fixedTerm('2025-10-01', '2025-12-31')))
          .then([
            {
              type: 'PoolContractAgreed',
              data: {
                workerId: 'anna',
                contractId: 'c5',
                terms: fixedTerm('2025-10-01', '2025-12-31'),
                chain: { position: 1, chainStartedOn: '2025-10-01', breakingGapMonths: 6, rule: chainRuleRef },
              },
            },
          ]);
      });

      it('accepts a chain of exactly 36 months and refuses one day more', () => {
        const one = [annaRegistered, agreed('c1', fixedTerm('2024-01-01', '2025-06-30'))];
        given(workerDecider, one)
          .when(offer('c2', fixedTerm('2025-07-01', '2026-12-31')))
          .then([
            {
              type: 'PoolContractAgreed',
              data: {
                workerId: 'anna',
                contractId: 'c2',
                terms: fixedTerm('2025-07-01', '2026-12-31'),
                chain: { position: 2, chainStartedOn: '2024-01-01', breakingGapMonths: 6, rule: chainRuleRef },
              },
            },
          ]);
        given(workerDecider, one)
          .when(offer('c2', fixedTerm('2025-07-01', '2027-01-01')))
          .thenRefused('chain_rule_exceeded', { message: /started on 2024-01-01.*36 months.*end by 2026-12-31/ });
      });
    });
  });

  describe('EndContract', () => {
    const end = (lastDay: string, contractId = 'c1') => ({ type: 'EndContract', contractId, lastDay, reason: 'By agreement' }) as const;

    it('ends a contract early', () =>
      given(workerDecider, withContract)
        .when(end('2026-03-31'))
        .then([
          { type: 'PoolContractEnded', data: { workerId: 'anna', contractId: 'c1', lastDay: '2026-03-31', reason: 'By agreement' } },
        ]));

    it('refuses an unknown contract', () =>
      given(workerDecider, withContract).when(end('2026-03-31', 'c9')).thenRefused('contract_not_found', { kind: 'not_found' }));

    it('refuses a last day outside the contract', () =>
      given(workerDecider, withContract).when(end('2026-07-31')).thenRefused('end_outside_contract'));

    it('refuses ending twice', () =>
      given(workerDecider, [
        ...withContract,
        { type: 'PoolContractEnded', data: { workerId: 'anna', contractId: 'c1', lastDay: '2026-03-31', reason: 'x' } },
      ])
        .when(end('2026-02-28'))
        .thenRefused('contract_already_ended'));

    it('refuses leaving committed hours without a contract, and accepts once they are released', () => {
      given(workerDecider, [...withContract, committed('p1', 20, '2026-02-01', '2026-05-31')])
        .when(end('2026-03-31'))
        .thenRefused('contract_has_commitments', { message: 'p1' });
      given(workerDecider, [...withContract, committed('p1', 20, '2026-02-01', '2026-03-31')])
        .when(end('2026-03-31'))
        .then([{ type: 'PoolContractEnded', data: { workerId: 'anna', contractId: 'c1', lastDay: '2026-03-31', reason: 'By agreement' } }]);
    });
  });

  describe('CommitHours', () => {
    const commit = (placementId: string, hoursPerWeek: number, from: string, to: string) =>
      ({ type: 'CommitHours', placementId, hoursPerWeek, period: { from, to }, rules: workingTimeBook }) as const;

    it('commits hours to a placement under the covering contract', () =>
      given(workerDecider, withContract)
        .when(commit('p1', 24, '2026-02-01', '2026-03-31'))
        .then([committed('p1', 24, '2026-02-01', '2026-03-31')]));

    it('refuses a period no contract covers in full', () => {
      given(workerDecider, registered)
        .when(commit('p1', 24, '2026-02-01', '2026-03-31'))
        .thenRefused('no_covering_contract');
      given(workerDecider, withContract)
        .when(commit('p1', 24, '2026-05-01', '2026-07-31'))
        .thenRefused('no_covering_contract');
    });

    it('links small-hour placements up to the contract maximum', () =>
      given(workerDecider, [...withContract, committed('p1', 16, '2026-02-01', '2026-03-31')])
        .when(commit('p2', 24, '2026-03-01', '2026-04-30'))
        .then([committed('p2', 24, '2026-03-01', '2026-04-30')]));

    it('refuses hours beyond the contract maximum in an overlapping week, with the numbers', () =>
      given(workerDecider, [...withContract, committed('p1', 16, '2026-02-01', '2026-03-31')])
        .when(commit('p2', 28, '2026-03-23', '2026-04-30'))
        .thenRefused('hours_limit_exceeded', {
          message:
            'In week 2026-W13 the worker would work 44 h a week (16 h already committed + 28 h for this placement), more than the maximum of 40 h',
        }));

    it('counts only the days of a week on which a placement runs', () =>
      // p1 ends on Tuesday 2026-03-31: 2 of its 5 days (6.4 h) fall in 2026-W14.
      given(workerDecider, [...withContract, committed('p1', 16, '2026-02-01', '2026-03-31')])
        .when(commit('p2', 28, '2026-03-30', '2026-04-30'))
        .then([committed('p2', 28, '2026-03-30', '2026-04-30')]));

    it('refuses more than 60 hours a week (Working Hours Act) even under a 60-hour contract', () =>
      given(workerDecider, [annaRegistered, agreed('c1', indefinite('2025-01-01', 60)), committed('p1', 40, '2026-02-01', '2026-03-31')])
        .when(commit('p2', 24, '2026-03-01', '2026-04-30'))
        .thenRefused('working_week_limit_exceeded', { message: 'Working Hours Act limit of 60 h' }));

    it('does not add up placements in different weeks', () =>
      given(workerDecider, [...withContract, committed('p1', 40, '2026-02-02', '2026-03-29')])
        .when(commit('p2', 40, '2026-03-30', '2026-04-30'))
        .then([committed('p2', 40, '2026-03-30', '2026-04-30')]));

    it('committing the same again changes nothing; changed hours replace the commitment', () => {
      const history = [...withContract, committed('p1', 32, '2026-02-01', '2026-03-31')];
      given(workerDecider, history)
        .when(commit('p1', 32, '2026-02-01', '2026-03-31'))
        .then([]);
      given(workerDecider, history)
        .when(commit('p1', 40, '2026-02-01', '2026-03-31'))
        .then([committed('p1', 40, '2026-02-01', '2026-03-31')]);
    });

    it('refuses zero hours', () =>
      given(workerDecider, withContract)
        .when(commit('p1', 0, '2026-02-01', '2026-03-31'))
        .thenRefused('invalid_hours'));
  });

  describe('ReleaseHours', () => {
    const history = [...withContract, committed('p1', 24, '2026-02-01', '2026-03-31')];
    const released = (from: string, to: string): WorkerEvent => ({
      type: 'HoursReleased',
      data: { workerId: 'anna', placementId: 'p1', hoursPerWeek: 24, period: { from, to } },
    });

    it('releases all hours of a placement', () =>
      given(workerDecider, history)
        .when({ type: 'ReleaseHours', placementId: 'p1' })
        .then([released('2026-02-01', '2026-03-31')]));

    it('releases hours from a date on, keeping those before', () => {
      given(workerDecider, history)
        .when({ type: 'ReleaseHours', placementId: 'p1', from: '2026-03-01' })
        .then([released('2026-03-01', '2026-03-31')]);
      const state = fold(workerDecider, [...history, released('2026-03-01', '2026-03-31')]);
      expect(state.status === 'registered' && state.commitments).toEqual([
        { placementId: 'p1', contractId: 'c1', hoursPerWeek: 24, period: { from: '2026-02-01', to: '2026-02-28' } },
      ]);
    });

    it('releasing what is not committed changes nothing (a compensation may be retried)', () => {
      given(workerDecider, history).when({ type: 'ReleaseHours', placementId: 'p9' }).then([]);
      given(workerDecider, history).when({ type: 'ReleaseHours', placementId: 'p1', from: '2026-04-01' }).then([]);
      given(workerDecider, [...history, released('2026-02-01', '2026-03-31')])
        .when({ type: 'ReleaseHours', placementId: 'p1' })
        .then([]);
    });

    it('refuses an impossible date', () =>
      given(workerDecider, history).when({ type: 'ReleaseHours', placementId: 'p1', from: '2026-02-30' }).thenRefused('invalid_date'));

    it('released hours are free again', () =>
      given(workerDecider, [...history, released('2026-02-01', '2026-03-31')])
        .when({
          type: 'CommitHours',
          placementId: 'p2',
          hoursPerWeek: 40,
          period: { from: '2026-02-01', to: '2026-03-31' },
          rules: workingTimeBook,
        })
        .then([committed('p2', 40, '2026-02-01', '2026-03-31')]));
  });

  describe('workLoadsOf', () => {
    const monday = { hours: 8, start: '08:00', end: '16:30' };
    const state = fold(workerDecider, [
      ...withContract,
      committed('p1', 16, '2026-02-04', '2026-02-18'),
      {
        type: 'HoursCommitted',
        data: {
          workerId: 'anna',
          placementId: 'p2',
          contractId: 'c1',
          hoursPerWeek: 8,
          period: { from: '2026-02-16', to: '2026-03-31' },
          pattern: { monday },
        },
      },
    ]);

    it('gives each commitment with its pattern, or the hours a week spread over Monday to Friday', () => {
      const spread = { hours: 3.2 };
      expect(workLoadsOf(state)).toEqual([
        {
          placementId: 'p1',
          period: { from: '2026-02-04', to: '2026-02-18' },
          pattern: { monday: spread, tuesday: spread, wednesday: spread, thursday: spread, friday: spread },
        },
        { placementId: 'p2', period: { from: '2026-02-16', to: '2026-03-31' }, pattern: { monday } },
      ]);
    });

    it('can leave one placement out, and those without a day in a period', () => {
      expect(workLoadsOf(state, { exceptPlacementId: 'p2' }).map((load) => load.placementId)).toEqual(['p1']);
      expect(workLoadsOf(state, { within: { from: '2026-02-19', to: '2026-02-28' } }).map((load) => load.placementId)).toEqual(['p2']);
    });
  });
});
