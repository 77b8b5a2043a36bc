import { refuse } from './domain-error.js';
import { formatPeriod, type Period } from './local-date.js';

/** Hours, in quarters of an hour (12.25 yes, 12.1 no), so that sums of hours stay exact. */
export type Hours = number;

/** Working Hours Act: at most 60 hours in any week, summed over every hirer the worker works for. */
export const WORKING_HOURS_ACT_WEEK_LIMIT: Hours = 60;

export const isQuarterHours = (value: unknown): value is Hours => typeof value === 'number' && Number.isInteger(value * 4);

export interface WeekLoad {
  /** Hours a week already committed to other placements in the same week. */
  readonly committedHours: Hours;
  /** Hours a week the command adds. */
  readonly addingHours: Hours;
  /** Maximum hours a week of the pool contract that covers the period. */
  readonly contractMaxHours: Hours;
  /** The ISO week that is checked, when the check is per week (for the message). */
  readonly week?: string;
}

/** Refuses a week whose combined hours exceed the contract maximum or the Working Hours Act limit. */
export function requireWithinWeekLimits({ committedHours, addingHours, contractMaxHours, week }: WeekLoad): void {
  const total = committedHours + addingHours;
  const limit = Math.min(contractMaxHours, WORKING_HOURS_ACT_WEEK_LIMIT);
  if (total <= limit) return;
  const limitText =
    contractMaxHours < WORKING_HOURS_ACT_WEEK_LIMIT
      ? `the maximum of ${contractMaxHours} h a week in the worker's pool contract`
      : `the Working Hours Act limit of ${WORKING_HOURS_ACT_WEEK_LIMIT} h a week`;
  refuse(
    'hours_limit_exceeded',
    `${week ? `In week ${week} the` : 'The'} worker would work ${total} h a week ` +
      `(${committedHours} h already committed + ${addingHours} h for this placement), more than ${limitText}.`,
  );
}

export function noCoveringContract(period: Period): never {
  return refuse('no_covering_contract', `No pool contract of the worker covers the whole period ${formatPeriod(period)}.`);
}
