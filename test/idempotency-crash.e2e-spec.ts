import { createScratchDatabase, type ScratchDatabase } from '@banenpool/testing';
import pg from 'pg';
import { freePort, requireBuild, startNode, waitForHealthy, type Started } from './support/built-app.js';

/** How long a dead request's key may stay pending (the lease) and what a retry may take beyond it. */
const LEASE_MS = 10_000;
const MARGIN_MS = 5_000;
const CLIENTS = 8;
/** Answers before the kill: enough that every client has requests in flight when it comes. */
const ANSWERS_BEFORE_KILL = 40;

interface Outcome {
  status: number;
  body: { streamId?: string; events?: string[] };
}

const registration = (workerId: string) => ({
  workerId,
  name: 'Crash Proef',
  birthDate: '1990-04-01',
  homeArea: 'hengelo',
  skills: ['cleaning'],
  availability: { hoursPerWeek: 24 },
});

/** The built service on a PostgreSQL server, SIGKILLed under load: a retry with the same key learns the outcome. */
describe('Idempotency-Key across a SIGKILL (built service, PostgreSQL)', () => {
  let database: ScratchDatabase;
  let port: number;
  const running: Started[] = [];

  beforeAll(async () => {
    requireBuild();
    database = await createScratchDatabase();
    port = await freePort();
  });
  afterAll(async () => {
    for (const started of running) started.child.kill('SIGKILL');
    await Promise.all(running.map((s) => s.exited));
    await database?.drop();
  });

  const start = async () => {
    const started = startNode('apps/api/src/main.js', { PORT: String(port), DATABASE_URL: database.url, LOG_LEVEL: 'warn' });
    running.push(started);
    await waitForHealthy(port, started);
    return started;
  };
  const register = async (key: string): Promise<Outcome> => {
    const response = await fetch(`http://127.0.0.1:${port}/workers`, {
      method: 'POST',
      headers: { Authorization: 'Bearer demo-operator', 'Content-Type': 'application/json', 'Idempotency-Key': key },
      body: JSON.stringify(registration(key)),
    });
    return { status: response.status, body: (await response.json()) as Outcome['body'] };
  };
  const query = async <Row>(sql: string, params: unknown[] = []): Promise<Row[]> => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as Row[];
    } finally {
      await client.end();
    }
  };

  /** Retries until the key is no longer "still being processed", honouring Retry-After within bounds. */
  const settle = async (key: string, deadline: number): Promise<Outcome & { waitedMs: number }> => {
    const started = Date.now();
    for (;;) {
      const response = await fetch(`http://127.0.0.1:${port}/workers`, {
        method: 'POST',
        headers: { Authorization: 'Bearer demo-operator', 'Content-Type': 'application/json', 'Idempotency-Key': key },
        body: JSON.stringify(registration(key)),
      });
      const body = (await response.json()) as Outcome['body'];
      if (response.status !== 409 || Date.now() > deadline) return { status: response.status, body, waitedMs: Date.now() - started };
      const retryAfter = Number(response.headers.get('retry-after') ?? 1);
      await new Promise((resolve) => setTimeout(resolve, Math.min(Math.max(retryAfter, 0.25), 1) * 1000));
    }
  };

  it('resolves every key to its one outcome within the lease, and appends nothing twice', async () => {
    const first = await start();
    const outcomes = new Map<string, Outcome | undefined>();
    let answered = 0;
    const client = async (c: number) => {
      for (let i = 0; ; i++) {
        const key = `crash-${c}-${i}`;
        outcomes.set(key, undefined);
        try {
          outcomes.set(key, await register(key));
          answered++;
        } catch {
          return; // the process is gone
        }
      }
    };
    const load = Array.from({ length: CLIENTS }, (_, c) => client(c));
    while (answered < ANSWERS_BEFORE_KILL) await new Promise((resolve) => setTimeout(resolve, 5));
    first.child.kill('SIGKILL');
    const killed = Date.now();
    await first.exited;
    await Promise.all(load);

    const [{ pending, appended }] = await query<{ pending: number; appended: number }>(
      `SELECT count(*)::int AS pending, count(*) FILTER (WHERE EXISTS (SELECT 1 FROM es_events e
          WHERE e.stream_id = k.stream_id AND e.metadata->>'idempotencyKey' = k.scope || '#' || k.request_id))::int AS appended
         FROM api_idempotency_keys k WHERE state = 'pending'`,
    );
    await start();
    const restarted = Date.now();
    const keys = [...outcomes.keys()];
    const retried = await Promise.all(keys.map((key) => settle(key, restarted + LEASE_MS + MARGIN_MS)));
    const resolvedMs = Date.now() - restarted;
    console.log(
      `${keys.length} keys sent, ${answered} answered before the kill; ${pending} pending after it, ${appended} of them appended; ` +
        `all resolved ${resolvedMs} ms after the restart (${Date.now() - killed} ms after the kill)`,
    );

    retried.forEach((retry, i) => {
      const before = outcomes.get(keys[i]);
      expect({ key: keys[i], status: retry.status }).toEqual({ key: keys[i], status: before?.status ?? 201 });
      if (before) expect(retry.body).toEqual(before.body);
    });
    expect(resolvedMs).toBeLessThan(LEASE_MS + MARGIN_MS);

    const streams = keys.map((key) => `worker-${key}`);
    const events = await query<{ stream_id: string; tag: string | null; events: number; registrations: number }>(
      `SELECT stream_id, metadata->>'idempotencyKey' AS tag, count(*)::int AS events,
              count(*) FILTER (WHERE event_type = 'WorkerRegistered')::int AS registrations
         FROM es_events WHERE stream_id = ANY($1) GROUP BY stream_id, metadata->>'idempotencyKey'`,
      [streams],
    );
    expect(new Set(events.map((e) => e.stream_id)).size).toBe(events.length); // one tagged request per stream
    for (const [i, retry] of retried.entries()) {
      const written = events.find((e) => e.stream_id === streams[i]);
      const found = { stream: streams[i], registrations: written?.registrations, events: written?.events, tagged: Boolean(written?.tag) };
      expect(found).toEqual({ stream: streams[i], registrations: 1, events: retry.body.events?.length, tagged: true });
    }
    const [left] = await query<{ pending: number }>("SELECT count(*)::int AS pending FROM api_idempotency_keys WHERE state = 'pending'");
    expect(left.pending).toBe(0);
  }, 120_000);
});
