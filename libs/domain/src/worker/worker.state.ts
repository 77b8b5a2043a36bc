// A worker's state as the decider folds it; its own module so that the rules reading it
// (worker-hours.ts, chain-rule.ts) and the decider that uses those rules import it one way.
import type { LocalDate, Period } from '../shared/local-date.js';
import type { Hours } from '../shared/working-hours.js';
import type { Availability, ContractTerms, TargetGroupStatus } from './worker.events.js';

export interface PoolContract {
  readonly contractId: string;
  readonly terms: ContractTerms;
  /** Set when the contract was ended before its agreed end (or an indefinite one was ended). */
  readonly lastDay?: LocalDate;
}

export interface HoursCommitment {
  readonly placementId: string;
  readonly contractId: string;
  readonly hoursPerWeek: Hours;
  readonly period: Period;
}

export interface PoolWorker {
  readonly status: 'registered';
  readonly workerId: string;
  readonly name: string;
  readonly birthDate: LocalDate;
  readonly homeArea: string;
  readonly skills: readonly string[];
  readonly availability: Availability;
  /** Sensitive: only operators may see it. */
  readonly targetGroup?: TargetGroupStatus;
  readonly contracts: readonly PoolContract[];
  /** One per placement. */
  readonly commitments: readonly HoursCommitment[];
}

export type WorkerState = { readonly status: 'none' } | PoolWorker;
