import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import { DomainError } from '@banenpool/domain';
import {
  EventStoreUnavailableError,
  InvalidAppendError,
  isLostConnection,
  SubjectErasedError,
  WrongExpectedVersionError,
} from '@banenpool/event-store';
import type { Response } from 'express';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** Field-level messages for a refused body or query. */
  errors?: string[];
  /** A refused business rule's stable reason, e.g. "hours_limit_exceeded". */
  code?: string;
}

const DOMAIN_STATUS: Record<DomainError['kind'], number> = { not_found: 404, conflict: 409, rule: 422 };
const DOMAIN_TITLE: Record<DomainError['kind'], string> = {
  not_found: 'Not found',
  conflict: 'Conflict',
  rule: 'Refused by a business rule',
};

/** A lost connection is replaced by the pool at once; a few seconds covers a restarting server too. */
const RETRY_AFTER_SECONDS = 5;

/**
 * Every error leaves as RFC 9457 problem+json. Known failures get their own status (a version
 * conflict is 409, an unreachable store or a lost database connection 503 with Retry-After);
 * anything unexpected is logged in full and answered with a 500 that reveals nothing internal.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const problem = this.toProblem(error);
    if (problem.status === HttpStatus.SERVICE_UNAVAILABLE) response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    response.status(problem.status).type('application/problem+json').json(problem);
  }

  private toProblem(error: unknown): Problem {
    if (error instanceof HttpException) return fromHttpException(error);
    if (error instanceof DomainError)
      return { ...problem(DOMAIN_STATUS[error.kind], DOMAIN_TITLE[error.kind], error.message), code: error.code };
    if (error instanceof WrongExpectedVersionError) {
      return problem(HttpStatus.CONFLICT, 'Version conflict', `${error.message}. Read it again and retry.`);
    }
    if (error instanceof InvalidAppendError) return problem(HttpStatus.UNPROCESSABLE_ENTITY, 'Refused', error.message);
    // New personal data about a worker whose data was erased, where the decider did not refuse first.
    if (error instanceof SubjectErasedError) return { ...problem(HttpStatus.CONFLICT, 'Conflict', error.message), code: 'worker_erased' };
    if (error instanceof EventStoreUnavailableError) {
      this.logger.warn({ err: error }, 'Event store unavailable');
      return unavailable('Event store unavailable', 'The event store could not be reached');
    }
    // Read models, idempotency records and anything else on the pool through TypeORM.
    if (isLostConnection(error)) {
      this.logger.warn({ err: error }, 'Database connection lost');
      return unavailable('Database unavailable', 'The connection to the database was lost');
    }
    this.logger.error({ err: error }, 'Unhandled error');
    return problem(HttpStatus.INTERNAL_SERVER_ERROR, 'Internal error', 'Something went wrong on our side; it has been logged.');
  }
}

function fromHttpException(error: HttpException): Problem {
  const status = error.getStatus();
  const body = error.getResponse();
  const message = typeof body === 'object' && body !== null ? (body as { message?: unknown }).message : body;
  const errors = Array.isArray(message) ? message.map(String) : undefined;
  const detail = errors ? errors.join('; ') : typeof message === 'string' ? message : error.message;
  return { ...problem(status, titleOf(status), detail), ...(errors ? { errors } : {}) };
}

function unavailable(title: string, what: string): Problem {
  // Not "nothing was changed": a connection can drop after the server committed, before it answered.
  return problem(
    HttpStatus.SERVICE_UNAVAILABLE,
    title,
    `${what}, so the request may not have been carried out. Try again in a few seconds, with the same Idempotency-Key to have it carried out once.`,
  );
}

export function problem(status: number, title: string, detail: string): Problem {
  return { type: `https://httpstatuses.io/${status}`, title, status, detail };
}

function titleOf(status: number): string {
  const name = HttpStatus[status] as string | undefined;
  return name ? name.charAt(0) + name.slice(1).toLowerCase().replaceAll('_', ' ') : 'Error';
}
