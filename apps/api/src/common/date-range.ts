/**
 * The one range of years every date, instant, week and quarter in the API must lie in. Far
 * outside it nothing of a pool's life happens, and dates such as 9999-12-31 overflow time-zone
 * arithmetic or make a period tens of thousands of weeks long; the edge refuses them with a 400.
 */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2199;

export const DATE_RANGE_TEXT = `between ${FIRST_YEAR}-01-01 and ${LAST_YEAR}-12-31`;

/** Whether a value that already has the right shape starts with a year inside the range. */
export function inDateRange(value: string): boolean {
  const year = Number(value.slice(0, 4));
  return year >= FIRST_YEAR && year <= LAST_YEAR;
}
