import { createHash, randomUUID } from 'node:crypto';
import { Body, Controller, HttpCode, Inject, Post, type INestApplication } from '@nestjs/common';
import { formatPosition, type EventStore } from '@banenpool/event-store';
import { CurrentActor, EVENT_STORE, actorLabel, type Actor } from '@banenpool/platform';
import { IsInt, Min } from 'class-validator';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { startTestApi } from './support/api-client.js';

class NoteBody {
  @IsInt()
  @Min(1)
  hours: number;
}

/** A stand-in command endpoint: each call appends one event, so a doubled append would show. */
@Controller('test-notes')
class NotesController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Post()
  @HttpCode(201)
  async note(@Body() body: NoteBody, @CurrentActor() actor: Actor) {
    const result = await this.store.appendToStream('notes-1', [{ type: 'HoursNoted', data: { hours: body.hours, id: randomUUID() } }], {
      expectedVersion: 'any',
    });
    return { actor: actorLabel(actor), position: formatPosition(result.position) };
  }

  /** Answers when the test opens the gate: a request that outlives its lease. */
  @Post('slow')
  @HttpCode(201)
  async slow() {
    await slowGate;
    return { done: true };
  }
}

/** What a request that died left on its record: its lease (null as before leases), stream and request id. */
interface DeadRecord {
  leaseSeconds: number | null;
  streamId?: string;
  requestId?: string;
}

let openSlowGate: () => void;
const slowGate = new Promise<void>((resolve) => (openSlowGate = resolve));
/** The lease as IdempotencyInterceptor holds it (LEASE_SECONDS). */
const LEASE_MS = 10_000;

