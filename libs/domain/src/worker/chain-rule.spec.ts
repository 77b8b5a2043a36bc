import { parsePoolEvent } from '../event-schemas.js';
import { given } from '../shared/given-when-then.js';
import type { RuleBook } from '../rules/rule-book.js';
import type { LocalDate } from '../shared/local-date.js';
import { chainRuleBook, chainRuleRef, chainRuleRow, recreatieOn } from './chain-rule.fixtures.js';
import type { SeasonalClauseFacts } from './chain-rule.js';
import { workerDecider } from './worker.decider.js';
import type { ContractTerms, WorkerEvent } from './worker.events.js';
import { agreed, annaRegistered, fixedTerm } from './worker.fixtures.js';

const offer = (contractId: string, terms: ContractTerms, seasonalClause?: SeasonalClauseFacts, rules: RuleBook = chainRuleBook) =>
  ({ type: 'OfferContract', contractId, terms, rules, seasonalClause }) as const;

const agreedAt = (contractId: string, terms: ContractTerms, chain: object): WorkerEvent =>
  ({ type: 'PoolContractAgreed', data: { workerId: 'anna', contractId, terms, chain } }) as WorkerEvent;

const direct = (contractId: string, from: LocalDate, to: LocalDate, employerId = 'transport-bv'): WorkerEvent => ({
  type: 'DirectContractRecorded',
  data: { workerId: 'anna', employerId, contractId, from, to, kind: 'fixed_term' },
});

// Two pool contracts in a row; a third follows on 2025-01-01.
const twoPoolContracts = [
  annaRegistered,
  agreed('c1', fixedTerm('2024-01-01', '2024-06-30')),
  agreed('c2', fixedTerm('2024-07-01', '2024-12-31')),
];
const third = fixedTerm('2025-01-01', '2025-06-30');

