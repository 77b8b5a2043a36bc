import { fold } from '../shared/decider.js';
import { caoDecider, caoVersionOn, type ResolvedCaoVersion } from './cao.decider.js';
import { hourlyWage } from './cao-pay.js';
import { sampleContent } from './cao.fixtures.js';

const version = caoVersionOn(
  fold(caoDecider, [
    { type: 'CaoRegistered', data: { code: 'recreatie', name: 'CAO Recreatie' } },
    { type: 'CaoVersionPublished', data: { code: 'recreatie', effectiveFrom: '2025-01-01', content: sampleContent() } },
  ]),
  '2025-06-01',
) as ResolvedCaoVersion;

describe('hourlyWage', () => {
  it('gives the hourly wage of a scale and step (steps count from 0)', () => {
    expect(hourlyWage(version, 'A', 0)).toBe(1450);
    expect(hourlyWage(version, 'B', 1)).toBe(1680);
  });

  it.each([['Z'], ['constructor']])('refuses a scale the version does not have (%s)', (scale) => {
    expect(() => hourlyWage(version, scale, 0)).toThrow(expect.objectContaining({ kind: 'rule', code: 'unknown_scale' }));
  });

  it.each([[2], [-1], [0.5]])('refuses a step the scale does not have (%s)', (step) => {
    expect(() => hourlyWage(version, 'B', step)).toThrow(expect.objectContaining({ kind: 'rule', code: 'unknown_step' }));
  });
});
