import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { startTestApi } from './support/api-client.js';
import { freePort, requireBuild, startNode, waitForHealthy, waitForOutput, type Started } from './support/built-app.js';

const KEY = 'Qm9-e2e-operator-key-7f3a';
const sha256 = (key: string) => createHash('sha256').update(key).digest('hex');

describe('API keys: hashed, rate-limited when wrong', () => {
  let app: INestApplication;

  beforeAll(async () => {
    app = await startTestApi({ API_KEYS: `sha256:${sha256(KEY)}=operator:anna`, AUTH_FAILURES_PER_MINUTE: '5' });
  });
  afterAll(() => app.close());

  it('answers a key given as its hash, refuses the demo keys, then limits an address that keeps guessing', async () => {
    const server = app.getHttpServer();
    await request(server).get('/streams').set('Authorization', `Bearer ${KEY}`).expect(200);
    await request(server).get('/streams').expect(401); // no key guesses nothing: not counted
    for (let i = 0; i < 5; i++) await request(server).get('/streams').set('X-Api-Key', `guess-${i}-abcdefgh`).expect(401);
    const limited = await request(server).get('/streams').set('X-Api-Key', 'demo-operator').expect(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((limited.body as { detail: string }).detail).toMatch(/too many failed authentications/i);
    // Until the minute is over, even the right key from that address is turned away unread.
    await request(server).get('/streams').set('Authorization', `Bearer ${KEY}`).expect(429);
    await request(server).get('/health').expect(200);
  });
});

describe('the built service and its keys', () => {
  let dataDir: string;
  const running: Started[] = [];

  beforeAll(() => {
    requireBuild();
    dataDir = mkdtempSync(join(tmpdir(), 'banenpool-keys-'));
  });
  afterAll(async () => {
    for (const started of running) started.child.kill('SIGKILL');
    await Promise.all(running.map((s) => s.exited));
    rmSync(dataDir, { recursive: true, force: true });
  });

  const start = (env: Record<string, string>) => {
    const started = startNode('apps/api/src/main.js', {
      DATA_DIR: join(dataDir, 'pglite'),
      LOG_LEVEL: 'info',
      ALLOW_DEMO_KEYS: '',
      ...env,
    });
    running.push(started);
    return started;
  };

  it.each([
    ['a public HOST', { HOST: '0.0.0.0' }, 'HOST=0.0.0.0 is not a loopback address'],
    ['DATABASE_URL', { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test' }, 'DATABASE_URL is set'],
  ])('refuses to start with the demo keys on %s', async (_, env, reason) => {
    const started = start(env);
    expect(await started.exited).toBe(1);
    expect(started.output()).toContain(reason);
    expect(started.output()).toContain('ALLOW_DEMO_KEYS=true');
  });

  it('never writes a key to its log, right or wrong', async () => {
    const port = await freePort();
    const wrong = 'Zp2-wrong-key-never-logged';
    const started = start({ PORT: String(port), API_KEYS: `${KEY}=operator:anna` });
    await waitForHealthy(port, started, 120_000);
    const url = `http://127.0.0.1:${port}/streams`;
    expect((await fetch(url, { headers: { Authorization: `Bearer ${KEY}`, 'X-Correlation-Id': 'keys-right' } })).status).toBe(200);
    expect((await fetch(url, { headers: { 'X-Api-Key': wrong, 'X-Correlation-Id': 'keys-wrong' } })).status).toBe(401);
    await waitForOutput(started, '"correlationId":"keys-wrong"');
    expect(started.output()).toContain('"correlationId":"keys-right"');
    expect(started.output()).not.toContain(KEY);
    expect(started.output()).not.toContain(wrong);
  }, 180_000);
});
