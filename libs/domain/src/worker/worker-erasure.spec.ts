import { fold, type Decider } from '../shared/decider.js';
import { given } from '../shared/given-when-then.js';
import { workingTimeBook } from './working-time.fixtures.js';
import { workerDecider } from './worker.decider.js';
import type { EraseWorkerData, WorkerCommand } from './worker.commands.js';
import type { ErasurePayFacts, ErasureTimesheet } from './erasure-pay.js';
import type { WorkerEvent } from './worker.events.js';
import { agreed, annaRegistered, committed, fixedTerm, indefinite } from './worker.fixtures.js';
import type { WorkerState } from './worker.state.js';

// SPEC_NOW is 2026-01-15: Anna worked in 2025 and left at the end of it, and December is paid for good.
const paidInFull: ErasurePayFacts = {
  timesheets: [],
  finalizedPayRuns: [
    { payRunId: '2025-11', to: '2025-11-30' },
    { payRunId: '2025-12', to: '2025-12-31' },
  ],
  payPeriodKind: 'month',
};
const erase: EraseWorkerData = { type: 'EraseWorkerData', reason: 'data_subject_request', pay: paidInFull };
const inRegister: WorkerEvent = {
  type: 'TargetGroupStatusRecorded',
  data: { workerId: 'anna', inRegister: true, wageValueBp: 6500, validFrom: '2025-03-01', validUntil: '2025-12-31' },
};
const left: WorkerEvent[] = [
  annaRegistered,
  inRegister,
  agreed('c1', fixedTerm('2025-01-01', '2025-12-31')),
  committed('p1', 20, '2025-03-01', '2025-12-31'),
];
const erased: WorkerEvent = {
  type: 'WorkerDataErased',
  data: {
    workerId: 'anna',
    reason: 'data_subject_request',
    erasedOn: '2026-01-15',
    retained: { targetGroupStatuses: [{ inRegister: true, validFrom: '2025-03-01', validUntil: '2025-12-31' }] },
  },
};

describe('EraseWorkerData', () => {
  it('records the erasure with a reason code and the register periods the banenafspraak count needs, never the wage value', () =>
    given(workerDecider, left).when(erase).then([erased]));

  it('records no target-group periods for a worker who never had a status', () =>
    given(workerDecider, [annaRegistered])
      .when(erase)
      .then([{ type: 'WorkerDataErased', data: { ...erased.data, retained: { targetGroupStatuses: [] } } } as WorkerEvent]));

  it.each([
    ['a fixed-term contract that runs until today', agreed('c1', fixedTerm('2025-01-01', '2026-01-15'))],
    ['an indefinite contract', agreed('c1', indefinite('2025-01-01'))],
    ['a contract that starts later', agreed('c1', fixedTerm('2026-03-01', '2026-12-31'))],
  ])('refuses (409) while the worker has %s', (_, contract) =>
    given(workerDecider, [annaRegistered, contract]).when(erase).thenRefused('worker_has_contract', { kind: 'conflict' }),
  );

  it('accepts once an indefinite contract has been ended before today', () =>
    given(workerDecider, [
      annaRegistered,
      agreed('c1', indefinite('2025-01-01')),
      { type: 'PoolContractEnded', data: { workerId: 'anna', contractId: 'c1', lastDay: '2025-12-20', reason: 'left' } },
    ])
      .when(erase)
      .then([{ type: 'WorkerDataErased', data: { ...erased.data, retained: { targetGroupStatuses: [] } } } as WorkerEvent]));

  it('refuses (409) while hours are committed after today', () =>
    given(workerDecider, [
      annaRegistered,
      agreed('c1', fixedTerm('2025-01-01', '2025-12-31')),
      committed('p1', 20, '2025-06-01', '2026-02-01'),
    ])
      .when(erase)
      .thenRefused('worker_has_planned_hours', { kind: 'conflict', message: 'p1' }));

  it('is no events the second time even when pay is owed by then (nothing can be paid to an erased worker any more)', () =>
    given(workerDecider, [...left, erased])
      .when({ ...erase, pay: { ...paidInFull, finalizedPayRuns: [] } })
      .then([]));

  it('refuses a reason outside the codes, so no free text naming the person reaches the log', () =>
    given(workerDecider, left)
      .when({ type: 'EraseWorkerData', reason: 'Anna de Vries asked' } as unknown as EraseWorkerData)
      .thenRefused('invalid_erasure_reason'));

  it('refuses an unknown worker (404)', () => given(workerDecider, []).when(erase).thenRefused('worker_not_found', { kind: 'not_found' }));

  it('is no events the second time, so a retry can finish the shredding', () =>
    given(workerDecider, [...left, erased])
      .when(erase)
      .then([]));
});

