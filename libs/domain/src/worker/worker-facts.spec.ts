import { fold } from '../shared/decider.js';
import { workerDecider } from './worker.decider.js';
import { workerFactsFor } from './worker-facts.js';
import { agreed, annaRegistered, committed, fixedTerm } from './worker.fixtures.js';
import { workLoad } from './working-time.js';

describe('workerFactsFor', () => {
  const state = fold(workerDecider, [
    annaRegistered,
    agreed('c1', fixedTerm('2025-07-01', '2026-06-30', 36)),
    committed('p0', 8, '2025-09-01', '2025-10-31'),
    committed('p1', 16, '2026-02-01', '2026-03-31'),
    committed('p2', 12, '2026-03-01', '2026-03-31'),
  ]);
  const spring = { from: '2026-03-01', to: '2026-04-30' };

  it('gives the birth date, the other commitments within reach of the 16-week windows and the covering contract maximum', () => {
    expect(workerFactsFor(state, spring, 'p2')).toEqual({
      workerId: 'anna',
      birthDate: '2000-05-10',
      otherCommitments: [workLoad('p1', 16, undefined, { from: '2026-02-01', to: '2026-03-31' })],
      contractMaxHoursPerWeek: 36,
    });
  });

  it('reaches 15 weeks either side of the weeks of the period', () => {
    // 2026-03-01 is a Sunday: its week starts on 2026-02-23, and 15 weeks before that is 2025-11-10.
    expect(workerFactsFor(state, spring, 'p3').otherCommitments.map((load) => load.placementId)).toEqual(['p1', 'p2']);
    const midFebruary = { from: '2026-02-16', to: '2026-02-16' }; // its reach starts on 2025-11-03, after p0 ended
    expect(workerFactsFor(state, midFebruary, 'p3').otherCommitments.map((load) => load.placementId)).toEqual(['p1', 'p2']);
    const earlyFebruary = { from: '2026-02-09', to: '2026-02-09' }; // reach from 2025-10-27: p0 runs until 2025-10-31
    expect(workerFactsFor(state, earlyFebruary, 'p3').otherCommitments.map((load) => load.placementId)).toEqual(['p0', 'p1', 'p2']);
  });

  it('has no contract maximum when no contract covers the period', () => {
    expect(workerFactsFor(state, { from: '2026-06-01', to: '2026-07-31' }, 'p3').contractMaxHoursPerWeek).toBeUndefined();
  });

  it('refuses a worker that is not registered', () => {
    expect(() => workerFactsFor(fold(workerDecider, []), spring, 'p1')).toThrow(
      expect.objectContaining({ kind: 'not_found', code: 'worker_not_found' }),
    );
  });
});
