import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { startTestApi } from './support/api-client.js';
import { freePort } from './support/built-app.js';

/*
 * Monitoring must answer exactly when something is down: /health with its report (each
 * component's state, 503) rather than a bare problem, and /metrics with its figures. The event
 * store here is a KurrentDB address where nothing listens, so every call to it fails at once.
 */
describe('monitoring with the event store down', () => {
  let app: INestApplication;

  beforeAll(async () => {
    const port = await freePort();
    app = await startTestApi({ EVENTSTORE_CONNECTION_STRING: `kurrentdb://127.0.0.1:${port}?tls=false`, EVENTSTORE_TIMEOUT_MS: '1000' });
  });
  afterAll(() => app?.close());

  it('/health answers 503 with the report: database up, event store and projections down', async () => {
    const response = await request(app.getHttpServer()).get('/health').expect(503);
    expect(response.body.status).toBe('error');
    expect(response.body.details.database).toMatchObject({ status: 'up', mode: 'embedded' });
    expect(response.body.details.eventStore).toMatchObject({ status: 'down', message: expect.any(String) });
    expect(response.body.details.projections).toMatchObject({ status: 'down', message: expect.any(String) });
    expect(response.body.error).toHaveProperty('eventStore');
  });

  it('/metrics answers 200 with process figures and the feed marked down', async () => {
    const response = await request(app.getHttpServer()).get('/metrics').expect(200);
    expect(response.text).toMatch(/^banenpool_event_feed_up 0$/m);
    expect(response.text).toMatch(/^banenpool_process_cpu_seconds_total \d/m);
    expect(response.text).not.toMatch(/banenpool_projection_lag_seconds\{/);
  });
});
