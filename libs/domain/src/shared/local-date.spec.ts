import fc from 'fast-check';
import {
  addDays,
  addMonths,
  ageOn,
  compareDates,
  contains,
  daysBetween,
  fromEpochDay,
  isoWeekOf,
  isValidLocalDate,
  localDateOf,
  mondayOf,
  overlaps,
  toEpochDay,
  weekStartsIn,
} from './local-date.js';

// The Date-based conversions the integer arithmetic replaced: the reference it must agree with.
const DAY_MS = 86_400_000;
const dateToEpochDay = (date: string) => {
  const [year, month, day] = date.split('-').map(Number);
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day); // unlike Date.UTC, takes years 0 to 99 as they are
  return utc.getTime() / DAY_MS;
};
const dateFromEpochDay = (epochDay: number) => new Date(epochDay * DAY_MS).toISOString().slice(0, 10);

// 0000-01-01 to 9999-12-31: every date a LocalDate's four-digit year can name.
const FIRST_DAY = -719_528;
const LAST_DAY = 2_932_896;
const epochDays = fc.integer({ min: FIRST_DAY, max: LAST_DAY });
const pad = (n: number, width: number) => String(n).padStart(width, '0');

describe('local dates', () => {
  it.each([['2024-02-29'], ['2000-02-29'], ['2025-12-31'], ['1999-01-01']])('accepts the calendar date %s', (date) =>
    expect(isValidLocalDate(date)).toBe(true),
  );

  it.each([
    ['2025-02-29'],
    ['1900-02-29'],
    ['2025-00-10'],
    ['2025-03-00'],
    ['2025-13-01'],
    ['2025-04-31'],
    ['2025-1-01'],
    ['0999-01-01'],
    ['2025-01-01T00:00'],
    [20250101],
    [undefined],
  ])('refuses %s', (value) => expect(isValidLocalDate(value)).toBe(false));

  it('accepts exactly the strings YYYY-MM-DD (year 1000 on) that name a day, as a round trip through Date says', () =>
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), (y, m, d) => {
        const date = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
        const names = y >= 1000 && m >= 1 && m <= 12 && d >= 1 && dateFromEpochDay(dateToEpochDay(date)) === date;
        expect(isValidLocalDate(date)).toBe(names);
      }),
      { numRuns: 10_000 },
    ));

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

  describe('integer day arithmetic agrees with Date', () => {
    it('at the ends of the range', () => {
      expect(dateFromEpochDay(FIRST_DAY)).toBe('0000-01-01');
      expect(dateFromEpochDay(LAST_DAY)).toBe('9999-12-31');
      expect([fromEpochDay(FIRST_DAY), fromEpochDay(0), fromEpochDay(LAST_DAY)]).toEqual(['0000-01-01', '1970-01-01', '9999-12-31']);
    });

    it('from days to a date and back, over years 0 to 9999', () =>
      fc.assert(
        fc.property(epochDays, (day) => {
          expect(fromEpochDay(day)).toBe(dateFromEpochDay(day));
          expect(toEpochDay(fromEpochDay(day))).toBe(day);
        }),
        { numRuns: 5_000 },
      ));

    it('from any year, month and day (rolling a day the month lacks over, like Date)', () =>
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), (y, m, d) => {
          const date = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
          expect(toEpochDay(date)).toBe(dateToEpochDay(date));
        }),
        { numRuns: 5_000 },
      ));

    it('in the Monday of the week and the validity it gives', () =>
      fc.assert(
        fc.property(fc.integer({ min: toEpochDay('1000-01-08'), max: toEpochDay('9999-12-20') }), (day) => {
          const date = fromEpochDay(day);
          const weekday = (new Date(day * DAY_MS).getUTCDay() + 6) % 7;
          expect(mondayOf(date)).toBe(dateFromEpochDay(day - weekday));
          expect(isValidLocalDate(date)).toBe(true);
          expect(isValidLocalDate(`${date.slice(0, 8)}${pad(Number(date.slice(8)) + 31, 2)}`)).toBe(false);
        }),
        { numRuns: 5_000 },
      ));
  });
});
