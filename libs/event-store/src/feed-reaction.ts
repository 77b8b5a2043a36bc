import type { RecordedEvent } from './event-store.port.js';

/**
 * A process manager: reacts to the feed by issuing commands to other streams. Its commands cannot
 * share the transaction that moves its checkpoint (they may go to another store), so a batch can
 * be handled again: after a crash before the checkpoint moved, a failed batch, or on embedded
 * PGlite, where the batch is handled before the lock is taken. `react` must therefore make a second
 * handling append nothing: each command is a step of one event's handling, done once per event
 * (the application's ExecuteOptions.once), and a re-handling only completes the steps left. On a
 * PostgreSQL server the projector also holds the reaction's lock while it reacts, so processes do
 * not race on a batch.
 * It is never rebuilt: replaying it would only repeat commands.
 */
export interface ReactionOutcome {
  readonly appended: number;
}

export interface Reaction {
  readonly kind: 'reaction';
  readonly name: string;
  /** Handles the batch; says how many events its commands appended, so the projector looks at the feed again for them. */
  react(events: readonly RecordedEvent[]): Promise<ReactionOutcome>;
}
