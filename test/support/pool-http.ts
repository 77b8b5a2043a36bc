import type { INestApplication } from '@nestjs/common';
import { caller } from './api-client.js';

/** The demo keys the embedded API accepts when API_KEYS is not set. */
export const OPERATOR = 'demo-operator';
export const AUDITOR = 'demo-auditor';
export const employerKey = (employerId: string) => `demo-employer-${employerId}`;

type Answer = { status: number; body: Record<string, unknown> & { position?: string } };

/**
 * Commands over HTTP as the e2e tests send them: each answer must have the expected status (else the
 * test fails naming the request and the answer), and the last `position` a command answered is kept
 * so reads can `waitFor` it.
 */
export class PoolHttp {
  lastPosition = '';

  constructor(readonly app: INestApplication) {}

  as(key: string) {
    return caller(this.app, key);
  }

  /** A POST that must answer 201 (or `status`); its body. */
  post(path: string, body: object = {}, key = OPERATOR, status = 201) {
    return this.expect('POST', path, this.as(key).post(path).send(body), status);
  }

  /** A PUT that must answer 200 (or `status`); its body. */
  put(path: string, body: object, key = OPERATOR, status = 200) {
    return this.expect('PUT', path, this.as(key).put(path).send(body), status);
  }

  /** A GET after the last command's position, that must answer 200; its body. */
  read(path: string, key = OPERATOR) {
    const waitFor = this.lastPosition ? `${path.includes('?') ? '&' : '?'}waitFor=${this.lastPosition}` : '';
    return this.expect('GET', path, this.as(key).get(`${path}${waitFor}`), 200);
  }

  private async expect(method: string, path: string, request: PromiseLike<Answer>, status: number) {
    const response = await request;
    if (response.status !== status) {
      throw new Error(`${method} ${path}: expected ${status}, got ${response.status}: ${JSON.stringify(response.body)}`);
    }
    if (typeof response.body?.position === 'string') this.lastPosition = response.body.position;
    // The tests read answers loosely, as JSON: the typed contract is the API's, not this helper's.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return response.body as any;
  }
}
