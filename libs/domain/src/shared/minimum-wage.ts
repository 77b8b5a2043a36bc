import { refuse } from './domain-error.js';
import { ageOn, type LocalDate } from './local-date.js';
import { applyBasisPoints, HUNDRED_PERCENT, type BasisPoints, type Cents } from './money.js';

/** Youth percentages by age in years; ages above the highest listed earn the full wage. */
export type YouthPercentages = Readonly<Record<number, BasisPoints>>;

export interface MinimumWageEntry {
  readonly effectiveFrom: LocalDate;
  /** Hourly minimum wage for workers aged 21 and over. */
  readonly adultHourlyCents: Cents;
}

/**
 * The statutory minimum wage (WML) per hour. It is indexed every 1 January and 1 July, so it is a
 * table of dated entries, never a constant; add the next entry when it is published.
 */
export const MINIMUM_WAGE_TABLE: readonly MinimumWageEntry[] = [
  { effectiveFrom: '2025-01-01', adultHourlyCents: 1406 },
  { effectiveFrom: '2025-07-01', adultHourlyCents: 1440 },
  { effectiveFrom: '2026-01-01', adultHourlyCents: 1471 },
];

/** WML youth percentages; from 21 the adult amount applies. */
export const MINIMUM_WAGE_YOUTH_PERCENTAGES: YouthPercentages = { 15: 3000, 16: 3450, 17: 3950, 18: 5000, 19: 6000, 20: 8000 };

const YOUNGEST_WITH_MINIMUM_WAGE = 15;

export interface MinimumWage {
  readonly hourlyCents: Cents;
  /** Effective date of the table entry used: the version an auditor looks up. */
  readonly tableVersion: LocalDate;
  readonly age: number;
  readonly youthBp: BasisPoints;
}

/**
 * The share of the full wage for an age: the listed percentage, the youngest listed percentage for
 * anyone younger, and 100 % above the highest listed age. Used for the WML and for a CAO's own table.
 */
export function youthPercentageFor(percentages: YouthPercentages, age: number): BasisPoints {
  const ages = Object.keys(percentages).map(Number);
  if (ages.length === 0 || age > Math.max(...ages)) return HUNDRED_PERCENT;
  return percentages[Math.max(age, Math.min(...ages))];
}

/** The hourly minimum wage for someone born on `birthDate`, on `onDate`, with the table entry used. */
export function minimumHourlyWage(birthDate: LocalDate, onDate: LocalDate): MinimumWage {
  const entry = MINIMUM_WAGE_TABLE.findLast((e) => e.effectiveFrom <= onDate);
  if (!entry) {
    refuse(
      'no_minimum_wage_known',
      `The minimum-wage table starts on ${MINIMUM_WAGE_TABLE[0].effectiveFrom}; no minimum wage is known for ${onDate}.`,
    );
  }
  const age = ageOn(birthDate, onDate);
  if (age < YOUNGEST_WITH_MINIMUM_WAGE) {
    refuse(
      'worker_too_young',
      `The worker is ${age} on ${onDate}; the pool employs no one younger than ${YOUNGEST_WITH_MINIMUM_WAGE}, the youngest age with a statutory minimum wage.`,
    );
  }
  const youthBp = youthPercentageFor(MINIMUM_WAGE_YOUTH_PERCENTAGES, age);
  return { hourlyCents: applyBasisPoints(entry.adultHourlyCents, youthBp), tableVersion: entry.effectiveFrom, age, youthBp };
}
