import { requireBasisPoints, requireDate, requireHours, requirePeriod } from './guards.js';
import { streamIdFor } from './stream-id.js';

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
