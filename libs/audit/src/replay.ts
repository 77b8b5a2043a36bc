import { parsePoolEvent } from '@banenpool/domain';
import type { ReplayEvent } from '@banenpool/event-store';

interface Evolving<Event, State> {
  readonly initialState: State;
  evolve(state: State, event: Event): State;
}

/**
 * A stored event as its type's schema reads it today (upcast from an older schema version), so a
 * replay folds what the deciders fold. An event that cannot be read stops the replay: a state
 * folded without it would be an answer the records do not give.
 */
export function domainEventOf<Event>(event: Pick<ReplayEvent, 'streamId' | 'revision' | 'type' | 'schemaVersion' | 'data'>): Event {
  const parsed = parsePoolEvent(event.type, event.schemaVersion, event.data);
  if (!parsed.ok) {
    throw new Error(
      `Event ${event.revision} of stream ${event.streamId} (${event.type}, schema version ${event.schemaVersion}) cannot be replayed (${parsed.reason}): ${parsed.detail}`,
    );
  }
  return parsed.event as Event;
}

/** Folds recorded events with a stream's own decider, each read through its type's schema; onto `from` when given (a snapshot's state). */
export function foldStream<Event, State>(
  decider: Evolving<Event, State>,
  events: readonly ReplayEvent[],
  from = decider.initialState,
): State {
  let state = from;
  for (const event of events) state = decider.evolve(state, domainEventOf<Event>(event));
  return state;
}

/** The events an observer could have known at an instant: recorded at or before it. */
export function recordedBy<E extends ReplayEvent>(events: readonly E[], instant: Date): E[] {
  const limit = instant.getTime();
  return events.filter((event) => event.recordedAt.getTime() <= limit);
}
