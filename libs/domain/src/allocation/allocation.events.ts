import type { DomainEvent } from '../shared/decider.js';
import type { LocalDate } from '../shared/local-date.js';
import { streamIdFor } from '../shared/stream-id.js';
import type { Hours } from '../shared/working-hours.js';

export const allocationStreamId = (runId: string): string => streamIdFor('allocation', runId);

/** What a run was asked to allocate: the weeks (named by their Mondays) and, when given, only these employers or requests. */
export interface AllocationScope {
  readonly fromWeek: LocalDate;
  readonly toWeek: LocalDate;
  /** Empty: every employer. */
  readonly employerIds: readonly string[];
  /** Empty: every request of the scope's employers. */
  readonly requestIds: readonly string[];
}

/** Why the engine chose this worker, in figures (the explanation says it in words). */
export interface AllocationProposalReasons {
  readonly skill: string;
  readonly shortfallHoursCovered: Hours;
  /** Weeks of the proposal in which the worker was released (placement ended, site closed); runs recorded before it have none. */
  readonly releasedWeeks?: number;
  readonly continuity: 'returning' | 'new';
  readonly consecutiveWeeks: number;
  readonly distanceKm: number;
}

/** One worker on one capacity request for one unbroken run of weeks: the shape of one placement. */
export interface AllocationProposal {
  readonly proposalId: string;
  readonly workerId: string;
  readonly requestId: string;
  readonly employerId: string;
  readonly siteId: string;
  readonly hoursPerWeek: Hours;
  /** First Monday and last Sunday of the proposed weeks. */
  readonly from: LocalDate;
  readonly to: LocalDate;
  readonly weekStarts: readonly LocalDate[];
  readonly reasons: AllocationProposalReasons;
  readonly explanation: string;
}

/**
 * A finished run: what it read (the feed position the read models were read at, and the hash of the
 * input built from them), how it solved (solver, weights, result) and what it proposes. Proposals
 * change nothing until accepted.
 */
export interface AllocationRunRecord {
  readonly runId: string;
  readonly scope: AllocationScope;
  readonly input: {
    /** Global feed position ("commit-prepare") every read model was at when the input was read. */
    readonly position: string;
    readonly hash: string;
    readonly requests: number;
    readonly workers: number;
  };
  readonly solver: { readonly name: string; readonly version: string; readonly method: 'mip' | 'greedy' };
  readonly weights: Readonly<Record<string, number>>;
  readonly timeLimitSeconds: number;
  readonly result: {
    /** optimal, within_gap, time_limit or heuristic (greedy). */
    readonly status: string;
    readonly objective: number;
    readonly bound: number | null;
    readonly gap: number | null;
    readonly solveTimeMs: number;
    /**
     * Proposals the engine made beyond the places its requests have left over their whole period
     * (it fills places week by week), dropped before recording; the objective and gap are those
     * of what was kept, and the status is then heuristic.
     */
    readonly droppedOverPlaces?: number;
  };
  readonly proposals: readonly AllocationProposal[];
}

export type AllocationRunCompleted = DomainEvent<'AllocationRunCompleted', AllocationRunRecord>;
/** The operator accepted it and it went through the placement commands: proposed and confirmed as this placement. */
export type AllocationProposalAccepted = DomainEvent<'AllocationProposalAccepted', { runId: string; proposalId: string; placementId: string; by: string }>;
export type AllocationProposalRejected = DomainEvent<'AllocationProposalRejected', { runId: string; proposalId: string; by: string; reason: string }>;
/** Accepting it failed because it no longer held (the worker's hours were taken, the request filled, ...). */
export type AllocationProposalRefused = DomainEvent<'AllocationProposalRefused', { runId: string; proposalId: string; by: string; code: string; reason: string }>;

export type AllocationEvent = AllocationRunCompleted | AllocationProposalAccepted | AllocationProposalRejected | AllocationProposalRefused;

export const allocationEventSchemaVersions = {
  AllocationRunCompleted: 1,
  AllocationProposalAccepted: 1,
  AllocationProposalRejected: 1,
  AllocationProposalRefused: 1,
} as const satisfies Record<AllocationEvent['type'], number>;
