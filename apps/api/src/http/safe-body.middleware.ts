import { BadRequestException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { inspectInput } from './safe-input.js';
import { sendProblem } from './send-problem.js';

/**
 * Runs right after the JSON body is parsed, before guards and interceptors: the idempotency
 * interceptor hashes the body with JSON.stringify, which a body nested 10,000 levels deep would
 * overflow the stack of. A refused body is a 400 problem, as the exception filter would give.
 */
export function safeBody(request: Request, response: Response, next: NextFunction): void {
  try {
    inspectInput(request.body, 0, 'body');
  } catch (error) {
    if (!(error instanceof BadRequestException)) return next(error);
    return sendProblem(response, 400, 'Bad request', error.message);
  }
  next();
}
