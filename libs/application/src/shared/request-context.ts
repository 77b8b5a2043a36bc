import { ForbiddenException } from '@nestjs/common';

/** Who runs a use case. */
export interface Caller {
  /** As recorded on events: `operator:anna`, `employer:planning@visschedijk`. */
  label: string;
  /** Set for an employer: the only employer whose data this caller may read or change. */
  employerId?: string;
}

/** What the Idempotency-Key of the request asks of the command path (IdempotencyInterceptor). */
export interface KeyedRequestHooks {
  /** Goes into the metadata of every event the request appends (EventMetadata.idempotencyKey). */
  readonly tag: string;
  /** Called before a single-stream command appends: a retry after a crash looks there for the command's events. */
  recordStream(streamId: string): Promise<void>;
}

/** What a request brings to a use case besides its own input. */
export interface RequestContext {
  caller: Caller;
  correlationId: string;
  /** If-Match: the stream version the client read. */
  expectedVersion?: number;
  idempotency?: KeyedRequestHooks;
}

/** Employers reach only their own data; operators and auditors reach all (auditors read-only by the guard). */
export function requireEmployerAccess(caller: Caller, employerId: string): void {
  if (caller.employerId !== undefined && caller.employerId !== employerId) {
    throw new ForbiddenException('An employer may only reach its own data');
  }
}
