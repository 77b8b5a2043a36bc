import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import type { EventStore } from '@banenpool/event-store';
import { EVENT_STORE } from '@banenpool/platform';
import { createScratchDatabase, type ScratchDatabase } from '@banenpool/testing';
import { caller, startTestApi } from './support/api-client.js';

/** The worker's registration as one instance reads it now (its key cache included). */
async function registrationOn(app: INestApplication, workerId: string): Promise<{ name: string; erased: boolean }> {
  const [registered] = await app.get<EventStore>(EVENT_STORE).readStream(`worker-${workerId}`, { toRevision: 0 });
  return { name: (registered.data as { name: string }).name, erased: registered.metadata.personalDataErased === true };
}

// Two instances of the API on one PostgreSQL database: one erases, the other had just read the
// worker and so holds their data key in its cache, which it would otherwise trust for 30 s.
describe('an erasure on one instance, read on another (PostgreSQL)', () => {
  let database: ScratchDatabase;
  let [eraser, reader]: INestApplication[] = [];

  beforeAll(async () => {
    database = await createScratchDatabase();
    eraser = await startTestApi({ DATABASE_URL: database.url });
    reader = await startTestApi({ DATABASE_URL: database.url, EMBEDDED_PROJECTOR: 'false' });
  });
  afterAll(async () => {
    await Promise.all([eraser?.close(), reader?.close()]);
    await database?.drop();
  });

  it('the other instance stops reading the personal data once the key is shredded, not 30 s later', async () => {
    const workerId = `w-${randomUUID()}`;
    const name = `Gerritdina Oude Egberink ${randomUUID().slice(0, 8)}`;
    const registration = {
      workerId,
      name,
      birthDate: '1961-04-03',
      postcode: '7511 AB',
      skills: ['cleaning'],
      availability: { hoursPerWeek: 20 },
    };
    await caller(eraser, 'demo-operator').post('/workers').send(registration).expect(201);
    expect(await registrationOn(reader, workerId)).toEqual({ name, erased: false });

    await caller(eraser, 'demo-operator').post(`/workers/${workerId}/erasure`).send({ reason: 'data_subject_request' }).expect(201);
    const until = Date.now() + 5_000;
    let read = await registrationOn(reader, workerId);
    while (read.erased === false && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      read = await registrationOn(reader, workerId);
    }
    expect(read).toEqual({ name: '[erased]', erased: true });
  });
});
