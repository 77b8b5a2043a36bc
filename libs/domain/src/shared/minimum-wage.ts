import { HUNDRED_PERCENT, type BasisPoints } from './money.js';

// The statutory minimum wage itself is the `minimum-wage` rule table (rules/rule-book.ts: minimumWageOn):
// it is indexed every 1 January and 1 July and published by an operator, never a constant in code.

/** Youth percentages by age in years; ages above the highest listed earn the full wage. */
export type YouthPercentages = Readonly<Record<number, BasisPoints>>;

/**
 * The share of the full wage for an age: the listed percentage, the youngest listed percentage for
 * anyone younger, and 100 % above the highest listed age. Used for the WML and for a CAO's own table.
 */
export function youthPercentageFor(percentages: YouthPercentages, age: number): BasisPoints {
  const ages = Object.keys(percentages).map(Number);
  if (ages.length === 0 || age > Math.max(...ages)) return HUNDRED_PERCENT;
  return percentages[Math.max(age, Math.min(...ages))];
}
