import { z } from 'zod';
import { count, localDate, prose, text, weekHours, type EventOf, type EventRegistry, type EventsOf } from '../shared/event-schema.js';
import { streamIdFor } from '../shared/stream-id.js';

export const allocationStreamId = (runId: string): string => streamIdFor('allocation', runId);

const figure = z.number().min(0);

/** What a run was asked to allocate: the weeks (named by their Mondays) and, when given, only these employers or requests. */
export const allocationScopeSchema = z.object({
  fromWeek: localDate,
  toWeek: localDate,
  /** Empty: every employer. */
  employerIds: z.array(text).readonly(),
  /** Empty: every request of the scope's employers. */
  requestIds: z.array(text).readonly(),
});
export type AllocationScope = z.infer<typeof allocationScopeSchema>;

/** Why the engine chose this worker, in figures (the explanation says it in words). */
export const allocationProposalReasonsSchema = z.object({
  skill: text,
  /** Over all the proposal's weeks, so more than a week has. */
  shortfallHoursCovered: figure,
  /** Weeks of the proposal in which the worker was released (placement ended, site closed); runs recorded before it have none. */
  releasedWeeks: count.optional(),
  continuity: z.enum(['returning', 'new']),
  consecutiveWeeks: count,
  distanceKm: figure,
});
export type AllocationProposalReasons = z.infer<typeof allocationProposalReasonsSchema>;

/** One worker on one capacity request for one unbroken run of weeks: the shape of one placement. */
export const allocationProposalSchema = z.object({
  proposalId: text,
  workerId: text,
  requestId: text,
  employerId: text,
  siteId: text,
  hoursPerWeek: weekHours,
  /** First Monday and last Sunday of the proposed weeks. */
  from: localDate,
  to: localDate,
  weekStarts: z.array(localDate).readonly(),
  reasons: allocationProposalReasonsSchema,
  explanation: prose,
});
export type AllocationProposal = z.infer<typeof allocationProposalSchema>;

/**
 * A worker or a requested site a run left out for want of a location: recorded before postcodes,
 * with an area the table of places does not know, so no travel distance can be computed.
 */
export const unplaceableSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('worker'), workerId: text, reason: prose }),
  z.object({ kind: z.literal('site'), employerId: text, siteId: text, reason: prose }),
]);
export type Unplaceable = z.infer<typeof unplaceableSchema>;

/**
 * A finished run: what it read (the feed position the read models were read at, and the hash of the
 * input built from them), how it solved (solver, weights, result) and what it proposes. Proposals
 * change nothing until accepted.
 */
export const allocationRunRecordSchema = z.object({
  runId: text,
  scope: allocationScopeSchema,
  input: z.object({
    /** Global feed position ("commit-prepare") every read model was at when the input was read. */
    position: text,
    hash: text,
    requests: count,
    workers: count,
    /** Left out of the input, each with its reason; runs recorded before locations have none. */
    unplaceable: z.array(unplaceableSchema).readonly().optional(),
  }),
  solver: z.object({ name: text, version: text, method: z.enum(['mip', 'greedy']) }),
  weights: z.record(z.string(), z.number()),
  timeLimitSeconds: figure,
  result: z.object({
    /** optimal, within_gap, time_limit or heuristic (greedy). */
    status: text,
    objective: z.number(),
    bound: z.number().nullable(),
    gap: z.number().nullable(),
    solveTimeMs: figure,
    /**
     * Proposals the engine made beyond the places its requests have left over their whole period
     * (it filled places week by week), dropped before recording; the objective and gap are those
     * of what was kept, and the status is then heuristic. Only on runs recorded before the engine
     * held the places itself (ADR 0019); written no more.
     */
    droppedOverPlaces: count.optional(),
  }),
  proposals: z.array(allocationProposalSchema).readonly(),
});
export type AllocationRunRecord = z.infer<typeof allocationRunRecordSchema>;

const decision = { runId: text, proposalId: text, by: text };

/** Every event of an allocation run's stream: its schema and the version it is written with. */
export const allocationEvents = {
  AllocationRunCompleted: { version: 1, data: allocationRunRecordSchema },
  /** The operator accepted it and it went through the placement commands: proposed and confirmed as this placement. */
  AllocationProposalAccepted: { version: 1, data: z.object({ ...decision, placementId: text }) },
  AllocationProposalRejected: { version: 1, data: z.object({ ...decision, reason: prose }) },
  /** Accepting it failed because it no longer held (the worker's hours were taken, the request filled, ...). */
  AllocationProposalRefused: { version: 1, data: z.object({ ...decision, code: text, reason: prose }) },
} as const satisfies EventRegistry;

type Events = typeof allocationEvents;
export type AllocationRunCompleted = EventOf<Events, 'AllocationRunCompleted'>;
export type AllocationProposalAccepted = EventOf<Events, 'AllocationProposalAccepted'>;
export type AllocationProposalRejected = EventOf<Events, 'AllocationProposalRejected'>;
export type AllocationProposalRefused = EventOf<Events, 'AllocationProposalRefused'>;
export type AllocationEvent = EventsOf<Events>;
