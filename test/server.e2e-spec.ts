import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PostgresEventStore, startEmbeddedPostgres } from '@banenpool/event-store';
import { freePort, requireBuild, startNode, waitForHealthy, waitForOutput, type Started } from './support/built-app.js';

/** The compiled service and embedded store as `npm start` runs them, including a SIGKILL. */
describe('the built service on the embedded default', () => {
  let dataDir: string;
  const running: Started[] = [];

  beforeAll(() => {
    requireBuild();
    dataDir = join(mkdtempSync(join(tmpdir(), 'banenpool-e2e-')), 'pglite');
  });
  afterAll(async () => {
    for (const started of running) started.child.kill('SIGKILL');
    await Promise.all(running.map((s) => s.exited));
    rmSync(join(dataDir, '..'), { recursive: true, force: true });
  });

  const start = (script: string, env: Record<string, string>) => {
    const started = startNode(script, { DATA_DIR: dataDir, LOG_LEVEL: 'info', ...env });
    running.push(started);
    return started;
  };

  it('keeps every committed event when the process is killed, and refuses a second process meanwhile', async () => {
    const writer = start('test/support/append-and-hang.js', { APPEND_COUNT: '25' });
    await waitForOutput(writer, 'appended 25');
    await expect(startEmbeddedPostgres(dataDir)).rejects.toThrow(/in use by process/);

    writer.child.kill('SIGKILL');
    await writer.exited;
    const reopened = await startEmbeddedPostgres(dataDir);
    try {
      const events = await new PostgresEventStore(reopened.pool).readStream('worker-killed');
      expect(events.map((e) => (e.data as { i: number }).i)).toEqual(Array.from({ length: 25 }, (_, i) => i));
    } finally {
      await reopened.close();
    }
  });

  it('starts with no server, answers /health and /docs, and comes back after a SIGKILL with its data', async () => {
    const port = await freePort();
    const first = start('apps/api/src/main.js', { PORT: String(port) });
    const health = (await (await waitForHealthy(port, first)).json()) as { details: { database: unknown } };
    expect(health.details.database).toMatchObject({ status: 'up', mode: 'embedded' });
    expect((await fetch(`http://127.0.0.1:${port}/docs`)).status).toBe(200);
    // Structured logs: one JSON object per line, carrying the request's correlation id.
    await fetch(`http://127.0.0.1:${port}/streams`, { headers: { 'X-Correlation-Id': 'e2e-trace-1' } });
    await waitForOutput(first, '"correlationId":"e2e-trace-1"');

    first.child.kill('SIGKILL');
    await first.exited;
    const second = start('apps/api/src/main.js', { PORT: String(port) });
    await waitForHealthy(port, second);
    const streams = (await (
      await fetch(`http://127.0.0.1:${port}/streams?category=worker`, { headers: { Authorization: 'Bearer demo-operator' } })
    ).json()) as { items: unknown[] };
    expect(streams.items).toEqual([expect.objectContaining({ streamId: 'worker-killed', eventCount: 25 })]);
  });

  it.each([
    ['PORT', 'eighty'],
    ['DATABASE_URL', 'mysql://localhost/banenpool'],
  ])('stops at start with a message naming a wrong %s', async (name, value) => {
    const started = start('apps/api/src/main.js', { [name]: value });
    expect(await started.exited).toBe(1);
    expect(started.output()).toContain(`${name}=`);
  });
});
