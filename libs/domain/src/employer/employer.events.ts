import type { DomainEvent } from '../shared/decider.js';
import type { LocalDate, Period } from '../shared/local-date.js';
import { streamIdFor } from '../shared/stream-id.js';

export const employerStreamId = (employerId: string): string => streamIdFor('employer', employerId);

export type EmployerJoinedPool = DomainEvent<'EmployerJoinedPool', { employerId: string; name: string; memberFrom: LocalDate }>;

/** `memberUntil` is the last day of membership. */
export type EmployerLeftPool = DomainEvent<'EmployerLeftPool', { employerId: string; memberUntil: LocalDate }>;

/** The employer applies this CAO from a date until the next application (or the end of membership). */
export type CaoApplied = DomainEvent<'CaoApplied', { employerId: string; caoCode: string; from: LocalDate }>;

export type SiteAdded = DomainEvent<'SiteAdded', { employerId: string; siteId: string; name: string; area: string }>;

/** A function placed in a scale of the CAO the employer applies on `from`. */
export type FunctionClassified = DomainEvent<
  'FunctionClassified',
  { employerId: string; functionName: string; caoCode: string; scale: string; from: LocalDate }
>;

export type SeasonalClosureDeclared = DomainEvent<
  'SeasonalClosureDeclared',
  { employerId: string; siteId: string; period: Period; reason: string }
>;

export type EmployerEvent = EmployerJoinedPool | EmployerLeftPool | CaoApplied | SiteAdded | FunctionClassified | SeasonalClosureDeclared;

export const employerEventSchemaVersions = {
  EmployerJoinedPool: 1,
  EmployerLeftPool: 1,
  CaoApplied: 1,
  SiteAdded: 1,
  FunctionClassified: 1,
  SeasonalClosureDeclared: 1,
} as const satisfies Record<EmployerEvent['type'], number>;
