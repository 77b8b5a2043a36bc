// An as-of answer about a long worker stream started from the state the commands keep (ADR 0023):
// the snapshot is used only where it provably folds the very events a full replay would fold.
import { workerDecider, type WorkerState } from '@banenpool/domain';
import type { EventStore, ReplayEvent } from '@banenpool/event-store';
import { streamOf, type AuditSubject } from './audit-subject.js';
import { contractEvents } from './subject-events.js';

/** A stream's folded state up to one of its events, as the commands keep it (ADR 0018). */
export interface KeptSnapshot {
  /** The revision of the last event folded into it. */
  readonly revision: number;
  readonly eventId: string;
  /** The stored hash of that event, which chains over every event before it (absent on a store that keeps none). */
  readonly hash?: string;
  /** No event it folds was recorded after this instant; absent when not known. */
  readonly recordedUntil?: Date;
  readonly state: unknown;
}

/**
 * The latest snapshot kept of a stream's state by a decider of the version the code has now
 * (undefined: none). The application binds it to its snapshot store; the audit only reads.
 */
export type KeptSnapshots = (decider: object, streamId: string) => Promise<KeptSnapshot | undefined>;

/** Why an answer folded the subject's events from the first: said in the answer. */
export type FullReplayReason =
  /** The answer was asked without snapshots, or its stream is of a kind no snapshot is kept of. */
  | 'no_snapshots_for_stream'
  /** None is kept of the stream for the state version the code has now (or it could not be read). */
  | 'no_snapshot'
  /** The snapshot folds an event recorded after the instant asked about, or does not say when its events were recorded. */
  | 'snapshot_after_instant'
  /** The stream's event at the snapshot's revision is not the snapshot's (another id or hash): the events it folded are not these. */
  | 'snapshot_not_of_this_chain'
  /** A contract the snapshot does not hold: only its events tell whether it was never recorded. */
  | 'subject_not_in_snapshot';

/** Where the fold of the answer started: from a checked snapshot, or from the stream's first event. */
export type ReplayedFrom =
  | {
      readonly snapshot: true;
      /** The snapshot's last event: its state was taken as is, and only the events after this revision were folded. */
      readonly revision: number;
      readonly eventId: string;
      /** The stored hash at that revision, which the snapshot matched: verifyEventChain vouches for every event up to it. */
      readonly hash?: string;
    }
  | { readonly snapshot: false; readonly because: FullReplayReason };

/** A worker stream as known at an instant, from a snapshot: its state, its last event, and the events recorded after it. */
export interface SnapshotStart {
  readonly state: WorkerState;
  /** The snapshot's last event, as the replay reads it. */
  readonly at: ReplayEvent;
  readonly from: Extract<ReplayedFrom, { snapshot: true }>;
  /** The events after it recorded by the instant, as the store cuts them for a full replay. */
  readonly after: ReplayEvent[];
}

/**
 * The stream of a worker or one of their contracts as known at `knownAt`, from the latest kept
 * snapshot, or why not. The snapshot is used only when every event it folds was recorded by then
 * (so the full replay folds them all too) and the stream's event at its revision has its id and
 * stored hash (so those are the events it folded); the events after it are cut by the same read
 * a full replay makes.
 */
export async function snapshotStart(
  store: EventStore,
  subject: AuditSubject,
  knownAt: Date,
  snapshots: KeptSnapshots | undefined,
): Promise<SnapshotStart | FullReplayReason> {
  if (snapshots === undefined || (subject.kind !== 'worker' && subject.kind !== 'contract')) return 'no_snapshots_for_stream';
  const streamId = streamOf(subject);
  // A snapshot store that cannot answer only costs a full replay, as it only costs a command its fold.
  const kept = await snapshots(workerDecider, streamId).catch(() => undefined);
  if (kept === undefined) return 'no_snapshot';
  if (kept.recordedUntil === undefined || kept.recordedUntil.getTime() > knownAt.getTime()) return 'snapshot_after_instant';
  const { revision } = kept;
  const [[stored], [at, ...after]] = await Promise.all([
    store.readStream(streamId, { fromRevision: revision, toRevision: revision }),
    store.readStreamForReplay(streamId, { fromRevision: revision, recordedUntil: knownAt }),
  ]);
  if (stored?.eventId !== kept.eventId || stored.hash !== kept.hash || at?.revision !== revision) return 'snapshot_not_of_this_chain';
  const state = kept.state as WorkerState;
  if (subject.kind === 'contract' && !holdsContract(state, after, subject.contractId)) return 'subject_not_in_snapshot';
  const from = { snapshot: true as const, revision, eventId: kept.eventId, ...(kept.hash ? { hash: kept.hash } : {}) };
  return { state, at, from, after };
}

function holdsContract(worker: WorkerState, after: readonly ReplayEvent[], contractId: string): boolean {
  return (
    (worker.status !== 'none' && worker.contracts.some((c) => c.contractId === contractId)) || contractEvents(after, contractId).length > 0
  );
}