describe('EraseWorkerData while pay may still be owed (409 worker_has_unpaid_hours)', () => {
  const sheet = (id: string, fields: Partial<ErasureTimesheet>): ErasureTimesheet => ({
    timesheetId: id,
    week: '2025-W50',
    status: 'approved',
    lineCount: 3,
    approvedVersion: 1,
    ...fields,
  });
  const withSheets = (...timesheets: ErasureTimesheet[]): EraseWorkerData => ({ ...erase, pay: { ...paidInFull, timesheets } });
  const refusedFor = (command: EraseWorkerData, ...named: string[]) =>
    given(workerDecider, left)
      .when(command)
      .thenRefused('worker_has_unpaid_hours', { kind: 'conflict', message: named.join(' ') });

  it.each<[string, Partial<ErasureTimesheet>, string]>([
    ['approved and paid by no run', {}, 'approval 1 not paid by a finalized pay run'],
    ['approved and locked by a run not finalized yet', { lock: { payRunId: '2026-01', approvedVersion: 1 } }, 'approval 1 not paid'],
    [
      'approved again after the finalized run paid its first approval',
      { approvedVersion: 2, lock: { payRunId: '2025-12', approvedVersion: 1 } },
      'approval 2',
    ],
    ['submitted', { status: 'submitted', approvedVersion: undefined }, 'submitted, awaiting approval'],
    [
      'corrected after it was paid, the correction not approved yet',
      { status: 'submitted', lock: { payRunId: '2025-12', approvedVersion: 1 } },
      'submitted',
    ],
    ['a draft with hours', { status: 'draft', approvedVersion: undefined }, 'a draft, not submitted yet'],
    ['rejected after an approval no run paid', { status: 'rejected' }, 'approval 1 not paid'],
  ])('refuses while a sheet is %s, naming it', (_, fields, why) =>
    refusedFor(withSheets(sheet('anna-p1-2025-W50', fields)), 'anna-p1-2025-W50 (2025-W50,', why),
  );

  it.each<[string, Partial<ErasureTimesheet>]>([
    ['paid by a finalized run at its latest approval', { lock: { payRunId: '2025-12', approvedVersion: 1 } }],
    ['rejected without ever being approved', { status: 'rejected', approvedVersion: undefined }],
    ['rejected after a correction, its approval paid', { status: 'rejected', lock: { payRunId: '2025-11', approvedVersion: 1 } }],
    ['an empty draft', { status: 'draft', lineCount: 0, approvedVersion: undefined }],
  ])('accepts a sheet %s', (_, fields) =>
    given(workerDecider, left)
      .when(withSheets(sheet('s1', fields)))
      .then([erased]),
  );

  it('names ten sheets and counts the rest', () =>
    given(workerDecider, left)
      .when(withSheets(...Array.from({ length: 12 }, (_, i) => sheet(`s${i}`, {}))))
      .thenRefused('worker_has_unpaid_hours', { kind: 'conflict', message: /s9 \(2025-W50, [^;]* and 2 more/ }));

  it('refuses while the pay period holding the contract’s last day is not finalized, naming it', () =>
    refusedFor(
      { ...erase, pay: { ...paidInFull, finalizedPayRuns: paidInFull.finalizedPayRuns.slice(0, 1) } },
      'pay period 2025-12, which holds the last day of their contracts (2025-12-31), is not finalized (pay is final up to 2025-11-30)',
    ));

  it('names the four-week period of the last day, which may start in the year before it', () =>
    given(workerDecider, [annaRegistered, agreed('c1', fixedTerm('2025-01-01', '2026-01-02'))])
      .when({ ...erase, pay: { timesheets: [], finalizedPayRuns: [], payPeriodKind: 'four_weeks' } })
      .thenRefused('worker_has_unpaid_hours', {
        kind: 'conflict',
        message:
          'pay period 2026-P01, which holds the last day of their contracts (2026-01-02), is not finalized (no pay run is finalized yet)',
      }));

  it('takes the latest last day of all the worker’s pool contracts, an early end included', () =>
    given(workerDecider, [
      annaRegistered,
      agreed('c1', fixedTerm('2025-01-01', '2025-06-30')),
      agreed('c2', indefinite('2025-09-01')),
      { type: 'PoolContractEnded', data: { workerId: 'anna', contractId: 'c2', lastDay: '2026-01-10', reason: 'left' } },
    ])
      .when(erase)
      .thenRefused('worker_has_unpaid_hours', {
        kind: 'conflict',
        message: 'pay period 2026-01, which holds the last day of their contracts (2026-01-10)',
      }));

  it('asks nothing of the pay periods of a worker who never had a pool contract', () =>
    given(workerDecider, [annaRegistered])
      .when({ ...erase, pay: { timesheets: [], finalizedPayRuns: [], payPeriodKind: 'month' } })
      .then([{ type: 'WorkerDataErased', data: { ...erased.data, retained: { targetGroupStatuses: [] } } } as WorkerEvent]));
});

describe('an erased worker', () => {
  const state = fold(workerDecider, [...left, erased]);

  it('keeps no name, birth date, home area, location, skills or target-group status', () => {
    expect(state).toEqual({
      status: 'erased',
      workerId: 'anna',
      erasedOn: '2026-01-15',
      contracts: [{ contractId: 'c1', terms: fixedTerm('2025-01-01', '2025-12-31') }],
      directContracts: [],
      commitments: [{ placementId: 'p1', contractId: 'c1', hoursPerWeek: 20, period: { from: '2025-03-01', to: '2025-12-31' } }],
    });
    const stored = JSON.stringify(state);
    for (const personal of ['Anna', '2000-05-10', 'Hengelo', '7551', 'cleaning', '6500']) expect(stored).not.toContain(personal);
  });

  const refused: [string, WorkerCommand][] = [
    ['AddSkill', { type: 'AddSkill', skill: 'welding' }],
    ['RemoveSkill', { type: 'RemoveSkill', skill: 'cleaning' }],
    ['ChangeAvailability', { type: 'ChangeAvailability', availability: { kind: 'hours_per_week', hoursPerWeek: 8, unavailable: [] } }],
    ['RecordTargetGroupStatus', { type: 'RecordTargetGroupStatus', status: { inRegister: false, validFrom: '2026-02-01' } }],
    ['OfferContract', { type: 'OfferContract', contractId: 'c2', terms: fixedTerm('2026-02-01', '2026-06-30'), rules: workingTimeBook }],
    ['RecordDirectContract', { type: 'RecordDirectContract', contractId: 'd1', employerId: 'e1', from: '2024-01-01', to: '2024-06-30' }],
    ['EndContract', { type: 'EndContract', contractId: 'c1', lastDay: '2025-06-30', reason: 'x' }],
    [
      'CommitHours',
      { type: 'CommitHours', placementId: 'p2', hoursPerWeek: 8, period: { from: '2025-06-01', to: '2025-06-30' }, rules: workingTimeBook },
    ],
  ];
  it.each(refused)('refuses %s (409 worker_erased)', (_, command) =>
    given(workerDecider, [...left, erased])
      .when(command)
      .thenRefused('worker_erased', { kind: 'conflict' }),
  );

  it('refuses a registration under the same id', () =>
    given(workerDecider, [...left, erased])
      .when({ ...(annaRegistered.data as object), type: 'RegisterWorker' } as WorkerCommand)
      .thenRefused('worker_already_registered', { kind: 'conflict' }));

  it('still has its hours released by the placement process', () =>
    given(workerDecider, [...left, erased])
      .when({ type: 'ReleaseHours', placementId: 'p1', from: '2025-12-01' })
      .then([
        {
          type: 'HoursReleased',
          data: { workerId: 'anna', placementId: 'p1', hoursPerWeek: 20, period: { from: '2025-12-01', to: '2025-12-31' } },
        },
      ]));

  it('folds the same whole as event by event (evolveAll keeps the commitments across the erasure)', () => {
    const history: WorkerEvent[] = [
      ...left,
      committed('p2', 4, '2025-04-01', '2025-04-30'),
      erased,
      {
        type: 'HoursReleased',
        data: { workerId: 'anna', placementId: 'p1', hoursPerWeek: 20, period: { from: '2025-12-01', to: '2025-12-31' } },
      },
    ];
    const oneByOne = history.reduce<WorkerState>((s, e) => workerDecider.evolve(s, e), workerDecider.initialState);
    const whole = (workerDecider as Required<Decider<WorkerCommand, WorkerEvent, WorkerState>>).evolveAll(
      workerDecider.initialState,
      history,
    );
    expect(whole).toEqual(oneByOne);
    expect(whole.status === 'erased' && whole.commitments.map((c) => [c.placementId, c.period.to])).toEqual([
      ['p1', '2025-11-30'],
      ['p2', '2025-04-30'],
    ]);
  });
});
