import { fold } from '../shared/decider.js';
import { given } from '../shared/given-when-then.js';
import type { AllocationCommand } from './allocation.commands.js';
import { allocationDecider, openProposals } from './allocation.decider.js';
import { allocationStreamId, type AllocationEvent, type AllocationProposal, type AllocationRunRecord } from './allocation.events.js';

const proposal = (workerId: string, overrides: Partial<AllocationProposal> = {}): AllocationProposal => ({
  proposalId: `vd-winter:${workerId}:2026-11-02`,
  workerId,
  requestId: 'vd-winter',
  employerId: 'visschedijk',
  siteId: 'hengelo',
  hoursPerWeek: 24,
  from: '2026-11-02',
  to: '2026-11-15',
  weekStarts: ['2026-11-02', '2026-11-09'],
  reasons: { skill: 'cleaning', shortfallHoursCovered: 48, continuity: 'new', consecutiveWeeks: 2, distanceKm: 3 },
  explanation: `${workerId}: cleaning, covers 48 h of shortfall, new employer, 2 weeks, 3 km`,
  ...overrides,
});

const run = (overrides: Partial<AllocationRunRecord> = {}): AllocationRunRecord => ({
  runId: 'winter-1',
  scope: { fromWeek: '2026-11-02', toWeek: '2026-11-09', employerIds: ['visschedijk'], requestIds: [] },
  input: { position: '742-1031', hash: 'ab12', requests: 1, workers: 2 },
  solver: { name: 'HiGHS', version: '1.8.0', method: 'mip' },
  weights: { fill: 1, shortfall: 1 },
  timeLimitSeconds: 10,
  result: { status: 'optimal', objective: 192, bound: 192, gap: 0, solveTimeMs: 40 },
  proposals: [proposal('anna'), proposal('bram')],
  ...overrides,
});

const completed: AllocationEvent = { type: 'AllocationRunCompleted', data: run() };
const annaId = 'vd-winter:anna:2026-11-02';
const bramId = 'vd-winter:bram:2026-11-02';
const accept = (proposalId = annaId): AllocationCommand => ({
  type: 'AcceptAllocationProposal',
  proposalId,
  placementId: 'winter-1.p1',
  by: 'operator:anna',
});
const accepted: AllocationEvent = {
  type: 'AllocationProposalAccepted',
  data: { runId: 'winter-1', proposalId: annaId, placementId: 'winter-1.p1', by: 'operator:anna' },
};
const refuseCommand: AllocationCommand = {
  type: 'RefuseAllocationProposal',
  proposalId: annaId,
  code: 'hours_limit_exceeded',
  reason: 'Anna would work 40 h',
  by: 'operator:anna',
};
const reject = (proposalIds: string[]): AllocationCommand => ({
  type: 'RejectAllocationProposals',
  proposalIds,
  reason: 'Anna starts elsewhere',
  by: 'operator:anna',
});
const rejected = (proposalId: string): AllocationEvent => ({
  type: 'AllocationProposalRejected',
  data: { runId: 'winter-1', proposalId, by: 'operator:anna', reason: 'Anna starts elsewhere' },
});

