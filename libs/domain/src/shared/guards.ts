import { refuse } from './domain-error.js';
import { formatPeriod, isValidLocalDate, type LocalDate, type OpenPeriod } from './local-date.js';
import { HUNDRED_PERCENT, isCents, type BasisPoints, type Cents } from './money.js';
import { isQuarterHours, WORKING_HOURS_ACT_WEEK_LIMIT, type Hours } from './working-hours.js';

// The API validates shapes first; these checks keep the deciders sound whoever calls them.

export function requireText(value: string, what: string): void {
  if (typeof value !== 'string' || value.trim() === '') refuse('missing_text', `${what} must not be empty.`);
}

export function requireDate(value: LocalDate, what: string): void {
  if (!isValidLocalDate(value)) refuse('invalid_date', `${what} "${value}" is not a calendar date (YYYY-MM-DD).`);
}

/** Valid dates, and an end (when there is one) not before the start. */
export function requirePeriod(period: OpenPeriod, what: string): void {
  requireDate(period.from, `${what}: the start date`);
  if (period.to === undefined) return;
  requireDate(period.to, `${what}: the end date`);
  if (period.to < period.from) refuse('invalid_period', `${what} ends before it starts (${formatPeriod(period)}).`);
}

export function requireHours(value: Hours, what: string, { allowZero = false, max = WORKING_HOURS_ACT_WEEK_LIMIT } = {}): void {
  const inRange = allowZero ? value >= 0 : value > 0;
  if (!isQuarterHours(value) || !inRange || value > max) {
    refuse(
      'invalid_hours',
      `${what} must be ${allowZero ? 'from 0' : 'above 0'} up to ${max} hours, in quarters of an hour, not ${value}.`,
    );
  }
}

export function requireCents(value: Cents, what: string): void {
  if (!isCents(value) || value <= 0) refuse('invalid_amount', `${what} must be a positive whole number of cents, not ${value}.`);
}

export function requireBasisPoints(value: BasisPoints, what: string, { min = 0, max = HUNDRED_PERCENT } = {}): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    refuse('invalid_percentage', `${what} must be a whole number of basis points from ${min} to ${max}, not ${value}.`);
  }
}
