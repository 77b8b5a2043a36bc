import type { DomainEvent } from '../shared/decider.js';
import type { LocalDate, Period } from '../shared/local-date.js';
import type { BasisPoints, Cents } from '../shared/money.js';
import { streamIdFor } from '../shared/stream-id.js';
import type { Hours } from '../shared/working-hours.js';

export const placementStreamId = (placementId: string): string => streamIdFor('placement', placementId);

/** Payroll: the pool is the legal employer and the hirer directs the work (art. 8a Waadi: the hirer's conditions). */
export const LEGAL_FORMS = ['payroll', 'secondment'] as const;
export type LegalForm = (typeof LEGAL_FORMS)[number];

export interface PlacementTerms {
  readonly placementId: string;
  readonly workerId: string;
  readonly employerId: string;
  readonly capacityRequestId?: string;
  readonly siteId: string;
  readonly functionName: string;
  readonly legalForm: LegalForm;
  readonly hoursPerWeek: Hours;
  readonly period: Period;
  /** What the pool charges the hirer per hour. */
  readonly billRateCents?: Cents;
}

/**
 * The pay resolved when the placement was confirmed, with every figure it came from, so an
 * auditor can replay it: the higher of the CAO wage and the statutory minimum wage.
 */
export interface PlacementPay {
  readonly hourlyCents: Cents;
  /** Which of the two decided: the CAO wage, or the minimum wage because the CAO wage was lower. */
  readonly wageBasis: 'cao' | 'minimum_wage';
  readonly cao: {
    readonly code: string;
    readonly versionFrom: LocalDate;
    readonly revision: number;
    readonly scale: string;
    readonly step: number;
    readonly scaleHourlyCents: Cents;
    /** The CAO's own youth percentage for the worker's age; 100 % for adults or a CAO without youth wages. */
    readonly youthBp: BasisPoints;
    readonly hourlyCents: Cents;
  };
  readonly minimumWage: {
    readonly tableVersion: LocalDate;
    readonly age: number;
    readonly youthBp: BasisPoints;
    readonly hourlyCents: Cents;
  };
}

export type PlacementProposed = DomainEvent<'PlacementProposed', PlacementTerms>;
export type PlacementConfirmed = DomainEvent<'PlacementConfirmed', PlacementTerms & { pay: PlacementPay; appliesHirerConditions: boolean }>;
export type PlacementExtended = DomainEvent<'PlacementExtended', { placementId: string; previousTo: LocalDate; to: LocalDate }>;
export type PlacementEndedEarly = DomainEvent<'PlacementEndedEarly', { placementId: string; lastDay: LocalDate; reason: string }>;
/** Ended at its agreed end. */
export type PlacementEnded = DomainEvent<'PlacementEnded', { placementId: string; lastDay: LocalDate }>;
/** Never took effect: a proposal dropped, or a confirmation undone because a later step was refused. */
export type PlacementWithdrawn = DomainEvent<'PlacementWithdrawn', { placementId: string; reason: string }>;

export type PlacementEvent = PlacementProposed | PlacementConfirmed | PlacementExtended | PlacementEndedEarly | PlacementEnded | PlacementWithdrawn;

export const placementEventSchemaVersions = {
  PlacementProposed: 1,
  PlacementConfirmed: 1,
  PlacementExtended: 1,
  PlacementEndedEarly: 1,
  PlacementEnded: 1,
  PlacementWithdrawn: 1,
} as const satisfies Record<PlacementEvent['type'], number>;
