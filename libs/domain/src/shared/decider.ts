/**
 * A stream's rules as three pure functions. `decide` gets the time (and, in the command, any
 * facts read from other streams) passed in, so the same input always gives the same events.
 * It returns the events to append, or throws a DomainError saying why not.
 */
export interface Decider<Command, Event, State> {
  readonly initialState: State;
  evolve(state: State, event: Event): State;
  /**
   * Optional: folds many events at once, equal to reducing them with evolve. For a decider whose
   * evolve copies a collection that grows with the stream, so a whole history folds in linear time.
   */
  evolveAll?(state: State, events: readonly Event[]): State;
  decide(command: Command, state: State, now: Date): Event[];
}

/** A past-tense fact as the deciders see it; its schema version travels beside it in the store. */
export interface DomainEvent<Type extends string, Data> {
  readonly type: Type;
  readonly data: Data;
}

/** Folds a stream's history into its current state. */
export function fold<Event, State>(
  decider: Pick<Decider<unknown, Event, State>, 'initialState' | 'evolve' | 'evolveAll'>,
  events: readonly Event[],
  from: State = decider.initialState,
): State {
  return decider.evolveAll ? decider.evolveAll(from, events) : events.reduce(decider.evolve, from);
}

/** For exhaustive switches: a new event or command type that is not handled fails to compile. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
