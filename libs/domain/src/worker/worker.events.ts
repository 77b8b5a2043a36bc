import type { DomainEvent } from '../shared/decider.js';
import type { LocalDate, Period, Weekday } from '../shared/local-date.js';
import type { BasisPoints } from '../shared/money.js';
import { streamIdFor } from '../shared/stream-id.js';
import type { Hours } from '../shared/working-hours.js';

export const workerStreamId = (workerId: string): string => streamIdFor('worker', workerId);

/** When the worker can work: hours per weekday, or simply hours a week; plus periods they cannot. */
export type Availability =
  | { readonly kind: 'by_weekday'; readonly hoursByWeekday: Readonly<Partial<Record<Weekday, Hours>>>; readonly unavailable: readonly Period[] }
  | { readonly kind: 'hours_per_week'; readonly hoursPerWeek: Hours; readonly unavailable: readonly Period[] };

/**
 * Membership of the target group of the jobs agreement and the assessed wage value. Sensitive:
 * kept in its own event so that it can be hidden from everyone but operators. No diagnoses, ever.
 */
export interface TargetGroupStatus {
  readonly inRegister: boolean;
  /** Assessed wage value (loonwaarde) as a share of full productivity. */
  readonly wageValueBp?: BasisPoints;
}

interface ContractHours {
  readonly guaranteedHoursPerWeek: Hours;
  /** At most 60 (Working Hours Act). */
  readonly maxHoursPerWeek: Hours;
}

export type ContractTerms =
  | (ContractHours & { readonly kind: 'fixed_term'; readonly from: LocalDate; readonly to: LocalDate })
  | (ContractHours & { readonly kind: 'indefinite'; readonly from: LocalDate });

/** Where a fixed-term contract stands in its chain, recorded so auditors see why it was allowed. */
export interface ChainPosition {
  /** 1 for the first fixed-term contract of a chain. */
  readonly position: number;
  readonly chainStartedOn: LocalDate;
  /** The gap that breaks a chain, in months: 6, or 3 under a CAO's seasonal clause. */
  readonly breakingGapMonths: number;
}

export type WorkerRegistered = DomainEvent<
  'WorkerRegistered',
  { workerId: string; name: string; birthDate: LocalDate; homeArea: string; skills: string[]; availability: Availability }
>;
export type TargetGroupStatusRecorded = DomainEvent<'TargetGroupStatusRecorded', { workerId: string } & TargetGroupStatus>;
export type SkillAdded = DomainEvent<'SkillAdded', { workerId: string; skill: string }>;
export type SkillRemoved = DomainEvent<'SkillRemoved', { workerId: string; skill: string }>;
export type AvailabilityChanged = DomainEvent<'AvailabilityChanged', { workerId: string; availability: Availability }>;

/** A pool employment contract in force; `chain` is present for fixed-term contracts. */
export type PoolContractAgreed = DomainEvent<'PoolContractAgreed', { workerId: string; contractId: string; terms: ContractTerms; chain?: ChainPosition }>;
export type PoolContractEnded = DomainEvent<'PoolContractEnded', { workerId: string; contractId: string; lastDay: LocalDate; reason: string }>;

/** Hours a week the worker is committed to a placement; a later one for the same placement replaces it. */
export type HoursCommitted = DomainEvent<
  'HoursCommitted',
  { workerId: string; placementId: string; contractId: string; hoursPerWeek: Hours; period: Period }
>;
/** The part of a placement's commitment that is released (all of it, or from a date on). */
export type HoursReleased = DomainEvent<'HoursReleased', { workerId: string; placementId: string; hoursPerWeek: Hours; period: Period }>;

export type WorkerEvent =
  | WorkerRegistered
  | TargetGroupStatusRecorded
  | SkillAdded
  | SkillRemoved
  | AvailabilityChanged
  | PoolContractAgreed
  | PoolContractEnded
  | HoursCommitted
  | HoursReleased;

export const workerEventSchemaVersions = {
  WorkerRegistered: 1,
  TargetGroupStatusRecorded: 1,
  SkillAdded: 1,
  SkillRemoved: 1,
  AvailabilityChanged: 1,
  PoolContractAgreed: 1,
  PoolContractEnded: 1,
  HoursCommitted: 1,
  HoursReleased: 1,
} as const satisfies Record<WorkerEvent['type'], number>;
