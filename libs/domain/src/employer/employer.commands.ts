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
  readonly area: string;
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

export type EmployerCommand = JoinPool | LeavePool | ApplyCao | AddSite | ClassifyFunction | DeclareSeasonalClosure;
