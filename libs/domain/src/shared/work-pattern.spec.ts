import { addDays, type Period } from './local-date.js';
import { clockSpan, minutesOnDay, patternOrSpread, requireWorkPattern, samePattern, weekdayOf, type WorkPattern } from './work-pattern.js';

const refusal = (code: string) => expect.objectContaining({ name: 'DomainError', kind: 'rule', code });

/** Minutes a pattern works on the days of `window` inside `period`, day by day. */
function minutesWithin(pattern: WorkPattern, period: Period, window: Period): number {
  let total = 0;
  for (let day = window.from; day <= window.to; day = addDays(day, 1)) total += minutesOnDay(pattern, period, day);
  return total;
}
const QUARTERS_UP_TO_60 = Array.from({ length: 240 }, (_, i) => (i + 1) / 4);

describe('work patterns in whole minutes', () => {
  it('knows the weekday of a date', () => {
    expect(weekdayOf('2026-03-02')).toBe('monday');
    expect(weekdayOf('2026-03-08')).toBe('sunday');
  });

  it('spreads every quarter-hour week over Monday to Friday exactly, whichever day a 7-day window starts', () => {
    const placement: Period = { from: '2026-01-05', to: '2026-12-27' };
    for (const hours of QUARTERS_UP_TO_60) {
      for (let offset = 0; offset < 7; offset++) {
        const from = addDays('2026-03-02', offset);
        expect(minutesWithin(patternOrSpread(hours, undefined), placement, { from, to: addDays(from, 6) })).toBe(hours * 60);
      }
    }
  });

  it('counts only the days of the placement inside the window', () => {
    const pattern: WorkPattern = { monday: { hours: 12 }, wednesday: { hours: 12 }, thursday: { hours: 12 } };
    // Ends on Wednesday 2026-03-04: the Thursday of that week is not worked.
    expect(minutesWithin(pattern, { from: '2026-02-23', to: '2026-03-04' }, { from: '2026-03-02', to: '2026-03-08' })).toBe(24 * 60);
  });

  it('runs a span past midnight into the next day', () => {
    expect(clockSpan('22:00', '02:00')).toEqual({ start: 1320, end: 1560 });
    expect(clockSpan('08:00', '16:30')).toEqual({ start: 480, end: 990 });
    expect(clockSpan('00:00', '24:00')).toEqual({ start: 0, end: 1440 });
  });

  it('compares patterns by weekday, not by the order of their keys', () => {
    expect(samePattern({ monday: { hours: 8 }, friday: { hours: 4 } }, { friday: { hours: 4 }, monday: { hours: 8 } })).toBe(true);
    expect(samePattern({ monday: { hours: 8 } }, { monday: { hours: 8, start: '08:00', end: '16:30' } })).toBe(false);
    expect(samePattern(undefined, undefined)).toBe(true);
    expect(samePattern({ monday: { hours: 8 } }, undefined)).toBe(false);
  });
});

describe('requireWorkPattern', () => {
  it('accepts days that add up to the hours a week and fit their times', () => {
    expect(() => requireWorkPattern({ monday: { hours: 8, start: '08:00', end: '16:30' }, saturday: { hours: 4 } }, 12)).not.toThrow();
    expect(() => requireWorkPattern({ friday: { hours: 4, start: '22:00', end: '02:00' } }, 4)).not.toThrow();
  });

  it.each<[string, WorkPattern, number, string]>([
    ['days that do not add up to the hours a week', { monday: { hours: 8 } }, 12, 'pattern_hours_mismatch'],
    ['more hours than the times span', { monday: { hours: 9, start: '08:00', end: '16:30' } }, 9, 'pattern_hours_outside_times'],
    ['a start time without an end', { monday: { hours: 8, start: '08:00' } }, 8, 'incomplete_pattern_times'],
    ['a time that is no clock time', { monday: { hours: 8, start: '08:00', end: '25:00' } }, 8, 'invalid_time'],
    ['more than 24 hours on a day', { monday: { hours: 25 } }, 25, 'invalid_hours'],
    ['hours that are not quarters', { monday: { hours: 8.1 } }, 8.1, 'invalid_hours'],
    ['a day that is no weekday', { someday: { hours: 8 } } as WorkPattern, 8, 'invalid_weekday'],
  ])('refuses %s', (_, pattern, hoursPerWeek, code) => {
    expect(() => requireWorkPattern(pattern, hoursPerWeek)).toThrow(refusal(code));
  });

  it('names the sums in its refusal', () => {
    expect(() => requireWorkPattern({ monday: { hours: 8 }, tuesday: { hours: 8 } }, 24)).toThrow(
      expect.objectContaining({
        message: 'The work pattern adds up to 16 h a week, but the placement is for 24 h a week; the days must add up to the hours a week.',
      }),
    );
  });
});
