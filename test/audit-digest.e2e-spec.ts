import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { RULE_TABLE_SEED } from '@banenpool/domain';
import { PostgresEventStore, sealFeedDigest, toFeedDigest, type PostgresConnection } from '@banenpool/event-store';
import { POSTGRES_CONNECTION } from '@banenpool/platform';
import { openTestStack, type TestStack } from '@banenpool/testing';
import { caller, startTestApi } from './support/api-client.js';
import { DIST, requireBuild, ROOT, TEST_MASTER_KEY } from './support/built-app.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The built audit CLI, as `npm run audit -- …` runs it, with stdout and stderr apart. */
function audit(url: string, ...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const env = { ...process.env, NODE_OPTIONS: '', DATABASE_URL: url, EMBEDDED_PROJECTOR: 'false', MASTER_KEY: TEST_MASTER_KEY };
    const script = join(DIST, 'apps/audit/src/main.js');
    execFile(process.execPath, [script, ...args], { cwd: ROOT, env, maxBuffer: 1 << 22 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const events = (count: number) =>
  Array.from({ length: count }, (_, i) => ({ type: 'Sealed', data: { i }, metadata: { actor: 'operator:anna' } }));

/** A removed stream or tail is found against a digest kept outside the database. */
describe('npm run audit -- digest, and verify --digest (the built CLI) on PostgreSQL', () => {
  let stack: TestStack;
  let file: string;
  beforeAll(async () => {
    requireBuild();
    stack = await openTestStack('postgres');
    for (const stream of ['worker-anna', 'worker-bram', 'placement-p1']) {
      await stack.store.appendToStream(stream, events(5), { expectedVersion: 'no_stream' });
    }
    file = join(mkdtempSync(join(tmpdir(), 'banenpool-digest-')), 'digest.json');
  });
  afterAll(() => stack?.cleanup());

  it('digest seals one at the committed head and prints it as JSON; verify then finds the feed intact', async () => {
    const sealed = await audit(stack.url!, 'digest');
    expect({ code: sealed.code, stderr: sealed.stderr }).toEqual({
      code: 0,
      stderr: expect.stringContaining('Sealed digest 1 at position'),
    });
    const digest = toFeedDigest(JSON.parse(sealed.stdout));
    expect(digest).toMatchObject({ sequence: 1, streams: 3, events: 15, previousHash: null });
    writeFileSync(file, sealed.stdout);

    const verified = await audit(stack.url!, 'verify', '--digest', file);
    expect({ code: verified.code, stderr: verified.stderr }).toEqual({ code: 0, stderr: expect.stringContaining('Digests intact') });
    expect(JSON.parse(verified.stdout).digests).toEqual({ stored: 1, checked: [1], breaks: [] });
  });

  it('refuses a --digest that is not one, and --digest with --stream (exit 2)', async () => {
    expect((await audit(stack.url!, 'verify', '--digest', '{"sequence": 1}')).code).toBe(2);
    expect((await audit(stack.url!, 'verify', '--digest', join(tmpdir(), 'no-such-digest.json'))).code).toBe(2);
    expect((await audit(stack.url!, 'verify', '--stream', 'worker-anna', '--digest', file)).code).toBe(2);
  });

  it('verify --digest exits 3 after a tail was cut and the stored digests rewritten to match', async () => {
    const { pool } = stack.connection;
    await pool.query("DELETE FROM es_events WHERE stream_id = 'worker-bram' AND revision >= 3");
    await pool.query("UPDATE es_streams SET revision = 2 WHERE stream_id = 'worker-bram'");
    await pool.query('DELETE FROM es_digests');
    expect((await audit(stack.url!, 'verify')).code).toBe(0); // the chains and a freshly sealed store see nothing

    const verified = await audit(stack.url!, 'verify', '--digest', file);
    expect(verified.code).toBe(3);
    expect(verified.stderr).toContain('BROKEN: digest 1');
    expect(verified.stderr).toMatch(/worker: sealed 2 streams with 10 events, now 2 streams with 8 events/);
    const { digests } = JSON.parse(verified.stdout);
    expect(digests.breaks.map((b: { reason: string }) => b.reason)).toEqual([
      expect.stringContaining('no longer in es_digests'),
      expect.stringContaining('a stream or its tail was removed'),
    ]);
  });

  it('verify also recomputes the chains a personal-data migration kept, and exits 3 on a forged link', async () => {
    const { pool } = stack.connection;
    const none = await audit(stack.url!, 'verify');
    expect(none.stderr).toContain('No stream was re-chained by migrate:personal-data.');
    expect(JSON.parse(none.stdout).earlierChains).toEqual({ epochs: 0, linksVerified: 0, linksErased: 0, breaks: [] });
    // The earlier chain as a migration keeps it: each event's hash from before it re-chained the stream.
    await pool.query(
      `INSERT INTO es_chain_epochs (stream_id, revision, epoch, previous_hash, rewritten)
       SELECT stream_id, revision, 'e1', hash, false FROM es_events WHERE stream_id = 'placement-p1'`,
    );
    const kept = await audit(stack.url!, 'verify');
    expect({ code: kept.code, earlierChains: JSON.parse(kept.stdout).earlierChains }).toEqual({
      code: 0,
      earlierChains: { epochs: 1, linksVerified: 5, linksErased: 0, breaks: [] },
    });
    await pool.query(`UPDATE es_chain_epochs SET previous_hash = '\\x00' WHERE revision = 2`);
    const forged = await audit(stack.url!, 'verify');
    expect(forged.code).toBe(3);
    expect(forged.stderr).toContain('BROKEN: earlier chain e1 of placement-p1 at revision 2');
  });
});

describe('digests over HTTP', () => {
  let app: INestApplication;
  const auditor = () => caller(app, 'demo-auditor');
  beforeAll(async () => {
    app = await startTestApi();
    const { pool } = app.get<PostgresConnection>(POSTGRES_CONNECTION);
    await new PostgresEventStore(pool).appendToStream('worker-anna', events(3), { expectedVersion: 'no_stream' });
    await sealFeedDigest(pool);
  });
  afterAll(() => app?.close());

  it('GET /audit/digests lists the sealed digests to keep; GET /audit/verify checks the feed against the last', async () => {
    const { body: digests } = await auditor().get('/audit/digests').expect(200);
    // The service seeds its rule tables at start: one stream per table, one event per shipped period.
    const seeded = Object.values(RULE_TABLE_SEED);
    const seededEvents = seeded.reduce((sum, rows) => sum + rows.length, 0);
    expect(digests).toEqual([expect.objectContaining({ sequence: 1, streams: 1 + seeded.length, events: 3 + seededEvents })]);
    const { body } = await auditor().get('/audit/verify').expect(200);
    expect(body).toMatchObject({
      intact: true,
      digests: { stored: 1, checked: [1], breaks: [] },
      earlierChains: { epochs: 0, breaks: [] },
    });
    await caller(app, 'demo-employer-waarbeek').get('/audit/digests').expect(403);
  });

  it('GET /audit/verify reports a stream removed since the digest', async () => {
    const { pool } = app.get<PostgresConnection>(POSTGRES_CONNECTION);
    await pool.query("DELETE FROM es_events WHERE stream_id = 'worker-anna'; DELETE FROM es_streams WHERE stream_id = 'worker-anna'");
    const { body } = await auditor().get('/audit/verify').expect(200);
    const reason = expect.stringContaining('a stream or its tail was removed');
    expect(body).toMatchObject({ intact: false, digests: { breaks: [{ sequence: 1, reason }] } });
    expect(body.firstBreak).toBeUndefined(); // the chains alone see nothing wrong
  });
});
