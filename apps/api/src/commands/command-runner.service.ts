import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import { executeCommand, type DomainEventShape, type StreamDecider } from '@banenpool/application';
import { schemaVersionOf } from '@banenpool/domain';
import { formatPosition, type EventStore } from '@banenpool/event-store';
import { actorLabel, EVENT_STORE, keyedRequest, type Actor } from '@banenpool/platform';
import { Projector } from '@banenpool/projector';
import type { Request, Response } from 'express';

/** What every command endpoint answers: the stream's new version (also the ETag) and where to waitFor. */
export interface CommandAccepted {
  streamId: string;
  /** Send as If-Match to make the next command conditional on this version. */
  version: number;
  /** Global position of the last event; pass as waitFor to read this write. Absent when nothing changed. */
  position?: string;
  /** The facts recorded, by type. */
  events: string[];
}

const IF_MATCH = /^(?:W\/)?"?(\d{1,15})"?$/;

/** Runs a command against a stream for an HTTP caller: If-Match, actor and correlation id in, ETag out. */
@Injectable()
export class CommandRunner {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projector: Projector,
  ) {}

  async run<Command, Event extends DomainEventShape, State>(
    decider: StreamDecider<Command, Event, State>,
    streamId: string,
    command: Command,
    http: { actor: Actor; request: Request; response: Response },
  ): Promise<CommandAccepted> {
    // A retry after a crash answers from this stream's events of this request (IdempotencyInterceptor).
    await keyedRequest()?.recordStream(streamId);
    const accepted = await this.execute(decider, streamId, command, {
      actor: http.actor,
      correlationId: String(http.request.id),
      expectedVersion: parseIfMatch(http.request.header('if-match')),
    });
    http.response.setHeader('ETag', `"${accepted.version}"`);
    return accepted;
  }

  /**
   * The same without HTTP, for a request that runs several commands (an allocation run's acceptance).
   * Its events carry the request's Idempotency-Key too, but no stream is recorded: a retry after a
   * crash runs such a request again (an acceptance carries on from where the first one got).
   */
  async execute<Command, Event extends DomainEventShape, State>(
    decider: StreamDecider<Command, Event, State>,
    streamId: string,
    command: Command,
    context: { actor: Actor; correlationId: string; expectedVersion?: number },
  ): Promise<CommandAccepted> {
    const idempotencyKey = keyedRequest()?.tag;
    const result = await executeCommand(this.store, decider, streamId, command, {
      expectedVersion: context.expectedVersion,
      metadata: { actor: actorLabel(context.actor), correlationId: context.correlationId, ...(idempotencyKey ? { idempotencyKey } : {}) },
      now: new Date(),
      schemaVersionOf,
    });
    if (result.position) this.projector.notify();
    return {
      streamId,
      version: result.version,
      ...(result.position ? { position: formatPosition(result.position) } : {}),
      events: result.events.map((e) => e.type),
    };
  }
}

export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  const match = IF_MATCH.exec(header.trim());
  if (!match) throw new BadRequestException('If-Match must be the version a previous answer gave, e.g. "3"');
  return Number(match[1]);
}
