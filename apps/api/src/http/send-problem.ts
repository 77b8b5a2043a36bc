import type { Response } from 'express';

/** A problem+json answer written by middleware, which runs before Nest's exception filter can. */
export function sendProblem(response: Response, status: number, title: string, detail: string): void {
  response.status(status).type('application/problem+json').json({ type: `https://httpstatuses.io/${status}`, title, status, detail });
}
