import { Inject, Injectable, Optional } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import { schemaVersionOf } from '@banenpool/domain';
import { formatPosition, type EventStore } from '@banenpool/event-store';
import { executeCommand, type CommandSource, type DomainEventShape, type ExecuteOptions, type StreamDecider } from '../command-executor.js';
import { snapshottingFor } from '../streams/snapshot-kinds.js';
import { StreamSnapshots } from '../streams/stream-snapshots.js';
import { USE_CASE_EVENT_STORE } from './ports.js';
import type { RequestContext } from './request-context.js';
import { StreamAppended } from './stream-appended.js';

/** What every command answers: the stream's new version (also the ETag) and where to waitFor. */
export interface CommandAccepted {
  streamId: string;
  /** Send as If-Match to make the next command conditional on this version. */
  version: number;
  /** Global position of the last event; pass as waitFor to read this write. Absent when nothing changed. */
  position?: string;
  /** The facts recorded, by type. */
  events: string[];
}

/** Runs the commands of a request through the executor: actor, correlation id and Idempotency-Key onto the events. */
@Injectable()
export class UseCaseExecutor {
  constructor(
    @Inject(USE_CASE_EVENT_STORE) private readonly store: EventStore,
    private readonly eventBus: EventBus,
    // Unbound: every stream is folded whole (ADR 0018).
    @Optional() private readonly snapshots?: StreamSnapshots,
  ) {}

  /** The request's one command, on one stream, conditional on its If-Match. */
  async run<Command, Event extends DomainEventShape, State>(
    decider: StreamDecider<Command, Event, State>,
    streamId: string,
    command: CommandSource<Command, State>,
    context: RequestContext,
    guard?: (state: State) => void,
  ): Promise<CommandAccepted> {
    // A retry after a crash answers from this stream's events of this request (IdempotencyInterceptor):
    // the stream is noted while the command reads it, and before it appends.
    const recorded = context.idempotency?.recordStream(streamId);
    recorded?.catch(() => undefined); // awaited below; a failed read must not leave it unhandled
    const answeredBy = context.idempotency?.tag;
    const accepted = await this.execute(decider, streamId, command, context, {
      expectedVersion: context.expectedVersion,
      guard,
      answeredBy,
      beforeAppend: recorded,
    });
    await recorded; // a request taken over meanwhile answers 409 even when it appended nothing
    return accepted;
  }

  /**
   * One of several commands of a request (an allocation run's acceptance). Its events carry the
   * request's Idempotency-Key too, but no stream is recorded: a retry after a crash runs such a
   * request again (an acceptance carries on from where the first one got).
   */
  async step<Command, Event extends DomainEventShape, State>(
    decider: StreamDecider<Command, Event, State>,
    streamId: string,
    command: CommandSource<Command, State>,
    context: RequestContext,
    expectedVersion?: number,
    guard?: (state: State) => void,
  ): Promise<CommandAccepted> {
    return this.execute(decider, streamId, command, context, { expectedVersion, guard });
  }

  private async execute<Command, Event extends DomainEventShape, State>(
    decider: StreamDecider<Command, Event, State>,
    streamId: string,
    command: CommandSource<Command, State>,
    context: RequestContext,
    options: Pick<ExecuteOptions<State>, 'expectedVersion' | 'guard' | 'answeredBy' | 'beforeAppend'>,
  ): Promise<CommandAccepted> {
    const idempotencyKey = context.idempotency?.tag;
    const result = await executeCommand(this.store, decider, streamId, command, {
      ...options,
      metadata: { actor: context.caller.label, correlationId: context.correlationId, ...(idempotencyKey ? { idempotencyKey } : {}) },
      now: new Date(),
      schemaVersionOf,
      snapshots: snapshottingFor(decider, this.snapshots),
    });
    if (result.position) this.eventBus.publish(new StreamAppended(streamId, result.position));
    return {
      streamId,
      version: result.version,
      ...(result.position ? { position: formatPosition(result.position) } : {}),
      events: result.events.map((e) => e.type),
    };
  }
}
