import type { KeptSnapshots } from '@banenpool/audit';
import { snapshottingFor } from '../streams/snapshot-kinds.js';
import type { StreamSnapshots } from '../streams/stream-snapshots.js';

/**
 * The commands' snapshots as an auditor's as-of reads them (ADR 0023): the latest of the decider's
 * kind and state version, none for a decider whose streams are folded whole. The audit checks each
 * against the stream before starting from it; it never writes one.
 */
export function keptSnapshotsOf(store: StreamSnapshots): KeptSnapshots {
  return async (decider, streamId) => {
    const snapshotting = snapshottingFor(decider, store);
    return snapshotting && (await store.read(streamId, snapshotting.kind, []))?.snapshot;
  };
}
