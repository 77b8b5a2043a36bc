import {
  addDays,
  addMonths,
  ageOn,
  compareDates,
  contains,
  daysBetween,
  isoWeekOf,
  isValidLocalDate,
  localDateOf,
  mondayOf,
  overlaps,
  weekStartsIn,
} from './local-date.js';

describe('local dates', () => {
  it.each([['2024-02-29'], ['2025-12-31'], ['1999-01-01']])('accepts the calendar date %s', (date) =>
    expect(isValidLocalDate(date)).toBe(true),
  );

  it.each([['2025-02-29'], ['2025-13-01'], ['2025-04-31'], ['2025-1-01'], ['0999-01-01'], ['2025-01-01T00:00'], [20250101], [undefined]])(
    'refuses %s',
    (value) => expect(isValidLocalDate(value)).toBe(false),
  );

  it('compares, adds and counts days across month, year and daylight-saving boundaries', () => {
    expect(compareDates('2025-01-31', '2025-02-01')).toBe(-1);
    expect(compareDates('2025-02-01', '2025-02-01')).toBe(0);
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2025-01-01', '2024-12-31')).toBe(-1);
  });

  it('adds months, clamping to the end of a shorter month', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-08-31', 6)).toBe('2025-02-28');
    expect(addMonths('2024-01-01', 36)).toBe('2027-01-01');
    expect(addMonths('2025-03-15', -3)).toBe('2024-12-15');
  });

  it('overlaps and contains treat periods as inclusive and an open end as forever', () => {
    expect(overlaps({ from: '2025-01-01', to: '2025-01-31' }, { from: '2025-01-31', to: '2025-02-28' })).toBe(true);
    expect(overlaps({ from: '2025-01-01', to: '2025-01-31' }, { from: '2025-02-01' })).toBe(false);
    expect(overlaps({ from: '2025-01-01' }, { from: '2030-01-01', to: '2030-01-02' })).toBe(true);
    expect(contains({ from: '2025-01-01', to: '2025-12-31' }, { from: '2025-01-01', to: '2025-12-31' })).toBe(true);
    expect(contains({ from: '2025-01-01', to: '2025-12-31' }, { from: '2025-06-01' })).toBe(false);
    expect(contains({ from: '2025-01-01' }, { from: '2025-06-01' })).toBe(true);
    expect(contains({ from: '2025-01-01' }, '2024-12-31')).toBe(false);
  });

  it('finds ISO weeks, including weeks that belong to the neighbouring year', () => {
    expect(isoWeekOf('2026-01-01')).toBe('2026-W01');
    expect(isoWeekOf('2027-01-01')).toBe('2026-W53');
    expect(isoWeekOf('2024-12-30')).toBe('2025-W01');
    expect(mondayOf('2026-01-18')).toBe('2026-01-12');
    expect(weekStartsIn({ from: '2026-01-14', to: '2026-01-26' })).toEqual(['2026-01-12', '2026-01-19', '2026-01-26']);
  });

  it('gives the age in full years on a date', () => {
    expect(ageOn('2008-03-01', '2026-02-28')).toBe(17);
    expect(ageOn('2008-03-01', '2026-03-01')).toBe(18);
    expect(ageOn('2008-02-29', '2025-02-28')).toBe(16);
    expect(ageOn('2008-02-29', '2025-03-01')).toBe(17);
  });

  it('takes the calendar date of an instant in Amsterdam, summer and winter time alike', () => {
    expect(localDateOf(new Date('2025-12-31T23:30:00Z'))).toBe('2026-01-01');
    expect(localDateOf(new Date('2025-07-01T21:59:00Z'))).toBe('2025-07-01');
    expect(localDateOf(new Date('2025-07-01T22:00:00Z'))).toBe('2025-07-02');
  });
});
