import { requireBasisPoints, requireDate, requireHours, requirePeriod } from './guards.js';
import { streamIdFor } from './stream-id.js';
import { requireWithinWeekLimits } from './working-hours.js';

const refusal = (code: string) => expect.objectContaining({ name: 'DomainError', kind: 'rule', code });

describe('stream ids', () => {
  it('joins prefix and id', () => expect(streamIdFor('worker', 'anna.de-vries@pool:1_b')).toBe('worker-anna.de-vries@pool:1_b'));

  it.each([[''], ['anna de vries'], ['anna/1'], ['x'.repeat(101)]])('refuses the id "%s"', (id) => {
    expect(() => streamIdFor('worker', id)).toThrow(refusal('invalid_id'));
  });
});

describe('guards', () => {
  it('accept sound input', () => {
    expect(() => requireDate('2026-01-15', 'The date')).not.toThrow();
    expect(() => requirePeriod({ from: '2026-01-15', to: '2026-01-15' }, 'The period')).not.toThrow();
    expect(() => requirePeriod({ from: '2026-01-15' }, 'The period')).not.toThrow();
    expect(() => requireHours(12.25, 'Hours')).not.toThrow();
    expect(() => requireHours(0, 'Hours', { allowZero: true })).not.toThrow();
  });

  it('refuse unsound input with a reason', () => {
    expect(() => requirePeriod({ from: '2026-01-15', to: '2026-02-30' }, 'The period')).toThrow(refusal('invalid_date'));
    expect(() => requireHours(12.1, 'Hours')).toThrow(refusal('invalid_hours'));
    expect(() => requireHours(0, 'Hours')).toThrow(refusal('invalid_hours'));
    expect(() => requireBasisPoints(12.5, 'A percentage')).toThrow(refusal('invalid_percentage'));
  });
});

describe('week limits', () => {
  it('allow exactly the limit', () => {
    expect(() => requireWithinWeekLimits({ committedHours: 28, addingHours: 12, contractMaxHours: 40 })).not.toThrow();
    expect(() => requireWithinWeekLimits({ committedHours: 40, addingHours: 20, contractMaxHours: 60 })).not.toThrow();
  });

  it('refuse beyond the contract maximum or the Working Hours Act, naming the numbers', () => {
    expect(() => requireWithinWeekLimits({ committedHours: 28, addingHours: 12.25, contractMaxHours: 40, week: '2026-W03' })).toThrow(
      expect.objectContaining({
        code: 'hours_limit_exceeded',
        message: expect.stringContaining('In week 2026-W03 the worker would work 40.25 h a week'),
      }),
    );
    expect(() => requireWithinWeekLimits({ committedHours: 40, addingHours: 20.25, contractMaxHours: 60 })).toThrow(
      expect.objectContaining({ code: 'hours_limit_exceeded', message: expect.stringContaining('Working Hours Act limit of 60 h') }),
    );
  });
});
