import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { loadState, type DomainEventShape, type StreamDecider } from '@banenpool/application';
import type { EventStore } from '@banenpool/event-store';
import { EVENT_STORE } from '@banenpool/platform';

/** Reads a stream's current state for queries and for the facts a command needs from other streams. */
@Injectable()
export class StreamReader {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  load<Event extends DomainEventShape, State>(decider: Pick<StreamDecider<unknown, Event, State>, 'initialState' | 'evolve'>, streamId: string) {
    return loadState(this.store, decider, streamId);
  }

  /** The state of a stream that must exist: 404 otherwise. */
  async existing<Event extends DomainEventShape, State extends { status: string }>(
    decider: Pick<StreamDecider<unknown, Event, State>, 'initialState' | 'evolve'>,
    streamId: string,
    what: string,
  ): Promise<{ state: Exclude<State, { status: 'none' }>; version: number }> {
    const loaded = await this.load(decider, streamId);
    if (loaded.state.status === 'none') throw new NotFoundException(`No ${what}`);
    return loaded as { state: Exclude<State, { status: 'none' }>; version: number };
  }
}
