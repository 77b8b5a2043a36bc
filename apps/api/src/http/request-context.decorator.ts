import { BadRequestException, createParamDecorator, ForbiddenException, type ExecutionContext } from '@nestjs/common';
import type { Caller, RequestContext } from '@banenpool/application';
import { actorLabel, keyedRequest, type Actor } from '@banenpool/platform';
import type { Request } from 'express';

const IF_MATCH = /^(?:W\/)?"?(\d{1,15})"?$/;

/**
 * What a use case needs of the HTTP request besides its input: the caller, the correlation id,
 * If-Match (on writes) and the Idempotency-Key hooks. Resolved inside the interceptors, so the
 * IdempotencyInterceptor's keyed request is in scope.
 */
export const Context = createParamDecorator((_: unknown, context: ExecutionContext): RequestContext => {
  const request = context.switchToHttp().getRequest<Request & { actor: Actor }>();
  const idempotency = keyedRequest();
  const expectedVersion = request.method === 'GET' ? undefined : parseIfMatch(request.header('if-match'));
  return {
    caller: callerOf(request.actor),
    correlationId: String(request.id),
    ...(expectedVersion !== undefined ? { expectedVersion } : {}),
    ...(idempotency ? { idempotency } : {}),
  };
});

/** Fails closed: a caller without an employer id is treated as pool staff, so an employer key must name one. */
function callerOf(actor: Actor): Caller {
  if (actor.role !== 'employer') return { label: actorLabel(actor) };
  if (!actor.employerId) throw new ForbiddenException('This employer key names no employer');
  return { label: actorLabel(actor), employerId: actor.employerId };
}

export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  const match = IF_MATCH.exec(header.trim());
  if (!match) throw new BadRequestException('If-Match must be the version a previous answer gave, e.g. "3"');
  return Number(match[1]);
}
