import type { Coordinates } from '../geography/coordinates.js';
import type { LocalDate, Period } from '../shared/local-date.js';

export interface JoinPool {
  readonly type: 'JoinPool';
  readonly employerId: string;
  readonly name: string;
  readonly memberFrom: LocalDate;
}

export interface LeavePool {
  readonly type: 'LeavePool';
  /** The last day of membership. */
  readonly memberUntil: LocalDate;
}

export interface ApplyCao {
  readonly type: 'ApplyCao';
  readonly caoCode: string;
  readonly from: LocalDate;
}

export interface AddSite {
  readonly type: 'AddSite';
  readonly siteId: string;
  readonly name: string;
  /** Where the site stands: '7511 AB' (or '7511AB'). */
  readonly postcode?: string;
  /** Needed only when the table of places does not know the postcode's area; more precise than a town's centre. */
  readonly coordinates?: Coordinates;
  /** Before postcodes: a town's name ('hengelo'). Used only without a postcode. */
  readonly area?: string;
}

export interface ClassifyFunction {
  readonly type: 'ClassifyFunction';
  readonly functionName: string;
  /** A scale of the CAO the employer applies on `from`. */
  readonly scale: string;
  readonly from: LocalDate;
}

export interface DeclareSeasonalClosure {
  readonly type: 'DeclareSeasonalClosure';
  readonly siteId: string;
  readonly period: Period;
  readonly reason: string;
}

/**
 * States the employer's placement limits from a date on (until the next statement). A statement
 * with the same `from` as the latest replaces it; leaving both limits out lifts them.
 */
export interface StatePlacementLimits {
  readonly type: 'StatePlacementLimits';
  /** The longest one placement may last, in months. */
  readonly maxPlacementMonths?: number;
  /** The longest one worker may work there over placements that follow one another, in months. */
  readonly maxWorkerMonths?: number;
  readonly from: LocalDate;
  readonly reason?: string;
}

export type EmployerCommand = JoinPool | LeavePool | ApplyCao | AddSite | ClassifyFunction | DeclareSeasonalClosure | StatePlacementLimits;
