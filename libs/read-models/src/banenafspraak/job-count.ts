/**
 * The banenafspraak's figures from minutes, exactly, on integers: approved timesheet lines are
 * whole minutes but not whole quarter-hours, so these count in minutes where shared/hours.ts counts
 * in quarter-hours. Both give two decimals, rounded half up.
 */

/** One job of the jobs agreement: 25.5 hours a week. */
export const JOB_MINUTES_PER_WEEK = 1530n;

/** Minutes as hours with two decimals: 864 → "14.40". */
export const hoursOfMinutes = (minutes: number | bigint | string): string => hundredthsOf(BigInt(minutes), 60n);

/** The jobs that minutes over `weeks` weeks count for on average: minutes / (1530 × weeks), two decimals. */
export function jobsOfMinutes(minutes: number | bigint | string, weeks: number): string {
  if (weeks <= 0) throw new RangeError('jobs need at least one week');
  return hundredthsOf(BigInt(minutes), JOB_MINUTES_PER_WEEK * BigInt(weeks));
}

/** numerator / denominator (both non-negative) as a decimal string with two decimals, rounded half up. */
function hundredthsOf(numerator: bigint, denominator: bigint): string {
  const hundredths = (200n * numerator + denominator) / (2n * denominator);
  return `${hundredths / 100n}.${String(hundredths % 100n).padStart(2, '0')}`;
}
