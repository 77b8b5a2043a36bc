import { refuse } from './domain-error.js';
import { formatPeriod, type Period } from './local-date.js';

/** Hours, in quarters of an hour (12.25 yes, 12.1 no), so that sums of hours stay exact. */
export type Hours = number;

/**
 * The most hours in one week the Working Hours Act allows anyone (an adult). It bounds the hours a
 * week a command may name and the allocation's quick cap; the limits a worker is held to (by age, per
 * day, week and average) come from the `working-time` rule table (see worker/working-time.ts).
 */
export const WORKING_HOURS_ACT_WEEK_LIMIT: Hours = 60;

export const isQuarterHours = (value: unknown): value is Hours => typeof value === 'number' && Number.isInteger(value * 4);

export function noCoveringContract(period: Period): never {
  return refuse('no_covering_contract', `No pool contract of the worker covers the whole period ${formatPeriod(period)}.`);
}
