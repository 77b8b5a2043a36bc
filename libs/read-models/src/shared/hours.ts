/**
 * Hours are quarters of an hour in the domain (12.25 yes, 12.1 no). The read models store them as
 * whole quarter-hours in integer columns, so sums stay exact; SQL sums come back as bigint text.
 */
export const toQuarterHours = (hours: number): number => Math.round(hours * 4);

/** Exact for any whole number of quarters a JavaScript number can hold. */
export const hoursOf = (quarterHours: number | bigint | string): number => Number(quarterHours) / 4;

/** One job of the jobs agreement (banenafspraak): 25.5 hours a week, in quarter-hours. */
export const JOB_QUARTER_HOURS_PER_WEEK = 102n;

/** Quarter-hours as a decimal string with two decimals: 97 → "24.25". */
export function formatHours(quarterHours: number | bigint | string): string {
  return formatHundredths(BigInt(quarterHours) * 25n);
}

/**
 * The jobs that hours count for, as a decimal string with two decimals (half up), computed on
 * integers: `quarterHours` over `weeks` weeks is `quarterHours / (102 × weeks)` jobs on average.
 */
export function jobsFor(quarterHours: number | bigint | string, weeks: number | bigint = 1): string {
  const numerator = BigInt(quarterHours) * 100n;
  const denominator = JOB_QUARTER_HOURS_PER_WEEK * BigInt(weeks);
  if (denominator <= 0n) throw new RangeError('jobs need at least one week');
  const sign = numerator < 0n ? -1n : 1n;
  const magnitude = numerator * sign;
  return formatHundredths(sign * ((2n * magnitude + denominator) / (2n * denominator)));
}

function formatHundredths(hundredths: bigint): string {
  const sign = hundredths < 0n ? '-' : '';
  const magnitude = hundredths < 0n ? -hundredths : hundredths;
  return `${sign}${magnitude / 100n}.${String(magnitude % 100n).padStart(2, '0')}`;
}
