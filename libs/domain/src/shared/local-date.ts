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
const DAY_MS = 86_400_000;

// Days since 1970-01-01 in UTC: calendar arithmetic without daylight-saving surprises.
const toEpochDay = (date: LocalDate): number => {
  const [year, month, day] = date.split('-').map(Number);
  return Date.UTC(year, month - 1, day) / DAY_MS;
};
const fromEpochDay = (epochDay: number): LocalDate => new Date(epochDay * DAY_MS).toISOString().slice(0, 10);

/** True for a real calendar date in the form YYYY-MM-DD (2025-02-29 is not one). */
export function isValidLocalDate(value: unknown): value is LocalDate {
  // Date.UTC rolls 2025-02-30 over to March; the round trip catches it.
  return typeof value === 'string' && SHAPE.test(value) && fromEpochDay(toEpochDay(value)) === value;
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
  const isoDayIndex = (new Date(toEpochDay(date) * DAY_MS).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return addDays(date, -isoDayIndex);
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
  for (let monday = mondayOf(period.from); monday <= period.to; monday = addDays(monday, 7)) mondays.push(monday);
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
