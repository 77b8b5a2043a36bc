import { Inject, Injectable, NotFoundException, Optional } from '@nestjs/common';
import type { EventStore } from '@banenpool/event-store';
import { poolEvents } from '@banenpool/domain';
import { foldHistory, loadState, type DomainEventShape, type StreamDecider } from '../command-executor.js';
import { snapshottingFor } from '../streams/snapshot-kinds.js';
import { StreamSnapshots } from '../streams/stream-snapshots.js';
import { USE_CASE_EVENT_STORE } from './ports.js';
import { requireEmployerAccess, type Caller } from './request-context.js';

/** Streams read in one statement by loadMany: a bounded answer however many are asked for. */
const STREAMS_PER_READ = 500;

type Folding<Event extends DomainEventShape, State> = Pick<StreamDecider<unknown, Event, State>, 'initialState' | 'evolve' | 'evolveAll'>;

/** A stream's state as it is now: for queries, and for the facts a command needs from other streams. */
@Injectable()
export class StreamStates {
  constructor(
    @Inject(USE_CASE_EVENT_STORE) private readonly store: EventStore,
    // Unbound: every stream is folded whole (ADR 0018). Loads only read snapshots; commands write them.
    @Optional() private readonly snapshots?: StreamSnapshots,
  ) {}

  load<Event extends DomainEventShape, State>(decider: Folding<Event, State>, streamId: string) {
    return loadState(this.store, decider, streamId, poolEvents, snapshottingFor(decider, this.snapshots));
  }

  /** The states of many streams, in the order of `streamIds`, read a page of streams per round trip. */
  async loadMany<Event extends DomainEventShape, State>(decider: Folding<Event, State>, streamIds: readonly string[]): Promise<State[]> {
    const states: State[] = [];
    for (let i = 0; i < streamIds.length; i += STREAMS_PER_READ) {
      const page = streamIds.slice(i, i + STREAMS_PER_READ);
      const read = await this.store.readStreamsForReplay(page);
      states.push(...page.map((id) => foldHistory(decider, read.get(id) ?? [])));
    }
    return states;
  }

  /** The state of a stream that must exist: 404 otherwise. */
  async existing<Event extends DomainEventShape, State extends { status: string }>(
    decider: Folding<Event, State>,
    streamId: string,
    what: string,
  ) {
    const loaded = await this.load(decider, streamId);
    return { state: existing(loaded.state, what), version: loaded.version };
  }
}

/** A folded state that must be of something that exists: 404 otherwise. */
export function existing<State extends { status: string }>(state: State, what: string): Exclude<State, { status: 'none' }> {
  if (state.status === 'none') throw new NotFoundException(`No ${what}`);
  return state as Exclude<State, { status: 'none' }>;
}

/** A guard for UseCaseExecutor.run: the stream exists (404) and the caller may reach its employer's data (403). */
export const existingFor =
  (caller: Caller, what: string) =>
  <State extends { status: string; employerId?: string }>(state: State): void => {
    const found = existing(state, what);
    if (found.employerId !== undefined) requireEmployerAccess(caller, found.employerId);
  };
