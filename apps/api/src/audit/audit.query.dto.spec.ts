import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { isInstant } from '@banenpool/audit';
import { AuditDiffQuery } from './audit.query.dto.js';

describe('an instant in an audit question', () => {
  it('is a moment that exists, with its time and zone', () => {
    for (const good of ['2026-03-04T14:00:00Z', '2026-03-04T14:00Z', '2026-03-04T23:59:59.123456789+01:00', '2024-02-29T00:00:00-05:30']) {
      expect([good, isInstant(good)]).toEqual([good, true]);
    }
  });

  // Date.parse takes each of these for another moment (2 March, the next day) instead of refusing it.
  it.each([
    '2026-02-30T10:00:00Z',
    '2026-02-29T10:00:00Z',
    '2026-04-31T00:00:00Z',
    '2026-03-04T24:00:00Z',
    '2026-03-04T14:60:00Z',
    '2026-03-04T14:00:60Z',
    '2026-03-04T14:00:00+24:00',
  ])('%s is refused', (bad) => {
    expect(isInstant(bad)).toBe(false);
    const errors = validateSync(plainToInstance(AuditDiffQuery, { from: bad }));
    expect(errors.map((e) => e.property)).toEqual(['from']);
  });
});
