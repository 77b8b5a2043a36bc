import { WORKER_STATE_VERSION, workerDecider } from '@banenpool/domain';
import { SNAPSHOT_EVERY, type SnapshotKind, type Snapshotting, type StreamSnapshots } from './stream-snapshots.js';

/**
 * The deciders whose streams grow long enough to be worth a snapshot, and the version of their
 * state. A worker's stream gains events with every placement for as long as they work in the pool;
 * the others stay short or end (a placement, a pay run) and are folded whole.
 */
const SNAPSHOT_KINDS = new Map<object, SnapshotKind>([[workerDecider, { name: 'worker', version: WORKER_STATE_VERSION }]]);

/** How the streams of this decider use snapshots, or undefined when they are folded whole (no store, or a decider not listed). */
export function snapshottingFor(decider: object, store: StreamSnapshots | undefined): Snapshotting | undefined {
  const kind = SNAPSHOT_KINDS.get(decider);
  return store && kind && { store, kind, every: SNAPSHOT_EVERY };
}
