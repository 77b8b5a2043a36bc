import { BadRequestException, createParamDecorator, type ExecutionContext } from '@nestjs/common';
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

function callerOf(actor: Actor): Caller {
  return { label: actorLabel(actor), ...(actor.role === 'employer' ? { employerId: actor.employerId } : {}) };
}

export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  const match = IF_MATCH.exec(header.trim());
  if (!match) throw new BadRequestException('If-Match must be the version a previous answer gave, e.g. "3"');
  return Number(match[1]);
}
