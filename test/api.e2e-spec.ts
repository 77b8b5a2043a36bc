import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { formatPosition, type EventStore } from '@banenpool/event-store';
import { EVENT_STORE } from '@banenpool/platform';
import { createScratchDatabase, type ScratchDatabase } from '@banenpool/testing';
import request from 'supertest';
import { startTestApi } from './support/api-client.js';

describe.each(['embedded', 'postgres'] as const)('HTTP API on %s storage', (mode) => {
  let app: INestApplication;
  let store: EventStore;
  let database: ScratchDatabase | undefined;

  beforeAll(async () => {
    database = mode === 'postgres' ? await createScratchDatabase() : undefined;
    app = await startTestApi({ DATABASE_URL: database?.url });
    store = app.get(EVENT_STORE);
  });
  /** Requests as the embedded demo's operator (API_KEYS is not set in these tests). */
  const api = () => ({
    get: (path: string) => request(app.getHttpServer()).get(path).set('Authorization', 'Bearer demo-operator'),
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('reports health: database, event store and projections', async () => {
    const response = await request(app.getHttpServer()).get('/health').expect(200);
    expect(response.body.status).toBe('ok');
    expect(response.body.details.database).toMatchObject({ status: 'up', mode: mode === 'postgres' ? 'postgres' : 'embedded' });
    expect(response.body.details.eventStore.status).toBe('up');
    expect(response.body.details.projections['stream-catalog']).toMatchObject({ eventsBehind: expect.any(Number) });
  });

  it('serves the OpenAPI document and its UI', async () => {
    await request(app.getHttpServer()).get('/docs').expect(200).expect('Content-Type', /html/);
    const spec = await request(app.getHttpServer()).get('/docs/openapi.json').expect(200);
    expect(Object.keys(spec.body.paths)).toEqual(expect.arrayContaining(['/health', '/metrics', '/streams', '/streams/{streamId}']));
  });

  it('exposes projection lag as Prometheus metrics', async () => {
    const response = await request(app.getHttpServer()).get('/metrics').expect(200);
    expect(response.text).toMatch(/banenpool_projection_lag_seconds\{projection="stream-catalog"\} \d/);
    expect(response.text).toMatch(/banenpool_projection_events_behind\{projection="stream-catalog"\} \d/);
    expect(response.text).toMatch(/^banenpool_event_feed_up 1$/m);
  });

  it('read-your-writes: a query given a written position answers with that write included', async () => {
    const streamId = `worker-${randomUUID()}`;
    const written = await store.appendToStream(
      streamId,
      [
        { type: 'CatalogProbeWritten', data: { name: 'Sanne' } },
        { type: 'CatalogProbeUpdated', data: { skill: 'cleaning' } },
      ],
      { expectedVersion: 'no_stream' },
    );
    const response = await api()
      .get(`/streams/${streamId}`)
      .query({ waitFor: formatPosition(written.position) })
      .expect(200);
    expect(response.headers['x-consistency']).toBe('reached');
    expect(response.body).toMatchObject({ streamId, category: 'worker', eventCount: 2, lastEventType: 'CatalogProbeUpdated' });

    const list = await api().get('/streams').query({ category: 'worker', limit: 10 }).expect(200);
    expect(list.body.items.map((s: { streamId: string }) => s.streamId)).toContain(streamId);
    expect(list.body).toMatchObject({ limit: 10, offset: 0, total: expect.any(Number) });
  });

  it('keeps the caller’s correlation id, or makes one', async () => {
    const given = await api().get('/streams').set('X-Correlation-Id', 'support-ticket-42').expect(200);
    expect(given.headers['x-correlation-id']).toBe('support-ticket-42');
    const made = await api().get('/streams').expect(200);
    expect(made.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it.each([
    ['a zero limit', 'limit=0', /limit must not be less than 1/],
    ['a limit that is no number', 'limit=abc', /limit must be an integer/],
    ['a negative offset', 'offset=-1', /offset must not be less than 0/],
    ['an empty offset', 'offset=', /offset must be an integer/],
    ['a hexadecimal limit', 'limit=0x10', /limit must be an integer/],
    ['a limit with a space before it', 'limit=%205', /limit must be an integer/],
    ['a category with a $', 'category=%24all', /category must be/],
    ['a waitFor that is no position', 'waitFor=yesterday', /waitFor must be a position/],
    ['an unknown parameter', 'unknown=1', /property unknown should not exist/],
    ['a 5000-character category', `category=${'x'.repeat(5000)}`, /category must be/],
  ])('refuses %s with a 400 problem', async (_, query, message) => {
    const response = await api().get(`/streams?${query}`).expect(400);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 400, title: 'Bad request', detail: expect.stringMatching(message) });
  });

  it('answers an unknown stream or route with a 404 problem', async () => {
    const unknown = await api().get('/streams/worker-nobody').expect(404);
    expect(unknown.body).toMatchObject({ status: 404, detail: 'No stream worker-nobody' });
    await request(app.getHttpServer()).get('/no-such-route').expect(404);
  });

  it('needs an API key, and gives each role only what it may do', async () => {
    const server = app.getHttpServer();
    const noKey = await request(server).get('/streams').expect(401);
    expect(noKey.body.detail).toMatch(/API key/);
    await request(server).get('/streams').set('Authorization', 'Bearer not-a-key').expect(401);
    await request(server).get('/streams').set('X-Api-Key', 'demo-auditor').expect(200);
    await request(server).get('/streams').set('Authorization', 'Bearer demo-employer-visschedijk').expect(403);
    await request(server).get('/health').expect(200); // health, metrics and docs are public
  });

  it('refuses malformed JSON with a 400, not a 500', async () => {
    const response = await request(app.getHttpServer())
      .post('/streams')
      .set('Authorization', 'Bearer demo-operator')
      .set('Content-Type', 'application/json')
      .send('{"broken":');
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });
});
