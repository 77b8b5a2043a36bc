/**
 * A calendar date 'YYYY-MM-DD' as meant in the Netherlands (Europe/Amsterdam): a day, not an
 * instant. ISO strings of equal length sort like the dates they name, so comparing is comparing strings.
 */
export type LocalDate = string;

/** An inclusive run of calendar days: `to` is the last day. */
export interface Period {
  readonly from: LocalDate;
  readonly to: LocalDate;
}

/** A period that may run until further notice (no `to`). */
export interface OpenPeriod {
  readonly from: LocalDate;
  readonly to?: LocalDate;
}

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const SHAPE = /^[1-9]\d{3}-\d{2}-\d{2}$/;

/*
 * Days since 1970-01-01 (the proleptic Gregorian calendar, years 0 to 9999), computed on integers with
 * Howard Hinnant's days_from_civil / civil_from_days: the read models convert millions of dates, and going
 * through Date and ISO strings was most of a rebuild's time. A day that a month lacks (02-30) rolls over
 * into the next month, as Date.UTC does.
 */
const DAYS_PER_ERA = 146_097; // 400 Gregorian years
const EPOCH_SHIFT = 719_468; // days from 0000-03-01 to 1970-01-01

const digit = (text: string, at: number) => text.charCodeAt(at) - 48;

export function toEpochDay(date: LocalDate): number {
  const year = digit(date, 0) * 1000 + digit(date, 1) * 100 + digit(date, 2) * 10 + digit(date, 3);
  const month = digit(date, 5) * 10 + digit(date, 6);
  const day = digit(date, 8) * 10 + digit(date, 9);
  // Years counted from March, so that the leap day is the last day of a year.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * DAYS_PER_ERA + dayOfEra - EPOCH_SHIFT;
}

const TWO_DIGITS = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'));

export function fromEpochDay(epochDay: number): LocalDate {
  const shifted = epochDay + EPOCH_SHIFT;
  const era = Math.floor(shifted / DAYS_PER_ERA);
  const dayOfEra = shifted - era * DAYS_PER_ERA;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${year >= 1000 ? year : String(year).padStart(4, '0')}-${TWO_DIGITS[month]}-${TWO_DIGITS[day]}`;
}

/** True for a real calendar date in the form YYYY-MM-DD (2025-02-29 is not one). */
export function isValidLocalDate(value: unknown): value is LocalDate {
  if (typeof value !== 'string' || !SHAPE.test(value)) return false;
  // Read off the digits, making no string: the events' schemas check every date of every event a rebuild reads.
  const year = digit(value, 0) * 1000 + digit(value, 1) * 100 + digit(value, 2) * 10 + digit(value, 3);
  const month = digit(value, 5) * 10 + digit(value, 6);
  const day = digit(value, 8) * 10 + digit(value, 9);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
}

export function compareDates(a: LocalDate, b: LocalDate): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}

export const laterOf = (a: LocalDate, b: LocalDate): LocalDate => (a >= b ? a : b);

export function addDays(date: LocalDate, days: number): LocalDate {
  return fromEpochDay(toEpochDay(date) + days);
}

/** Calendar months later; a day that the target month lacks becomes its last day (08-31 + 6 → 02-28). */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const [year, month, day] = date.split('-').map(Number);
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}

/** Days from `from` to `to` (negative when `to` is earlier); 2025-01-01 → 2025-01-02 is 1. */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return toEpochDay(to) - toEpochDay(from);
}

/** Whether two periods share at least one day; an open end runs forever. */
export function overlaps(a: OpenPeriod, b: OpenPeriod): boolean {
  return (b.to === undefined || a.from <= b.to) && (a.to === undefined || b.from <= a.to);
}

/** Whether every day of `inner` (a period or a single date) lies within `outer`. */
export function contains(outer: OpenPeriod, inner: OpenPeriod | LocalDate): boolean {
  const { from, to } = typeof inner === 'string' ? { from: inner, to: inner } : inner;
  const endsInside = outer.to === undefined || (to !== undefined && to <= outer.to);
  return from >= outer.from && endsInside;
}

export function formatPeriod(period: OpenPeriod): string {
  return period.to === undefined ? `from ${period.from} (open-ended)` : `${period.from} to ${period.to}`;
}

/** The Monday that starts the ISO week of a date. */
export function mondayOf(date: LocalDate): LocalDate {
  const epochDay = toEpochDay(date);
  const isoDayIndex = (((epochDay + 3) % 7) + 7) % 7; // Monday 0 … Sunday 6 (1970-01-01 was a Thursday)
  return fromEpochDay(epochDay - isoDayIndex);
}

/** The ISO week of a date as 'YYYY-Www' (weeks start on Monday; week 1 holds the first Thursday). */
export function isoWeekOf(date: LocalDate): string {
  const thursday = addDays(mondayOf(date), 3);
  const year = thursday.slice(0, 4);
  const week = Math.floor(daysBetween(`${year}-01-01`, thursday) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The Mondays of every ISO week that a period touches, first to last. */
export function weekStartsIn(period: Period): LocalDate[] {
  const mondays: LocalDate[] = [];
  const last = toEpochDay(period.to);
  for (let monday = toEpochDay(mondayOf(period.from)); monday <= last; monday += 7) mondays.push(fromEpochDay(monday));
  return mondays;
}

/**
 * Full years of age on a date. Someone born on 29 February becomes a year older on 1 March in
 * non-leap years (the month-day comparison never sees a 29 February).
 */
export function ageOn(birthDate: LocalDate, onDate: LocalDate): number {
  const years = Number(onDate.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return onDate.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

const amsterdamDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar date in the Netherlands at an instant (23:30 UTC on 31 December is already 1 January). */
export function localDateOf(instant: Date): LocalDate {
  const parts = amsterdamDate.formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}
