// A worker's state as the decider folds it; its own module so that the rules reading it
// (worker-hours.ts, chain-rule.ts) and the decider that uses those rules import it one way.
import type { Location } from '../geography/location.js';
import type { LocalDate, Period } from '../shared/local-date.js';
import type { Hours } from '../shared/working-hours.js';
import type { WorkPattern } from '../shared/work-pattern.js';
import type { Availability, ContractTerms, DatedTargetGroupStatus } from './worker.events.js';

export interface PoolContract {
  readonly contractId: string;
  readonly terms: ContractTerms;
  /** Set when the contract was ended before its agreed end (or an indefinite one was ended). */
  readonly lastDay?: LocalDate;
}

/** A fixed-term contract the worker had directly with a hirer; a link of the chain of pool contracts. */
export interface DirectContract {
  readonly contractId: string;
  readonly employerId: string;
  readonly from: LocalDate;
  readonly to: LocalDate;
}

export interface HoursCommitment {
  readonly placementId: string;
  readonly contractId: string;
  readonly hoursPerWeek: Hours;
  readonly period: Period;
  /** The hours per weekday agreed for the placement; absent: spread evenly over Monday to Friday. */
  readonly pattern?: WorkPattern;
}

export interface PoolWorker {
  readonly status: 'registered';
  readonly workerId: string;
  readonly name: string;
  readonly birthDate: LocalDate;
  /** The town's name (or the postcode); before locations, the area as typed. */
  readonly homeArea: string;
  /**
   * Where the worker lives, as registered. Absent when the WorkerRegistered was written before
   * locations and read without its upcaster, or named an area the table of places does not know.
   */
  readonly location?: Location;
  readonly skills: readonly string[];
  readonly availability: Availability;
  /**
   * Sensitive: only operators may see it. Every target-group status recorded, in the order recorded;
   * absent until one is. Which holds on a day: targetGroupStatusOn (target-group.ts).
   */
  readonly targetGroupHistory?: readonly DatedTargetGroupStatus[];
  readonly contracts: readonly PoolContract[];
  /** Recorded in any order; the chain rule sorts them with the pool contracts. */
  readonly directContracts: readonly DirectContract[];
  /** One per placement. */
  readonly commitments: readonly HoursCommitment[];
}

/**
 * A worker whose personal data was erased (WorkerDataErased): no name, birth date, home area,
 * location, skills, availability or target-group status any more. What the law makes the pool keep
 * stays: the contracts and the hours committed, which past pay, invoices and the chain rule rest on,
 * and the placement process can still release hours. Every other command is refused.
 */
export interface ErasedWorker {
  readonly status: 'erased';
  readonly workerId: string;
  readonly erasedOn: LocalDate;
  readonly contracts: readonly PoolContract[];
  readonly directContracts: readonly DirectContract[];
  readonly commitments: readonly HoursCommitment[];
}

export type WorkerState = { readonly status: 'none' } | PoolWorker | ErasedWorker;

/**
 * The shape and meaning of a folded WorkerState. Raise it with any change to either (a field, what
 * evolve keeps, how an event is read): stored snapshots of another version are then folded afresh.
 */
export const WORKER_STATE_VERSION = 2;
