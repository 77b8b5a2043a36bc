import { parsePoolEvent, schemaVersionOf } from '../event-schemas.js';
import { targetGroupStatusOn } from './target-group.js';
import type { DatedTargetGroupStatus } from './worker.events.js';

const inRegister = (validFrom?: string, validUntil?: string): DatedTargetGroupStatus => ({ inRegister: true, validFrom, validUntil });
const outOfRegister = (validFrom?: string, validUntil?: string): DatedTargetGroupStatus => ({ inRegister: false, validFrom, validUntil });
const on = (history: DatedTargetGroupStatus[], date: string) => targetGroupStatusOn(history, date)?.inRegister;

describe('target-group status on a day', () => {
  it('holds a status without a start from the beginning, and none before any recording', () => {
    expect(on([inRegister()], '1990-01-01')).toBe(true);
    expect(on([], '2026-01-01')).toBeUndefined();
    expect(on([inRegister('2026-03-01')], '2026-02-28')).toBeUndefined();
  });

  it('lets a status from a later date change the days from then on, never the days before', () => {
    const history = [inRegister(), outOfRegister('2027-02-03')];
    expect(on(history, '2027-02-02')).toBe(true);
    expect(on(history, '2027-02-03')).toBe(false);
  });

  it('lets an earlier start recorded later change only the days up to the next start', () => {
    const history = [inRegister('2026-01-01'), outOfRegister('2026-06-01'), outOfRegister('2026-03-01')];
    expect([on(history, '2026-02-28'), on(history, '2026-03-01'), on(history, '2026-06-01')]).toEqual([true, false, false]);
    const corrected = [outOfRegister('2026-01-01'), inRegister('2026-06-01'), inRegister('2026-03-01')];
    expect([on(corrected, '2026-02-28'), on(corrected, '2026-05-31'), on(corrected, '2026-07-01')]).toEqual([false, true, true]);
  });

  it('corrects a status with one of the same start, and an undated status as undated ones always did (last recorded wins)', () => {
    expect(on([inRegister('2026-03-01'), outOfRegister('2026-03-01')], '2026-05-01')).toBe(false);
    expect(on([inRegister(), outOfRegister()], '2026-05-01')).toBe(false);
  });

  it('ends a status on its last day: the worker is out of the register until a later start says otherwise', () => {
    const history = [inRegister(), inRegister('2026-01-01', '2026-12-31')];
    expect(on(history, '2026-12-31')).toBe(true);
    expect(on(history, '2027-01-01')).toBeUndefined();
    expect(on([...history, inRegister('2027-03-01')], '2027-02-28')).toBeUndefined();
    expect(on([...history, inRegister('2027-03-01')], '2027-03-01')).toBe(true);
  });
});

describe('TargetGroupStatusRecorded', () => {
  it('is written at version 2, with the days it holds', () => {
    expect(schemaVersionOf('TargetGroupStatusRecorded')).toBe(2);
    const data = { workerId: 'anna', inRegister: true, wageValueBp: 7000, validFrom: '2027-01-01', validUntil: '2027-12-31' };
    expect(parsePoolEvent('TargetGroupStatusRecorded', 2, data)).toEqual({ ok: true, event: { type: 'TargetGroupStatusRecorded', data } });
    expect(parsePoolEvent('TargetGroupStatusRecorded', 2, { ...data, validUntil: '2026-12-31' })).toMatchObject({
      ok: false,
      reason: 'invalid_data',
      detail: expect.stringContaining('ends before it starts'),
    });
  });

  it('reads a version 1 status (no dates) as holding from the beginning, as version 1 meant', () => {
    // As version 1 was stored: the status with nothing saying from when.
    const v1 = { workerId: 'anna', inRegister: true, wageValueBp: 8000 };
    const parsed = parsePoolEvent('TargetGroupStatusRecorded', 1, v1);
    expect(parsed).toEqual({ ok: true, event: { type: 'TargetGroupStatusRecorded', data: v1 } });
    const later = parsePoolEvent('TargetGroupStatusRecorded', 1, { workerId: 'anna', inRegister: false });
    const history = [parsed, later].map((p) => (p.ok && p.event.type === 'TargetGroupStatusRecorded' ? p.event.data : undefined)!);
    // The last recorded undated status held for every week, as it did under version 1.
    expect(on(history, '2020-01-06')).toBe(false);
    expect(parsePoolEvent('TargetGroupStatusRecorded', 1, { workerId: 'anna', inRegister: 'yes' })).toMatchObject({ ok: false });
  });
});