describe('allocation run stream', () => {
  it('has stream ids allocation-<id>', () => expect(allocationStreamId('winter-1')).toBe('allocation-winter-1'));

  describe('RecordAllocationRun', () => {
    it('records a completed run with its input, solver, result and proposals', () =>
      given(allocationDecider, []).when({ type: 'RecordAllocationRun', run: run() }).then([completed]));

    it('records a run that proposes nothing', () =>
      given(allocationDecider, [])
        .when({ type: 'RecordAllocationRun', run: run({ proposals: [] }) })
        .then([{ type: 'AllocationRunCompleted', data: run({ proposals: [] }) }]));

    it('refuses a run id that exists', () =>
      given(allocationDecider, [completed])
        .when({ type: 'RecordAllocationRun', run: run() })
        .thenRefused('allocation_run_exists', { kind: 'conflict' }));

    it.each<[string, Partial<AllocationRunRecord>, string]>([
      ['the same proposal twice', { proposals: [proposal('anna'), proposal('anna')] }, 'duplicate_proposal'],
      [
        'weeks that are not consecutive',
        { proposals: [proposal('anna', { weekStarts: ['2026-11-02', '2026-11-16'], to: '2026-11-22' })] },
        'malformed_proposal',
      ],
      ['a proposal whose days do not match its weeks', { proposals: [proposal('anna', { to: '2026-11-14' })] }, 'malformed_proposal'],
      [
        'a proposal outside the run’s weeks',
        { proposals: [proposal('anna', { from: '2026-11-16', to: '2026-11-22', weekStarts: ['2026-11-16'] })] },
        'proposal_outside_scope',
      ],
      [
        'weeks not named by their Monday',
        { scope: { fromWeek: '2026-11-03', toWeek: '2026-11-09', employerIds: [], requestIds: [] } },
        'invalid_week',
      ],
      [
        'a last week before the first',
        { scope: { fromWeek: '2026-11-09', toWeek: '2026-11-02', employerIds: [], requestIds: [] } },
        'invalid_period',
      ],
      ['no input position', { input: { position: '', hash: 'ab12', requests: 1, workers: 2 } }, 'missing_text'],
      ['a proposal of 70 hours a week', { proposals: [proposal('anna', { hoursPerWeek: 70 })] }, 'invalid_hours'],
    ])('refuses a run with %s', (_, overrides, code) =>
      given(allocationDecider, [])
        .when({ type: 'RecordAllocationRun', run: run(overrides) })
        .thenRefused(code),
    );
  });

  describe('AcceptAllocationProposal', () => {
    it('records the placement a proposal became', () => given(allocationDecider, [completed]).when(accept()).then([accepted]));

    it('accepts nothing from a run that was never completed', () =>
      given(allocationDecider, []).when(accept()).thenRefused('allocation_run_not_found', { kind: 'not_found' }));

    it('refuses a proposal the run does not have', () =>
      given(allocationDecider, [completed])
        .when(accept('vd-winter:cem:2026-11-02'))
        .thenRefused('proposal_not_found', { kind: 'not_found' }));

    it('accepts a proposal at most once', () =>
      given(allocationDecider, [completed, accepted])
        .when(accept())
        .thenRefused('proposal_already_decided', { kind: 'conflict', message: 'already accepted' }));

    it('refuses accepting a rejected proposal', () =>
      given(allocationDecider, [completed, rejected(annaId)])
        .when(accept())
        .thenRefused('proposal_already_decided', { kind: 'conflict', message: 'already rejected' }));
  });

  describe('RefuseAllocationProposal', () => {
    it('records why accepting a proposal failed', () =>
      given(allocationDecider, [completed])
        .when(refuseCommand)
        .then([
          {
            type: 'AllocationProposalRefused',
            data: {
              runId: 'winter-1',
              proposalId: annaId,
              by: 'operator:anna',
              code: 'hours_limit_exceeded',
              reason: 'Anna would work 40 h',
            },
          },
        ]));

    it('refuses a refusal without a reason', () =>
      given(allocationDecider, [completed])
        .when({ ...refuseCommand, reason: ' ' } as AllocationCommand)
        .thenRefused('missing_text'));

    it('a refused proposal cannot be accepted afterwards', () => {
      const refusedEvents = allocationDecider.decide(refuseCommand, fold(allocationDecider, [completed]), new Date());
      given(allocationDecider, [completed, ...refusedEvents])
        .when(accept())
        .thenRefused('proposal_already_decided', { kind: 'conflict', message: 'already refused' });
    });
  });

  describe('RejectAllocationProposals', () => {
    it('rejects the named proposals, each once, in one step', () =>
      given(allocationDecider, [completed])
        .when(reject([annaId, bramId, annaId]))
        .then([rejected(annaId), rejected(bramId)]));

    it('refuses the whole step when one of them was decided already', () =>
      given(allocationDecider, [completed, accepted])
        .when(reject([bramId, annaId]))
        .thenRefused('proposal_already_decided', { kind: 'conflict' }));

    it('refuses a rejection of nothing', () => given(allocationDecider, [completed]).when(reject([])).thenRefused('nothing_to_reject'));

    it('refuses a rejection without a reason', () =>
      given(allocationDecider, [completed])
        .when({ ...reject([annaId]), reason: '' } as AllocationCommand)
        .thenRefused('missing_text'));

    it('rejects nothing from a run that does not exist', () =>
      given(allocationDecider, [])
        .when(reject([annaId]))
        .thenRefused('allocation_run_not_found', { kind: 'not_found' }));
  });

  it('openProposals lists the undecided proposals in the run’s order', () => {
    expect(openProposals(fold(allocationDecider, [completed, accepted])).map((p) => p.workerId)).toEqual(['bram']);
    expect(openProposals(fold(allocationDecider, [completed, accepted, rejected(bramId)]))).toEqual([]);
    expect(openProposals(fold(allocationDecider, []))).toEqual([]);
  });
});
