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
  readonly kind?: 'read-model';
  /** Stable name: the key of its checkpoint and its lock. */
  readonly name: string;
  /** The tables it owns; a rebuild empties them. */
  readonly entities: readonly EntityClass[];
  apply(events: readonly RecordedEvent[], manager: EntityManager): Promise<void>;
}

/**
 * A process manager: reacts to the feed by issuing commands to other streams. Its commands cannot
 * share the transaction that moves its checkpoint (they may go to another store), so a batch can
 * be handled again: after a crash before the checkpoint moved, a failed batch, or on embedded
 * PGlite, where the batch is handled before the lock is taken. `react` must therefore make a second
 * handling append nothing: each command is a step of one event's handling, done once per event
 * (ExecuteOptions.once), and a re-handling only completes the steps left. On a PostgreSQL server
 * the projector also holds the reaction's lock while it reacts, so processes do not race on a batch.
 * It is never rebuilt: replaying it would only repeat commands.
 */
export interface Reaction {
  readonly kind: 'reaction';
  readonly name: string;
  react(events: readonly RecordedEvent[]): Promise<void>;
}

/** Everything the projector feeds: read models and process managers, each at its own checkpoint. */
export type FeedConsumer = Projection | Reaction;

export const isReaction = (consumer: FeedConsumer): consumer is Reaction => consumer.kind === 'reaction';
