import type { RecordedEvent } from '@banenpool/event-store';
import type { EntityManager, EntitySchema } from 'typeorm';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export type EntityClass = Function | EntitySchema;

/**
 * A read model built from the global feed. The projector hands it each batch inside the
 * transaction that also moves its checkpoint, so a batch is applied wholly or not at all.
 * `apply` must be deterministic and idempotent (the same events twice give the same rows), so a
 * rebuild from zero equals the live result.
 */
export interface Projection {
  /** Stable name: the key of its checkpoint and its lock. */
  readonly name: string;
  /** The tables it owns; a rebuild empties them. */
  readonly entities: readonly EntityClass[];
  apply(events: readonly RecordedEvent[], manager: EntityManager): Promise<void>;
}
