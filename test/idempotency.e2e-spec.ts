import { randomUUID } from 'node:crypto';
import { Body, Controller, HttpCode, Inject, Post, type INestApplication } from '@nestjs/common';
import { formatPosition, type EventStore } from '@banenpool/event-store';
import { CurrentActor, EVENT_STORE, actorLabel, type Actor } from '@banenpool/platform';
import { IsInt, Min } from 'class-validator';
import request from 'supertest';
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
}

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
  });
  afterAll(() => app?.close());

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

  it('refuses a malformed key', async () => {
    await post('not a key!', { hours: 1 }).expect(400);
  });
});