describe('POST commands: Idempotency-Key and roles', () => {
  let app: INestApplication;
  let store: EventStore;
  const post = (key: string | undefined, body: object, apiKey = 'demo-operator') => {
    const req = request(app.getHttpServer()).post('/test-notes').set('Authorization', `Bearer ${apiKey}`);
    return (key ? req.set('Idempotency-Key', key) : req).send(body);
  };
  const noted = async () => (await store.readStream('notes-1')).length;

  beforeAll(async () => {
    app = await startTestApi({}, [NotesController]);
    store = app.get(EVENT_STORE);
    dataSource = app.get(DataSource);
  });
  afterAll(() => app?.close());

  let dataSource: DataSource;
  const keyed = (path: string, key: string, body: object) =>
    request(app.getHttpServer()).post(path).set('Authorization', 'Bearer demo-operator').set('Idempotency-Key', key).send(body);
  const registration = (workerId: string) => ({
    workerId,
    name: 'Lease Proef',
    birthDate: '1990-04-01',
    homeArea: 'hengelo',
    skills: ['cleaning'],
    availability: { hoursPerWeek: 24 },
  });
  const register = (key: string, workerId: string, body: object = registration(workerId)) => keyed('/workers', key, body);
  /** The demo operator's record of a key, as the database holds it. */
  const scopeOf = (key: string) => `operator:demo/${key}`;
  const recordOf = async (key: string) =>
    (await dataSource.query('SELECT * FROM api_idempotency_keys WHERE scope = $1', [scopeOf(key)]))[0];

  /** A pending record as a request that died would have left it. */
  const leftPending = (key: string, path: string, body: object, record: DeadRecord) => {
    const requestHash = createHash('sha256')
      .update(`POST ${path}\n${JSON.stringify(body)}`)
      .digest('hex');
    return dataSource.query(
      `INSERT INTO api_idempotency_keys (scope, request_hash, state, created_at, request_id, lease_owner, lease_until, stream_id)
       VALUES ($1, $2, 'pending', now(), $3, 'died', now() + $4::int * interval '1 second', $5)`,
      [scopeOf(key), requestHash, record.requestId ?? null, record.leaseSeconds, record.streamId ?? null],
    );
  };

  it('a retried POST returns the first answer and appends once', async () => {
    const before = await noted();
    const first = await post('retry-1', { hours: 8 }).expect(201);
    const again = await post('retry-1', { hours: 8 }).expect(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await noted()).toBe(before + 1);
  });

  it('concurrent retries of one key append once', async () => {
    const before = await noted();
    const answers = await Promise.all(Array.from({ length: 5 }, () => post('burst-1', { hours: 4 })));
    expect(answers.every((a) => a.status === 201 || a.status === 409)).toBe(true);
    expect(await noted()).toBe(before + 1);
  });

  it('the same key with a different request is refused with 422', async () => {
    await post('reuse-1', { hours: 8 }).expect(201);
    const response = await post('reuse-1', { hours: 9 }).expect(422);
    expect(response.body.detail).toMatch(/different request/);
  });

  it('keys are per caller', async () => {
    const before = await noted();
    await post('shared-key', { hours: 1 }).expect(201);
    const other = await post('shared-key', { hours: 1 }, 'demo-employer-visschedijk').expect(201);
    expect(other.headers['idempotent-replayed']).toBeUndefined();
    expect(await noted()).toBe(before + 2);
  });

  it('a refused request leaves no record: its retry runs again', async () => {
    await post('bad-1', { hours: 0 }).expect(400);
    await post('bad-1', { hours: 2 }).expect(201);
  });

  it('an auditor may not POST at all', async () => {
    const response = await post(undefined, { hours: 1 }, 'demo-auditor').expect(403);
    expect(response.body.detail).toBe('Auditors have read-only access');
  });

  it('tags the events of a keyed command with the key, unique to this use of it', async () => {
    const answer = await register('tag-1', 'lease-tagged').expect(201);
    const [event] = await store.readStream(answer.body.streamId);
    expect(event.metadata.idempotencyKey).toMatch(/^operator:demo\/tag-1#[0-9a-f-]{36}$/);
    expect(await recordOf('tag-1')).toMatchObject({ state: 'done', stream_id: answer.body.streamId, lease_until: null });
  });

  it('a retry after its request died with the command appended answers what the command answered, appending nothing', async () => {
    const first = await register('died-after-append', 'lease-appended').expect(201);
    await dataSource.query(
      `UPDATE api_idempotency_keys SET state = 'pending', status_code = NULL, response_body = NULL, lease_until = now() - interval '1 second'
        WHERE scope = $1`,
      [scopeOf('died-after-append')],
    );
    const retry = await register('died-after-append', 'lease-appended').expect(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(await store.readStream(first.body.streamId)).toHaveLength(first.body.events.length);
    expect(await recordOf('died-after-append')).toMatchObject({ state: 'done', response_body: first.body });
  });

  it('a retry after its request died before appending runs the command, under the same request id', async () => {
    const requestId = randomUUID();
    const streamId = 'worker-lease-unwritten';
    await leftPending('died-before-append', '/workers', registration('lease-unwritten'), { leaseSeconds: -1, streamId, requestId });
    const retry = await register('died-before-append', 'lease-unwritten').expect(201);
    expect(retry.headers['idempotent-replayed']).toBeUndefined();
    const events = await store.readStream(streamId);
    expect(events.map((e) => e.metadata.idempotencyKey)).toEqual([`${scopeOf('died-before-append')}#${requestId}`]);
    expect((await register('died-before-append', 'lease-unwritten').expect(201)).body).toEqual(retry.body);
  });

  it('a dead request that recorded no stream (or a record from before leases) is run again', async () => {
    const before = await noted();
    await leftPending('died-unrecorded', '/test-notes', { hours: 3 }, { leaseSeconds: null });
    await post('died-unrecorded', { hours: 3 }).expect(201);
    expect(await noted()).toBe(before + 1);
  });

  it('while the lease is held a retry is a 409 that says when to try again', async () => {
    await leftPending('held-1', '/test-notes', { hours: 5 }, { leaseSeconds: 7 });
    const response = await post('held-1', { hours: 5 }).expect(409);
    expect(Number(response.headers['retry-after'])).toBeGreaterThanOrEqual(6);
    expect(Number(response.headers['retry-after'])).toBeLessThanOrEqual(7);
    await post('held-1', { hours: 6 }).expect(422); // still the same key for a different request
  });

  it('a request that takes longer than the lease keeps it: a retry meanwhile is still a 409', async () => {
    const retry = () => keyed('/test-notes/slow', 'slow-1', {});
    const answered = retry().then((response) => response); // sends it now
    try {
      await new Promise((resolve) => setTimeout(resolve, LEASE_MS + 1_500));
      const meanwhile = await retry().expect(409);
      expect(Number(meanwhile.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    } finally {
      openSlowGate(); // else the app cannot close
    }
    expect((await answered).status).toBe(201);
    expect((await retry().expect(201)).headers['idempotent-replayed']).toBe('true');
  }, 30_000);

  it('a command the rules refuse leaves no record: the same key with a corrected request runs', async () => {
    const refused = await register('refused-1', 'lease-child', { ...registration('lease-child'), birthDate: '2020-01-01' }).expect(422);
    expect(refused.body.code).toBeDefined();
    expect(await recordOf('refused-1')).toBeUndefined();
    await register('refused-1', 'lease-child').expect(201);
  });

  it('a key is forgotten after 24 hours: the same key then runs anew', async () => {
    const before = await noted();
    await post('expiring-1', { hours: 2 }).expect(201);
    const aged = "UPDATE api_idempotency_keys SET created_at = now() - interval '25 hours' WHERE scope = $1";
    await dataSource.query(aged, [scopeOf('expiring-1')]);
    const again = await post('expiring-1', { hours: 7 }).expect(201);
    expect(again.headers['idempotent-replayed']).toBeUndefined();
    expect(await noted()).toBe(before + 2);
  });

  it('refuses a malformed key', async () => {
    await post('not a key!', { hours: 1 }).expect(400);
  });
});
