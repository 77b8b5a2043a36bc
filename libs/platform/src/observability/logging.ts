import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';

export const CORRELATION_HEADER = 'x-correlation-id';
const ACCEPTABLE_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * A caller's correlation id is kept (when it looks like one) or a new one is made; it is logged
 * with every line of the request and echoed in the response, so a support question can be traced.
 */
export function correlationId(request: IncomingMessage, response: ServerResponse): string {
  const given = request.headers[CORRELATION_HEADER];
  const id = typeof given === 'string' && ACCEPTABLE_ID.test(given) ? given : randomUUID();
  response.setHeader('X-Correlation-Id', id);
  return id;
}

/** Structured JSON logs (pino); a terminal gets them one line each, as do log collectors. */
export function loggerParams(level: string): Params {
  return {
    pinoHttp: {
      level,
      genReqId: correlationId,
      customProps: (request) => ({ correlationId: request.id }),
      redact: ['req.headers.authorization', 'req.headers["x-api-key"]'],
      autoLogging: { ignore: (request) => request.url === '/health' || request.url === '/metrics' },
    },
  };
}
