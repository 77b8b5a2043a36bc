import { fold } from '../shared/decider.js';
import { workerDecider } from './worker.decider.js';
import { workerFactsFor } from './worker-facts.js';
import { agreed, annaRegistered, committed, fixedTerm } from './worker.fixtures.js';

describe('workerFactsFor', () => {
  const state = fold(workerDecider, [
    annaRegistered,
    agreed('c1', fixedTerm('2025-07-01', '2026-06-30', 36)),
    committed('p1', 16, '2026-02-01', '2026-03-31'),
    committed('p2', 12, '2026-03-01', '2026-03-31'),
  ]);

  it('gives the birth date, the peak weekly hours of the other placements and the covering contract maximum', () => {
    expect(workerFactsFor(state, { from: '2026-03-01', to: '2026-04-30' }, 'p2')).toEqual({
      workerId: 'anna',
      birthDate: '2000-05-10',
      otherCommittedHoursPerWeek: 16,
      contractMaxHoursPerWeek: 36,
    });
    expect(workerFactsFor(state, { from: '2026-03-01', to: '2026-04-30' }, 'p3').otherCommittedHoursPerWeek).toBe(28);
  });

  it('has no contract maximum when no contract covers the period', () => {
    expect(workerFactsFor(state, { from: '2026-06-01', to: '2026-07-31' }, 'p3').contractMaxHoursPerWeek).toBeUndefined();
  });

  it('refuses a worker that is not registered', () => {
    expect(() => workerFactsFor(fold(workerDecider, []), { from: '2026-03-01', to: '2026-04-30' }, 'p1')).toThrow(
      expect.objectContaining({ kind: 'not_found', code: 'worker_not_found' }),
    );
  });
});
