import { fold, type Decider } from '../shared/decider.js';
import { given } from '../shared/given-when-then.js';
import { workingTimeBook } from './working-time.fixtures.js';
import { workerDecider } from './worker.decider.js';
import type { EraseWorkerData, WorkerCommand } from './worker.commands.js';
import type { WorkerEvent } from './worker.events.js';
import { agreed, annaRegistered, committed, fixedTerm, indefinite } from './worker.fixtures.js';
import type { WorkerState } from './worker.state.js';

// SPEC_NOW is 2026-01-15: Anna worked in 2025 and left at the end of it.
const erase: EraseWorkerData = { type: 'EraseWorkerData', reason: 'data_subject_request' };
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
      { type: 'PoolContractEnded', data: { workerId: 'anna', contractId: 'c1', lastDay: '2026-01-14', reason: 'left' } },
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
