import type { NextFunction, Request, Response } from 'express';
import { sendProblem } from './send-problem.js';

const JSON_TYPE = /^application\/([a-z0-9.+-]*\+)?json\s*(;|$)/i;

/**
 * A command's body is JSON or nothing: a form or text body would otherwise be parsed by other
 * body parsers, or ignored, and the command run on what was left (415 instead).
 */
export function jsonOnly(request: Request, response: Response, next: NextFunction): void {
  const hasBody = Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined;
  if (!hasBody || JSON_TYPE.test(request.headers['content-type'] ?? '')) return next();
  sendProblem(response, 415, 'Unsupported media type', 'Send the body as application/json');
}
