/** An amount of money in euro cents, always an integer: floats cannot hold €0.10 exactly. */
export type Cents = number;

/** A percentage in basis points, an integer: 10 000 = 100 %, 395 = 3.95 %. */
export type BasisPoints = number;

export const HUNDRED_PERCENT: BasisPoints = 10_000;

export const isCents = (value: unknown): value is Cents => Number.isSafeInteger(value);

/**
 * value × numerator ÷ denominator on integers, rounded half up: a remainder of exactly one half
 * rounds away from zero (1124.5 → 1125, −0.5 → −1), as wage tables are rounded. BigInt keeps the
 * intermediate product exact however large it gets.
 */
export function mulDivRoundHalfUp(value: number, numerator: number, denominator: number): number {
  if (![value, numerator, denominator].every(Number.isSafeInteger) || denominator === 0) {
    throw new RangeError(`mulDivRoundHalfUp needs integers and a non-zero denominator, got ${value} × ${numerator} ÷ ${denominator}`);
  }
  const product = BigInt(value) * BigInt(numerator);
  const divisor = BigInt(denominator);
  const negative = product < 0n !== divisor < 0n;
  const abs = (n: bigint) => (n < 0n ? -n : n);
  const rounded = (2n * abs(product) + abs(divisor)) / (2n * abs(divisor));
  return Number(negative ? -rounded : rounded);
}

/** A percentage of an amount, rounded half up to whole cents. */
export function applyBasisPoints(amount: Cents, percentage: BasisPoints): Cents {
  return mulDivRoundHalfUp(amount, percentage, HUNDRED_PERCENT);
}

/** 39.5 %, 8 %: for messages a person reads. */
export function formatBasisPoints(percentage: BasisPoints): string {
  return `${percentage / 100} %`;
}
