import type { EpochVerification, GlobalPosition, PostgresConnection, ReclaimedSpace } from '@banenpool/event-store';

/** The event store the use cases read and append to; the app binds it to its own (useExisting). */
export const USE_CASE_EVENT_STORE = Symbol('USE_CASE_EVENT_STORE');

/** Resolves once every read model has applied the feed up to `position`, false when it gave up waiting. */
export abstract class ReadModelsCatchUp {
  abstract waitFor(position: GlobalPosition): Promise<boolean>;
}

/** The PostgreSQL store's hash chains and sealed digests; `pool` is null when events are kept in KurrentDB, which has neither. */
export abstract class HashChains {
  abstract readonly pool: PostgresConnection['pool'] | null;
  /** The chains as they were before `migrate:personal-data` re-chained streams (es_chain_epochs). */
  abstract verifyEarlierChains(): Promise<EpochVerification>;
}

/** Rewrites tables whose old row versions may still hold erased plain text (reclaimErasedSpace, ADR 0021). */
export abstract class ErasedSpaceReclaim {
  abstract reclaim(tables: readonly string[]): Promise<ReclaimedSpace>;
}

/** How far a rebuild has come: events applied to one projection's scratch copy of the feed's total. */
export interface RebuildProgress {
  projection: string;
  applied: number;
  total: number;
}

/** Rebuilds every read model into a scratch schema and compares it with the live one; resolves to the comparison as plain JSON. */
export abstract class ReadModelRebuild {
  abstract compare(onProgress: (progress: RebuildProgress) => void): Promise<unknown>;
}
