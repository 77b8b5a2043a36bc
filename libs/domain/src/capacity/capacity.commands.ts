import type { SiteFacts } from '../employer/site-facts.js';
import type { Period } from '../shared/local-date.js';
import type { Hours } from '../shared/working-hours.js';

export interface RequestCapacity {
  readonly type: 'RequestCapacity';
  readonly requestId: string;
  readonly employerId: string;
  readonly siteId: string;
  readonly functionName: string;
  readonly requiredSkill: string;
  readonly period: Period;
  readonly hoursPerWeek: Hours;
  readonly headcount: number;
  /** Read from the employer stream by the handler: `siteFactsOf(employerState, siteId)`. */
  readonly site: SiteFacts;
}

/** Replaces period, hours and headcount; checked like a new request. */
export interface AmendCapacityRequest {
  readonly type: 'AmendCapacityRequest';
  readonly period: Period;
  readonly hoursPerWeek: Hours;
  readonly headcount: number;
  readonly site: SiteFacts;
}

export interface WithdrawCapacityRequest {
  readonly type: 'WithdrawCapacityRequest';
  readonly reason: string;
}

/** Fills one place for a placement; the same placement again changes nothing. */
export interface ReserveSlot {
  readonly type: 'ReserveSlot';
  readonly placementId: string;
}

/** Frees the place of a placement that was refused or ended early; a placement without a place changes nothing. */
export interface ReleaseSlot {
  readonly type: 'ReleaseSlot';
  readonly placementId: string;
}

export type CapacityCommand = RequestCapacity | AmendCapacityRequest | WithdrawCapacityRequest | ReserveSlot | ReleaseSlot;
