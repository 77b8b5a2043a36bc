import type { DomainEvent } from '../shared/decider.js';
import type { LocalDate, Weekday } from '../shared/local-date.js';
import type { YouthPercentages } from '../shared/minimum-wage.js';
import type { BasisPoints, Cents } from '../shared/money.js';
import { streamIdFor } from '../shared/stream-id.js';
import type { Hours } from '../shared/working-hours.js';

export const caoStreamId = (code: string): string => streamIdFor('cao', code);

/** A surcharge on hours worked on a weekday between two times ('HH:MM', end exclusive, '24:00' allowed). */
export interface TimeBandSurcharge {
  readonly weekday: Weekday;
  readonly start: string;
  readonly end: string;
  readonly surchargeBp: BasisPoints;
}

/** What one version of a CAO says. */
export interface CaoVersionContent {
  /** Hourly wage per step for each scale: step n is entry n, counting from step 0. */
  readonly wageScales: Readonly<Record<string, readonly Cents[]>>;
  /** The CAO's own youth percentages by age, when it has them (the statutory minimum applies regardless). */
  readonly youthBp?: YouthPercentages;
  readonly surcharges: {
    readonly timeBands: readonly TimeBandSurcharge[];
    readonly publicHolidayBp: BasisPoints;
  };
  readonly holidayPayBp: BasisPoints;
  readonly fullTimeHoursPerWeek: Hours;
  /** The CAO's seasonal clause: a gap of more than 3 (instead of 6) months breaks a chain of fixed-term contracts. */
  readonly seasonalClause: boolean;
  /** The figures are made up for a demonstration, not taken from a published CAO. */
  readonly illustrative: boolean;
}

export type CaoRegistered = DomainEvent<'CaoRegistered', { code: string; name: string }>;

/** A version effective from a date; without `effectiveUntil` it runs until the next version starts. */
export type CaoVersionPublished = DomainEvent<
  'CaoVersionPublished',
  { code: string; effectiveFrom: LocalDate; effectiveUntil?: LocalDate; content: CaoVersionContent }
>;

/** A version's content replaced from its effective date; the earlier revisions stay in the history. */
export type CaoVersionCorrected = DomainEvent<
  'CaoVersionCorrected',
  { code: string; effectiveFrom: LocalDate; revision: number; content: CaoVersionContent; reason: string }
>;

export type CaoEvent = CaoRegistered | CaoVersionPublished | CaoVersionCorrected;

export const caoEventSchemaVersions = {
  CaoRegistered: 1,
  CaoVersionPublished: 1,
  CaoVersionCorrected: 1,
} as const satisfies Record<CaoEvent['type'], number>;
