import { ForbiddenException } from '@nestjs/common';
import type { KeyedRequest } from '@banenpool/platform';

/** Who runs a use case. */
export interface Caller {
  /** As recorded on events: `operator:anna`, `employer:planning@visschedijk`. */
  label: string;
  /** Set for an employer: the only employer whose data this caller may read or change. */
  employerId?: string;
}

/** What a request brings to a use case besides its own input. */
export interface RequestContext {
  caller: Caller;
  correlationId: string;
  /** If-Match: the stream version the client read. */
  expectedVersion?: number;
  /** What the request's Idempotency-Key asks of the command path (IdempotencyInterceptor). */
  idempotency?: KeyedRequest;
}

/** Employers reach only their own data; operators and auditors reach all (auditors read-only by the guard). */
export function requireEmployerAccess(caller: Caller, employerId: string): void {
  if (caller.employerId !== undefined && caller.employerId !== employerId) {
    throw new ForbiddenException('An employer may only reach its own data');
  }
}
