import type { Response } from 'express';
import { problem } from './problem.filter.js';

/** A problem+json answer written by middleware, which runs before Nest's exception filter can. */
export function sendProblem(response: Response, status: number, title: string, detail: string): void {
  response
    .status(status)
    .type('application/problem+json')
    .json(problem(status, title, detail));
}
