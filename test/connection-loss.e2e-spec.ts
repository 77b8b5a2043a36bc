import { createScratchDatabase, type ScratchDatabase } from '@banenpool/testing';
import pg from 'pg';
import { freePort, requireBuild, startNode, waitForHealthy, type Started } from './support/built-app.js';

const ROUNDS = 5;

/**
 * The built service on a PostgreSQL server whose connections are killed, busy and idle
 * alike, while a request waits on a lock this test holds. The request must fail with a 503 that
 * says to retry, the process must live, and the pool must serve the next request by itself.
 */
describe('the built service when PostgreSQL drops its connections', () => {
  let database: ScratchDatabase;
  let api: Started;
  let port: number;
  /** The test's own session on the service's database: holds locks and kills the service's backends. */
  let session: pg.Client;

  beforeAll(async () => {
    requireBuild();
    database = await createScratchDatabase();
    port = await freePort();
    api = startNode('apps/api/src/main.js', { DATABASE_URL: database.url, PORT: String(port), LOG_LEVEL: 'warn' });
    await waitForHealthy(port, api);
    session = new pg.Client({ connectionString: database.url });
    await session.connect();
  });
  afterAll(async () => {
    await session?.end();
    api?.child.kill('SIGKILL');
    await api?.exited;
    await database?.drop();
  });

  const send = (method: string, path: string, body?: unknown) =>
    fetch(`http://127.0.0.1:${port}${path}`, {
      method,
      headers: { Authorization: 'Bearer demo-operator', 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  /** Holds `lock` in a transaction, sends the request, waits until the service's query blocks on it, then kills every backend. */
  async function killMidFlight(lock: string, blockedQuery: string, request: () => Promise<Response>): Promise<Response> {
    await session.query('BEGIN');
    try {
      await session.query(lock);
      const answer = request();
      answer.catch(() => undefined); // awaited below; a dead service must fail the test there, not as an unhandled rejection
      await waitForBlocked(blockedQuery);
      const { rows } = await session.query<{ killed: number }>(
        `SELECT count(*) FILTER (WHERE pg_terminate_backend(pid, 5000))::int AS killed FROM pg_stat_activity
         WHERE datname = current_database() AND pid <> pg_backend_pid()`,
      );
      // The blocked one at least (waitForBlocked saw it), and whatever idle ones the pool holds: the
      // projector's single lane may leave none open at that moment.
      expect(rows[0].killed).toBeGreaterThanOrEqual(1);
      return await answer;
    } finally {
      await session.query('ROLLBACK');
    }
  }

  async function waitForBlocked(queryPattern: string, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await session.query('SELECT pg_stat_clear_snapshot()'); // inside a transaction the view is otherwise read once
      const { rows } = await session.query(
        `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()
         AND wait_event_type = 'Lock' AND query ILIKE $1`,
        [queryPattern],
      );
      if (rows.length > 0) return;
      if (Date.now() > deadline) throw new Error(`no query like ${queryPattern} blocked within ${timeoutMs} ms:\n${api.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async function expectRetryLater(response: Response): Promise<void> {
    const body = (await response.json()) as { status: number; detail: string };
    const { status, headers } = response;
    expect({ status, type: headers.get('content-type'), retryAfter: headers.get('retry-after'), body }).toEqual({
      status: 503,
      type: expect.stringMatching(/^application\/problem\+json/),
      retryAfter: expect.stringMatching(/^[1-9]\d?$/),
      body: expect.objectContaining({ status: 503, detail: expect.stringMatching(/may not have been carried out.*try again/i) }),
    });
  }

  function expectAlive(): void {
    const output = api.output();
    expect({ exitCode: api.child.exitCode, signal: api.child.signalCode, unhandled: /Unhandled 'error' event/.test(output) }).toEqual({
      exitCode: null,
      signal: null,
      unhandled: false,
    });
  }

  /** The projections failed their batches too; their back-off retries must bring /health back to 200. */
  async function projectorRecovered(): Promise<void> {
    await waitForHealthy(port, api, 20_000);
    expectAlive();
  }

  it(`fails an append whose connection is killed with 503 and Retry-After, ${ROUNDS} times, and serves the next request`, async () => {
    const anna = { workerId: 'anna', name: 'Anna de Vries', birthDate: '1990-05-10', homeArea: 'hellendoorn', skills: [] };
    const registered = await send('POST', '/workers', { ...anna, availability: { hoursPerWeek: 32 } });
    expect(registered.status).toBe(201);

    for (let round = 1; round <= ROUNDS; round++) {
      const lost = await killMidFlight('LOCK TABLE es_streams IN EXCLUSIVE MODE', 'WITH claimed%', () =>
        send('POST', '/workers/anna/skills', { skill: `lost-${round}` }),
      );
      await expectRetryLater(lost);
      expectAlive();

      expect((await send('POST', '/workers/anna/skills', { skill: `kept-${round}` })).status).toBe(201);
      const worker = (await (await send('GET', '/workers/anna?purpose=pool_operations')).json()) as { skills: string[] };
      expect(worker.skills).toContain(`kept-${round}`);
      expect(worker.skills).not.toContain(`lost-${round}`);
    }
    await projectorRecovered();
  });

  it(`fails a read-model query whose connection is killed with 503 and Retry-After, ${ROUNDS} times, and serves the next one`, async () => {
    for (let round = 1; round <= ROUNDS; round++) {
      const lost = await killMidFlight('LOCK TABLE rm_stream_catalog IN ACCESS EXCLUSIVE MODE', 'SELECT%rm_stream_catalog%', () =>
        send('GET', '/streams?category=worker'),
      );
      await expectRetryLater(lost);
      expectAlive();
      expect((await send('GET', '/streams?category=worker')).status).toBe(200);
    }
    await projectorRecovered();
  });
});
