import type { LocalDate, Period } from '../shared/local-date.js';
import type { Hours } from '../shared/working-hours.js';
import type { Availability, ContractTerms, TargetGroupStatus } from './worker.events.js';

export interface RegisterWorker {
  readonly type: 'RegisterWorker';
  readonly workerId: string;
  readonly name: string;
  readonly birthDate: LocalDate;
  readonly homeArea: string;
  readonly skills: readonly string[];
  readonly availability: Availability;
  readonly targetGroup?: TargetGroupStatus;
}

export interface RecordTargetGroupStatus {
  readonly type: 'RecordTargetGroupStatus';
  readonly status: TargetGroupStatus;
}

/** Adding a skill the worker has, or removing one they lack, changes nothing (no events). */
export interface AddSkill {
  readonly type: 'AddSkill';
  readonly skill: string;
}

export interface RemoveSkill {
  readonly type: 'RemoveSkill';
  readonly skill: string;
}

export interface ChangeAvailability {
  readonly type: 'ChangeAvailability';
  readonly availability: Availability;
}

export interface OfferContract {
  readonly type: 'OfferContract';
  readonly contractId: string;
  readonly terms: ContractTerms;
  /** Whether the seasonal clause of the applicable CAO applies: then a gap over 3 months breaks a chain. */
  readonly seasonalClause: boolean;
}

/** Ends a contract before its agreed end (or an indefinite one); `lastDay` is the last day it runs. */
export interface EndContract {
  readonly type: 'EndContract';
  readonly contractId: string;
  readonly lastDay: LocalDate;
  readonly reason: string;
}

/** Commits hours to a placement; again for the same placement replaces its commitment (same values: no events). */
export interface CommitHours {
  readonly type: 'CommitHours';
  readonly placementId: string;
  readonly hoursPerWeek: Hours;
  readonly period: Period;
}

/** Releases a placement's hours, from a date on or (without `from`) entirely; nothing to release is no events. */
export interface ReleaseHours {
  readonly type: 'ReleaseHours';
  readonly placementId: string;
  readonly from?: LocalDate;
}

export type WorkerCommand =
  | RegisterWorker
  | RecordTargetGroupStatus
  | AddSkill
  | RemoveSkill
  | ChangeAvailability
  | OfferContract
  | EndContract
  | CommitHours
  | ReleaseHours;
