import type { Coordinates } from '../geography/coordinates.js';
import type { LocalDate, Period } from '../shared/local-date.js';
import type { RuleBook } from '../rules/rule-book.js';
import type { Hours } from '../shared/working-hours.js';
import type { WorkPattern } from '../shared/work-pattern.js';
import type { SeasonalClauseFacts } from './chain-rule.js';
import type { Availability, ContractTerms, DatedTargetGroupStatus, ErasureReason } from './worker.events.js';
import type { ErasurePayFacts } from './erasure-pay.js';

export interface RegisterWorker {
  readonly type: 'RegisterWorker';
  readonly workerId: string;
  readonly name: string;
  readonly birthDate: LocalDate;
  /** Where the worker lives: '7511 AB' (or '7511AB'). */
  readonly postcode?: string;
  /** Needed only when the table of places does not know the postcode's area; more precise than a town's centre. */
  readonly coordinates?: Coordinates;
  /** Before postcodes: a town's name ('hengelo'). Used only without a postcode. */
  readonly homeArea?: string;
  readonly skills: readonly string[];
  readonly availability: Availability;
  /** Without validFrom it holds since registration (for every placement of the worker). */
  readonly targetGroup?: DatedTargetGroupStatus;
}

/** A status from a date on (and until a date, when the register entry ends); the days before keep theirs. */
export interface RecordTargetGroupStatus {
  readonly type: 'RecordTargetGroupStatus';
  readonly status: DatedTargetGroupStatus & { readonly validFrom: LocalDate };
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
  /** Read by the handler from the rule tables; a fixed-term contract is held to the chain-rule row of its first day. */
  readonly rules: RuleBook;
  /** The CAO whose seasonal clause the offer claims, as it stands on the first day (`seasonalClauseFactsOf`): it must bind the pool. */
  readonly seasonalClause?: SeasonalClauseFacts;
}

/**
 * Records a fixed-term contract the worker had directly with a hirer, so that the chain rule counts
 * it. Record only contracts with a hirer whose work the pool's contracts continue (a successive employer).
 */
export interface RecordDirectContract {
  readonly type: 'RecordDirectContract';
  readonly contractId: string;
  readonly employerId: string;
  readonly from: LocalDate;
  readonly to: LocalDate;
}

/** Ends a contract before its agreed end (or an indefinite one); `lastDay` is the last day it runs. */
export interface EndContract {
  readonly type: 'EndContract';
  readonly contractId: string;
  readonly lastDay: LocalDate;
  readonly reason: string;
}

/**
 * Commits hours to a placement; again for the same placement replaces its commitment (same values: no
 * events). Refused when the worker's commitments together would break the contract maximum or the
 * Working Hours Act limits of the rule book for the worker's age.
 */
export interface CommitHours {
  readonly type: 'CommitHours';
  readonly placementId: string;
  readonly hoursPerWeek: Hours;
  readonly period: Period;
  /** The placement's hours per weekday; absent: spread evenly over Monday to Friday. */
  readonly pattern?: WorkPattern;
  /** Read by the handler from the rule tables; its working-time table gives the limits. */
  readonly rules: RuleBook;
}

/** Releases a placement's hours, from a date on or (without `from`) entirely; nothing to release is no events. */
export interface ReleaseHours {
  readonly type: 'ReleaseHours';
  readonly placementId: string;
  readonly from?: LocalDate;
}

/**
 * Erases the worker's personal data (GDPR art. 17) once they have left: refused while a pool contract
 * is in force or planned, hours are committed after today, or pay may still be owed (`pay`, read by
 * the application: erasure-pay.ts). A second erasure changes nothing (no events), so a retry after a
 * crash can finish the shredding of the key and the purge of copies.
 */
export interface EraseWorkerData {
  readonly type: 'EraseWorkerData';
  readonly reason: ErasureReason;
  readonly pay: ErasurePayFacts;
}

export type WorkerCommand =
  | RegisterWorker
  | RecordTargetGroupStatus
  | AddSkill
  | RemoveSkill
  | ChangeAvailability
  | OfferContract
  | RecordDirectContract
  | EndContract
  | CommitHours
  | ReleaseHours
  | EraseWorkerData;