describe('chain rule', () => {
  describe('earlier direct contracts with a hirer (successive employers)', () => {
    it('counts a direct contract with the hirer as link 1, so the pool’s third contract becomes the fourth and is refused', () => {
      given(workerDecider, twoPoolContracts)
        .when(offer('c3', third))
        .then([agreedAt('c3', third, { position: 3, chainStartedOn: '2024-01-01', breakingGapMonths: 6, rule: chainRuleRef })]);
      given(workerDecider, [...twoPoolContracts, direct('tb-1', '2023-07-01', '2023-12-31')])
        .when(offer('c3', third))
        .thenRefused('chain_rule_exceeded', {
          message: /number 4 .*1: 2023-07-01 to 2023-12-31 \(direct contract tb-1 with transport-bv\); 2: 2024-01-01 to 2024-06-30/,
        });
    });

    it('starts the chain on the direct contract’s first day', () =>
      given(workerDecider, [annaRegistered, direct('tb-1', '2024-01-01', '2024-12-31')])
        .when(offer('c1', third))
        .then([agreedAt('c1', third, { position: 2, chainStartedOn: '2024-01-01', breakingGapMonths: 6, rule: chainRuleRef })]));

    it('does not count a direct contract that ended more than 6 months before', () =>
      given(workerDecider, [...twoPoolContracts, direct('tb-1', '2023-01-01', '2023-06-29')])
        .when(offer('c3', third))
        .then([agreedAt('c3', third, { position: 3, chainStartedOn: '2024-01-01', breakingGapMonths: 6, rule: chainRuleRef })]));

    it('does not count a direct contract that starts after the new contract', () =>
      given(workerDecider, [annaRegistered, direct('tb-1', '2025-02-01', '2025-03-31')])
        .when(offer('c1', third))
        .then([agreedAt('c1', third, { position: 1, chainStartedOn: '2025-01-01', breakingGapMonths: 6, rule: chainRuleRef })]));
  });

  describe('the seasonal clause', () => {
    // The third contract ends on 2025-06-30: from 2025-10-02 the gap is more than 3 months, not more than 6.
    const afterThreeMonths = fixedTerm('2025-10-02', '2026-03-31');
    const history = [...twoPoolContracts, agreed('c3', third)];

    it('with a CAO that binds the pool, a gap of more than 3 months breaks the chain', () =>
      given(workerDecider, history)
        .when(offer('c4', afterThreeMonths, recreatieOn('2025-10-02')))
        .then([
          agreedAt('c4', afterThreeMonths, {
            position: 1,
            chainStartedOn: '2025-10-02',
            breakingGapMonths: 3,
            rule: chainRuleRef,
            seasonalClauseCao: 'recreatie',
          }),
        ]));

    it('refuses the seasonal gap claimed from a CAO that does not bind the pool', () =>
      given(workerDecider, history)
        .when(offer('c4', afterThreeMonths, recreatieOn('2025-10-02', { binds: false })))
        .thenRefused('cao_not_binding_pool', { message: 'CAO recreatie does not bind the pool on 2025-10-02' }));

    it('refuses it from a binding CAO whose version that day has no seasonal clause', () =>
      given(workerDecider, history)
        .when(offer('c4', afterThreeMonths, recreatieOn('2025-10-02', { clause: false })))
        .thenRefused('no_seasonal_clause', { message: 'its version from 2024-01-01 (revision 0) has no seasonal clause' }));

    it('refuses it before the binding starts', () =>
      given(workerDecider, [annaRegistered])
        .when(offer('c1', fixedTerm('2023-06-01', '2023-08-31'), recreatieOn('2023-06-01')))
        .thenRefused('cao_not_binding_pool'));

    it('without the claim the same contract is the fourth in the chain', () =>
      given(workerDecider, history).when(offer('c4', afterThreeMonths)).thenRefused('chain_rule_exceeded', { message: 'from 2026-01-02' }));
  });

  describe('figures from the rule book', () => {
    // Illustrative: a later period allowing two contracts in 24 months, to show the row of the first day decides.
    const stricter: RuleBook = {
      ...chainRuleBook,
      chainRule: [
        { ...chainRuleRow, lastDay: '2024-12-31' },
        { ...chainRuleRow, effectiveFrom: '2025-01-01', values: { ...chainRuleRow.values, maxContracts: 2, maxMonths: 24 } },
      ],
    };

    it('applies the row in force on the new contract’s first day', () => {
      given(workerDecider, twoPoolContracts)
        .when(offer('c3', third, undefined, stricter))
        .thenRefused('chain_rule_exceeded', { message: 'at most 2 are allowed' });
      given(workerDecider, [annaRegistered, agreed('c1', fixedTerm('2024-01-01', '2024-06-30'))])
        .when(offer('c2', fixedTerm('2024-07-01', '2024-12-31'), undefined, stricter))
        .then([
          agreedAt('c2', fixedTerm('2024-07-01', '2024-12-31'), {
            position: 2,
            chainStartedOn: '2024-01-01',
            breakingGapMonths: 6,
            rule: chainRuleRef,
          }),
        ]);
    });

    it('records the row applied with the chain position', () =>
      given(workerDecider, [annaRegistered])
        .when(offer('c1', third, undefined, stricter))
        .then([
          agreedAt('c1', third, {
            position: 1,
            chainStartedOn: '2025-01-01',
            breakingGapMonths: 6,
            rule: { table: 'chain-rule', effectiveFrom: '2025-01-01', revision: 0 },
          }),
        ]));

    it('refuses a contract starting after the table’s last period', () =>
      given(workerDecider, [annaRegistered])
        .when(offer('c1', third, undefined, { ...chainRuleBook, chainRule: [{ ...chainRuleRow, lastDay: '2024-12-31' }] }))
        .thenRefused('rule_table_outdated'));
  });
});

describe('the chain position as stored', () => {
  it('still reads a chain position recorded before the rule row was', () =>
    expect(
      parsePoolEvent('PoolContractAgreed', 1, {
        workerId: 'anna',
        contractId: 'c1',
        terms: third,
        chain: { position: 1, chainStartedOn: '2025-01-01', breakingGapMonths: 6 },
      }),
    ).toMatchObject({ ok: true }));
});

describe('RecordDirectContract', () => {
  const record = (contractId = 'tb-1', from = '2024-01-01', to = '2024-12-31') =>
    ({ type: 'RecordDirectContract', contractId, employerId: 'transport-bv', from, to }) as const;

  it('records a fixed-term contract the worker had directly with a hirer', () =>
    given(workerDecider, [annaRegistered])
      .when(record())
      .then([direct('tb-1', '2024-01-01', '2024-12-31')]));

  it('refuses the same contract twice', () =>
    given(workerDecider, [annaRegistered, direct('tb-1', '2024-01-01', '2024-12-31')])
      .when(record())
      .thenRefused('direct_contract_already_recorded', { kind: 'conflict' }));

  it('refuses a contract ending before it starts', () =>
    given(workerDecider, [annaRegistered])
      .when(record('tb-1', '2024-12-31', '2024-01-01'))
      .thenRefused('invalid_period'));

  it('refuses a worker who is not registered', () =>
    given(workerDecider, []).when(record()).thenRefused('worker_not_found', { kind: 'not_found' }));
});
