// The /health poller of bench:responsiveness, a process of its own: `node health-poller.js <url> <interval ms>`,
// started with fork(); it says when it polls, and on any message stops and sends its figures.
//
// One GET /health at a time, one due every interval. A request that answers late also stands for the
// requests that fell due while it was out: each is counted with the wait from its own due time, as a
// poller firing on schedule would have seen it (without that, a 10 s freeze would be a single sample).
import { Agent, get } from 'node:http';

export interface Polled {
  readonly kind: 'polled';
  /** Milliseconds from each poll's due time to its answer. */
  readonly latencies: number[];
  /** Answers other than 200, and requests that failed. */
  readonly failures: number;
}
export type PollerMessage = { readonly kind: 'polling' } | Polled;

const [url, interval] = [process.argv[2], Number(process.argv[3])];
const agent = new Agent({ keepAlive: true, maxSockets: 1 });

const health = () =>
  new Promise<boolean>((resolve) => {
    get(`${url}/health`, { agent }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode === 200));
    }).on('error', () => resolve(false));
  });

async function poll(): Promise<void> {
  let stopping = false;
  process.once('message', () => (stopping = true));
  const latencies: number[] = [];
  let failures = 0;
  let due = performance.now();
  process.send!({ kind: 'polling' } satisfies PollerMessage);
  while (!stopping) {
    const ok = await health();
    const answered = performance.now();
    if (!ok) failures++;
    for (; due <= answered; due += interval) latencies.push(answered - due);
    await new Promise((resolve) => setTimeout(resolve, due - answered));
  }
  process.send!({ kind: 'polled', latencies, failures } satisfies PollerMessage, () => process.exit(0));
}

void poll();
