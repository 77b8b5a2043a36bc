import type { ReplayEvent } from '@banenpool/event-store';

interface Evolving<Event, State> {
  readonly initialState: State;
  evolve(state: State, event: Event): State;
}

/** Folds recorded events with a stream's own decider: the stored type and data are the domain event. */
export function foldStream<Event, State>(decider: Evolving<Event, State>, events: readonly ReplayEvent[]): State {
  let state = decider.initialState;
  for (const event of events) state = decider.evolve(state, event as unknown as Event);
  return state;
}

/** The events an observer could have known at an instant: recorded at or before it. */
export function recordedBy<E extends ReplayEvent>(events: readonly E[], instant: Date): E[] {
  const limit = instant.getTime();
  return events.filter((event) => event.recordedAt.getTime() <= limit);
}
